package io.simclr.workbench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Cifar10BinaryReaderTest {

    static final Path SHARED = Path.of("../shared/datasets/cifar10-subset");

    @TempDir
    Path dir;

    /** A record whose red plane is {@code r}, green {@code g}, blue {@code b}, with pixel 0 marked. */
    static byte[] record(int label, int r, int g, int b) {
        byte[] rec = new byte[Cifar10BinaryReader.RECORD_BYTES];
        rec[0] = (byte) label;
        Arrays.fill(rec, 1, 1025, (byte) r);
        Arrays.fill(rec, 1025, 2049, (byte) g);
        Arrays.fill(rec, 2049, 3073, (byte) b);
        rec[1 + 31] = (byte) 255; // top-right pixel of the red plane
        return rec;
    }

    static void writeRecords(Path file, byte[]... records) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, concat(records));
    }

    static byte[] concat(byte[]... parts) {
        int n = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    @Test
    void readsLabelsAndPlanarPixelsOfTrainAndTestFiles() throws IOException {
        writeRecords(dir.resolve("train.bin"), record(3, 10, 20, 30), record(9, 40, 50, 60));
        writeRecords(dir.resolve("test.bin"), record(0, 1, 2, 3));
        ImageDataset train = Cifar10BinaryReader.read(dir, Split.TRAIN, 32);
        assertEquals(2, train.size());
        assertEquals(3, train.label(0));
        assertEquals(9, train.label(1));
        byte[] first = train.pixels(0);
        assertEquals(0x0a141e, TestImages.rgbAt(first, 32, 5, 5));
        assertEquals(255, TestImages.rgbAt(first, 32, 31, 0) >> 16, "pixel (31, 0) of the red plane");
        assertEquals(Cifar10BinaryReader.DEFAULT_CLASS_NAMES, train.classNames());
        assertEquals(1, Cifar10BinaryReader.read(dir, Split.TEST, 32).size());
    }

    @Test
    void readsTheOfficialBatchFilesInOrderAndClassNamesFromMeta() throws IOException {
        writeRecords(dir.resolve("data_batch_2.bin"), record(2, 0, 0, 0));
        writeRecords(dir.resolve("data_batch_1.bin"), record(1, 0, 0, 0));
        writeRecords(dir.resolve("test_batch.bin"), record(5, 0, 0, 0));
        List<String> names = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j");
        Files.write(dir.resolve("batches.meta.txt"), names);
        ImageDataset train = Cifar10BinaryReader.read(dir, Split.TRAIN, 32);
        assertEquals(1, train.label(0));
        assertEquals(2, train.label(1));
        assertEquals(names, train.classNames());
        assertEquals(5, Cifar10BinaryReader.read(dir, Split.TEST, 32).label(0));
    }

    @Test
    void resizesToTheConfiguredSize() throws IOException {
        writeRecords(dir.resolve("train.bin"), record(0, 100, 150, 200));
        ImageDataset big = Cifar10BinaryReader.read(dir, Split.TRAIN, 64);
        assertEquals(64, big.imageSize());
        assertEquals(0x6496c8, TestImages.rgbAt(big.pixels(0), 64, 30, 40));
    }

    @Test
    void truncatedFileNamesTheFileAndSaysToDownloadAgain() throws IOException {
        byte[] two = concat(record(1, 0, 0, 0), record(2, 0, 0, 0));
        Files.write(dir.resolve("train.bin"), Arrays.copyOf(two, two.length - 100));
        DatasetException e = assertThrows(DatasetException.class, () -> Cifar10BinaryReader.read(dir, Split.TRAIN, 32));
        assertTrue(e.getMessage().contains("train.bin") && e.getMessage().contains("download it again"), e.getMessage());
    }

    @Test
    void labelAboveNineIsAnError() throws IOException {
        writeRecords(dir.resolve("train.bin"), record(42, 0, 0, 0));
        DatasetException e = assertThrows(DatasetException.class, () -> Cifar10BinaryReader.read(dir, Split.TRAIN, 32));
        assertTrue(e.getMessage().contains("label 42"), e.getMessage());
    }

    @Test
    void folderWithoutCifarFilesSaysWhatItExpected() throws IOException {
        Files.writeString(dir.resolve("readme.txt"), "hi");
        DatasetException e = assertThrows(DatasetException.class, () -> Cifar10BinaryReader.read(dir, Split.TRAIN, 32));
        assertTrue(e.getMessage().contains("data_batch_1.bin"), e.getMessage());
        DatasetException missing = assertThrows(DatasetException.class,
                () -> Cifar10BinaryReader.read(dir.resolve("nope"), Split.TRAIN, 32));
        assertTrue(missing.getMessage().contains("nope") && missing.getMessage().contains("no such folder"), missing.getMessage());
    }

    @Test
    void readsTheSharedRealSubset() {
        assumeTrue(Files.isDirectory(SHARED), "../shared/datasets/cifar10-subset is absent; skipping the real-data check");
        ImageDataset train = Cifar10BinaryReader.read(SHARED, Split.TRAIN, 32);
        ImageDataset test = Cifar10BinaryReader.read(SHARED, Split.TEST, 32);
        assertEquals(5085, train.size());
        assertEquals(1017, test.size());
        assertEquals("airplane", train.classNames().get(0));
        int[] counts = new int[10];
        for (int i = 0; i < test.size(); i++) {
            counts[test.label(i)]++;
        }
        for (int c : counts) {
            assertTrue(c > 70 && c < 130, "roughly balanced: " + Arrays.toString(counts));
        }
        assertTrue(Arrays.stream(new int[] {0, 1, 2}).allMatch(i -> !Arrays.equals(train.pixels(i), train.pixels(i + 1))));
        assertArrayEquals(train.pixels(7), Cifar10BinaryReader.read(SHARED, Split.TRAIN, 32).pixels(7));
    }
}
