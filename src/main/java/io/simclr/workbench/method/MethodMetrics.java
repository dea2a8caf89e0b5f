package io.simclr.workbench.method;

/**
 * The figures only some methods have, NaN where a method has none of its kind.
 *
 * @param momentum          the moving average's momentum this step (MoCo, BYOL)
 * @param queueFill         share of the queue or bank holding real features rather than its random start (MoCo, memory bank, SwAV's queue)
 * @param negativeAge       mean steps since the negatives used this step were written (MoCo, memory bank): how stale they are
 * @param assignmentEntropy entropy in nats of how the batch's views fall on the prototypes, by each view's nearest (SwAV; ln K when even)
 * @param prototypesUsed    prototypes that are the nearest of at least one view of the batch (SwAV)
 */
public record MethodMetrics(double momentum, double queueFill, double negativeAge, double assignmentEntropy, double prototypesUsed) {

    public static final MethodMetrics NONE = new MethodMetrics(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    public static MethodMetrics momentum(double momentum) {
        return new MethodMetrics(momentum, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
}
