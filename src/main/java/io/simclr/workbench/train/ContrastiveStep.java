package io.simclr.workbench.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.simclr.workbench.model.SimClrNetwork;

/**
 * One SimCLR optimisation step on a batch of 2N views: forward through f and g, NT-Xent, backward,
 * the optimizer's update. The trainer and {@code bench train} both use it, so the benchmark times
 * exactly what training does.
 */
final class ContrastiveStep {

    /** The step's loss; the metrics and the gradient norm only when asked for (NaN otherwise). */
    record Result(float loss, ContrastiveMetrics metrics, double gradientNorm) {}

    private final SimClrNetwork network;
    private final ParameterOptimizer optimizer;
    private final NtXentLoss loss;
    private final ParameterStore store;
    /** Runs between the forward pass and backward: a test forces a garbage collection here. */
    private Runnable beforeBackward = () -> {};

    /**
     * Marks the network's trainable arrays to record gradients; build it after any checkpoint is
     * loaded, since loading replaces the arrays.
     */
    ContrastiveStep(SimClrNetwork network, ParameterOptimizer optimizer, NtXentLoss loss, ParameterStore store) {
        this.network = network;
        this.optimizer = optimizer;
        this.loss = loss;
        this.store = store;
        for (Pair<String, Parameter> p : network.getParameters()) {
            if (p.getValue().requiresGradient()) {
                p.getValue().getArray().setRequiresGradient(true);
            }
        }
    }

    void beforeBackward(Runnable hook) {
        this.beforeBackward = hook;
    }

    /**
     * Trains on {@code views} (2N, 3, H, W) at learning rate {@code lr}. A non-finite loss is returned
     * before any gradient is applied, so the weights stay as they were.
     */
    Result run(NDArray views, double lr, boolean withMetrics) {
        float lossValue;
        ContrastiveMetrics metrics = null;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDList out = network.forward(store, new NDList(views), true);
            NtXentLoss.Result result = loss.compute(out.get(1));
            lossValue = result.loss().getFloat();
            if (!Float.isFinite(lossValue)) {
                return new Result(lossValue, null, Double.NaN);
            }
            beforeBackward.run();
            collector.backward(result.loss());
            if (withMetrics) {
                int count = Math.toIntExact(views.getShape().get(0));
                int dim = Math.toIntExact(result.normalized().getShape().get(1));
                metrics = ContrastiveMetrics.compute(result.cosine().toFloatArray(), result.normalized().toFloatArray(),
                        count, dim, loss.temperature());
            }
        }
        double gradientNorm = withMetrics ? gradientNorm() : Double.NaN;
        optimizer.step(network.getParameters(), lr);
        return new Result(lossValue, metrics, gradientNorm);
    }

    /** The L2 norm of all gradients together, read before the optimizer clears them. */
    private double gradientNorm() {
        double sum = 0;
        for (Pair<String, Parameter> p : network.getParameters()) {
            if (p.getValue().requiresGradient()) {
                try (NDArray g = p.getValue().getArray().getGradient(); NDArray squares = g.square(); NDArray total = squares.sum()) {
                    sum += total.getFloat();
                }
            }
        }
        return Math.sqrt(sum);
    }
}
