package io.simclr.workbench.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import io.simclr.workbench.method.ContrastiveMetrics;
import io.simclr.workbench.method.MethodMetrics;
import io.simclr.workbench.method.MethodStep;
import io.simclr.workbench.method.TrainingMethod;
import io.simclr.workbench.model.SimClrNetwork;

/**
 * One optimisation step of any method on a batch of 2N views: the method's forward passes and
 * loss, backward, the optimizer's update of the network and of what the method trains beside it,
 * then the method's own updates (moving averages, queues, banks). The trainer and {@code bench
 * train} both use it, so the benchmark times exactly what training does.
 */
final class TrainingStep {

    /** The step's loss; the metrics and the gradient norm only when asked for (null and NaN otherwise). */
    record Result(float loss, ContrastiveMetrics metrics, MethodMetrics methodMetrics, double gradientNorm) {}

    private final SimClrNetwork network;
    private final TrainingMethod method;
    private final ParameterOptimizer optimizer;
    /** Runs between the forward pass and backward: a test forces a garbage collection here. */
    private Runnable beforeBackward = () -> {};
    private final StepPhases phases = new StepPhases();

    /**
     * Marks the trainable arrays of the network and the method to record gradients; build it after
     * any checkpoint is loaded, since loading replaces the arrays.
     */
    TrainingStep(SimClrNetwork network, TrainingMethod method, ParameterOptimizer optimizer) {
        this.network = network;
        this.method = method;
        this.optimizer = optimizer;
        for (Pair<String, Parameter> p : parameters(method.addedParameters())) {
            if (p.getValue().requiresGradient()) {
                p.getValue().getArray().setRequiresGradient(true);
            }
        }
    }

    void beforeBackward(Runnable hook) {
        this.beforeBackward = hook;
    }

    /** Time per phase of the steps run so far (the benchmark's profile). */
    StepPhases phases() {
        return phases;
    }

    /**
     * Trains on {@code views} (2N, 3, H, W; rows i and i + N the views of training image
     * {@code images[i]}) at learning rate {@code lr} as the run's {@code step}-th step. A non-finite
     * loss is returned before any gradient is applied, so the weights and the method's state stay as
     * they were.
     */
    Result run(NDArray views, int[] images, long step, double lr, boolean withMetrics) {
        float lossValue;
        ContrastiveMetrics metrics = null;
        MethodStep batch;
        phases.startStep();
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            batch = method.forward(views, images, step);
            lossValue = batch.loss().getFloat();
            phases.lap(StepPhases.Phase.FORWARD_AND_LOSS);
            if (!Float.isFinite(lossValue)) {
                return new Result(lossValue, null, null, Double.NaN);
            }
            beforeBackward.run();
            collector.backward(batch.loss());
            phases.lap(StepPhases.Phase.BACKWARD);
            if (withMetrics) {
                metrics = batch.batchMetrics(lossValue);
                phases.lap(StepPhases.Phase.METRICS);
            }
        }
        PairList<String, Parameter> trained = parameters(method.trainedParameters(step));
        double gradientNorm = withMetrics ? gradientNorm(trained) : Double.NaN;
        phases.lap(StepPhases.Phase.GRADIENT_NORM);
        optimizer.step(trained, lr);
        phases.lap(StepPhases.Phase.OPTIMIZER);
        batch.afterUpdate();
        MethodMetrics methodMetrics = withMetrics ? batch.methodMetrics() : null;
        phases.lap(StepPhases.Phase.METHOD_UPDATE);
        return new Result(lossValue, metrics, methodMetrics, gradientNorm);
    }

    /** The network's parameters followed by the method's {@code added}. */
    private PairList<String, Parameter> parameters(PairList<String, Parameter> added) {
        PairList<String, Parameter> all = new PairList<>();
        all.addAll(network.getParameters());
        all.addAll(added);
        return all;
    }

    /**
     * The L2 norm of all gradients together, read before the optimizer clears them: one norm per
     * tensor, then the norm of those, so the step waits on a single read instead of one per tensor.
     */
    private static double gradientNorm(PairList<String, Parameter> parameters) {
        NDList norms = new NDList();
        try {
            for (Pair<String, Parameter> p : parameters) {
                if (p.getValue().requiresGradient()) {
                    try (NDArray g = p.getValue().getArray().getGradient()) {
                        norms.add(g.norm());
                    }
                }
            }
            if (norms.isEmpty()) {
                return 0;
            }
            try (NDArray stacked = NDArrays.stack(norms); NDArray total = stacked.norm()) {
                return total.getFloat();
            }
        } finally {
            norms.close();
        }
    }
}
