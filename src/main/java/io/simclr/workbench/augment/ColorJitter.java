package io.simclr.workbench.augment;

import java.util.random.RandomGenerator;

/**
 * torchvision's {@code ColorJitter} inside {@code RandomApply(p)}: brightness, contrast and
 * saturation factors drawn from {@code [max(0, 1 - s), 1 + s]}, a hue shift from
 * {@code [-hue, hue]} (hue at most 0.5), applied in a random order. Each adjustment follows
 * torchvision's tensor functions: brightness scales, contrast blends toward the mean grey level,
 * saturation toward each pixel's grey, hue rotates in HSV. A strength of 0 leaves that property alone.
 */
public record ColorJitter(double p, double brightness, double contrast, double saturation, double hue) implements ViewOperation {

    @Override
    public void apply(float[] image, int side, RandomGenerator rng, float[] scratch) {
        if (!ViewOperation.fires(p, rng)) {
            return;
        }
        int[] order = {0, 1, 2, 3};
        for (int i = 3; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        float b = factor(brightness, rng);
        float c = factor(contrast, rng);
        float s = factor(saturation, rng);
        float h = hue > 0 ? (float) (-hue + 2 * hue * rng.nextDouble()) : 0f;
        int plane = side * side;
        for (int op : order) {
            switch (op) {
                case 0 -> { if (brightness > 0) adjustBrightness(image, b); }
                case 1 -> { if (contrast > 0) adjustContrast(image, plane, c); }
                case 2 -> { if (saturation > 0) adjustSaturation(image, plane, s); }
                default -> { if (hue > 0) adjustHue(image, plane, h); }
            }
        }
    }

    private static float factor(double strength, RandomGenerator rng) {
        double lo = Math.max(0, 1 - strength);
        double hi = 1 + strength;
        return (float) (lo + (hi - lo) * rng.nextDouble());
    }

    static void adjustBrightness(float[] image, float factor) {
        for (int i = 0; i < image.length; i++) {
            image[i] = clamp(image[i] * factor);
        }
    }

    static void adjustContrast(float[] image, int plane, float factor) {
        double sum = 0;
        for (int i = 0; i < plane; i++) {
            sum += RandomGrayscale.luma(image[i], image[plane + i], image[2 * plane + i]);
        }
        float offset = (float) ((1 - factor) * sum / plane);
        for (int i = 0; i < image.length; i++) {
            image[i] = clamp(factor * image[i] + offset);
        }
    }

    static void adjustSaturation(float[] image, int plane, float factor) {
        for (int i = 0; i < plane; i++) {
            float grey = RandomGrayscale.luma(image[i], image[plane + i], image[2 * plane + i]) * (1 - factor);
            image[i] = clamp(factor * image[i] + grey);
            image[plane + i] = clamp(factor * image[plane + i] + grey);
            image[2 * plane + i] = clamp(factor * image[2 * plane + i] + grey);
        }
    }

    /** Shifts hue by {@code shift} turns (RGB to HSV and back, as torchvision's {@code adjust_hue}). */
    static void adjustHue(float[] image, int plane, float shift) {
        for (int i = 0; i < plane; i++) {
            float r = image[i];
            float g = image[plane + i];
            float b = image[2 * plane + i];
            float max = Math.max(r, Math.max(g, b));
            float min = Math.min(r, Math.min(g, b));
            float chroma = max - min;
            if (chroma == 0f) {
                continue; // grey: hue is undefined and the shift changes nothing
            }
            float s = chroma / max;
            float h;
            if (max == r) {
                h = (g - b) / chroma;
            } else if (max == g) {
                h = 2f + (b - r) / chroma;
            } else {
                h = 4f + (r - g) / chroma;
            }
            h = h / 6f + shift;
            h -= (float) Math.floor(h);
            float h6 = h * 6f;
            int sector = (int) h6;
            float f = h6 - sector;
            float v = max;
            float pp = clamp(v * (1 - s));
            float q = clamp(v * (1 - s * f));
            float t = clamp(v * (1 - s * (1 - f)));
            switch (sector % 6) {
                case 0 -> { r = v; g = t; b = pp; }
                case 1 -> { r = q; g = v; b = pp; }
                case 2 -> { r = pp; g = v; b = t; }
                case 3 -> { r = pp; g = q; b = v; }
                case 4 -> { r = t; g = pp; b = v; }
                default -> { r = v; g = pp; b = q; }
            }
            image[i] = r;
            image[plane + i] = g;
            image[2 * plane + i] = b;
        }
    }

    static float clamp(float v) {
        return v < 0f ? 0f : (v > 1f ? 1f : v);
    }
}
