package io.simclr.workbench.augment;

import java.util.random.RandomGenerator;

/** With probability {@code p}, adds independent N(0, std^2) noise to every value, clamped to [0, 1]. */
public record GaussianNoise(double p, double std) implements ViewOperation {

    @Override
    public void apply(float[] image, int side, RandomGenerator rng, float[] scratch) {
        if (!ViewOperation.fires(p, rng)) {
            return;
        }
        float s = (float) std;
        for (int i = 0; i < 3 * side * side; i++) {
            image[i] = ColorJitter.clamp(image[i] + s * (float) rng.nextGaussian());
        }
    }
}
