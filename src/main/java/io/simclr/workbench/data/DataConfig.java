package io.simclr.workbench.data;

import java.nio.file.Path;

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

    public static DataConfig shapes() {
        return new DataConfig(DataSource.SHAPES, null, 0, ShapesDataset.DEFAULT_TRAIN_COUNT, ShapesDataset.DEFAULT_TEST_COUNT,
                DEFAULT_SHAPES_SEED, 0);
    }

    public static DataConfig of(DataSource source, Path dataDir) {
        return new DataConfig(source, dataDir == null ? null : dataDir.toString(), 0, ShapesDataset.DEFAULT_TRAIN_COUNT,
                ShapesDataset.DEFAULT_TEST_COUNT, DEFAULT_SHAPES_SEED, 0);
    }

    public DataConfig withImageSize(int size) {
        return new DataConfig(source, dataDir, size, trainCount, testCount, seed, cacheBudgetMb);
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

    public Path dataPath() {
        return dataDir == null ? null : Path.of(dataDir);
    }
}
