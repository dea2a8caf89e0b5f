package io.simclr.workbench.app.train;

import io.simclr.workbench.augment.AugmentationPreset;
import io.simclr.workbench.data.DataConfig;
import io.simclr.workbench.data.DataSource;
import io.simclr.workbench.eval.RunEvaluation;
import io.simclr.workbench.model.EncoderKind;
import io.simclr.workbench.model.ModelConfig;
import io.simclr.workbench.train.OptimizerKind;
import io.simclr.workbench.train.RunFolder;
import io.simclr.workbench.train.StepMetrics;
import io.simclr.workbench.train.TrainConfig;
import io.simclr.workbench.train.TrainingListener;
import io.simclr.workbench.train.TrainingOutcome;
import io.simclr.workbench.train.TrainingService;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.control.ProgressBar;
import org.jfree.data.xy.XYSeries;
import io.simclr.workbench.train.RuntimeConfig;
import io.simclr.workbench.train.ScheduleConfig;
import io.simclr.workbench.train.OptimizationConfig;

/**
 * The state of the Train screen. The trainer runs on the training service's executor and reports
 * through a queue; {@link #drain()}, called by the view at most ~20 times a second on the UI thread,
 * moves what arrived into the chart series and properties, so however fast steps come the UI does a
 * bounded amount of work per frame. Series keep at most {@link #MAX_POINTS} points (older ones thinned).
 * A run that completes is then scored by the kNN monitor, as {@code train} does, beside the encoder at
 * random initialisation, so the screen ends on what training added.
 */
public final class TrainViewModel implements AutoCloseable {

    public enum State { IDLE, RUNNING, PAUSED, STOPPING, EVALUATING }

    static final int MAX_POINTS = 4_000;
    private static final int MAX_LOG_LINES = 500;

    public final ObjectProperty<EncoderKind> encoder = new SimpleObjectProperty<>(EncoderKind.SMALL);
    public final ObjectProperty<io.simclr.workbench.model.HeadKind> head = new SimpleObjectProperty<>(io.simclr.workbench.model.HeadKind.MLP);
    public final ObjectProperty<OptimizerKind> optimizer = new SimpleObjectProperty<>(OptimizerKind.ADAM);
    /** The augmentations; by default the preset made for the chosen dataset. */
    public final ObjectProperty<AugmentationPreset> augmentation = new SimpleObjectProperty<>(AugmentationPreset.SHAPES);
    public final IntegerProperty epochs = new SimpleIntegerProperty();
    public final IntegerProperty batch = new SimpleIntegerProperty();
    public final DoubleProperty temperature = new SimpleDoubleProperty();
    public final DoubleProperty learningRate = new SimpleDoubleProperty();
    public final IntegerProperty shapesCount = new SimpleIntegerProperty(5_000);
    public final IntegerProperty warmupEpochs = new SimpleIntegerProperty(0);
    public final IntegerProperty seed = new SimpleIntegerProperty(1);
    /** Where new runs go: {@code runs} under the working folder unless the simclr.workbench.runs property says otherwise. */
    public final StringProperty runsFolder = new SimpleStringProperty(System.getProperty("simclr.workbench.runs", "runs"));
    /** A CIFAR-10 folder to train on; null trains on the built-in shapes. */
    public final ObjectProperty<Path> cifarFolder = new SimpleObjectProperty<>();

    public TrainViewModel() {
        applyDefaults(io.simclr.workbench.data.DataSource.SHAPES);
        // A dataset brings its own augmentation preset and recipe; the user may still change them after.
        cifarFolder.addListener((o, was, now) -> {
            augmentation.set(AugmentationPreset.defaultFor(now == null ? io.simclr.workbench.data.DataSource.SHAPES : io.simclr.workbench.data.DataSource.CIFAR10));
            if ((was == null) != (now == null)) {
                applyDefaults(now == null ? io.simclr.workbench.data.DataSource.SHAPES : io.simclr.workbench.data.DataSource.CIFAR10);
            }
        });
    }

