package io.simclr.workbench.train;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * A metrics file read back: one array per column, all of {@link #rows()} length. A column the file
 * does not have (it was written before the column existed) reads as NaN throughout, which charts
 * and {@link #tailMean} skip; {@link #has} says which is which.
 */
public final class MetricsTable {

    private final Map<Metric, double[]> columns;
    private final int rows;

    MetricsTable(Map<Metric, double[]> columns, int rows) {
        this.columns = new EnumMap<>(Metric.class);
        this.columns.putAll(columns);
        this.rows = rows;
    }

    public int rows() {
        return rows;
    }

    public boolean has(Metric metric) {
        return columns.containsKey(metric);
    }

    /** The column's values, one per logged step (a copy; NaN throughout when the file lacks it). */
    public double[] get(Metric metric) {
        double[] values = columns.get(metric);
        if (values == null) {
            double[] missing = new double[rows];
            Arrays.fill(missing, Double.NaN);
            return missing;
        }
        return values.clone();
    }

    /** The column's value at the last logged step; NaN with no rows. */
    public double last(Metric metric) {
        return rows == 0 ? Double.NaN : get(metric)[rows - 1];
    }

    /** Mean of the last tenth (at least one row) of the column: where its curve ended, without one batch's noise; NaN when it has none. */
    public double tailMean(Metric metric) {
        double[] values = get(metric);
        if (values.length == 0) {
            return Double.NaN;
        }
        int from = values.length - Math.max(1, values.length / 10);
        double sum = 0;
        for (int i = from; i < values.length; i++) {
            sum += values[i];
        }
        return sum / (values.length - from);
    }
}
