package io.simclr.workbench.stats;

import java.util.Arrays;

/** The median the benchmarks report: robust to the odd slow round on a shared machine. */
public final class Median {
    private Median() {}

    public static double of(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("the median of no values is undefined");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