    private void applyDefaults(io.simclr.workbench.data.DataSource source) {
        TrainConfig d = TrainConfig.defaults(DataConfig.of(source, null));
        batch.set(d.optimization().batchSize());
        epochs.set(d.schedule().epochs());
        temperature.set(d.method().temperature());
        learningRate.set(d.optimization().effectiveLearningRate());
    }

    public final ObjectProperty<State> state = new SimpleObjectProperty<>(State.IDLE);
    /** True while another of the window's training jobs (a sweep, a study) runs; Start waits for it. */
    public final javafx.beans.property.BooleanProperty blocked = new javafx.beans.property.SimpleBooleanProperty();
    public final DoubleProperty progress = new SimpleDoubleProperty(0);
    public final StringProperty progressText = new SimpleStringProperty("not started");
    public final StringProperty runFolder = new SimpleStringProperty("");
    public final BooleanProperty hasRun = new SimpleBooleanProperty(false);
    public final ObservableList<String> log = FXCollections.observableArrayList();
    /** A message for a dialog (a failed run); the view shows it and clears it. */
    public final StringProperty error = new SimpleStringProperty();

    final XYSeries loss = new XYSeries("loss", false, true);
    final XYSeries lossSmoothed = new XYSeries("smoothed", false, true);
    final XYSeries positive = new XYSeries("positive pairs", false, true);
    final XYSeries negative = new XYSeries("negatives", false, true);
    final XYSeries top1 = new XYSeries("top-1", false, true);
    final XYSeries rate = new XYSeries("learning rate", false, true);
    final XYSeries viewsPerSecond = new XYSeries("views/s", false, true);
    final XYSeries alignment = new XYSeries("alignment", false, true);
    final XYSeries uniformity = new XYSeries("uniformity", false, true);
    public final StringProperty device = new SimpleStringProperty("shown when training starts");
    private double smoothing = 0.9;
    private double smoothedLoss = Double.NaN;

    private final Queue<Object> events = new ConcurrentLinkedQueue<>();
    private final TrainingService service = new TrainingService();
    private TrainingService.Job job;
    private CompletableFuture<Void> evaluation = CompletableFuture.completedFuture(null);

    public void setSmoothing(double weight) {
        smoothing = weight;
    }

    public TrainConfig config() {
        Path cifar = cifarFolder.get();
        DataConfig data = cifar == null ? DataConfig.shapes().withCounts(shapesCount.get(), Math.max(1, shapesCount.get() / 5))
                : DataConfig.of(DataSource.CIFAR10, cifar);
        ModelConfig defaults = ModelConfig.defaults(encoder.get());
        ModelConfig model = new ModelConfig(defaults.encoder(), defaults.stem(), head.get(), defaults.headDim(), defaults.hiddenDim());
        return TrainConfig.defaults(data).withAugmentation(augmentation.get().config()).withModel(model).withTemperature(temperature.get())
                .withOptimization(new OptimizationConfig(optimizer.get(), batch.get(), learningRate.get(), -1))
                .withSchedule(ScheduleConfig.of(epochs.get()).withWarmupEpochs(warmupEpochs.get())).withSeed(seed.get()).validated();
    }

