package io.simclr.workbench.method;

import ai.djl.ndarray.NDArray;
import io.simclr.workbench.nd.Scalars;

/**
 * SwAV's equal-partition assignment (Caron et al. 2020, eq. 3 and its Algorithm): from the scores of
 * B samples against K prototypes, Q = exp(scores / epsilon) rescaled by alternating the two
 * normalisations the paper's code does — every prototype's column to total 1/K, every sample's row to
 * 1/B — for a few iterations, then times B, so each sample's codes sum to 1 and each prototype gets
 * about B/K of the batch. Without gradients: the codes are targets.
 */
final class SinkhornKnopp {

    private final int iterations;
    private final double epsilon;

    SinkhornKnopp(int iterations, double epsilon) {
        if (iterations < 1 || !(epsilon > 0)) {
            throw new IllegalArgumentException("Sinkhorn-Knopp needs at least 1 iteration and epsilon above 0");
        }
        this.iterations = iterations;
        this.epsilon = epsilon;
    }

    /** Codes (B, K) of {@code scores} (B, K): rows sum to 1, columns to about B/K. */
    NDArray codes(NDArray scores) {
        NDArray s = scores.stopGradient();
        long samples = s.getShape().get(0);
        long prototypes = s.getShape().get(1);
        // Shifting by the largest score changes nothing after normalising, and keeps exp() finite.
        NDArray q = Scalars.div(s.sub(s.max()), epsilon).exp();
        q = q.div(q.sum());
        for (int i = 0; i < iterations; i++) {
            q = Scalars.div(q.div(q.sum(new int[] {0}, true)), prototypes);
            q = Scalars.div(q.div(q.sum(new int[] {1}, true)), samples);
        }
        return Scalars.mul(q, samples);
    }
}
