package io.simclr.workbench.train;

/**
 * Where a checkpoint stands. The data order and every augmentation follow from (seed, epoch,
 * image), so this position is the whole random state a resumed run needs.
 *
 * @param epoch           the epoch to continue in
 * @param stepInEpoch     the first step of that epoch not yet done
 * @param globalStep      steps done in all
 * @param optimizerSteps  updates the optimizer has applied (Adam's bias correction)
 * @param trainingSeconds training time so far
 * @param encoder         the encoder id, checked against the config on loading
 */
public record Checkpoint(int epoch, int stepInEpoch, long globalStep, long optimizerSteps, double trainingSeconds, String encoder) {}
