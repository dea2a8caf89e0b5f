package io.simclr.workbench.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One reusable direct buffer for handing float batches to the engine. Given a heap array, the engine
 * copies it into a fresh direct buffer per call, which only the garbage collector frees; at one
 * batch per step that native memory piles up between collections and the process grows.
 *
 * <p>The engine may read the buffer in place, so an array made from it must be closed before the
 * next {@link #create} (each step and each evaluation batch closes its own).
 */
public final class InputBuffer {

    private ByteBuffer buffer = ByteBuffer.allocateDirect(0);

    public NDArray create(NDManager manager, float[] values, int count, Shape shape) {
        long bytes = 4L * count;
        if (buffer.capacity() < bytes) {
            buffer = ByteBuffer.allocateDirect(Math.toIntExact(bytes)).order(ByteOrder.nativeOrder());
        }
        buffer.clear();
        buffer.asFloatBuffer().put(values, 0, count);
        buffer.limit(Math.toIntExact(bytes));
        return manager.create(buffer.slice().order(ByteOrder.nativeOrder()), shape, ai.djl.ndarray.types.DataType.FLOAT32);
    }
}
