package io.simclr.workbench.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.simclr.workbench.augment.AugmentationPipeline;
import io.simclr.workbench.augment.TwoViewGenerator;
import io.simclr.workbench.data.DatasetLoader;
import io.simclr.workbench.data.ImageDataset;
import io.simclr.workbench.data.Seeds;
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
import io.simclr.workbench.nd.Scalars;

/**
 * One SimCLR batch as the loss sees it: N images, two augmented views each (view i and view i + N
 * are a positive pair), projected by a run's encoder and head, and the cosine similarity of every
 * view to every other. The temperature lesson is drawn from this: softmax(similarity / tau) over an
 * anchor's row is exactly what NT-Xent scores.
 */
public final class ViewSimilarities {

    /**
     * @param views     2N views, each 3 x side x side in [0, 1]
     * @param cosine    2N x 2N, row-major
     * @param labels    class of each view's image
     * @param source    what made the projections (the checkpoint, or "random initialisation")
     */
    public record Batch(int pairs, int side, float[][] views, float[] cosine, int[] labels, List<String> classNames, String source) {
        public int viewCount() {
            return 2 * pairs;
        }

        /** The view that forms a positive pair with {@code anchor}. */
        public int positiveOf(int anchor) {
            return (anchor + pairs) % (2 * pairs);
        }

        public float similarity(int a, int b) {
            return cosine[a * 2 * pairs + b];
        }
    }

    private ViewSimilarities() {}

    /** A batch through the latest checkpoint of {@code run}, on its training split with its augmentations. */
    public static Batch compute(RunFolder run, int pairs, long seed) throws IOException {
        TrainConfig config = run.readConfig();
        Path checkpoint = run.checkpoints().newestFirst().isEmpty() ? null : run.checkpoints().newestUsable().file();
        return compute(config, checkpoint, pairs, seed);
    }

    /** @param checkpoint null for the encoder at random initialisation */
    public static Batch compute(TrainConfig config, Path checkpoint, int pairs, long seed) throws IOException {
        if (pairs < 2) {
            throw new IllegalArgumentException("a batch needs at least 2 images, not " + pairs);
        }
        ImageDataset data = DatasetLoader.load(config.data(), Split.TRAIN).dataset();
        int side = data.imageSize();
        TwoViewGenerator generator = new TwoViewGenerator(new AugmentationPipeline(config.augmentation(), side));
        int n = Math.min(pairs, data.size());
        float[][] views = new float[2 * n][];
        int[] labels = new int[2 * n];
        for (int i = 0; i < n; i++) {
            int index = (int) Math.floorMod(Seeds.derive(seed, i), (long) data.size());
            float[][] pair = generator.generate(data.pixels(index), side, Seeds.derive(seed, i, 1));
            views[i] = pair[0];
            views[i + n] = pair[1];
            labels[i] = data.label(index);
            labels[i + n] = labels[i];
        }
        EngineSetup.threads(config.runtime().threads());
        try (NDManager manager = NDManager.newBaseManager(EngineSetup.device(config.runtime().device()))) {
            EngineSetup.seed(config.seed());
            SimClrNetwork network = ModelFactory.create(config.model(), side);
            ModelFactory.initialize(network, manager, side);
            if (checkpoint != null) {
                try {
                    CheckpointStore.load(checkpoint, network, null, null, manager);
                } catch (ai.djl.MalformedModelException e) {
                    throw new IllegalArgumentException(checkpoint + " cannot be read (" + e.getMessage() + ")", e);
                }
            }
            int plane = 3 * side * side;
            float[] input = new float[2 * n * plane];
            for (int v = 0; v < 2 * n; v++) {
                System.arraycopy(views[v], 0, input, v * plane, plane);
            }
            NDArray x = manager.create(input, new Shape(2L * n, 3, side, side));
            NDArray z = network.forward(new ParameterStore(manager, false), new NDList(x), false).get(1);
            NDArray unit = z.div(Scalars.maximum(z.norm(new int[] {1}, true), 1e-12));
            float[] cosine = unit.matMul(unit.transpose()).toFloatArray();
            String source = checkpoint == null ? "random initialisation" : checkpoint.getFileName().toString();
            return new Batch(n, side, views, cosine, labels, data.classNames(), source);
        }
    }

    /** softmax(s / tau) over an anchor's row, its own entry excluded (0), as NT-Xent computes it. */
    public static double[] softmax(Batch batch, int anchor, double temperature) {
        int count = batch.viewCount();
        double[] p = new double[count];
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < count; j++) {
            if (j != anchor) {
                max = Math.max(max, batch.similarity(anchor, j) / temperature);
            }
        }
        double sum = 0;
        for (int j = 0; j < count; j++) {
            if (j != anchor) {
                p[j] = Math.exp(batch.similarity(anchor, j) / temperature - max);
                sum += p[j];
            }
        }
        for (int j = 0; j < count; j++) {
            p[j] /= sum;
        }
        return p;
    }

    /**
     * Cosine similarities of the positive pairs and of all negative pairs (each unordered pair once),
     * as fractions of each group per bin over [-1, 1].
     */
    public record Histograms(double[] positive, double[] negative) {}

    public static Histograms histograms(Batch batch, int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("a histogram needs at least one bin, not " + bins);
        }
        double[] positive = new double[bins];
        double[] negative = new double[bins];
        int count = batch.viewCount();
        for (int a = 0; a < count; a++) {
            for (int b = a + 1; b < count; b++) {
                int bin = (int) Math.floor((batch.similarity(a, b) + 1.0) / 2.0 * bins);
                bin = Math.max(0, Math.min(bins - 1, bin));
                if (b == batch.positiveOf(a)) {
                    positive[bin]++;
                } else {
                    negative[bin]++;
                }
            }
        }
        normalise(positive);
        normalise(negative);
        return new Histograms(positive, negative);
    }

    private static void normalise(double[] counts) {
        double total = java.util.Arrays.stream(counts).sum();
        for (int i = 0; total > 0 && i < counts.length; i++) {
            counts[i] /= total;
        }
    }
}
