package io.simclr.workbench.app.temperature;

import io.simclr.workbench.train.Metric;
import io.simclr.workbench.train.MetricsTable;
import io.simclr.workbench.train.RunFolder;
import io.simclr.workbench.app.ExperimentJob;
import io.simclr.workbench.augment.AugmentationPreset;
import io.simclr.workbench.data.DataConfig;
import io.simclr.workbench.model.EncoderKind;
import io.simclr.workbench.model.ModelConfig;
import io.simclr.workbench.run.ExperimentProgress;
import io.simclr.workbench.run.RunReport;
import io.simclr.workbench.run.TemperatureSweep;
import io.simclr.workbench.train.MetricsCsv;
import io.simclr.workbench.train.StepMetrics;
import io.simclr.workbench.train.TrainConfig;
import io.simclr.workbench.train.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import io.simclr.workbench.train.ScheduleConfig;

/**
 * The sweep part of the Temperature screen: a temperature sweep on the built-in shapes run off the UI
 * thread (one run per temperature, same seed and schedule, each stopped after the chosen seconds),
 * and the sweep's results — its summary and every run's smoothed curves — reloaded after each run.
 * An opened sweep that did not finish is continued by the next start; otherwise a start makes a new
 * sweep folder under the runs folder.
 */
public final class SweepViewModel {

    /** One run's curves against its step: loss and contrastive top-1, smoothed as the Runs screen smooths. */
    public record Curves(double[] step, double[] loss, double[] top1) {}

    /** One temperature's curves while it trains. */
    public record Live(double temperature, Curves curves) {}

    public final StringProperty temperatures = new SimpleStringProperty("0.05,0.1,0.5,1.0");
    public final IntegerProperty secondsPerRun = new SimpleIntegerProperty(100);
    public final ObjectProperty<Path> folder = new SimpleObjectProperty<>();
    public final ObjectProperty<TemperatureSweep.Summary> summary = new SimpleObjectProperty<>();
    /** Curves of the sweep's runs by temperature, in the summary's order. */
    public final ObjectProperty<Map<Double, Curves>> curves = new SimpleObjectProperty<>(Map.of());
    /** The curves of the temperature training now, refreshed twice a second; null when none is. */
    public final ObjectProperty<Live> live = new SimpleObjectProperty<>();
    public final ExperimentJob job = new ExperimentJob("temperature-sweep");

    private final Supplier<DataConfig> data;
    private final Executor ui;
    private final int batch;

    /**
     * @param data the dataset each sweep trains on when it starts (the window's choice on the Train screen)
     * @param batch images a step
     */
    public SweepViewModel(Supplier<DataConfig> data, int batch, Executor ui) {
        this.data = data;
        this.batch = batch;
        this.ui = ui;
    }

    /** The runs each sweep cell makes: the small encoder with the dataset's augmentations, Adam 1e-3, seed 1, 15 epochs cut at the seconds per run. */
    TrainConfig base() {
        DataConfig chosen = data.get();
        TrainConfig defaults = TrainConfig.defaults(chosen);
        return defaults.withAugmentation(AugmentationPreset.defaultFor(chosen.source()).config()).withModel(ModelConfig.defaults(EncoderKind.SMALL)).withTemperature(0.5)
                .withOptimization(defaults.optimization().withBatchSize(batch).withLearningRate(1e-3))
                .withSchedule(ScheduleConfig.of(15).withBudgetSeconds(secondsPerRun.get())).withSeed(1);
    }

