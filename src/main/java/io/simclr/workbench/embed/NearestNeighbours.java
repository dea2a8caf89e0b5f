package io.simclr.workbench.embed;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.simclr.workbench.nd.Scalars;

/**
 * Exact k nearest neighbours by Euclidean distance, computed as |x|^2 - 2 x.y + |y|^2 matrix products
 * on the engine, a bounded block of queries at a time (about 64 MB of distances). A point is never
 * its own neighbour.
 */
public final class NearestNeighbours {

    private static final long BLOCK_ELEMENTS = 16L << 20;

    /** Row i's neighbours are {@code indices[i*k .. i*k+k)}, nearest first, with squared distances. */
    public record Result(int k, int[] indices, float[] squaredDistances) {}

    private NearestNeighbours() {}

    /** Neighbours of every row of {@code data} among the other rows. */
    public static Result ofEachRow(NDManager parent, float[] data, int dim, int k) {
        return search(parent, data, null, dim, k);
    }

    /**
     * Neighbours among the rows of {@code data} for the rows listed in {@code queries} (indices into
     * data; all rows when null).
     */
    public static Result search(NDManager parent, float[] data, int[] queries, int dim, int k) {
        int n = data.length / dim;
        int q = queries == null ? n : queries.length;
        int kk = Math.min(k, n - 1);
        if (kk < 1) {
            throw new IllegalArgumentException("nearest neighbours need at least 2 points, not " + n);
        }
        int[] indices = new int[q * kk];
        float[] distances = new float[q * kk];
        try (NDManager m = parent.newSubManager()) {
            NDArray all = m.create(data, new Shape(n, dim));
            NDArray allT = all.transpose().duplicate();
            NDArray squaredNorms = all.square().sum(new int[] {1});
            int block = (int) Math.max(1, Math.min(q, BLOCK_ELEMENTS / n));
            for (int start = 0; start < q; start += block) {
                int count = Math.min(block, q - start);
                try (NDManager scratch = m.newSubManager()) {
                    float[] rows = new float[count * dim];
                    long[] ids = new long[count];
                    for (int i = 0; i < count; i++) {
                        int row = queries == null ? start + i : queries[start + i];
                        ids[i] = row;
                        System.arraycopy(data, row * dim, rows, i * dim, dim);
                    }
                    NDArray x = scratch.create(rows, new Shape(count, dim));
                    NDArray d2 = Scalars.mul(x.matMul(allT), -2).add(x.square().sum(new int[] {1}, true)).add(squaredNorms);
                    // Exclude each query itself by pushing its own distance to +inf.
                    NDArray self = scratch.create(ids).reshape(count, 1);
                    NDArray columns = scratch.arange(0, n, 1, ai.djl.ndarray.types.DataType.INT64).reshape(1, n);
                    d2 = d2.add(Scalars.mul(columns.eq(self).toType(ai.djl.ndarray.types.DataType.FLOAT32, false), Float.MAX_VALUE));
                    NDList top = d2.topK(kk, 1, false, true);
                    float[] dist = top.get(0).toFloatArray();
                    long[] idx = top.get(1).toLongArray();
                    for (int i = 0; i < idx.length; i++) {
                        indices[start * kk + i] = (int) idx[i];
                        distances[start * kk + i] = Math.max(0f, dist[i]);
                    }
                }
            }
        }
        return new Result(kk, indices, distances);
    }
}
