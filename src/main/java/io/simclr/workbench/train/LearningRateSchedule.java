package io.simclr.workbench.train;

/**
 * Linear warm-up from 0 to the base rate over {@code warmupSteps}, the base rate held for
 * {@code holdSteps} more (sthalles/SimCLR holds it for 10 epochs), then a cosine from the base rate
 * to 0 over {@code decaySteps} (0: over the rest of the run, reaching 0 at {@code totalSteps}; a
 * longer decay ends the run above 0, as sthalles/SimCLR's does); stepped every iteration, so a
 * resumed run picks up the exact value from the step count alone.
 */
public record LearningRateSchedule(double baseRate, long warmupSteps, long holdSteps, long totalSteps, long decaySteps) {

    public LearningRateSchedule {
        if (!(baseRate > 0) || Double.isInfinite(baseRate)) {
            throw new IllegalArgumentException("learning rate must be above 0, not " + baseRate);
        }
        if (decaySteps < 0) {
            throw new IllegalArgumentException("the decay must be 0 steps (to the end of the run) or more, not " + decaySteps);
        }
        if (warmupSteps < 0 || holdSteps < 0 || totalSteps < 1 || warmupSteps + holdSteps > totalSteps) {
            throw new IllegalArgumentException("warm-up (" + warmupSteps + " steps) and hold (" + holdSteps
                    + " steps) must lie within the run (" + totalSteps + " steps)");
        }
    }

    /** The rate for step {@code step} (0-based: the first update uses step 0). */
    public double rate(long step) {
        if (step < warmupSteps) {
            return baseRate * (step + 1) / warmupSteps;
        }
        long decayStart = warmupSteps + holdSteps;
        if (step < decayStart) {
            return baseRate;
        }
        long period = decaySteps > 0 ? decaySteps : Math.max(1, totalSteps - decayStart);
        double progress = Math.min(1.0, (double) (step - decayStart) / period);
        return baseRate * 0.5 * (1 + StrictMath.cos(Math.PI * progress));
    }
}
