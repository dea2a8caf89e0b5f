package io.simclr.workbench.cli;

import io.simclr.workbench.run.ExperimentControl;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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
