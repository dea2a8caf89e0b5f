package io.simclr.workbench.run;

import io.simclr.workbench.train.Metric;
import io.simclr.workbench.train.MetricsTable;
import io.simclr.workbench.train.RunFolder;
import io.simclr.workbench.eval.RunEvaluation;
import io.simclr.workbench.files.AtomicFiles;
import io.simclr.workbench.train.MetricsCsv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code sweep.html}: the temperature sweep in one page — loss and contrastive accuracy of every run
 * overlaid (losses at different temperatures are on different scales, so accuracy is shown too), kNN
 * and linear-probe accuracy per temperature as bars, alignment against uniformity as one point per
 * temperature, and the table of numbers.
 */
final class SweepPage {

    private SweepPage() {}

    static void write(Path sweep, TemperatureSweep.Summary summary) throws IOException {
        List<SvgLineChart.Series> loss = new ArrayList<>();
        List<SvgLineChart.Series> top1 = new ArrayList<>();
        int k = 0;
        for (TemperatureSweep.Cell c : summary.cells()) {
            Path metrics = sweep.resolve(c.run()).resolve(RunFolder.METRICS);
            if (!Files.exists(metrics)) {
                continue;
            }
            MetricsTable m = MetricsCsv.read(metrics);
            String colour = ChartPage.colour(k++);
            String name = "τ " + c.temperature();
            loss.add(new SvgLineChart.Series(name, m.get(Metric.GLOBAL_STEP), RunReport.smooth(m.get(Metric.LOSS), 0.95), colour, 1, 1.5));
            top1.add(new SvgLineChart.Series(name, m.get(Metric.GLOBAL_STEP), RunReport.smooth(m.get(Metric.TOP1), 0.95), colour, 1, 1.5));
        }
        StringBuilder html = ChartPage.start("Temperature sweep");
        html.append("<h1>Temperature sweep</h1><p>").append(SvgLineChart.escape(summary.note())).append("</p><div class='charts'>");
        html.append(SvgLineChart.render("NT-Xent loss (each temperature on its own scale)", "step", loss));
        html.append(SvgLineChart.render("contrastive top-1 accuracy", "step", top1));
        html.append(bars(summary.cells()));
        html.append(scatter(summary.cells()));
        html.append("</div><h2>Cosine similarities of positive and negative pairs</h2><p>One batch of ")
                .append(TemperatureSweep.HISTOGRAM_PAIRS).append(" image pairs through each finished encoder's projection z: positives"
                        + " (the two views of one image, green) against negatives (every other pair, red, as on the Train screen), each as a share of its group."
                        + " The further apart the two, the easier the views are to match.</p><div class='charts'>");
        for (TemperatureSweep.Cell c : summary.cells()) {
            html.append(histogram(c));
        }
        html.append("</div><h2>Numbers</h2><table><tr><th>τ</th><th>kNN top-1</th><th>linear top-1</th><th>contrastive top-1</th>"
                + "<th>alignment</th><th>uniformity</th><th>mean positive cos</th><th>mean negative cos</th><th>seconds</th></tr>");
        for (TemperatureSweep.Cell c : summary.cells()) {
            html.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%.3f</td><td>%.3f</td><td>%.3f</td><td>%.3f</td>"
                            + "<td>%.3f</td><td>%.0f</td></tr>", c.temperature(), RunEvaluation.Scores.format(c.knnTop1()), RunEvaluation.Scores.format(c.linearTop1()), c.contrastiveTop1(),
                    c.alignment(), c.uniformity(), c.positiveSimilarity(), c.negativeSimilarity(), c.seconds()));
        }
        html.append("</table></body></html>\n");
        AtomicFiles.writeString(sweep.resolve("sweep.html"), html.toString());
    }

    /** kNN and linear-probe top-1 per temperature, side by side. */
    private static String bars(List<TemperatureSweep.Cell> cells) {
        List<SvgBarChart.Group> groups = cells.stream().map(c -> new SvgBarChart.Group("τ " + c.temperature(),
                new double[] {c.knnTop1() == null ? 0 : c.knnTop1(), c.linearTop1() == null ? 0 : c.linearTop1()})).toList();
        return SvgBarChart.render("top-1 per τ: kNN (blue), linear probe (orange)", List.of("#1f77b4", "#ff7f0e"), groups, 1, "%.2f", null);
    }

    /** Positive and negative similarity shares of one temperature, over [-1, 1]. */
    private static String histogram(TemperatureSweep.Cell c) {
        if (c.positiveHistogram() == null || c.negativeHistogram() == null) {
            return "";
        }
        int w = 240;
        int h = 170;
        int left = 10;
        int top = 26;
        int bottom = 22;
        double plotW = w - 2.0 * left;
        double plotH = h - top - bottom;
        double max = 0;
        for (int i = 0; i < c.positiveHistogram().length; i++) {
            max = Math.max(max, Math.max(c.positiveHistogram()[i], c.negativeHistogram()[i]));
        }
        int bins = c.positiveHistogram().length;
        double bw = plotW / bins;
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' class='chart'><text x='%d' y='17' class='title'>τ %s</text>",
                w, h, left, c.temperature()));
        String[][] groups = {{"#d62728", "0.55"}, {"#2ca02c", "0.7"}};
        double[][] values = {c.negativeHistogram(), c.positiveHistogram()};
        for (int g = 0; g < 2; g++) {
            for (int i = 0; i < bins; i++) {
                double bh = max > 0 ? values[g][i] / max * plotH : 0;
                if (bh > 0) {
                    svg.append(String.format(Locale.ROOT, "<rect x='%.1f' y='%.1f' width='%.1f' height='%.1f' fill='%s' fill-opacity='%s'/>",
                            left + i * bw, top + plotH - bh, bw, bh, groups[g][0], groups[g][1]));
                }
            }
        }
        double axis = top + plotH;
        svg.append(String.format(Locale.ROOT, "<line x1='%d' x2='%.1f' y1='%.1f' y2='%.1f' stroke='#999'/>", left, left + plotW, axis, axis));
        String[] ticks = {"−1", "0", "1"};
        for (int t = 0; t < 3; t++) {
            svg.append(String.format(Locale.ROOT, "<text x='%.1f' y='%.1f' class='tick' text-anchor='middle'>%s</text>", left + t * plotW / 2,
                    axis + 14, ticks[t]));
        }
        return svg.append("</svg>").toString();
    }

    /** Alignment (lower: positives closer) against uniformity (lower: spread more evenly), one point per temperature. */
    private static String scatter(List<TemperatureSweep.Cell> cells) {
        List<SvgLineChart.Series> points = new ArrayList<>();
        int k = 0;
        for (TemperatureSweep.Cell c : cells) {
            // A two-point, zero-length line draws as a dot with a legend entry: one series per temperature.
            points.add(new SvgLineChart.Series("τ " + c.temperature(), new double[] {c.uniformity(), c.uniformity()},
                    new double[] {c.alignment(), c.alignment()}, ChartPage.colour(k++), 1, 9));
        }
        return SvgLineChart.render("alignment (y) vs uniformity (x); lower is better", "uniformity", points)
                .replace("<polyline ", "<polyline stroke-linecap='round' ");
    }
}
