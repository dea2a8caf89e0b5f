package io.simclr.workbench.train;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs training jobs on an executor of their own, one at a time, so the caller (the window's UI
 * thread, the command line) stays free; progress arrives through {@link TrainingListener}s.
 */
public final class TrainingService implements AutoCloseable {

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "simclr-trainer");
        t.setDaemon(true);
        return t;
    });

    /** A started job: its control (stop, pause, resume) and its outcome to come. */
    public record Job(TrainingControl control, CompletableFuture<TrainingOutcome> outcome) {}

    /** Starts a new run in {@code runDir}, or resumes the run there when {@code resume}. */
    public Job start(TrainConfig config, Path runDir, boolean resume, List<TrainingListener> listeners) {
        RunFolder run = resume ? RunFolder.open(runDir) : RunFolder.create(runDir, config);
        TrainingControl control = new TrainingControl();
        SimClrTrainer trainer = new SimClrTrainer(config, run, control);
        listeners.forEach(trainer::addListener);
        CompletableFuture<TrainingOutcome> outcome = CompletableFuture.supplyAsync(() -> trainer.train(resume), executor);
        return new Job(control, outcome);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
