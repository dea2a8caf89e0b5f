package io.simclr.workbench.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.simclr.workbench.data.DatasetException;
import io.simclr.workbench.data.ImageDataset;
import io.simclr.workbench.data.ImageResampler;
import io.simclr.workbench.data.ShapesDataset;
import io.simclr.workbench.data.Split;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ViewBatchProducerTest {

    private final ImageDataset shapes = ShapesDataset.generate(Split.TRAIN, 10, 32, 0);

    /** No crop and no operation: both views equal the source, which exposes the batch layout. */
    private static AugmentationPipeline identity() {
        var c = AugmentationPreset.CROP_ONLY.config();
        var off = new AugmentationConfig(new AugmentationConfig.Crop(false, 0.08, 1, 0.75, 4.0 / 3), c.flip(), c.rotation(),
                c.colorJitter(), c.grayscale(), c.blur(), c.noise(), c.cutout(), c.sobel());
        return new AugmentationPipeline(off, 32);
    }

    @Test
    void viewIAndViewIPlusBAreThePairOfImageI() throws InterruptedException {
        try (ViewBatchProducer producer = new ViewBatchProducer(shapes, identity(), 4, 1, 0, 2, 2)) {
            ViewBatch batch = producer.next();
            int b = batch.pairs();
            int len = 3 * 32 * 32;
            assertArrayEquals(new long[] {8, 3, 32, 32}, batch.shape());
            for (int i = 0; i < b; i++) {
                float[] expected = ImageResampler.toFloat(shapes.pixels(batch.indices()[i]));
                assertArrayEquals(expected, Arrays.copyOfRange(batch.views(), i * len, (i + 1) * len), 1e-6f);
                assertArrayEquals(expected, Arrays.copyOfRange(batch.views(), (b + i) * len, (b + i + 1) * len), 1e-6f);
                assertEquals(shapes.label(batch.indices()[i]), batch.labels()[i]);
            }
        }
    }

    @Test
    void anEpochIsFullBatchesOfDistinctImagesAndTheRestWaitsForTheNextShuffle() throws InterruptedException {
        List<Integer> sizes = new ArrayList<>();
        List<Integer> seen = new ArrayList<>();
        try (ViewBatchProducer producer = new ViewBatchProducer(shapes, identity(), 4, 1, 0, 2, 2)) {
            while (producer.hasNext()) {
                ViewBatch batch = producer.next();
                sizes.add(batch.pairs());
                Arrays.stream(batch.indices()).forEach(seen::add);
                batch.recycle();
            }
        }
        assertEquals(List.of(4, 4), sizes);
        assertEquals(8, seen.stream().distinct().count(), "no image twice in an epoch");
    }

    @Test
    void aSetSmallerThanOneBatchHasNoBatch() {
        assertEquals(0, ViewBatchProducer.batchesPerEpoch(3, 4), "the training service refuses such a job with a message");
        assertEquals(2, ViewBatchProducer.batchesPerEpoch(9, 4));
        assertEquals(0, ViewBatchProducer.batchesPerEpoch(1, 4), "one image cannot make a pair of negatives");
    }

    @Test
    void batchesAreTheSameWhateverTheThreadCount() throws InterruptedException {
        AugmentationPipeline simclr = new AugmentationPipeline(AugmentationPreset.SIMCLR_IMAGENET.config(), 32);
        List<float[]> one = collect(simclr, 1);
        List<float[]> two = collect(simclr, 2);
        assertEquals(one.size(), two.size());
        for (int i = 0; i < one.size(); i++) {
            assertArrayEquals(one.get(i), two.get(i));
        }
    }

    @Test
    void epochsShuffleDifferently() throws InterruptedException {
        try (ViewBatchProducer e0 = new ViewBatchProducer(shapes, identity(), 10, 1, 0, 1, 1);
             ViewBatchProducer e1 = new ViewBatchProducer(shapes, identity(), 10, 1, 1, 1, 1)) {
            assertTrue(!Arrays.equals(e0.next().indices(), e1.next().indices()));
        }
    }

    @Test
    void aFailingImageSurfacesItsMessageToTheConsumer() {
        ImageDataset broken = new ImageDataset() {
            public String description() { return "broken"; }
            public int size() { return 6; }
            public int imageSize() { return 32; }
            public int label(int index) { return 0; }
            public List<String> classNames() { return List.of("x"); }
            public void copyPixels(int index, byte[] dst) { throw new DatasetException("img" + index + ".png: truncated or corrupt"); }
        };
        try (ViewBatchProducer producer = new ViewBatchProducer(broken, identity(), 3, 1, 0, 2, 2)) {
            DatasetException e = assertThrows(DatasetException.class, producer::next);
            assertTrue(e.getMessage().contains("truncated or corrupt"), e.getMessage());
        }
    }

    @Test
    void batchOfOneIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> new ViewBatchProducer(shapes, identity(), 1, 1, 0, 1, 1));
        assertTrue(e.getMessage().contains("at least 2"));
    }

    private List<float[]> collect(AugmentationPipeline pipeline, int threads) throws InterruptedException {
        List<float[]> out = new ArrayList<>();
        try (ViewBatchProducer producer = new ViewBatchProducer(shapes, pipeline, 3, 5, 2, threads, 3)) {
            while (producer.hasNext()) {
                ViewBatch batch = producer.next();
                out.add(Arrays.copyOf(batch.views(), batch.valueCount()));
            }
        }
        return out;
    }
}
