package io.simclr.workbench.train;

import java.util.ArrayList;
import java.util.List;

/**
 * How long a run trains and how its learning rate moves: linear warm-up, the full rate held, then
 * a cosine decay, stepped every iteration.
 *
 * @param epochs        passes over the training split
 * @param warmupEpochs  linear warm-up before the cosine decay (may be fractional)
 * @param holdEpochs    epochs at the full rate after the warm-up, before the cosine decay begins
 * @param decayEpochs   length of the cosine decay to 0; 0 ends it with the run, a longer one leaves the rate
 *                      above 0 at the end (sthalles/SimCLR's per-epoch cosine does)
 * @param budgetSeconds training time the run may take in all, over every resume (0: no budget); reaching it
 *                      ends the run as done, as an experiment's cells are (the schedule still spans all epochs)
 */
public record ScheduleConfig(int epochs, double warmupEpochs, double holdEpochs, double decayEpochs, double budgetSeconds) {

    public static ScheduleConfig of(int epochs) {
        return new ScheduleConfig(epochs, 0, 0, 0, 0);
    }

    public ScheduleConfig withEpochs(int e) {
        return new ScheduleConfig(e, warmupEpochs, holdEpochs, decayEpochs, budgetSeconds);
    }

    public ScheduleConfig withWarmupEpochs(double w) {
        return new ScheduleConfig(epochs, w, holdEpochs, decayEpochs, budgetSeconds);
    }

    public ScheduleConfig withBudgetSeconds(double seconds) {
        return new ScheduleConfig(epochs, warmupEpochs, holdEpochs, decayEpochs, seconds);
    }

    /** The learning-rate schedule for a run of {@code stepsPerEpoch} steps an epoch, peaking at {@code rate}. */
    public LearningRateSchedule learningRates(double rate, int stepsPerEpoch) {
        long totalSteps = (long) stepsPerEpoch * epochs;
        return new LearningRateSchedule(rate, Math.round(warmupEpochs * stepsPerEpoch), Math.round(holdEpochs * stepsPerEpoch), totalSteps,
                Math.round(decayEpochs * stepsPerEpoch));
    }

    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (epochs < 1 || epochs > 100_000) problems.add("schedule.epochs is " + epochs + " but must be 1 to 100000");
        if (!(warmupEpochs >= 0) || !(holdEpochs >= 0) || warmupEpochs + holdEpochs > epochs) {
            problems.add("schedule.warmupEpochs (" + warmupEpochs + ") and schedule.holdEpochs (" + holdEpochs
                    + ") must be 0 or more and together at most schedule.epochs (" + epochs + ")");
        }
        if (!(decayEpochs >= 0) || Double.isInfinite(decayEpochs)) {
            problems.add("schedule.decayEpochs is " + decayEpochs + " but must be 0 (to the end of the run) or more");
        }
        if (!(budgetSeconds >= 0) || Double.isInfinite(budgetSeconds)) {
            problems.add("schedule.budgetSeconds is " + budgetSeconds + " but must be 0 (no budget) or more");
        }
        return problems;
    }
}
