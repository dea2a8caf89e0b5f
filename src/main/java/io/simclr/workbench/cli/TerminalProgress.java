package io.simclr.workbench.cli;

import io.simclr.workbench.train.RunFolder;
import io.simclr.workbench.train.StepMetrics;
import io.simclr.workbench.train.TrainingListener;
import io.simclr.workbench.train.TrainingOutcome;
import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows training in a terminal: a progress bar with loss, views/s and ETA when a console is
 * attached, otherwise a line per epoch (logs and CI stay readable).
 */
final class TerminalProgress implements TrainingListener {

    private final PrintWriter out;
    private final boolean interactive;
    private ProgressBar bar;
    private StepMetrics last;
    private RunFolder run;

    TerminalProgress(PrintWriter out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    @Override
    public void onStarted(RunFolder run, long totalSteps, long startStep) {
        this.run = run;
        out.printf("training into %s (%,d steps)%n", run.root(), totalSteps);
        out.flush();
        if (interactive) {
            bar = new ProgressBarBuilder().setTaskName("train").setInitialMax(totalSteps).setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(250).showSpeed().build();
        }
    }

    @Override
    public void onStep(StepMetrics s) {
        last = s;
        if (bar != null) {
            bar.stepTo(s.globalStep() + 1);
            bar.setExtraMessage(String.format(Locale.ROOT, " loss %.3f · top-1 %.2f · %.0f views/s", s.metrics().loss(),
                    s.metrics().top1(), s.viewsPerSecond()));
        }
    }

    @Override
    public void onEpochEnd(int epoch, double meanLoss, double seconds, long views) {
        if (bar == null) {
            String rate = last == null ? "" : String.format(Locale.ROOT, ", %.0f views/s, lr %.3g, top-1 %.3f, ETA %s",
                    views / seconds, last.learningRate(), last.metrics().top1(), duration(last.etaSeconds()));
            out.printf(Locale.ROOT, "epoch %d: loss %.4f in %.1f s%s%s%n", epoch + 1, meanLoss, seconds, rate, residentMemory());
            out.flush();
        }
    }

    @Override
    public void onWarning(String message) {
        out.println("warning: " + message);
        out.flush();
    }

    @Override
    public void onFinished(TrainingOutcome outcome) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        out.printf(Locale.ROOT, "%s after %d epoch(s), %,d steps, %.1f s of training%s%n", outcome.status().name().toLowerCase(Locale.ROOT),
                outcome.epochsDone(), outcome.globalStep(), outcome.trainingSeconds(),
                outcome.status() == TrainingOutcome.Status.COMPLETED ? "" : ": " + outcome.message());
        if (outcome.status() == TrainingOutcome.Status.STOPPED && run != null) {
            out.println("resume with: train --resume " + run.root());
        }
        out.flush();
    }

    /** The process's resident memory (Linux), so a long run shows whether native memory stays flat. */
    static String residentMemory() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return String.format(Locale.ROOT, ", RSS %,d MB", kb / 1024);
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux: leave it out
        }
        return "";
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, (s % 3600) / 60) : String.format("%dm%02ds", s / 60, s % 60);
    }
}
