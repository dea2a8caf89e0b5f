package io.simclr.workbench.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.simclr.workbench.nd.Scalars;

/**
 * The kNN monitor of the SSL literature (Wu et al. 2018, as lightly and solo-learn use it): features
 * L2-normalised, cosine similarity to every training feature, the k most similar vote for their
 * class with weight exp(similarity / T), the class with the most weight wins. Similarities are
 * matrix products on the engine, a bounded block of queries at a time (about 64 MB), so 10,000
 * queries against 50,000 never hold the whole matrix.
 */
public final class KnnClassifier implements AutoCloseable {

    /** Classes smaller than this use {@link #SMALL_K} neighbours by default. */
    public static final int DEFAULT_K = 200;
    public static final int SMALL_K = 20;
    private static final long BLOCK_ELEMENTS = 16L << 20;

    private final NDManager manager;
    private final NDArray bankTransposed;
    private final int[] bankLabels;
    private final int dim;
    private final int classes;

    /** @param features n x dim row-major; copied to the engine and normalised there */
    public KnnClassifier(NDManager parent, float[] features, int[] labels, int dim, int classes) {
        this.manager = parent.newSubManager();
        this.dim = dim;
        this.classes = classes;
        this.bankLabels = labels.clone();
        try (NDManager scratch = manager.newSubManager()) {
            NDArray bank = normalized(scratch.create(features, new Shape(labels.length, dim)));
            this.bankTransposed = bank.transpose().duplicate();
            bankTransposed.attach(manager);
        }
    }

    /** k = 200, or 20 when the smallest class of the memory bank has fewer than 200 members. */
    public static int defaultK(int[] labels, int classes) {
        int[] counts = new int[classes];
        for (int l : labels) {
            if (l >= 0) {
                counts[l]++;
            }
        }
        int smallest = Integer.MAX_VALUE;
        for (int c : counts) {
            smallest = Math.min(smallest, c);
        }
        return smallest < DEFAULT_K ? SMALL_K : DEFAULT_K;
    }

    /** The k most similar bank rows of each query (n x dim row-major), most similar first. */
    public Neighbours neighbours(float[] queries, int k) {
        int n = queries.length / dim;
        int bankSize = bankLabels.length;
        int kk = Math.min(k, bankSize);
        int[] indices = new int[n * kk];
        float[] similarities = new float[n * kk];
        int block = (int) Math.max(1, Math.min(n, BLOCK_ELEMENTS / Math.max(1, bankSize)));
        for (int start = 0; start < n; start += block) {
            int count = Math.min(block, n - start);
            float[] rows = new float[count * dim];
            System.arraycopy(queries, start * dim, rows, 0, rows.length);
            try (NDManager scratch = manager.newSubManager()) {
                NDArray q = normalized(scratch.create(rows, new Shape(count, dim)));
                NDList top = q.matMul(bankTransposed).topK(kk, 1, true, true);
                System.arraycopy(top.get(0).toFloatArray(), 0, similarities, start * kk, count * kk);
                long[] idx = top.get(1).toLongArray();
                for (int i = 0; i < idx.length; i++) {
                    indices[start * kk + i] = (int) idx[i];
                }
            }
        }
        return new Neighbours(kk, indices, similarities);
    }

    /** Row i's neighbours are {@code indices[i*k .. i*k+k)}, with their cosine similarities alongside. */
    public record Neighbours(int k, int[] indices, float[] similarities) {}

    /** Predicted class of every query (n x dim row-major). */
    public int[] predict(float[] queries, int k, double temperature) {
        Neighbours nn = neighbours(queries, k);
        int n = queries.length / dim;
        int[] predictions = new int[n];
        double[] votes = new double[classes];
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(votes, 0);
            for (int j = i * nn.k(); j < (i + 1) * nn.k(); j++) {
                votes[bankLabels[nn.indices()[j]]] += Math.exp(nn.similarities()[j] / temperature);
            }
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (votes[c] > votes[best]) {
                    best = c;
                }
            }
            predictions[i] = best;
        }
        return predictions;
    }

    public double accuracy(float[] queries, int[] labels, int k, double temperature) {
        int[] predictions = predict(queries, k, temperature);
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            correct += predictions[i] == labels[i] ? 1 : 0;
        }
        return correct / (double) labels.length;
    }

    private static NDArray normalized(NDArray rows) {
        return rows.div(Scalars.maximum(rows.norm(new int[] {1}, true), 1e-12));
    }

    @Override
    public void close() {
        manager.close();
    }
}