    public void start() {
        if (state.get() != State.IDLE) {
            return;
        }
        Path dir = Path.of(runsFolder.get(), "gui-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        begin(config(), dir, false);
    }

    public void resume(Path dir) {
        if (state.get() != State.IDLE) {
            return;
        }
        begin(null, dir, true);
    }

    private void begin(TrainConfig config, Path dir, boolean resume) {
        if (blocked.get()) {
            appendLog("a sweep or study is training; wait for it (or stop it) first: two training jobs on the same cores slow each other many times over");
            return;
        }
        clearSeries();
        runFolder.set(dir.toString());
        hasRun.set(true);
        state.set(State.RUNNING);
        appendLog((resume ? "resuming " : "training into ") + dir);
        try {
            job = resume ? service.resume(dir, RuntimeConfig.DEFAULT, "the window's Train screen", List.of(new Listener()))
                    : service.start(config, dir, "the window's Train screen", List.of(new Listener()));
        } catch (RuntimeException e) {
            state.set(State.IDLE);
            hasRun.set(false);
            appendLog("could not start: " + e.getMessage());
            error.set(e.getMessage());
        }
    }

    public void pause() {
        if (job != null && state.get() == State.RUNNING) {
            job.control().pause();
            state.set(State.PAUSED);
            appendLog("paused");
        }
    }

    public void resumePaused() {
        if (job != null && state.get() == State.PAUSED) {
            job.control().resume();
            state.set(State.RUNNING);
            appendLog("resumed");
        }
    }

    /** Asks the trainer to stop at the next step; it writes a resumable checkpoint first. */
    public void stop() {
        if (job != null && (state.get() == State.RUNNING || state.get() == State.PAUSED)) {
            job.control().resume();
            job.control().requestStop();
            state.set(State.STOPPING);
            appendLog("stopping at the next step …");
        }
    }

    /** Stops and waits for the checkpoint (for closing the window). */
    public void stopAndWait() {
        stop();
        if (job != null) {
            job.outcome().join();
        }
    }

    /** Whether a run is training (closing the window would stop it); the kNN pass after a run is not. */
    public boolean busy() {
        return state.get() != State.IDLE && state.get() != State.EVALUATING;
    }

    /** Applies what the trainer reported since the last call; returns how many events it applied. */
    public int drain() {
        int applied = 0;
        for (Object e; (e = events.poll()) != null; applied++) {
            if (e instanceof StepMetrics s) {
                apply(s);
            } else if (e instanceof String line) {
                appendLog(line);
            } else if (e instanceof TrainingOutcome o) {
                finished(o);
            } else if (e instanceof Device d) {
                device.set(d.description());
            } else if (e instanceof RunEvaluation.Report r) {
                evaluated(r);
            } else if (e instanceof Failure f) {
                appendLog("failed: " + f.message());
                error.set(f.message());
                state.set(State.IDLE);
            }
        }
        return applied;
    }

    private void apply(StepMetrics s) {
        double x = s.globalStep();
        double l = s.metrics().loss();
        smoothedLoss = Double.isNaN(smoothedLoss) ? l : smoothing * smoothedLoss + (1 - smoothing) * l;
        add(loss, x, l);
        add(lossSmoothed, x, smoothedLoss);
        add(positive, x, s.metrics().positiveSimilarity());
        add(negative, x, s.metrics().negativeSimilarity());
        add(top1, x, s.metrics().top1());
        add(rate, x, s.learningRate());
        add(viewsPerSecond, x, s.viewsPerSecond());
        add(alignment, x, s.metrics().alignment());
        add(uniformity, x, s.metrics().uniformity());
        progress.set((s.globalStep() + 1.0) / s.totalSteps());
        progressText.set(String.format(Locale.ROOT, "epoch %d · step %,d of %,d · loss %.3f · %.0f views/s · ETA %s", s.epoch() + 1,
                s.globalStep() + 1, s.totalSteps(), l, s.viewsPerSecond(), duration(s.etaSeconds())));
    }

    private void finished(TrainingOutcome o) {
        appendLog(String.format(Locale.ROOT, "%s after %d epoch(s), %,d steps, %.0f s%s", o.status().name().toLowerCase(Locale.ROOT),
                o.epochsDone(), o.globalStep(), o.trainingSeconds(), o.message() == null ? "" : ": " + o.message()));
        if (o.status() != TrainingOutcome.Status.COMPLETED) {
            state.set(State.IDLE);
            return;
        }
        state.set(State.EVALUATING);
        progress.set(ProgressBar.INDETERMINATE_PROGRESS);
        progressText.set("kNN evaluation of the trained encoder and of the same encoder at random initialisation …");
        Path dir = Path.of(runFolder.get());
        // On its own thread (the trainer's executor is done with this run); the result comes back through the queue.
        evaluation = CompletableFuture.runAsync(() -> {
            try {
                events.add(RunEvaluation.evaluate(RunFolder.open(dir), RunEvaluation.Settings.knnOnly(), message -> {}));
            } catch (Exception | OutOfMemoryError ex) {
                events.add(new Failure("the kNN evaluation of " + dir + " failed: " + ex.getMessage()
                        + " (the run and its checkpoint are kept; the Evaluate screen can try again)"));
            }
        });
    }

    private void evaluated(RunEvaluation.Report r) {
        String scores = String.format(Locale.ROOT, "kNN top-1 %.3f (random init %.3f; k=%d, T=%.2f, %,d queries)", r.trained().knnTop1(),
                r.randomInit().knnTop1(), r.knnK(), r.knnTemperature(), r.testSize());
        appendLog(scores);
        progress.set(1);
        progressText.set("done · " + scores);
        state.set(State.IDLE);
    }

    /** Adds a point; past the bound, every other point of the older half goes, so the curve keeps its shape. */
    static void add(XYSeries series, double x, double y) {
        if (!Double.isFinite(y)) {
            return;
        }
        series.add(x, y, false);
        if (series.getItemCount() > MAX_POINTS) {
            for (int i = MAX_POINTS / 2 - 1; i >= 1; i -= 2) {
                series.remove(i);
            }
        }
        series.fireSeriesChanged();
    }

    private void clearSeries() {
        for (XYSeries s : List.of(loss, lossSmoothed, positive, negative, top1, rate, viewsPerSecond, alignment, uniformity)) {
            s.clear();
        }
        smoothedLoss = Double.NaN;
        progress.set(0);
    }

    void appendLog(String line) {
        log.add(LocalDateTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")) + "  " + line);
        if (log.size() > MAX_LOG_LINES) {
            log.remove(0, log.size() - MAX_LOG_LINES);
        }
    }

    private static String duration(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }

    private record Failure(String message) {}

    private record Device(String description) {}

    /** Runs on the trainer's thread: only enqueues. */
    private final class Listener implements TrainingListener {
        @Override
        public void onStarted(RunFolder run, long totalSteps, long startStep) {
            String where;
            try {
                var engine = io.simclr.workbench.train.EngineInfo.collect();
                where = String.format(Locale.ROOT, "%s, %d threads (PyTorch %s)", engine.defaultDevice(), engine.intraOpThreads(),
                        engine.pytorchVersion());
            } catch (RuntimeException e) {
                where = "device unknown";
            }
            String device = where;
            events.add(String.format(Locale.ROOT, "started: %,d steps on %s", totalSteps, device));
            events.add(new Device(device));
        }

        @Override
        public void onStep(StepMetrics step) {
            events.add(step);
        }

        @Override
        public void onEpochEnd(int epoch, double meanLoss, double seconds, long views) {
            events.add(String.format(Locale.ROOT, "epoch %d: mean loss %.4f in %.1f s (%.0f views/s)", epoch + 1, meanLoss, seconds, views / seconds));
        }

        @Override
        public void onCheckpoint(Path checkpoint, int epoch, long globalStep) {
            events.add("checkpoint " + checkpoint.getFileName());
        }

        @Override
        public void onWarning(String message) {
            events.add("warning: " + message);
        }

        @Override
        public void onFinished(TrainingOutcome outcome) {
            events.add(outcome);
        }

        @Override
        public void onFailed(String message, Throwable cause) {
            events.add(new Failure(message));
        }
    }

    @Override
    public void close() {
        if (busy()) {
            stopAndWait();
        }
        evaluation.join(); // a kNN pass takes seconds; the engine must not close under it
        service.close();
    }
}
