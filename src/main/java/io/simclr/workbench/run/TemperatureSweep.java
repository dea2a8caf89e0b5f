package io.simclr.workbench.run;

import io.simclr.workbench.train.Metric;
import io.simclr.workbench.train.MetricsTable;
import io.simclr.workbench.eval.RunEvaluation;
import io.simclr.workbench.eval.ViewSimilarities;
import io.simclr.workbench.files.AtomicFiles;
import io.simclr.workbench.json.Json;
import io.simclr.workbench.train.MetricsCsv;
import io.simclr.workbench.train.RunFolder;
import io.simclr.workbench.train.TrainConfig;
import io.simclr.workbench.train.TrainingListener;
import io.simclr.workbench.train.TrainingOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A temperature sweep: one normal run folder per temperature under the sweep folder, all with the
 * same data, seed and schedule, each evaluated (kNN and linear probe); {@code sweep.json} is
 * rewritten after every run, so a stopped sweep keeps what it finished and, started again, goes on
 * with the first temperature it has no result for (resuming that run from its checkpoint).
 */
public final class TemperatureSweep {

    /**
     * One temperature's result; the geometry is the mean over the last logged tenth of training; the
     * histograms are of one batch of {@value #HISTOGRAM_PAIRS} pairs through the finished encoder's z,
     * {@value #HISTOGRAM_BINS} bins over [-1, 1].
     */
    public record Cell(double temperature, String run, String status, Double knnTop1, Double linearTop1, double contrastiveTop1,
                       double alignment, double uniformity, double positiveSimilarity, double negativeSimilarity, double seconds,
                       double[] positiveHistogram, double[] negativeHistogram) {}

    public static final int HISTOGRAM_PAIRS = 256;
    public static final int HISTOGRAM_BINS = 40;

    public record Summary(String note, List<Double> temperatures, List<Cell> cells) {}

    private static final String NOTE = "one run folder per temperature, each with its own config.json; only the temperature differs";

    private TemperatureSweep() {}

    public static Path runFolder(Path sweep, double temperature) {
        return sweep.resolve(String.format(Locale.ROOT, "tau-%s", Double.toString(temperature)));
    }

    /**
     * Runs (or continues) the sweep; {@code listeners} see each run's training as it goes.
     *
     * @throws java.util.concurrent.CancellationException when {@code control} stopped it; what finished is kept
     */
    public static Summary run(TrainConfig base, List<Double> temperatures, Path sweep, List<TrainingListener> listeners,
                              Consumer<ExperimentProgress> progress, ExperimentControl control) throws IOException {
        for (double t : temperatures) {
            if (!(t > 0)) {
                throw new IllegalArgumentException("temperature " + t + " is not above 0; every temperature of a sweep must be");
            }
        }
        Files.createDirectories(sweep);
        List<Cell> cells = new ArrayList<>(load(sweep).map(Summary::cells).orElse(List.of()));
        save(sweep, new Summary(NOTE, temperatures, cells));
        int index = 0;
        for (double t : temperatures) {
            index++;
            Path dir = runFolder(sweep, t);
            String name = dir.getFileName().toString();
            int cell = index;
            if (cells.stream().anyMatch(c -> c.temperature() == t && "completed".equals(c.status()))) {
                progress.accept(new ExperimentProgress(cell, temperatures.size(), name, ExperimentProgress.Stage.ALREADY_DONE));
                continue;
            }
            control.throwIfStopped(name);
            progress.accept(new ExperimentProgress(cell, temperatures.size(), name, ExperimentProgress.Stage.TRAINING));
            RunCell.Done done = RunCell.trainAndEvaluate(base.withTemperature(t).validated(), dir, "the temperature sweep in " + sweep, EnumSet.of(RunEvaluation.Probe.LINEAR,
                    RunEvaluation.Probe.KNN), listeners, control,
                    () -> progress.accept(new ExperimentProgress(cell, temperatures.size(), name, ExperimentProgress.Stage.EVALUATING)));
            TrainingOutcome outcome = done.outcome();
            RunEvaluation.Report eval = done.evaluation();
            cells.removeIf(c -> c.temperature() == t);
            cells.add(cell(t, dir, outcome, eval, base.seed()));
            cells.sort((a, b) -> Double.compare(a.temperature(), b.temperature()));
            save(sweep, new Summary(NOTE, temperatures, cells));
            progress.accept(new ExperimentProgress(cell, temperatures.size(), name, ExperimentProgress.Stage.DONE));
        }
        return new Summary(NOTE, temperatures, cells);
    }

    /** sweep.json and sweep.html as they stand: before the first run, so a stopped sweep can be opened, and after each. */
    private static void save(Path sweep, Summary summary) throws IOException {
        AtomicFiles.writeString(sweep.resolve("sweep.json"), Json.toJson(summary));
        SweepPage.write(sweep, summary);
    }

    private static Cell cell(double t, Path dir, TrainingOutcome outcome, RunEvaluation.Report eval, long seed) throws IOException {
        MetricsTable m = MetricsCsv.read(dir.resolve(RunFolder.METRICS));
        ViewSimilarities.Histograms h = ViewSimilarities.histograms(ViewSimilarities.compute(RunFolder.open(dir), HISTOGRAM_PAIRS, seed),
                HISTOGRAM_BINS);
        return new Cell(t, dir.getFileName().toString(), outcome.status() == TrainingOutcome.Status.FAILED ? "failed" : "completed",
                eval.trained().knnTop1(), eval.trained().linearTop1(), m.tailMean(Metric.TOP1), m.tailMean(Metric.ALIGNMENT),
                m.tailMean(Metric.UNIFORMITY), m.tailMean(Metric.POSITIVE_SIMILARITY), m.tailMean(Metric.NEGATIVE_SIMILARITY), outcome.trainingSeconds(),
                h.positive(), h.negative());
    }

    /** The sweep in {@code folder}, as far as it got; empty when it has no {@code sweep.json}. */
    public static Optional<Summary> load(Path folder) throws IOException {
        Path file = folder.resolve("sweep.json");
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Summary s = Json.GSON.fromJson(Files.readString(file), Summary.class);
        if (s == null || s.temperatures() == null) {
            throw new IOException(file + " is not a sweep summary (no temperatures in it); start the sweep in a new folder");
        }
        return Optional.of(s.cells() == null ? new Summary(s.note(), s.temperatures(), List.of()) : s);
    }
}
