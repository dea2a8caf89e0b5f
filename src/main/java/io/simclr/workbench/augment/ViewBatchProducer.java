package io.simclr.workbench.augment;

import io.simclr.workbench.data.ImageDataset;
import io.simclr.workbench.data.Seeds;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Feeds training: background threads augment the batches of one epoch ahead of the consumer, at most
 * {@code prefetch} at a time, so augmentation overlaps the training step. Batches come out in order
 * and are the same whatever the thread count: the epoch's shuffle is seeded by (seed, epoch) and each
 * image's pair by (seed, epoch, image index).
 *
 * <p>A last batch of a single image is dropped (a contrastive batch needs two); a shorter last batch
 * of two or more is kept.
 */
public final class ViewBatchProducer implements AutoCloseable {

    private final ImageDataset dataset;
    private final AugmentationPipeline pipeline;
    private final int batchSize;
    private final long seed;
    private final int epoch;
    private final int prefetch;
    private final int[] order;
    private final int batchCount;
    private final ExecutorService workers;
    private final ThreadLocal<TwoViewGenerator> generators;
    private final BlockingQueue<float[]> pool;
    private final Deque<Future<ViewBatch>> pending = new ArrayDeque<>();
    private int nextToSubmit;
    private int nextToTake;

    public ViewBatchProducer(ImageDataset dataset, AugmentationPipeline pipeline, int batchSize, long seed, int epoch,
                             int threads, int prefetch) {
        this(dataset, pipeline, batchSize, seed, epoch, 0, threads, prefetch);
    }

    /** Starts at batch {@code firstBatch} of the epoch, as a resumed run does, without augmenting the ones before. */
    public ViewBatchProducer(ImageDataset dataset, AugmentationPipeline pipeline, int batchSize, long seed, int epoch,
                             int firstBatch, int threads, int prefetch) {
        if (batchSize < 2) {
            throw new IllegalArgumentException("batch size must be at least 2 (each image needs negatives), not " + batchSize);
        }
        if (dataset.size() < 2) {
            throw new IllegalArgumentException(dataset.description() + " has " + dataset.size() + " images; contrastive training needs at least 2");
        }
        if (threads < 1 || prefetch < 1) {
            throw new IllegalArgumentException("threads and prefetch must be at least 1");
        }
        this.dataset = dataset;
        this.pipeline = pipeline;
        this.batchSize = batchSize;
        this.seed = seed;
        this.epoch = epoch;
        this.prefetch = prefetch;
        this.order = Seeds.permutation(dataset.size(), new SplittableRandom(Seeds.derive(seed, 0x5eed, epoch)));
        this.batchCount = batchesPerEpoch(dataset.size(), batchSize);
        if (firstBatch < 0 || firstBatch > batchCount) {
            throw new IllegalArgumentException("epoch " + epoch + " has " + batchCount + " batches; cannot start at batch " + firstBatch);
        }
        this.nextToSubmit = firstBatch;
        this.nextToTake = firstBatch;
        AtomicInteger counter = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "augment-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.generators = ThreadLocal.withInitial(() -> new TwoViewGenerator(pipeline));
        this.pool = new ArrayBlockingQueue<>(prefetch + 2);
    }

    /**
     * Images per epoch and batch size give the batch count, without building a producer. The
     * images left over after the last full batch wait for a later epoch (each epoch shuffles anew),
     * as the reference implementations drop their last batch: NT-Xent's scale is ln(2N - 1), so a
     * short batch's loss is not comparable and would put a dip into the curve every epoch. A set
     * smaller than one batch has no batch: the training service refuses such a job up front.
     */
    public static int batchesPerEpoch(int images, int batchSize) {
        return images / batchSize;
    }

    /** Batches in this epoch. */
    public int batchCount() {
        return batchCount;
    }

    public boolean hasNext() {
        return nextToTake < batchCount;
    }

    /**
     * The next batch, waiting for it if the workers are behind. A failure in a worker (an unreadable
     * image, say) is rethrown here with its own message.
     */
    public ViewBatch next() throws InterruptedException {
        if (!hasNext()) {
            throw new NoSuchElementException("epoch " + epoch + " has " + batchCount + " batches");
        }
        topUp();
        Future<ViewBatch> future = pending.poll();
        nextToTake++;
        try {
            ViewBatch batch = future.get();
            topUp();
            return batch;
        } catch (ExecutionException e) {
            close();
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("augmentation failed: " + e.getCause(), e.getCause());
        } catch (CancellationException e) {
            throw new InterruptedException("the batch producer was closed");
        }
    }

    private void topUp() {
        while (pending.size() < prefetch && nextToSubmit < batchCount) {
            int batchIndex = nextToSubmit++;
            pending.add(workers.submit(() -> build(batchIndex)));
        }
    }

    private ViewBatch build(int batchIndex) {
        int start = batchIndex * batchSize;
        int pairs = Math.min(batchSize, dataset.size() - start);
        int side = pipeline.outputSize();
        int viewLength = 3 * side * side;
        float[] views = pool.poll();
        if (views == null || views.length < 2 * pairs * viewLength) {
            views = new float[2 * batchSize * viewLength];
        }
        TwoViewGenerator generator = generators.get();
        byte[] pixels = new byte[dataset.bytesPerImage()];
        int[] indices = new int[pairs];
        int[] labels = new int[pairs];
        for (int i = 0; i < pairs; i++) {
            int index = order[start + i];
            indices[i] = index;
            labels[i] = dataset.label(index);
            dataset.copyPixels(index, pixels);
            generator.generate(pixels, dataset.imageSize(), Seeds.derive(seed, epoch, index),
                    views, i * viewLength, views, (pairs + i) * viewLength);
        }
        return new ViewBatch(epoch, batchIndex, indices, labels, side, views, pool);
    }

    /** Stops the workers; batches not yet taken are dropped. */
    @Override
    public void close() {
        pending.forEach(f -> f.cancel(true));
        pending.clear();
        workers.shutdownNow();
    }
}
