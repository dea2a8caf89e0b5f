package io.simclr.workbench.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Reads image folders: one sub-folder per class (torchvision's ImageFolder layout), optionally under
 * {@code train/} and {@code test/} (or {@code val/}); without those, a stable fifth of each class
 * (chosen by a hash of the file name) is the test split. The Tiny ImageNet layout is recognised by
 * its {@code wnids.txt}.
 *
 * <p>Unreadable files are skipped and reported, the rest load. A folder whose cache would not fit the
 * memory budget is streamed from disk: headers are checked up front, pixels decoded on demand.
 */
public final class ImageFolderReader {

    private static final int TEST_FRACTION_BUCKETS = 5;

    private ImageFolderReader() {}

    /** A file and its class index. */
    record Entry(Path file, int label) {}

    /** Files and class names found in a folder, before any pixel is read. */
    record Listing(List<Entry> entries, List<String> classNames, String description) {}

    public static LoadedDataset read(Path folder, Split split, int size, long memoryBudgetBytes) {
        Listing listing = list(folder, split);
        boolean stream = (long) listing.entries().size() * 3 * size * size > memoryBudgetBytes;
        return stream ? streamed(listing, size) : decodeAll(listing, size);
    }

    /** The files of a split and its classes, before any pixel is read. */
    static Listing list(Path folder, Split split) {
        DatasetFolders.requireReadableFolder(folder, "image folder");
        Listing listing = TinyImageNetLayout.matches(folder)
                ? TinyImageNetLayout.list(folder, split)
                : listClassFolders(folder, split);
        if (listing.entries().isEmpty()) {
            throw new DatasetException(folder + ": no image files for the " + split.id() + " split; put images in one sub-folder per class");
        }
        return listing;
    }

    static Listing listClassFolders(Path folder, Split split) {
        if (split == Split.UNLABELED) {
            throw new DatasetException("image folders have no unlabeled split; use train or test");
        }
        Path train = folder.resolve("train");
        Path test = Files.isDirectory(folder.resolve("test")) ? folder.resolve("test") : folder.resolve("val");
        boolean presplit = Files.isDirectory(train) && Files.isDirectory(test);
        Path root = presplit ? (split == Split.TRAIN ? train : test) : folder;
        List<Path> classDirs = subfolders(root);
        if (classDirs.isEmpty()) {
            throw new DatasetException(root + ": no class sub-folders; put each class's images in a sub-folder named after the class"
                    + " (e.g. " + root.resolve("cat") + "/img1.png)");
        }
        if (classDirs.size() == 1) {
            throw new DatasetException(root + ": only one class sub-folder (" + classDirs.get(0).getFileName() + ");"
                    + " evaluation needs at least two classes — add a sub-folder for each class");
        }
        List<String> classNames = classDirs.stream().map(p -> p.getFileName().toString()).toList();
        List<Entry> entries = new ArrayList<>();
        for (int label = 0; label < classDirs.size(); label++) {
            for (Path file : files(classDirs.get(label))) {
                if (presplit || inSplit(root.relativize(file).toString(), split)) {
                    entries.add(new Entry(file, label));
                }
            }
        }
        String description = String.format("folder %s %s", folder.getFileName(), split.id());
        return new Listing(entries, classNames, description);
    }

    /** A stable 80/20 split that does not move when files are added to a class. */
    private static boolean inSplit(String relativePath, Split split) {
        int bucket = (int) Math.floorMod(Seeds.mix(relativePath.hashCode()), TEST_FRACTION_BUCKETS);
        return (bucket == 0) == (split == Split.TEST);
    }

    static List<Path> subfolders(Path root) {
        try (Stream<Path> list = Files.list(root)) {
            return list.filter(Files::isDirectory).filter(p -> !hidden(p)).sorted().toList();
        } catch (IOException e) {
            throw new DatasetException(root + ": cannot list the folder (" + e.getMessage() + "); check its permissions", e);
        }
    }

    static List<Path> files(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).filter(p -> !hidden(p)).sorted().toList();
        } catch (IOException e) {
            throw new DatasetException(dir + ": cannot list the folder (" + e.getMessage() + "); check its permissions", e);
        }
    }

    private static boolean hidden(Path p) {
        return p.getFileName().toString().startsWith(".");
    }

    private static LoadedDataset decodeAll(Listing listing, int size) {
        List<Entry> entries = listing.entries();
        byte[][] images = new byte[entries.size()][];
        Map<Integer, SkippedFile> skipped = new ConcurrentHashMap<>();
        IntStream.range(0, entries.size()).parallel().forEach(i -> {
            Path file = entries.get(i).file();
            try {
                images[i] = ImageDecoder.decodeSquare(file, size);
            } catch (DatasetException e) {
                skipped.put(i, new SkippedFile(file, e.getMessage()));
            }
        });
        requireSomeReadable(listing, skipped.size());
        List<byte[]> kept = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            if (images[i] != null) {
                kept.add(images[i]);
                labels.add(entries.get(i).label());
            }
        }
        ImageDataset dataset = new InMemoryImageDataset(listing.description(), size, kept.toArray(new byte[0][]),
                labels.stream().mapToInt(Integer::intValue).toArray(), listing.classNames());
        return new LoadedDataset(dataset, sortedValues(skipped));
    }

    private static LoadedDataset streamed(Listing listing, int size) {
        List<Entry> entries = listing.entries();
        Map<Integer, SkippedFile> skipped = new ConcurrentHashMap<>();
        IntStream.range(0, entries.size()).parallel().forEach(i -> {
            try {
                ImageDecoder.probe(entries.get(i).file());
            } catch (DatasetException e) {
                skipped.put(i, new SkippedFile(entries.get(i).file(), e.getMessage()));
            }
        });
        requireSomeReadable(listing, skipped.size());
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            if (!skipped.containsKey(i)) {
                files.add(entries.get(i).file());
                labels.add(entries.get(i).label());
            }
        }
        ImageDataset dataset = new StreamedImageFolder(listing.description() + " streamed from disk", size, files,
                labels.stream().mapToInt(Integer::intValue).toArray(), listing.classNames());
        return new LoadedDataset(dataset, sortedValues(skipped));
    }

    private static void requireSomeReadable(Listing listing, int skippedCount) {
        if (skippedCount == listing.entries().size()) {
            throw new DatasetException(String.format("%s: none of its %,d files is a readable image (the first: %s)",
                    listing.description(), skippedCount, listing.entries().get(0).file()));
        }
    }

    private static List<SkippedFile> sortedValues(Map<Integer, SkippedFile> byIndex) {
        List<Integer> keys = new ArrayList<>(byIndex.keySet());
        Collections.sort(keys);
        return keys.stream().map(byIndex::get).toList();
    }

    /** Decodes each image when asked; for folders larger than the memory budget. */
    static final class StreamedImageFolder implements ImageDataset {
        private final String description;
        private final int size;
        private final List<Path> files;
        private final int[] labels;
        private final List<String> classNames;

        StreamedImageFolder(String description, int size, List<Path> files, int[] labels, List<String> classNames) {
            this.description = description;
            this.size = size;
            this.files = List.copyOf(files);
            this.labels = labels;
            this.classNames = List.copyOf(classNames);
        }

        @Override public String description() { return description; }
        @Override public int size() { return files.size(); }
        @Override public int imageSize() { return size; }
        @Override public int label(int index) { return labels[index]; }
        @Override public List<String> classNames() { return classNames; }

        @Override
        public void copyPixels(int index, byte[] dst) {
            byte[] pixels = ImageDecoder.decodeSquare(files.get(index), size);
            System.arraycopy(pixels, 0, dst, 0, pixels.length);
        }
    }
}
