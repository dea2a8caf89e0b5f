package io.simclr.workbench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Stl10BinaryReaderTest {

    @TempDir
    Path dir;

    /** An STL-10 image (column-major per channel) that is black except a red pixel at (x, y). */
    static byte[] imageWithRedPixelAt(int x, int y) {
        byte[] img = new byte[Stl10BinaryReader.IMAGE_BYTES];
        img[x * 96 + y] = (byte) 255; // column-major: column x, row y
        return img;
    }

    private void writeSplit(String prefix, byte[][] images, byte[] labels) throws IOException {
        Path folder = dir.resolve("stl10_binary");
        Files.createDirectories(folder);
        Files.write(folder.resolve(prefix + "_X.bin"), Cifar10BinaryReaderTest.concat(images));
        if (labels != null) {
            Files.write(folder.resolve(prefix + "_y.bin"), labels);
        }
    }

    @Test
    void transposesColumnMajorImagesAndShiftsLabelsToZeroBased() throws IOException {
        writeSplit("train", new byte[][] {imageWithRedPixelAt(10, 2), imageWithRedPixelAt(0, 50)}, new byte[] {1, 10});
        ImageDataset train = Stl10BinaryReader.read(dir, Split.TRAIN, 96, Long.MAX_VALUE);
        assertEquals(2, train.size());
        assertEquals(0, train.label(0));
        assertEquals(9, train.label(1));
        assertEquals(0xff0000, TestImages.rgbAt(train.pixels(0), 96, 10, 2));
        assertEquals(0, TestImages.rgbAt(train.pixels(0), 96, 2, 10));
        assertEquals(0xff0000, TestImages.rgbAt(train.pixels(1), 96, 0, 50));
        assertEquals("airplane", train.classNames().get(0));
    }

    @Test
    void unlabeledSplitHasNoLabels() throws IOException {
        writeSplit("unlabeled", new byte[][] {imageWithRedPixelAt(1, 1)}, null);
        ImageDataset unlabeled = Stl10BinaryReader.read(dir, Split.UNLABELED, 96, Long.MAX_VALUE);
        assertEquals(ImageDataset.UNLABELED, unlabeled.label(0));
        assertFalse(unlabeled.isLabeled());
    }

    @Test
    void splitLargerThanTheBudgetIsStreamedWithTheSamePixels() throws IOException {
        writeSplit("test", new byte[][] {imageWithRedPixelAt(5, 6), imageWithRedPixelAt(7, 8)}, new byte[] {3, 4});
        ImageDataset cached = Stl10BinaryReader.read(dir, Split.TEST, 32, Long.MAX_VALUE);
        ImageDataset streamed = Stl10BinaryReader.read(dir, Split.TEST, 32, 1000);
        assertInstanceOf(InMemoryImageDataset.class, cached);
        assertTrue(streamed.description().contains("streamed"));
        assertEquals(32, streamed.imageSize());
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(cached.pixels(i), streamed.pixels(i));
            assertEquals(cached.label(i), streamed.label(i));
        }
    }

    @Test
    void labelCountDifferentFromImageCountIsAnError() throws IOException {
        writeSplit("train", new byte[][] {imageWithRedPixelAt(1, 1), imageWithRedPixelAt(2, 2)}, new byte[] {1});
        DatasetException e = assertThrows(DatasetException.class, () -> Stl10BinaryReader.read(dir, Split.TRAIN, 96, Long.MAX_VALUE));
        assertTrue(e.getMessage().contains("train_y.bin") && e.getMessage().contains("1 labels"), e.getMessage());
    }

    @Test
    void truncatedImagesFileIsAnError() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("stl10_binary"));
        Files.write(folder.resolve("train_X.bin"), new byte[Stl10BinaryReader.IMAGE_BYTES + 5]);
        Files.write(folder.resolve("train_y.bin"), new byte[] {1});
        DatasetException e = assertThrows(DatasetException.class, () -> Stl10BinaryReader.read(dir, Split.TRAIN, 96, Long.MAX_VALUE));
        assertTrue(e.getMessage().contains("train_X.bin") && e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void missingSplitFileSaysWhereToPoint() {
        DatasetException e = assertThrows(DatasetException.class, () -> Stl10BinaryReader.read(dir, Split.TEST, 96, Long.MAX_VALUE));
        assertTrue(e.getMessage().contains("test_X.bin"), e.getMessage());
    }
}
