package io.simclr.workbench.augment;

import java.util.random.RandomGenerator;

/** With probability {@code p}, replaces every channel by ITU-R BT.601 luma (0.299 R + 0.587 G + 0.114 B). */
public record RandomGrayscale(double p) implements ViewOperation {

    @Override
    public void apply(float[] image, int side, RandomGenerator rng, float[] scratch) {
        if (ViewOperation.fires(p, rng)) {
            toGray(image, side * side);
        }
    }

    static float luma(float r, float g, float b) {
        return 0.299f * r + 0.587f * g + 0.114f * b;
    }

    static void toGray(float[] image, int plane) {
        for (int i = 0; i < plane; i++) {
            float y = luma(image[i], image[plane + i], image[2 * plane + i]);
            image[i] = y;
            image[plane + i] = y;
            image[2 * plane + i] = y;
        }
    }
}
