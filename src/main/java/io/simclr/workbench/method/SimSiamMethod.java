package io.simclr.workbench.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.PairList;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * SimSiam (Chen and He 2021): one network, a bottleneck predictor (a quarter of the projection's
 * width) on one branch and a stop-gradient on the other; no negatives, no momentum. The switches
 * {@code stopGradient} and {@code predictor} take either guard away, and the run collapses.
 */
final class SimSiamMethod implements TrainingMethod {

    private final MethodContext context;
    /** Null when switched off: the projection is its own prediction. */
    private final Predictor predictor;
    private final boolean stopGradient;

    SimSiamMethod(MethodContext context, MethodConfig.SimSiam settings) {
        this.context = context;
        int hidden = settings.predictorHiddenDim() > 0 ? settings.predictorHiddenDim() : Math.max(1, context.projectionDim() / 4);
        this.predictor = settings.predictor() ? new Predictor(context, hidden) : null;
        this.stopGradient = settings.stopGradient();
    }

    @Override
    public MethodKind kind() {
        return MethodKind.SIMSIAM;
    }

    @Override
    public PairList<String, Parameter> addedParameters() {
        return predictor == null ? new PairList<>() : predictor.named();
    }

    @Override
    public MethodStep forward(NDArray views, int[] images, long step) {
        NDArray z = context.projections(views);
        NDList p = (predictor == null ? z : predictor.apply(z)).split(2);
        NDList targets = z.split(2);
        return new MethodStep(SimSiamLoss.compute(p.get(0), p.get(1), targets.get(0), targets.get(1), stopGradient), z);
    }

    @Override
    public void save(DataOutputStream out) throws IOException {
        if (predictor != null) {
            predictor.save(out);
        }
    }

    @Override
    public void load(DataInputStream in, NDManager manager) throws IOException {
        if (predictor != null) {
            predictor.load(in, manager);
        }
    }
}
