package io.simclr.workbench.augment;

import java.util.random.RandomGenerator;

/**
 * One random augmentation applied in place to a square planar RGB view with values in [0, 1].
 * Implementations hold only their parameters, so one instance serves every thread; per-thread
 * working memory comes in {@code scratch} (at least {@code 3 * side * side} floats).
 */
public interface ViewOperation {

    void apply(float[] image, int side, RandomGenerator rng, float[] scratch);

    /** Draws whether to apply an operation of probability {@code p}; always draws, to keep streams aligned. */
    static boolean fires(double p, RandomGenerator rng) {
        return rng.nextDouble() < p;
    }
}
