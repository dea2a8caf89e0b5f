package io.simclr.workbench.app.train;

import io.simclr.workbench.app.DatasetChoice;
import io.simclr.workbench.app.Lesson;
import io.simclr.workbench.app.LessonPart;
import io.simclr.workbench.app.RunCatalog;
import io.simclr.workbench.app.Workers;
import io.simclr.workbench.augment.AugmentationPreset;
import io.simclr.workbench.data.DataConfig;
import io.simclr.workbench.data.DataSource;
import io.simclr.workbench.eval.RunEvaluation;
import io.simclr.workbench.method.MethodConfig;
import io.simclr.workbench.method.MethodKind;
import io.simclr.workbench.model.EncoderKind;
import io.simclr.workbench.model.HeadKind;
import io.simclr.workbench.model.ModelConfig;
import io.simclr.workbench.train.EngineInfo;
import io.simclr.workbench.train.OptimizationConfig;
import io.simclr.workbench.train.OptimizerKind;
import io.simclr.workbench.train.RunFolder;
import io.simclr.workbench.train.ScheduleConfig;
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
import java.util.concurrent.ExecutorService;
import javafx.beans.Observable;
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
import org.jfree.data.xy.XYSeries;

/**
 * The state of the Train screen. The trainer runs on the training service's executor and reports
 * through a queue; {@link #drain()}, called by the view at most ~10 times a second on the UI thread,
 * moves what arrived into the chart series and properties, so however fast steps come the UI does a
 * bounded amount of work per frame. Series keep at most {@link #MAX_POINTS} points (older ones thinned).
 * A run that completes is then scored by the kNN monitor, as {@code train} does, beside the encoder at
 * random initialisation, so the screen ends on what training added; it becomes the window's current
 * run and offers Evaluate and Map.
 */
public final class TrainViewModel implements AutoCloseable, LessonPart {

    public enum State { IDLE, RUNNING, PAUSED, STOPPING, EVALUATING }

    /** A ready-made job; choosing one sets the dataset and settings, changing any setting makes it Custom. */
    public enum Recipe implements io.simclr.workbench.json.Choice {
        CLASS_DEMO("class demo", "A run to show a class: 3,000 shapes, 10 epochs, batch 32, Adam 4e-3, tau 0.1; kNN about 0.5 and a first map of the shapes in two to three minutes on a 2-core laptop."),
        CLASSROOM("classroom", "The built-in shapes' recipe: 5,000 shapes, 24 epochs, batch 64, Adam 2e-3, tau 0.2; kNN about 0.9."),
        CUSTOM("custom", "Your own settings.");

        private final String id;
        private final String description;

        Recipe(String id, String description) {
            this.id = id;
            this.description = description;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String description() {
            return description;
        }

        public static Recipe parse(String text) {
            return io.simclr.workbench.json.Choices.parse(values(), Recipe::id, text, "recipe");
        }
    }

    static final int MAX_POINTS = 4_000;
    private static final int MAX_LOG_LINES = 500;
    /**
     * The class demo, chosen over runs on this 2-core machine at equal time: small batches take more steps from the same views
     * and a higher rate with a lower temperature learns faster (kNN 0.43 after 7 epochs against 0.37 at the classroom's
     * batch 64, Adam 2e-3, tau 0.2).
     */
    static final int DEMO_IMAGES = 3_000;
    static final int DEMO_EPOCHS = 10;
    static final int DEMO_BATCH = 32;
    static final double DEMO_LEARNING_RATE = 4e-3;
    static final double DEMO_TEMPERATURE = 0.1;

