package io.simclr.workbench.method;

import ai.djl.ndarray.NDArray;
import io.simclr.workbench.nd.Scalars;

/**
 * BYOL's loss (Grill et al. 2020, eq. 2), symmetrised as the paper's eq. 5:
 *
 * <pre>
 *   L = 1/2 [ (2 - 2 cos(p1, z'2)) + (2 - 2 cos(p2, z'1)) ]
 * </pre>
 *
 * the squared distance between the online prediction p of one view and the target projection z' of
 * the other, both normalised; mean over the batch. The target's z' carries no gradient (it comes from
 * the momentum target, and is detached here too): 0 when the predictions match, 4 at most.
 */
final class ByolLoss {
    private ByolLoss() {}

    static NDArray compute(NDArray p1, NDArray p2, NDArray target1, NDArray target2) {
        NDArray cosines = UnitVectors.rowCosine(p1, target2.stopGradient()).mean()
                .add(UnitVectors.rowCosine(p2, target1.stopGradient()).mean());
        return Scalars.add(cosines.neg(), 2);
    }
}
