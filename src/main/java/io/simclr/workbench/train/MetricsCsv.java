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
import java.util.HashMap;
import java.util.LinkedHashMap;
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

    public static final List<String> COLUMNS = List.of("epoch", "step", "global_step", "loss", "top1", "top5", "entropy",
            "pos_sim", "neg_sim", "alignment", "uniformity", "embedding_std", "lr", "views_per_s", "elapsed_s", "eta_s", "grad_norm",
            "healthy_std", "momentum", "queue_fill", "negative_age", "assignment_entropy", "prototypes_used");

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
        if (Files.exists(file) && !Files.isWritable(file)) {
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
     * The columns of a metrics file by name; rows that are cut short (a crash mid-write) are
     * skipped, and an empty file gives empty columns.
     */
    public static Map<String, double[]> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Map<String, double[]> columns = new LinkedHashMap<>();
        if (lines.isEmpty()) {
            return columns;
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
        for (int c = 0; c < names.length; c++) {
            double[] values = new double[rows.size()];
            for (int r = 0; r < rows.size(); r++) {
                values[r] = rows.get(r)[c];
            }
            columns.put(names[c], values);
        }
        return columns;
    }

    /** Mean of the last tenth (at least one) of a column: where a curve ended, without one batch's noise; NaN for no column. */
    public static double tailMean(double[] values) {
        if (values == null || values.length == 0) {
            return Double.NaN;
        }
        int from = values.length - Math.max(1, values.length / 10);
        double sum = 0;
        for (int i = from; i < values.length; i++) {
            sum += values[i];
        }
        return sum / (values.length - from);
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
        values.put("epoch", String.valueOf(s.epoch()));
        values.put("step", String.valueOf(s.stepInEpoch()));
        values.put("global_step", String.valueOf(s.globalStep()));
        put(values, "loss", "%.6f", m.loss());
        put(values, "top1", "%.5f", m.top1());
        put(values, "top5", "%.5f", m.top5());
        put(values, "entropy", "%.5f", m.entropy());
        put(values, "pos_sim", "%.5f", m.positiveSimilarity());
        put(values, "neg_sim", "%.5f", m.negativeSimilarity());
        put(values, "alignment", "%.5f", m.alignment());
        put(values, "uniformity", "%.5f", m.uniformity());
        put(values, "embedding_std", "%.6f", m.embeddingStd());
        put(values, "lr", "%.6g", s.learningRate());
        put(values, "views_per_s", "%.1f", s.viewsPerSecond());
        put(values, "elapsed_s", "%.2f", s.elapsedSeconds());
        put(values, "eta_s", "%.1f", s.etaSeconds());
        put(values, "grad_norm", "%.6g", s.gradientNorm());
        put(values, "healthy_std", "%.6f", m.healthyStd());
        put(values, "momentum", "%.6f", k.momentum());
        put(values, "queue_fill", "%.4f", k.queueFill());
        put(values, "negative_age", "%.1f", k.negativeAge());
        put(values, "assignment_entropy", "%.5f", k.assignmentEntropy());
        put(values, "prototypes_used", "%.0f", k.prototypesUsed());
        out.write(String.join(",", columns.stream().map(c -> values.getOrDefault(c, "NaN")).toList()));
        out.newLine();
        out.flush();
    }

    private static void put(Map<String, String> values, String column, String format, double value) {
        values.put(column, String.format(Locale.ROOT, format, value));
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
