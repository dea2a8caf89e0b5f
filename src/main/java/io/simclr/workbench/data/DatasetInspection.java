package io.simclr.workbench.data;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * A look at a dataset folder before anything is decoded: which splits and classes it has, how many
 * images, and the image size to load it at, with the reason. A folder that cannot be a dataset — no
 * class sub-folders, or so many files that it is more likely the system's temporary folder — is
 * refused with a count and what to choose instead, before a single image is read.
 */
public final class DatasetInspection {

    /** More files than this below a chosen folder is not a dataset a laptop trains on; it is a wrong folder. */
    public static final int MAX_FILES = 200_000;
    public static final int MAX_CLASSES = 1_000;
    /** Images sampled for their size. */
    static final int SIZE_SAMPLE = 64;
    /** Above this side a folder's images are loaded smaller, so a CPU run stays at minutes. */
    static final int LARGEST_OWN_SIZE = 96;
    static final int LARGE_IMAGE_SIZE = 64;

    /**
     * @param suggestedSize the side images are loaded at
     * @param sizeReason    why that size, in a few words
     */
    public record Report(DataSource source, Path folder, int trainImages, int testImages, List<String> classNames, int suggestedSize,
                         String sizeReason) {
        /** "4,000 train and 1,000 test images in 10 classes · 28 px: the images' own size" */
        public String summary() {
            return String.format(Locale.ROOT, "%,d train and %,d test images in %d classes · %d px: %s", trainImages, testImages,
                    classNames.size(), suggestedSize, sizeReason);
        }
    }

    private DatasetInspection() {}

    /** @throws DatasetException naming the folder, what was found and what to choose instead */
    public static Report inspect(DataSource source, Path folder) {
        DataConfig config = DataConfig.of(source, folder);
        return switch (source) {
            case SHAPES -> shapes(config.trainCount());
            case CIFAR10 -> new Report(source, folder, DatasetLoader.count(config, Split.TRAIN), DatasetLoader.count(config, Split.TEST),
                    Cifar10BinaryReader.classNames(folder), Cifar10BinaryReader.SIDE, "CIFAR-10's own size");
            case STL10 -> new Report(source, folder, DatasetLoader.count(config, Split.TRAIN), DatasetLoader.count(config, Split.TEST),
                    Stl10BinaryReader.DEFAULT_CLASS_NAMES, Stl10BinaryReader.SIDE, "STL-10's own size");
            case FOLDER -> inspectFolder(folder);
        };
    }

    /** The built-in shapes at {@code trainImages} training images (and a fifth of that to test on, as {@link DataConfig#shapes()} splits). */
    public static Report shapes(int trainImages) {
        DataConfig config = DataConfig.shapes(trainImages);
        return new Report(DataSource.SHAPES, null, config.trainCount(), config.testCount(), ShapesDataset.classNames(), 32,
                "the built-in shapes are drawn at 32 px");
    }

    private static Report inspectFolder(Path folder) {
        DatasetFolders.requireReadableFolder(folder, "image folder");
        if (countFiles(folder) == 0) {
            throw new DatasetException(folder + " holds no files; choose the folder whose sub-folders hold the images of each class");
        }
        if (!TinyImageNetLayout.matches(folder)) {
            requireClassFolders(folder);
        }
        ImageFolderReader.Listing train = ImageFolderReader.list(folder, Split.TRAIN);
        ImageFolderReader.Listing test = ImageFolderReader.list(folder, Split.TEST);
        if (train.classNames().size() > MAX_CLASSES) {
            throw new DatasetException(String.format(Locale.ROOT, "%s has %,d sub-folders, each taken as a class; a dataset has at most %,d"
                    + " — choose the folder whose sub-folders are the classes", folder, train.classNames().size(), MAX_CLASSES));
        }
        int side = medianSide(train.entries());
        int size;
        String reason;
        if (side <= 0) {
            size = DataSource.FOLDER.nativeSize();
            reason = "the sampled files' sizes could not be read, so the default";
        } else if (side <= LARGEST_OWN_SIZE) {
            size = Math.max(DataConfig.MIN_IMAGE_SIZE, side);
            reason = "the images' own size (median of " + Math.min(SIZE_SAMPLE, train.entries().size()) + " sampled)";
        } else {
            size = LARGE_IMAGE_SIZE;
            reason = "the images are about " + side + " px; " + LARGE_IMAGE_SIZE + " px keeps a CPU run to minutes (choose more for detail)";
        }
        return new Report(DataSource.FOLDER, folder, train.entries().size(), test.entries().size(), train.classNames(), size, reason);
    }

    /** Counts the files below {@code folder}, refusing early when there are more than a dataset would have. */
    static int countFiles(Path folder) {
        int[] count = {0};
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    return ++count[0] > MAX_FILES ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // an unreadable corner of a folder is not the dataset's concern
                }
            });
        } catch (IOException e) {
            throw new DatasetException(folder + ": cannot list the folder (" + e.getMessage() + "); check its permissions", e);
        }
        if (count[0] > MAX_FILES) {
            throw new DatasetException(String.format(Locale.ROOT, "%s holds more than %,d files in its sub-folders; that is not a dataset"
                    + " to train on here (is it a system or home folder?) — choose the folder whose sub-folders are the classes", folder,
                    MAX_FILES));
        }
        return count[0];
    }

    /** Images straight in the folder and no sub-folders: say how many, and how to arrange them. */
    private static void requireClassFolders(Path folder) {
        Path root = Files.isDirectory(folder.resolve("train")) ? folder.resolve("train") : folder;
        long direct;
        long subfolders;
        try (Stream<Path> list = Files.list(root)) {
            List<Path> children = list.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
            direct = children.stream().filter(Files::isRegularFile).count();
            subfolders = children.stream().filter(Files::isDirectory).count();
        } catch (IOException e) {
            throw new DatasetException(root + ": cannot list the folder (" + e.getMessage() + "); check its permissions", e);
        }
        if (subfolders == 0) {
            throw new DatasetException(String.format(Locale.ROOT, "%s holds %,d files but no class sub-folders; put each class's images in a"
                    + " sub-folder named after the class (e.g. %s)", root, direct, root.resolve("cat").resolve("image1.png")));
        }
    }

    /** The median shorter side of up to {@value #SIZE_SAMPLE} images spread over the listing, from their headers; 0 when none reads. */
    static int medianSide(List<ImageFolderReader.Entry> entries) {
        List<Integer> sides = new ArrayList<>();
        int step = Math.max(1, entries.size() / SIZE_SAMPLE);
        for (int i = 0; i < entries.size() && sides.size() < SIZE_SAMPLE; i += step) {
            int side = shorterSide(entries.get(i).file());
            if (side > 0) {
                sides.add(side);
            }
        }
        if (sides.isEmpty()) {
            return 0;
        }
        int[] sorted = sides.stream().mapToInt(Integer::intValue).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    /** The shorter side from the image's header alone, or 0 if it is not an image the readers know. */
    private static int shorterSide(Path file) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                return 0;
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return 0;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return Math.min(reader.getWidth(0), reader.getHeight(0));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
