package io.simclr.workbench.embed;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The input similarities of t-SNE: for each point a Gaussian over its nearest neighbours whose
 * bandwidth is found by binary search so that its perplexity is the one asked for, then
 * symmetrised, P = (P_j|i + P_i|j) / 2N, and stored sparse by rows (CSR).
 */
public final class Affinities {

    final int[] rowStart;
    final int[] columns;
    final double[] values;

    private Affinities(int[] rowStart, int[] columns, double[] values) {
        this.rowStart = rowStart;
        this.columns = columns;
        this.values = values;
    }

    public int size() {
        return rowStart.length - 1;
    }

    public static Affinities compute(NearestNeighbours.Result neighbours, double perplexity) {
        int k = neighbours.k();
        int n = neighbours.indices().length / k;
        if (perplexity <= 0 || perplexity >= n) {
            throw new IllegalArgumentException("perplexity " + perplexity + " needs more than " + (int) Math.ceil(perplexity)
                    + " points, but there are " + n + "; lower the perplexity (it must be below the number of points) or use more points");
        }
        double[] conditional = new double[n * k];
        IntStream.range(0, n).parallel().forEach(i -> calibrate(neighbours.squaredDistances(), i * k, k, perplexity, conditional));

        int[] counts = new int[n];
        for (int i = 0; i < n; i++) {
            counts[i] += k;
            for (int t = 0; t < k; t++) {
                counts[neighbours.indices()[i * k + t]]++;
            }
        }
        int[] start = new int[n + 1];
        for (int i = 0; i < n; i++) {
            start[i + 1] = start[i] + counts[i];
        }
        int[] cols = new int[start[n]];
        double[] vals = new double[start[n]];
        int[] fill = Arrays.copyOf(start, n);
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < k; t++) {
                int j = neighbours.indices()[i * k + t];
                double v = conditional[i * k + t] / (2.0 * n);
                cols[fill[i]] = j;
                vals[fill[i]++] = v;
                cols[fill[j]] = i;
                vals[fill[j]++] = v;
            }
        }
        // Per row: sort by column and add up duplicates (a pair that is a neighbour both ways).
        int[] newCounts = new int[n];
        IntStream.range(0, n).parallel().forEach(i -> newCounts[i] = mergeRow(cols, vals, start[i], start[i + 1]));
        int[] rowStart = new int[n + 1];
        for (int i = 0; i < n; i++) {
            rowStart[i + 1] = rowStart[i] + newCounts[i];
        }
        int[] outCols = new int[rowStart[n]];
        double[] outVals = new double[rowStart[n]];
        for (int i = 0; i < n; i++) {
            System.arraycopy(cols, start[i], outCols, rowStart[i], newCounts[i]);
            System.arraycopy(vals, start[i], outVals, rowStart[i], newCounts[i]);
        }
        return new Affinities(rowStart, outCols, outVals);
    }

    /** Binary search of the Gaussian precision so that the row's entropy is ln(perplexity). */
    private static void calibrate(float[] d2, int offset, int k, double perplexity, double[] out) {
        double target = Math.log(perplexity);
        double beta = 1;
        double lo = 0;
        double hi = Double.POSITIVE_INFINITY;
        double minD = Double.POSITIVE_INFINITY;
        for (int t = 0; t < k; t++) {
            minD = Math.min(minD, d2[offset + t]);
        }
        for (int iteration = 0; iteration < 200; iteration++) {
            double sum = 0;
            double weighted = 0;
            for (int t = 0; t < k; t++) {
                // Shifting by the nearest distance keeps exp() from underflowing; it cancels out.
                double p = Math.exp(-beta * (d2[offset + t] - minD));
                out[offset + t] = p;
                sum += p;
                weighted += p * (d2[offset + t] - minD);
            }
            double entropy = Math.log(sum) + beta * weighted / sum;
            for (int t = 0; t < k; t++) {
                out[offset + t] /= sum;
            }
            if (Math.abs(entropy - target) < 1e-5) {
                return;
            }
            if (entropy > target) {
                lo = beta;
                beta = hi == Double.POSITIVE_INFINITY ? beta * 2 : (beta + hi) / 2;
            } else {
                hi = beta;
                beta = (beta + lo) / 2;
            }
        }
    }

    private static int mergeRow(int[] cols, double[] vals, int from, int to) {
        int length = to - from;
        Integer[] order = new Integer[length];
        for (int t = 0; t < length; t++) {
            order[t] = from + t;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(cols[a], cols[b]));
        int[] c = new int[length];
        double[] v = new double[length];
        int out = -1;
        for (Integer idx : order) {
            if (out >= 0 && c[out] == cols[idx]) {
                v[out] += vals[idx];
            } else {
                out++;
                c[out] = cols[idx];
                v[out] = vals[idx];
            }
        }
        System.arraycopy(c, 0, cols, from, out + 1);
        System.arraycopy(v, 0, vals, from, out + 1);
        return out + 1;
    }
}
