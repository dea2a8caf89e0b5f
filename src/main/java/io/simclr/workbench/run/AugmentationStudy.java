package io.simclr.workbench.run;

import io.simclr.workbench.augment.AugmentationConfig;
import io.simclr.workbench.augment.AugmentationPreset;
import io.simclr.workbench.data.DataConfig;
import io.simclr.workbench.model.EncoderKind;
import io.simclr.workbench.model.ModelConfig;
import io.simclr.workbench.eval.RunEvaluation;
import io.simclr.workbench.files.AtomicFiles;
import io.simclr.workbench.json.Json;
import io.simclr.workbench.train.RuntimeConfig;
import io.simclr.workbench.train.ScheduleConfig;
import io.simclr.workbench.train.TrainConfig;
import io.simclr.workbench.train.TrainingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The augmentation-composition study of the SimCLR paper (its Figure 5): one short run per pair of
 * operations — both applied to both views, one after the other; the diagonal is one operation alone —
 * each scored by the linear probe, shown as a grid with row and column averages. Finished cells are
 * kept in {@code study.json}; started again, the study goes on with the first missing cell.
 */
public final class AugmentationStudy {

    /** The operations the study composes, by the names the command takes. */
    public enum Operation {
        CROP, COLOR, BLUR, CUTOUT, SOBEL, NOISE, ROTATE;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Operation parse(String text) {
            return io.simclr.workbench.json.Choices.parse(values(), Operation::id, text, "operation");
        }
    }

    public record Cell(String first, String second, String run, double linearTop1, double seconds) {}

    public record Summary(List<String> operations, List<Cell> cells) {}

    private AugmentationStudy() {}

    /** Every operation off, then the two named on (the same one twice for a diagonal cell). */
    public static AugmentationConfig config(Operation a, Operation b) {
        EnumSet<Operation> on = EnumSet.of(a, b);
        var jitter = AugmentationConfig.ColorJitterSettings.simclr(1.0);
        return new AugmentationConfig(
                new AugmentationConfig.Crop(on.contains(Operation.CROP), 0.08, 1.0, 3.0 / 4.0, 4.0 / 3.0),
                new AugmentationConfig.Flip(false, 0.5),
                new AugmentationConfig.Rotation(on.contains(Operation.ROTATE), 1.0, true, 90),
                new AugmentationConfig.ColorJitterSettings(on.contains(Operation.COLOR), jitter.p(), jitter.brightness(), jitter.contrast(),
                        jitter.saturation(), jitter.hue()),
                new AugmentationConfig.Grayscale(on.contains(Operation.COLOR), 0.2),
                new AugmentationConfig.Blur(on.contains(Operation.BLUR), 1.0, 0.1, 0.1, 2.0),
                new AugmentationConfig.Noise(on.contains(Operation.NOISE), 1.0, 0.1),
                new AugmentationConfig.CutoutSettings(on.contains(Operation.CUTOUT), 1.0, 0.25, 0.5),
                new AugmentationConfig.Sobel(on.contains(Operation.SOBEL), 1.0)).validated();
    }

    /**
     * The run every cell starts from (its augmentations replaced): the small encoder, Adam 1e-3,
     * tau 0.2, seed 1, each cell stopped after {@code secondsPerRun}.
     */
    public static TrainConfig base(DataConfig data, int batch, int epochs, int threads, double secondsPerRun) {
        TrainConfig defaults = TrainConfig.defaults(data);
        return defaults.withAugmentation(AugmentationPreset.CROP_ONLY.config()).withModel(ModelConfig.defaults(EncoderKind.SMALL))
                .withTemperature(0.2).withOptimization(defaults.optimization().withBatchSize(batch).withLearningRate(1e-3))
                .withSchedule(ScheduleConfig.of(epochs).withBudgetSeconds(secondsPerRun)).withSeed(1)
                .withRuntime(RuntimeConfig.DEFAULT.withThreads(threads)).validated();
    }

    public static Path runFolder(Path study, Operation a, Operation b) {
        return study.resolve(a.id() + "+" + b.id());
    }

    /**
     * Runs (or continues) the study, row by row.
     *
     * @throws java.util.concurrent.CancellationException when {@code control} stopped it; finished cells are kept
     */
    public static Summary run(TrainConfig base, List<Operation> operations, Path study, List<TrainingListener> listeners,
                              Consumer<ExperimentProgress> progress, ExperimentControl control) throws IOException {
        Files.createDirectories(study);
        List<Cell> cells = new ArrayList<>(load(study).map(Summary::cells).orElse(List.of()));
        List<String> names = operations.stream().map(Operation::id).toList();
        int total = operations.size() * operations.size();
        save(study, new Summary(names, cells));
        int index = 0;
        for (Operation a : operations) {
            for (Operation b : operations) {
                index++;
                int cell = index;
                Path dir = runFolder(study, a, b);
                String name = dir.getFileName().toString();
                if (cells.stream().anyMatch(c -> c.first().equals(a.id()) && c.second().equals(b.id()))) {
                    progress.accept(new ExperimentProgress(cell, total, name, ExperimentProgress.Stage.ALREADY_DONE));
                    continue;
                }
                control.throwIfStopped(name);
                progress.accept(new ExperimentProgress(cell, total, name, ExperimentProgress.Stage.TRAINING));
                TrainConfig config = base.withAugmentation(config(a, b)).validated();
                RunCell.Done done = RunCell.trainAndEvaluate(config, dir, "the augmentation study in " + study, EnumSet.of(RunEvaluation.Probe.LINEAR), listeners, control,
                        () -> progress.accept(new ExperimentProgress(cell, total, name, ExperimentProgress.Stage.EVALUATING)));
                cells.add(new Cell(a.id(), b.id(), dir.getFileName().toString(), done.evaluation().trained().linearTop1(),
                        done.outcome().trainingSeconds()));
                save(study, new Summary(names, cells));
                progress.accept(new ExperimentProgress(cell, total, name, ExperimentProgress.Stage.DONE));
            }
        }
        return new Summary(names, cells);
    }

