package io.simclr.workbench.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * A first-in, first-out queue of unit vectors (MoCo's keys, SwAV's past embeddings): each push
 * overwrites the oldest rows, a batch at a time. It starts full of random unit vectors, as MoCo's
 * does; {@link #fill()} says how much of it holds real ones, and {@link #meanAge} how stale they are.
 * The rows live in the run's manager.
 */
final class KeyQueue {

    private final int size;
    private NDArray rows;
    /** The step that wrote each row; -1 while it holds its random start. */
    private long[] writtenAt;
    /** The row the next push starts at: the oldest. */
    private int next;

    KeyQueue(NDManager manager, int size, int dim) {
        this.size = size;
        try (NDManager scratch = manager.newSubManager()) {
            NDArray start = UnitVectors.of(scratch.randomNormal(new Shape(size, dim)));
            start.attach(manager);
            this.rows = start;
        }
        this.writtenAt = new long[size];
        Arrays.fill(writtenAt, -1);
    }

    /** A copy of the rows as they are now, owned by {@code owner} (a step's manager), so later pushes do not change it. */
    NDArray snapshot(NDManager owner) {
        NDArray copy = rows.duplicate();
        copy.attach(owner);
        return copy;
    }

    /** Writes {@code batch} (n x d, n dividing the size) over the n oldest rows. */
    void push(NDArray batch, long step) {
        int n = Math.toIntExact(batch.getShape().get(0));
        if (size % n != 0) {
            throw new IllegalArgumentException("a queue of " + size + " takes pushes that divide it, not " + n);
        }
        rows.set(new NDIndex("{}:{}", next, next + n), batch);
        Arrays.fill(writtenAt, next, next + n, step);
        next = (next + n) % size;
    }

    /** Share of rows holding pushed vectors rather than the random start. */
    double fill() {
        return Arrays.stream(writtenAt).filter(s -> s >= 0).count() / (double) size;
    }

    boolean full() {
        return Arrays.stream(writtenAt).allMatch(s -> s >= 0);
    }

    /** Mean steps since the pushed rows were written, seen from {@code step}; NaN before the first push. */
    double meanAge(long step) {
        return Arrays.stream(writtenAt).filter(s -> s >= 0).mapToDouble(s -> step - s).average().orElse(Double.NaN);
    }

    void save(DataOutputStream out) throws IOException {
        try (NDManager scratch = rows.getManager().newSubManager()) {
            StateArrays.write(out, new NDList(rows, scratch.create(writtenAt), scratch.create(new long[] {next})));
        }
    }

    void load(DataInputStream in, NDManager manager) throws IOException {
        NDList saved = StateArrays.read(in, manager);
        if (saved.size() != 3 || saved.get(0).getShape().get(0) != size) {
            throw new IOException("the checkpoint's queue does not fit this run's (" + size + " rows)");
        }
        rows.close();
        rows = saved.get(0);
        writtenAt = saved.get(1).toLongArray();
        next = Math.toIntExact(saved.get(2).toLongArray()[0]);
        saved.get(1).close();
        saved.get(2).close();
    }
}
