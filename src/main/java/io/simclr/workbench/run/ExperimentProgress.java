package io.simclr.workbench.run;

import java.util.Locale;

/**
 * Where a sweep or study is: cell {@code cell} (1-based) of {@code cells}, named as its run folder,
 * and what is happening to it.
 */
public record ExperimentProgress(int cell, int cells, String name, Stage stage) {

    public enum Stage { ALREADY_DONE, TRAINING, EVALUATING, DONE }

    /** Whether this cell has its result (now or from an earlier start). */
    public boolean finished() {
        return stage == Stage.DONE || stage == Stage.ALREADY_DONE;
    }

    public String message() {
        String what = switch (stage) {
            case ALREADY_DONE -> "already done";
            case TRAINING -> "training";
            case EVALUATING -> "evaluating";
            case DONE -> "done";
        };
        return String.format(Locale.ROOT, "cell %d of %d, %s: %s", cell, cells, name, what);
    }
}
