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
import io.simclr.workbench.model.ModelFactory;
import io.simclr.workbench.model.SimClrNetwork;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The SimCLR training loop: batches of view pairs, forward through f and g, NT-Xent, backward, an
 * optimizer step at the scheduled learning rate. Every step's arrays live in a sub-manager closed at
 * the end of the step, so native memory stays flat; the network and optimizer state live in the
 * run's manager.
 *
 * <p>Runs on the calling thread; {@link TrainingService} gives it an executor of its own.
 */
public final class SimClrTrainer {

    private final TrainConfig config;
    private final RunFolder run;
    private final TrainingControl control;
    private final List<TrainingListener> listeners = new CopyOnWriteArrayList<>();
    private final InputBuffer input = new InputBuffer();
    /** Progress so far, for the outcome of a run that fails part-way. */
    private volatile int epochsDone;
    private volatile long stepsDone;
    private volatile double secondsDone;

    public SimClrTrainer(TrainConfig config, RunFolder run, TrainingControl control) {
        this.config = config.validated();
        this.run = run;
        this.control = control;
    }

    public void addListener(TrainingListener listener) {
        listeners.add(listener);
    }

    /** Trains from the start, or from the run's latest checkpoint when {@code resume}. Never throws: failures end as FAILED. */
    public TrainingOutcome train(boolean resume) {
        try {
            return trainOrThrow(resume);
        } catch (RuntimeException | IOException | InterruptedException | OutOfMemoryError e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            String message = describe(e);
            listeners.forEach(l -> l.onFailed(message, e));
            TrainingOutcome outcome = new TrainingOutcome(TrainingOutcome.Status.FAILED, epochsDone, stepsDone, secondsDone, message);
            listeners.forEach(l -> l.onFinished(outcome));
            return outcome;
        }
    }

    private String describe(Throwable e) {
        String text = String.valueOf(e.getMessage());
        boolean memory = e instanceof OutOfMemoryError || text.contains("out of memory") || text.contains("can't allocate memory")
                || text.contains("DefaultCPUAllocator");
        if (memory) {
            return String.format("ran out of memory at batch size %d (%s); try a smaller batch, e.g. --batch %d",
                    config.batchSize(), text, Math.max(2, config.batchSize() / 2));
        }
        return text;
    }

    private TrainingOutcome trainOrThrow(boolean resume) throws IOException, InterruptedException {
        EngineSetup.threads(config.threads());
        Device device = EngineSetup.device(config.device());
        ImageDataset data = DatasetLoader.load(config.data(), Split.TRAIN).dataset();
        int size = data.imageSize();
        AugmentationPipeline pipeline = new AugmentationPipeline(config.augmentation(), size);
        CheckpointStore checkpoints = new CheckpointStore(run.checkpointsDir());
        int stepsPerEpoch = ViewBatchProducer.batchesPerEpoch(data.size(), config.batchSize());
        if (stepsPerEpoch == 0) {
            throw new IllegalArgumentException(data.description() + " has " + data.size() + " images, fewer than one batch of 2");
        }
        long totalSteps = (long) stepsPerEpoch * config.epochs();
        LearningRateSchedule schedule = new LearningRateSchedule(config.effectiveLearningRate(),
                Math.round(config.warmupEpochs() * stepsPerEpoch), Math.round(config.holdEpochs() * stepsPerEpoch), totalSteps,
                Math.round(config.decayEpochs() * stepsPerEpoch));
        NtXentLoss loss = new NtXentLoss(config.temperature());
        int augmentThreads = config.augmentThreads() > 0 ? config.augmentThreads() : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);

