package io.simclr.workbench.data;

import java.util.List;

/** A dataset together with the files the loader had to skip (empty for clean data). */
public record LoadedDataset(ImageDataset dataset, List<SkippedFile> skipped) {

    public LoadedDataset {
        skipped = List.copyOf(skipped);
    }

    public static LoadedDataset clean(ImageDataset dataset) {
        return new LoadedDataset(dataset, List.of());
    }

    /** One line for a log or a terminal: what was loaded, and how many files were skipped. */
    public String summary() {
        String base = String.format("%s: %,d images, %d px, %d classes", dataset.description(), dataset.size(),
                dataset.imageSize(), dataset.classNames().size());
        return skipped.isEmpty() ? base : base + String.format(" (%,d unreadable files skipped)", skipped.size());
    }
}
