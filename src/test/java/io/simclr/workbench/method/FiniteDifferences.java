package io.simclr.workbench.method;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Checks a loss's gradient, as the engine's autograd computes it, against central differences of a
 * double-precision reference written straight from the paper's formula.
 */
final class FiniteDifferences {
    private FiniteDifferences() {}

    /** Inputs of the given shapes, standard normal from {@code seed}. */
    static double[][] gaussian(long seed, int[]... sizes) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] inputs = new double[sizes.length][];
        for (int i = 0; i < sizes.length; i++) {
            inputs[i] = new double[sizes[i][0] * sizes[i][1]];
            for (int j = 0; j < inputs[i].length; j++) {
                inputs[i][j] = rng.nextGaussian();
            }
        }
        return inputs;
    }

    /**
     * @param shapes    (rows, columns) of each input
     * @param engine    the loss on the inputs as arrays
     * @param reference the loss on the inputs in double precision
     * @param checked   which inputs to differentiate (the others are constants to the loss)
     */
    static void assertGradientsMatch(double[][] inputs, int[][] shapes, Function<NDList, NDArray> engine,
                                     ToDoubleFunction<double[][]> reference, List<Integer> checked, double tolerance) {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDList arrays = new NDList();
            for (int i = 0; i < inputs.length; i++) {
                NDArray a = manager.create(toFloat(inputs[i]), new Shape(shapes[i][0], shapes[i][1]));
                a.setRequiresGradient(true);
                arrays.add(a);
            }
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray loss = engine.apply(arrays);
                double expected = reference.applyAsDouble(inputs);
                assertEquals(expected, loss.getFloat(), 1e-5 * Math.max(1, Math.abs(expected)), "the loss itself");
                collector.backward(loss);
            }
            double h = 1e-5;
            for (int i : checked) {
                float[] analytic = arrays.get(i).getGradient().toFloatArray();
                for (int j = 0; j < inputs[i].length; j++) {
                    double saved = inputs[i][j];
                    inputs[i][j] = saved + h;
                    double up = reference.applyAsDouble(inputs);
                    inputs[i][j] = saved - h;
                    double down = reference.applyAsDouble(inputs);
                    inputs[i][j] = saved;
                    assertEquals((up - down) / (2 * h), analytic[j], tolerance, "d loss / d input" + i + "[" + j + "]");
                }
            }
        }
    }

    static float[] toFloat(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }

    /** Rows of a row-major (rows x dim) array, each scaled to unit length. */
    static double[][] unitRows(double[] flat, int rows, int dim) {
        double[][] out = new double[rows][dim];
        for (int i = 0; i < rows; i++) {
            double norm = 0;
            for (int d = 0; d < dim; d++) {
                norm += flat[i * dim + d] * flat[i * dim + d];
            }
            for (int d = 0; d < dim; d++) {
                out[i][d] = flat[i * dim + d] / Math.sqrt(norm);
            }
        }
        return out;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