    /** study.json and study.html as they stand: before the first cell, so a stopped study can be opened, and after each. */
    private static void save(Path study, Summary summary) throws IOException {
        AtomicFiles.writeString(study.resolve("study.json"), Json.toJson(summary));
        AtomicFiles.writeString(study.resolve("study.html"), page(summary));
    }

    /** The study in {@code folder}, as far as it got; empty when it has no {@code study.json}. */
    public static java.util.Optional<Summary> load(Path folder) throws IOException {
        Path file = folder.resolve("study.json");
        if (!Files.exists(file)) {
            return java.util.Optional.empty();
        }
        Summary s = Json.GSON.fromJson(Files.readString(file), Summary.class);
        if (s == null || s.operations() == null) {
            throw new IOException(file + " is not a study summary (no operations in it); start the study in a new folder");
        }
        return java.util.Optional.of(s.cells() == null ? new Summary(s.operations(), List.of()) : s);
    }

    /**
     * The accuracy grid: rows are the first operation, columns the second; NaN where a cell has not
     * run. Averages are over the cells that have.
     */
    public record Grid(List<String> operations, double[][] values, double[] rowMeans, double[] columnMeans, double min, double max) {

        public static Grid of(Summary s) {
            List<String> ops = s.operations();
            int n = ops.size();
            double[][] grid = new double[n][n];
            for (double[] row : grid) {
                java.util.Arrays.fill(row, Double.NaN);
            }
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (Cell c : s.cells()) {
                int i = ops.indexOf(c.first());
                int j = ops.indexOf(c.second());
                if (i >= 0 && j >= 0) {
                    grid[i][j] = c.linearTop1();
                    min = Math.min(min, c.linearTop1());
                    max = Math.max(max, c.linearTop1());
                }
            }
            double[] rows = new double[n];
            double[] columns = new double[n];
            for (int i = 0; i < n; i++) {
                double[] column = new double[n];
                for (int k = 0; k < n; k++) {
                    column[k] = grid[k][i];
                }
                rows[i] = mean(grid[i]);
                columns[i] = mean(column);
            }
            return new Grid(ops, grid, rows, columns, min, max);
        }

        /** Where {@code v} lies between the worst and best finished cell, 0 … 1. */
        public double share(double v) {
            return max > min ? (v - min) / (max - min) : 1;
        }
    }

    /** The grid as a heat map (rows: first operation, columns: second) with row and column averages. */
    static String page(Summary s) {
        Grid grid = Grid.of(s);
        List<String> ops = grid.operations();
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Augmentation study</title>"
                + "<style>body{font-family:system-ui,sans-serif;max-width:1000px;margin:2rem auto;color:#222;padding:0 1rem}"
                + "td,th{padding:.5rem .8rem;text-align:center;font-variant-numeric:tabular-nums}th{font-weight:600}"
                + "td.avg{background:#f2f2f2;font-weight:600}</style></head><body><h1>Which augmentations matter</h1>"
                + "<p>Linear-probe top-1 after a short SimCLR run with two operations (row, then column) applied to both views; the diagonal"
                + " is one operation alone. Greener is better; the last column and row are averages.</p><table><tr><th>1st \\ 2nd</th>");
        ops.forEach(o -> html.append("<th>").append(o).append("</th>"));
        html.append("<th>average</th></tr>");
        for (int i = 0; i < ops.size(); i++) {
            html.append("<tr><th>").append(ops.get(i)).append("</th>");
            for (int j = 0; j < ops.size(); j++) {
                html.append(cell(grid, grid.values()[i][j]));
            }
            html.append(String.format(Locale.ROOT, "<td class='avg'>%s</td></tr>", number(grid.rowMeans()[i])));
        }
        html.append("<tr><th>average</th>");
        for (int j = 0; j < ops.size(); j++) {
            html.append(String.format(Locale.ROOT, "<td class='avg'>%s</td>", number(grid.columnMeans()[j])));
        }
        html.append("<td></td></tr></table></body></html>\n");
        return html.toString();
    }

    private static String cell(Grid grid, double v) {
        if (Double.isNaN(v)) {
            return "<td style='color:#999'>not run</td>";
        }
        double share = grid.share(v);
        return String.format(Locale.ROOT, "<td style='background:rgba(44,160,44,%.2f)'>%.3f</td>", 0.1 + 0.8 * share, v);
    }

    private static double mean(double[] values) {
        double sum = 0;
        int n = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%.3f", v);
    }
}
