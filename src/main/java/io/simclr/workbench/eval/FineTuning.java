package io.simclr.workbench.eval;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import io.simclr.workbench.augment.AugmentationConfig;
import io.simclr.workbench.augment.AugmentationPipeline;
import io.simclr.workbench.data.ImageDataset;
import io.simclr.workbench.model.SimClrNetwork;
import io.simclr.workbench.train.InputBuffer;
import io.simclr.workbench.train.LearningRateSchedule;
import io.simclr.workbench.train.OptimizerKind;
import io.simclr.workbench.train.ParameterOptimizer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Fine-tuning, the semi-supervised protocol of the SimCLR paper: the encoder unfrozen under a new
 * linear layer, trained with cross-entropy on a labelled fraction of the training split (the same
 * fraction of every class) with crop-and-flip augmentation, then tested on the test split.
 */
public final class FineTuning {

    static final int BATCH = 128;
    static final int MIN_STEPS = 50;
    static final double LEARNING_RATE = 3e-4;
    static final double WEIGHT_DECAY = 1e-4;

    public record Result(boolean trainedEncoder, double fraction, int labelledImages, int steps, double testTop1,
                         ClassificationReport report) {}

    private FineTuning() {}

    public static Result run(RunEncoder encoder, boolean trained, double fraction, int epochs, Consumer<String> progress) throws IOException {
        return run(encoder, encoder.trainSplit(), encoder.testSplit(), trained, fraction, epochs, BATCH, MIN_STEPS, progress);
    }

    /**
     * Fine-tunes on other labelled splits than the run's own (a few of its classes, say), scored on
     * {@code test}; both must have the run's image size and the same classes. {@code batchSize} and
     * {@code minSteps} replace the protocol's 128 and 50 where a lesson cannot wait for them (a large
     * encoder on a CPU): the steps are then {@code epochs} passes over the labelled images, at least
     * {@code minSteps} and at least one.
     */
    public static Result run(RunEncoder encoder, ImageDataset train, ImageDataset test, boolean trained, double fraction, int epochs,
                             int batchSize, int minSteps, Consumer<String> progress) throws IOException {
        int classes = train.classNames().size();
        long seed = encoder.config().seed();
        int[] subset = labelledSubset(RunEncoder.labels(train), classes, fraction, seed);
        int batch = Math.max(1, Math.min(batchSize, subset.length));
        int steps = Math.max(Math.max(1, minSteps), (int) Math.ceil((double) epochs * subset.length / batch));
        int side = train.imageSize();
        int plane = 3 * side * side;
        AugmentationPipeline.Augmenter augmenter = new AugmentationPipeline(AugmentationConfig.cropAndFlip(0.2), side).newAugmenter();
        SplittableRandom random = new SplittableRandom(seed ^ 0x5eedf17eL);
        try (NDManager manager = encoder.manager().newSubManager()) {
            SimClrNetwork network = encoder.network(trained, manager);
            Block head = Linear.builder().setUnits(classes).build();
            head.initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(batch, network.representationDim()));
            PairList<String, Parameter> parameters = new PairList<>();
            for (Pair<String, Parameter> p : network.encoder().getParameters()) {
                parameters.add("encoder_" + p.getKey(), p.getValue());
            }
            for (Pair<String, Parameter> p : head.getParameters()) {
                parameters.add("classifier_" + p.getKey(), p.getValue());
            }
            for (Pair<String, Parameter> p : parameters) {
                if (p.getValue().requiresGradient()) {
                    p.getValue().getArray().setRequiresGradient(true);
                }
            }
            ParameterOptimizer optimizer = ParameterOptimizer.create(OptimizerKind.ADAM, manager, WEIGHT_DECAY);
            LearningRateSchedule schedule = new LearningRateSchedule(LEARNING_RATE, 0, 0, steps, 0);
            ParameterStore store = new ParameterStore(manager, false);
            InputBuffer buffer = new InputBuffer();
            float[] input = new float[batch * plane];
            int[] batchLabels = new int[batch];
            byte[] pixels = new byte[plane];
            int cursor = subset.length;
            for (int step = 0; step < steps; step++) {
                for (int i = 0; i < batch; i++) {
                    if (cursor == subset.length) {
                        shuffle(subset, random);
                        cursor = 0;
                    }
                    int index = subset[cursor++];
                    train.copyPixels(index, pixels);
                    augmenter.setSource(pixels, side);
                    augmenter.view(random, input, i * plane);
                    batchLabels[i] = train.label(index);
                }
                try (NDManager stepManager = manager.newSubManager();
                     GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray x = buffer.create(stepManager, input, input.length, new Shape(batch, 3, side, side));
                    NDArray h = network.encoder().forward(store, new NDList(x), true).singletonOrThrow();
                    NDArray logits = head.forward(store, new NDList(h), true).singletonOrThrow();
                    NDArray target = stepManager.create(batchLabels).toType(ai.djl.ndarray.types.DataType.INT64, false).reshape(batch, 1);
                    NDArray loss = logits.logSoftmax(1).gather(target, 1).mean().neg();
                    collector.backward(loss);
                }
                optimizer.step(parameters, schedule.rate(step));
                if ((step + 1) % 25 == 0 || step + 1 == steps) {
                    progress.accept(String.format("  fine-tuning step %d/%d", step + 1, steps));
                }
            }
            // A few dozen steps leave Keras-momentum batch norms mostly at the statistics they started from.
            BatchNormStatistics.refreshIfStale(network.encoder(), (trained ? encoder.trainedSteps() : 0) + steps, side, () -> train, manager)
                    .ifPresent(note -> progress.accept("  " + note));
            int[] predicted = predict(network, head, test, store, manager);
            int[] truth = RunEncoder.labels(test);
            ClassificationReport report = ClassificationReport.of(truth, predicted, test.classNames());
            return new Result(trained, fraction, subset.length, steps, report.accuracy(), report);
        }
    }

    /** The fine-tuned encoder's features of the test split (the shared extraction, inference mode), then the head's argmax. */
    private static int[] predict(SimClrNetwork network, Block head, ImageDataset test, ParameterStore store, NDManager parent) {
        float[] features = FeatureExtractor.extract(network, test, FeatureExtractor.Layer.H, 256, parent);
        try (NDManager m = parent.newSubManager()) {
            NDArray h = m.create(features, new Shape(test.size(), network.representationDim()));
            long[] best = head.forward(store, new NDList(h), false).singletonOrThrow().argMax(1).toLongArray();
            int[] predicted = new int[best.length];
            for (int i = 0; i < best.length; i++) {
                predicted[i] = (int) best[i];
            }
            return predicted;
        }
    }

    /** The same fraction of every class (at least one image each), chosen by the seed. */
    static int[] labelledSubset(int[] labels, int classes, double fraction, long seed) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("the labelled fraction must be in (0, 1], not " + fraction);
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<Integer> chosen = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == c) {
                    members.add(i);
                }
            }
            int[] order = members.stream().mapToInt(Integer::intValue).toArray();
            shuffle(order, random);
            int take = Math.min(order.length, Math.max(1, (int) Math.round(order.length * fraction)));
            for (int i = 0; i < take; i++) {
                chosen.add(order[i]);
            }
        }
        return chosen.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    private static void shuffle(int[] values, SplittableRandom random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }
}
