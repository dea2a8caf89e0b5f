package io.simclr.workbench.augment;

import java.util.random.RandomGenerator;

/**
 * With probability {@code p}, a Gaussian blur as in SimCLR: kernel about {@code kernelFraction}
 * (10%) of the side, made odd, at least 3; sigma uniform in {@code [sigmaMin, sigmaMax]}
 * (0.1–2.0); separable, with reflect padding as torchvision uses.
 */
public record GaussianBlur(double p, double kernelFraction, double sigmaMin, double sigmaMax) implements ViewOperation {

    /** The odd kernel size used for a view of this side. */
    public int kernelSize(int side) {
        int k = Math.max(3, (int) (kernelFraction * side));
        return k % 2 == 0 ? k + 1 : k;
    }

    @Override
    public void apply(float[] image, int side, RandomGenerator rng, float[] scratch) {
        if (!ViewOperation.fires(p, rng)) {
            return;
        }
        double sigma = sigmaMin + (sigmaMax - sigmaMin) * rng.nextDouble();
        blur(image, side, kernel(kernelSize(side), sigma), scratch);
    }

    static float[] kernel(int size, double sigma) {
        float[] k = new float[size];
        int half = size / 2;
        double total = 0;
        for (int i = 0; i < size; i++) {
            double x = i - half;
            total += k[i] = (float) StrictMath.exp(-x * x / (2 * sigma * sigma));
        }
        for (int i = 0; i < size; i++) {
            k[i] /= (float) total;
        }
        return k;
    }

    /**
     * Both passes are written as whole-row multiply-adds over a reflect-padded row, a loop shape the
     * JIT vectorises; a per-pixel loop over taps is several times slower at 96 px.
     */
    static void blur(float[] image, int side, float[] kernel, float[] scratch) {
        int half = kernel.length / 2;
        int plane = side * side;
        int[] reflect = new int[side + 2 * half];
        for (int i = -half; i < side + half; i++) {
            int j = i < 0 ? -i : (i >= side ? 2 * side - 2 - i : i);
            reflect[i + half] = Math.max(0, Math.min(side - 1, j));
        }
        float[] padded = new float[side + 2 * half];
        for (int c = 0; c < 3; c++) {
            int base = c * plane;
            for (int y = 0; y < side; y++) {
                int row = base + y * side;
                for (int i = 0; i < padded.length; i++) {
                    padded[i] = image[row + reflect[i]];
                }
                java.util.Arrays.fill(scratch, row, row + side, 0f);
                for (int k = 0; k < kernel.length; k++) {
                    float w = kernel[k];
                    for (int x = 0; x < side; x++) {
                        scratch[row + x] += w * padded[x + k];
                    }
                }
            }
            for (int y = 0; y < side; y++) {
                int out = base + y * side;
                java.util.Arrays.fill(image, out, out + side, 0f);
                for (int k = 0; k < kernel.length; k++) {
                    float w = kernel[k];
                    int in = base + reflect[y + k] * side;
                    for (int x = 0; x < side; x++) {
                        image[out + x] += w * scratch[in + x];
                    }
                }
            }
        }
    }
}
