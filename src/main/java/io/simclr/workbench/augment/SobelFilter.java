package io.simclr.workbench.augment;

import java.util.random.RandomGenerator;

/**
 * With probability {@code p}, replaces the view by its edge map: the Sobel gradient magnitude of the
 * luma (edges replicated), scaled so the strongest edge is 1, in all three channels.
 */
public record SobelFilter(double p) implements ViewOperation {

    @Override
    public void apply(float[] image, int side, RandomGenerator rng, float[] scratch) {
        if (ViewOperation.fires(p, rng)) {
            edges(image, side, scratch);
        }
    }

    static void edges(float[] image, int side, float[] scratch) {
        int plane = side * side;
        for (int i = 0; i < plane; i++) {
            scratch[i] = RandomGrayscale.luma(image[i], image[plane + i], image[2 * plane + i]);
        }
        float max = 0f;
        for (int y = 0; y < side; y++) {
            int ym = Math.max(0, y - 1) * side;
            int y0 = y * side;
            int yp = Math.min(side - 1, y + 1) * side;
            for (int x = 0; x < side; x++) {
                int xm = Math.max(0, x - 1);
                int xp = Math.min(side - 1, x + 1);
                float gx = (scratch[ym + xp] + 2 * scratch[y0 + xp] + scratch[yp + xp])
                        - (scratch[ym + xm] + 2 * scratch[y0 + xm] + scratch[yp + xm]);
                float gy = (scratch[yp + xm] + 2 * scratch[yp + x] + scratch[yp + xp])
                        - (scratch[ym + xm] + 2 * scratch[ym + x] + scratch[ym + xp]);
                float magnitude = (float) Math.sqrt(gx * gx + gy * gy);
                image[y0 + x] = magnitude;
                max = Math.max(max, magnitude);
            }
        }
        float scale = max > 0f ? 1f / max : 0f;
        for (int i = 0; i < plane; i++) {
            float v = image[i] * scale;
            image[i] = v;
            image[plane + i] = v;
            image[2 * plane + i] = v;
        }
    }
}
