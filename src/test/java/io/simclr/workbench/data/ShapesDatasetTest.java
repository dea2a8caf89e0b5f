package io.simclr.workbench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ShapesDatasetTest {

    /** The scene read without drawing is the one the image was drawn from: its shape is where and as light as it says. */
    @Test
    void sceneDescribesTheDrawnImage() {
        int size = 32;
        ImageDataset test = ShapesDataset.generate(Split.TEST, 200, size, 3);
        byte[] pixels = new byte[test.bytesPerImage()];
        int checked = 0;
        for (int i = 0; i < test.size(); i++) {
            if (test.label(i) > 1) {
                continue; // circles and squares only: each covers its centre, rings and crescents do not
            }
            ShapesDataset.Scene scene = ShapesDataset.scene(Split.TEST, i, size, 3);
            test.copyPixels(i, pixels);
            double centre = patchLuma(pixels, size, (int) scene.cx(), (int) scene.cy());
            double corner = patchLuma(pixels, size, 1, 1);
            assertEquals(scene.shapeLighterThanBackground(), centre > corner, "image " + i + ": centre " + centre + ", corner " + corner);
            assertTrue(scene.sizeRank() >= 0 && scene.sizeRank() < 1, "image " + i + ": size rank " + scene.sizeRank());
            checked++;
        }
        assertEquals(40, checked);
    }

    private static double patchLuma(byte[] chw, int size, int x, int y) {
        int plane = size * size;
        double sum = 0;
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                int p = (y + dy) * size + (x + dx);
                sum += 0.299 * (chw[p] & 0xff) + 0.587 * (chw[plane + p] & 0xff) + 0.114 * (chw[2 * plane + p] & 0xff);
            }
        }
        return sum / 9;
    }

    @Test
    void inputFloatsAreTheAskedImagesInTheAskedOrderScaledToUnitRange() {
        ImageDataset images = ShapesDataset.generate(Split.TRAIN, 5, 32, 3);
        int plane = images.bytesPerImage();
        float[] batch = images.inputFloats(new int[] {3, 0});

        assertEquals(2 * plane, batch.length);
        assertArrayEquals(ImageResampler.toFloat(images.pixels(3)), Arrays.copyOfRange(batch, 0, plane));
        assertArrayEquals(ImageResampler.toFloat(images.pixels(0)), Arrays.copyOfRange(batch, plane, 2 * plane));
        assertArrayEquals(images.inputFloats(new int[] {1, 2}), images.inputFloats(1, 2));
        for (float v : batch) {
            assertTrue(v >= 0 && v <= 1, "value " + v);
        }
    }

    @Test
    void sameSeedGivesTheSameImagesAndAnotherSeedOthers() {
        ImageDataset a = ShapesDataset.generate(Split.TRAIN, 50, 32, 7);
        ImageDataset b = ShapesDataset.generate(Split.TRAIN, 50, 32, 7);
        ImageDataset c = ShapesDataset.generate(Split.TRAIN, 50, 32, 8);
        for (int i = 0; i < 50; i++) {
            assertArrayEquals(a.pixels(i), b.pixels(i), "image " + i);
        }
        assertFalse(Arrays.equals(a.pixels(0), c.pixels(0)));
    }

    @Test
    void trainAndTestSplitsAreDifferentImages() {
        ImageDataset train = ShapesDataset.generate(Split.TRAIN, 20, 32, 1);
        ImageDataset test = ShapesDataset.generate(Split.TEST, 20, 32, 1);
        for (int i = 0; i < 20; i++) {
            assertFalse(Arrays.equals(train.pixels(i), test.pixels(i)), "image " + i);
        }
    }

    @Test
    void hasTenShapeClassesInEqualNumbers() {
        ImageDataset set = ShapesDataset.generate(Split.TRAIN, 1000, 32, 0);
        assertEquals(10, set.classNames().size());
        assertTrue(set.classNames().containsAll(java.util.List.of("circle", "square", "triangle", "star", "cross", "ring",
                "diamond", "heart", "arrow", "crescent")));
        int[] counts = new int[10];
        for (int i = 0; i < set.size(); i++) {
            counts[set.label(i)]++;
        }
        for (int count : counts) {
            assertEquals(100, count);
        }
    }

    @Test
    void comesInThreeSizes() {
        for (int size : new int[] {32, 64, 96}) {
            ImageDataset set = ShapesDataset.generate(Split.TEST, 3, size, 0);
            assertEquals(size, set.imageSize());
            assertEquals(3 * size * size, set.pixels(2).length);
        }
        DatasetException e = assertThrows(DatasetException.class, () -> ShapesDataset.generate(Split.TEST, 3, 48, 0));
        assertTrue(e.getMessage().contains("48"));
    }

    /**
     * Colour is a nuisance: a nearest-centroid classifier on each image's mean and spread of colour
     * must do little better than chance (10%), while the same images are clearly separable by shape.
     */
    @Test
    void colourAloneCannotTellTheClassesApart() {
        ImageDataset train = ShapesDataset.generate(Split.TRAIN, 2000, 32, 3);
        ImageDataset test = ShapesDataset.generate(Split.TEST, 1000, 32, 3);
        double[][] centroids = new double[10][6];
        int[] counts = new int[10];
        for (int i = 0; i < train.size(); i++) {
            double[] f = colourFeatures(train.pixels(i));
            for (int k = 0; k < 6; k++) {
                centroids[train.label(i)][k] += f[k];
            }
            counts[train.label(i)]++;
        }
        for (int c = 0; c < 10; c++) {
            for (int k = 0; k < 6; k++) {
                centroids[c][k] /= counts[c];
            }
        }
        int correct = 0;
        for (int i = 0; i < test.size(); i++) {
            double[] f = colourFeatures(test.pixels(i));
            int best = -1;
            double bestDistance = Double.MAX_VALUE;
            for (int c = 0; c < 10; c++) {
                double d = 0;
                for (int k = 0; k < 6; k++) {
                    d += (f[k] - centroids[c][k]) * (f[k] - centroids[c][k]);
                }
                if (d < bestDistance) {
                    bestDistance = d;
                    best = c;
                }
            }
            correct += best == test.label(i) ? 1 : 0;
        }
        double accuracy = correct / (double) test.size();
        assertTrue(accuracy < 0.25, "colour statistics classify " + accuracy + " of the shapes");
    }

    private static double[] colourFeatures(byte[] chw) {
        int plane = chw.length / 3;
        double[] f = new double[6];
        for (int c = 0; c < 3; c++) {
            double sum = 0;
            double sq = 0;
            for (int i = 0; i < plane; i++) {
                int v = chw[c * plane + i] & 0xff;
                sum += v;
                sq += v * v;
            }
            f[c] = sum / plane;
            f[3 + c] = Math.sqrt(sq / plane - f[c] * f[c]);
        }
        return f;
    }
}
