package io.simclr.workbench.run;

import io.simclr.workbench.eval.RunEvaluation;
import io.simclr.workbench.files.AtomicFiles;
import io.simclr.workbench.method.MethodKind;
import io.simclr.workbench.train.Metric;
import io.simclr.workbench.train.MetricsCsv;
import io.simclr.workbench.train.MetricsTable;
import io.simclr.workbench.train.RunFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code compare.html}: the methods in one page — the curves every method shares overlaid (how often
 * a view finds its pair in the batch, the collapse meter beside its healthy level, uniformity),
 * each method's own loss on its own scale (the losses are not comparable), kNN and linear-probe
 * accuracy per method beside random initialisation, the collapse meter at the end and the wall
 * time per method, and the table of numbers.
 */
final class ComparePage {

    private static final String BLUE = "#1f77b4";
    private static final String ORANGE = "#ff7f0e";

    private ComparePage() {}

    static void write(Path folder, MethodComparison.Summary summary) throws IOException {
        List<SvgLineChart.Series> top1 = new ArrayList<>();
        List<SvgLineChart.Series> spread = new ArrayList<>();
        List<SvgLineChart.Series> uniformity = new ArrayList<>();
        List<String> losses = new ArrayList<>();
        double healthy = Double.NaN;
        double lastStep = 0;
        int k = 0;
        for (MethodComparison.Cell c : summary.cells()) {
            Path metrics = folder.resolve(c.run()).resolve(RunFolder.METRICS);
            if (!Files.exists(metrics)) {
                continue;
            }
            MetricsTable m = MetricsCsv.read(metrics);
            double[] step = m.get(Metric.GLOBAL_STEP);
            String colour = ChartPage.colour(k++);
            top1.add(new SvgLineChart.Series(c.method(), step, RunReport.smooth(m.get(Metric.TOP1), 0.95), colour, 1, 1.5));
            spread.add(new SvgLineChart.Series(c.method(), step, RunReport.smooth(m.get(Metric.EMBEDDING_STD), 0.9), colour, 1, 1.5));
            uniformity.add(new SvgLineChart.Series(c.method(), step, RunReport.smooth(m.get(Metric.UNIFORMITY), 0.95), colour, 1, 1.5));
            losses.add(SvgLineChart.render(c.method() + ": " + MethodKind.parse(c.method()).lossName() + " loss", "step", List.of(
                    new SvgLineChart.Series(null, step, m.get(Metric.LOSS), colour, 0.25, 1),
                    new SvgLineChart.Series(null, step, RunReport.smooth(m.get(Metric.LOSS), 0.95), colour, 1, 2))));
            healthy = c.healthyStd();
            lastStep = Math.max(lastStep, step.length > 0 ? step[step.length - 1] : 0);
        }
        if (!spread.isEmpty()) {
            spread.add(new SvgLineChart.Series(null, new double[] {0, lastStep}, new double[] {healthy, healthy}, "#999999", 1, 1));
        }
        StringBuilder html = ChartPage.start("Methods compared");
        html.append("<h1>Methods compared</h1><p>").append(SvgLineChart.escape(summary.note())).append("</p><div class='charts'>");
        html.append(SvgLineChart.render("a view's nearest in the batch is its pair (top-1)", "step", top1));
        html.append(SvgLineChart.render(String.format(Locale.ROOT, "collapse meter: std of the normalised embeddings (grey: healthy 1/√d = %.3f)",
                healthy), "step", spread));
        html.append(SvgLineChart.render("uniformity (lower: spread more evenly)", "step", uniformity));
        html.append(accuracy(summary.cells()));
        html.append(collapse(summary.cells()));
        html.append(SvgBarChart.render("training time per method (s)", List.of(BLUE), summary.cells().stream()
                .map(c -> new SvgBarChart.Group(c.method(), new double[] {c.seconds()})).toList(), maxSeconds(summary.cells()), "%.0f", null));
        html.append("</div><h2>Each method's loss</h2><p>Each on its own scale: the methods' losses measure different things.</p>"
                + "<div class='charts'>");
        losses.forEach(html::append);
        html.append("</div><h2>What keeps each from collapsing</h2><ul>");
        for (String method : summary.methods()) {
            html.append("<li>").append(SvgLineChart.escape(MethodKind.parse(method).description())).append("</li>");
        }
        html.append("</ul><h2>Numbers</h2><table><tr><th>method</th><th>kNN top-1</th><th>linear top-1</th><th>random init kNN</th>"
                + "<th>random init linear</th><th>batch top-1</th><th>embedding std</th><th>healthy</th><th>alignment</th><th>uniformity</th>"
                + "<th>epochs</th><th>seconds</th></tr>");
        for (MethodComparison.Cell c : summary.cells()) {
            html.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%.3f</td><td>%.4f</td>"
                            + "<td>%.4f</td><td>%.3f</td><td>%.3f</td><td>%d</td><td>%.0f</td></tr>", SvgLineChart.escape(c.method()),
                    RunEvaluation.Scores.format(c.knnTop1()), RunEvaluation.Scores.format(c.linearTop1()),
                    RunEvaluation.Scores.format(c.randomInitKnnTop1()), RunEvaluation.Scores.format(c.randomInitLinearTop1()), c.top1(),
                    c.embeddingStd(), c.healthyStd(), c.alignment(), c.uniformity(), c.epochs(), c.seconds()));
        }
        html.append("</table></body></html>\n");
        AtomicFiles.writeString(folder.resolve("compare.html"), html.toString());
    }

    /** kNN and linear-probe top-1 per method, random initialisation's kNN as the dashed line (the same encoder and seed for all). */
    private static String accuracy(List<MethodComparison.Cell> cells) {
        List<SvgBarChart.Group> groups = cells.stream().map(c -> new SvgBarChart.Group(c.method(),
                new double[] {orNaN(c.knnTop1()), orNaN(c.linearTop1())})).toList();
        double randomInit = cells.stream().map(MethodComparison.Cell::randomInitKnnTop1).filter(v -> v != null).mapToDouble(v -> v)
                .average().orElse(Double.NaN);
        return SvgBarChart.render("top-1: kNN (blue), linear probe (orange)", List.of(BLUE, ORANGE), groups, 1, "%.2f",
                new SvgBarChart.Reference("random init kNN", randomInit));
    }

    /** The collapse meter where each run ended, against its healthy level (dashed). */
    private static String collapse(List<MethodComparison.Cell> cells) {
        double healthy = cells.isEmpty() ? Double.NaN : cells.get(0).healthyStd();
        double top = cells.stream().mapToDouble(MethodComparison.Cell::embeddingStd).filter(Double::isFinite).max().orElse(0);
        return SvgBarChart.render("collapse meter at the end (near 0: collapsed)", List.of(BLUE), cells.stream()
                        .map(c -> new SvgBarChart.Group(c.method(), new double[] {c.embeddingStd()})).toList(),
                Math.max(top, Double.isFinite(healthy) ? healthy : 0) * 1.15, "%.3f", new SvgBarChart.Reference("healthy 1/√d", healthy));
    }

    private static double maxSeconds(List<MethodComparison.Cell> cells) {
        return cells.stream().mapToDouble(MethodComparison.Cell::seconds).max().orElse(0) * 1.15;
    }

    private static double orNaN(Double v) {
        return v == null ? Double.NaN : v;
    }
}
