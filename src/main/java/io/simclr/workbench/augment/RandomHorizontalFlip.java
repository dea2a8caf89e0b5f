package io.simclr.workbench.augment;

import java.util.random.RandomGenerator;

/** Mirrors the view left to right with probability {@code p}. */
public record RandomHorizontalFlip(double p) implements ViewOperation {

    @Override
    public void apply(float[] image, int side, RandomGenerator rng, float[] scratch) {
        if (ViewOperation.fires(p, rng)) {
            flip(image, side);
        }
    }

    static void flip(float[] image, int side) {
        for (int row = 0; row < 3 * side; row++) {
            int start = row * side;
            for (int i = 0, j = side - 1; i < j; i++, j--) {
                float t = image[start + i];
                image[start + i] = image[start + j];
                image[start + j] = t;
            }
        }
    }
}
