package io.simclr.workbench.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import io.simclr.workbench.model.SimClrNetwork;

/** SimCLR: both views of every image through the one network in one pass, NT-Xent over the 2N projections. Adds nothing. */
final class SimClrMethod implements TrainingMethod {

    private final SimClrNetwork network;
    private final ParameterStore parameters;
    private final NtXentLoss loss;

    SimClrMethod(MethodContext context, MethodConfig.SimClr settings) {
        this.network = context.network();
        this.parameters = context.parameters();
        this.loss = new NtXentLoss(settings.temperature());
    }

    @Override
    public MethodKind kind() {
        return MethodKind.SIMCLR;
    }

    @Override
    public MethodStep forward(NDArray views, int[] images, long step) {
        NDArray z = network.forward(parameters, new NDList(views), true).get(1);
        NtXentLoss.Result result = loss.compute(z);
        return new MethodStep() {
            @Override
            public NDArray loss() {
                return result.loss();
            }

            @Override
            public NDArray projections() {
                return z;
            }

            @Override
            public ContrastiveMetrics batchMetrics(double lossValue) {
                int count = Math.toIntExact(z.getShape().get(0));
                int dim = Math.toIntExact(result.normalized().getShape().get(1));
                return ContrastiveMetrics.compute(result.cosine().toFloatArray(), result.normalized().toFloatArray(), count, dim,
                        loss.temperature());
            }
        };
    }
}
