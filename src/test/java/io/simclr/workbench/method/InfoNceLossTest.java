package io.simclr.workbench.method;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InfoNceLossTest {

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager("PyTorch");
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private float loss(float[][] queries, float[][] positives, float[][] negatives, double tau) {
        return new InfoNceLoss(tau).compute(manager.create(queries), manager.create(positives), manager.create(negatives)).getFloat();
    }

    @Test
    void lossIsLogOfOnePlusTheNegativesWhenAllSimilaritiesAreEqual() {
        float[][] same = {{0.5f, 2f}};
        for (int negatives : new int[] {1, 7, 100}) {
            float[][] n = new float[negatives][];
            java.util.Arrays.fill(n, new float[] {1f, 4f});
            assertEquals(Math.log(1 + negatives), loss(same, same, n, 0.2), 1e-5, negatives + " negatives");
        }
    }

    /**
     * The query along x, its positive along x (cosine 1), one negative along y (0) and one against
     * it (-1): at tau 1 the loss is ln(e + 1 + 1/e) - 1 = 0.4076059; at tau 0.5, ln(e^2 + 1 + e^-2) - 2 = 0.1429316.
     * A second query (along y, positive along y) has the cosines 1, 1, 0, so it adds ln(2e + 1) - 1.
     */
    @Test
    void lossMatchesAHandComputedExample() {
        float[][] negatives = {{0, 3}, {-2, 0}};
        assertEquals(0.4076059, loss(new float[][] {{2, 0}}, new float[][] {{1, 0}}, negatives, 1.0), 1e-6);
        assertEquals(0.1429316, loss(new float[][] {{2, 0}}, new float[][] {{1, 0}}, negatives, 0.5), 1e-6);
        double second = Math.log(2 * Math.E + 1) - 1;
        assertEquals((0.4076059 + second) / 2, loss(new float[][] {{2, 0}, {0, 1}}, new float[][] {{1, 0}, {0, 5}}, negatives, 1.0), 1e-6);
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        int[][] shapes = {{3, 4}, {3, 4}, {5, 4}};
        double tau = 0.3;
        FiniteDifferences.assertGradientsMatch(FiniteDifferences.gaussian(2, shapes), shapes,
                in -> new InfoNceLoss(tau).compute(in.get(0), in.get(1), in.get(2)), in -> reference(in, tau), List.of(0, 1, 2), 2e-4);
    }

    /** InfoNCE from its definition, in double precision. */
    private static double reference(double[][] in, double tau) {
        double[][] q = FiniteDifferences.unitRows(in[0], 3, 4);
        double[][] k = FiniteDifferences.unitRows(in[1], 3, 4);
        double[][] n = FiniteDifferences.unitRows(in[2], 5, 4);
        double total = 0;
        for (int i = 0; i < q.length; i++) {
            double positive = Math.exp(FiniteDifferences.dot(q[i], k[i]) / tau);
            double all = positive;
            for (double[] negative : n) {
                all += Math.exp(FiniteDifferences.dot(q[i], negative) / tau);
            }
            total -= Math.log(positive / all);
        }
        return total / q.length;
    }
}
