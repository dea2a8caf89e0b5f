package io.simclr.workbench.train;

import java.util.Arrays;

/**
 * What a step of contrastive training looks like, from the batch's cosine similarities and its
 * L2-normalised projections (computed on the CPU from copies, after the step):
 *
 * <ul>
 *   <li>loss: NT-Xent, recomputed in double precision (a check on the engine's value);</li>
 *   <li>top-1 / top-5: how often the positive is the most / among the five most similar of the
 *       2N - 1 candidates;</li>
 *   <li>entropy: of each anchor's softmax over its candidates, in nats (ln(2N - 1) when uniform);</li>
 *   <li>positive / negative similarity: mean cosine of positive pairs, and of all other pairs;</li>
 *   <li>alignment: E ||z_i - z_j||^2 over positive pairs; uniformity: log E exp(-2 ||z_i - z_k||^2)
 *       over all distinct pairs (Wang and Isola 2020, alpha 2, t 2);</li>
 *   <li>embedding std: per-dimension standard deviation of the normalised z, averaged; near
 *       1/sqrt(d) when spread out, near 0 when the embeddings have collapsed to one point.</li>
 * </ul>
 */
public record ContrastiveMetrics(double loss, double top1, double top5, double entropy, double positiveSimilarity,
                                 double negativeSimilarity, double alignment, double uniformity, double embeddingStd) {

    /**
     * @param cosine     2N x 2N cosine similarities, row-major
     * @param normalized 2N x d normalised projections, row-major
     */
    public static ContrastiveMetrics compute(float[] cosine, float[] normalized, int views, int dim, double temperature) {
        if (cosine.length != views * views || normalized.length != views * dim || views % 2 != 0) {
            throw new IllegalArgumentException("expected " + views + "x" + views + " similarities and " + views + "x" + dim + " embeddings");
        }
        int half = views / 2;
        double loss = 0;
        double top1 = 0;
        double top5 = 0;
        double entropy = 0;
        double positive = 0;
        double negative = 0;
        double uniformitySum = 0;
        double[] logits = new double[views];
        for (int i = 0; i < views; i++) {
            int pos = (i + half) % views;
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < views; k++) {
                logits[k] = cosine[i * views + k] / temperature;
                if (k != i) {
                    max = Math.max(max, logits[k]);
                }
            }
            double sum = 0;
            int above = 0;
            for (int k = 0; k < views; k++) {
                if (k == i) {
                    continue;
                }
                sum += Math.exp(logits[k] - max);
                if (k != pos && logits[k] > logits[pos]) {
                    above++;
                }
                if (k != pos) {
                    negative += cosine[i * views + k];
                }
                if (k > i) {
                    uniformitySum += Math.exp(-4.0 + 4.0 * cosine[i * views + k]);
                }
            }
            double logSum = max + Math.log(sum);
            loss += logSum - logits[pos];
            double h = 0;
            for (int k = 0; k < views; k++) {
                if (k != i) {
                    double p = Math.exp(logits[k] - logSum);
                    h -= p > 0 ? p * Math.log(p) : 0;
                }
            }
            entropy += h;
            top1 += above == 0 ? 1 : 0;
            top5 += above < 5 ? 1 : 0;
            positive += cosine[i * views + pos];
        }
        double alignment = 0;
        for (int i = 0; i < half; i++) {
            alignment += 2.0 - 2.0 * cosine[i * views + i + half]; // ||a - b||^2 of unit vectors
        }
        return new ContrastiveMetrics(loss / views, top1 / views, top5 / views, entropy / views, positive / views,
                negative / ((double) views * (views - 2)), alignment / half,
                Math.log(uniformitySum / ((double) views * (views - 1) / 2)), embeddingStd(normalized, views, dim));
    }

    static double embeddingStd(float[] normalized, int views, int dim) {
        double[] mean = new double[dim];
        for (int i = 0; i < views; i++) {
            for (int d = 0; d < dim; d++) {
                mean[d] += normalized[i * dim + d];
            }
        }
        for (int d = 0; d < dim; d++) {
            mean[d] /= views;
        }
        double total = 0;
        double[] var = new double[dim];
        for (int i = 0; i < views; i++) {
            for (int d = 0; d < dim; d++) {
                double diff = normalized[i * dim + d] - mean[d];
                var[d] += diff * diff;
            }
        }
        for (int d = 0; d < dim; d++) {
            total += Math.sqrt(var[d] / views);
        }
        return total / dim;
    }

    /** True when any value is NaN or infinite. */
    public boolean hasNonFinite() {
        return Arrays.stream(new double[] {loss, top1, top5, entropy, positiveSimilarity, negativeSimilarity, alignment, uniformity,
                embeddingStd}).anyMatch(v -> !Double.isFinite(v));
    }
}
