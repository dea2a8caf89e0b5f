package io.simclr.workbench.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.simclr.workbench.nd.Scalars;

/**
 * Multinomial logistic regression with an L2 penalty on the weights (not the biases), fitted to
 * convergence by L-BFGS. The objective is the mean cross-entropy plus (l2 / 2) |W|^2; its value and
 * gradient are computed by the engine's matrix products, the solver's bookkeeping in Java.
 *
 * <p>The weights are stored a row per class and the gradient taken as residualᵀ·X: the bundled libtorch
 * (2.7.1) multiplies Xᵀ·residual (a long inner dimension, a handful of columns) about seven times slower,
 * and that product was most of a probe's time on 2,048-wide features ({@code bench/ProbeGemm.java}).
 */
final class SoftmaxRegression implements AutoCloseable {

    private final NDManager manager;
    private final NDArray x;
    private final NDArray oneHot;
    private final int rows;
    private final int dim;
    private final int classes;

    /** @param features row-major rows x dim, already standardised */
    SoftmaxRegression(NDManager parent, float[] features, int[] labels, int dim, int classes) {
        this.manager = parent.newSubManager();
        this.rows = labels.length;
        this.dim = dim;
        this.classes = classes;
        this.x = manager.create(features, new Shape(rows, dim));
        float[] hot = new float[rows * classes];
        for (int i = 0; i < rows; i++) {
            hot[i * classes + labels[i]] = 1f;
        }
        this.oneHot = manager.create(hot, new Shape(rows, classes));
    }

    /** Parameters: classes x dim weights (a row per class), then classes biases. */
    int parameterCount() {
        return dim * classes + classes;
    }

    /** Fits from {@code parameters} (a warm start, or zeros) in place. */
    Lbfgs.Outcome fit(double[] parameters, double l2, int maxIterations) {
        return new Lbfgs(10, maxIterations, 1e-7).minimize((w, gradient) -> valueAndGradient(w, gradient, l2), parameters);
    }

    /** The objective at {@code parameters}; its gradient is written into {@code gradient}. */
    double valueAndGradient(double[] parameters, double[] gradient, double l2) {
        try (NDManager step = manager.newSubManager()) {
            float[] packed = new float[parameters.length];
            for (int i = 0; i < packed.length; i++) {
                packed[i] = (float) parameters[i];
            }
            NDArray all = step.create(packed);
            NDArray w = all.get("0:" + classes * dim).reshape(classes, dim);
            NDArray b = all.get(classes * dim + ":");
            NDArray logProbabilities = x.matMul(w.transpose()).add(b).logSoftmax(1);
            double crossEntropy = -logProbabilities.mul(oneHot).sum().getFloat() / rows;
            double penalty = 0.5 * l2 * w.square().sum().getFloat();
            NDArray residual = Scalars.div(logProbabilities.exp().sub(oneHot), rows);
            float[] gw = residual.transpose().matMul(x).add(Scalars.mul(w, l2)).toFloatArray();
            float[] gb = residual.sum(new int[] {0}).toFloatArray();
            for (int i = 0; i < gw.length; i++) {
                gradient[i] = gw[i];
            }
            for (int c = 0; c < classes; c++) {
                gradient[gw.length + c] = gb[c];
            }
            return crossEntropy + penalty;
        }
    }

    /** Predicted classes of standardised {@code features}. */
    static int[] predict(double[] parameters, float[] features, int dim, int classes) {
        int n = features.length / dim;
        int[] predicted = new int[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                double score = parameters[classes * dim + c];
                for (int j = 0; j < dim; j++) {
                    score += features[i * dim + j] * parameters[c * dim + j];
                }
                if (score > bestScore) {
                    bestScore = score;
                    best = c;
                }
            }
            predicted[i] = best;
        }
        return predicted;
    }

    @Override
    public void close() {
        manager.close();
    }
}
