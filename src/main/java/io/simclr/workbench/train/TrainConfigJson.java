package io.simclr.workbench.train;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.simclr.workbench.data.DataConfig;
import io.simclr.workbench.data.DataSource;
import io.simclr.workbench.json.Json;
import io.simclr.workbench.method.MethodKind;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Reads training configs: a run's {@code config.json} or a {@code --config} file, laid over the
 * defaults so that an unknown key or a value of the wrong kind is an error naming the key. Files
 * written before the config had sections (one flat object: {@code batchSize}, {@code temperature},
 * {@code maxSeconds}, …) are read as the same job in today's sections.
 */
public final class TrainConfigJson {
    private TrainConfigJson() {}

    /** Where each key of the flat format (before sections) lives now. */
    private static final Map<String, String> FLAT_KEYS = Map.ofEntries(
            Map.entry("batchSize", "optimization.batchSize"), Map.entry("optimizer", "optimization.optimizer"),
            Map.entry("learningRate", "optimization.learningRate"), Map.entry("weightDecay", "optimization.weightDecay"),
            Map.entry("epochs", "schedule.epochs"), Map.entry("warmupEpochs", "schedule.warmupEpochs"),
            Map.entry("holdEpochs", "schedule.holdEpochs"), Map.entry("decayEpochs", "schedule.decayEpochs"),
            Map.entry("temperature", "method.simclr.temperature"), Map.entry("device", "runtime.device"),
            Map.entry("threads", "runtime.threads"), Map.entry("augmentThreads", "runtime.augmentThreads"),
            Map.entry("maxSeconds", "runtime.maxSeconds"), Map.entry("logEvery", "monitor.logEvery"),
            Map.entry("knnK", "monitor.knnK"), Map.entry("knnTemperature", "monitor.knnTemperature"));

    /** A complete config file (a run's {@code config.json}), validated; every problem names the file. */
    public static TrainConfig read(Path file) {
        JsonObject json = Json.parseObject(Json.read(file), file.toString());
        return overlay(defaultsFor(json), json, file.toString()).validated(file.toString());
    }

    /**
     * {@code overrides} (either format) laid over {@code base}; {@code source} names where they came
     * from in messages. Overrides that name another method than the base's are laid over that
     * method's defaults, so a file may give only the settings it changes.
     */
    public static TrainConfig overlay(TrainConfig base, JsonObject overrides, String source) {
        JsonObject sectioned = sectioned(overrides);
        Optional<MethodKind> named = methodNamedIn(sectioned);
        if (named.isPresent() && named.get() != base.method().name()) {
            base = base.withMethod(TrainConfig.defaultMethod(named.get(), base.data()));
        }
        TrainConfig merged = Json.overlay(base, sectioned, TrainConfig.class, source);
        if (merged == null) {
            throw new IllegalArgumentException(source + ": holds no training config");
        }
        return merged;
    }

    /** The method a config object names in {@code method.name}, if it names one that exists (the overlay reports one that does not). */
    public static Optional<MethodKind> methodNamedIn(JsonObject json) {
        JsonElement method = sectioned(json).get("method");
        if (method == null || !method.isJsonObject()) {
            return Optional.empty();
        }
        JsonElement name = method.getAsJsonObject().get("name");
        if (name == null || !name.isJsonPrimitive() || !name.getAsJsonPrimitive().isString()) {
            return Optional.empty();
        }
        return Arrays.stream(MethodKind.values()).filter(k -> k.id().equals(name.getAsString())).findFirst();
    }

    /** The defaults of the dataset the file names, so a file that leaves a key out gets that dataset's value. */
    private static TrainConfig defaultsFor(JsonObject json) {
        DataSource source = DataSource.SHAPES;
        JsonElement data = json.get("data");
        if (data != null && data.isJsonObject() && data.getAsJsonObject().has("source")) {
            try {
                source = DataSource.parse(data.getAsJsonObject().get("source").getAsString());
            } catch (RuntimeException e) {
                // the overlay reports the bad value with its key
            }
        }
        return TrainConfig.defaults(DataConfig.of(source, null));
    }

    /** A flat (pre-section) object moved into sections; a sectioned one as it is. */
    static JsonObject sectioned(JsonObject json) {
        boolean flat = FLAT_KEYS.keySet().stream().anyMatch(json::has);
        if (!flat) {
            return json;
        }
        JsonObject out = new JsonObject();
        for (Map.Entry<String, JsonElement> e : json.entrySet()) {
            String path = FLAT_KEYS.getOrDefault(e.getKey(), e.getKey());
            String[] parts = path.split("\\.");
            JsonObject at = out;
            for (int i = 0; i < parts.length - 1; i++) {
                if (!at.has(parts[i]) || !at.get(parts[i]).isJsonObject()) {
                    at.add(parts[i], new JsonObject());
                }
                at = at.getAsJsonObject(parts[i]);
            }
            at.add(parts[parts.length - 1], e.getValue());
        }
        return out;
    }
}
