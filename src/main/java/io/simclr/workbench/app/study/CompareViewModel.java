package io.simclr.workbench.app.study;

import io.simclr.workbench.train.Metric;
import io.simclr.workbench.train.MetricsTable;
import io.simclr.workbench.app.ExperimentJob;
import io.simclr.workbench.data.DataConfig;
import io.simclr.workbench.method.MethodKind;
import io.simclr.workbench.run.MethodComparison;
import io.simclr.workbench.run.RunReport;
import io.simclr.workbench.train.MetricsCsv;
import io.simclr.workbench.train.RunFolder;
import io.simclr.workbench.train.ScheduleConfig;
import io.simclr.workbench.train.TrainConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The methods compared in the window: one run per chosen method on the Train screen's dataset, the
 * same seed, encoder and time budget, each scored by kNN and linear probe beside random init
 * (compare.json after every run; stopped, it keeps what finished and Continue goes on), with every
 * method's collapse meter over its run reloaded after each.
 */
public final class CompareViewModel {

    /** One method's collapse meter (std of normalised z, smoothed) against its step, and the healthy level. */
    public record Collapse(double[] step, double[] std, double healthy) {}

    public final Map<MethodKind, BooleanProperty> chosen = new EnumMap<>(MethodKind.class);
    public final IntegerProperty secondsPerRun = new SimpleIntegerProperty(120);
    public final ObjectProperty<Path> folder = new SimpleObjectProperty<>();
    public final ObjectProperty<MethodComparison.Summary> summary = new SimpleObjectProperty<>();
    public final ObjectProperty<Map<String, Collapse>> collapse = new SimpleObjectProperty<>(Map.of());
    public final ExperimentJob job = new ExperimentJob("method-comparison");

    private final Supplier<DataConfig> data;
    private final int batch;

    /** @param data the dataset each comparison trains on when it starts (the window's choice on the Train screen) */
    public CompareViewModel(Supplier<DataConfig> data, int batch) {
        this.data = data;
        this.batch = batch;
        for (MethodKind kind : MethodKind.values()) {
            chosen.put(kind, new SimpleBooleanProperty(true));
        }
    }

    /** Every run of the comparison: the small encoder, Adam 2e-3, seed 1, 24 epochs cut at the seconds per run. */
    TrainConfig base() {
        TrainConfig defaults = TrainConfig.defaults(data.get());
        return defaults.withOptimization(defaults.optimization().withBatchSize(batch).withLearningRate(2e-3))
                .withSchedule(ScheduleConfig.of(24).withBudgetSeconds(secondsPerRun.get())).withSeed(1);
    }

    /** Continues the opened comparison if it is unfinished, else starts a new one in {@code runs}. */
    public void start(Path runs) {
        if (job.running.get()) {
            return;
        }
        List<MethodKind> methods;
        Path target = folder.get();
        MethodComparison.Summary open = summary.get();
        if (target != null && open != null && !finished(open)) {
            methods = open.methods().stream().map(MethodKind::parse).toList();
        } else {
            methods = Arrays.stream(MethodKind.values()).filter(m -> chosen.get(m).get()).toList();
            if (methods.isEmpty()) {
                job.error.set("Tick at least one method to compare.");
                return;
            }
            target = runs.resolve("compare-" + data.get().source().id() + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("MMdd-HHmmss")));
            folder.set(target);
            summary.set(null);
            collapse.set(Map.of());
        }
        Path comparison = target;
        TrainConfig base = base();
        job.start((progress, steps, control) -> MethodComparison.run(base, methods, comparison, List.of(steps), progress, control),
                secondsPerRun.get(), this::reload);
    }

    static boolean finished(MethodComparison.Summary s) {
        return s.methods().stream().allMatch(m -> s.cells().stream().anyMatch(c -> c.method().equals(m)));
    }

    /** Shows the comparison in {@code dir} (a folder with a compare.json). */
    public void open(Path dir) {
        folder.set(dir);
        reload();
    }

    /** Reads the folder's summary and every finished method's collapse meter off the UI thread, then shows them. */
    public void reload() {
        Path dir = folder.get();
        if (dir == null) {
            return;
        }
        job.load(dir, () -> {
            MethodComparison.Summary s = MethodComparison.load(dir).orElse(null);
            Map<String, Collapse> meters = new LinkedHashMap<>();
            if (s != null) {
                for (MethodComparison.Cell c : s.cells()) {
                    Path metrics = dir.resolve(c.run()).resolve(RunFolder.METRICS);
                    if (Files.exists(metrics)) {
                        MetricsTable m = MetricsCsv.read(metrics);
                        meters.put(c.method(), new Collapse(m.get(Metric.GLOBAL_STEP), RunReport.smooth(m.get(Metric.EMBEDDING_STD), 0.9), c.healthyStd()));
                    }
                }
            }
            return new Loaded(s, meters);
        }, result -> {
            summary.set(result.summary());
            collapse.set(result.collapse());
        });
    }

    private record Loaded(MethodComparison.Summary summary, Map<String, Collapse> collapse) {}

    public void dispose() {
        job.dispose();
    }
}
