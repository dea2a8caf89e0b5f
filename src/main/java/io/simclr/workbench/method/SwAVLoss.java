package io.simclr.workbench.method;

import ai.djl.ndarray.NDArray;
import io.simclr.workbench.nd.Scalars;

/**
 * SwAV's swapped prediction (Caron et al. 2020, eq. 1 and 2): each view's codes q (from
 * Sinkhorn-Knopp) are the target of the other view's softmax over the prototypes,
 *
 * <pre>
 *   L = -1/2 sum_k [ q1_k log p2_k + q2_k log p1_k ],   p_k = softmax(scores / tau)_k
 * </pre>
 *
 * mean over the batch, where scores are the cosines of the normalised embedding with the normalised
 * prototypes.
 */
final class SwAVLoss {

    private final double temperature;

    SwAVLoss(double temperature) {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be a number above 0, not " + temperature);
        }
        this.temperature = temperature;
    }

    /** @param scores1 (N, K) view 1's scores, gradients flow; {@code codes1} its codes, without gradient; the same for view 2 */
    NDArray compute(NDArray scores1, NDArray scores2, NDArray codes1, NDArray codes2) {
        NDArray first = codes1.mul(Scalars.div(scores2, temperature).logSoftmax(1)).sum(new int[] {1}).mean();
        NDArray second = codes2.mul(Scalars.div(scores1, temperature).logSoftmax(1)).sum(new int[] {1}).mean();
        return Scalars.div(first.add(second), 2).neg();
    }
}
