package io.simclr.workbench.cli;

import io.simclr.workbench.run.ExperimentControl;
import io.simclr.workbench.run.ExperimentProgress;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Ctrl-C during a sweep or study: stop the running cell at its next step and let it write its
 * checkpoint before the JVM exits, so the same command started again continues from there.
 */
final class StopOnInterrupt implements AutoCloseable {

    private final ExperimentControl control = new ExperimentControl();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook = new Thread(this::stopAndWait, "stop-experiment");

    StopOnInterrupt() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** A sweep or study started with a progress callback and a control. */
    interface Experiment<T> {
        T run(Consumer<ExperimentProgress> progress, ExperimentControl control) throws IOException;
    }

    /**
     * Runs {@code experiment} with each progress line printed to {@code log} and Ctrl-C as a resumable
     * stop; empty when it was stopped (the log then says how to continue the {@code what}).
     */
    static <T> Optional<T> run(PrintWriter log, String what, Experiment<T> experiment) throws IOException {
        try (StopOnInterrupt interrupt = new StopOnInterrupt()) {
            return Optional.of(experiment.run(p -> {
                log.println(p.message());
                log.flush();
            }, interrupt.control()));
        } catch (CancellationException e) {
            log.printf("%s; run the same command again to continue the %s%n", e.getMessage(), what);
            return Optional.empty();
        }
    }

    ExperimentControl control() {
        return control;
    }

    private void stopAndWait() {
        control.stop();
        try {
            finished.await(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is already running; it has what it waits for.
        }
    }
}
