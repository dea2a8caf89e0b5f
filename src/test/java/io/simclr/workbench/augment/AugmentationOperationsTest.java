package io.simclr.workbench.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Properties every operation must keep, checked over many random draws. */
class AugmentationOperationsTest {

    static float[] randomImage(int side, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] img = new float[3 * side * side];
        for (int i = 0; i < img.length; i++) {
            img[i] = (float) rng.nextDouble();
        }
        return img;
    }

    @Test
    void cropStaysInBounds() {
        RandomResizedCrop crop = new RandomResizedCrop(0.08, 1.0, 3.0 / 4.0, 4.0 / 3.0);
        SplittableRandom rng = new SplittableRandom(1);
        for (int side : new int[] {8, 32, 96, 101}) {
            for (int trial = 0; trial < 5000; trial++) {
                RandomResizedCrop.Box box = crop.sample(side, side, rng);
                assertTrue(box.width() > 0 && box.height() > 0 && box.x() >= 0 && box.y() >= 0
                        && box.x() + box.width() <= side && box.y() + box.height() <= side, side + ": " + box);
            }
        }
    }

    /** On a large image, rounding to whole pixels is negligible, so the sampled ranges show exactly. */
    @Test
    void cropKeepsTheAreaAndAspectRatioRanges() {
        RandomResizedCrop crop = new RandomResizedCrop(0.08, 1.0, 3.0 / 4.0, 4.0 / 3.0);
        SplittableRandom rng = new SplittableRandom(2);
        int side = 20_000;
        double minArea = 1;
        double maxArea = 0;
        for (int trial = 0; trial < 5000; trial++) {
            RandomResizedCrop.Box box = crop.sample(side, side, rng);
            double area = (double) box.width() * box.height() / ((double) side * side);
            double ratio = (double) box.width() / box.height();
            assertTrue(area >= 0.08 - 1e-3 && area <= 1.0, "area " + area);
            assertTrue(ratio >= 0.75 - 1e-3 && ratio <= 4.0 / 3.0 + 1e-3, "ratio " + ratio);
            minArea = Math.min(minArea, area);
            maxArea = Math.max(maxArea, area);
        }
        assertTrue(minArea < 0.1 && maxArea > 0.7, "the draws cover the range: " + minArea + " .. " + maxArea);
    }

    @Test
    void cropFallsBackToTheCentredBoxOfTheClosestRatio() {
        // No box with ratio 10..20 fits a square image, so all ten attempts fail.
        RandomResizedCrop crop = new RandomResizedCrop(0.9, 1.0, 10, 20);
        RandomResizedCrop.Box box = crop.sample(100, 100, new SplittableRandom(3));
        assertEquals(new RandomResizedCrop.Box(0, 45, 100, 10), box);
    }

    @Test
    void flippingTwiceIsTheIdentity() {
        float[] img = randomImage(17, 2);
        float[] copy = img.clone();
        RandomHorizontalFlip.flip(img, 17);
        assertFalse(Arrays.equals(img, copy));
        assertEquals(copy[0], img[16]);
        RandomHorizontalFlip.flip(img, 17);
        assertArrayEquals(copy, img);
    }

    @Test
    void grayscaleGivesThreeEqualChannelsOfLuma() {
        float[] img = randomImage(8, 3);
        float[] original = img.clone();
        new RandomGrayscale(1.0).apply(img, 8, new SplittableRandom(1), new float[img.length]);
        for (int i = 0; i < 64; i++) {
            assertEquals(img[i], img[64 + i]);
            assertEquals(img[i], img[128 + i]);
            assertEquals(0.299f * original[i] + 0.587f * original[64 + i] + 0.114f * original[128 + i], img[i], 1e-6f);
        }
    }

    @Test
    void zeroStrengthJitterIsTheIdentity() {
        float[] img = randomImage(16, 4);
        float[] copy = img.clone();
        ColorJitter jitter = new ColorJitter(1.0, 0, 0, 0, 0);
        for (long seed = 0; seed < 20; seed++) {
            jitter.apply(img, 16, new SplittableRandom(seed), new float[img.length]);
        }
        assertArrayEquals(copy, img);
    }

    @Test
    void jitterChangesColoursAndKeepsValuesInRange() {
        float[] img = randomImage(16, 5);
        float[] copy = img.clone();
        new ColorJitter(1.0, 0.8, 0.8, 0.8, 0.2).apply(img, 16, new SplittableRandom(9), new float[img.length]);
        assertFalse(Arrays.equals(copy, img));
        for (float v : img) {
            assertTrue(v >= 0f && v <= 1f);
        }
    }

    @Test
    void hueShiftOfAThirdTurnsRedIntoGreenAndAFullTurnChangesNothing() {
        float[] red = {1f, 0f, 0f};
        ColorJitter.adjustHue(red, 1, 1f / 3f);
        assertArrayEquals(new float[] {0f, 1f, 0f}, red, 1e-5f);
        float[] img = randomImage(8, 6);
        float[] copy = img.clone();
        ColorJitter.adjustHue(img, 64, 1.0f);
        assertArrayEquals(copy, img, 1e-5f);
    }

    @Test
    void contrastBlendsTowardTheMeanGrey() {
        float[] img = randomImage(8, 7);
        float[] copy = img.clone();
        ColorJitter.adjustContrast(img, 64, 0f);
        double mean = 0;
        for (int i = 0; i < 64; i++) {
            mean += 0.299 * copy[i] + 0.587 * copy[64 + i] + 0.114 * copy[128 + i];
        }
        mean /= 64;
        for (float v : img) {
            assertEquals(mean, v, 1e-5);
        }
    }

    @Test
    void blurKeepsTheMeanAndLeavesAConstantImageAlone() {
        float[] img = randomImage(32, 8);
        double before = mean(img);
        GaussianBlur blur = new GaussianBlur(1.0, 0.1, 0.1, 2.0);
        blur.apply(img, 32, new SplittableRandom(2), new float[img.length]);
        assertEquals(before, mean(img), 5e-3);
        float[] flat = new float[3 * 32 * 32];
        Arrays.fill(flat, 0.25f);
        GaussianBlur.blur(flat, 32, GaussianBlur.kernel(9, 2.0), new float[flat.length]);
        for (float v : flat) {
            assertEquals(0.25f, v, 1e-6f);
        }
    }

    @Test
    void blurKernelIsAboutATenthOfTheSideAndOdd() {
        GaussianBlur blur = new GaussianBlur(0.5, 0.1, 0.1, 2.0);
        assertEquals(3, blur.kernelSize(32));
        assertEquals(9, blur.kernelSize(96));
        assertEquals(23, blur.kernelSize(224));
    }

    @Test
    void fourQuarterTurnsAreTheIdentityAndOneMovesTheCorner() {
        float[] img = randomImage(9, 10);
        float[] copy = img.clone();
        float[] scratch = new float[img.length];
        RandomRotation.rotateQuarterTurns(img, 9, 1, scratch);
        assertFalse(Arrays.equals(copy, img));
        for (int t = 0; t < 3; t++) {
            RandomRotation.rotateQuarterTurns(img, 9, 1, scratch);
        }
        assertArrayEquals(copy, img);
    }

    @Test
    void rotationByZeroDegreesIsTheIdentity() {
        float[] img = randomImage(12, 11);
        float[] copy = img.clone();
        RandomRotation.rotate(img, 12, 0.0, new float[img.length]);
        assertArrayEquals(copy, img, 1e-6f);
    }

    @Test
    void cutoutBlacksOutOneSquare() {
        float[] img = new float[3 * 20 * 20];
        Arrays.fill(img, 1f);
        new Cutout(1.0, 0.5, 0.5).apply(img, 20, new SplittableRandom(4), new float[img.length]);
        int zeros = 0;
        for (int i = 0; i < 400; i++) {
            zeros += img[i] == 0f ? 1 : 0;
            assertEquals(img[i], img[400 + i]);
        }
        assertTrue(zeros > 0 && zeros <= 100, "a 10x10 square at most, clipped at edges: " + zeros);
    }

    @Test
    void noiseHasTheRequestedSpread() {
        float[] img = new float[3 * 64 * 64];
        Arrays.fill(img, 0.5f);
        new GaussianNoise(1.0, 0.05).apply(img, 64, new SplittableRandom(5), new float[img.length]);
        double m = mean(img);
        double var = 0;
        for (float v : img) {
            var += (v - m) * (v - m);
        }
        assertEquals(0.5, m, 0.005);
        assertEquals(0.05, Math.sqrt(var / img.length), 0.005);
    }

    @Test
    void sobelFindsEdgesOnlyWhereTheImageChanges() {
        int side = 16;
        float[] img = new float[3 * side * side];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < side; y++) {
                for (int x = side / 2; x < side; x++) {
                    img[c * side * side + y * side + x] = 1f;
                }
            }
        }
        SobelFilter.edges(img, side, new float[img.length]);
        assertEquals(0f, img[5 * side + 2]);
        assertEquals(1f, img[5 * side + side / 2], 1e-6f);
        assertEquals(img[5 * side + side / 2], img[side * side + 5 * side + side / 2]);
    }

    static double mean(float[] img) {
        double s = 0;
        for (float v : img) {
            s += v;
        }
        return s / img.length;
    }
}
