package io.simclr.workbench.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.simclr.workbench.data.ImageDataset;
import io.simclr.workbench.data.ShapesDataset;
import io.simclr.workbench.data.Split;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TwoViewGeneratorTest {

    private final ImageDataset shapes = ShapesDataset.generate(Split.TRAIN, 4, 32, 0);
    private final AugmentationPipeline pipeline = new AugmentationPipeline(AugmentationPreset.SIMCLR_IMAGENET.config(), 32);

    @Test
    void theSameSeedGivesTheSamePairAndAnotherSeedADifferentOne() {
        float[][] a = new TwoViewGenerator(pipeline).generate(shapes.pixels(1), 32, 42);
        float[][] b = new TwoViewGenerator(pipeline).generate(shapes.pixels(1), 32, 42);
        float[][] c = new TwoViewGenerator(pipeline).generate(shapes.pixels(1), 32, 43);
        assertArrayEquals(a[0], b[0]);
        assertArrayEquals(a[1], b[1]);
        assertFalse(Arrays.equals(a[0], c[0]));
        assertFalse(Arrays.equals(a[1], c[1]));
    }

    @Test
    void theTwoViewsOfAPairDiffer() {
        float[][] pair = new TwoViewGenerator(pipeline).generate(shapes.pixels(2), 32, 7);
        assertFalse(Arrays.equals(pair[0], pair[1]));
    }

    @Test
    void aReusedGeneratorGivesWhatAFreshOneGives() {
        TwoViewGenerator reused = new TwoViewGenerator(pipeline);
        reused.generate(shapes.pixels(0), 32, 1);
        float[][] second = reused.generate(shapes.pixels(3), 32, 9);
        float[][] fresh = new TwoViewGenerator(pipeline).generate(shapes.pixels(3), 32, 9);
        assertArrayEquals(fresh[0], second[0]);
        assertArrayEquals(fresh[1], second[1]);
    }

    @Test
    void viewsCanBeLargerThanTheSource() {
        AugmentationPipeline big = new AugmentationPipeline(AugmentationPreset.SIMCLR_CIFAR.config(), 64);
        float[][] pair = new TwoViewGenerator(big).generate(shapes.pixels(0), 32, 3);
        assertArrayEquals(new int[] {3 * 64 * 64}, new int[] {pair[0].length});
    }
}
