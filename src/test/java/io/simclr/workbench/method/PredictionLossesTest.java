package io.simclr.workbench.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.Test;

/** BYOL's and SimSiam's losses: a prediction of one view against the other view's projection, symmetrised. */
class PredictionLossesTest {

    private static final int[][] SHAPES = {{3, 4}, {3, 4}, {3, 4}, {3, 4}};

    /** Mean over rows of cos(a_i, b_i). */
    private static double meanCosine(double[] a, double[] b) {
        double[][] x = FiniteDifferences.unitRows(a, 3, 4);
        double[][] y = FiniteDifferences.unitRows(b, 3, 4);
        double sum = 0;
        for (int i = 0; i < 3; i++) {
            sum += FiniteDifferences.dot(x[i], y[i]);
        }
        return sum / 3;
    }

    /** p1 matches z'2 exactly (cosine 1), p2 is orthogonal to z'1 (cosine 0): BYOL's two terms are 0 and 2, their mean 1. */
    @Test
    void byolLossMatchesAHandComputedExample() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray p1 = m.create(new float[][] {{3, 4}});
            NDArray p2 = m.create(new float[][] {{1, 0}});
            NDArray t1 = m.create(new float[][] {{0, 2}});
            NDArray t2 = m.create(new float[][] {{6, 8}});
            assertEquals(1.0, ByolLoss.compute(p1, p2, t1, t2).getFloat(), 1e-6);
            assertEquals(0.0, ByolLoss.compute(p1, p1, t2, t2).getFloat(), 1e-6, "predictions that match cost nothing");
            assertEquals(4.0, ByolLoss.compute(p1, p1, t2.neg(), t2.neg()).getFloat(), 1e-6, "opposite ones cost 4");
        }
    }

    /** The same pairs for SimSiam: -(1 + 0) / 2. */
    @Test
    void simsiamLossMatchesAHandComputedExample() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray p1 = m.create(new float[][] {{3, 4}});
            NDArray p2 = m.create(new float[][] {{1, 0}});
            NDArray z1 = m.create(new float[][] {{0, 2}});
            NDArray z2 = m.create(new float[][] {{6, 8}});
            assertEquals(-0.5, SimSiamLoss.compute(p1, p2, z1, z2, true).getFloat(), 1e-6);
            assertEquals(-1.0, SimSiamLoss.compute(p1, p1, z2, z2, true).getFloat(), 1e-6);
        }
    }

    @Test
    void byolGradientMatchesFiniteDifferences() {
        FiniteDifferences.assertGradientsMatch(FiniteDifferences.gaussian(3, SHAPES), SHAPES,
                in -> ByolLoss.compute(in.get(0), in.get(1), in.get(2), in.get(3)),
                in -> 2 - meanCosine(in[0], in[3]) - meanCosine(in[1], in[2]), List.of(0, 1), 2e-4);
    }

    /** Without the stop-gradient both branches carry the gradient: the check then covers z too. */
    @Test
    void simsiamGradientMatchesFiniteDifferences() {
        FiniteDifferences.assertGradientsMatch(FiniteDifferences.gaussian(4, SHAPES), SHAPES,
                in -> SimSiamLoss.compute(in.get(0), in.get(1), in.get(2), in.get(3), false),
                in -> -(meanCosine(in[0], in[3]) + meanCosine(in[1], in[2])) / 2, List.of(0, 1, 2, 3), 2e-4);
    }

    /** The gradients reaching (p1, p2, z1, z2) from one backward pass. */
    private static float[][] gradients(boolean stopGradient, boolean byol) {
        double[][] inputs = FiniteDifferences.gaussian(5, SHAPES);
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray[] arrays = new NDArray[4];
            for (int i = 0; i < 4; i++) {
                arrays[i] = m.create(FiniteDifferences.toFloat(inputs[i]), new ai.djl.ndarray.types.Shape(3, 4));
                arrays[i].setRequiresGradient(true);
            }
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.backward(byol ? ByolLoss.compute(arrays[0], arrays[1], arrays[2], arrays[3])
                        : SimSiamLoss.compute(arrays[0], arrays[1], arrays[2], arrays[3], stopGradient));
            }
            float[][] out = new float[4][];
            for (int i = 0; i < 4; i++) {
                out[i] = arrays[i].getGradient().toFloatArray();
            }
            return out;
        }
    }

    private static boolean allZero(float[] values) {
        for (float v : values) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }

    @Test
    void simsiamStopGradientStopsTheGradientOfTheTargetBranch() {
        float[][] stopped = gradients(true, false);
        assertArrayEquals(new float[12], stopped[2], "z1 gets no gradient");
        assertArrayEquals(new float[12], stopped[3], "z2 gets no gradient");
        assertTrue(!allZero(stopped[0]) && !allZero(stopped[1]), "the predictions do");
        float[][] open = gradients(false, false);
        assertTrue(!allZero(open[2]) && !allZero(open[3]), "without the stop-gradient the targets are pulled too");
        assertArrayEquals(stopped[0], open[0], "the prediction's own gradient is the same either way");
    }

    @Test
    void byolTargetsGetNoGradient() {
        float[][] g = gradients(true, true);
        assertArrayEquals(new float[12], g[2]);
        assertArrayEquals(new float[12], g[3]);
        assertTrue(!allZero(g[0]) && !allZero(g[1]));
    }
}
