package io.simclr.workbench.train;

/**
 * How a run ended.
 *
 * @param status         COMPLETED, STOPPED (cancelled or out of time; resumable) or FAILED
 * @param epochsDone     whole epochs finished
 * @param globalStep     steps done
 * @param trainingSeconds training time, across resumes
 * @param message        for STOPPED and FAILED, what happened
 */
public record TrainingOutcome(Status status, int epochsDone, long globalStep, double trainingSeconds, String message) {
    public enum Status { COMPLETED, STOPPED, FAILED }
}
