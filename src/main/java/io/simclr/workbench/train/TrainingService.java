package io.simclr.workbench.train;

import io.simclr.workbench.data.DatasetLoader;
import io.simclr.workbench.data.Split;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.stream.Stream;

/**
 * Runs training jobs on an executor of their own, one at a time, so the caller (the window's UI
 * thread, the command line) stays free; progress arrives through {@link TrainingListener}s.
 *
 * <p>A job is checked before anything is written (its config, every split it needs, its batch
 * against the data), then takes the run folder's {@link RunLock} for as long as it trains, so no
 * two trainers — in this process or another — write one run.
 */
public final class TrainingService implements AutoCloseable {

    private final ExecutorService executor = EngineThreads.single("simclr-trainer");

    /** A started job: its control (stop, pause, resume) and its outcome to come. */
    public record Job(TrainingControl control, CompletableFuture<TrainingOutcome> outcome) {}

    /**
     * Starts a new run in {@code runDir}.
     *
     * @param holder who trains, for the message a second trainer of the same folder gets ("train", "the window")
     * @throws IllegalArgumentException for a bad config or dataset, or a folder that holds a run already; nothing is written then
     * @throws IllegalStateException when another trainer holds the folder
     */
    public Job start(TrainConfig config, Path runDir, String holder, List<TrainingListener> listeners) {
        check(config);
        boolean existed = Files.exists(runDir);
        RunLock lock = lock(runDir, holder);
        RunFolder run;
        try {
            run = RunFolder.create(runDir, config);
        } catch (RuntimeException e) {
            release(lock);
            if (!existed) {
                removeIfOnlyLock(runDir);
            }
            throw e;
        }
        return launch(config, run, false, lock, listeners);
    }

    /**
     * Continues the run in {@code runDir} with its own config, on the device and threads it was
     * started with (the same threads give the same numbers, step for step) and no time limit.
     */
    public Job resume(Path runDir, String holder, List<TrainingListener> listeners) {
        return resume(runDir, RunFolder.open(runDir).readConfig().runtime().withMaxSeconds(0), holder, listeners);
    }

    /**
     * Continues the run in {@code runDir} with its own config and this invocation's {@code runtime}
     * (device, threads, time limit), which the caller builds from what was asked now.
     */
    public Job resume(Path runDir, RuntimeConfig runtime, String holder, List<TrainingListener> listeners) {
        RunFolder run = RunFolder.open(runDir);
        if (run.isImported()) {
            throw new IllegalArgumentException(runDir + " holds an imported encoder (" + RunFolder.IMPORTED_RECORD + "), which has no training"
                    + " to resume; evaluate or map it (eval, tsne), or compare it with a run trained here");
        }
        TrainConfig config = run.readConfig().withRuntime(runtime);
        check(config);
        RunLock lock = lock(runDir, holder);
        return launch(config, run, true, lock, listeners);
    }

    /** The job's config, the splits it reads and its batch against the training images; throws with a clear message. */
    static void check(TrainConfig config) {
        config.validated();
        int trainImages = DatasetLoader.count(config.data(), Split.TRAIN);
        DatasetLoader.count(config.data(), Split.TEST);
        int batch = config.optimization().batchSize();
        if (batch > trainImages) {
            throw new IllegalArgumentException(String.format("the batch of %,d images is larger than the %,d training images of %s;"
                    + " choose a batch of at most %,d", batch, trainImages, config.data().source().id(), trainImages));
        }
    }

    private Job launch(TrainConfig config, RunFolder run, boolean resume, RunLock lock, List<TrainingListener> listeners) {
        TrainingControl control = new TrainingControl();
        Trainer trainer = new Trainer(config, run, control);
        listeners.forEach(trainer::addListener);
        CompletableFuture<TrainingOutcome> outcome = CompletableFuture.supplyAsync(() -> {
            try {
                TrainingOutcome o = trainer.train(resume);
                if (!resume && o.status() == TrainingOutcome.Status.FAILED && o.globalStep() == 0) {
                    removeUnstartedRun(run);
                }
                return o;
            } finally {
                release(lock);
            }
        }, executor);
        return new Job(control, outcome);
    }

    private static RunLock lock(Path runDir, String holder) {
        try {
            return RunLock.acquire(runDir, holder);
        } catch (IOException e) {
            throw new UncheckedIOException(runDir + ": cannot take the run's lock (" + e.getMessage() + ")", e);
        }
    }

    private static void release(RunLock lock) {
        try {
            lock.close();
        } catch (IOException e) {
            // the OS drops the lock with the process anyway
        }
    }

    /**
     * A new run that failed before its first step is not a run: what this job wrote (its config, the
     * metrics header, the empty checkpoints folder) goes, and the folder with it if nothing else is there.
     */
    private static void removeUnstartedRun(RunFolder run) {
        try {
            if (new CheckpointStore(run.checkpointsDir()).newestFirst().isEmpty()) {
                Files.deleteIfExists(run.configFile());
                Files.deleteIfExists(run.metricsFile());
                try (Stream<Path> left = Files.list(run.checkpointsDir())) {
                    if (left.findAny().isEmpty()) {
                        Files.delete(run.checkpointsDir());
                    }
                }
                removeIfOnlyLock(run.root());
            }
        } catch (IOException e) {
            // what is left is harmless: a folder without a config is not listed as a run
        }
    }

    /** A folder this job made for nothing (holding only the lock file) is removed, so no empty run is left behind. */
    private static void removeIfOnlyLock(Path runDir) {
        try (Stream<Path> files = Files.list(runDir)) {
            List<Path> left = files.toList();
            if (left.size() == 1 && left.get(0).getFileName().toString().equals(RunLock.FILE)) {
                Files.delete(left.get(0));
                Files.delete(runDir);
            }
        } catch (IOException e) {
            // nothing of the user's is at stake
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
