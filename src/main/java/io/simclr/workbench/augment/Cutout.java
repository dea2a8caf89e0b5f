package io.simclr.workbench.augment;

import java.util.random.RandomGenerator;

/**
 * With probability {@code p}, blacks out one square whose side is a uniform fraction
 * {@code [sizeMin, sizeMax]} of the view's side, centred anywhere (so it may be clipped at an edge),
 * as DeVries and Taylor's cutout and the SimCLR paper's study use.
 */
public record Cutout(double p, double sizeMin, double sizeMax) implements ViewOperation {

    @Override
    public void apply(float[] image, int side, RandomGenerator rng, float[] scratch) {
        if (!ViewOperation.fires(p, rng)) {
            return;
        }
        int length = Math.max(1, (int) Math.round(side * (sizeMin + (sizeMax - sizeMin) * rng.nextDouble())));
        int cx = rng.nextInt(side);
        int cy = rng.nextInt(side);
        int x0 = Math.max(0, cx - length / 2);
        int x1 = Math.min(side, cx - length / 2 + length);
        int y0 = Math.max(0, cy - length / 2);
        int y1 = Math.min(side, cy - length / 2 + length);
        int plane = side * side;
        for (int c = 0; c < 3; c++) {
            for (int y = y0; y < y1; y++) {
                int row = c * plane + y * side;
                java.util.Arrays.fill(image, row + x0, row + x1, 0f);
            }
        }
    }
}
