package io.simclr.workbench.data;

import java.util.List;
import java.util.Objects;

/** The decode-once cache: every image held as compact uint8 CHW bytes, one array per image. */
public final class InMemoryImageDataset implements ImageDataset {

    private final String description;
    private final int imageSize;
    private final byte[][] images;
    private final int[] labels;
    private final List<String> classNames;

    public InMemoryImageDataset(String description, int imageSize, byte[][] images, int[] labels, List<String> classNames) {
        if (images.length != labels.length) {
            throw new IllegalArgumentException(images.length + " images but " + labels.length + " labels");
        }
        int bytes = 3 * imageSize * imageSize;
        for (int i = 0; i < images.length; i++) {
            if (images[i].length != bytes) {
                throw new IllegalArgumentException("image " + i + " has " + images[i].length + " bytes, expected " + bytes);
            }
        }
        this.description = Objects.requireNonNull(description);
        this.imageSize = imageSize;
        this.images = images;
        this.labels = labels;
        this.classNames = List.copyOf(classNames);
    }

    @Override public String description() { return description; }
    @Override public int size() { return images.length; }
    @Override public int imageSize() { return imageSize; }
    @Override public int label(int index) { return labels[index]; }
    @Override public List<String> classNames() { return classNames; }

    @Override
    public void copyPixels(int index, byte[] dst) {
        System.arraycopy(images[index], 0, dst, 0, images[index].length);
    }
}
