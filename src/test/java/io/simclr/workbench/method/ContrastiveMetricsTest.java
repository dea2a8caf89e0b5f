package io.simclr.workbench.method;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class ContrastiveMetricsTest {

    /** The two-pair example of NtXentLossTest: positives have cosine 1, negatives 0. */
    private static final float[] COSINE = {
            1, 0, 1, 0,
            0, 1, 0, 1,
            1, 0, 1, 0,
            0, 1, 0, 1};
    private static final float[] NORMALIZED = {1, 0, 0, 1, 1, 0, 0, 1};

    @Test
    void metricsOfAPerfectlyAlignedBatchMatchHandValues() {
        ContrastiveMetrics m = ContrastiveMetrics.compute(COSINE, NORMALIZED, 4, 2, 1.0);
        assertEquals(Math.log(2 + Math.E) - 1, m.loss(), 1e-12);
        assertEquals(1.0, m.top1());
        assertEquals(1.0, m.top5());
        assertEquals(1.0, m.positiveSimilarity(), 1e-12);
        assertEquals(0.0, m.negativeSimilarity(), 1e-12);
        assertEquals(0.0, m.alignment(), 1e-12);
        // Pairs (0,2) and (1,3) at distance 0, the other four at squared distance 2.
        assertEquals(Math.log((2 + 4 * Math.exp(-4)) / 6), m.uniformity(), 1e-12);
        // Each anchor's softmax over (0, 1, 0) with tau 1.
        double z = 2 + Math.E;
        double entropy = -(2 * (1 / z) * Math.log(1 / z) + (Math.E / z) * Math.log(Math.E / z));
        assertEquals(entropy, m.entropy(), 1e-12);
        // Both dimensions take values 1, 0, 1, 0: standard deviation 0.5.
        assertEquals(0.5, m.embeddingStd(), 1e-12);
        assertFalse(m.hasNonFinite());
    }

    @Test
    void anchorWhoseNegativeBeatsThePositiveMissesTopOne() {
        // Four views; anchor 0's positive (view 2) has cosine 0.1, its negative (view 1) 0.9.
        float[] cosine = {
                1, 0.9f, 0.1f, 0,
                0.9f, 1, 0, 0.5f,
                0.1f, 0, 1, 0,
                0, 0.5f, 0, 1};
        float[] normalized = new float[8];
        ContrastiveMetrics m = ContrastiveMetrics.compute(cosine, normalized, 4, 2, 0.5);
        // Anchor 0 misses; anchor 1 (positive 3: 0.5 vs 0.9) misses; anchor 2 (0.1 vs 0) hits; anchor 3 (0.5 vs 0) hits.
        assertEquals(0.5, m.top1(), 1e-12);
        assertEquals(1.0, m.top5(), 1e-12);
        assertEquals((0.1 + 0.5 + 0.1 + 0.5) / 4, m.positiveSimilarity(), 1e-6);
        assertEquals(((2 - 0.2) + (2 - 1.0)) / 2, m.alignment(), 1e-6);
    }

    @Test
    void collapsedEmbeddingsHaveZeroSpread() {
        float[] cosine = new float[16];
        java.util.Arrays.fill(cosine, 1f);
        float[] normalized = {0.6f, 0.8f, 0.6f, 0.8f, 0.6f, 0.8f, 0.6f, 0.8f};
        ContrastiveMetrics m = ContrastiveMetrics.compute(cosine, normalized, 4, 2, 0.5);
        assertEquals(0.0, m.embeddingStd(), 1e-7);
        assertEquals(Math.log(3), m.loss(), 1e-9);
        assertEquals(Math.log(3), m.entropy(), 1e-9);
        assertEquals(0.0, m.uniformity(), 1e-9);
    }
}
