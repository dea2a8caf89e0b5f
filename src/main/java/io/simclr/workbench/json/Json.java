package io.simclr.workbench.json;

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
 * The one JSON setup of the project: pretty printing, and configs read as "defaults with the
 * user's changes on top", where an unknown key or a value of the wrong kind is an error that names
 * the key (a misspelt option must never be silently ignored).
 */
public final class Json {

    public static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
            .registerTypeAdapterFactory(new StrictEnums()).create();
    /** Keeps unset fields as JSON nulls, so that an overlay can set them (a dataset folder, say). */
    private static final Gson WITH_NULLS = GSON.newBuilder().serializeNulls().create();

    private Json() {}

    public static String toJson(Object value) {
        return GSON.toJson(value);
    }

    /** Parses {@code text} as an object; {@code source} names it in messages. */
    public static JsonObject parseObject(String text, String source) {
        JsonElement root;
        try {
            root = JsonParser.parseString(text);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException(source + ": not valid JSON (" + plain(e) + ")", e);
        }
        if (root == null || !root.isJsonObject()) {
            throw new IllegalArgumentException(source + ": expected a JSON object { … }");
        }
        return root.getAsJsonObject();
    }

    /** A parser's message without the exception class Gson puts in front of it ("java.io.EOFException: End of input …"). */
    private static String plain(Exception e) {
        return String.valueOf(e.getMessage()).replaceFirst("^([\\w$]+\\.)+\\w+(Exception|Error): ", "");
    }

    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** {@code defaults} as a JSON tree, with {@code overrides} laid over it, converted to {@code type}. */
    public static <T> T overlay(Object defaults, JsonObject overrides, Class<T> type, String source) {
        JsonObject merged = WITH_NULLS.toJsonTree(defaults).getAsJsonObject();
        mergeInto(merged, overrides, "", source);
        try {
            return GSON.fromJson(merged, type);
        } catch (JsonParseException | NumberFormatException | IllegalStateException e) {
            throw new IllegalArgumentException(source + ": " + (e instanceof StrictEnums.UnknownValue ? "" : "a value has the wrong type: ")
                    + plain(e), e);
        }
    }

    private static void mergeInto(JsonObject target, JsonObject overrides, String path, String source) {
        for (Map.Entry<String, JsonElement> e : overrides.entrySet()) {
            String key = path + e.getKey();
            if (!target.has(e.getKey())) {
                throw new IllegalArgumentException(source + ": unknown key '" + key + "'; known keys here: " + target.keySet());
            }
            JsonElement existing = target.get(e.getKey());
            JsonElement value = e.getValue();
            if (existing.isJsonObject()) {
                if (!value.isJsonObject()) {
                    throw new IllegalArgumentException(source + ": '" + key + "' must be an object with keys " + existing.getAsJsonObject().keySet());
                }
                mergeInto(existing.getAsJsonObject(), value.getAsJsonObject(), key + ".", source);
            } else if (existing.isJsonNull()) {
                target.add(e.getKey(), value);
            } else {
                var want = existing.getAsJsonPrimitive();
                String kind = want.isBoolean() ? "true/false" : want.isNumber() ? "number" : "string";
                if (!value.isJsonPrimitive() || value.getAsJsonPrimitive().isBoolean() != want.isBoolean()
                        || value.getAsJsonPrimitive().isNumber() != want.isNumber()) {
                    throw new IllegalArgumentException(source + ": '" + key + "' must be a " + kind + ", not " + value);
                }
                target.add(e.getKey(), value);
            }
        }
    }
}
