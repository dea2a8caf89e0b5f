package io.simclr.workbench.train;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Wall time spent in each phase of training steps, summed since the last {@link #reset()}. The CPU
 * engine finishes each operation before it returns, so a clock read between phases splits a step
 * truly; on a GPU the phases would blur into whichever one waits.
 */
public final class StepPhases {

    public enum Phase {
        FORWARD_AND_LOSS("forward and loss"),
        BACKWARD("backward"),
        METRICS("batch metrics"),
        GRADIENT_NORM("gradient norm"),
        OPTIMIZER("optimizer"),
        METHOD_UPDATE("method's own update");

        private final String label;

        Phase(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final long[] nanos = new long[Phase.values().length];
    private long steps;
    private long lapStart;

    void startStep() {
        steps++;
        lapStart = System.nanoTime();
    }

    /** Charges the time since the step started or since the last lap to {@code phase}. */
    void lap(Phase phase) {
        long now = System.nanoTime();
        nanos[phase.ordinal()] += now - lapStart;
        lapStart = now;
    }

    public void reset() {
        Arrays.fill(nanos, 0);
        steps = 0;
    }

    /** Mean seconds per step spent in {@code phase}. */
    private double secondsPerStep(Phase phase) {
        return steps == 0 ? 0 : nanos[phase.ordinal()] / 1e9 / steps;
    }

    /** Mean seconds per step of every phase, as they stand now (later steps do not change it). */
    public Map<Phase, Double> meanSeconds() {
        Map<Phase, Double> means = new EnumMap<>(Phase.class);
        for (Phase phase : Phase.values()) {
            means.put(phase, secondsPerStep(phase));
        }
        return Collections.unmodifiableMap(means);
    }
}
