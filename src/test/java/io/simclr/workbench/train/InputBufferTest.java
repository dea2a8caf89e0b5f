package io.simclr.workbench.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class InputBufferTest {

    @Test
    void arraysHoldExactlyTheValuesGivenAndSurviveTheBuffersReuse() {
        InputBuffer buffer = new InputBuffer();
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            float[] first = {1.5f, -2f, 3.25f, 0f, 7f, 8f};
            try (NDManager step = manager.newSubManager()) {
                NDArray a = buffer.create(step, first, 6, new Shape(2, 3));
                assertArrayEquals(first, a.toFloatArray());
            }
            float[] second = {9f, 10f, 11f, 12f, 13f, 14f, 99f};
            try (NDManager step = manager.newSubManager()) {
                NDArray b = buffer.create(step, second, 4, new Shape(2, 2));
                assertArrayEquals(new float[] {9f, 10f, 11f, 12f}, b.toFloatArray());
                NDArray doubled = b.mul(2);
                assertArrayEquals(new float[] {18f, 20f, 22f, 24f}, doubled.toFloatArray());
            }
        }
    }
}
