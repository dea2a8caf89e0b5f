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
 * BYOL (Grill et al. 2020): the online network (encoder, projector) and a predictor on top predict
 * the projection the target network — a moving average of the online one, its momentum rising
 * from 0.99 to 1 on a cosine schedule — makes of the other view; no negatives. Both views go through
 * each network in one pass, as SimCLR's do here.
 */
final class ByolMethod implements TrainingMethod {

    private final MethodContext context;
    private final MomentumEncoder target;
    private final Predictor predictor;
    private final MomentumSchedule momentum;

    ByolMethod(MethodContext context, MethodConfig.Byol settings) {
        this.context = context;
        this.target = new MomentumEncoder(context.network(), context.manager(), context.imageSize());
        this.predictor = new Predictor(context, settings.predictorHiddenDim() > 0 ? settings.predictorHiddenDim()
                : context.network().headHiddenDim());
        this.momentum = new MomentumSchedule(settings.momentum(), settings.finalMomentum(), context.totalSteps());
    }

    @Override
    public MethodKind kind() {
        return MethodKind.BYOL;
    }

    @Override
    public PairList<String, Parameter> addedParameters() {
        return predictor.named();
    }

    @Override
    public MethodStep forward(NDArray views, int[] images, long step) {
        NDArray z = context.projections(views);
        NDList p = predictor.apply(z).split(2);
        NDList targets = target.network().forward(context.parameters(), new NDList(views), true).get(1).stopGradient().split(2);
        double m = momentum.at(step);
        return new MethodStep(ByolLoss.compute(p.get(0), p.get(1), targets.get(0), targets.get(1)), z)
                .withUpdate(() -> target.update(m)).withMetrics(() -> MethodMetrics.momentum(m));
    }

    @Override
    public void save(DataOutputStream out) throws IOException {
        target.save(out);
        predictor.save(out);
    }

    @Override
    public void load(DataInputStream in, NDManager manager) throws IOException {
        target.load(in, manager);
        predictor.load(in, manager);
    }
}
