package io.simclr.workbench.app.temperature;

import io.simclr.workbench.app.Appearance;
import io.simclr.workbench.app.Charts;
import io.simclr.workbench.app.DatasetChoice;
import io.simclr.workbench.app.DialogService;
import io.simclr.workbench.app.ExperimentButtons;
import io.simclr.workbench.app.ExperimentLayout;
import io.simclr.workbench.app.Widgets;
import io.simclr.workbench.run.TemperatureSweep;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The sweep tab of the Temperature screen: the sweep's controls and progress above, and its results
 * together — loss and contrastive accuracy of every temperature overlaid (losses at different
 * temperatures are on different scales, so accuracy is there too), kNN and linear-probe accuracy per
 * temperature, alignment against uniformity as one point per temperature, and the positive and
 * negative cosine-similarity histograms of each finished encoder.
 */
public final class SweepView extends BorderPane {

    private static final int MAX_POINTS = 1_000;

    private final SweepViewModel model;
    private final XYSeriesCollection loss = new XYSeriesCollection();
    private final XYSeriesCollection top1 = new XYSeriesCollection();
    private final XYSeriesCollection geometry = new XYSeriesCollection();
    private final DefaultCategoryDataset accuracy = new DefaultCategoryDataset();
    private final JFreeChart lossChart;
    private final JFreeChart top1Chart;
    private final JFreeChart geometryChart;
    private final Canvas histograms = new Canvas(600, 200);
    private final Appearance appearance;

    public SweepView(SweepViewModel model, Path runs, DialogService dialogs, Appearance appearance, DatasetChoice dataset) {
        this.model = model;
        this.appearance = appearance;
        TextField taus = new TextField();
        taus.setId("sweep-temperatures");
        taus.textProperty().bindBidirectional(model.temperatures);
        taus.setPrefColumnCount(12);
        Spinner<Integer> seconds = new Spinner<>(10, 3600, model.secondsPerRun.get(), 10);
        seconds.setId("sweep-seconds");
        seconds.valueProperty().addListener((o, was, now) -> model.secondsPerRun.set(now));
        ExperimentButtons buttons = ExperimentButtons.of("sweep", "Run sweep", "Continue sweep", "Open sweep…",
                "A sweep folder (one with sweep.json)", "sweep.html", model.job, model.folder, model.summary,
                () -> !SweepViewModel.finished(model.summary.get()), () -> model.start(runs), model::open, dialogs, runs);
        Label tauLabel = new Label();
        tauLabel.textProperty().bind(Bindings.createStringBinding(() -> "Sweep on " + (dataset.source.get() == io.simclr.workbench.data.DataSource.SHAPES
                ? "the built-in shapes" : dataset.folder.get().getFileName()) + " (the Train screen's dataset), τ =", dataset.source, dataset.folder));
        Label secondsLabel = new Label("seconds per run");
        javafx.scene.layout.FlowPane controls = Widgets.toolbar(tauLabel, taus, secondsLabel, seconds, buttons.run(), buttons.stop(), buttons.open(), buttons.page());
        javafx.scene.layout.FlowPane progress = ExperimentLayout.progressRow("sweep", model.job, model.folder, "");
        VBox top = new VBox(6, controls, progress);
        top.setPadding(new Insets(8, 12, 6, 12));
        setTop(top);

        lossChart = Charts.lines("NT-Xent loss (each τ on its own scale)", "step", "loss", loss, List.of(), false);
        top1Chart = Charts.lines("contrastive top-1", "step", "accuracy", top1, List.of(), false);
        geometryChart = Charts.lines("alignment vs uniformity (lower is better)", "uniformity", "alignment", geometry, List.of(), true);
        JFreeChart accuracyChart = Charts.style(ChartFactory.createBarChart("top-1 per τ", "", "top-1", accuracy));
        CategoryPlot plot = accuracyChart.getCategoryPlot();
        BarRenderer bars = (BarRenderer) plot.getRenderer();
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setSeriesPaint(0, Charts.colour(0));
        bars.setSeriesPaint(1, Charts.colour(1));

        Pane histogramHolder = new Pane(histograms);
        histogramHolder.setId("sweep-histograms");
        histogramHolder.setMinSize(200, 120);
        histograms.widthProperty().bind(histogramHolder.widthProperty());
        histograms.heightProperty().bind(histogramHolder.heightProperty());
        histograms.widthProperty().addListener((o, was, now) -> drawHistograms());
        histograms.heightProperty().addListener((o, was, now) -> drawHistograms());
        appearance.follow(this::drawHistograms);

        GridPane grid = new GridPane();
        grid.setHgap(6);
        grid.setVgap(6);
        grid.setPadding(new Insets(0, 12, 12, 12));
        for (int c = 0; c < 3; c++) {
            ColumnConstraints column = new ColumnConstraints();
            column.setPercentWidth(100.0 / 3);
            column.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().add(column);
        }
        for (int r = 0; r < 2; r++) {
            RowConstraints row = new RowConstraints();
            row.setPercentHeight(50);
            row.setVgrow(Priority.ALWAYS);
            grid.getRowConstraints().add(row);
        }
        grid.add(Charts.viewer(lossChart, "sweep-loss", appearance), 0, 0);
        grid.add(Charts.viewer(top1Chart, "sweep-top1", appearance), 1, 0);
        grid.add(Charts.viewer(accuracyChart, "sweep-accuracy", appearance), 2, 0);
        grid.add(Charts.viewer(geometryChart, "sweep-geometry", appearance), 0, 1);
        grid.add(histogramHolder, 1, 1, 2, 1);
        setCenter(Charts.scrollingGrid(grid, 3, 2, appearance));

        model.summary.addListener((o, was, now) -> showSummary());
        model.curves.addListener((o, was, now) -> showCurves());
        model.live.addListener((o, was, now) -> showCurves());
        model.job.running.addListener((o, was, now) -> showCurves());
        Widgets.showErrors(model.job.error, "Temperature sweep", dialogs);
    }

