package io.simclr.workbench.data;

import java.util.List;

/** Loads a split of the dataset a {@link DataConfig} names; the one entry point the jobs use. */
public final class DatasetLoader {
    private DatasetLoader() {}

    /**
     * Finds a split's files and checks what can be checked without decoding (files present, sizes
     * whole records, class folders), so a job can refuse bad data before it writes or trains anything.
     *
     * @return the number of images in the split
     * @throws DatasetException naming the file or folder and what to do
     */
    public static int count(DataConfig config, Split split) {
        List<String> problems = config.problems();
        if (!problems.isEmpty()) {
            throw new DatasetException(String.join("; ", problems));
        }
        return switch (config.source()) {
            case SHAPES -> split == Split.TEST ? config.testCount() : config.trainCount();
            case CIFAR10 -> Cifar10BinaryReader.count(config.dataPath(), split);
            case STL10 -> Stl10BinaryReader.count(config.dataPath(), split);
            case FOLDER -> ImageFolderReader.list(config.dataPath(), split).entries().size();
        };
    }

    public static LoadedDataset load(DataConfig config, Split split) {
        int size = config.effectiveImageSize();
        if (size < DataConfig.MIN_IMAGE_SIZE || size > DataConfig.MAX_IMAGE_SIZE) {
            throw new DatasetException("image size " + size + " is out of range; use " + DataConfig.MIN_IMAGE_SIZE + " to "
                    + DataConfig.MAX_IMAGE_SIZE + " pixels (32, 64 and 96 are usual)");
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
