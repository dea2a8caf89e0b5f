package io.simclr.workbench.run;

import io.simclr.workbench.train.Metric;
import io.simclr.workbench.train.MetricsTable;
import io.simclr.workbench.AppVersion;
import io.simclr.workbench.eval.ClassificationReport;
import io.simclr.workbench.eval.FineTuning;
import io.simclr.workbench.eval.RunEvaluation;
import io.simclr.workbench.files.AtomicFiles;
import io.simclr.workbench.train.EngineInfo;
import io.simclr.workbench.train.MetricsCsv;
import io.simclr.workbench.train.RunFolder;
import io.simclr.workbench.train.TrainConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code report.html}: one self-contained page (charts as inline SVG, the map as an embedded PNG)
 * with what a reader needs to judge a run: its settings, its curves, its evaluation beside the
 * random-init baseline, the confusion matrix, the t-SNE map, and the versions and device it ran on.
 * Parts a run does not have yet (no eval.json, no tsne.png) say which command makes them.
 */
public final class RunReport {

    private static final String BLUE = "#1f77b4";
    private static final String ORANGE = "#ff7f0e";
    private static final String GREEN = "#2ca02c";
    private static final String RED = "#d62728";

    private RunReport() {}

    /** The figures only some methods log (momentum, queue, prototypes), each drawn when the run has it. */
    private static void methodCharts(StringBuilder html, double[] step, MetricsTable m) {
        Map<Metric, String> charts = new java.util.LinkedHashMap<>();
        charts.put(Metric.MOMENTUM, "momentum of the moving-average target");
        charts.put(Metric.QUEUE_FILL, "share of the queue or bank written");
        charts.put(Metric.NEGATIVE_AGE, "age of the negatives (steps since written)");
        charts.put(Metric.ASSIGNMENT_ENTROPY, "entropy of the prototype assignments (nats)");
        charts.put(Metric.PROTOTYPES_USED, "prototypes in use");
        charts.forEach((metric, title) -> {
            double[] values = m.get(metric);
            if (java.util.Arrays.stream(values).anyMatch(Double::isFinite)) {
                html.append(SvgLineChart.render(title, "step", List.of(new SvgLineChart.Series(null, step, values, BLUE, 1, 1.5))));
            }
        });
    }

