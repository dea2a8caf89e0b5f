package io.simclr.workbench.app;

import javafx.animation.AnimationTimer;

/**
 * Measures how long the UI thread goes without running a pulse while the window is busy: the
 * longest gap between consecutive pulses beyond the ~16 ms a frame takes is the longest stall a
 * user could feel.
 */
public final class UiStallMeter extends AnimationTimer {

    private long last;
    private volatile double worstMillis;

    @Override
    public void handle(long now) {
        if (last != 0) {
            double gap = (now - last) / 1e6;
            if (gap > worstMillis) {
                worstMillis = gap;
            }
        }
        last = now;
    }

    public double worstGapMillis() {
        return worstMillis;
    }

    public void reset() {
        worstMillis = 0;
        last = 0;
    }
}
