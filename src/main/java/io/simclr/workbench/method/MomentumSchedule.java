package io.simclr.workbench.method;

/**
 * The momentum of a moving-average target at each step: {@code start} at the first step, rising on
 * a half cosine to {@code end} at the last (BYOL's tau_k = 1 - (1 - tau_base)(cos(pi k / K) + 1) / 2),
 * or constant when the two are equal (MoCo's 0.99).
 */
record MomentumSchedule(double start, double end, long totalSteps) {

    double at(long step) {
        if (start == end || totalSteps <= 0) {
            return start;
        }
        double progress = Math.min(1, step / (double) totalSteps);
        return end - (end - start) * (Math.cos(Math.PI * progress) + 1) / 2;
    }
}
