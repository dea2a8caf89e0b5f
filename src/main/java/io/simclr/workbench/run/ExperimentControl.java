package io.simclr.workbench.run;

import io.simclr.workbench.train.TrainingControl;

/**
 * Stops a sweep or a study from another thread (the window's Stop button): the cell that is training
 * stops at its next step, keeping its checkpoint, and no further cell starts. Started again, the
 * experiment continues with that cell.
 */
public final class ExperimentControl {

    private boolean stopRequested;
    private TrainingControl current;

    public synchronized void stop() {
        stopRequested = true;
        if (current != null) {
            current.requestStop();
        }
    }

    public synchronized boolean stopRequested() {
        return stopRequested;
    }

    /** Called before a cell starts: after a stop, no further cell does. */
    void throwIfStopped(String nextCell) {
        if (stopRequested()) {
            throw new java.util.concurrent.CancellationException("stopped before " + nextCell);
        }
    }

    synchronized void attach(TrainingControl training) {
        current = training;
        if (stopRequested) {
            training.requestStop();
        }
    }

    synchronized void detach() {
        current = null;
    }
}
