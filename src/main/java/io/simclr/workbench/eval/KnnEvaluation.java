package io.simclr.workbench.eval;

import ai.djl.ndarray.NDManager;
import io.simclr.workbench.train.RunFolder;
import java.io.IOException;

/**
 * The kNN monitor of a run: the frozen encoder of its latest checkpoint embeds the train split (the
 * memory bank) and the test split (the queries), without augmentation; beside it, the same encoder
 * at random initialisation (same seed), so a reader sees what training added.
 */
public final class KnnEvaluation {

    public record Result(double trainedTop1, double randomInitTop1, int k, double temperature, int bankSize, int querySize) {}

    private KnnEvaluation() {}

    public static Result evaluate(RunFolder run) throws IOException {
        try (RunEncoder encoder = RunEncoder.open(run, null)) {
            RunEncoder.Features trained = encoder.features(true, FeatureExtractor.Layer.H);
            RunEncoder.Features random = encoder.features(false, FeatureExtractor.Layer.H);
            int k = k(encoder.config().knnK(), trained);
            double t = encoder.config().knnTemperature();
            return new Result(accuracy(encoder.manager(), trained, k, t), accuracy(encoder.manager(), random, k, t), k, t, trained.trainLabels().length,
                    trained.testLabels().length);
        }
    }

    /** The configured k, or the default for these classes' sizes. */
    static int k(int configured, RunEncoder.Features f) {
        return configured > 0 ? configured : KnnClassifier.defaultK(f.trainLabels(), f.classes());
    }

    static double accuracy(NDManager manager, RunEncoder.Features f, int k, double temperature) {
        try (KnnClassifier knn = new KnnClassifier(manager, f.train(), f.trainLabels(), f.dim(), f.classes())) {
            return knn.accuracy(f.test(), f.testLabels(), k, temperature);
        }
    }
}