    public static Path write(RunFolder run) throws IOException {
        TrainConfig config = run.readConfig();
        StringBuilder html = new StringBuilder();
        String name = run.root().toAbsolutePath().normalize().getFileName().toString();
        html.append("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>SimCLR run ").append(esc(name)).append("</title>")
                .append("<style>").append(STYLE).append("</style></head><body>");
        html.append("<h1>SimCLR run <code>").append(esc(name)).append("</code></h1>");
        html.append("<p class='sub'>report written ").append(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")))
                .append(" by SimCLR Workbench ").append(esc(AppVersion.app())).append("</p>");

        html.append("<h2>Settings</h2><table class='facts'>");
        fact(html, "dataset", config.data().source().name().toLowerCase(Locale.ROOT)
                + (config.data().dataDir() != null ? " (" + config.data().dataDir() + ")" : "") + ", " + config.data().effectiveImageSize() + " px");
        fact(html, "encoder", config.model().encoder().id() + ", stem " + config.model().stem().name().toLowerCase(Locale.ROOT));
        fact(html, "projection head", config.model().head().name().toLowerCase(Locale.ROOT) + ", " + config.model().headDim() + " dims");
        fact(html, "method", config.method().describe());
        int batch = config.optimization().batchSize();
        fact(html, "batch", batch + " images (" + 2 * batch + " views)");
        fact(html, "epochs", String.valueOf(config.schedule().epochs()));
        fact(html, "optimizer", config.optimization().optimizer().id() + ", learning rate " + config.optimization().effectiveLearningRate()
                + ", weight decay " + config.optimization().effectiveWeightDecay());
        fact(html, "seed", String.valueOf(config.seed()));
        if (run.isImported()) {
            fact(html, "weights", "imported, not pretrained here (" + RunFolder.IMPORTED_RECORD + ": " + importedFrom(run) + ")");
        }
        html.append("</table><details><summary>config.json</summary><pre>").append(esc(Files.readString(run.configFile()))).append("</pre></details>");

        html.append("<h2>Training curves</h2>");
        if (Files.exists(run.metricsFile())) {
            MetricsTable m = MetricsCsv.read(run.metricsFile());
            double[] step = m.get(Metric.GLOBAL_STEP);
            if (step.length == 0) {
                html.append("<p class='missing'>metrics.csv has no rows yet.</p>");
            } else {
                html.append("<div class='charts'>");
                html.append(SvgLineChart.render(config.method().name().lossName() + " loss", "step", List.of(
                        new SvgLineChart.Series(null, step, m.get(Metric.LOSS), BLUE, 0.25, 1),
                        new SvgLineChart.Series("smoothed", step, smooth(m.get(Metric.LOSS), 0.95), BLUE, 1, 2))));
                html.append(SvgLineChart.render("contrastive accuracy", "step", List.of(
                        new SvgLineChart.Series("top-1", step, smooth(m.get(Metric.TOP1), 0.9), BLUE, 1, 1.5),
                        new SvgLineChart.Series("top-5", step, smooth(m.get(Metric.TOP5), 0.9), ORANGE, 1, 1.5))));
                html.append(SvgLineChart.render("mean cosine similarity", "step", List.of(
                        new SvgLineChart.Series("positive pairs", step, smooth(m.get(Metric.POSITIVE_SIMILARITY), 0.9), GREEN, 1, 1.5),
                        new SvgLineChart.Series("negatives", step, smooth(m.get(Metric.NEGATIVE_SIMILARITY), 0.9), RED, 1, 1.5))));
                html.append(SvgLineChart.render("alignment and uniformity", "step", List.of(
                        new SvgLineChart.Series("alignment", step, smooth(m.get(Metric.ALIGNMENT), 0.9), BLUE, 1, 1.5),
                        new SvgLineChart.Series("uniformity", step, smooth(m.get(Metric.UNIFORMITY), 0.9), ORANGE, 1, 1.5))));
                html.append(SvgLineChart.render("learning rate", "step", List.of(new SvgLineChart.Series(null, step, m.get(Metric.LEARNING_RATE), BLUE, 1, 1.5))));
                html.append(SvgLineChart.render("views per second", "step",
                        List.of(new SvgLineChart.Series(null, step, smooth(m.get(Metric.VIEWS_PER_SECOND), 0.9), BLUE, 1, 1.5))));
                List<SvgLineChart.Series> collapse = new java.util.ArrayList<>(List.of(new SvgLineChart.Series(null, step, m.get(Metric.EMBEDDING_STD),
                        BLUE, 1, 1.5)));
                if (m.has(Metric.HEALTHY_STD)) {
                    collapse.add(new SvgLineChart.Series("healthy 1/√d", step, m.get(Metric.HEALTHY_STD), "#999999", 1, 1));
                }
                html.append(SvgLineChart.render("embedding std (collapse meter)", "step", collapse));
                methodCharts(html, step, m);
                html.append("</div>");
                int last = step.length - 1;
                html.append(String.format(Locale.ROOT, "<p>%,d logged steps; last: loss %.4f, top-1 %.3f, %.0f s of training.</p>",
                        step.length, m.get(Metric.LOSS)[last], m.get(Metric.TOP1)[last], m.get(Metric.ELAPSED_SECONDS)[last]));
            }
        } else {
            html.append(run.isImported() ? "<p class='missing'>None: the encoder was imported, not pretrained here.</p>"
                    : "<p class='missing'>No metrics.csv: the run has not trained yet.</p>");
        }

        html.append("<h2>Evaluation</h2>");
        var eval = RunEvaluation.read(run.root());
        if (eval.isPresent()) {
            evaluation(html, eval.get());
        } else {
            html.append("<p class='missing'>Not evaluated yet: run <code>eval ").append(esc(run.root().toString())).append("</code>.</p>");
        }

        html.append("<h2>Embedding map</h2>");
        Path png = run.root().resolve("tsne.png");
        if (Files.exists(png)) {
            html.append("<img class='map' alt='t-SNE map of the test images' src='data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(Files.readAllBytes(png))).append("'>");
        } else {
            html.append("<p class='missing'>No map yet: run <code>tsne ").append(esc(run.root().toString())).append("</code>.</p>");
        }

        html.append("<h2>Software and device</h2><table class='facts'>");
        try {
            EngineInfo engine = EngineInfo.collect();
            fact(html, "engine", engine.engineName() + " " + engine.pytorchVersion() + " via DJL " + engine.djlVersion());
            fact(html, "device", engine.defaultDevice() + " (" + engine.gpuCount() + " GPUs), " + engine.intraOpThreads() + " threads");
        } catch (IllegalStateException e) {
            fact(html, "engine", "could not start: " + e.getMessage());
        }
        fact(html, "Java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        fact(html, "operating system", System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", "
                + Runtime.getRuntime().availableProcessors() + " cores");
        html.append("</table></body></html>\n");
        Path target = run.root().resolve(RunFolder.REPORT);
        AtomicFiles.writeString(target, html.toString());
        return target;
    }

    private static void evaluation(StringBuilder html, RunEvaluation.Report r) {
        html.append("<p>").append(String.format(Locale.ROOT, "Checkpoint <code>%s</code>, %s features, %,d train and %,d test images.",
                esc(r.checkpoint()), esc(r.layer()), r.trainSize(), r.testSize())).append("</p>");
        html.append("<table class='results'><tr><th></th><th>trained</th><th>random init</th></tr>");
        if (r.trained().linearTop1() != null) {
            row(html, "linear probe top-1 (test)", r.trained().linearTop1(), r.randomInit().linearTop1());
            row(html, "linear probe top-1 (train)", r.trained().linearTrainTop1(), r.randomInit().linearTrainTop1());
        }
        if (r.trained().knnTop1() != null) {
            row(html, String.format(Locale.ROOT, "kNN top-1 (k=%d, T=%.2f)", r.knnK(), r.knnTemperature()), r.trained().knnTop1(),
                    r.randomInit().knnTop1());
        }
        for (int i = 0; i < r.fineTuning().size(); i++) {
            FineTuning.Result t = r.fineTuning().get(i);
            FineTuning.Result u = r.fineTuningRandomInit().get(i);
            row(html, String.format(Locale.ROOT, "fine-tuned on %,d labels (%s%%), top-1", t.labelledImages(), pct(t.fraction())), t.testTop1(),
                    u.testTop1());
            row(html, "&nbsp;&nbsp;macro F1", t.report().macroF1(), u.report().macroF1());
        }
        html.append("</table>");
        if (!r.fineTuning().isEmpty()) {
            FineTuning.Result t = r.fineTuning().get(r.fineTuning().size() - 1);
            ClassificationReport c = t.report();
            html.append(String.format(Locale.ROOT, "<h3>Per class, fine-tuned on %,d labels</h3>", t.labelledImages()));
            html.append("<table class='results'><tr><th>class</th><th>precision</th><th>recall</th><th>F1</th><th>support</th></tr>");
            for (ClassificationReport.ClassScores s : c.classes()) {
                html.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%.3f</td><td>%.3f</td><td>%.3f</td><td>%d</td></tr>", esc(s.name()),
                        s.precision(), s.recall(), s.f1(), s.support()));
            }
            html.append(String.format(Locale.ROOT, "<tr class='total'><td>macro average</td><td>%.3f</td><td>%.3f</td><td>%.3f</td><td></td></tr></table>",
                    c.macroPrecision(), c.macroRecall(), c.macroF1()));
            confusion(html, c);
        }
    }

