package io.simclr.workbench.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.ParameterStore;
import io.simclr.workbench.model.SimClrNetwork;

/** Barlow Twins (Zbontar et al. 2021): the cross-correlation of the two views' projections pulled to the identity. Adds nothing. */
final class BarlowTwinsMethod implements TrainingMethod {

    private final SimClrNetwork network;
    private final ParameterStore parameters;
    private final BarlowTwinsLoss loss;

    BarlowTwinsMethod(MethodContext context, MethodConfig.BarlowTwins settings) {
        this.network = context.network();
        this.parameters = context.parameters();
        this.loss = new BarlowTwinsLoss(settings.lambda());
    }

    @Override
    public MethodKind kind() {
        return MethodKind.BARLOW_TWINS;
    }

    @Override
    public MethodStep forward(NDArray views, int[] images, long step) {
        int pairs = images.length;
        NDArray z = network.forward(parameters, new NDList(views), true).get(1);
        NDArray value = loss.compute(z.get(new NDIndex("0:{}", pairs)), z.get(new NDIndex("{}:", pairs)));
        return new MethodStep() {
            @Override
            public NDArray loss() {
                return value;
            }

            @Override
            public NDArray projections() {
                return z;
            }
        };
    }
}
