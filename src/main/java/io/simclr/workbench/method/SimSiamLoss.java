package io.simclr.workbench.method;

import ai.djl.ndarray.NDArray;
import io.simclr.workbench.nd.Scalars;

/**
 * SimSiam's loss (Chen and He 2021, eq. 3 and 4): the negative cosine of one view's prediction and
 * the other view's projection, symmetrised,
 *
 * <pre>
 *   L = 1/2 D(p1, stopgrad(z2)) + 1/2 D(p2, stopgrad(z1)),   D(p, z) = -cos(p, z)
 * </pre>
 *
 * mean over the batch; -1 when every prediction matches. Without the stop-gradient both branches are
 * pulled together and the network collapses, which is what {@code stopGradient = false} shows.
 */
final class SimSiamLoss {
    private SimSiamLoss() {}

    static NDArray compute(NDArray p1, NDArray p2, NDArray z1, NDArray z2, boolean stopGradient) {
        NDArray target1 = stopGradient ? z1.stopGradient() : z1;
        NDArray target2 = stopGradient ? z2.stopGradient() : z2;
        NDArray cosines = UnitVectors.rowCosine(p1, target2).mean().add(UnitVectors.rowCosine(p2, target1).mean());
        return Scalars.div(cosines, 2).neg();
    }
}
