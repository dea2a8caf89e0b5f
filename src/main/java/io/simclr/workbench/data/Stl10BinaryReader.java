package io.simclr.workbench.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Reads the STL-10 binary format: {@code train_X.bin}/{@code train_y.bin},
 * {@code test_X.bin}/{@code test_y.bin} and {@code unlabeled_X.bin}; each image 3 x 96 x 96 bytes
 * with every channel stored column-major; labels are bytes 1..10. Accepts the folder itself or the
 * one above it that holds {@code stl10_binary/}.
 *
 * <p>A split whose cache would not fit the memory budget (the 100,000 unlabeled images need 2.7 GB)
 * is streamed from disk instead.
 */
public final class Stl10BinaryReader {

    public static final int SIDE = 96;
    public static final int IMAGE_BYTES = 3 * SIDE * SIDE;
    public static final List<String> DEFAULT_CLASS_NAMES = List.of(
            "airplane", "bird", "car", "cat", "deer", "dog", "horse", "monkey", "ship", "truck");

    private Stl10BinaryReader() {}

    public static ImageDataset read(Path folder, Split split, int size, long memoryBudgetBytes) {
        folder = binaryFolder(folder);
        String prefix = prefix(split);
        Path xFile = folder.resolve(prefix + "_X.bin");
        int count = count(folder, split);
        int[] labels = split == Split.UNLABELED ? unlabeled(count) : readLabels(folder.resolve(prefix + "_y.bin"), count);
        List<String> classNames = classNames(folder);
        String description = String.format("stl10 %s (%s)", split.id(), folder.getFileName());
        StreamedStl10 streamed = new StreamedStl10(description, xFile, size, labels, classNames);
        if ((long) count * 3 * size * size > memoryBudgetBytes) {
            return streamed;
        }
        byte[][] images = new byte[count][];
        java.util.stream.IntStream.range(0, count).parallel().forEach(i -> images[i] = streamed.pixels(i));
        return new InMemoryImageDataset(description, size, images, labels, classNames);
    }

    /** The folder itself, or its {@code stl10_binary} when it is the folder above. */
    private static Path binaryFolder(Path folder) {
        DatasetFolders.requireReadableFolder(folder, "STL-10");
        if (!Files.exists(folder.resolve("train_X.bin")) && Files.isDirectory(folder.resolve("stl10_binary"))) {
            return folder.resolve("stl10_binary");
        }
        return folder;
    }

    private static String prefix(Split split) {
        return switch (split) {
            case TRAIN -> "train";
            case TEST -> "test";
            case UNLABELED -> "unlabeled";
        };
    }

    /** The images of a split without reading them: the files are found and their sizes checked. */
    static int count(Path folder, Split split) {
        folder = binaryFolder(folder);
        String prefix = prefix(split);
        Path xFile = folder.resolve(prefix + "_X.bin");
        if (!Files.isRegularFile(xFile)) {
            throw new DatasetException(folder + ": no " + xFile.getFileName() + "; choose the STL-10 binary folder"
                    + " (stl10_binary with train_X.bin, test_X.bin, unlabeled_X.bin)");
        }
        long bytes = DatasetFolders.sizeOf(xFile);
        if (bytes == 0 || bytes % IMAGE_BYTES != 0) {
            throw new DatasetException(String.format("%s: %,d bytes is not a whole number of %,d-byte STL-10 images"
                    + " (a truncated download?); download it again", xFile, bytes, IMAGE_BYTES));
        }
        int count = Math.toIntExact(bytes / IMAGE_BYTES);
        if (split != Split.UNLABELED) {
            Path yFile = folder.resolve(prefix + "_y.bin");
            if (!Files.isRegularFile(yFile)) {
                throw new DatasetException(yFile + ": the labels file is missing; restore it from the STL-10 archive");
            }
            if (DatasetFolders.sizeOf(yFile) != count) {
                throw new DatasetException(String.format("%s: holds %,d labels but the images file holds %,d images;"
                        + " download the dataset again", yFile, DatasetFolders.sizeOf(yFile), count));
            }
        }
        return count;
    }

    private static int[] unlabeled(int count) {
        int[] labels = new int[count];
        java.util.Arrays.fill(labels, ImageDataset.UNLABELED);
        return labels;
    }

    private static int[] readLabels(Path yFile, int count) {
        if (!Files.isRegularFile(yFile)) {
            throw new DatasetException(yFile + ": the labels file is missing; restore it from the STL-10 archive");
        }
        byte[] raw;
        try {
            raw = Files.readAllBytes(yFile);
        } catch (IOException e) {
            throw new DatasetException(yFile + ": cannot be read (" + e.getMessage() + ")", e);
        }
        if (raw.length != count) {
            throw new DatasetException(String.format("%s: holds %,d labels but the images file holds %,d images;"
                    + " one of them is truncated — download them again", yFile, raw.length, count));
        }
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            int label = (raw[i] & 0xff) - 1;
            if (label < 0 || label > 9) {
                throw new DatasetException(String.format("%s: label %,d is %d but STL-10 labels are 1-10", yFile, i, raw[i] & 0xff));
            }
            labels[i] = label;
        }
        return labels;
    }

    static List<String> classNames(Path folder) {
        Path names = folder.resolve("class_names.txt");
        try {
            if (Files.isRegularFile(names)) {
                List<String> lines = Files.readAllLines(names).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
                if (lines.size() == 10) {
                    return lines;
                }
            }
        } catch (IOException e) {
            // fall back to the standard names
        }
        return DEFAULT_CLASS_NAMES;
    }

    /** Reads images on demand with positional reads, which are safe from several threads. */
    static final class StreamedStl10 implements ImageDataset {
        private final String description;
        private final Path file;
        private final int size;
        private final int[] labels;
        private final List<String> classNames;
        private final FileChannel channel;

        StreamedStl10(String description, Path file, int size, int[] labels, List<String> classNames) {
            this.description = description;
            this.file = file;
            this.size = size;
            this.labels = labels;
            this.classNames = classNames;
            try {
                this.channel = FileChannel.open(file, StandardOpenOption.READ);
            } catch (IOException e) {
                throw new DatasetException(file + ": cannot be opened (" + e.getMessage() + ")", e);
            }
        }

        @Override public String description() { return description + " streamed from disk"; }
        @Override public int size() { return labels.length; }
        @Override public int imageSize() { return size; }
        @Override public int label(int index) { return labels[index]; }
        @Override public List<String> classNames() { return classNames; }

        @Override
        public void copyPixels(int index, byte[] dst) {
            byte[] raw = new byte[IMAGE_BYTES];
            ByteBuffer buffer = ByteBuffer.wrap(raw);
            long position = (long) index * IMAGE_BYTES;
            try {
                while (buffer.hasRemaining()) {
                    int n = channel.read(buffer, position + buffer.position());
                    if (n < 0) {
                        throw new DatasetException(file + ": ended early at image " + index + "; download it again");
                    }
                }
            } catch (IOException e) {
                throw new DatasetException(file + ": cannot be read at image " + index + " (" + e.getMessage() + ")", e);
            }
            byte[] rowMajor = new byte[IMAGE_BYTES];
            int plane = SIDE * SIDE;
            for (int c = 0; c < 3; c++) {
                for (int col = 0; col < SIDE; col++) {
                    for (int row = 0; row < SIDE; row++) {
                        rowMajor[c * plane + row * SIDE + col] = raw[c * plane + col * SIDE + row];
                    }
                }
            }
            byte[] resized = ImageResampler.resizeSquare(rowMajor, SIDE, size);
            System.arraycopy(resized, 0, dst, 0, resized.length);
        }
    }
}
