package io.simclr.workbench.augment;

import io.simclr.workbench.data.ImageResampler;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A validated {@link AugmentationConfig} turned into operations for views of one output size.
 * Immutable and shared; each thread makes its own {@link Augmenter} for working memory.
 */
public final class AugmentationPipeline {

    private final AugmentationConfig config;
    private final int outputSize;
    private final RandomResizedCrop crop;
    private final List<ViewOperation> operations;

    public AugmentationPipeline(AugmentationConfig config, int outputSize) {
        if (outputSize < 8) {
            throw new IllegalArgumentException("view size must be at least 8 pixels, not " + outputSize);
        }
        this.config = config.validated();
        this.outputSize = outputSize;
        var c = config.crop();
        this.crop = c.enabled() ? new RandomResizedCrop(c.scaleMin(), c.scaleMax(), c.ratioMin(), c.ratioMax()) : null;
        List<ViewOperation> ops = new ArrayList<>();
        if (config.flip().enabled()) ops.add(new RandomHorizontalFlip(config.flip().p()));
        var r = config.rotation();
        if (r.enabled()) ops.add(new RandomRotation(r.p(), r.rightAnglesOnly(), r.maxDegrees()));
        var j = config.colorJitter();
        if (j.enabled()) ops.add(new ColorJitter(j.p(), j.brightness(), j.contrast(), j.saturation(), j.hue()));
        if (config.grayscale().enabled()) ops.add(new RandomGrayscale(config.grayscale().p()));
        var b = config.blur();
        if (b.enabled()) ops.add(new GaussianBlur(b.p(), b.kernelFraction(), b.sigmaMin(), b.sigmaMax()));
        var n = config.noise();
        if (n.enabled()) ops.add(new GaussianNoise(n.p(), n.std()));
        var cut = config.cutout();
        if (cut.enabled()) ops.add(new Cutout(cut.p(), cut.sizeMin(), cut.sizeMax()));
        if (config.sobel().enabled()) ops.add(new SobelFilter(config.sobel().p()));
        this.operations = List.copyOf(ops);
    }

    public AugmentationConfig config() {
        return config;
    }

    public int outputSize() {
        return outputSize;
    }

    public Augmenter newAugmenter() {
        return new Augmenter();
    }

    /** Makes views; holds one thread's working memory, so use one per thread. */
    public final class Augmenter {
        private float[] source = new float[0];
        private float[] resampleScratch = new float[0];
        private final float[] view = new float[3 * outputSize * outputSize];
        private final float[] scratch = new float[3 * outputSize * outputSize];

        /** Loads a uint8 CHW source image; following {@link #view} calls read it. */
        public void setSource(byte[] pixels, int side) {
            if (source.length != pixels.length) {
                source = new float[pixels.length];
            }
            ImageResampler.toFloat(pixels, source, 0);
            sourceSide = side;
            int need = ImageResampler.scratchLength(side, outputSize);
            if (resampleScratch.length < need) {
                resampleScratch = new float[need];
            }
        }

        private int sourceSide;

        /** One view of the loaded source into {@code dst[offset ...]}, with values in [0, 1]. */
        public void view(RandomGenerator rng, float[] dst, int offset) {
            if (crop != null) {
                crop.apply(source, sourceSide, view, outputSize, rng, resampleScratch);
            } else {
                ImageResampler.resize(source, sourceSide, sourceSide, 0, 0, sourceSide, sourceSide, view, outputSize, outputSize,
                        resampleScratch);
            }
            for (ViewOperation op : operations) {
                op.apply(view, outputSize, rng, scratch);
            }
            System.arraycopy(view, 0, dst, offset, view.length);
        }
    }
}
