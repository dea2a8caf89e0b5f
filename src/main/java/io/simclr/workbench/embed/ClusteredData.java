package io.simclr.workbench.embed;

import java.util.SplittableRandom;

/**
 * The t-SNE benchmark's input: clusters on a low-dimensional latent space (centres ~ N(0, 4^2),
 * points = centre + N(0, 1)), lifted to high dimension by a fixed random linear map, plus
 * N(0, 0.1^2) noise in every dimension. Deterministic from the seed.
 */
public record ClusteredData(float[] rows, int[] labels, int dim) {

    public static ClusteredData generate(int n, int dim, int clusters, int latent, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] centres = new double[clusters][latent];
        for (double[] c : centres) {
            for (int j = 0; j < latent; j++) {
                c[j] = 4 * random.nextGaussian();
            }
        }
        double[][] lift = new double[latent][dim];
        for (double[] row : lift) {
            for (int j = 0; j < dim; j++) {
                row[j] = random.nextGaussian() / Math.sqrt(latent);
            }
        }
        float[] rows = new float[n * dim];
        int[] labels = new int[n];
        double[] z = new double[latent];
        for (int i = 0; i < n; i++) {
            labels[i] = i % clusters;
            for (int j = 0; j < latent; j++) {
                z[j] = centres[labels[i]][j] + random.nextGaussian();
            }
            for (int d = 0; d < dim; d++) {
                double v = 0.1 * random.nextGaussian();
                for (int j = 0; j < latent; j++) {
                    v += z[j] * lift[j][d];
                }
                rows[i * dim + d] = (float) v;
            }
        }
        return new ClusteredData(rows, labels, dim);
    }
}
