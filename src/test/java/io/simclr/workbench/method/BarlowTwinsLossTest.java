package io.simclr.workbench.method;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.Test;

class BarlowTwinsLossTest {

    private static final double EPS = 1e-5;

    /**
     * Two views alike, two dimensions that are exact opposites over a batch of two (values 1, -1 and
     * -1, 1; variance 1): standardised they are x / sqrt(1 + eps), so C = [[1, -1], [-1, 1]] / (1 + eps)
     * and the loss is 2 (1 - 1 / (1 + eps))^2 + lambda 2 / (1 + eps)^2 — almost all redundancy.
     */
    @Test
    void lossMatchesAHandComputedExample() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            float[][] z = {{1, -1}, {-1, 1}};
            double c = 1 / (1 + EPS);
            double expected = 2 * Math.pow(1 - c, 2) + 0.0051 * 2 * c * c;
            assertEquals(expected, new BarlowTwinsLoss(0.0051).compute(m.create(z), m.create(z)).getFloat(), 1e-7);
            double lambdaOne = 2 * Math.pow(1 - c, 2) + 2 * c * c;
            assertEquals(lambdaOne, new BarlowTwinsLoss(1).compute(m.create(z), m.create(z)).getFloat(), 1e-6);
        }
    }

    /** Uncorrelated dimensions, each view identical: C is the identity, so the loss is (nearly) zero. */
    @Test
    void identicalViewsWithIndependentDimensionsCostNothing() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            float[][] z = {{1, 1}, {1, -1}, {-1, 1}, {-1, -1}};
            assertEquals(0, new BarlowTwinsLoss(0.0051).compute(m.create(z), m.create(z)).getFloat(), 1e-8);
        }
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        int[][] shapes = {{6, 3}, {6, 3}};
        double lambda = 0.3;
        FiniteDifferences.assertGradientsMatch(FiniteDifferences.gaussian(6, shapes), shapes,
                in -> new BarlowTwinsLoss(lambda).compute(in.get(0), in.get(1)), in -> reference(in[0], in[1], 6, 3, lambda), List.of(0, 1),
                5e-4);
    }

    @Test
    void lambdaMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new BarlowTwinsLoss(0));
    }

    /** The paper's loss from its definition, in double precision. */
    private static double reference(double[] a, double[] b, int n, int d, double lambda) {
        double[][] x = standardised(a, n, d);
        double[][] y = standardised(b, n, d);
        double loss = 0;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double c = 0;
                for (int k = 0; k < n; k++) {
                    c += x[k][i] * y[k][j];
                }
                c /= n;
                loss += i == j ? (1 - c) * (1 - c) : lambda * c * c;
            }
        }
        return loss;
    }

    private static double[][] standardised(double[] z, int n, int d) {
        double[][] out = new double[n][d];
        for (int j = 0; j < d; j++) {
            double mean = 0;
            for (int k = 0; k < n; k++) {
                mean += z[k * d + j] / n;
            }
            double variance = 0;
            for (int k = 0; k < n; k++) {
                variance += Math.pow(z[k * d + j] - mean, 2) / n;
            }
            for (int k = 0; k < n; k++) {
                out[k][j] = (z[k * d + j] - mean) / Math.sqrt(variance + EPS);
            }
        }
        return out;
    }
}
