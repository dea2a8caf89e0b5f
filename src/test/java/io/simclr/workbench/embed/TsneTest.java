package io.simclr.workbench.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TsneTest {

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
    void barnesHutRepulsionIsCloseToTheExactSums() {
        Random random = new Random(1);
        int n = 3000;
        double[] y = new double[2 * n];
        for (int i = 0; i < y.length; i++) {
            y[i] = 10 * random.nextGaussian() + (i % 2 == 0 ? 0 : 5);
        }
        double[] exact = new double[2 * n];
        double[] approx = new double[2 * n];
        double zExact = new ExactRepulsion().compute(y, n, exact);
        double zApprox;
        try (BarnesHutRepulsion tree = new BarnesHutRepulsion(BarnesHutRepulsion.THETA)) {
            zApprox = tree.compute(y, n, approx);
        }
        assertEquals(zExact, zApprox, 2e-2 * zExact, "theta 0.5 errs by about a percent");
        double[] exactAgain = new double[2 * n];
        try (BarnesHutRepulsion tree = new BarnesHutRepulsion(0)) {
            assertEquals(zExact, tree.compute(y, n, exactAgain), 1e-9 * zExact, "theta 0 opens every cell: exact");
        }
        assertArrayEquals(exact, exactAgain, 1e-9);
        double error = 0;
        double norm = 0;
        for (int i = 0; i < 2 * n; i++) {
            error += (exact[i] - approx[i]) * (exact[i] - approx[i]);
            norm += exact[i] * exact[i];
        }
        assertTrue(Math.sqrt(error / norm) < 0.05, "relative force error " + Math.sqrt(error / norm));
    }

    @Test
    void affinityRowsHaveThePerplexityAskedForAndPIsSymmetric() {
        ClusteredData data = ClusteredData.generate(300, 20, 3, 5, 4);
        NearestNeighbours.Result nn = NearestNeighbours.ofEachRow(manager, data.rows(), 20, 90);
        Affinities p = Affinities.compute(nn, 30);
        double total = 0;
        for (int i = 0; i < p.size(); i++) {
            for (int e = p.rowStart[i]; e < p.rowStart[i + 1]; e++) {
                total += p.values[e];
                assertEquals(p.values[e], lookup(p, p.columns[e], i), 1e-15, "P must be symmetric");
            }
        }
        assertEquals(1.0, total, 1e-9);
    }

    @Test
    void separatedClustersStaySeparatedAndTheMapIsRepeatable() {
        for (int n : new int[] {600, 1500}) {
            ClusteredData data = ClusteredData.generate(n, 64, 5, 5, 2);
            List<Integer> reports = new ArrayList<>();
            Tsne.Settings settings = Tsne.Settings.defaults().withIterations(400);
            Tsne.Result first = Tsne.run(manager, data.rows(), 64, settings, (iteration, coordinates) -> reports.add(iteration));
            assertEquals(n <= Tsne.EXACT_LIMIT, first.exact());
            assertEquals(40, reports.size(), "a report every 10 iterations");
            assertTrue(clusterPurity(first.coordinates(), data.labels(), 10) > 0.97, "n=" + n);
            double preservation = NeighbourPreservation.of(manager, Tsne.normalizeRows(data.rows(), 64), 64, first.coordinates(), 10, 5000, 1);
            assertTrue(preservation > 0.3, "n=" + n + " preservation " + preservation);
            assertTrue(first.klDivergence() > 0 && first.klDivergence() < 3, "KL " + first.klDivergence());
            Tsne.Result second = Tsne.run(manager, data.rows(), 64, settings, null);
            assertArrayEquals(first.coordinates(), second.coordinates(), "same input, same map");
        }
    }

    @Test
    void cancellingStopsEarly() {
        ClusteredData data = ClusteredData.generate(200, 16, 2, 5, 3);
        int[] calls = {0};
        Tsne.Result r = Tsne.run(manager, data.rows(), 16, Tsne.Settings.defaults(), new Tsne.Listener() {
            @Override
            public void onProgress(int iteration, float[] coordinates) {
                calls[0]++;
            }

            @Override
            public boolean cancelled() {
                return calls[0] >= 3;
            }
        });
        assertEquals(30, r.iterations());
    }

    @Test
    void tooFewPointsAndNaNFeaturesAreClearErrors() {
        ClusteredData small = ClusteredData.generate(20, 8, 2, 5, 3);
        IllegalArgumentException few = assertThrows(IllegalArgumentException.class,
                () -> Tsne.run(manager, small.rows(), 8, Tsne.Settings.defaults(), null));
        assertTrue(few.getMessage().contains("perplexity 30.0") && few.getMessage().contains("there are 20"), few.getMessage());
        float[] broken = small.rows().clone();
        broken[5] = Float.NaN;
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> Tsne.run(manager, broken, 8, Tsne.Settings.defaults().withPerplexity(5), null));
        assertTrue(nan.getMessage().contains("NaN"), nan.getMessage());
    }

    @Test
    void pcaRecoversTheDirectionsOfLargestVariance() {
        Random random = new Random(9);
        int n = 2000;
        int dim = 40;
        float[] rows = new float[n * dim];
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < dim; d++) {
                double scale = d == 7 ? 10 : d == 3 ? 5 : 1;
                rows[i * dim + d] = (float) (scale * random.nextGaussian());
            }
        }
        Pca pca = Pca.fit(manager, rows, dim, 2);
        double[] variances = pca.explainedVariances();
        assertEquals(100, variances[0], 8);
        assertEquals(25, variances[1], 2.5);
        float[] projected = pca.project(rows);
        // The first component is axis 7 (sign fixed positive), the second axis 3.
        assertEquals(rows[7] - mean(rows, dim, 7), projected[0], 0.05 * 10);
    }

    private static double mean(float[] rows, int dim, int column) {
        double s = 0;
        for (int i = 0; i < rows.length / dim; i++) {
            s += rows[i * dim + column];
        }
        return s / (rows.length / dim);
    }

    private static double lookup(Affinities p, int i, int j) {
        for (int e = p.rowStart[i]; e < p.rowStart[i + 1]; e++) {
            if (p.columns[e] == j) {
                return p.values[e];
            }
        }
        return 0;
    }

    /** Fraction of points whose k nearest map neighbours mostly share their label. */
    private static double clusterPurity(float[] map, int[] labels, int k) {
        int n = labels.length;
        int good = 0;
        for (int i = 0; i < n; i++) {
            double[] d = new double[n];
            Integer[] order = new Integer[n];
            for (int j = 0; j < n; j++) {
                double dx = map[2 * i] - map[2 * j];
                double dy = map[2 * i + 1] - map[2 * j + 1];
                d[j] = j == i ? Double.MAX_VALUE : dx * dx + dy * dy;
                order[j] = j;
            }
            java.util.Arrays.sort(order, (a, b) -> Double.compare(d[a], d[b]));
            int same = 0;
            for (int t = 0; t < k; t++) {
                same += labels[order[t]] == labels[i] ? 1 : 0;
            }
            good += same * 2 > k ? 1 : 0;
        }
        return (double) good / n;
    }
}
