package io.simclr.workbench.method;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SwAV's pieces: Sinkhorn-Knopp's equal partition and the swapped prediction. */
class SwAVTest {

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager("PyTorch");
    }

    @AfterEach
    void close() {
        manager.close();
    }

    /** Cosine-like scores in [-1, 1], B x K. */
    private NDArray scores(int samples, int prototypes, long seed) {
        double[] values = FiniteDifferences.gaussian(seed, new int[] {samples, prototypes})[0];
        float[] clipped = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            clipped[i] = (float) Math.tanh(values[i]);
        }
        return manager.create(clipped, new Shape(samples, prototypes));
    }

    private static double[] sums(float[] q, int rows, int columns, boolean ofRows) {
        double[] sums = new double[ofRows ? rows : columns];
        for (int i = 0; i < rows; i++) {
            for (int k = 0; k < columns; k++) {
                sums[ofRows ? i : k] += q[i * columns + k];
            }
        }
        return sums;
    }

    @Test
    void everySamplesCodesSumToOneAfterTheFinalNormalisation() {
        float[] q = new SinkhornKnopp(3, 0.05).codes(scores(12, 5, 1)).toFloatArray();
        for (double row : sums(q, 12, 5, true)) {
            assertEquals(1.0, row, 1e-5);
        }
    }

    /** The column step and the row step alternate; iterated, both marginals hold: each prototype gets B/K of the batch. */
    @Test
    void iteratedItSpreadsTheBatchEvenlyOverThePrototypes() {
        NDArray s = scores(12, 4, 2);
        float[] q = new SinkhornKnopp(200, 0.05).codes(s).toFloatArray();
        for (double column : sums(q, 12, 4, false)) {
            assertEquals(12.0 / 4, column, 1e-3);
        }
        double[] threeColumns = sums(new SinkhornKnopp(3, 0.05).codes(s).toFloatArray(), 12, 4, false);
        double[] raw = sums(s.div(manager.create(0.05f)).softmax(1).toFloatArray(), 12, 4, false);
        assertTrue(spread(threeColumns) < spread(raw) / 2, "three iterations already even out the prototypes' shares: "
                + java.util.Arrays.toString(threeColumns) + " against a softmax's " + java.util.Arrays.toString(raw));
    }

    private static double spread(double[] values) {
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (double v : values) {
            max = Math.max(max, v);
            min = Math.min(min, v);
        }
        return max - min;
    }

    @Test
    void equalScoresGiveEqualCodes() {
        float[] q = new SinkhornKnopp(3, 0.05).codes(manager.zeros(new Shape(6, 3))).toFloatArray();
        for (float v : q) {
            assertEquals(1.0 / 3, v, 1e-6);
        }
    }

    /**
     * One sample, two prototypes, tau 1: view 1's code [1, 0] against view 2's scores [1, 0] costs
     * ln(1 + e) - 1; view 2's code [0, 1] against view 1's scores [0, 0] costs ln 2; the loss is their mean.
     */
    @Test
    void lossMatchesAHandComputedExample() {
        NDArray scores1 = manager.create(new float[][] {{0, 0}});
        NDArray scores2 = manager.create(new float[][] {{1, 0}});
        NDArray codes1 = manager.create(new float[][] {{1, 0}});
        NDArray codes2 = manager.create(new float[][] {{0, 1}});
        double expected = (Math.log(1 + Math.E) - 1 + Math.log(2)) / 2;
        assertEquals(expected, new SwAVLoss(1.0).compute(scores1, scores2, codes1, codes2).getFloat(), 1e-6);
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        int[][] shapes = {{3, 4}, {3, 4}, {3, 4}, {3, 4}};
        double[][] inputs = FiniteDifferences.gaussian(7, shapes);
        for (int c = 2; c < 4; c++) {
            double[] codes = inputs[c];
            for (int i = 0; i < codes.length; i++) {
                codes[i] = Math.abs(codes[i]); // codes are non-negative weights
            }
        }
        double tau = 0.5;
        FiniteDifferences.assertGradientsMatch(inputs, shapes, in -> new SwAVLoss(tau).compute(in.get(0), in.get(1), in.get(2), in.get(3)),
                in -> (crossEntropy(in[2], in[1], tau) + crossEntropy(in[3], in[0], tau)) / 2, List.of(0, 1), 2e-4);
    }

    /** -mean_i sum_k codes_ik log softmax(scores_i / tau)_k. */
    private static double crossEntropy(double[] codes, double[] scores, double tau) {
        double total = 0;
        for (int i = 0; i < 3; i++) {
            double norm = 0;
            for (int k = 0; k < 4; k++) {
                norm += Math.exp(scores[i * 4 + k] / tau);
            }
            for (int k = 0; k < 4; k++) {
                total -= codes[i * 4 + k] * (scores[i * 4 + k] / tau - Math.log(norm));
            }
        }
        return total / 3;
    }
}
