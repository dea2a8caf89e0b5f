package io.simclr.workbench.train;

import java.util.Locale;

/**
 * Ends the run before a step when asked to (Stop, Ctrl-C, closing the window), when this
 * invocation's time limit is reached (both resumable), or when the run's time budget is spent
 * (done); waits while paused.
 */
final class StopConditions implements LoopListener {

    private final TrainingControl control;
    private final double invocationLimit;
    private final double runBudget;

    StopConditions(TrainingControl control, RuntimeConfig runtime, ScheduleConfig schedule) {
        this.control = control;
        this.invocationLimit = runtime.maxSeconds();
        this.runBudget = schedule.budgetSeconds();
    }

    @Override
    public void beforeStep(LoopState state) throws InterruptedException {
        if (control.awaitRunnable()) {
            state.stop("stopped on request");
        } else if (invocationLimit > 0 && state.invocationSeconds() >= invocationLimit) {
            state.stop(String.format(Locale.ROOT, "this invocation's time limit of %.0f s was reached", invocationLimit));
        } else if (runBudget > 0 && state.trainingSeconds() >= runBudget) {
            state.finish(String.format(Locale.ROOT, "its time budget of %.0f s is spent", runBudget));
        }
    }
}
