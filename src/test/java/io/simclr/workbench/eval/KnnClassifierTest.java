package io.simclr.workbench.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KnnClassifierTest {

    /** Class 0 around angle 0, class 1 around angle 90 degrees; lengths vary to show only direction counts. */
    private static final float[] BANK = {1, 0.1f, 5, -0.2f, 0.2f, 2, -0.1f, 1, 3, 0};
    private static final int[] LABELS = {0, 0, 1, 1, 0};

    private static NDManager manager;

    @BeforeAll
    static void engine() {
        manager = NDManager.newBaseManager("PyTorch");
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    @Test
    void nearestByCosineWinsWhateverTheVectorLength() {
        KnnClassifier knn = new KnnClassifier(manager, BANK, LABELS, 2, 2);
        int[] predicted = knn.predict(new float[] {10, 1, 0.01f, 7}, 1, 0.1);
        assertArrayEquals(new int[] {0, 1}, predicted);
    }

    @Test
    void votesAreWeightedBySimilarity() {
        // Query at 40 degrees: two class-1 neighbours at ~87-95 degrees, one class-0 at 0 degrees.
        float[] bank = {1, 0, 0.05f, 1, -0.05f, 1};
        KnnClassifier knn = new KnnClassifier(manager, bank, new int[] {0, 1, 1}, 2, 2);
        float[] query = {(float) Math.cos(Math.toRadians(40)), (float) Math.sin(Math.toRadians(40))};
        // Sharp votes (T = 0.05): the single closer class-0 point outweighs two farther class-1 points.
        assertEquals(0, knn.predict(query, 3, 0.05)[0]);
        // Flat votes (T = 100): every neighbour counts about the same, so the majority wins.
        assertEquals(1, knn.predict(query, 3, 100)[0]);
    }

    @Test
    void accuracyCountsCorrectPredictions() {
        KnnClassifier knn = new KnnClassifier(manager, BANK, LABELS, 2, 2);
        assertEquals(0.5, knn.accuracy(new float[] {1, 0, 0, 1}, new int[] {0, 0}, 1, 0.1), 1e-12);
    }

    @Test
    void defaultKIsTwoHundredOrTwentyForSmallClasses() {
        int[] big = new int[600];
        for (int i = 0; i < big.length; i++) {
            big[i] = i % 2;
        }
        assertEquals(200, KnnClassifier.defaultK(big, 2));
        assertEquals(20, KnnClassifier.defaultK(Arrays.copyOf(big, 300), 2));
    }

    @Test
    void blockwiseNeighboursMatchABruteForceSearch() {
        Random random = new Random(5);
        int dim = 8;
        int bankSize = 3_000;
        float[] bank = new float[bankSize * dim];
        float[] queries = new float[50 * dim];
        for (int i = 0; i < bank.length; i++) {
            bank[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < queries.length; i++) {
            queries[i] = (float) random.nextGaussian();
        }
        try (KnnClassifier knn = new KnnClassifier(manager, bank, new int[bankSize], dim, 1)) {
            KnnClassifier.Neighbours nn = knn.neighbours(queries, 5);
            for (int q = 0; q < 50; q++) {
                double[] cos = new double[bankSize];
                Integer[] order = new Integer[bankSize];
                for (int j = 0; j < bankSize; j++) {
                    order[j] = j;
                    double dot = 0, a = 0, b = 0;
                    for (int d = 0; d < dim; d++) {
                        dot += queries[q * dim + d] * bank[j * dim + d];
                        a += queries[q * dim + d] * queries[q * dim + d];
                        b += bank[j * dim + d] * bank[j * dim + d];
                    }
                    cos[j] = dot / Math.sqrt(a * b);
                }
                Arrays.sort(order, (x, y) -> Double.compare(cos[y], cos[x]));
                for (int r = 0; r < 5; r++) {
                    assertEquals(order[r], nn.indices()[q * 5 + r], "query " + q + " rank " + r);
                    assertEquals(cos[order[r]], nn.similarities()[q * 5 + r], 1e-5);
                }
            }
        }
    }
}
