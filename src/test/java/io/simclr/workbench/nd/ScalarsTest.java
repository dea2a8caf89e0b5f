package io.simclr.workbench.nd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The ten-line check of the number-operand trap: y = f(x, constant).sum() under a gradient
 * collector, a garbage collection (and fresh direct buffers to reuse the freed memory) before
 * backward, and the gradient must still be the constant's.
 */
public class ScalarsTest {

    /** A collection, time for the cleaner to free what it found, then direct buffers full of junk over the freed memory. */
    public static void collectAndScribble() {
        System.gc();
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (int i = 0; i < 500; i++) {
            java.nio.ByteBuffer.allocateDirect(4).putFloat(0, -1e-15f);
        }
    }

    private static float[] gradientAfterCollection(UnaryOperator<NDArray> f, float[] x0) {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray x = manager.create(x0);
            x.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray y = f.apply(x).sum();
                collectAndScribble();
                collector.backward(y);
            }
            return x.getGradient().toFloatArray();
        }
    }

    @Test
    void divisionByAConstantKeepsItsGradientThroughAGarbageCollection() {
        for (int trial = 0; trial < 20; trial++) {
            assertArrayEquals(new float[] {0.25f, 0.25f, 0.25f}, gradientAfterCollection(x -> Scalars.div(x, 4), new float[] {1, 2, 3}),
                    "trial " + trial);
        }
    }

    @Test
    void everyOperationKeepsItsGradientThroughAGarbageCollection() {
        float[] x0 = {0.5f, 2f, -1f};
        assertArrayEquals(new float[] {3, 3, 3}, gradientAfterCollection(x -> Scalars.mul(x, 3), x0));
        assertArrayEquals(new float[] {1, 1, 1}, gradientAfterCollection(x -> Scalars.add(x, 7), x0));
        assertArrayEquals(new float[] {1, 1, 1}, gradientAfterCollection(x -> Scalars.sub(x, 7), x0));
        // maximum(x, 1) passes the gradient where x is above the constant only
        assertArrayEquals(new float[] {0, 1, 0}, gradientAfterCollection(x -> Scalars.maximum(x, 1), x0));
        // x * x / 2 via the constant: gradient x / 2 * 2 = x
        assertArrayEquals(x0, gradientAfterCollection(x -> Scalars.div(x.mul(x), 2), x0));
    }
}
