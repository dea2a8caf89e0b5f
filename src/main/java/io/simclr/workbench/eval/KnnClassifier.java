package io.simclr.workbench.eval;

/**
 * The kNN monitor of the SSL literature (Wu et al. 2018, as lightly and solo-learn use it): features
 * L2-normalised, cosine similarity to every training feature, the k most similar vote for their
 * class with weight exp(similarity / T), the class with the most weight wins. Each query holds only
 * its own row of similarities, so 10,000 x 50,000 never needs the whole matrix.
 */
public final class KnnClassifier {

    /** Classes smaller than this use {@link #SMALL_K} neighbours by default. */
    public static final int DEFAULT_K = 200;
    public static final int SMALL_K = 20;

    private final float[] bank;
    private final int[] bankLabels;
    private final int dim;
    private final int classes;

    /** @param features n x dim row-major; copied and normalised */
    public KnnClassifier(float[] features, int[] labels, int dim, int classes) {
        this.dim = dim;
        this.classes = classes;
        this.bank = normalizedCopy(features, dim);
        this.bankLabels = labels.clone();
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

    /** Predicted class of every query (n x dim row-major). */
    public int[] predict(float[] queries, int k, double temperature) {
        int n = queries.length / dim;
        int bankSize = bankLabels.length;
        int neighbours = Math.min(k, bankSize);
        float[] q = normalizedCopy(queries, dim);
        int[] predictions = new int[n];
        java.util.stream.IntStream.range(0, n).parallel().forEach(i -> {
            float[] similarities = new float[bankSize];
            for (int j = 0; j < bankSize; j++) {
                float s = 0f;
                int qi = i * dim;
                int bj = j * dim;
                for (int d = 0; d < dim; d++) {
                    s += q[qi + d] * bank[bj + d];
                }
                similarities[j] = s;
            }
            int[] top = topK(similarities, neighbours);
            double[] votes = new double[classes];
            for (int j : top) {
                votes[bankLabels[j]] += Math.exp(similarities[j] / temperature);
            }
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (votes[c] > votes[best]) {
                    best = c;
                }
            }
            predictions[i] = best;
        });
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

    /** Indices of the k largest values (ties broken by index), by a bounded min-heap. */
    static int[] topK(float[] values, int k) {
        int[] heap = new int[k];
        int size = 0;
        for (int j = 0; j < values.length; j++) {
            if (size < k) {
                heap[size] = j;
                siftUp(heap, size++, values);
            } else if (values[j] > values[heap[0]]) {
                heap[0] = j;
                siftDown(heap, size, values);
            }
        }
        return java.util.Arrays.copyOf(heap, size);
    }

    private static void siftUp(int[] heap, int i, float[] v) {
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (v[heap[i]] >= v[heap[parent]]) {
                return;
            }
            int t = heap[i];
            heap[i] = heap[parent];
            heap[parent] = t;
            i = parent;
        }
    }

    private static void siftDown(int[] heap, int size, float[] v) {
        int i = 0;
        while (true) {
            int l = 2 * i + 1;
            int r = l + 1;
            int smallest = i;
            if (l < size && v[heap[l]] < v[heap[smallest]]) smallest = l;
            if (r < size && v[heap[r]] < v[heap[smallest]]) smallest = r;
            if (smallest == i) {
                return;
            }
            int t = heap[i];
            heap[i] = heap[smallest];
            heap[smallest] = t;
            i = smallest;
        }
    }

    static float[] normalizedCopy(float[] features, int dim) {
        float[] out = features.clone();
        for (int i = 0; i < out.length / dim; i++) {
            double norm = 0;
            for (int d = 0; d < dim; d++) {
                norm += out[i * dim + d] * out[i * dim + d];
            }
            float scale = (float) (1.0 / Math.max(Math.sqrt(norm), 1e-12));
            for (int d = 0; d < dim; d++) {
                out[i * dim + d] *= scale;
            }
        }
        return out;
    }
}
