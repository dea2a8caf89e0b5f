package io.simclr.workbench.method;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NtXentLossTest {

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager("PyTorch");
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private float loss(float[][] z, double tau) {
        return new NtXentLoss(tau).compute(manager.create(z)).loss().getFloat();
    }

    @Test
    void lossIsLogOfCandidatesWhenAllSimilaritiesAreEqual() {
        for (int pairs : new int[] {2, 3, 8, 64}) {
            float[][] z = new float[2 * pairs][];
            for (int i = 0; i < z.length; i++) {
                z[i] = new float[] {0.3f, -1.2f, 2f}; // every view the same: all cosines 1
            }
            assertEquals(Math.log(2 * pairs - 1), loss(z, 0.5), 1e-5, pairs + " pairs");
        }
    }

    /**
     * Views 0 and 2 point along x, views 1 and 3 along y. For every anchor the positive has cosine 1
     * and the two negatives cosine 0, so with tau = 1 the loss is -1 + ln(e^0 + e^1 + e^0) =
     * ln(2 + e) - 1 = 0.5514447, and with tau = 0.5 it is ln(2 + e^2) - 2 = 0.2395448.
     */
    @Test
    void lossMatchesAHandComputedTwoPairExample() {
        float[][] z = {{1, 0}, {0, 1}, {3, 0}, {0, 0.5f}};
        assertEquals(0.5514447, loss(z, 1.0), 1e-6);
        assertEquals(0.2395448, loss(z, 0.5), 1e-6);
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(3);
        int views = 6;
        int dim = 4;
        double tau = 0.3;
        double[] z = new double[views * dim];
        for (int i = 0; i < z.length; i++) {
            z[i] = rng.nextGaussian();
        }
        float[] analytic;
        NDArray input = manager.create(toFloat(z), new Shape(views, dim));
        input.setRequiresGradient(true);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            collector.backward(new NtXentLoss(tau).compute(input).loss());
        }
        analytic = input.getGradient().toFloatArray();
        double h = 1e-5;
        for (int i = 0; i < z.length; i++) {
            double saved = z[i];
            z[i] = saved + h;
            double up = referenceLoss(z, views, dim, tau);
            z[i] = saved - h;
            double down = referenceLoss(z, views, dim, tau);
            z[i] = saved;
            double numeric = (up - down) / (2 * h);
            assertEquals(numeric, analytic[i], 2e-4, "d loss / d z[" + i + "]");
        }
    }

    @Test
    void lossIsInvariantToPermutingThePairs() {
        SplittableRandom rng = new SplittableRandom(5);
        int pairs = 5;
        float[][] z = new float[2 * pairs][8];
        for (float[] row : z) {
            for (int d = 0; d < row.length; d++) {
                row[d] = (float) rng.nextGaussian();
            }
        }
        int[] permutation = {3, 0, 4, 1, 2};
        float[][] permuted = new float[2 * pairs][];
        for (int i = 0; i < pairs; i++) {
            permuted[i] = z[permutation[i]];
            permuted[pairs + i] = z[pairs + permutation[i]];
        }
        float[][] swapped = new float[2 * pairs][];
        for (int i = 0; i < pairs; i++) {
            swapped[i] = z[pairs + i];
            swapped[pairs + i] = z[i];
        }
        float base = loss(z, 0.2);
        assertEquals(base, loss(permuted, 0.2), 1e-5);
        assertEquals(base, loss(swapped, 0.2), 1e-5);
    }

    @Test
    void lossAgreesWithTheMetricsRecomputationInDoublePrecision() {
        SplittableRandom rng = new SplittableRandom(11);
        float[][] z = new float[16][6];
        for (float[] row : z) {
            for (int d = 0; d < row.length; d++) {
                row[d] = (float) rng.nextGaussian();
            }
        }
        NtXentLoss.Result r = new NtXentLoss(0.1).compute(manager.create(z));
        ContrastiveMetrics m = ContrastiveMetrics.compute(r.cosine().toFloatArray(), r.normalized().toFloatArray(), 16, 6, 0.1);
        assertEquals(m.loss(), r.loss().getFloat(), 1e-4);
    }

    @Test
    void temperatureMustBePositive() {
        for (double bad : new double[] {0, -0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
            var e = assertThrows(IllegalArgumentException.class, () -> new NtXentLoss(bad));
            assertTrue(e.getMessage().contains("temperature"), e.getMessage());
        }
    }

    @Test
    void oddOrTooSmallBatchesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new NtXentLoss(0.5).compute(manager.ones(new Shape(3, 4))));
        assertThrows(IllegalArgumentException.class, () -> new NtXentLoss(0.5).compute(manager.ones(new Shape(2, 4))));
    }

    /** NT-Xent in double precision, straight from the definition. */
    static double referenceLoss(double[] z, int views, int dim, double tau) {
        double[][] n = new double[views][dim];
        for (int i = 0; i < views; i++) {
            double norm = 0;
            for (int d = 0; d < dim; d++) {
                norm += z[i * dim + d] * z[i * dim + d];
            }
            for (int d = 0; d < dim; d++) {
                n[i][d] = z[i * dim + d] / Math.sqrt(norm);
            }
        }
        double total = 0;
        for (int i = 0; i < views; i++) {
            int pos = (i + views / 2) % views;
            double denominator = 0;
            double positive = 0;
            for (int k = 0; k < views; k++) {
                if (k == i) {
                    continue;
                }
                double s = 0;
                for (int d = 0; d < dim; d++) {
                    s += n[i][d] * n[k][d];
                }
                denominator += Math.exp(s / tau);
                if (k == pos) {
                    positive = s / tau;
                }
            }
            total += Math.log(denominator) - positive;
        }
        return total / views;
    }

    private static float[] toFloat(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }
}
