package io.simclr.workbench.augment;

import io.simclr.workbench.data.Seeds;
import java.util.SplittableRandom;

/**
 * SimCLR's view pair: two independent draws of the same pipeline from one image. Each view has a
 * generator of its own, seeded from the pair's seed and the view number, so a seed reproduces the
 * exact pair and neither view's randomness depends on the other's.
 */
public final class TwoViewGenerator {

    private final AugmentationPipeline.Augmenter augmenter;
    private final int viewLength;

    public TwoViewGenerator(AugmentationPipeline pipeline) {
        this.augmenter = pipeline.newAugmenter();
        this.viewLength = 3 * pipeline.outputSize() * pipeline.outputSize();
    }

    public int viewLength() {
        return viewLength;
    }

    /** Writes view 1 of {@code pixels} to {@code first[firstOffset…]} and view 2 to {@code second[secondOffset…]}. */
    public void generate(byte[] pixels, int side, long pairSeed, float[] first, int firstOffset, float[] second, int secondOffset) {
        augmenter.setSource(pixels, side);
        augmenter.view(new SplittableRandom(Seeds.derive(pairSeed, 1)), first, firstOffset);
        augmenter.view(new SplittableRandom(Seeds.derive(pairSeed, 2)), second, secondOffset);
    }

    /** The pair as two fresh arrays (3 x size x size each). */
    public float[][] generate(byte[] pixels, int side, long pairSeed) {
        float[] a = new float[viewLength];
        float[] b = new float[viewLength];
        generate(pixels, side, pairSeed, a, 0, b, 0);
        return new float[][] {a, b};
    }
}
