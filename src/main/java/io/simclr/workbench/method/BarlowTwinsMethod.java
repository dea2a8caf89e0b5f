package io.simclr.workbench.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/** Barlow Twins (Zbontar et al. 2021): the cross-correlation of the two views' projections pulled to the identity. Adds nothing. */
final class BarlowTwinsMethod implements TrainingMethod {

    private final MethodContext context;
    private final BarlowTwinsLoss loss;

    BarlowTwinsMethod(MethodContext context, MethodConfig.BarlowTwins settings) {
        this.context = context;
        this.loss = new BarlowTwinsLoss(settings.lambda());
    }

    @Override
    public MethodKind kind() {
        return MethodKind.BARLOW_TWINS;
    }

    @Override
    public MethodStep forward(NDArray views, int[] images, long step) {
        NDArray z = context.projections(views);
        NDList views2 = z.split(2);
        return new MethodStep(loss.compute(views2.get(0), views2.get(1)), z);
    }
}
