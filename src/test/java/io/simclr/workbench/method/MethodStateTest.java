package io.simclr.workbench.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.PairList;
import io.simclr.workbench.model.EncoderKind;
import io.simclr.workbench.model.ModelConfig;
import io.simclr.workbench.model.ModelFactory;
import io.simclr.workbench.model.SimClrNetwork;
import io.simclr.workbench.nd.Scalars;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the methods keep between steps: the momentum target and its schedule, the queue, the memory bank. */
class MethodStateTest {

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager("PyTorch");
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void theMomentumScheduleRisesOnAHalfCosineOrStaysConstant() {
        MomentumSchedule byol = new MomentumSchedule(0.99, 1.0, 100);
        assertEquals(0.99, byol.at(0), 1e-12);
        assertEquals(0.995, byol.at(50), 1e-12, "half way up at half the run");
        assertEquals(1 - 0.01 * (Math.cos(Math.PI * 0.25) + 1) / 2, byol.at(25), 1e-12);
        assertEquals(1.0, byol.at(100), 1e-12);
        assertEquals(0.99, new MomentumSchedule(0.99, 0.99, 100).at(70), 1e-12);
    }

    /** The target starts as a copy; an update moves each trained parameter to m t + (1 - m) o and leaves batch-norm statistics alone. */
    @Test
    void theMomentumEncoderIsAMovingAverageOfTheNetwork() {
        SimClrNetwork online = ModelFactory.create(ModelConfig.defaults(EncoderKind.SMALL), 16);
        ModelFactory.initialize(online, manager, 16);
        MomentumEncoder target = new MomentumEncoder(online, manager, 16);
        PairList<String, Parameter> o = online.getParameters();
        PairList<String, Parameter> t = target.network().getParameters();
        for (int i = 0; i < o.size(); i++) {
            assertArrayEquals(o.valueAt(i).getArray().toFloatArray(), t.valueAt(i).getArray().toFloatArray(), o.keyAt(i) + " starts equal");
        }
        float[][] before = new float[o.size()][];
        for (int i = 0; i < o.size(); i++) {
            before[i] = t.valueAt(i).getArray().toFloatArray();
            Scalars.addi(o.valueAt(i).getArray(), 1); // the network moves on by 1 everywhere
        }
        target.update(0.9);
        int checked = 0;
        for (int i = 0; i < o.size(); i++) {
            float[] now = t.valueAt(i).getArray().toFloatArray();
            float[] onlineNow = o.valueAt(i).getArray().toFloatArray();
            for (int j = 0; j < now.length; j++) {
                float expected = o.valueAt(i).requiresGradient() ? (float) (0.9 * before[i][j] + 0.1 * onlineNow[j]) : before[i][j];
                assertEquals(expected, now[j], 1e-5, o.keyAt(i) + "[" + j + "]");
            }
            checked += o.valueAt(i).requiresGradient() ? 0 : 1;
        }
        assertTrue(checked > 0, "the network has batch-norm statistics, which stay the target's own");
    }

    private NDArray rows(float... firstColumn) {
        float[] values = new float[firstColumn.length * 2];
        for (int i = 0; i < firstColumn.length; i++) {
            values[2 * i] = firstColumn[i];
        }
        return manager.create(values, new Shape(firstColumn.length, 2));
    }

    private static float[] firstColumn(NDArray a) {
        return a.get(new NDIndex(":, 0")).toFloatArray();
    }

    @Test
    void theQueueIsFirstInFirstOutAndReplacesItsOldestRows() {
        KeyQueue queue = new KeyQueue(manager, 6, 2);
        assertEquals(0, queue.fill());
        assertTrue(Double.isNaN(queue.meanAge(0)));
        queue.push(rows(1, 2), 0);
        queue.push(rows(3, 4), 1);
        assertEquals(4 / 6.0, queue.fill(), 1e-12);
        assertEquals((2 * 5 + 2 * 4) / 4.0, queue.meanAge(5), 1e-12, "ages 5, 5, 4, 4 at step 5");
        queue.push(rows(5, 6), 2);
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, firstColumn(queue.snapshot(manager)));
        assertTrue(queue.full());
        queue.push(rows(7, 8), 3);
        assertArrayEquals(new float[] {7, 8, 3, 4, 5, 6}, firstColumn(queue.snapshot(manager)), "the oldest two gave way");
        queue.push(rows(9, 10), 4);
        assertArrayEquals(new float[] {7, 8, 9, 10, 5, 6}, firstColumn(queue.snapshot(manager)));
        assertEquals((2 + 1 + 0) * 2 / 6.0, queue.meanAge(4), 1e-12);
    }

    @Test
    void aSnapshotDoesNotFollowLaterPushes() {
        KeyQueue queue = new KeyQueue(manager, 2, 2);
        queue.push(rows(1, 2), 0);
        NDArray before = queue.snapshot(manager);
        queue.push(rows(3, 4), 1);
        assertArrayEquals(new float[] {1, 2}, firstColumn(before));
    }

    @Test
    void theQueueComesBackFromItsSavedState() throws IOException {
        KeyQueue queue = new KeyQueue(manager, 4, 2);
        queue.push(rows(1, 2), 7);
        ByteArrayOutputStream saved = new ByteArrayOutputStream();
        queue.save(new DataOutputStream(saved));
        KeyQueue restored = new KeyQueue(manager, 4, 2);
        restored.load(new DataInputStream(new ByteArrayInputStream(saved.toByteArray())), manager);
        assertArrayEquals(queue.snapshot(manager).toFloatArray(), restored.snapshot(manager).toFloatArray());
        assertEquals(queue.fill(), restored.fill());
        assertEquals(queue.meanAge(9), restored.meanAge(9));
        restored.push(rows(3, 4), 8);
        assertArrayEquals(new float[] {1, 2, 3, 4}, firstColumn(restored.snapshot(manager)), "it goes on where it stood");
    }

    /** A memory moves to normalise(m v + (1 - m) f): with m = 0.5, v = x and f = y, to the diagonal. */
    @Test
    void theMemoryBankMovesAnImagesFeatureTowardItsEmbedding() {
        FeatureMemory memory = new FeatureMemory(manager, 5, 2);
        float[] start = memory.rows(new int[] {3}, manager).toFloatArray();
        assertEquals(1.0, Math.hypot(start[0], start[1]), 1e-6, "it starts as random unit vectors");
        memory.update(new int[] {3}, manager.create(new float[][] {{start[1], -start[0]}}), 0.5, 2);
        float[] moved = memory.rows(new int[] {3}, manager).toFloatArray();
        double half = Math.sqrt(0.5);
        assertEquals(half * (start[0] + start[1]), moved[0], 1e-6);
        assertEquals(half * (start[1] - start[0]), moved[1], 1e-6);
        assertEquals(1 / 5.0, memory.fill(), 1e-12);
        assertEquals(3.0, memory.meanAge(new int[] {3, 0}, 5), 1e-12, "only written memories have an age");
    }

    @Test
    void negativesAreDrawnUniformlyFromTheWholeBank() {
        FeatureMemory memory = new FeatureMemory(manager, 4, 2);
        int[] counts = new int[4];
        for (int i : memory.sample(40_000, new SplittableRandom(1))) {
            counts[i]++;
        }
        for (int c : counts) {
            assertEquals(10_000, c, 400);
        }
    }
}
