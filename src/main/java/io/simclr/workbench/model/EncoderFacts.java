package io.simclr.workbench.model;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a person choosing an encoder wants to know at a given image size — its trainable parameters,
 * the size it actually computes at, its multiply-adds per view, and an upper estimate of how fast it
 * trains on a 2-core CPU — for the Train screen's tooltips and the {@code encoders} command.
 *
 * @param imageSize           the dataset's image side
 * @param inputSize           the side the encoder computes at (larger when it resizes small images up)
 * @param trainableParameters the encoder's trained weights (no head)
 * @param forwardMacs         multiply-adds of one view's forward pass through the encoder ({@link FlopCounter})
 */
public record EncoderFacts(EncoderKind encoder, int imageSize, int inputSize, long trainableParameters, long forwardMacs) {

    /**
     * The fp32 rate training steps reach on the 2-core development machine: ResNet-18's measured
     * ~170 GFLOP/s (README, bench/compare_train.sh). Networks of depthwise or small convolutions
     * (Xception, EfficientNet) and branchy ones of small maps (the Inception family) run well below
     * it, so a speed from it is an upper estimate.
     */
    public static final double REFERENCE_GFLOPS = 170;

    private static final Map<String, EncoderFacts> CACHE = new ConcurrentHashMap<>();

    /** The figures with the stem {@link StemKind#AUTO} picks for this size (the ResNets' 3x3 one for small images). */
    public static EncoderFacts of(EncoderKind encoder, int imageSize) {
        return of(encoder, StemKind.AUTO, imageSize);
    }

    /** Builds the encoder once per (encoder, stem, size) and counts; later calls are answered from memory. */
    public static EncoderFacts of(EncoderKind encoder, StemKind stem, int imageSize) {
        StemKind resolved = stem.resolve(imageSize, encoder);
        return CACHE.computeIfAbsent(encoder.id() + "/" + resolved.id() + "@" + imageSize, k -> count(encoder, resolved, imageSize));
    }

    private static EncoderFacts count(EncoderKind encoder, StemKind stem, int imageSize) {
        try (NDManager manager = NDManager.newBaseManager()) {
            SimClrNetwork network = ModelFactory.create(new ModelConfig(encoder, stem, HeadKind.NONE, 128, 0), imageSize);
            ModelFactory.initialize(network, manager, imageSize);
            long parameters = network.encoder().getParameters().values().stream().filter(Parameter::requiresGradient)
                    .mapToLong(p -> p.getArray().getShape().size()).sum();
            return new EncoderFacts(encoder, imageSize, Math.max(imageSize, encoder.minimumImageSize()), parameters,
                    FlopCounter.forwardMacs(network, imageSize));
        }
    }

    /**
     * Views per second a training step (about three forward passes of work) could reach at
     * {@link #REFERENCE_GFLOPS}: an estimate to choose by, not a measurement ({@code bench train} measures).
     */
    public double estimatedViewsPerSecond() {
        return REFERENCE_GFLOPS * 1e9 / (3.0 * 2.0 * forwardMacs);
    }

    /** One line of figures: parameters, MACs at the size used, the resize if any, the speed estimate. */
    public String summary() {
        String resized = inputSize > imageSize ? String.format(Locale.ROOT, " (%d px images resized up to %d px)", imageSize, inputSize) : "";
        return String.format(Locale.ROOT, "%.1f M parameters; %s MACs per view at %d px%s; training at most ~%s views/s on a 2-core CPU"
                        + " (the MACs at the rate ResNet-18 reaches there; branchy and depthwise networks reach less: bench train --encoder %s"
                        + " measures)", trainableParameters / 1e6, macs(forwardMacs), inputSize, resized, speed(estimatedViewsPerSecond()),
                encoder.id());
    }

    /** The encoder's description, then its figures at this size: the Train screen's tooltip. */
    public String tooltip() {
        return encoder.description() + "\n" + summary();
    }

    private static String macs(long macs) {
        return macs >= 1e9 ? String.format(Locale.ROOT, "%.2f G", macs / 1e9) : String.format(Locale.ROOT, "%.0f M", macs / 1e6);
    }

    private static String speed(double viewsPerSecond) {
        return viewsPerSecond >= 100 ? String.format(Locale.ROOT, "%,.0f", Math.rint(viewsPerSecond / 10) * 10)
                : String.format(Locale.ROOT, "%.0f", viewsPerSecond);
    }
}
