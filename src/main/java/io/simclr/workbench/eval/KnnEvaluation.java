package io.simclr.workbench.eval;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
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

/**
 * The kNN monitor of a run: the frozen encoder of its latest checkpoint embeds the train split (the
 * memory bank) and the test split (the queries), without augmentation; beside it, the same encoder
 * at random initialisation (same seed), so a reader sees what training added.
 */
public final class KnnEvaluation {

    public record Result(double trainedTop1, double randomInitTop1, int k, double temperature, int bankSize, int querySize) {}

    private KnnEvaluation() {}

    public static Result evaluate(RunFolder run) throws IOException {
        TrainConfig config = run.readConfig();
        Path checkpoint = new CheckpointStore(run.checkpointsDir()).latest().orElseThrow(() ->
                new IllegalArgumentException(run.root() + " has no checkpoint yet; train it first"));
        ImageDataset bank = DatasetLoader.load(config.data(), Split.TRAIN).dataset();
        ImageDataset queries = DatasetLoader.load(config.data(), Split.TEST).dataset();
        if (!bank.isLabeled() || !queries.isLabeled()) {
            throw new IllegalArgumentException("the kNN monitor needs labelled train and test splits; " + bank.description() + " has none");
        }
        int[] bankLabels = labels(bank);
        int[] queryLabels = labels(queries);
        int classes = bank.classNames().size();
        int k = config.knnK() > 0 ? config.knnK() : KnnClassifier.defaultK(bankLabels, classes);
        EngineSetup.threads(config.threads());
        Device device = EngineSetup.device(config.device());
        try (NDManager manager = NDManager.newBaseManager(device)) {
            double trained = accuracy(config, bank, queries, bankLabels, queryLabels, classes, k, manager, checkpoint);
            double random = accuracy(config, bank, queries, bankLabels, queryLabels, classes, k, manager, null);
            return new Result(trained, random, k, config.knnTemperature(), bank.size(), queries.size());
        }
    }

    private static double accuracy(TrainConfig config, ImageDataset bank, ImageDataset queries, int[] bankLabels, int[] queryLabels,
                                   int classes, int k, NDManager parent, Path checkpoint) throws IOException {
        try (NDManager manager = parent.newSubManager()) {
            EngineSetup.seed(config.seed());
            SimClrNetwork network = ModelFactory.create(config.model(), bank.imageSize());
            ModelFactory.initialize(network, manager, bank.imageSize());
            if (checkpoint != null) {
                CheckpointStore.load(checkpoint, network, null, manager);
            }
            float[] bankFeatures = FeatureExtractor.extract(network, bank, FeatureExtractor.Layer.H, 256, manager);
            float[] queryFeatures = FeatureExtractor.extract(network, queries, FeatureExtractor.Layer.H, 256, manager);
            KnnClassifier knn = new KnnClassifier(bankFeatures, bankLabels, network.representationDim(), classes);
            return knn.accuracy(queryFeatures, queryLabels, k, config.knnTemperature());
        }
    }

    private static int[] labels(ImageDataset dataset) {
        int[] labels = new int[dataset.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = dataset.label(i);
        }
        return labels;
    }
}
