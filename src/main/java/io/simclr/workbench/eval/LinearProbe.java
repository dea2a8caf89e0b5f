package io.simclr.workbench.eval;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The linear evaluation protocol: features z-scored with the training split's statistics, an
 * L2-regularised multinomial logistic regression trained to convergence, its strength chosen on a
 * held-out fifth of the training split (stratified), then refitted on the whole training split.
 */
public final class LinearProbe {

    /** Penalties tried, strongest first so each fit warm-starts the next. */
    static final double[] L2_GRID = {1, 1e-1, 1e-2, 1e-3, 1e-4, 1e-5};
    static final double HOLD_OUT = 0.2;
    static final int MAX_ITERATIONS = 1_000;

    public record Trial(double l2, double validationTop1) {}

    public record Result(double trainTop1, double testTop1, double l2, List<Trial> trials, int[] testPredictions) {}

    private LinearProbe() {}

    public static Result evaluate(NDManager manager, float[] train, int[] trainLabels, float[] test, int[] testLabels, int dim,
                                  int classes, long seed) {
        Standardizer standardizer = Standardizer.fit(train, dim);
        float[] trainZ = standardizer.apply(train);
        float[] testZ = standardizer.apply(test);

        boolean[] heldOut = stratifiedHoldOut(trainLabels, classes, seed);
        int fitCount = 0;
        for (boolean h : heldOut) {
            fitCount += h ? 0 : 1;
        }
        float[] fitX = new float[fitCount * dim];
        int[] fitY = new int[fitCount];
        float[] valX = new float[(trainLabels.length - fitCount) * dim];
        int[] valY = new int[trainLabels.length - fitCount];
        for (int i = 0, f = 0, v = 0; i < trainLabels.length; i++) {
            if (heldOut[i]) {
                System.arraycopy(trainZ, i * dim, valX, v * dim, dim);
                valY[v++] = trainLabels[i];
            } else {
                System.arraycopy(trainZ, i * dim, fitX, f * dim, dim);
                fitY[f++] = trainLabels[i];
            }
        }

        List<Trial> trials = new ArrayList<>();
        double bestL2 = L2_GRID[0];
        double bestAccuracy = -1;
        double[] bestParameters = null;
        try (SoftmaxRegression model = new SoftmaxRegression(manager, fitX, fitY, dim, classes)) {
            double[] parameters = new double[model.parameterCount()];
            for (double l2 : L2_GRID) {
                model.fit(parameters, l2, MAX_ITERATIONS);
                double accuracy = accuracy(SoftmaxRegression.predict(parameters, valX, dim, classes), valY);
                trials.add(new Trial(l2, accuracy));
                if (accuracy > bestAccuracy) {
                    bestAccuracy = accuracy;
                    bestL2 = l2;
                    bestParameters = parameters.clone();
                }
            }
        }
        double[] parameters = bestParameters;
        try (SoftmaxRegression model = new SoftmaxRegression(manager, trainZ, trainLabels, dim, classes)) {
            model.fit(parameters, bestL2, MAX_ITERATIONS);
        }
        int[] testPredictions = SoftmaxRegression.predict(parameters, testZ, dim, classes);
        double trainTop1 = accuracy(SoftmaxRegression.predict(parameters, trainZ, dim, classes), trainLabels);
        return new Result(trainTop1, accuracy(testPredictions, testLabels), bestL2, List.copyOf(trials), testPredictions);
    }

    /** Marks a fifth of each class, chosen by the seed, as held out. */
    static boolean[] stratifiedHoldOut(int[] labels, int classes, long seed) {
        boolean[] heldOut = new boolean[labels.length];
        SplittableRandom random = new SplittableRandom(seed);
        for (int c = 0; c < classes; c++) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == c) {
                    members.add(i);
                }
            }
            for (int i = members.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                Integer t = members.get(i);
                members.set(i, members.get(j));
                members.set(j, t);
            }
            int take = members.size() >= 2 ? Math.max(1, (int) Math.round(members.size() * HOLD_OUT)) : 0;
            for (int i = 0; i < take; i++) {
                heldOut[members.get(i)] = true;
            }
        }
        return heldOut;
    }

    static double accuracy(int[] predicted, int[] labels) {
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            correct += predicted[i] == labels[i] ? 1 : 0;
        }
        return labels.length == 0 ? 0 : (double) correct / labels.length;
    }
}