        try (NDManager manager = NDManager.newBaseManager(device)) {
            EngineSetup.seed(config.seed());
            SimClrNetwork network = ModelFactory.create(config.model(), size);
            ModelFactory.initialize(network, manager, size);
            ParameterOptimizer optimizer = ParameterOptimizer.create(config.optimizer(), manager, config.effectiveWeightDecay());
            Checkpoint position = new Checkpoint(0, 0, 0, 0, 0, config.model().encoder().id());
            if (resume) {
                Path latest = checkpoints.latest().orElseThrow(() -> new IllegalArgumentException(
                        run.root() + " has no checkpoint to resume from; start it again without --resume"));
                position = CheckpointStore.load(latest, network, optimizer, manager);
            }
            ContrastiveStep trainingStep = new ContrastiveStep(network, optimizer, loss, new ParameterStore(manager, false));
            listeners.forEach(l -> l.onStarted(run, totalSteps, 0));
            long startNanos = System.nanoTime();
            double secondsBefore = position.trainingSeconds();
            long globalStep = position.globalStep();
            epochsDone = position.epoch();
            stepsDone = globalStep;
            secondsDone = secondsBefore;
            long viewsSinceLog = 0;
            long loggedAtNanos = startNanos;
            int epoch = position.epoch();
            int firstBatch = position.stepInEpoch();
            if (firstBatch >= stepsPerEpoch) {
                epoch++;
                firstBatch = 0;
            }
            try (MetricsCsv csv = MetricsCsv.open(run.metricsFile(), resume ? globalStep : -1)) {
                for (; epoch < config.epochs(); epoch++, firstBatch = 0) {
                    long epochStart = System.nanoTime();
                    double lossSum = 0;
                    int lossCount = 0;
                    long epochViews = 0;
                    try (ViewBatchProducer producer = new ViewBatchProducer(data, pipeline, config.batchSize(), config.seed(), epoch,
                            firstBatch, augmentThreads, 2 * augmentThreads)) {
                        for (int step = firstBatch; producer.hasNext(); step++) {
                            double seconds = secondsBefore + (System.nanoTime() - startNanos) / 1e9;
                            boolean outOfTime = config.maxSeconds() > 0 && seconds >= config.maxSeconds();
                            if (control.awaitRunnable() || outOfTime) {
                                Path saved = checkpoints.save(new Checkpoint(epoch, step, globalStep, optimizer.steps(), seconds,
                                        config.model().encoder().id()), network, optimizer);
                                int e = epoch;
                                long g = globalStep;
                                listeners.forEach(l -> l.onCheckpoint(saved, e, g));
                                String why = outOfTime ? String.format(Locale.ROOT, "time budget of %.0f s reached", config.maxSeconds())
                                        : "stopped on request";
                                return finish(new TrainingOutcome(TrainingOutcome.Status.STOPPED, epoch, globalStep, seconds,
                                        why + " at epoch " + (epoch + 1) + ", step " + (step + 1) + "; resume with --resume " + run.root()));
                            }
                            ViewBatch batch = producer.next();
                            double lr = schedule.rate(globalStep);
                            boolean log = globalStep % config.logEvery() == 0 || !producer.hasNext();
                            ContrastiveStep.Result result = step(trainingStep, batch, manager, lr, log);
                            if (!Float.isFinite(result.loss())) {
                                String message = String.format(Locale.ROOT, "the loss became %s at epoch %d, step %d (temperature %s,"
                                                + " learning rate %.3g); training stopped and the last good checkpoint is kept."
                                                + " Lower the learning rate or raise the temperature.",
                                        result.loss(), epoch + 1, step + 1, config.temperature(), lr);
                                throw new IllegalStateException(message);
                            }
                            lossSum += result.loss();
                            lossCount++;
                            viewsSinceLog += 2L * batch.pairs();
                            epochViews += 2L * batch.pairs();
                            globalStep++;
                            stepsDone = globalStep;
                            secondsDone = secondsBefore + (System.nanoTime() - startNanos) / 1e9;
                            if (log) {
                                long now = System.nanoTime();
                                double elapsed = secondsBefore + (now - startNanos) / 1e9;
                                double window = (now - loggedAtNanos) / 1e9;
                                double viewsPerSecond = window > 0 ? viewsSinceLog / window : 0;
                                double secondsPerStep = (now - startNanos) / 1e9 / Math.max(1, globalStep - position.globalStep());
                                StepMetrics metrics = new StepMetrics(epoch, step, globalStep - 1, totalSteps, result.metrics(), lr,
                                        viewsPerSecond, elapsed, secondsPerStep * (totalSteps - globalStep), result.gradientNorm());
                                csv.append(metrics);
                                listeners.forEach(l -> l.onStep(metrics));
                                loggedAtNanos = now;
                                viewsSinceLog = 0;
                            }
                        }
                    }
                    double seconds = secondsBefore + (System.nanoTime() - startNanos) / 1e9;
                    Path saved = checkpoints.save(new Checkpoint(epoch + 1, 0, globalStep, optimizer.steps(), seconds,
                            config.model().encoder().id()), network, optimizer);
                    int e = epoch;
                    long g = globalStep;
                    double meanLoss = lossCount > 0 ? lossSum / lossCount : Double.NaN;
                    epochsDone = epoch + 1;
                    double epochSeconds = (System.nanoTime() - epochStart) / 1e9;
                    long views = epochViews;
                    listeners.forEach(l -> l.onEpochEnd(e, meanLoss, epochSeconds, views));
                    listeners.forEach(l -> l.onCheckpoint(saved, e, g));
                }
            }
            double seconds = secondsBefore + (System.nanoTime() - startNanos) / 1e9;
            return finish(new TrainingOutcome(TrainingOutcome.Status.COMPLETED, config.epochs(), globalStep, seconds, "completed"));
        }
    }

    private TrainingOutcome finish(TrainingOutcome outcome) {
        listeners.forEach(l -> l.onFinished(outcome));
        return outcome;
    }

    /** One optimisation step on a batch; all its arrays are closed with its sub-manager. */
    private ContrastiveStep.Result step(ContrastiveStep trainingStep, ViewBatch batch, NDManager manager, double lr, boolean withMetrics) {
        try (NDManager stepManager = manager.newSubManager()) {
            NDArray x = input.create(stepManager, batch.views(), batch.valueCount(), new Shape(batch.shape()));
            batch.recycle();
            return trainingStep.run(x, lr, withMetrics);
        } catch (EngineException e) {
            throw new IllegalStateException(describe(e), e);
        }
    }
}
