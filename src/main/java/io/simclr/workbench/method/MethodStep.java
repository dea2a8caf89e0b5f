package io.simclr.workbench.method;

import ai.djl.ndarray.NDArray;

/**
 * One batch through a method: its loss with gradients recorded, what the metrics read, and the
 * updates the method makes once the optimizer has stepped. Its arrays belong to the step's manager.
 */
public interface MethodStep {

    /** The scalar loss to differentiate. */
    NDArray loss();

    /** The online projections z of the 2N views (view i and i + N of one image), which the batch metrics read. */
    NDArray projections();

    /** The batch's geometry beside the method's {@code loss}; only on logged steps. */
    default ContrastiveMetrics batchMetrics(double loss) {
        NDArray z = projections();
        int views = Math.toIntExact(z.getShape().get(0));
        int dim = Math.toIntExact(z.getShape().get(1));
        try (NDArray normalized = UnitVectors.of(z.stopGradient()); NDArray cosine = normalized.matMul(normalized.transpose())) {
            return ContrastiveMetrics.ofBatch(cosine.toFloatArray(), normalized.toFloatArray(), views, dim, loss);
        }
    }

    /** After the optimizer's update: moving averages, queues, banks. */
    default void afterUpdate() {}

    /** The method's own figures for this step (momentum, queue, prototypes); read after {@link #afterUpdate()}. */
    default MethodMetrics methodMetrics() {
        return MethodMetrics.NONE;
    }
}
