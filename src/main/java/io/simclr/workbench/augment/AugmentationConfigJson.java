package io.simclr.workbench.augment;

import com.google.gson.JsonObject;
import io.simclr.workbench.json.Json;
import java.nio.file.Path;

/**
 * Reads and writes {@link AugmentationConfig} as JSON. A file may name a {@code "preset"} and list
 * only what it changes; everything else comes from the preset (simclr-cifar when none is named).
 */
public final class AugmentationConfigJson {

    private static final AugmentationPreset DEFAULT_BASE = AugmentationPreset.SIMCLR_CIFAR;

    private AugmentationConfigJson() {}

    public static String toJson(AugmentationConfig config) {
        return Json.toJson(config);
    }

    public static AugmentationConfig read(Path file) {
        return parse(Json.read(file), file.toString());
    }

    /** Parses {@code text}; {@code source} names it in error messages. */
    public static AugmentationConfig parse(String text, String source) {
        return fromTree(Json.parseObject(text, source), source);
    }

    /** The config a JSON object describes, over its preset. */
    public static AugmentationConfig fromTree(JsonObject tree, String source) {
        JsonObject user = tree.deepCopy();
        AugmentationPreset base = DEFAULT_BASE;
        if (user.has("preset")) {
            try {
                base = AugmentationPreset.parse(user.remove("preset").getAsString());
            } catch (IllegalArgumentException | UnsupportedOperationException | IllegalStateException e) {
                throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
            }
        }
        AugmentationConfig config = Json.overlay(base.config(), user, AugmentationConfig.class, source);
        var problems = config.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(source + ": " + String.join("; ", problems));
        }
        return config;
    }
}
