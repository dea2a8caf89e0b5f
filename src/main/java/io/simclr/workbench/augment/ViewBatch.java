package io.simclr.workbench.augment;

import java.util.concurrent.BlockingQueue;

/**
 * A training batch of {@code 2B} views as one float array shaped (2B, 3, H, W): rows
 * {@code 0..B-1} are the first views of the B images and rows {@code B..2B-1} their second views,
 * in the same order, so view {@code i} and view {@code i + B} are a positive pair.
 *
 * <p>{@link #recycle()} hands the array back to the producer once its contents have been copied out.
 */
public final class ViewBatch {
    private final int epoch;
    private final int batchIndex;
    private final int[] indices;
    private final int[] labels;
    private final int imageSize;
    private final float[] views;
    private final BlockingQueue<float[]> pool;

    ViewBatch(int epoch, int batchIndex, int[] indices, int[] labels, int imageSize, float[] views, BlockingQueue<float[]> pool) {
        this.epoch = epoch;
        this.batchIndex = batchIndex;
        this.indices = indices;
        this.labels = labels;
        this.imageSize = imageSize;
        this.views = views;
        this.pool = pool;
    }

    public int epoch() { return epoch; }
    public int batchIndex() { return batchIndex; }
    /** B, the number of images (half the number of views). */
    public int pairs() { return indices.length; }
    public int[] indices() { return indices.clone(); }
    public int[] labels() { return labels.clone(); }
    public int imageSize() { return imageSize; }

    /** The (2B, 3, H, W) values; valid until {@link #recycle()}. May be longer than {@link #valueCount()}. */
    public float[] views() { return views; }

    public int valueCount() {
        return 2 * indices.length * 3 * imageSize * imageSize;
    }

    /** The shape the views have, for making a tensor. */
    public long[] shape() {
        return new long[] {2L * indices.length, 3, imageSize, imageSize};
    }

    public void recycle() {
        pool.offer(views);
    }
}
