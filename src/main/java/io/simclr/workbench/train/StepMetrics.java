package io.simclr.workbench.train;

import io.simclr.workbench.method.ContrastiveMetrics;
import io.simclr.workbench.method.MethodMetrics;

/**
 * One logged training step: where the run is, what the batch showed, and how fast it goes.
 *
 * @param epoch          0-based epoch
 * @param stepInEpoch    0-based step within the epoch
 * @param globalStep     0-based step since the run began (continues across resumes)
 * @param totalSteps     steps the whole run will take
 * @param metrics        what this step's batch looks like (loss, accuracy, similarities, the collapse meter)
 * @param methodMetrics  the method's own figures (momentum, queue, prototypes), NaN where it has none
 * @param learningRate   the rate this step used
 * @param viewsPerSecond views trained per second since the previous logged step
 * @param elapsedSeconds training time so far, across resumes
 * @param etaSeconds     estimated time to the end of the run
 * @param gradientNorm   L2 norm of all parameter gradients of this step, before the update (spikes foretell instability)
 */
public record StepMetrics(int epoch, int stepInEpoch, long globalStep, long totalSteps, ContrastiveMetrics metrics, MethodMetrics methodMetrics,
                          double learningRate, double viewsPerSecond, double elapsedSeconds, double etaSeconds, double gradientNorm) {}
