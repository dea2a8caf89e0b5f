package io.simclr.workbench.train;

import io.simclr.workbench.files.AtomicFiles;
import io.simclr.workbench.method.ContrastiveMetrics;
import io.simclr.workbench.method.MethodMetrics;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code metrics.csv}: a header, then one row per logged step, each flushed as written so a crash
 * loses nothing already logged and a chart can follow the file live. Every method writes every
 * column; a figure a method does not have (SimCLR's entropy for BYOL, a queue's fill for SimCLR) is
 * {@code NaN}. Readers take columns by name, so files written before a column existed still read,
 * and a run resumed in such a file goes on with the columns its header has.
 */
public final class MetricsCsv implements Closeable {

    /** The header of a new file. */
    public static final List<String> COLUMNS = Metric.columns();

    private final Path file;
    private final BufferedWriter out;
    /** The columns of the file's header, in its order. */
    private final List<String> columns;

    private MetricsCsv(Path file, BufferedWriter out, List<String> columns) {
        this.file = file;
        this.out = out;
        this.columns = columns;
    }

    /**
     * Opens the file for appending. When resuming from {@code resumeStep}, rows after it (logged
     * after the checkpoint, by a run that then died) are dropped so the curve continues cleanly.
     */
    public static MetricsCsv open(Path file, long resumeStep) throws IOException {
        if (AtomicFiles.isReadOnly(file)) {
            throw new IOException(file + " is read-only; make it writable (chmod u+w) to train in this run, or copy the run folder");
        }
        if (Files.exists(file) && resumeStep >= 0) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            StringBuilder kept = new StringBuilder();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (i == 0 || (!line.isBlank() && globalStep(line) < resumeStep)) {
                    kept.append(line).append('\n');
                }
            }
            AtomicFiles.writeString(file, kept.toString());
        }
        boolean fresh = !Files.exists(file) || Files.size(file) == 0;
        List<String> columns = fresh ? COLUMNS : header(file);
        try {
            BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            MetricsCsv csv = new MetricsCsv(file, out, columns);
            if (fresh) {
                out.write(String.join(",", COLUMNS));
                out.newLine();
                out.flush();
            }
            return csv;
        } catch (IOException e) {
            throw new IOException(file + " could not be written (" + e.getMessage() + ")", e);
        }
    }

    private static List<String> header(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = in.readLine();
            return first == null || first.isBlank() ? COLUMNS : List.of(first.split(","));
        }
    }

    private static long globalStep(String line) {
        String[] fields = line.split(",");
        try {
            return fields.length > 2 ? Long.parseLong(fields[2]) : Long.MAX_VALUE;
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * The metrics file read back, columns by name (columns this version does not know are left out);
     * rows that are cut short (a crash mid-write) are skipped, and an empty file gives no rows.
     */
    public static MetricsTable read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            return new MetricsTable(Map.of(), 0);
        }
        String[] names = lines.get(0).split(",");
        List<double[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",");
            if (fields.length != names.length) {
                continue;
            }
            double[] row = new double[names.length];
            try {
                for (int i = 0; i < names.length; i++) {
                    row[i] = Double.parseDouble(fields[i]);
                }
            } catch (NumberFormatException e) {
                continue;
            }
            rows.add(row);
        }
        Map<String, Metric> known = new HashMap<>();
        for (Metric metric : Metric.values()) {
            known.put(metric.column(), metric);
        }
        Map<Metric, double[]> columns = new EnumMap<>(Metric.class);
        for (int c = 0; c < names.length; c++) {
            Metric metric = known.get(names[c]);
            if (metric == null) {
                continue;
            }
            double[] values = new double[rows.size()];
            for (int r = 0; r < rows.size(); r++) {
                values[r] = rows.get(r)[c];
            }
            columns.put(metric, values);
        }
        return new MetricsTable(columns, rows.size());
    }

    /** @throws IOException naming the file (a full disk, say) */
    public void append(StepMetrics s) throws IOException {
        try {
            write(s);
        } catch (IOException e) {
            throw new IOException(file + " could not be written (" + e.getMessage() + ")", e);
        }
    }

    private void write(StepMetrics s) throws IOException {
        ContrastiveMetrics m = s.metrics();
        MethodMetrics k = s.methodMetrics();
        Map<String, String> values = new HashMap<>();
        values.put(Metric.EPOCH.column(), String.valueOf(s.epoch()));
        values.put(Metric.STEP.column(), String.valueOf(s.stepInEpoch()));
        values.put(Metric.GLOBAL_STEP.column(), String.valueOf(s.globalStep()));
        put(values, Metric.LOSS, "%.6f", m.loss());
        put(values, Metric.TOP1, "%.5f", m.top1());
        put(values, Metric.TOP5, "%.5f", m.top5());
        put(values, Metric.ENTROPY, "%.5f", m.entropy());
        put(values, Metric.POSITIVE_SIMILARITY, "%.5f", m.positiveSimilarity());
        put(values, Metric.NEGATIVE_SIMILARITY, "%.5f", m.negativeSimilarity());
        put(values, Metric.ALIGNMENT, "%.5f", m.alignment());
        put(values, Metric.UNIFORMITY, "%.5f", m.uniformity());
        put(values, Metric.EMBEDDING_STD, "%.6f", m.embeddingStd());
        put(values, Metric.LEARNING_RATE, "%.6g", s.learningRate());
        put(values, Metric.VIEWS_PER_SECOND, "%.1f", s.viewsPerSecond());
        put(values, Metric.ELAPSED_SECONDS, "%.2f", s.elapsedSeconds());
        put(values, Metric.ETA_SECONDS, "%.1f", s.etaSeconds());
        put(values, Metric.GRADIENT_NORM, "%.6g", s.gradientNorm());
        put(values, Metric.HEALTHY_STD, "%.6f", m.healthyStd());
        put(values, Metric.MOMENTUM, "%.6f", k.momentum());
        put(values, Metric.QUEUE_FILL, "%.4f", k.queueFill());
        put(values, Metric.NEGATIVE_AGE, "%.1f", k.negativeAge());
        put(values, Metric.ASSIGNMENT_ENTROPY, "%.5f", k.assignmentEntropy());
        put(values, Metric.PROTOTYPES_USED, "%.0f", k.prototypesUsed());
        out.write(String.join(",", columns.stream().map(c -> values.getOrDefault(c, "NaN")).toList()));
        out.newLine();
        out.flush();
    }

    private static void put(Map<String, String> values, Metric metric, String format, double value) {
        values.put(metric.column(), String.format(Locale.ROOT, format, value));
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
