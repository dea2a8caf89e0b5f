package io.simclr.workbench.run;

import io.simclr.workbench.eval.RunEvaluation;
import io.simclr.workbench.files.AtomicFiles;
import io.simclr.workbench.json.Json;
import io.simclr.workbench.method.MethodKind;
import io.simclr.workbench.train.Metric;
import io.simclr.workbench.train.MetricsCsv;
import io.simclr.workbench.train.MetricsTable;
import io.simclr.workbench.train.RunFolder;
import io.simclr.workbench.train.TrainConfig;
import io.simclr.workbench.train.TrainingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The methods side by side: one normal run folder per method under the comparison's folder, all
 * with the same data, seed, encoder, head, optimizer and schedule (or time budget), each method at
 * its defaults, each evaluated by kNN and linear probe beside the same encoder at random
 * initialisation. {@code compare.json} is rewritten after every run, so a stopped comparison keeps
 * what it finished and, started again, goes on with the first method it has no result for
 * (resuming that run from its checkpoint).
 */
public final class MethodComparison {

    /**
     * One method's result; the batch figures are means over the last logged tenth of training.
     *
     * @param top1         how often a view's nearest in the batch is its pair (the batch metrics' top-1)
     * @param embeddingStd the collapse meter at the end
     * @param healthyStd   its healthy level, 1/sqrt(d)
     */
    public record Cell(String method, String run, Double knnTop1, Double linearTop1, Double randomInitKnnTop1, Double randomInitLinearTop1,
                       double top1, double embeddingStd, double healthyStd, double alignment, double uniformity, double seconds, int epochs) {}

    public record Summary(String note, List<String> methods, List<Cell> cells) {}

    private static final String NOTE = "one run folder per method, each with its own config.json; only the method differs, each at its defaults";

    private MethodComparison() {}

    public static Path runFolder(Path comparison, MethodKind method) {
        return comparison.resolve(method.id());
    }

    /** {@code base} with {@code method} at its defaults (the base's own method keeps its settings). */
    public static TrainConfig config(TrainConfig base, MethodKind method) {
        return base.withMethod(method == base.method().name() ? base.method() : TrainConfig.defaultMethod(method, base.data()));
    }

    /**
     * Runs (or continues) the comparison; {@code listeners} see each run's training as it goes. Every
     * method's config is checked before the first run starts, so a setting the batch does not fit
     * (MoCo's queue) fails at once, not an hour in.
     *
     * @throws java.util.concurrent.CancellationException when {@code control} stopped it; what finished is kept
     */
    public static Summary run(TrainConfig base, List<MethodKind> methods, Path folder, List<TrainingListener> listeners,
                              Consumer<ExperimentProgress> progress, ExperimentControl control) throws IOException {
        if (methods.isEmpty() || methods.stream().distinct().count() != methods.size()) {
            throw new IllegalArgumentException("a comparison needs one or more methods, each once, not " + methods);
        }
        for (MethodKind method : methods) {
            config(base, method).validated(method.id());
        }
        Files.createDirectories(folder);
        List<String> names = methods.stream().map(MethodKind::id).toList();
        List<Cell> cells = new ArrayList<>(load(folder).map(Summary::cells).orElse(List.of()));
        save(folder, new Summary(NOTE, names, cells));
        int index = 0;
        for (MethodKind method : methods) {
            index++;
            int cell = index;
            Path dir = runFolder(folder, method);
            if (cells.stream().anyMatch(c -> c.method().equals(method.id()))) {
                progress.accept(new ExperimentProgress(cell, methods.size(), method.id(), ExperimentProgress.Stage.ALREADY_DONE));
                continue;
            }
            control.throwIfStopped(method.id());
            progress.accept(new ExperimentProgress(cell, methods.size(), method.id(), ExperimentProgress.Stage.TRAINING));
            RunCell.Done done = RunCell.trainAndEvaluate(config(base, method), dir, "the method comparison in " + folder,
                    EnumSet.of(RunEvaluation.Probe.LINEAR, RunEvaluation.Probe.KNN), listeners, control,
                    () -> progress.accept(new ExperimentProgress(cell, methods.size(), method.id(), ExperimentProgress.Stage.EVALUATING)));
            cells.add(cell(method, dir, done));
            save(folder, new Summary(NOTE, names, cells));
            progress.accept(new ExperimentProgress(cell, methods.size(), method.id(), ExperimentProgress.Stage.DONE));
        }
        return new Summary(NOTE, names, cells);
    }

    private static Cell cell(MethodKind method, Path dir, RunCell.Done done) throws IOException {
        MetricsTable m = MetricsCsv.read(dir.resolve(RunFolder.METRICS));
        RunEvaluation.Report eval = done.evaluation();
        return new Cell(method.id(), dir.getFileName().toString(), eval.trained().knnTop1(), eval.trained().linearTop1(),
                eval.randomInit().knnTop1(), eval.randomInit().linearTop1(), m.tailMean(Metric.TOP1),
                m.tailMean(Metric.EMBEDDING_STD), m.tailMean(Metric.HEALTHY_STD), m.tailMean(Metric.ALIGNMENT),
                m.tailMean(Metric.UNIFORMITY), done.outcome().trainingSeconds(), done.outcome().epochsDone());
    }

    /** compare.json and compare.html as they stand: before the first run, so a stopped comparison can be opened, and after each. */
    private static void save(Path folder, Summary summary) throws IOException {
        AtomicFiles.writeString(folder.resolve("compare.json"), Json.toJson(summary));
        ComparePage.write(folder, summary);
    }

    /** The comparison in {@code folder}, as far as it got; empty when it has no {@code compare.json}. */
    public static Optional<Summary> load(Path folder) throws IOException {
        Path file = folder.resolve("compare.json");
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Summary s = Json.GSON.fromJson(Files.readString(file), Summary.class);
        if (s == null || s.methods() == null) {
            throw new IOException(file + " is not a method comparison (no methods in it); start the comparison in a new folder");
        }
        return Optional.of(s.cells() == null ? new Summary(s.note(), s.methods(), List.of()) : s);
    }
}
