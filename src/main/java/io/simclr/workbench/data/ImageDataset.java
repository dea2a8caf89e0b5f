package io.simclr.workbench.data;

import java.util.List;

/**
 * A labelled (or unlabelled) set of square RGB images, all of one side length, as uint8 pixels in
 * planar CHW order (all red, then all green, then all blue; rows top to bottom).
 *
 * <p>Implementations are safe for concurrent reads: batch producers read from several threads.
 */
public interface ImageDataset {

    /** The label of an image with no class (e.g. STL-10's unlabeled split). */
    int UNLABELED = -1;

    /** A short human description, e.g. {@code "cifar10 train (5,085 images, 32 px)"}. */
    String description();

    int size();

    /** Side length in pixels; every image is {@code imageSize x imageSize}. */
    int imageSize();

    /** Class index in {@code [0, classNames().size())}, or {@link #UNLABELED}. */
    int label(int index);

    List<String> classNames();

    /** Copies image {@code index} into {@code dst} (length {@code 3 * imageSize^2}, CHW). */
    void copyPixels(int index, byte[] dst);

    /** Number of bytes one image occupies. */
    default int bytesPerImage() {
        return 3 * imageSize() * imageSize();
    }

    default byte[] pixels(int index) {
        byte[] dst = new byte[bytesPerImage()];
        copyPixels(index, dst);
        return dst;
    }

    /**
     * The images at {@code indices} as one batch a network takes: CHW floats in [0, 1], image after image,
     * scaled by the same code as training views.
     */
    default float[] inputFloats(int[] indices) {
        int plane = bytesPerImage();
        byte[] pixels = new byte[plane];
        float[] out = new float[indices.length * plane];
        for (int i = 0; i < indices.length; i++) {
            copyPixels(indices[i], pixels);
            ImageResampler.toFloat(pixels, out, i * plane);
        }
        return out;
    }

    /** Images {@code from} to {@code from + count - 1} as {@link #inputFloats(int[])} gives them. */
    default float[] inputFloats(int from, int count) {
        return inputFloats(java.util.stream.IntStream.range(from, from + count).toArray());
    }

    default boolean isLabeled() {
        return size() > 0 && label(0) != UNLABELED;
    }
}
