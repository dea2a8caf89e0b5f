package io.simclr.workbench.train;

import java.io.IOException;
import java.util.List;

/**
 * Writes a row of {@code metrics.csv} for every logged step and tells the run's listeners (the
 * window's charts, the terminal) about steps and epochs. The time left is estimated from the last
 * {@value #RATE_WINDOW} steps, so it is right from the first epoch instead of carrying the slow
 * first steps (engine warm-up) into every later estimate.
 */
final class MetricsLog implements LoopListener {

    static final int RATE_WINDOW = 50;

    private final MetricsCsv csv;
    private final List<TrainingListener> listeners;
    private final long[] stepEnds = new long[RATE_WINDOW];
    private long stepsSeen;
    private long viewsSinceLog;
    private long loggedAtNanos = System.nanoTime();

    MetricsLog(MetricsCsv csv, List<TrainingListener> listeners) {
        this.csv = csv;
        this.listeners = listeners;
    }

    @Override
    public void afterStep(LoopState state, StepDone step) throws IOException {
        long now = System.nanoTime();
        stepEnds[(int) (stepsSeen++ % RATE_WINDOW)] = now;
        viewsSinceLog += step.views();
        if (!step.logged()) {
            return;
        }
        double window = (now - loggedAtNanos) / 1e9;
        StepMetrics metrics = new StepMetrics(state.epoch, state.stepInEpoch, state.globalStep - 1, state.totalSteps, step.metrics(),
                step.methodMetrics(), step.learningRate(), window > 0 ? viewsSinceLog / window : 0, state.trainingSeconds(),
                secondsPerStep(now, state) * (state.totalSteps - state.globalStep), step.gradientNorm());
        csv.append(metrics);
        listeners.forEach(l -> l.onStep(metrics));
        loggedAtNanos = now;
        viewsSinceLog = 0;
    }

    /** Seconds a step takes over the recent window; over the whole invocation until the window has two steps. */
    private double secondsPerStep(long now, LoopState state) {
        int inWindow = (int) Math.min(stepsSeen, RATE_WINDOW);
        if (inWindow < 2) {
            return state.invocationSeconds() / Math.max(1, stepsSeen);
        }
        long oldest = stepEnds[(int) ((stepsSeen - inWindow) % RATE_WINDOW)];
        return (now - oldest) / 1e9 / (inWindow - 1);
    }

    @Override
    public void afterEpoch(LoopState state, double meanLoss, double seconds, long views) {
        int epoch = state.epoch;
        listeners.forEach(l -> l.onEpochEnd(epoch, meanLoss, seconds, views));
    }
}