    private void showCurves() {
        loss.removeAllSeries();
        top1.removeAllSeries();
        int k = 0;
        Map<Double, SweepViewModel.Curves> shown = new java.util.LinkedHashMap<>(model.curves.get());
        SweepViewModel.Live running = model.live.get();
        boolean unfinished = running != null && !shown.containsKey(running.temperature());
        if (unfinished) {
            shown.put(running.temperature(), running.curves());
        }
        String state = model.job.running.get() ? " (training)" : " (stopped)";
        for (Map.Entry<Double, SweepViewModel.Curves> e : shown.entrySet()) {
            String name = "τ " + e.getKey() + (unfinished && e.getKey() == running.temperature() ? state : "");
            loss.addSeries(series(name, e.getValue().step(), e.getValue().loss()));
            top1.addSeries(series(name, e.getValue().step(), e.getValue().top1()));
            colour(lossChart, k);
            colour(top1Chart, k);
            k++;
        }
    }

    private static void colour(JFreeChart chart, int k) {
        chart.getXYPlot().getRenderer().setSeriesPaint(k, Charts.colour(k));
        chart.getXYPlot().getRenderer().setSeriesStroke(k, new java.awt.BasicStroke(2f));
    }

    private static XYSeries series(String name, double[] x, double[] y) {
        XYSeries s = new XYSeries(name, false, true);
        int stride = Math.max(1, x.length / MAX_POINTS);
        for (int i = 0; i < x.length; i += stride) {
            s.add(x[i], y[i], false);
        }
        return s;
    }

    private void showSummary() {
        accuracy.clear();
        geometry.removeAllSeries();
        TemperatureSweep.Summary s = model.summary.get();
        if (s != null) {
            int k = 0;
            for (TemperatureSweep.Cell c : s.cells()) {
                String column = "τ " + c.temperature();
                accuracy.addValue(c.knnTop1(), "kNN", column);
                accuracy.addValue(c.linearTop1(), "linear probe", column);
                XYSeries point = new XYSeries(column);
                point.add(c.uniformity(), c.alignment());
                geometry.addSeries(point);
                geometryChart.getXYPlot().getRenderer().setSeriesPaint(k, Charts.colour(k));
                geometryChart.getXYPlot().getRenderer().setSeriesShape(k, new java.awt.geom.Ellipse2D.Double(-6, -6, 12, 12));
                k++;
            }
        }
        drawHistograms();
    }

    /** One panel per finished temperature: the share of positive pairs (green) and negative pairs (red, as on the Train screen) per similarity bin. */
    private void drawHistograms() {
        GraphicsContext g = histograms.getGraphicsContext2D();
        double w = histograms.getWidth();
        double h = histograms.getHeight();
        Appearance.Palette palette = appearance.palette();
        double size = appearance.fontSize.get();
        g.setFill(palette.fx(palette.background()));
        g.fillRect(0, 0, w, h);
        g.setFill(palette.fx(palette.text()));
        g.setFont(Font.font(null, javafx.scene.text.FontWeight.BOLD, size * 1.08));
        g.fillText("cosine similarity of positive (green) and negative (red) pairs", 10, 18);
        TemperatureSweep.Summary s = model.summary.get();
        List<TemperatureSweep.Cell> cells = new ArrayList<>();
        if (s != null) {
            s.cells().stream().filter(c -> c.positiveHistogram() != null && c.negativeHistogram() != null).forEach(cells::add);
        }
        g.setFont(Font.font(size * 0.92));
        if (cells.isEmpty()) {
            g.setFill(palette.fx(palette.muted()));
            g.fillText("appears as each temperature's run finishes", 10, 40);
            return;
        }
        double panelW = (w - 20) / cells.size();
        double top = 30 + 1.6 * size;
        double bottom = h - 8 - size;
        for (int k = 0; k < cells.size(); k++) {
            TemperatureSweep.Cell c = cells.get(k);
            double left = 10 + k * panelW + 8;
            double width = panelW - 16;
            double max = 0;
            for (int i = 0; i < c.positiveHistogram().length; i++) {
                max = Math.max(max, Math.max(c.positiveHistogram()[i], c.negativeHistogram()[i]));
            }
            int bins = c.positiveHistogram().length;
            double bw = width / bins;
            double[][] values = {c.negativeHistogram(), c.positiveHistogram()};
            javafx.scene.paint.Color[] colours = {javafx.scene.paint.Color.web("#d62728", 0.55), javafx.scene.paint.Color.web("#2ca02c", 0.7)};
            for (int group = 0; group < 2; group++) {
                g.setFill(colours[group]);
                for (int i = 0; i < bins; i++) {
                    double bh = max > 0 ? values[group][i] / max * (bottom - top) : 0;
                    g.fillRect(left + i * bw, bottom - bh, Math.max(1, bw - 0.5), bh);
                }
            }
            g.setStroke(palette.fx(palette.muted()));
            g.strokeLine(left, bottom, left + width, bottom);
            g.setFill(palette.fx(palette.text()));
            g.fillText(String.format(Locale.ROOT, "τ %s", c.temperature()), left, top - 6);
            g.setFill(palette.fx(palette.muted()));
            g.fillText("−1", left - 6, bottom + 15);
            g.fillText("0", left + width / 2 - 3, bottom + 15);
            g.fillText("1", left + width - 4, bottom + 15);
        }
    }
}