    /** Continues the opened sweep if it is unfinished, else starts a new one in {@code runs}. */
    public void start(Path runs) {
        if (job.running.get()) {
            return;
        }
        List<Double> taus;
        Path target = folder.get();
        TemperatureSweep.Summary open = summary.get();
        if (target != null && open != null && !finished(open)) {
            taus = open.temperatures();
        } else {
            try {
                taus = Arrays.stream(temperatures.get().split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Double::parseDouble).toList();
            } catch (NumberFormatException e) {
                job.error.set("Temperatures must be numbers separated by commas, e.g. 0.05,0.1,0.5,1.0 — not \"" + temperatures.get() + "\"");
                return;
            }
            if (taus.isEmpty() || taus.stream().anyMatch(t -> !(t > 0))) {
                job.error.set("Every temperature must be above 0, and there must be at least one — not \"" + temperatures.get() + "\"");
                return;
            }
            target = runs.resolve("sweep-" + data.get().source().id() + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("MMdd-HHmmss")));
            folder.set(target);
            summary.set(null);
            curves.set(Map.of());
        }
        Path sweep = target;
        TrainConfig base = base();
        live.set(null); // a stopped sweep's last curve stays on screen until the next start
        LiveCurves curvesSoFar = new LiveCurves();
        job.start((progress, steps, control) -> TemperatureSweep.run(base, taus, sweep, List.of(steps, curvesSoFar), p -> {
            if (p.stage() == ExperimentProgress.Stage.TRAINING) {
                curvesSoFar.begin(taus.get(p.cell() - 1));
            }
            progress.accept(p);
        }, control), secondsPerRun.get(), this::reload);
    }

    static boolean finished(TemperatureSweep.Summary s) {
        return s.temperatures().stream().allMatch(t -> s.cells().stream().anyMatch(c -> c.temperature() == t && "completed".equals(c.status())));
    }

    /** Shows the sweep in {@code dir} (a folder with a sweep.json). */
    public void open(Path dir) {
        folder.set(dir);
        reload();
    }

    /** Reads the folder's summary and curves off the UI thread, then shows them. */
    public void reload() {
        Path dir = folder.get();
        if (dir == null) {
            return;
        }
        job.load(dir, () -> {
            TemperatureSweep.Summary s = TemperatureSweep.load(dir).orElse(null);
            Map<Double, Curves> loaded = new LinkedHashMap<>();
            if (s != null) {
                for (TemperatureSweep.Cell c : s.cells()) {
                    Path metrics = dir.resolve(c.run()).resolve(RunFolder.METRICS);
                    if (Files.exists(metrics)) {
                        MetricsTable m = MetricsCsv.read(metrics);
                        loaded.put(c.temperature(), new Curves(m.get(Metric.GLOBAL_STEP), RunReport.smooth(m.get(Metric.LOSS), 0.95),
                                RunReport.smooth(m.get(Metric.TOP1), 0.95)));
                    }
                }
            }
            return new Loaded(s, loaded);
        }, result -> {
            summary.set(result.summary());
            curves.set(result.curves());
            if (result.summary() != null) {
                temperatures.set(String.join(",", result.summary().temperatures().stream().map(String::valueOf).toList()));
            }
        });
    }

    private record Loaded(TemperatureSweep.Summary summary, Map<Double, Curves> curves) {}

    /**
     * Collects the running temperature's loss and contrastive accuracy on the training thread and
     * hands a smoothed copy to the window at most twice a second.
     */
    private final class LiveCurves implements TrainingListener {
        private double temperature = Double.NaN;
        private double[] step = new double[1024];
        private double[] loss = new double[1024];
        private double[] top1 = new double[1024];
        private int count;
        private long lastPosted;

        synchronized void begin(double t) {
            temperature = t;
            count = 0;
        }

        @Override
        public synchronized void onStep(StepMetrics s) {
            if (Double.isNaN(temperature) || s.metrics() == null) {
                return;
            }
            if (count == step.length) {
                step = Arrays.copyOf(step, 2 * count);
                loss = Arrays.copyOf(loss, 2 * count);
                top1 = Arrays.copyOf(top1, 2 * count);
            }
            step[count] = s.globalStep();
            loss[count] = s.metrics().loss();
            top1[count] = s.metrics().top1();
            count++;
            long now = System.nanoTime();
            if (now - lastPosted > 500_000_000L) {
                lastPosted = now;
                Live snapshot = new Live(temperature, new Curves(Arrays.copyOf(step, count), RunReport.smooth(Arrays.copyOf(loss, count), 0.95),
                        RunReport.smooth(Arrays.copyOf(top1, count), 0.95)));
                ui.execute(() -> live.set(snapshot));
            }
        }
    }

    public void dispose() {
        job.dispose();
    }
}
