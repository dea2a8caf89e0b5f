package io.simclr.workbench.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import io.simclr.workbench.data.ImageDataset;
import io.simclr.workbench.train.InputBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Re-estimates a trained network's batch-norm running statistics from training images ("precise BN",
 * Wu and Johnson 2021) when the moving averages that training left are still mostly their starting values.
 *
 * <p>A batch norm's running mean and variance start at 0 and 1 and move toward each training batch's by
 * (1 - momentum) per step. At PyTorch's momentum (each batch weighs 0.1) a few dozen steps wash the start
 * out; at Keras's (0.01: Xception, Inception-ResNet-v2) a 24-step run keeps 0.99^24 = 79 % of it, so the
 * features every evaluation reads in inference mode were normalised by statistics of no real input
 * (bench/BatchNormStats.java: running variances 0.79-1.09 after 24 steps where the activations' are
 * 0.02-49). When the start still weighs more than {@link #STALE_SHARE} in any batch norm, every running
 * statistic is replaced by its mean over batches of training images as evaluation sees them (no
 * augmentation) — where the moving average would have gone with enough steps.
 *
 * <p>DJL's batch norm does not expose its momentum m, so it is measured: from zeroed statistics one
 * training-mode pass over a batch leaves (1 - m)·s in them and a second pass over the same batch
 * (1 - m)·s·(1 + m). That needs no training images, so whether the statistics are stale is known before
 * any are loaded.
 */
public final class BatchNormStatistics {

    /** Share of the starting values above which the running statistics are re-estimated. */
    static final double STALE_SHARE = 0.01;
    static final int IMAGES = 1024;
    static final int BATCH = 64;
    /** Images of noise the momentum is measured on. */
    private static final int PROBE_IMAGES = 8;

    /** One batch norm's running statistics. */
    private record Running(Parameter mean, Parameter variance) {}

    private BatchNormStatistics() {}

    /**
     * Re-estimates the running statistics of {@code network}, trained for {@code steps} steps on images of side
     * {@code imageSize}, from up to {@value #IMAGES} of the {@code images} (asked for only then) spread over the whole
     * set, when they are stale; says what it did, or empty when the statistics were kept.
     */
    public static Optional<String> refreshIfStale(Block network, long steps, int imageSize, Supplier<ImageDataset> images,
                                                  NDManager manager) {
        List<Running> norms = new ArrayList<>();
        collect(network, norms);
        if (norms.isEmpty() || steps <= 0) {
            return Optional.empty();
        }
        InputBuffer buffer = new InputBuffer();
        double[] momentum = measureMomentum(network, norms, imageSize, buffer, manager);
        double stale = 0;
        double slowest = 0;
        for (double m : momentum) {
            stale = Math.max(stale, Math.pow(m, steps));
            slowest = Math.max(slowest, m);
        }
        ImageDataset set = stale > STALE_SHARE ? images.get() : null;
        if (set == null || set.size() < 2) {
            return Optional.empty();
        }
        int[] subset = spread(set.size(), Math.min(IMAGES, set.size()));
        reestimate(network, norms, momentum, set, subset, buffer, manager);
        return Optional.of(String.format(Locale.ROOT, "batch norm: after %,d training steps the running statistics still held %.2g %% of"
                + " their starting values (momentum %.2f); re-estimated them from %,d training images", steps, 100 * stale, slowest,
                subset.length));
    }

    /**
     * Each batch norm's momentum, from two training-mode passes over the same batch from zeroed statistics; any
     * input will do, so it is a fixed batch of noise. The statistics are put back as they were.
     */
    private static double[] measureMomentum(Block network, List<Running> norms, int imageSize, InputBuffer buffer,
                                            NDManager manager) {
        List<float[]> kept = values(norms);
        float[] noise = new float[PROBE_IMAGES * 3 * imageSize * imageSize];
        SplittableRandom random = new SplittableRandom(0x5eed);
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) random.nextDouble();
        }
        zero(norms);
        forward(network, noise, PROBE_IMAGES, imageSize, buffer, manager);
        double[] once = magnitudes(norms);
        forward(network, noise, PROBE_IMAGES, imageSize, buffer, manager);
        double[] twice = magnitudes(norms);
        double[] momentum = new double[norms.size()];
        for (int i = 0; i < momentum.length; i++) {
            // Below 1 so that (1 - m) can be divided by; a batch norm that never moved would need m = 1 exactly.
            momentum[i] = once[i] > 0 ? Math.min(1 - 1e-6, Math.max(0, twice[i] / once[i] - 1)) : 0;
        }
        set(norms, kept);
        return momentum;
    }

    private static void reestimate(Block network, List<Running> norms, double[] momentum, ImageDataset images, int[] subset,
                                   InputBuffer buffer, NDManager manager) {
        double[][] means = new double[norms.size()][];
        double[][] variances = new double[norms.size()][];
        int batches = 0;
        for (int start = 0; start < subset.length; start += BATCH) {
            int[] batch = java.util.Arrays.copyOfRange(subset, start, Math.min(subset.length, start + BATCH));
            if (batch.length < 2) {
                break; // a batch norm cannot take a variance of one image
            }
            zero(norms);
            forward(network, images, batch, buffer, manager);
            for (int i = 0; i < norms.size(); i++) {
                // From zero, one pass leaves (1 - m) times the batch's statistic.
                double share = 1 - momentum[i];
                means[i] = accumulate(means[i], norms.get(i).mean().getArray().toFloatArray(), share);
                variances[i] = accumulate(variances[i], norms.get(i).variance().getArray().toFloatArray(), share);
            }
            batches++;
        }
        for (int i = 0; i < norms.size(); i++) {
            norms.get(i).mean().getArray().set(average(means[i], batches));
            norms.get(i).variance().getArray().set(average(variances[i], batches));
        }
    }

    private static void forward(Block network, ImageDataset images, int[] indices, InputBuffer buffer, NDManager manager) {
        forward(network, images.inputFloats(indices), indices.length, images.imageSize(), buffer, manager);
    }

    /** One training-mode pass (no gradients are recorded outside a collector): it updates every running statistic. */
    private static void forward(Block network, float[] input, int count, int side, InputBuffer buffer, NDManager manager) {
        try (NDManager pass = manager.newSubManager()) {
            NDArray x = buffer.create(pass, input, count * 3 * side * side, new Shape(count, 3, side, side));
            network.forward(new ParameterStore(pass, false), new NDList(x), true);
        }
    }

    /** Every batch norm's running mean and variance in {@code network}, in block order. */
    static List<float[]> runningValues(Block network) {
        List<Running> norms = new ArrayList<>();
        collect(network, norms);
        return values(norms);
    }

    /** Puts back what {@link #runningValues} read from a network of the same architecture. */
    static void setRunningValues(Block network, List<float[]> values) {
        List<Running> norms = new ArrayList<>();
        collect(network, norms);
        if (values.size() != 2 * norms.size()) {
            throw new IllegalArgumentException("running statistics of " + values.size() / 2 + " batch norms for a network with " + norms.size());
        }
        set(norms, values);
    }

    /** Each batch norm's running mean, then its variance. */
    private static List<float[]> values(List<Running> norms) {
        List<float[]> out = new ArrayList<>();
        for (Running r : norms) {
            out.add(r.mean().getArray().toFloatArray());
            out.add(r.variance().getArray().toFloatArray());
        }
        return out;
    }

    private static void set(List<Running> norms, List<float[]> values) {
        for (int i = 0; i < norms.size(); i++) {
            norms.get(i).mean().getArray().set(values.get(2 * i));
            norms.get(i).variance().getArray().set(values.get(2 * i + 1));
        }
    }

    private static void collect(Block block, List<Running> into) {
        if (block instanceof BatchNorm) {
            Parameter mean = null;
            Parameter variance = null;
            for (var p : block.getParameters()) {
                switch (p.getValue().getType()) {
                    case RUNNING_MEAN -> mean = p.getValue();
                    case RUNNING_VAR -> variance = p.getValue();
                    default -> { }
                }
            }
            if (mean != null && variance != null) {
                into.add(new Running(mean, variance));
            }
        }
        for (var child : block.getChildren()) {
            collect(child.getValue(), into);
        }
    }

    private static void zero(List<Running> norms) {
        for (Running r : norms) {
            for (Parameter p : List.of(r.mean(), r.variance())) {
                p.getArray().set(new float[Math.toIntExact(p.getArray().size())]);
            }
        }
    }

    /** Sum of absolute values of each batch norm's mean and variance: both scale by (1 + m) on a repeated pass. */
    private static double[] magnitudes(List<Running> norms) {
        double[] out = new double[norms.size()];
        for (int i = 0; i < out.length; i++) {
            for (Parameter p : List.of(norms.get(i).mean(), norms.get(i).variance())) {
                for (float v : p.getArray().toFloatArray()) {
                    out[i] += Math.abs(v);
                }
            }
        }
        return out;
    }

    private static double[] accumulate(double[] sum, float[] values, double share) {
        double[] out = sum == null ? new double[values.length] : sum;
        for (int j = 0; j < values.length; j++) {
            out[j] += values[j] / share;
        }
        return out;
    }

    private static float[] average(double[] sum, int count) {
        float[] out = new float[sum.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = (float) (sum[j] / count);
        }
        return out;
    }

    /** {@code count} indices spread evenly over {@code n} (a dataset stored class by class gives every class its share). */
    static int[] spread(int n, int count) {
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = (int) ((long) i * n / count);
        }
        return out;
    }
}
