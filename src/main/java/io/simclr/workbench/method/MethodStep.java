package io.simclr.workbench.method;

import ai.djl.ndarray.NDArray;
import java.util.function.DoubleFunction;
import java.util.function.Supplier;

/**
 * One batch through a method: its loss with gradients recorded, the projections the batch metrics
 * read, and what the method does once the optimizer has stepped. Its arrays belong to the step's
 * manager.
 */
public final class MethodStep {

    private final NDArray loss;
    private final NDArray projections;
    private Runnable update = () -> {};
    private Supplier<MethodMetrics> metrics = () -> MethodMetrics.NONE;
    private DoubleFunction<ContrastiveMetrics> batchMetrics;

    /**
     * @param loss        the scalar loss to differentiate
     * @param projections the online projections z of the 2N views (view i and i + N of one image)
     */
    MethodStep(NDArray loss, NDArray projections) {
        this.loss = loss;
        this.projections = projections;
    }

    /** What the method updates after the optimizer's step (moving averages, queues, banks). */
    MethodStep withUpdate(Runnable afterUpdate) {
        this.update = afterUpdate;
        return this;
    }

    /** The method's own figures for the step, read after its update. */
    MethodStep withMetrics(Supplier<MethodMetrics> methodMetrics) {
        this.metrics = methodMetrics;
        return this;
    }

    /** The batch metrics, computed otherwise than from the projections' geometry alone (SimCLR's, with its loss's temperature). */
    MethodStep withBatchMetrics(DoubleFunction<ContrastiveMetrics> measure) {
        this.batchMetrics = measure;
        return this;
    }

    public NDArray loss() {
        return loss;
    }

    /** The batch's geometry beside the method's {@code lossValue}; only on logged steps. */
    public ContrastiveMetrics batchMetrics(double lossValue) {
        if (batchMetrics != null) {
            return batchMetrics.apply(lossValue);
        }
        int views = Math.toIntExact(projections.getShape().get(0));
        int dim = Math.toIntExact(projections.getShape().get(1));
        try (NDArray normalized = UnitVectors.of(projections.stopGradient()); NDArray cosine = normalized.matMul(normalized.transpose())) {
            return ContrastiveMetrics.ofBatch(cosine.toFloatArray(), normalized.toFloatArray(), views, dim, lossValue);
        }
    }

    /** After the optimizer's update: moving averages, queues, banks. */
    public void afterUpdate() {
        update.run();
    }

    /** The method's own figures for this step (momentum, queue, prototypes); read after {@link #afterUpdate()}. */
    public MethodMetrics methodMetrics() {
        return metrics.get();
    }
}