    public final ObjectProperty<Recipe> recipe = new SimpleObjectProperty<>(Recipe.CLASSROOM);
    public final ObjectProperty<MethodKind> method = new SimpleObjectProperty<>(MethodKind.SIMCLR);
    /** SimSiam's guards against collapse; the collapse lesson switches them off. */
    public final BooleanProperty stopGradient = new SimpleBooleanProperty(true);
    public final BooleanProperty predictor = new SimpleBooleanProperty(true);
    /** The method of the run on screen (its charts' titles and the method's own figure follow it). */
    public final ObjectProperty<MethodKind> shownMethod = new SimpleObjectProperty<>(MethodKind.SIMCLR);
    public final ObjectProperty<EncoderKind> encoder = new SimpleObjectProperty<>(EncoderKind.SMALL);
    public final ObjectProperty<HeadKind> head = new SimpleObjectProperty<>(HeadKind.MLP);
    public final ObjectProperty<OptimizerKind> optimizer = new SimpleObjectProperty<>(OptimizerKind.ADAM);
    /** The augmentations; by default the preset made for the chosen dataset. */
    public final ObjectProperty<AugmentationPreset> augmentation = new SimpleObjectProperty<>(AugmentationPreset.SHAPES);
    public final IntegerProperty epochs = new SimpleIntegerProperty();
    public final IntegerProperty batch = new SimpleIntegerProperty();
    public final DoubleProperty temperature = new SimpleDoubleProperty();
    public final DoubleProperty learningRate = new SimpleDoubleProperty();
    public final IntegerProperty warmupEpochs = new SimpleIntegerProperty(0);
    public final IntegerProperty seed = new SimpleIntegerProperty(1);
    /** How long the run set now will take here, shown before Start. */
    public final StringProperty expectedTime = new SimpleStringProperty("");

    public final ObjectProperty<State> state = new SimpleObjectProperty<>(State.IDLE);
    /** True while another of the window's training jobs (a sweep, a study) runs; Start waits for it. */
    public final BooleanProperty blocked = new SimpleBooleanProperty();
    public final DoubleProperty progress = new SimpleDoubleProperty(0);
    public final StringProperty progressText = new SimpleStringProperty("not started");
    public final StringProperty runFolder = new SimpleStringProperty("");
    /** The run that just completed (and was scored): the screen offers to evaluate or map it. */
    public final ObjectProperty<Path> finishedRun = new SimpleObjectProperty<>();
    public final ObservableList<String> log = FXCollections.observableArrayList();
    /** A message for a dialog (a failed run); the view shows it and clears it. */
    public final StringProperty error = new SimpleStringProperty();

    final XYSeries loss = new XYSeries("loss", false, true);
    final XYSeries lossSmoothed = new XYSeries("smoothed", false, true);
    final XYSeries positive = new XYSeries("positive pairs", false, true);
    final XYSeries negative = new XYSeries("negatives", false, true);
    final XYSeries top1 = new XYSeries("top-1", false, true);
    final XYSeries rate = new XYSeries("learning rate", false, true);
    final XYSeries collapse = new XYSeries("std of normalised z", false, true);
    final XYSeries healthy = new XYSeries("healthy 1/√d", false, true);
    /** The method's own figure: contrastive top-1, momentum, age of the negatives or prototypes in use. */
    final XYSeries methodFigure = new XYSeries("method", false, true);
    final XYSeries alignment = new XYSeries("alignment", false, true);
    final XYSeries uniformity = new XYSeries("uniformity", false, true);
    public final StringProperty device = new SimpleStringProperty("shown when training starts");

    private final DatasetChoice dataset;
    private final RunCatalog catalog;
    private final TrainingSpeed speed;
    private final Queue<Object> events = new ConcurrentLinkedQueue<>();
    private final TrainingService service = new TrainingService();
    private TrainingService.Job job;
    private TrainConfig running;
    private CompletableFuture<Void> evaluation = CompletableFuture.completedFuture(null);
    private final ExecutorService evaluator = Workers.daemon("train-evaluation");
    private double smoothing = 0.9;
    private double smoothedSum;
    private int smoothedCount;
    /** Set while a recipe or the dataset writes the settings, so that their change does not make the recipe Custom. */
    private boolean applyingRecipe;

    public TrainViewModel(DatasetChoice dataset, RunCatalog catalog, TrainingSpeed speed) {
        this.dataset = dataset;
        this.catalog = catalog;
        this.speed = speed;
        applyRecipe(Recipe.CLASSROOM);
        recipe.addListener((o, was, now) -> {
            if (!applyingRecipe) {
                applyRecipe(now);
            }
        });
        // A dataset brings its own augmentation preset and settings; the user may change them after.
        dataset.source.addListener((o, was, now) -> {
            if (!applyingRecipe) {
                applyDefaults(now);
                recipe.set(Recipe.CUSTOM);
            }
        });
        // A method brings its own temperature (MoCo 0.2, the memory bank 0.07, SwAV 0.1).
        method.addListener((o, was, now) -> {
            double tau = TrainConfig.defaultMethod(now, dataset.config()).temperature();
            if (!Double.isNaN(tau)) {
                temperature.set(tau);
            }
            shownMethod.set(now);
        });
        for (Observable setting : List.of(method, stopGradient, predictor, encoder, head, optimizer, augmentation, epochs, batch, temperature,
                learningRate, warmupEpochs, dataset.shapesCount)) {
            setting.addListener(o -> {
                if (!applyingRecipe) {
                    recipe.set(Recipe.CUSTOM);
                }
                updateExpectedTime();
            });
        }
        dataset.imageSize.addListener(o -> updateExpectedTime());
        dataset.folderTrainImages.addListener(o -> updateExpectedTime());
        updateExpectedTime();
    }

