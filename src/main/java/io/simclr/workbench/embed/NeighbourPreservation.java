package io.simclr.workbench.embed;

import ai.djl.ndarray.NDManager;
import java.util.SplittableRandom;

/**
 * How faithful a map is locally: for sampled points, the fraction of their k nearest neighbours in
 * the input that are also among their k nearest neighbours in the map, averaged.
 */
public final class NeighbourPreservation {

    private NeighbourPreservation() {}

    public static double of(NDManager manager, float[] input, int dim, float[] map, int k, int maxPoints, long seed) {
        int n = input.length / dim;
        int[] sample = sample(n, maxPoints, seed);
        NearestNeighbours.Result high = NearestNeighbours.search(manager, input, sample, dim, k);
        NearestNeighbours.Result low = NearestNeighbours.search(manager, map, sample, 2, k);
        int kk = high.k();
        double total = 0;
        for (int s = 0; s < sample.length; s++) {
            java.util.Set<Integer> near = new java.util.HashSet<>();
            for (int t = 0; t < kk; t++) {
                near.add(high.indices()[s * kk + t]);
            }
            int shared = 0;
            for (int t = 0; t < kk; t++) {
                shared += near.contains(low.indices()[s * kk + t]) ? 1 : 0;
            }
            total += (double) shared / kk;
        }
        return total / sample.length;
    }

    /** All points, or {@code max} of them chosen by the seed, in increasing order. */
    static int[] sample(int n, int max, long seed) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        if (n <= max) {
            return all;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < max; i++) {
            int j = i + random.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] chosen = java.util.Arrays.copyOf(all, max);
        java.util.Arrays.sort(chosen);
        return chosen;
    }
}
