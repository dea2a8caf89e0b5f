package io.simclr.workbench.train;

/**
 * Linear warm-up from 0 to the base rate over {@code warmupSteps}, then cosine decay to
 * {@code finalFraction} of it at {@code totalSteps}; stepped every iteration, so a resumed run picks
 * up the exact value from the step count alone.
 */
public record LearningRateSchedule(double baseRate, long warmupSteps, long totalSteps, double finalFraction) {

    public LearningRateSchedule {
        if (!(baseRate > 0) || Double.isInfinite(baseRate)) {
            throw new IllegalArgumentException("learning rate must be above 0, not " + baseRate);
        }
        if (warmupSteps < 0 || totalSteps < 1 || warmupSteps > totalSteps) {
            throw new IllegalArgumentException("warm-up (" + warmupSteps + " steps) must lie within the run (" + totalSteps + " steps)");
        }
    }

    /** The rate for step {@code step} (0-based: the first update uses step 0). */
    public double rate(long step) {
        if (step < warmupSteps) {
            return baseRate * (step + 1) / warmupSteps;
        }
        long decaySteps = Math.max(1, totalSteps - warmupSteps);
        double progress = Math.min(1.0, (double) (step - warmupSteps) / decaySteps);
        double cosine = 0.5 * (1 + StrictMath.cos(Math.PI * progress));
        return baseRate * (finalFraction + (1 - finalFraction) * cosine);
    }
}
