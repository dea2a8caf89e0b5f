package io.simclr.workbench.augment;

import java.util.random.RandomGenerator;

/**
 * With probability {@code p}, rotates the view: by 90, 180 or 270 degrees (the SimCLR paper's
 * rotation study), or by an angle uniform in {@code [-maxDegrees, maxDegrees]} with bilinear
 * sampling and black where the rotated image does not reach.
 */
public record RandomRotation(double p, boolean rightAnglesOnly, double maxDegrees) implements ViewOperation {

    @Override
    public void apply(float[] image, int side, RandomGenerator rng, float[] scratch) {
        if (!ViewOperation.fires(p, rng)) {
            return;
        }
        if (rightAnglesOnly) {
            rotateQuarterTurns(image, side, 1 + rng.nextInt(3), scratch);
        } else {
            rotate(image, side, Math.toRadians(-maxDegrees + 2 * maxDegrees * rng.nextDouble()), scratch);
        }
    }

    /** Rotates counter-clockwise by {@code turns} quarter turns, exactly. */
    static void rotateQuarterTurns(float[] image, int side, int turns, float[] scratch) {
        int plane = side * side;
        System.arraycopy(image, 0, scratch, 0, 3 * plane);
        for (int c = 0; c < 3; c++) {
            int base = c * plane;
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    int sx;
                    int sy;
                    switch (turns & 3) {
                        case 1 -> { sx = side - 1 - y; sy = x; }
                        case 2 -> { sx = side - 1 - x; sy = side - 1 - y; }
                        case 3 -> { sx = y; sy = side - 1 - x; }
                        default -> { sx = x; sy = y; }
                    }
                    image[base + y * side + x] = scratch[base + sy * side + sx];
                }
            }
        }
    }

    /** Rotates about the centre by {@code radians} (counter-clockwise on screen). */
    static void rotate(float[] image, int side, double radians, float[] scratch) {
        int plane = side * side;
        System.arraycopy(image, 0, scratch, 0, 3 * plane);
        double cos = StrictMath.cos(radians);
        double sin = StrictMath.sin(radians);
        double centre = (side - 1) / 2.0;
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                double dx = x - centre;
                double dy = y - centre;
                double sx = cos * dx - sin * dy + centre;
                double sy = sin * dx + cos * dy + centre;
                int x0 = (int) Math.floor(sx);
                int y0 = (int) Math.floor(sy);
                float fx = (float) (sx - x0);
                float fy = (float) (sy - y0);
                for (int c = 0; c < 3; c++) {
                    int base = c * plane;
                    float v = (1 - fx) * (1 - fy) * at(scratch, base, side, x0, y0)
                            + fx * (1 - fy) * at(scratch, base, side, x0 + 1, y0)
                            + (1 - fx) * fy * at(scratch, base, side, x0, y0 + 1)
                            + fx * fy * at(scratch, base, side, x0 + 1, y0 + 1);
                    image[base + y * side + x] = v;
                }
            }
        }
    }

    private static float at(float[] img, int base, int side, int x, int y) {
        return x < 0 || y < 0 || x >= side || y >= side ? 0f : img[base + y * side + x];
    }
}
