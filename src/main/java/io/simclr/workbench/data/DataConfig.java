package io.simclr.workbench.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which dataset to load and how: the data part of every job's config, serialised to JSON as is.
 *
 * @param source        where images come from
 * @param dataDir       the folder for cifar10, stl10 and folder sources; ignored for shapes
 * @param imageSize     side length in pixels; 0 means the source's native size
 * @param trainCount    shapes only: images in the train split
 * @param testCount     shapes only: images in the test split
 * @param seed          shapes only: generator seed
 * @param cacheBudgetMb decoded images beyond this many MB are streamed from disk; 0 means a third of the heap
 */
public record DataConfig(DataSource source, String dataDir, int imageSize, int trainCount, int testCount, long seed,
                         int cacheBudgetMb) {

    public static final long DEFAULT_SHAPES_SEED = 0;
    public static final int MIN_IMAGE_SIZE = 8;
    public static final int MAX_IMAGE_SIZE = 1024;
    /** More generated images than this would take minutes to draw and gigabytes to hold. */
    public static final int MAX_SHAPES = 1_000_000;

    public static DataConfig shapes() {
        return new DataConfig(DataSource.SHAPES, null, 0, ShapesDataset.DEFAULT_TRAIN_COUNT, ShapesDataset.DEFAULT_TEST_COUNT,
                DEFAULT_SHAPES_SEED, 0);
    }

    /** The built-in shapes with {@code trainImages} to train on and a fifth as many to test on. */
    public static DataConfig shapes(int trainImages) {
        return shapes().withShapesCount(trainImages);
    }

    public static DataConfig of(DataSource source, Path dataDir) {
        return new DataConfig(source, dataDir == null ? null : dataDir.toString(), 0, ShapesDataset.DEFAULT_TRAIN_COUNT,
                ShapesDataset.DEFAULT_TEST_COUNT, DEFAULT_SHAPES_SEED, 0);
    }

    public DataConfig withImageSize(int size) {
        return new DataConfig(source, dataDir, size, trainCount, testCount, seed, cacheBudgetMb);
    }

    /** The same dataset read from another folder (it moved since the run was made). */
    public DataConfig withDataDir(Path dir) {
        return new DataConfig(source, dir.toString(), imageSize, trainCount, testCount, seed, cacheBudgetMb);
    }

    /** {@code trainImages} generated shapes to train on and a fifth as many to test on. */
    public DataConfig withShapesCount(int trainImages) {
        return withCounts(trainImages, Math.max(1, trainImages / 5));
    }

    public DataConfig withCounts(int train, int test) {
        return new DataConfig(source, dataDir, imageSize, train, test, seed, cacheBudgetMb);
    }

    /** The side length actually used. */
    public int effectiveImageSize() {
        return imageSize > 0 ? imageSize : source.nativeSize();
    }

    public long cacheBudgetBytes() {
        return cacheBudgetMb > 0 ? cacheBudgetMb * 1024L * 1024L : Runtime.getRuntime().maxMemory() / 3;
    }

    /** Every problem, each naming its key, the value and what is allowed; empty when usable. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (source == null) {
            problems.add("data.source is missing; choose shapes, cifar10, stl10 or folder");
            return problems;
        }
        if (imageSize != 0 && (imageSize < MIN_IMAGE_SIZE || imageSize > MAX_IMAGE_SIZE)) {
            problems.add("data.imageSize is " + imageSize + " but must be 0 (the dataset's own, " + source.nativeSize() + " px) or "
                    + MIN_IMAGE_SIZE + " to " + MAX_IMAGE_SIZE + " pixels");
        }
        if (source != DataSource.SHAPES && (dataDir == null || dataDir.isBlank())) {
            problems.add("data.dataDir is missing: the " + source.id() + " dataset needs the folder that holds its files");
        }
        if (source == DataSource.SHAPES && (trainCount < 2 || trainCount > MAX_SHAPES || testCount < 1 || testCount > MAX_SHAPES)) {
            problems.add("data.trainCount (" + trainCount + ") and data.testCount (" + testCount + ") must be 2 and 1 to " + MAX_SHAPES
                    + " generated images");
        }
        if (cacheBudgetMb < 0) {
            problems.add("data.cacheBudgetMb is " + cacheBudgetMb + " but must be 0 (a third of the heap) or more");
        }
        return problems;
    }

    public Path dataPath() {
        return dataDir == null ? null : Path.of(dataDir);
    }
}
