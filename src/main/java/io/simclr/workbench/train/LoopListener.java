package io.simclr.workbench.train;

import io.simclr.workbench.method.ContrastiveMetrics;
import io.simclr.workbench.method.MethodMetrics;
import java.io.IOException;

/**
 * A concern of the training loop beside the step itself (stopping, checkpoints, the metrics file,
 * the divergence check), as DJL's training listeners are; the loop calls them in the order given.
 */
interface LoopListener {

    /** What one step did; {@code metrics}, {@code methodMetrics} and {@code gradientNorm} only on logged steps. */
    record StepDone(float loss, ContrastiveMetrics metrics, MethodMetrics methodMetrics, double gradientNorm, double learningRate, int views,
                    boolean logged) {}

    /** Before each step: may end the run through {@link LoopState#stop} or {@link LoopState#finish}. */
    default void beforeStep(LoopState state) throws IOException, InterruptedException {}

    /** After each step ({@code state.globalStep} already counts it; {@code state.stepInEpoch} is the step's own index). */
    default void afterStep(LoopState state, StepDone step) throws IOException {}

    /** After each whole epoch ({@code state.epoch} is the epoch just finished). */
    default void afterEpoch(LoopState state, double meanLoss, double seconds, long views) throws IOException {}

    /** When the run ends early or completes, before the outcome is published. */
    default void atEnd(LoopState state) throws IOException {}
}
