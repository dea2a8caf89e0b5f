package io.simclr.workbench.train;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Ends the run when the loss stops being a number. The step returns such a loss before any
 * gradient is applied, so the weights and the checkpoints stay as they were; the message says
 * which checkpoint is left, if any, and what to change.
 */
final class DivergenceGuard implements LoopListener {

    private final Checkpoints checkpoints;
    private final TrainConfig config;
    private final Path runRoot;

    DivergenceGuard(Checkpoints checkpoints, TrainConfig config, Path runRoot) {
        this.checkpoints = checkpoints;
        this.config = config;
        this.runRoot = runRoot;
    }

    @Override
    public void afterStep(LoopState state, StepDone step) {
        if (Float.isFinite(step.loss())) {
            return;
        }
        String kept = checkpoints.lastSaved().map(p -> "the last good checkpoint, " + p.getFileName() + ", is kept")
                .orElse("no checkpoint had been written yet");
        boolean tempered = !Double.isNaN(config.method().temperature());
        throw new IllegalStateException(String.format(Locale.ROOT, "the loss became %s at epoch %d, step %d (%s, learning rate"
                        + " %.3g); training stopped and %s. Start a new run from the same settings (%s) with a lower learning rate%s",
                step.loss(), state.epoch + 1, state.stepInEpoch + 1, config.method().describe(), step.learningRate(), kept,
                runRoot.resolve(RunFolder.CONFIG), tempered ? " or a higher temperature" : ""));
    }
}
