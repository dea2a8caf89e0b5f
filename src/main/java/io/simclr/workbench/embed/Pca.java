package io.simclr.workbench.embed;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.simclr.workbench.nd.Scalars;

/**
 * Principal components of row-major data: the covariance comes from one matrix product on the
 * engine; its leading eigenvectors from subspace iteration (a block 20 wider than asked for, a few
 * rounds) and a Jacobi eigen-solve of the small projected matrix (Halko et al. 2011). When the block
 * spans every dimension the result is exact. Signs are fixed (largest loading positive) so the
 * projection is the same on every run.
 */
public final class Pca {

    private final double[] mean;
    private final double[][] components;
    private final double[] variances;

    private Pca(double[] mean, double[][] components, double[] variances) {
        this.mean = mean;
        this.components = components;
        this.variances = variances;
    }

    public static Pca fit(NDManager parent, float[] rows, int dim, int count) {
        int n = rows.length / dim;
        int keep = Math.min(count, dim);
        double[] mean = new double[dim];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < dim; j++) {
                mean[j] += rows[i * dim + j];
            }
        }
        for (int j = 0; j < dim; j++) {
            mean[j] /= Math.max(1, n);
        }
        double[][] covariance = new double[dim][dim];
        try (NDManager m = parent.newSubManager()) {
            float[] mu = new float[dim];
            for (int j = 0; j < dim; j++) {
                mu[j] = (float) mean[j];
            }
            NDArray x = m.create(rows, new Shape(n, dim)).sub(m.create(mu));
            float[] c = Scalars.div(x.transpose().matMul(x), Math.max(1, n - 1)).toFloatArray();
            for (int i = 0; i < dim; i++) {
                for (int j = 0; j < dim; j++) {
                    covariance[i][j] = c[i * dim + j];
                }
            }
        }
        double[][] basis = leadingSubspace(covariance, Math.min(dim, keep + 20));
        int b = basis.length;
        double[][] projected = new double[b][b];
        double[][] cq = new double[b][];
        for (int i = 0; i < b; i++) {
            cq[i] = multiply(covariance, basis[i]);
        }
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < b; j++) {
                projected[i][j] = dot(basis[i], cq[j]);
            }
        }
        SymmetricEigen eigen = SymmetricEigen.of(projected);
        double[][] components = new double[keep][];
        double[] variances = new double[keep];
        for (int k = 0; k < keep; k++) {
            double[] small = eigen.vector(k);
            double[] v = new double[dim];
            for (int i = 0; i < b; i++) {
                for (int j = 0; j < dim; j++) {
                    v[j] += small[i] * basis[i][j];
                }
            }
            int largest = 0;
            for (int j = 1; j < dim; j++) {
                if (Math.abs(v[j]) > Math.abs(v[largest])) {
                    largest = j;
                }
            }
            if (v[largest] < 0) {
                for (int j = 0; j < dim; j++) {
                    v[j] = -v[j];
                }
            }
            components[k] = v;
            variances[k] = Math.max(0, eigen.value(k));
        }
        return new Pca(mean, components, variances);
    }

    /** An orthonormal basis (rows) of the span of the {@code width} leading eigenvectors. */
    private static double[][] leadingSubspace(double[][] covariance, int width) {
        int dim = covariance.length;
        double[][] q = new double[width][dim];
        if (width == dim) {
            for (int i = 0; i < dim; i++) {
                q[i][i] = 1;
            }
            return q;
        }
        java.util.SplittableRandom random = new java.util.SplittableRandom(42);
        for (double[] row : q) {
            for (int j = 0; j < dim; j++) {
                row[j] = random.nextDouble() - 0.5;
            }
        }
        orthonormalize(q);
        for (int round = 0; round < 8; round++) {
            for (int i = 0; i < width; i++) {
                q[i] = multiply(covariance, q[i]);
            }
            orthonormalize(q);
        }
        return q;
    }

    /** Modified Gram-Schmidt, twice for stability; a vector that vanishes is replaced by a unit vector. */
    private static void orthonormalize(double[][] q) {
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < q.length; i++) {
                for (int j = 0; j < i; j++) {
                    double d = dot(q[i], q[j]);
                    for (int t = 0; t < q[i].length; t++) {
                        q[i][t] -= d * q[j][t];
                    }
                }
                double norm = Math.sqrt(dot(q[i], q[i]));
                if (norm < 1e-300) {
                    java.util.Arrays.fill(q[i], 0);
                    q[i][i % q[i].length] = 1;
                    norm = 1;
                }
                for (int t = 0; t < q[i].length; t++) {
                    q[i][t] /= norm;
                }
            }
        }
    }

    private static double[] multiply(double[][] a, double[] v) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = dot(a[i], v);
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    public int components() {
        return components.length;
    }

    public double[] explainedVariances() {
        return variances.clone();
    }

    /** Rows projected onto the components: n x components, row-major. */
    public float[] project(float[] rows) {
        int dim = mean.length;
        int n = rows.length / dim;
        int k = components.length;
        float[] out = new float[n * k];
        java.util.stream.IntStream.range(0, n).parallel().forEach(i -> {
            for (int c = 0; c < k; c++) {
                double[] v = components[c];
                double s = 0;
                for (int j = 0; j < dim; j++) {
                    s += (rows[i * dim + j] - mean[j]) * v[j];
                }
                out[i * k + c] = (float) s;
            }
        });
        return out;
    }
}
