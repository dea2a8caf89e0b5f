package io.simclr.workbench.data;

import java.util.SplittableRandom;

/**
 * Derives independent seeds from a base seed and coordinates (split, epoch, index, view), so each
 * item's randomness depends only on where it is, not on which thread made it or in which order; and the
 * shuffles those seeds drive.
 */
public final class Seeds {
    private Seeds() {}

    /** SplitMix64's finaliser: a bijective mix with full avalanche. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    public static long derive(long seed, long... coordinates) {
        long h = mix(seed + 0x9e3779b97f4a7c15L);
        for (long c : coordinates) {
            h = mix(h ^ (c + 0x9e3779b97f4a7c15L));
        }
        return h;
    }

    /** 0 .. n-1 in the order a Fisher-Yates shuffle driven by {@code rng} leaves them. */
    public static int[] permutation(int n, SplittableRandom rng) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
