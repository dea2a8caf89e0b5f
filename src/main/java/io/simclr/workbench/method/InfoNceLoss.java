package io.simclr.workbench.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import io.simclr.workbench.nd.Scalars;

/**
 * InfoNCE with a positive key per query and negatives shared by the batch, as MoCo (He et al. 2020,
 * eq. 1) and the memory bank (Wu et al. 2018, eq. 2 with a softmax over the sampled memories) use it:
 *
 * <pre>
 *   L_q = -log( exp(q.k+ / tau) / (exp(q.k+ / tau) + sum_{k-} exp(q.k- / tau)) )
 * </pre>
 *
 * over L2-normalised q, k+ and k-, averaged over the queries: a (1 + K)-way classification whose
 * right answer is the positive, so ln(1 + K) when all similarities are equal. In fp32.
 */
final class InfoNceLoss {

    private final double temperature;

    InfoNceLoss(double temperature) {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be a number above 0, not " + temperature);
        }
        this.temperature = temperature;
    }

    /**
     * @param queries   (N, d), gradients flow through these
     * @param positives (N, d), row i the positive key of query i
     * @param negatives (K, d), negatives of every query
     */
    NDArray compute(NDArray queries, NDArray positives, NDArray negatives) {
        NDArray q = UnitVectors.of(queries);
        NDArray positive = q.mul(UnitVectors.of(positives)).sum(new int[] {1}, true);
        NDArray negative = q.matMul(UnitVectors.of(negatives).transpose());
        NDArray logits = Scalars.div(positive.concat(negative, 1), temperature);
        return logits.logSoftmax(1).get(new NDIndex(":, 0")).mean().neg();
    }
}
