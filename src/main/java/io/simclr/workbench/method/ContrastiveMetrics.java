package io.simclr.workbench.method;

import java.util.Arrays;

/**
 * What a training batch looks like, from the cosine similarities of its 2N L2-normalised online
 * projections (computed on the CPU from copies, after the step). Every method logs these, so runs
 * of different methods overlay on one chart:
 *
 * <ul>
 *   <li>loss: the method's own loss; for SimCLR, NT-Xent recomputed in double precision (a check
 *       on the engine's value);</li>
 *   <li>top-1 / top-5: how often the positive (the image's other view) is the most / among the five
 *       most similar of the 2N - 1 other views of the batch;</li>
 *   <li>entropy: of each anchor's softmax over its candidates at the loss's temperature, in nats
 *       (ln(2N - 1) when uniform); SimCLR only, NaN for methods whose loss is not over the batch;</li>
 *   <li>positive / negative similarity: mean cosine of positive pairs, and of all other pairs;</li>
 *   <li>alignment: E ||z_i - z_j||^2 over positive pairs; uniformity: log E exp(-2 ||z_i - z_k||^2)
 *       over all distinct pairs (Wang and Isola 2020, alpha 2, t 2);</li>
 *   <li>embedding std: per-dimension standard deviation of the normalised z, averaged — the
 *       collapse meter: near {@code healthyStd} = 1/sqrt(d) when the embeddings spread over the
 *       sphere, near 0 when they have collapsed to one point.</li>
 * </ul>
 */
public record ContrastiveMetrics(double loss, double top1, double top5, double entropy, double positiveSimilarity,
                                 double negativeSimilarity, double alignment, double uniformity, double embeddingStd, double healthyStd) {

    /**
     * SimCLR's view of a batch: the measures below with NT-Xent and its entropy at {@code temperature}.
     *
     * @param cosine     2N x 2N cosine similarities, row-major
     * @param normalized 2N x d normalised projections, row-major
     */
    public static ContrastiveMetrics compute(float[] cosine, float[] normalized, int views, int dim, double temperature) {
        check(cosine, normalized, views, dim);
        double loss = 0;
        double entropy = 0;
        double[] logits = new double[views];
        for (int i = 0; i < views; i++) {
            int pos = (i + views / 2) % views;
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < views; k++) {
                logits[k] = cosine[i * views + k] / temperature;
                if (k != i) {
                    max = Math.max(max, logits[k]);
                }
            }
            double sum = 0;
            for (int k = 0; k < views; k++) {
                if (k != i) {
                    sum += Math.exp(logits[k] - max);
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
        }
        return geometry(cosine, normalized, views, dim, loss / views, entropy / views);
    }

    /** Any method's view of a batch: its own {@code loss} beside the batch's geometry (no entropy: there is no batch softmax). */
    public static ContrastiveMetrics ofBatch(float[] cosine, float[] normalized, int views, int dim, double loss) {
        check(cosine, normalized, views, dim);
        return geometry(cosine, normalized, views, dim, loss, Double.NaN);
    }

    private static void check(float[] cosine, float[] normalized, int views, int dim) {
        if (cosine.length != views * views || normalized.length != views * dim || views % 2 != 0) {
            throw new IllegalArgumentException("expected " + views + "x" + views + " similarities and " + views + "x" + dim + " embeddings");
        }
    }

    private static ContrastiveMetrics geometry(float[] cosine, float[] normalized, int views, int dim, double loss, double entropy) {
        int half = views / 2;
        double top1 = 0;
        double top5 = 0;
        double positive = 0;
        double negative = 0;
        double uniformitySum = 0;
        for (int i = 0; i < views; i++) {
            int pos = (i + half) % views;
            float positiveCosine = cosine[i * views + pos];
            int above = 0;
            for (int k = 0; k < views; k++) {
                if (k == i) {
                    continue;
                }
                if (k != pos) {
                    negative += cosine[i * views + k];
                    if (cosine[i * views + k] > positiveCosine) {
                        above++;
                    }
                }
                if (k > i) {
                    uniformitySum += Math.exp(-4.0 + 4.0 * cosine[i * views + k]);
                }
            }
            top1 += above == 0 ? 1 : 0;
            top5 += above < 5 ? 1 : 0;
            positive += positiveCosine;
        }
        double alignment = 0;
        for (int i = 0; i < half; i++) {
            alignment += 2.0 - 2.0 * cosine[i * views + i + half]; // ||a - b||^2 of unit vectors
        }
        return new ContrastiveMetrics(loss, top1 / views, top5 / views, entropy, positive / views,
                negative / ((double) views * (views - 2)), alignment / half,
                Math.log(uniformitySum / ((double) views * (views - 1) / 2)), embeddingStd(normalized, views, dim), 1 / Math.sqrt(dim));
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

    /** True when any value a method always has is NaN or infinite (entropy is absent for most methods). */
    public boolean hasNonFinite() {
        return Arrays.stream(new double[] {loss, top1, top5, positiveSimilarity, negativeSimilarity, alignment, uniformity,
                embeddingStd}).anyMatch(v -> !Double.isFinite(v));
    }
}
