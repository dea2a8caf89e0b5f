package io.simclr.workbench.train;

import java.util.ArrayList;
import java.util.List;

/**
 * How gradients become updates: the optimizer, the batch it averages over, its rate and decay.
 *
 * @param optimizer    adam, sgd or lars
 * @param batchSize    images per step (twice as many views)
 * @param learningRate base rate; 0 picks the optimizer's default ({@link #effectiveLearningRate()})
 * @param weightDecay  L2 decay; negative picks the optimizer's default ({@link #effectiveWeightDecay()})
 */
public record OptimizationConfig(OptimizerKind optimizer, int batchSize, double learningRate, double weightDecay) {

    /** The largest batch accepted: beyond it one step holds more views than a laptop has memory for. */
    public static final int MAX_BATCH = 8192;

    public OptimizationConfig withBatchSize(int b) {
        return new OptimizationConfig(optimizer, b, learningRate, weightDecay);
    }

    public OptimizationConfig withLearningRate(double lr) {
        return new OptimizationConfig(optimizer, batchSize, lr, weightDecay);
    }

    public double effectiveLearningRate() {
        return learningRate > 0 ? learningRate : optimizer.defaultLearningRate(batchSize);
    }

    public double effectiveWeightDecay() {
        if (weightDecay >= 0) {
            return weightDecay;
        }
        return switch (optimizer) {
            case ADAM -> 1e-4;
            case SGD -> 5e-4;
            case LARS -> 1e-6;
        };
    }

    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (optimizer == null) {
            problems.add("optimization.optimizer is missing; choose adam, sgd or lars");
        }
        if (batchSize < 2 || batchSize > MAX_BATCH) {
            problems.add("optimization.batchSize is " + batchSize + " but must be 2 to " + MAX_BATCH + " (each image needs negatives;"
                    + " 64 to 512 are usual on a CPU)");
        }
        if (!(learningRate >= 0) || Double.isInfinite(learningRate)) {
            problems.add("optimization.learningRate is " + learningRate + " but must be above 0 (or 0 for the optimizer's default)");
        }
        if (Double.isNaN(weightDecay) || Double.isInfinite(weightDecay)) {
            problems.add("optimization.weightDecay is " + weightDecay + " but must be 0 or more (or negative for the optimizer's default)");
        }
        return problems;
    }
}