    /** The confusion matrix as a heat map: each cell shaded by its share of the true class. */
    private static void confusion(StringBuilder html, ClassificationReport c) {
        html.append("<h3>Confusion matrix (rows: true class, columns: predicted)</h3><table class='confusion'><tr><th></th>");
        List<String> names = new ArrayList<>();
        c.classes().forEach(s -> names.add(s.name()));
        for (String n : names) {
            html.append("<th class='rot'><div>").append(esc(n)).append("</div></th>");
        }
        html.append("</tr>");
        for (int i = 0; i < names.size(); i++) {
            int total = 0;
            for (int v : c.confusion()[i]) {
                total += v;
            }
            html.append("<tr><th>").append(esc(names.get(i))).append("</th>");
            for (int j = 0; j < names.size(); j++) {
                int v = c.confusion()[i][j];
                double share = total == 0 ? 0 : (double) v / total;
                String colour = i == j ? "31,119,180" : "214,39,40";
                html.append(String.format(Locale.ROOT, "<td style='background:rgba(%s,%.2f);color:%s'>%d</td>", colour, share,
                        share > 0.55 ? "#fff" : "#222", v));
            }
            html.append("</tr>");
        }
        html.append("</table>");
    }

    private static void row(StringBuilder html, String label, Double trained, Double random) {
        html.append(String.format(Locale.ROOT, "<tr><td>%s</td><td class='num'>%s</td><td class='num base'>%s</td></tr>", label, RunEvaluation.Scores.format(trained),
                RunEvaluation.Scores.format(random)));
    }

