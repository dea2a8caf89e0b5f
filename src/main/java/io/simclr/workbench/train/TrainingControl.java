package io.simclr.workbench.train;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Stop, pause and resume for a running trainer, safe to call from any thread (the window's). The
 * trainer looks at it between steps, so a stop or pause takes effect within one step.
 */
public final class TrainingControl {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private boolean stopRequested;
    private boolean paused;

    public void requestStop() {
        lock.lock();
        try {
            stopRequested = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public void pause() {
        lock.lock();
        try {
            paused = true;
        } finally {
            lock.unlock();
        }
    }

    public void resume() {
        lock.lock();
        try {
            paused = false;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Blocks while paused; returns true if a stop was requested. */
    boolean awaitRunnable() throws InterruptedException {
        lock.lock();
        try {
            while (paused && !stopRequested) {
                changed.await();
            }
            return stopRequested;
        } finally {
            lock.unlock();
        }
    }
}
