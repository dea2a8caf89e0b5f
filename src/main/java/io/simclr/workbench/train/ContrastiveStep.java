package io.simclr.workbench.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.simclr.workbench.model.SimClrNetwork;
import io.simclr.workbench.stats.Median;

/**
 * One SimCLR optimisation step on a batch of 2N views: forward through f and g, NT-Xent, backward,
 * the optimizer's update. The trainer and {@code bench train} both use it, so the benchmark times
 * exactly what training does.
 */
final class ContrastiveStep {

    /**
     * The step's loss and gradient norm; the metrics only when asked for. {@code skipped}: the
     * gradient was implausible and was not applied.
     */
    record Result(float loss, ContrastiveMetrics metrics, double gradientNorm, boolean skipped) {}

    /**
     * Gradients above this norm, or this many times the recent median, are not applied. PyTorch's
     * CPU backward has, rarely and only under load, handed back a gradient of 1e16 or more for one
     * tensor (the stem convolution's): applying it poisons Adam's second moment and freezes that
     * layer for the rest of the run, so such a step is skipped, like a mixed-precision overflow.
     */
    static final double IMPLAUSIBLE_NORM = 1e6;
    static final double IMPLAUSIBLE_RATIO = 1e3;
    private final double[] recentNorms = new double[32];
    private int recentCount;

    private final SimClrNetwork network;
    private final ParameterOptimizer optimizer;
    private final NtXentLoss loss;
    private final ParameterStore store;

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
                return new Result(lossValue, null, Double.NaN, true);
            }
            collector.backward(result.loss());
            if (withMetrics) {
                int count = Math.toIntExact(views.getShape().get(0));
                int dim = Math.toIntExact(result.normalized().getShape().get(1));
                metrics = ContrastiveMetrics.compute(result.cosine().toFloatArray(), result.normalized().toFloatArray(),
                        count, dim, loss.temperature());
            }
        }
        double gradientNorm = gradientNorm();
        if (implausible(gradientNorm)) {
            clearGradients();
            return new Result(lossValue, metrics, gradientNorm, true);
        }
        recentNorms[recentCount++ % recentNorms.length] = gradientNorm;
        optimizer.step(network.getParameters(), lr);
        return new Result(lossValue, metrics, gradientNorm, false);
    }

    boolean implausible(double norm) {
        if (!Double.isFinite(norm) || norm > IMPLAUSIBLE_NORM) {
            return true;
        }
        int n = Math.min(recentCount, recentNorms.length);
        return n >= 8 && norm > IMPLAUSIBLE_RATIO * Median.of(java.util.Arrays.copyOf(recentNorms, n));
    }

    /** Zeroes every gradient in place (a fill, since 0 x inf would be NaN). */
    void clearGradients() {
        for (Pair<String, Parameter> p : network.getParameters()) {
            if (p.getValue().requiresGradient()) {
                try (NDArray g = p.getValue().getArray().getGradient()) {
                    g.set(new NDIndex("..."), 0f);
                }
            }
        }
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
