package io.simclr.workbench.augment;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads and writes {@link AugmentationConfig} as JSON. A file may name a {@code "preset"} and list
 * only what it changes; everything else comes from the preset (simclr-cifar when none is named).
 * Unknown keys are errors, so a misspelt option cannot be silently ignored.
 */
public final class AugmentationConfigJson {

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();
    private static final AugmentationPreset DEFAULT_BASE = AugmentationPreset.SIMCLR_CIFAR;

    private AugmentationConfigJson() {}

    public static String toJson(AugmentationConfig config) {
        return GSON.toJson(config);
    }

    public static AugmentationConfig read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
        return parse(text, file.toString());
    }

    /** Parses {@code text}; {@code source} names it in error messages. */
    public static AugmentationConfig parse(String text, String source) {
        JsonElement root;
        try {
            root = JsonParser.parseString(text);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException(source + ": not valid JSON (" + e.getMessage() + ")", e);
        }
        if (!root.isJsonObject()) {
            throw new IllegalArgumentException(source + ": expected a JSON object such as {\"preset\": \"simclr-cifar\", \"blur\": {\"enabled\": true}}");
        }
        JsonObject user = root.getAsJsonObject().deepCopy();
        AugmentationPreset base = DEFAULT_BASE;
        if (user.has("preset")) {
            try {
                base = AugmentationPreset.parse(user.remove("preset").getAsString());
            } catch (IllegalArgumentException | UnsupportedOperationException | IllegalStateException e) {
                throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
            }
        }
        JsonObject merged = GSON.toJsonTree(base.config()).getAsJsonObject();
        mergeInto(merged, user, "", source);
        AugmentationConfig config;
        try {
            config = GSON.fromJson(merged, AugmentationConfig.class);
        } catch (JsonParseException | NumberFormatException e) {
            throw new IllegalArgumentException(source + ": a value has the wrong type (" + e.getMessage() + ")", e);
        }
        var problems = config.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(source + ": " + String.join("; ", problems));
        }
        return config;
    }

    private static void mergeInto(JsonObject target, JsonObject overrides, String path, String source) {
        for (Map.Entry<String, JsonElement> e : overrides.entrySet()) {
            String key = path + e.getKey();
            if (!target.has(e.getKey())) {
                throw new IllegalArgumentException(source + ": unknown key '" + key + "'; known keys here: " + target.keySet());
            }
            JsonElement existing = target.get(e.getKey());
            if (existing.isJsonObject()) {
                if (!e.getValue().isJsonObject()) {
                    throw new IllegalArgumentException(source + ": '" + key + "' must be an object with keys " + existing.getAsJsonObject().keySet());
                }
                mergeInto(existing.getAsJsonObject(), e.getValue().getAsJsonObject(), key + ".", source);
            } else {
                if (!e.getValue().isJsonPrimitive()) {
                    throw new IllegalArgumentException(source + ": '" + key + "' must be a " + (existing.getAsJsonPrimitive().isBoolean() ? "true/false" : "number"));
                }
                if (existing.getAsJsonPrimitive().isBoolean() != e.getValue().getAsJsonPrimitive().isBoolean()
                        || existing.getAsJsonPrimitive().isNumber() != e.getValue().getAsJsonPrimitive().isNumber()) {
                    throw new IllegalArgumentException(source + ": '" + key + "' must be a " + (existing.getAsJsonPrimitive().isBoolean() ? "true/false" : "number")
                            + ", not " + e.getValue());
                }
                target.add(e.getKey(), e.getValue());
            }
        }
    }
}
