package io.simclr.workbench.train;

import ai.djl.Device;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.simclr.workbench.augment.AugmentationPipeline;
import io.simclr.workbench.augment.ViewBatch;
import io.simclr.workbench.augment.ViewBatchProducer;
import io.simclr.workbench.data.DatasetLoader;
import io.simclr.workbench.data.ImageDataset;
import io.simclr.workbench.data.Split;
import io.simclr.workbench.files.AtomicFiles;
import io.simclr.workbench.method.MethodContext;
import io.simclr.workbench.method.TrainingMethod;
import io.simclr.workbench.model.ModelFactory;
import io.simclr.workbench.model.SimClrNetwork;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The training loop, the same for every method: batches of view pairs, one optimisation step each
 * at the scheduled learning rate, the method's forward passes, loss and updates composed into the
 * step ({@link TrainingMethod}). What is not the step — stopping, time limits, checkpoints, the divergence check, the metrics
 * file — is a {@link LoopListener} the loop calls around each step and epoch. Every step's arrays
 * live in a sub-manager closed at the end of the step, so native memory stays flat; the network, the
 * method's networks and state, and the optimizer state live in the run's manager.
 *
 * <p>Runs on the calling thread; {@link TrainingService} gives it an executor of its own.
 */
public final class Trainer {

    private final TrainConfig config;
    private final RunFolder run;
    private final TrainingControl control;
    private final List<TrainingListener> listeners = new CopyOnWriteArrayList<>();
    private final InputBuffer input = new InputBuffer();
    /** Progress so far, for the outcome of a run that fails part-way. */
    private volatile LoopState progress;

    public Trainer(TrainConfig config, RunFolder run, TrainingControl control) {
        this.config = config.validated();
        this.run = run;
        this.control = control;
    }

    public void addListener(TrainingListener listener) {
        listeners.add(listener);
    }

    /** Trains from the start, or from the run's newest usable checkpoint when {@code resume}. Never throws: failures end as FAILED. */
    public TrainingOutcome train(boolean resume) {
        try {
            return trainOrThrow(resume);
        } catch (RuntimeException | IOException | InterruptedException | OutOfMemoryError e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            String message = describe(e);
            listeners.forEach(l -> l.onFailed(message, e));
            LoopState at = progress;
            TrainingOutcome outcome = at == null ? new TrainingOutcome(TrainingOutcome.Status.FAILED, 0, 0, 0, message)
                    : new TrainingOutcome(TrainingOutcome.Status.FAILED, at.epoch, at.globalStep, at.trainingSeconds(), message);
            listeners.forEach(l -> l.onFinished(outcome));
            return outcome;
        }
    }

    private String describe(Throwable e) {
        String text = String.valueOf(e.getMessage());
        boolean memory = e instanceof OutOfMemoryError || text.contains("out of memory") || text.contains("can't allocate memory")
                || text.contains("DefaultCPUAllocator");
        if (memory) {
            int batch = config.optimization().batchSize();
            return String.format("ran out of memory at batch size %d (%s); try a smaller batch, e.g. %d", batch, text,
                    Math.max(2, batch / 2));
        }
        return text;
    }

    private void warn(String message) {
        listeners.forEach(l -> l.onWarning(message));
    }

    private TrainingOutcome trainOrThrow(boolean resume) throws IOException, InterruptedException {
        for (Path dir : List.of(run.root(), run.checkpointsDir())) {
            List<String> removed = AtomicFiles.removeOrphans(dir);
            if (!removed.isEmpty()) {
                warn("removed " + removed.size() + " unfinished temporary file(s) an interrupted write left in " + dir + ": " + removed);
            }
        }
        EngineSetup.threads(config.runtime().threads());
        EngineSetup.gradientsOnlyInCollectors();
        Device device = EngineSetup.device(config.runtime().device());
        ImageDataset data = DatasetLoader.load(config.data(), Split.TRAIN).dataset();
        int size = data.imageSize();
        int batchSize = config.optimization().batchSize();
        int stepsPerEpoch = ViewBatchProducer.batchesPerEpoch(data.size(), batchSize);
        if (stepsPerEpoch == 0) {
            throw new IllegalArgumentException(data.description() + " has " + data.size() + " images, fewer than one batch of " + batchSize
                    + "; choose a batch of at most " + data.size());
        }
        long totalSteps = (long) stepsPerEpoch * config.schedule().epochs();
        LearningRateSchedule schedule = config.schedule().learningRates(config.optimization().effectiveLearningRate(), stepsPerEpoch);
        AugmentationPipeline pipeline = new AugmentationPipeline(config.augmentation(), size);
        int augmentThreads = config.runtime().effectiveAugmentThreads();
        CheckpointStore store = new CheckpointStore(run.checkpointsDir());

        try (NDManager manager = NDManager.newBaseManager(device)) {
            EngineSetup.seed(config.seed());
            SimClrNetwork network = ModelFactory.create(config.model(), size);
            ModelFactory.initialize(network, manager, size);
            ModelFactory.inputNote(config.model().encoder(), size).ifPresent(this::warn);
            ParameterOptimizer optimizer = ParameterOptimizer.create(config.optimization().optimizer(), manager,
                    config.optimization().effectiveWeightDecay());
            TrainingMethod method = TrainingMethod.create(config.method(), new MethodContext(network, new ParameterStore(manager, false),
                    manager, size, data.size(), config.optimization().batchSize(), stepsPerEpoch, totalSteps, config.seed()));
            Checkpoint start = new Checkpoint(0, 0, 0, 0, 0, config.model().encoder().id());
            Path resumedFrom = null;
            if (resume) {
                try {
                    CheckpointStore.Loaded loaded = store.loadNewest(network, optimizer, method, manager);
                    start = loaded.position();
                    resumedFrom = loaded.file();
                    if (!loaded.skipped().isEmpty()) {
                        warn(loaded.describe() + "; the damaged ones are deleted");
                        deleteAll(loaded.skipped());
                    }
                } catch (CheckpointStore.NoCheckpointException e) {
                    warn("no usable checkpoint in " + run.checkpointsDir() + (e.skipped().isEmpty() ? "" : " (" + e.describeSkipped() + ")")
                            + "; starting the run over from its first step");
                    deleteAll(e.skipped());
                }
            }
            TrainingStep trainingStep = new TrainingStep(network, method, optimizer);
            LoopState state = new LoopState(stepsPerEpoch, totalSteps, start);
            progress = state;
            listeners.forEach(l -> l.onStarted(run, totalSteps, state.globalStep));
            try (MetricsCsv csv = MetricsCsv.open(run.metricsFile(), resume ? start.globalStep() : -1)) {
                Checkpoints checkpoints = new Checkpoints(store, network, optimizer, method, listeners, start.globalStep(), resumedFrom);
                List<LoopListener> loop = List.of(new StopConditions(control, config.runtime(), config.schedule()),
                        new DivergenceGuard(checkpoints, config, run.root()), new MetricsLog(csv, listeners), checkpoints);
                runEpochs(state, loop, data, pipeline, augmentThreads, schedule, trainingStep, manager);
                for (LoopListener l : loop) {
                    l.atEnd(state);
                }
            }
            TrainingOutcome outcome = state.endStatus() == TrainingOutcome.Status.STOPPED
                    ? new TrainingOutcome(TrainingOutcome.Status.STOPPED, state.epoch, state.globalStep, state.trainingSeconds(),
                            state.endReason() + " " + where(state) + "; it can be resumed from " + run.root())
                    : new TrainingOutcome(TrainingOutcome.Status.COMPLETED, state.ending() ? state.epoch : config.schedule().epochs(),
                            state.globalStep, state.trainingSeconds(), state.ending() ? "completed: " + state.endReason() : "completed");
            listeners.forEach(l -> l.onFinished(outcome));
            return outcome;
        }
    }

