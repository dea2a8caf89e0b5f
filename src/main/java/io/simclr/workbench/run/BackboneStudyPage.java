package io.simclr.workbench.run;

import static io.simclr.workbench.files.TextFormats.markup;

import io.simclr.workbench.eval.ClassificationReport;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code study.html} of a backbone study, laid out as the SimCLR slides' results table: one table per
 * batch size, rows the encoders (with their parameter count and the row's wall time), columns the
 * projection-head sizes, each cell the linear-evaluation top-1 on h with z's beneath; then the
 * fine-tuned best cell's precision, recall and F1 per class, as a table and an F1 bar chart.
 */
final class BackboneStudyPage {

    private BackboneStudyPage() {}

    static String render(BackboneStudy.Summary s) {
        BackboneStudy.Settings settings = s.settings();
        List<String> encoders = union(settings.encoders().stream().map(e -> e.id()).toList(), s.cells().stream().map(BackboneStudy.Cell::encoder).toList());
        List<Integer> heads = union(settings.headDims(), s.cells().stream().map(BackboneStudy.Cell::headDim).toList());
        List<Integer> batches = union(settings.batchSizes(), s.cells().stream().map(BackboneStudy.Cell::batchSize).toList());
        double min = s.cells().stream().mapToDouble(BackboneStudy.Cell::linearTop1H).min().orElse(0);
        double max = s.cells().stream().mapToDouble(BackboneStudy.Cell::linearTop1H).max().orElse(1);
        String best = s.best().map(BackboneStudy.Cell::run).orElse(null);
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Backbone and projection head study</title>"
                + "<style>body{font-family:system-ui,sans-serif;max-width:1000px;margin:2rem auto;color:#222;padding:0 1rem}"
                + "table{border-collapse:collapse;margin-bottom:1.5rem}td,th{padding:.45rem .8rem;text-align:center;border-bottom:1px solid #eee;"
                + "font-variant-numeric:tabular-nums}th{font-weight:600}th.enc{text-align:left}small{color:#555}td.best{outline:2px solid #2ca02c}"
                + ".chart{background:#fafafa;border:1px solid #eee}.chart .title{font-size:13px;font-weight:600}.chart .tick{font-size:10px;fill:#666}"
                + ".chart .axis{font-size:11px}</style></head><body><h1>Backbone and projection head</h1>");
        String budget = settings.secondsPerRun() > 0 ? duration(settings.secondsPerRun()) + " of training (at most " + settings.epochs() + " epochs)"
                : settings.epochs() + (settings.epochs() == 1 ? " epoch" : " epochs");
        html.append(String.format(Locale.ROOT, "<p>Each cell is one SimCLR pretraining run on %s with the same seed (%d), Adam at %s and %s,"
                        + " then the linear-evaluation protocol: the encoder frozen, a logistic regression trained on its features of the"
                        + " labelled training images and scored on the test images. Each cell shows the top-1 on the representation <b>h</b> and, beneath,"
                        + " on the projection <b>z</b> the head outputs. A cell of a few dozen steps leaves its batch norms' running statistics mostly"
                        + " where they started, so a trained encoder's are re-estimated from its training images before probing (its eval.json"
                        + " says when). <i>random init</i> is the same encoder untrained (h). The ResNets use the %s stem;"
                        + " the Inception family and Xception resize smaller images up to their smallest input.</p>",
                markup(s.data()), settings.seed(), settings.learningRate(), budget, settings.stem().id()));
        for (int batch : batches) {
            html.append("<h2>Batch ").append(batch).append("</h2><table><tr><th class='enc'>encoder</th><th>parameters</th>");
            for (int head : heads) {
                html.append("<th>head ").append(head).append("</th>");
            }
            html.append("<th>random init</th><th>wall time<br><small>training + evaluation</small></th></tr>");
            for (String encoder : encoders) {
                var row = s.row(encoder);
                html.append("<tr><th class='enc'>").append(markup(encoder)).append("</th><td>");
                html.append(row.map(r -> String.format(Locale.ROOT, "%.1f M<br><small>%s MACs at %d px</small>", r.parameters() / 1e6,
                        macs(r.forwardMacs()), r.inputSize())).orElse("—")).append("</td>");
                double wall = 0;
                for (int head : heads) {
                    var cell = s.cells().stream().filter(c -> c.encoder().equals(encoder) && c.headDim() == head && c.batchSize() == batch).findFirst();
                    if (cell.isEmpty()) {
                        html.append("<td style='color:#999'>not run</td>");
                        continue;
                    }
                    BackboneStudy.Cell c = cell.get();
                    wall += c.wallSeconds();
                    double share = max > min ? (c.linearTop1H() - min) / (max - min) : 1;
                    String tuned = c.fineTuned() == null ? "" : String.format(Locale.ROOT, "<br><small>fine-tuned F1 %.3f</small>",
                            c.fineTuned().report().macroF1());
                    html.append(String.format(Locale.ROOT, "<td%s style='background:rgba(44,160,44,%.2f)' title='%s'>%.3f<br><small>z %.3f</small>%s</td>",
                            c.run().equals(best) ? " class='best'" : "", 0.1 + 0.6 * share, markup(c.run()), c.linearTop1H(), c.linearTop1Z(), tuned));
                }
                html.append("<td>").append(row.map(r -> r.randomInitLinearTop1() == null ? "—"
                        : String.format(Locale.ROOT, "%.3f", r.randomInitLinearTop1())).orElse("—")).append("</td>");
                html.append("<td>").append(wall > 0 ? duration(wall) : "—").append("</td></tr>");
            }
            html.append("</table>");
        }
        if (best != null) {
            html.append("<p>Best cell (outlined): <b>").append(markup(best)).append("</b>.</p>");
        }
        html.append(downstream(s.downstream()));
        html.append("<p><small>Updated ").append(markup(String.valueOf(s.updated()))).append(".</small></p></body></html>\n");
        return html.toString();
    }

    /** The fine-tuned best cell: per-class precision, recall, F1 and support, and the F1 bars. */
    private static String downstream(BackboneStudy.FineTuned f) {
        if (f == null) {
            return "";
        }
        ClassificationReport r = f.report();
        StringBuilder html = new StringBuilder("<h2>Fine-tuned on labelled classes</h2>");
        html.append(String.format(Locale.ROOT, "<p>The encoder of <b>%s</b> fine-tuned with a new linear layer (its projection head dropped)"
                        + " on %s%% of the training images of %d classes (%,d labelled images, %d steps, %s), then scored on their test images:"
                        + " accuracy %.3f, macro F1 %.3f.</p>", markup(f.run()), percent(f.fraction()), f.classes().size(), f.labelledImages(),
                f.steps(), duration(f.seconds()), r.accuracy(), r.macroF1()));
        html.append("<table><tr><th class='enc'>class</th><th>precision</th><th>recall</th><th>F1</th><th>support</th></tr>");
        for (ClassificationReport.ClassScores c : r.classes()) {
            html.append(String.format(Locale.ROOT, "<tr><th class='enc'>%s</th><td>%.3f</td><td>%.3f</td><td>%.3f</td><td>%d</td></tr>",
                    markup(c.name()), c.precision(), c.recall(), c.f1(), c.support()));
        }
        html.append(String.format(Locale.ROOT, "<tr><th class='enc'>macro average</th><td>%.3f</td><td>%.3f</td><td>%.3f</td><td>%d</td></tr></table>",
                r.macroPrecision(), r.macroRecall(), r.macroF1(), r.classes().stream().mapToInt(ClassificationReport.ClassScores::support).sum()));
        html.append(f1Chart(r.classes()));
        return html.toString();
    }

    /** One bar per class, its F1 on a 0-1 scale, the value above it. */
    static String f1Chart(List<ClassificationReport.ClassScores> classes) {
        int w = Math.max(300, 90 * classes.size() + 50);
        int h = 260;
        int left = 40;
        int top = 30;
        int bottom = 40;
        double plotH = h - top - bottom;
        double slot = (w - left - 10.0) / Math.max(1, classes.size());
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT, "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d'"
                + " class='chart'><text x='%d' y='18' class='title'>F1 per class, fine-tuned best cell</text>", w, h, left));
        for (double tick : new double[] {0, 0.5, 1}) {
            double y = top + plotH - tick * plotH;
            svg.append(String.format(Locale.ROOT, "<line x1='%d' x2='%d' y1='%.1f' y2='%.1f' stroke='#e6e6e6'/><text x='%d' y='%.1f'"
                    + " class='tick' text-anchor='end'>%.1f</text>", left, w - 10, y, y, left - 4, y + 3, tick));
        }
        for (int i = 0; i < classes.size(); i++) {
            ClassificationReport.ClassScores c = classes.get(i);
            double x = left + i * slot + slot * 0.2;
            double bw = slot * 0.6;
            double bh = c.f1() * plotH;
            svg.append(String.format(Locale.ROOT, "<rect x='%.1f' y='%.1f' width='%.1f' height='%.1f' fill='#2ca02c'><title>%s: precision %.3f,"
                            + " recall %.3f, F1 %.3f</title></rect>", x, top + plotH - bh, bw, bh, markup(c.name()), c.precision(), c.recall(), c.f1()));
            svg.append(String.format(Locale.ROOT, "<text x='%.1f' y='%.1f' class='tick' text-anchor='middle'>%.2f</text>", x + bw / 2,
                    top + plotH - bh - 4, c.f1()));
            svg.append(String.format(Locale.ROOT, "<text x='%.1f' y='%d' class='axis' text-anchor='middle'>%s</text>", x + bw / 2, h - 18,
                    markup(c.name())));
        }
        return svg.append("</svg>").toString();
    }

    private static <T> List<T> union(List<T> first, List<T> second) {
        Set<T> all = new LinkedHashSet<>(first);
        all.addAll(second);
        return new ArrayList<>(all);
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s < 60 ? s + " s" : s < 3600 ? String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60)
                : String.format(Locale.ROOT, "%d h %02d min", s / 3600, s % 3600 / 60);
    }

    private static String macs(long macs) {
        return macs >= 1e9 ? String.format(Locale.ROOT, "%.2f G", macs / 1e9) : String.format(Locale.ROOT, "%.0f M", macs / 1e6);
    }

    private static String percent(double fraction) {
        double p = fraction * 100;
        return p == Math.rint(p) ? String.valueOf((long) p) : String.format(Locale.ROOT, "%.1f", p);
    }
}