    private static String pct(double fraction) {
        double p = fraction * 100;
        return p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p);
    }

    private static void fact(StringBuilder html, String key, String value) {
        html.append("<tr><th>").append(esc(key)).append("</th><td>").append(esc(value)).append("</td></tr>");
    }

    /** Exponential moving average, as TensorBoard smooths curves. */
    public static double[] smooth(double[] values, double weight) {
        double[] out = new double[values.length];
        double last = Double.NaN;
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (!Double.isFinite(v)) {
                out[i] = Double.NaN;
                continue;
            }
            last = Double.isNaN(last) ? v : weight * last + (1 - weight) * v;
            out[i] = last;
        }
        return out;
    }

    private static String esc(String text) {
        return SvgLineChart.escape(text);
    }

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2rem auto;max-width:1000px;color:#222;padding:0 1rem}
            h1{margin-bottom:.2rem} .sub{color:#666;margin-top:0} h2{border-bottom:1px solid #ddd;padding-bottom:.3rem;margin-top:2rem}
            table{border-collapse:collapse;margin:.5rem 0} th,td{padding:.3rem .7rem;text-align:left}
            .facts th{color:#555;font-weight:600} .results td,.results th{border-bottom:1px solid #eee}
            .num{font-variant-numeric:tabular-nums;text-align:right} .base{color:#777} .total td{font-weight:600}
            .charts{display:flex;flex-wrap:wrap;gap:12px} .chart{background:#fafafa;border:1px solid #eee}
            .chart .title{font-size:13px;font-weight:600;fill:#333} .chart .tick{font-size:10px;fill:#666}
            .chart .axis{font-size:11px;fill:#555} .chart .legend{font-size:11px;fill:#333} .chart .grid{stroke:#e6e6e6}
            .chart .frame{fill:none;stroke:#ccc} .missing{color:#a15c00;background:#fff7e6;padding:.5rem .8rem;border-radius:4px}
            .confusion td{text-align:center;min-width:2.4rem;font-variant-numeric:tabular-nums;border:1px solid #fff}
            .confusion th.rot{height:90px;vertical-align:bottom} .confusion th.rot div{transform:rotate(-50deg);width:1.6rem;white-space:nowrap}
            .map{max-width:100%;border:1px solid #eee} pre{background:#f6f6f6;padding:.8rem;overflow:auto;font-size:12px}
            """;

    /** Where an imported run's weights came from, as its record says. */
    private static String importedFrom(RunFolder run) {
        try {
            var record = com.google.gson.JsonParser.parseString(Files.readString(run.root().resolve(RunFolder.IMPORTED_RECORD))).getAsJsonObject();
            return record.has("source") ? record.get("source").getAsString() : "source not recorded";
        } catch (IOException | RuntimeException e) {
            return "unreadable";
        }
    }
}
