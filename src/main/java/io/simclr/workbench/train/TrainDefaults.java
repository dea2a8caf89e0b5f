package io.simclr.workbench.train;

import io.simclr.workbench.data.DataSource;

/**
 * What a run of a dataset starts from when the user sets nothing: the built-in shapes get the
 * classroom recipe, tuned to learn in three minutes on a 2-core laptop (small batches, so many steps;
 * a higher Adam rate; tau 0.2), everything else the SimCLR CIFAR recipe's batch and temperature.
 *
 * @param adamLearningRate the rate when the optimizer is Adam; 0 = Adam's own default (3e-4)
 */
public record TrainDefaults(int batch, int epochs, double temperature, double adamLearningRate) {

    public static TrainDefaults of(DataSource source) {
        return source == DataSource.SHAPES ? new TrainDefaults(64, 24, 0.2, 2e-3) : new TrainDefaults(256, 20, 0.5, 0);
    }

    /** The learning rate to use with {@code optimizer} when none was given (0 = that optimizer's default). */
    public double learningRate(OptimizerKind optimizer) {
        return optimizer == OptimizerKind.ADAM ? adamLearningRate : 0;
    }
}
