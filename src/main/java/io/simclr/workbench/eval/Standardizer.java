package io.simclr.workbench.eval;

/** Z-scoring with statistics of one set (the training split), applied unchanged to any other. */
final class Standardizer {

    private final double[] mean;
    private final double[] scale;

    private Standardizer(double[] mean, double[] scale) {
        this.mean = mean;
        this.scale = scale;
    }

    /** A feature that never varies gets scale 1 (it becomes 0, not NaN). */
    static Standardizer fit(float[] rows, int dim) {
        int n = rows.length / dim;
        double[] mean = new double[dim];
        double[] squares = new double[dim];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < dim; j++) {
                mean[j] += rows[i * dim + j];
            }
        }
        for (int j = 0; j < dim; j++) {
            mean[j] /= Math.max(1, n);
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < dim; j++) {
                double d = rows[i * dim + j] - mean[j];
                squares[j] += d * d;
            }
        }
        double[] scale = new double[dim];
        for (int j = 0; j < dim; j++) {
            double std = Math.sqrt(squares[j] / Math.max(1, n));
            scale[j] = std > 1e-8 ? 1.0 / std : 1.0;
        }
        return new Standardizer(mean, scale);
    }

    float[] apply(float[] rows) {
        int dim = mean.length;
        float[] out = new float[rows.length];
        for (int i = 0; i < rows.length; i++) {
            int j = i % dim;
            out[i] = (float) ((rows[i] - mean[j]) * scale[j]);
        }
        return out;
    }
}
