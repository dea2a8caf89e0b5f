package io.simclr.workbench.train;

import io.simclr.workbench.files.AtomicFiles;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;

/**
 * {@code metrics.csv}: a header, then one row per logged step, each flushed as written so a crash
 * loses nothing already logged and a chart can follow the file live.
 */
public final class MetricsCsv implements Closeable {

    public static final List<String> COLUMNS = List.of("epoch", "step", "global_step", "loss", "top1", "top5", "entropy",
            "pos_sim", "neg_sim", "alignment", "uniformity", "embedding_std", "lr", "views_per_s", "elapsed_s", "eta_s", "grad_norm");

    private final Path file;
    private final BufferedWriter out;

    private MetricsCsv(Path file, BufferedWriter out) {
        this.file = file;
        this.out = out;
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
        try {
            BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            MetricsCsv csv = new MetricsCsv(file, out);
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
    public static java.util.Map<String, double[]> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        java.util.Map<String, double[]> columns = new java.util.LinkedHashMap<>();
        if (lines.isEmpty()) {
            return columns;
        }
        String[] names = lines.get(0).split(",");
        List<double[]> rows = new java.util.ArrayList<>();
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
        out.write(String.format(Locale.ROOT, "%d,%d,%d,%.6f,%.5f,%.5f,%.5f,%.5f,%.5f,%.5f,%.5f,%.6f,%.6g,%.1f,%.2f,%.1f,%.6g",
                s.epoch(), s.stepInEpoch(), s.globalStep(), m.loss(), m.top1(), m.top5(), m.entropy(), m.positiveSimilarity(),
                m.negativeSimilarity(), m.alignment(), m.uniformity(), m.embeddingStd(), s.learningRate(), s.viewsPerSecond(),
                s.elapsedSeconds(), s.etaSeconds(), s.gradientNorm()));
        out.newLine();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
