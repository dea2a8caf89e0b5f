package io.simclr.workbench.method;

import ai.djl.ndarray.NDArray;

/** SimCLR: both views of every image through the one network in one pass, NT-Xent over the 2N projections. Adds nothing. */
final class SimClrMethod implements TrainingMethod {

    private final MethodContext context;
    private final NtXentLoss loss;

    SimClrMethod(MethodContext context, MethodConfig.SimClr settings) {
        this.context = context;
        this.loss = new NtXentLoss(settings.temperature());
    }

    @Override
    public MethodKind kind() {
        return MethodKind.SIMCLR;
    }

    @Override
    public MethodStep forward(NDArray views, int[] images, long step) {
        NDArray z = context.projections(views);
        NtXentLoss.Result result = loss.compute(z);
        int count = Math.toIntExact(z.getShape().get(0));
        int dim = Math.toIntExact(result.normalized().getShape().get(1));
        return new MethodStep(result.loss(), z).withBatchMetrics(lossValue -> ContrastiveMetrics.compute(result.cosine().toFloatArray(),
                result.normalized().toFloatArray(), count, dim, loss.temperature()));
    }
}