    /** Sets the dataset and the settings a recipe stands for. */
    void applyRecipe(Recipe r) {
        if (r == Recipe.CUSTOM) {
            return;
        }
        applyingRecipe = true;
        try {
            dataset.useShapes();
            dataset.shapesCount.set(r == Recipe.CLASS_DEMO ? DEMO_IMAGES : 5_000);
            applyDefaults(DataSource.SHAPES);
            method.set(MethodKind.SIMCLR);
            encoder.set(EncoderKind.SMALL);
            head.set(HeadKind.MLP);
            optimizer.set(OptimizerKind.ADAM);
            warmupEpochs.set(0);
            if (r == Recipe.CLASS_DEMO) {
                epochs.set(DEMO_EPOCHS);
                batch.set(DEMO_BATCH);
                learningRate.set(DEMO_LEARNING_RATE);
                temperature.set(DEMO_TEMPERATURE);
            }
            recipe.set(r);
        } finally {
            applyingRecipe = false;
        }
        updateExpectedTime();
    }

    private void applyDefaults(DataSource source) {
        boolean was = applyingRecipe;
        applyingRecipe = true;
        try {
            TrainConfig d = TrainConfig.defaults(DataConfig.of(source, null));
            augmentation.set(AugmentationPreset.defaultFor(source));
            batch.set(d.optimization().batchSize());
            epochs.set(d.schedule().epochs());
            temperature.set(d.method().temperature());
            learningRate.set(d.optimization().effectiveLearningRate());
        } finally {
            applyingRecipe = was;
        }
    }

    private void updateExpectedTime() {
        int images = dataset.trainImages();
        long steps = (long) (images / Math.max(2, batch.get())) * epochs.get();
        long views = steps * 2L * batch.get();
        expectedTime.set("expected time: " + speed.estimate(method.get(), encoder.get(), dataset.imageSize.get(), views).describe());
    }

    public void setSmoothing(double weight) {
        smoothing = weight;
    }

    public TrainConfig config() {
        ModelConfig defaults = ModelConfig.defaults(encoder.get());
        ModelConfig model = new ModelConfig(defaults.encoder(), defaults.stem(), head.get(), defaults.headDim(), defaults.hiddenDim());
        MethodConfig chosen = TrainConfig.defaultMethod(method.get(), dataset.config());
        if (!Double.isNaN(chosen.temperature())) {
            chosen = chosen.withTemperature(temperature.get());
        }
        if (method.get() == MethodKind.SIMSIAM) {
            chosen = chosen.withSimSiamGuards(stopGradient.get(), predictor.get());
        }
        return TrainConfig.defaults(dataset.config()).withAugmentation(augmentation.get().config()).withModel(model).withMethod(chosen)
                .withOptimization(new OptimizationConfig(optimizer.get(), batch.get(), learningRate.get(), -1))
                .withSchedule(ScheduleConfig.of(epochs.get()).withWarmupEpochs(warmupEpochs.get())).withSeed(seed.get()).validated();
    }

    public void start() {
        if (state.get() != State.IDLE) {
            return;
        }
        TrainConfig config;
        try {
            config = config();
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return;
        }
        begin(config, catalog.folder().resolve(RunFolder.newName(config, LocalDateTime.now())), false);
    }

    /** Continues a stopped run with its own settings. */
    public void resume(Path dir) {
        if (state.get() != State.IDLE) {
            return;
        }
        try {
            begin(RunFolder.open(dir).readConfig(), dir, true);
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
        }
    }

