package io.simclr.workbench.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LinearProbeTest {

    @Test
    void lbfgsFindsTheMinimumOfRosenbrock() {
        double[] x = {-1.2, 1.0};
        Lbfgs.Outcome outcome = new Lbfgs(8, 2_000, 1e-12).minimize((p, g) -> {
            double a = 1 - p[0];
            double b = p[1] - p[0] * p[0];
            g[0] = -2 * a - 400 * p[0] * b;
            g[1] = 200 * b;
            return a * a + 100 * b * b;
        }, x);
        assertEquals(1.0, x[0], 1e-4);
        assertEquals(1.0, x[1], 1e-4);
        assertTrue(outcome.value() < 1e-8, "value " + outcome.value());
    }

    @Test
    void gradientOfTheObjectiveMatchesFiniteDifferences() {
        int n = 40;
        int dim = 3;
        int classes = 4;
        Random random = new Random(3);
        float[] x = new float[n * dim];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = random.nextInt(classes);
            for (int j = 0; j < dim; j++) {
                x[i * dim + j] = (float) random.nextGaussian();
            }
        }
        try (NDManager manager = NDManager.newBaseManager("PyTorch");
             SoftmaxRegression model = new SoftmaxRegression(manager, x, y, dim, classes)) {
            double[] w = new double[model.parameterCount()];
            for (int i = 0; i < w.length; i++) {
                w[i] = 0.3 * random.nextGaussian();
            }
            double[] analytic = new double[w.length];
            double l2 = 0.1;
            model.valueAndGradient(w, analytic, l2);
            double[] unused = new double[w.length];
            for (int i = 0; i < w.length; i++) {
                double h = 1e-2;
                double[] plus = w.clone();
                double[] minus = w.clone();
                plus[i] += h;
                minus[i] -= h;
                double numeric = (model.valueAndGradient(plus, unused, l2) - model.valueAndGradient(minus, unused, l2)) / (2 * h);
                assertEquals(numeric, analytic[i], 2e-3, "parameter " + i);
            }
        }
    }

    @Test
    void separableClassesAreLearnedAndRandomLabelsAreNot() {
        int dim = 16;
        int classes = 5;
        Random random = new Random(7);
        double[][] centres = new double[classes][dim];
        for (double[] c : centres) {
            for (int j = 0; j < dim; j++) {
                c[j] = 3 * random.nextGaussian();
            }
        }
        int[] trainY = labels(500, classes);
        int[] testY = labels(200, classes);
        float[] train = blobs(trainY, centres, random);
        float[] test = blobs(testY, centres, random);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            LinearProbe.Result learned = LinearProbe.evaluate(manager, train, trainY, test, testY, dim, classes, 1);
            assertTrue(learned.testTop1() > 0.97, "test top-1 " + learned.testTop1());
            assertEquals(LinearProbe.L2_GRID.length, learned.trials().size());
            assertEquals(200, learned.testPredictions().length);

            int[] shuffled = trainY.clone();
            for (int i = shuffled.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = shuffled[i];
                shuffled[i] = shuffled[j];
                shuffled[j] = t;
            }
            LinearProbe.Result chance = LinearProbe.evaluate(manager, train, shuffled, test, testY, dim, classes, 1);
            assertTrue(chance.testTop1() < 0.4, "random labels must not generalise: " + chance.testTop1());
        }
    }

    @Test
    void holdOutTakesAFifthOfEveryClass() {
        int[] y = labels(100, 4);
        boolean[] held = LinearProbe.stratifiedHoldOut(y, 4, 2);
        int[] perClass = new int[4];
        for (int i = 0; i < y.length; i++) {
            perClass[y[i]] += held[i] ? 1 : 0;
        }
        assertArrayEquals(new int[] {5, 5, 5, 5}, perClass);
        assertArrayEquals(held, LinearProbe.stratifiedHoldOut(y, 4, 2), "the same seed must hold out the same rows");
    }

    @Test
    void standardizerUsesTrainingStatisticsAndLeavesConstantFeaturesAtZero() {
        float[] train = {1, 5, 3, 5, 5, 5};
        Standardizer s = Standardizer.fit(train, 2);
        float[] z = s.apply(train);
        assertArrayEquals(new float[] {-1.2247449f, 0, 0, 0, 1.2247449f, 0}, z, 1e-5f);
        assertArrayEquals(new float[] {1.8371173f, 0}, s.apply(new float[] {6, 5}), 1e-5f, "(6 - 3) / sqrt(8 / 3)");
    }

    private static int[] labels(int n, int classes) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % classes;
        }
        return y;
    }

    private static float[] blobs(int[] labels, double[][] centres, Random random) {
        int dim = centres[0].length;
        float[] x = new float[labels.length * dim];
        for (int i = 0; i < labels.length; i++) {
            for (int j = 0; j < dim; j++) {
                x[i * dim + j] = (float) (centres[labels[i]][j] + random.nextGaussian());
            }
        }
        return x;
    }
}
