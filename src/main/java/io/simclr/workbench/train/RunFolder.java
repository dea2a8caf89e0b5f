package io.simclr.workbench.train;

import io.simclr.workbench.files.AtomicFiles;
import io.simclr.workbench.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A run's folder ({@code runs/<name>/}): {@code config.json}, {@code metrics.csv},
 * {@code checkpoints/} (with {@code latest} naming the newest) and, later, evaluation files.
 */
public final class RunFolder {

    private final Path root;

    private RunFolder(Path root) {
        this.root = root;
    }

    /** A new run: refuses a folder that already holds a run, so nothing a user made is overwritten. */
    public static RunFolder create(Path root, TrainConfig config) {
        if (Files.exists(root.resolve("config.json"))) {
            throw new IllegalArgumentException(root + " already holds a run; resume it with --resume " + root + " or choose another --out");
        }
        try {
            Files.createDirectories(root.resolve("checkpoints"));
            AtomicFiles.writeString(root.resolve("config.json"), Json.toJson(config));
        } catch (IOException e) {
            throw new UncheckedIOException(root + ": cannot create the run folder (" + e.getMessage() + ")", e);
        }
        return new RunFolder(root);
    }

    /** An existing run, for resuming or evaluating. */
    public static RunFolder open(Path root) {
        if (!Files.isRegularFile(root.resolve("config.json"))) {
            throw new IllegalArgumentException(root + " is not a run folder (it has no config.json); point at runs/<name>");
        }
        return new RunFolder(root);
    }

    /** The most recently written run under {@code runs} that has a checkpoint, if any. */
    public static java.util.Optional<RunFolder> newestWithCheckpoint(Path runs) {
        if (!Files.isDirectory(runs)) {
            return java.util.Optional.empty();
        }
        try (var children = Files.list(runs)) {
            return children.filter(d -> Files.isRegularFile(d.resolve("config.json")))
                    .filter(d -> new CheckpointStore(d.resolve("checkpoints")).latest().isPresent())
                    .max(java.util.Comparator.comparing(d -> {
                        try {
                            return Files.getLastModifiedTime(d.resolve("checkpoints"));
                        } catch (IOException e) {
                            return java.nio.file.attribute.FileTime.fromMillis(0);
                        }
                    }))
                    .map(RunFolder::new);
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    public Path root() {
        return root;
    }

    public Path configFile() {
        return root.resolve("config.json");
    }

    public Path metricsFile() {
        return root.resolve("metrics.csv");
    }

    public Path checkpointsDir() {
        return root.resolve("checkpoints");
    }

    public TrainConfig readConfig() {
        TrainConfig config = Json.GSON.fromJson(Json.read(configFile()), TrainConfig.class);
        if (config == null) {
            throw new IllegalArgumentException(configFile() + ": empty");
        }
        return config.validated();
    }
}
