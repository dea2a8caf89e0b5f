package io.simclr.workbench.eval;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.simclr.workbench.data.DataConfig;
import io.simclr.workbench.data.DatasetLoader;
import io.simclr.workbench.data.ImageDataset;
import io.simclr.workbench.data.Split;
import io.simclr.workbench.model.ModelFactory;
import io.simclr.workbench.model.SimClrNetwork;
import io.simclr.workbench.train.CheckpointStore;
import io.simclr.workbench.train.EngineSetup;
import io.simclr.workbench.train.RunFolder;
import io.simclr.workbench.train.TrainConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What every evaluation of a run starts from: its config, its latest checkpoint and its labelled
 * train and test splits, with the encoder loadable trained or at random initialisation (the same
 * seed as training used), and features extracted from either.
 */
public final class RunEncoder implements AutoCloseable {

    /** Features of both splits, row-major, with their labels. */
    public record Features(float[] train, int[] trainLabels, float[] test, int[] testLabels, int dim, List<String> classNames) {
        public int classes() {
            return classNames.size();
        }
    }

    private final RunFolder run;
    private final TrainConfig config;
    private final CheckpointStore.Found checkpoint;
    private final ImageDataset train;
    private final ImageDataset test;
    private final NDManager manager;
    /** What was done to the trained network's batch-norm statistics, if anything ({@link BatchNormStatistics}). */
    private volatile String batchNormNote;
    /** Steps the checkpoint was trained for, once a trained network was built. */
    private volatile long trainedSteps;
    /**
     * The trained network's batch-norm running statistics as the first build left them (re-estimated or kept), so
     * that later builds of the same checkpoint (features, then fine-tuning) do not re-estimate them again.
     */
    private List<float[]> trainedRunningStatistics;

    private RunEncoder(RunFolder run, TrainConfig config, CheckpointStore.Found checkpoint, ImageDataset train, ImageDataset test, NDManager manager) {
        this.run = run;
        this.config = config;
        this.checkpoint = checkpoint;
        this.train = train;
        this.test = test;
        this.manager = manager;
    }

    /** @param dataDir where the run's dataset lives now, if it moved; null keeps the config's */
    public static RunEncoder open(RunFolder run, Path dataDir) throws IOException {
        TrainConfig config = run.readConfig();
        CheckpointStore.Found checkpoint = run.checkpoints().newestUsable();
        DataConfig data = dataDir == null ? config.data() : config.data().withDataDir(dataDir);
        ImageDataset train = DatasetLoader.load(data, Split.TRAIN).dataset();
        ImageDataset test = DatasetLoader.load(data, Split.TEST).dataset();
        for (ImageDataset d : List.of(train, test)) {
            if (!d.isLabeled()) {
                throw new IllegalArgumentException(d.description() + " has no labels; evaluation needs labelled train and test splits"
                        + " (an unlabeled split can be trained on, not evaluated)");
            }
        }
        EngineSetup.threads(config.runtime().threads());
        EngineSetup.gradientsOnlyInCollectors();
        Device device = EngineSetup.device(config.runtime().device());
        return new RunEncoder(run, config, checkpoint, train, test, NDManager.newBaseManager(device));
    }

    public TrainConfig config() {
        return config;
    }

    public RunFolder run() {
        return run;
    }

    /** The checkpoint evaluated: the newest that verifies. */
    public Path checkpoint() {
        return checkpoint.file();
    }

    /** Says which checkpoint is used when newer ones were passed over as damaged, and why. */
    public void warnIfCheckpointsSkipped(java.util.function.Consumer<String> log) {
        if (!checkpoint.skipped().isEmpty()) {
            log.accept("warning: " + checkpoint.describe());
        }
    }

    /** Once a trained network was built: whether its batch-norm statistics were re-estimated, and why; empty when kept. */
    public java.util.Optional<String> batchNormNote() {
        return java.util.Optional.ofNullable(batchNormNote);
    }

    /** Steps the evaluated checkpoint was trained for (known once {@link #network} built the trained network). */
    public long trainedSteps() {
        return trainedSteps;
    }

    /** Which checkpoint is evaluated, and which newer ones were passed over and why. */
    public CheckpointStore.Found checkpointChoice() {
        return checkpoint;
    }

    public ImageDataset trainSplit() {
        return train;
    }

    public ImageDataset testSplit() {
        return test;
    }

    public NDManager manager() {
        return manager;
    }

    /**
     * The run's network with the checkpoint's weights ({@code trained}) or as initialised before
     * training; its arrays belong to {@code owner}. A trained network's batch-norm statistics are
     * re-estimated when training left them mostly at their starting values ({@link BatchNormStatistics});
     * the network at initialisation keeps its own, as PyTorch's would.
     */
    public synchronized SimClrNetwork network(boolean trained, NDManager owner) throws IOException {
        EngineSetup.seed(config.seed());
        SimClrNetwork network = ModelFactory.create(config.model(), train.imageSize());
        ModelFactory.initialize(network, owner, train.imageSize());
        if (trained) {
            try {
                trainedSteps = CheckpointStore.load(checkpoint.file(), network, null, null, owner).globalStep();
                if (trainedRunningStatistics == null) {
                    BatchNormStatistics.refreshIfStale(network, trainedSteps, train.imageSize(), () -> train, owner).ifPresent(note -> batchNormNote = note);
                    trainedRunningStatistics = BatchNormStatistics.runningValues(network);
                } else {
                    BatchNormStatistics.setRunningValues(network, trainedRunningStatistics);
                }
            } catch (ai.djl.MalformedModelException e) {
                throw new IllegalArgumentException(checkpoint.file() + " cannot be read (" + e.getMessage() + "); evaluate an earlier one by"
                        + " moving this one out of checkpoints/", e);
            }
        }
        return network;
    }

    public Features features(boolean trained, FeatureExtractor.Layer layer) throws IOException {
        return features(trained, List.of(layer)).get(0);
    }

    /** Features of several layers from one pass over each split, in the order asked (h and z together cost one forward). */
    public List<Features> features(boolean trained, List<FeatureExtractor.Layer> layers) throws IOException {
        try (NDManager owner = manager.newSubManager()) {
            SimClrNetwork network = network(trained, owner);
            List<float[]> trainFeatures = FeatureExtractor.extract(network, train, layers, 256, owner);
            List<float[]> testFeatures = FeatureExtractor.extract(network, test, layers, 256, owner);
            List<Features> out = new java.util.ArrayList<>();
            for (int l = 0; l < layers.size(); l++) {
                requireFinite(trainFeatures.get(l), trained);
                requireFinite(testFeatures.get(l), trained);
                int dim = layers.get(l) == FeatureExtractor.Layer.H ? network.representationDim() : network.projectionDim();
                out.add(new Features(trainFeatures.get(l), labels(train), testFeatures.get(l), labels(test), dim, train.classNames()));
            }
            return out;
        }
    }

    private void requireFinite(float[] features, boolean trained) {
        for (float v : features) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException((trained ? checkpoint.file() + ": the encoder" : "the randomly initialised encoder")
                        + " produces NaN or infinite features, so there is nothing to evaluate; the run probably diverged"
                        + " (look at its loss curve) — resume it from an earlier checkpoint with a lower learning rate");
            }
        }
    }

    public static int[] labels(ImageDataset dataset) {
        int[] labels = new int[dataset.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = dataset.label(i);
        }
        return labels;
    }

    @Override
    public void close() {
        manager.close();
    }
}
