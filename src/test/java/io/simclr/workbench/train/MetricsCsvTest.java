package io.simclr.workbench.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.simclr.workbench.method.ContrastiveMetrics;
import io.simclr.workbench.method.MethodMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsCsvTest {

    @TempDir
    Path dir;

    /** The header metrics.csv had before the methods' columns. */
    private static final String OLD_HEADER = "epoch,step,global_step,loss,top1,top5,entropy,pos_sim,neg_sim,alignment,uniformity,embedding_std,lr,"
            + "views_per_s,elapsed_s,eta_s,grad_norm";

    private static StepMetrics step(long globalStep, MethodMetrics method) {
        ContrastiveMetrics m = new ContrastiveMetrics(2.5, 0.5, 0.9, Double.NaN, 0.8, 0.1, 0.4, -3.0, 0.05, 0.0884);
        return new StepMetrics(0, (int) globalStep, globalStep, 10, m, method, 1e-3, 100, 1.5, 10, 0.7);
    }

    @Test
    void aMethodsFiguresAreColumnsAndWhatItLacksIsNotANumber() throws IOException {
        Path file = dir.resolve("metrics.csv");
        try (MetricsCsv csv = MetricsCsv.open(file, -1)) {
            csv.append(step(0, new MethodMetrics(0.99, 0.25, 3, Double.NaN, Double.NaN)));
        }
        MetricsTable m = MetricsCsv.read(file);
        assertEquals(1, m.rows());
        assertTrue(java.util.Arrays.stream(Metric.values()).allMatch(m::has), "a new file has every column");
        assertArrayEquals(new double[] {0.99}, m.get(Metric.MOMENTUM));
        assertArrayEquals(new double[] {0.25}, m.get(Metric.QUEUE_FILL));
        assertArrayEquals(new double[] {0.0884}, m.get(Metric.HEALTHY_STD));
        assertTrue(Double.isNaN(m.get(Metric.ENTROPY)[0]) && Double.isNaN(m.get(Metric.PROTOTYPES_USED)[0]));
    }

    /** A run written before the methods' columns, resumed: its rows keep its header's columns and the file reads as one. */
    @Test
    void aResumedOldFileKeepsItsColumns() throws IOException {
        Path file = dir.resolve("metrics.csv");
        Files.writeString(file, OLD_HEADER + "\n0,0,0,3.1,0.1,0.3,3.4,0.5,0.4,1.0,-2.0,0.07,0.001,90.0,1.00,20.0,5.0\n"
                + "0,1,1,3.0,0.1,0.3,3.4,0.5,0.4,1.0,-2.0,0.07,0.001,90.0,2.00,19.0,5.0\n");
        try (MetricsCsv csv = MetricsCsv.open(file, 1)) {
            csv.append(step(1, MethodMetrics.NONE));
        }
        List<String> lines = Files.readAllLines(file);
        assertEquals(OLD_HEADER, lines.get(0));
        assertEquals(17, lines.get(2).split(",").length, lines.get(2));
        MetricsTable m = MetricsCsv.read(file);
        assertArrayEquals(new double[] {3.1, 2.5}, m.get(Metric.LOSS));
        assertFalse(m.has(Metric.MOMENTUM));
        assertTrue(Double.isNaN(m.get(Metric.MOMENTUM)[1]) && m.get(Metric.MOMENTUM).length == 2, "a column it lacks reads as NaN, row for row");
        assertEquals(2.5, m.last(Metric.LOSS));
        assertEquals(2.5, m.tailMean(Metric.LOSS), "the last tenth of two rows is the last row");
    }
}
