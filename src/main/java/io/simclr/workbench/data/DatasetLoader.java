package io.simclr.workbench.data;

/** Loads a split of the dataset a {@link DataConfig} names; the one entry point the jobs use. */
public final class DatasetLoader {
    private DatasetLoader() {}

    public static LoadedDataset load(DataConfig config, Split split) {
        int size = config.effectiveImageSize();
        if (size < 8 || size > 1024) {
            throw new DatasetException("image size " + size + " is out of range; use 8 to 1024 pixels (32, 64 and 96 are usual)");
        }
        return switch (config.source()) {
            case SHAPES -> LoadedDataset.clean(ShapesDataset.generate(split,
                    split == Split.TEST ? config.testCount() : config.trainCount(), size, config.seed()));
            case CIFAR10 -> LoadedDataset.clean(Cifar10BinaryReader.read(config.dataPath(), split, size));
            case STL10 -> LoadedDataset.clean(Stl10BinaryReader.read(config.dataPath(), split, size, config.cacheBudgetBytes()));
            case FOLDER -> ImageFolderReader.read(config.dataPath(), split, size, config.cacheBudgetBytes());
        };
    }
}
