package io.simclr.workbench.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the CIFAR-10 binary format: records of one label byte and 3,072 pixel bytes (1,024 red,
 * 1,024 green, 1,024 blue, row-major 32x32). A folder holds either the official
 * {@code data_batch_1..5.bin} and {@code test_batch.bin}, or {@code train.bin} and {@code test.bin}.
 */
public final class Cifar10BinaryReader {

    public static final int SIDE = 32;
    public static final int RECORD_BYTES = 1 + 3 * SIDE * SIDE;
    public static final List<String> DEFAULT_CLASS_NAMES = List.of(
            "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");

    private Cifar10BinaryReader() {}

    public static ImageDataset read(Path folder, Split split, int size) {
        List<Path> files = filesFor(folder, split);
        List<String> classNames = classNames(folder);
        List<byte[]> images = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (Path file : files) {
            readFile(file, size, images, labels);
        }
        int[] labelArray = labels.stream().mapToInt(Integer::intValue).toArray();
        String description = String.format("cifar10 %s (%s)", split.id(), folder.getFileName());
        return new InMemoryImageDataset(description, size, images.toArray(new byte[0][]), labelArray, classNames);
    }

    static List<Path> filesFor(Path folder, Split split) {
        DatasetFolders.requireReadableFolder(folder, "CIFAR-10");
        List<Path> files = new ArrayList<>();
        switch (split) {
            case TRAIN -> {
                try (Stream<Path> list = Files.list(folder)) {
                    list.filter(p -> p.getFileName().toString().matches("data_batch_\\d+\\.bin")).sorted().forEach(files::add);
                } catch (IOException e) {
                    throw new DatasetException(folder + ": cannot list the folder (" + e.getMessage() + ")");
                }
                if (files.isEmpty() && Files.exists(folder.resolve("train.bin"))) {
                    files.add(folder.resolve("train.bin"));
                }
            }
            case TEST -> {
                if (Files.exists(folder.resolve("test_batch.bin"))) {
                    files.add(folder.resolve("test_batch.bin"));
                } else if (Files.exists(folder.resolve("test.bin"))) {
                    files.add(folder.resolve("test.bin"));
                }
            }
            case UNLABELED -> throw new DatasetException("CIFAR-10 has no unlabeled split; use train or test");
        }
        if (files.isEmpty()) {
            String expected = split == Split.TRAIN ? "data_batch_1.bin … data_batch_5.bin or train.bin" : "test_batch.bin or test.bin";
            throw new DatasetException(folder + ": no CIFAR-10 " + split.id() + " file; expected " + expected
                    + " (the binary version of CIFAR-10); choose the folder that holds them");
        }
        return files;
    }

    /** Class names from {@code batches.meta.txt} when present, else the standard ten. */
    static List<String> classNames(Path folder) {
        Path meta = folder.resolve("batches.meta.txt");
        if (!Files.isRegularFile(meta)) {
            return DEFAULT_CLASS_NAMES;
        }
        try {
            List<String> names = Files.readAllLines(meta).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
            return names.size() == 10 ? names : DEFAULT_CLASS_NAMES;
        } catch (IOException e) {
            return DEFAULT_CLASS_NAMES;
        }
    }

    /** The images of a split without reading them: the files are found and their sizes checked. */
    static int count(Path folder, Split split) {
        long records = 0;
        for (Path file : filesFor(folder, split)) {
            records += recordsIn(file);
        }
        return Math.toIntExact(records);
    }

    private static long recordsIn(Path file) {
        long bytes = DatasetFolders.sizeOf(file);
        if (bytes == 0 || bytes % RECORD_BYTES != 0) {
            throw new DatasetException(String.format("%s: %,d bytes is not a whole number of %,d-byte CIFAR-10 records"
                    + " (a truncated download, or not the binary version); download it again", file, bytes, RECORD_BYTES));
        }
        return bytes / RECORD_BYTES;
    }

    private static void readFile(Path file, int size, List<byte[]> images, List<Integer> labels) {
        long records = recordsIn(file);
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
            for (long r = 0; r < records; r++) {
                int label = in.readUnsignedByte();
                if (label > 9) {
                    throw new DatasetException(String.format("%s: record %,d has label %d but CIFAR-10 labels are 0-9"
                            + " (is this CIFAR-100, whose records carry two label bytes?)", file, r, label));
                }
                byte[] pixels = new byte[RECORD_BYTES - 1];
                in.readFully(pixels);
                images.add(ImageResampler.resizeSquare(pixels, SIDE, size));
                labels.add(label);
            }
        } catch (EOFException e) {
            throw new DatasetException(file + ": ended early; download it again", e);
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }
}