    private void begin(TrainConfig config, Path dir, boolean resume) {
        if (blocked.get()) {
            appendLog("a sweep or study is training; wait for it (or stop it) first: two training jobs on the same cores slow each other many times over");
            return;
        }
        clearCurves();
        try {
            job = resume ? service.resume(dir, "the window's Train screen", List.of(new Listener()))
                    : service.start(config, dir, "the window's Train screen", List.of(new Listener()));
        } catch (RuntimeException e) {
            appendLog("could not start: " + e.getMessage());
            error.set(e.getMessage());
            return;
        }
        running = config;
        shownMethod.set(config.method().name());
        runFolder.set(dir.toString());
        finishedRun.set(null);
        state.set(State.RUNNING);
        appendLog((resume ? "resuming " : "training into ") + dir);
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

    /** Whether the trainer reported something not yet applied. */
    public boolean hasNews() {
        return !events.isEmpty();
    }

    /** Applies what the trainer reported since the last call; returns how many events it applied. */
    public int drain() {
        int applied = 0;
        for (Object e; (e = events.poll()) != null; applied++) {
            if (e instanceof StepMetrics s) {
                apply(s);
            } else if (e instanceof String line) {
                appendLog(line);
            } else if (e instanceof Epoch epoch) {
                speed.record(running.method().name(), running.model().encoder(), running.data().effectiveImageSize(), epoch.viewsPerSecond());
                updateExpectedTime();
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
        add(loss, x, l);
        add(lossSmoothed, x, smooth(l));
        add(positive, x, s.metrics().positiveSimilarity());
        add(negative, x, s.metrics().negativeSimilarity());
        add(top1, x, s.metrics().top1());
        add(rate, x, s.learningRate());
        add(collapse, x, s.metrics().embeddingStd());
        add(healthy, x, s.metrics().healthyStd());
        add(methodFigure, x, methodFigure(shownMethod.get(), s));
        add(alignment, x, s.metrics().alignment());
        add(uniformity, x, s.metrics().uniformity());
        progress.set((s.globalStep() + 1.0) / s.totalSteps());
        progressText.set(String.format(Locale.ROOT, "epoch %d · step %,d of %,d · loss %.3f · %.0f views/s · %s left", s.epoch() + 1,
                s.globalStep() + 1, s.totalSteps(), l, s.viewsPerSecond(), duration(s.etaSeconds())));
    }

    /** What the method chart shows of a step: what tells this method's story beside the loss. */
    static double methodFigure(MethodKind kind, StepMetrics s) {
        return switch (kind) {
            case MOCO, BYOL -> s.methodMetrics().momentum();
            case MEMORY_BANK -> s.methodMetrics().negativeAge();
            case SWAV -> s.methodMetrics().prototypesUsed();
            case SIMCLR, SIMSIAM, BARLOW_TWINS -> s.metrics().top1();
        };
    }

    /** The method chart's title and axis for {@code kind}. */
    public static String[] methodFigureTitle(MethodKind kind) {
        return switch (kind) {
            case MOCO, BYOL -> new String[] {"momentum of the moving average", "momentum"};
            case MEMORY_BANK -> new String[] {"age of the negatives (steps since written)", "steps"};
            case SWAV -> new String[] {"prototypes in use", "prototypes"};
            case SIMCLR, SIMSIAM, BARLOW_TWINS -> new String[] {"contrastive top-1 (the pair is the nearest view)", "accuracy"};
        };
    }

    /**
     * An exponential moving average with TensorBoard's debiasing: divided by the weight the average
     * has gathered so far, so the smoothed curve starts on the data instead of rising from zero.
     */
    double smooth(double value) {
        smoothedSum = smoothing * smoothedSum + (1 - smoothing) * value;
        smoothedCount++;
        return smoothedSum / (1 - Math.pow(smoothing, smoothedCount));
    }

    private void finished(TrainingOutcome o) {
        boolean plainCompletion = o.status() == TrainingOutcome.Status.COMPLETED && "completed".equals(o.message());
        appendLog(String.format(Locale.ROOT, "%s after %d epoch(s), %,d steps, %.0f s%s", o.status().name().toLowerCase(Locale.ROOT),
                o.epochsDone(), o.globalStep(), o.trainingSeconds(), plainCompletion || o.message() == null ? "" : ": " + o.message()));
        Path dir = Path.of(runFolder.get());
        if (o.status() != TrainingOutcome.Status.COMPLETED) {
            // The time left no longer means anything: say where the run stands instead.
            progressText.set(String.format(Locale.ROOT, "%s at step %,d (epoch %d) · %s", o.status().name().toLowerCase(Locale.ROOT),
                    o.globalStep(), o.epochsDone(), o.globalStep() > 0 ? "its last checkpoint is kept in " + dir.getFileName() : "nothing was trained"));
            state.set(State.IDLE);
            catalog.refresh();
            return;
        }
        state.set(State.EVALUATING);
        progress.set(-1);
        progressText.set("kNN evaluation of the trained encoder and of the same encoder at random initialisation …");
        // On its own thread (the trainer's executor is done with this run); the result comes back through the queue.
        evaluation = CompletableFuture.runAsync(() -> {
            try {
                events.add(RunEvaluation.evaluate(RunFolder.open(dir), RunEvaluation.Settings.knnOnly(), message -> {}));
            } catch (Exception | OutOfMemoryError ex) {
                events.add(new Failure("the kNN evaluation of " + dir + " failed: " + ex.getMessage()
                        + " (the run and its checkpoint are kept; the Evaluate screen can try again)"));
            }
        }, evaluator);
    }

    private void evaluated(RunEvaluation.Report r) {
        String scores = String.format(Locale.ROOT, "kNN top-1 %.3f (random init %.3f; k=%d, T=%.2f, %,d queries)", r.trained().knnTop1(),
                r.randomInit().knnTop1(), r.knnK(), r.knnTemperature(), r.testSize());
        appendLog(scores);
        progress.set(1);
        progressText.set("done · " + scores);
        state.set(State.IDLE);
        Path dir = Path.of(runFolder.get());
        catalog.madeByWindow(dir);
        finishedRun.set(dir);
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

    /** Empties the charts, the progress and the finished run: a new run, or a lesson, starts clean. */
    public void clearCurves() {
        for (XYSeries s : List.of(loss, lossSmoothed, positive, negative, top1, rate, collapse, healthy, methodFigure, alignment, uniformity)) {
            s.clear();
        }
        smoothedSum = 0;
        smoothedCount = 0;
        progress.set(0);
        progressText.set("not started");
        finishedRun.set(null);
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

    @Override
    public void apply(Lesson lesson) {
        clearCurves();
        log.clear();
        if (lesson.training() == null) {
            return;
        }
        Lesson.Training t = lesson.training();
        applyingRecipe = true;
        try {
            dataset.useShapes();
            applyDefaults(DataSource.SHAPES);
            method.set(t.method() == null ? MethodKind.SIMCLR : MethodKind.parse(t.method()));
            stopGradient.set(t.stopGradient() == null || t.stopGradient());
            predictor.set(t.predictor() == null || t.predictor());
            encoder.set(EncoderKind.parse(t.encoder()));
            epochs.set(t.epochs());
            batch.set(t.batch());
            temperature.set(t.temperature());
            learningRate.set(t.learningRate());
            if (t.seed() != null) {
                seed.set(t.seed());
            }
            if (t.warmupEpochs() != null) {
                warmupEpochs.set(Math.min(t.warmupEpochs(), t.epochs()));
            }
            if (t.images() != null) {
                dataset.shapesCount.set(t.images());
            }
            recipe.set(Recipe.CUSTOM);
        } finally {
            applyingRecipe = false;
        }
        updateExpectedTime();
    }

    @Override
    public Lesson capture(Lesson lesson) {
        return lesson.withTraining(new Lesson.Training(encoder.get().id(), epochs.get(), batch.get(), temperature.get(), learningRate.get(),
                seed.get(), warmupEpochs.get(), dataset.shapesCount.get(), method.get().id(), stopGradient.get(), predictor.get()));
    }

    private record Failure(String message) {}

    private record Device(String description) {}

    private record Epoch(double viewsPerSecond) {}

    /** Runs on the trainer's thread: only enqueues. */
    private final class Listener implements TrainingListener {
        @Override
        public void onStarted(RunFolder run, long totalSteps, long startStep) {
            String where;
            try {
                var engine = EngineInfo.collect();
                where = String.format(Locale.ROOT, "%s, %d threads (PyTorch %s)", engine.defaultDevice(), engine.intraOpThreads(),
                        engine.pytorchVersion());
            } catch (RuntimeException e) {
                where = "device unknown";
            }
            events.add(String.format(Locale.ROOT, "started: %,d steps on %s", totalSteps, where));
            events.add(new Device(where));
        }

        @Override
        public void onStep(StepMetrics step) {
            events.add(step);
        }

        @Override
        public void onEpochEnd(int epoch, double meanLoss, double seconds, long views) {
            events.add(String.format(Locale.ROOT, "epoch %d: mean loss %.4f in %.1f s (%.0f views/s)", epoch + 1, meanLoss, seconds, views / seconds));
            events.add(new Epoch(views / seconds));
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
        evaluator.shutdown();
        service.close();
    }
}