    /** Where a stopped run stands, counting the steps it did: "after step 23 of epoch 1 (23 steps in all)". */
    private static String where(LoopState state) {
        String steps = String.format(java.util.Locale.ROOT, "%,d steps in all", state.globalStep);
        return state.stepInEpoch == 0 ? "at the end of epoch " + state.epoch + " (" + steps + ")"
                : "after step " + state.stepInEpoch + " of epoch " + (state.epoch + 1) + " (" + steps + ")";
    }

    private static void deleteAll(List<CheckpointStore.Skipped> skipped) throws IOException {
        for (CheckpointStore.Skipped s : skipped) {
            Files.deleteIfExists(s.file());
        }
    }

    private void runEpochs(LoopState state, List<LoopListener> loop, ImageDataset data, AugmentationPipeline pipeline, int augmentThreads,
                           LearningRateSchedule schedule, TrainingStep trainingStep, NDManager manager)
            throws IOException, InterruptedException {
        int batchSize = config.optimization().batchSize();
        int logEvery = config.monitor().logEvery();
        for (; state.epoch < config.schedule().epochs(); state.epoch++, state.stepInEpoch = 0) {
            long epochStart = System.nanoTime();
            double lossSum = 0;
            int lossCount = 0;
            long epochViews = 0;
            try (ViewBatchProducer producer = new ViewBatchProducer(data, pipeline, batchSize, config.seed(), state.epoch,
                    state.stepInEpoch, augmentThreads, 2 * augmentThreads)) {
                for (; producer.hasNext(); state.stepInEpoch++) {
                    for (LoopListener l : loop) {
                        l.beforeStep(state);
                    }
                    if (state.ending()) {
                        return;
                    }
                    ViewBatch batch = producer.next();
                    double lr = schedule.rate(state.globalStep);
                    boolean logged = state.globalStep % logEvery == 0 || !producer.hasNext();
                    int views = 2 * batch.pairs();
                    TrainingStep.Result result = step(trainingStep, batch, state.globalStep, manager, lr, logged);
                    if (Float.isFinite(result.loss())) {
                        state.globalStep++;
                        lossSum += result.loss();
                        lossCount++;
                        epochViews += views;
                    }
                    LoopListener.StepDone done = new LoopListener.StepDone(result.loss(), result.metrics(), result.methodMetrics(),
                            result.gradientNorm(), lr, views, logged);
                    for (LoopListener l : loop) {
                        l.afterStep(state, done);
                    }
                }
            }
            double meanLoss = lossCount > 0 ? lossSum / lossCount : Double.NaN;
            double seconds = (System.nanoTime() - epochStart) / 1e9;
            for (LoopListener l : loop) {
                l.afterEpoch(state, meanLoss, seconds, epochViews);
            }
        }
    }

    /** One optimisation step on a batch; all its arrays are closed with its sub-manager. */
    private TrainingStep.Result step(TrainingStep trainingStep, ViewBatch batch, long globalStep, NDManager manager, double lr,
                                     boolean withMetrics) {
        try (NDManager stepManager = manager.newSubManager()) {
            NDArray x = input.create(stepManager, batch.views(), batch.valueCount(), new Shape(batch.shape()));
            batch.recycle();
            return trainingStep.run(x, batch.indices(), globalStep, lr, withMetrics);
        } catch (EngineException e) {
            throw new IllegalStateException(describe(e), e);
        }
    }
}
