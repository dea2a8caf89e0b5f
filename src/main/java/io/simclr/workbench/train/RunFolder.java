package io.simclr.workbench.train;

import io.simclr.workbench.files.AtomicFiles;
import io.simclr.workbench.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A run's folder ({@code runs/<name>/}): {@code config.json}, {@code metrics.csv},
 * {@code checkpoints/} (with {@code latest} naming the newest), the lock a trainer holds in it and,
 * later, evaluation files.
 */
public final class RunFolder {

    /** The names of the files a run folder holds (DESIGN.md, "Run folder contract"); nothing else spells them. */
    public static final String CONFIG = "config.json";
    public static final String METRICS = "metrics.csv";
    public static final String CHECKPOINTS = "checkpoints";
    public static final String EVALUATION = "eval.json";
    public static final String EMBEDDINGS = "embeddings.csv";
    public static final String REPORT = "report.html";
    /**
     * Present in a run made by importing an encoder trained elsewhere (see the exchange package's
     * EncoderImport): where the weights came from. Its presence is what marks a run as imported.
     */
    public static final String IMPORTED_RECORD = "imported.json";

    private static final java.time.format.DateTimeFormatter STAMP = java.time.format.DateTimeFormatter.ofPattern("MMdd-HHmmss");

    private final Path root;

    private RunFolder(Path root) {
        this.root = root;
    }

    /**
     * The name of a new run: what it trains on and with, then when, so a list of runs reads without
     * opening them ("shapes-small-1129-150212").
     */
    public static String newName(TrainConfig config, java.time.LocalDateTime when) {
        return config.data().source().id() + "-" + config.model().encoder().id() + "-" + when.format(STAMP);
    }

    /** A new run: refuses a folder that already holds a run, so nothing a user made is overwritten. */
    public static RunFolder create(Path root, TrainConfig config) {
        if (Files.exists(root.resolve(CONFIG))) {
            throw new IllegalArgumentException(root + " already holds a run; resume it, or choose another folder for the new one");
        }
        try {
            Files.createDirectories(root.resolve(CHECKPOINTS));
            AtomicFiles.writeString(root.resolve(CONFIG), Json.toJson(config));
        } catch (IOException e) {
            throw new UncheckedIOException(root + ": cannot create the run folder (" + e.getMessage() + ")", e);
        }
        return new RunFolder(root);
    }

    /** An existing run, for resuming or evaluating. */
    public static RunFolder open(Path root) {
        if (!Files.isRegularFile(root.resolve(CONFIG))) {
            throw new IllegalArgumentException(root + " is not a run folder (it has no config.json); point at runs/<name>");
        }
        return new RunFolder(root);
    }

    /** The most recently written run under {@code runs} that has a checkpoint, if any. */
    public static Optional<RunFolder> newestWithCheckpoint(Path runs) {
        if (!Files.isDirectory(runs)) {
            return Optional.empty();
        }
        try (Stream<Path> children = Files.list(runs)) {
            return children.filter(d -> Files.isRegularFile(d.resolve(CONFIG)))
                    .filter(d -> !new CheckpointStore(d.resolve(CHECKPOINTS)).newestFirst().isEmpty())
                    .max(Comparator.comparing(d -> {
                        try {
                            return Files.getLastModifiedTime(d.resolve(CHECKPOINTS));
                        } catch (IOException e) {
                            return FileTime.fromMillis(0);
                        }
                    }))
                    .map(RunFolder::new);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public Path root() {
        return root;
    }

    public Path configFile() {
        return root.resolve(CONFIG);
    }

    public Path metricsFile() {
        return root.resolve(METRICS);
    }

    public Path checkpointsDir() {
        return root.resolve(CHECKPOINTS);
    }

    /** Whether the run's weights were imported rather than pretrained here (it then has no metrics). */
    public boolean isImported() {
        return Files.isRegularFile(root.resolve(IMPORTED_RECORD));
    }

    public CheckpointStore checkpoints() {
        return new CheckpointStore(checkpointsDir());
    }

    /** The run's config, validated; a damaged or hand-broken file is an error naming it and the key. */
    public TrainConfig readConfig() {
        return TrainConfigJson.read(configFile());
    }
}
