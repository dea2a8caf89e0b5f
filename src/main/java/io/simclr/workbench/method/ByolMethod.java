package io.simclr.workbench.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.simclr.workbench.model.SimClrNetwork;
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

    private final SimClrNetwork network;
    private final ParameterStore parameters;
    private final MomentumEncoder target;
    private final Predictor predictor;
    private final MomentumSchedule momentum;

    ByolMethod(MethodContext context, MethodConfig.Byol settings) {
        this.network = context.network();
        this.parameters = context.parameters();
        this.target = new MomentumEncoder(network, context.manager(), context.imageSize());
        this.predictor = new Predictor(context, settings.predictorHiddenDim() > 0 ? settings.predictorHiddenDim() : network.headHiddenDim());
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
        int pairs = images.length;
        NDArray z = network.forward(parameters, new NDList(views), true).get(1);
        NDArray p = predictor.apply(z);
        NDArray targets = target.network().forward(parameters, new NDList(views), true).get(1).stopGradient();
        NDArray value = ByolLoss.compute(p.get(new NDIndex("0:{}", pairs)), p.get(new NDIndex("{}:", pairs)),
                targets.get(new NDIndex("0:{}", pairs)), targets.get(new NDIndex("{}:", pairs)));
        double m = momentum.at(step);
        return new MethodStep() {
            @Override
            public NDArray loss() {
                return value;
            }

            @Override
            public NDArray projections() {
                return z;
            }

            @Override
            public void afterUpdate() {
                target.update(m);
            }

            @Override
            public MethodMetrics methodMetrics() {
                return MethodMetrics.momentum(m);
            }
        };
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
