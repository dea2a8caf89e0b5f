package io.simclr.workbench.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.simclr.workbench.nd.Scalars;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Wu et al.'s memory bank: one unit vector per training image, starting random, moved toward the
 * image's embedding whenever the image is seen (v <- normalise(m v + (1 - m) f)). Being written
 * only once an epoch per image, its entries are as old as an epoch: the staleness MoCo's momentum
 * encoder answers. The rows live in the run's manager.
 */
final class FeatureMemory {

    private final int images;
    private NDArray rows;
    /** The step that last wrote each row; -1 while it holds its random start. */
    private long[] writtenAt;

    FeatureMemory(NDManager manager, int images, int dim) {
        this.images = images;
        try (NDManager scratch = manager.newSubManager()) {
            NDArray start = UnitVectors.of(scratch.randomNormal(new Shape(images, dim)));
            start.attach(manager);
            this.rows = start;
        }
        this.writtenAt = new long[images];
        Arrays.fill(writtenAt, -1);
    }

    /** The stored features of {@code indices} (n x d), owned by {@code owner}. */
    NDArray rows(int[] indices, NDManager owner) {
        return rows.get(owner, new NDIndex("{}", RowIndex.of(owner, indices)));
    }

    /** {@code count} image indices drawn uniformly with replacement, as the paper's noise samples. */
    int[] sample(int count, SplittableRandom random) {
        int[] drawn = new int[count];
        for (int i = 0; i < count; i++) {
            drawn[i] = random.nextInt(images);
        }
        return drawn;
    }

    /** Moves the rows of {@code indices} toward {@code features} (n x d, unit rows) with momentum {@code m}, at {@code step}. */
    void update(int[] indices, NDArray features, double m, long step) {
        NDManager owner = features.getManager();
        NDArray old = rows(indices, owner);
        NDArray moved = UnitVectors.of(Scalars.mul(old, m).add(Scalars.mul(features, 1 - m)));
        rows.set(new NDIndex("{}", RowIndex.of(owner, indices)), moved);
        for (int i : indices) {
            writtenAt[i] = step;
        }
    }

    /** Share of images whose memory has been written at least once. */
    double fill() {
        return Arrays.stream(writtenAt).filter(s -> s >= 0).count() / (double) images;
    }

    /** Mean steps since the rows {@code indices} were written, over those written at all; NaN when none is. */
    double meanAge(int[] indices, long step) {
        return Arrays.stream(indices).mapToLong(i -> writtenAt[i]).filter(s -> s >= 0).mapToDouble(s -> step - s).average()
                .orElse(Double.NaN);
    }

    void save(DataOutputStream out) throws IOException {
        try (NDManager scratch = rows.getManager().newSubManager()) {
            StateArrays.write(out, new NDList(rows, scratch.create(writtenAt)));
        }
    }

    void load(DataInputStream in, NDManager manager) throws IOException {
        NDList saved = StateArrays.read(in, manager);
        if (saved.size() != 2 || saved.get(0).getShape().get(0) != images) {
            throw new IOException("the checkpoint's memory bank does not fit this run's " + images + " training images");
        }
        rows.close();
        rows = saved.get(0);
        writtenAt = saved.get(1).toLongArray();
        saved.get(1).close();
    }
}
