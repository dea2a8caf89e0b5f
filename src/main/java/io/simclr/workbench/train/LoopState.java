package io.simclr.workbench.train;

/**
 * Where the training loop stands: shared with the loop's listeners, which read it and may end the
 * run (stop it resumably, or finish it early when its time budget is spent).
 */
final class LoopState {

    final int stepsPerEpoch;
    final long totalSteps;
    /** The global step this invocation started at (0, or where a resume picked up). */
    final long firstStep;
    private final double secondsBefore;
    private final long startNanos = System.nanoTime();

    int epoch;
    /** The step of the epoch about to run, or just run when a listener sees it after the step. */
    int stepInEpoch;
    /** Steps done in all. */
    long globalStep;

    private TrainingOutcome.Status ending;
    private String reason;

    LoopState(int stepsPerEpoch, long totalSteps, Checkpoint start) {
        this.stepsPerEpoch = stepsPerEpoch;
        this.totalSteps = totalSteps;
        this.firstStep = start.globalStep();
        this.secondsBefore = start.trainingSeconds();
        this.epoch = start.epoch();
        this.stepInEpoch = start.stepInEpoch();
        this.globalStep = start.globalStep();
        if (stepInEpoch >= stepsPerEpoch) {
            epoch++;
            stepInEpoch = 0;
        }
    }

    /** Training time of the run, across resumes. */
    double trainingSeconds() {
        return secondsBefore + invocationSeconds();
    }

    /** Training time of this invocation. */
    double invocationSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Ends the run before its next step, resumably (a checkpoint is written). */
    void stop(String why) {
        end(TrainingOutcome.Status.STOPPED, why);
    }

    /** Ends the run before its next step as done (its time budget is spent). */
    void finish(String why) {
        end(TrainingOutcome.Status.COMPLETED, why);
    }

    private void end(TrainingOutcome.Status status, String why) {
        if (ending == null) {
            ending = status;
            reason = why;
        }
    }

    boolean ending() {
        return ending != null;
    }

    TrainingOutcome.Status endStatus() {
        return ending;
    }

    String endReason() {
        return reason;
    }

    /** The position to checkpoint now: the next step to run. */
    Checkpoint position(long optimizerSteps, String encoder) {
        return new Checkpoint(epoch, stepInEpoch, globalStep, optimizerSteps, trainingSeconds(), encoder);
    }
}
