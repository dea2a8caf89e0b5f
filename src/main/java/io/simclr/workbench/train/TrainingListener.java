package io.simclr.workbench.train;

import java.nio.file.Path;

/**
 * What a training run tells the outside (the window's charts, the terminal's progress bar). Called
 * on the training thread: implementations hand work elsewhere rather than block it.
 */
public interface TrainingListener {

    default void onStarted(RunFolder run, long totalSteps, long startStep) {}

    default void onStep(StepMetrics step) {}

    default void onEpochEnd(int epoch, double meanLoss, double seconds, long views) {}

    /** Something the user should know that does not stop the run (e.g. a skipped step). */
    default void onWarning(String message) {}

    default void onCheckpoint(Path checkpoint, int epoch, long globalStep) {}

    default void onFinished(TrainingOutcome outcome) {}

    default void onFailed(String message, Throwable cause) {}
}
