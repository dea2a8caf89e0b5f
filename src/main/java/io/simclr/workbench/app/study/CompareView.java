package io.simclr.workbench.app.study;

import io.simclr.workbench.app.Appearance;
import io.simclr.workbench.app.Charts;
import io.simclr.workbench.app.DialogService;
import io.simclr.workbench.app.ExperimentButtons;
import io.simclr.workbench.app.ExperimentLayout;
import io.simclr.workbench.app.Widgets;
import io.simclr.workbench.method.MethodKind;
import io.simclr.workbench.run.MethodComparison;
import java.awt.Color;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The methods side by side: which to run and for how long on the left; on the right, each method's
 * kNN and linear-probe accuracy beside random init, its collapse meter over its run (a method whose
 * guard is removed falls toward 0), the meter's last level beside the healthy 1/√d, and the wall time.
 */
public final class CompareView extends BorderPane {

    private final CompareViewModel model;
    private final DefaultCategoryDataset accuracy = new DefaultCategoryDataset();
    private final DefaultCategoryDataset ends = new DefaultCategoryDataset();
    private final DefaultCategoryDataset seconds = new DefaultCategoryDataset();
    private final XYSeriesCollection meters = new XYSeriesCollection();
    private final JFreeChart meterChart;

    public CompareView(CompareViewModel model, Path runs, DialogService dialogs, Appearance appearance) {
        this.model = model;
        VBox methods = new VBox(4);
        for (MethodKind kind : MethodKind.values()) {
            CheckBox box = new CheckBox(kind.id());
            box.setId("compare-method-" + kind.id());
            box.selectedProperty().bindBidirectional(model.chosen.get(kind));
            box.disableProperty().bind(model.job.running);
            box.setTooltip(Widgets.explaining(kind.description()));
            methods.getChildren().add(box);
        }
        Spinner<Integer> perRun = Widgets.intSpinner("compare-seconds", 10, 3600, 10, model.secondsPerRun);
        Label total = Widgets.hint("");
        List<javafx.beans.Observable> inputs = new java.util.ArrayList<>(model.chosen.values());
        inputs.add(model.secondsPerRun);
        total.textProperty().bind(Bindings.createStringBinding(() -> {
            long n = model.chosen.values().stream().filter(javafx.beans.property.BooleanProperty::get).count();
            return String.format(Locale.ROOT, "%d runs, about %d min of training (and a minute or so of scoring each)", n,
                    Math.round(n * model.secondsPerRun.get() / 60.0));
        }, inputs.toArray(javafx.beans.Observable[]::new)));
        ExperimentButtons buttons = ExperimentButtons.of("compare", "Compare", "Continue", "Open comparison…",
                "A comparison folder (one with compare.json)", "compare.html", model.job, model.folder, model.summary,
                () -> !CompareViewModel.finished(model.summary.get()), () -> model.start(runs), model::open, dialogs, runs).filling();
        Label explain = Widgets.hint("One run per method on the Train screen's dataset, the same encoder, seed and time each, every method at"
                + " its paper's defaults; each is scored by kNN and the linear probe beside the same network untrained. Hover a method for"
                + " what keeps it from collapsing.");
        setLeft(ExperimentLayout.controlColumn(appearance, Widgets.field("compare-methods", "Methods", methods),
                Widgets.field("compare-seconds-field", "Seconds per run", perRun), total, buttons.run(), buttons.stop(), buttons.open(),
                buttons.page(), explain));

        javafx.scene.layout.FlowPane top = ExperimentLayout.progressRow("compare", model.job, model.folder, "no comparison yet");
        top.setPadding(new Insets(10, 12, 4, 12));
        setTop(top);

        JFreeChart accuracyChart = bars("accuracy beside random init", "top-1", accuracy);
        meterChart = Charts.lines("collapse meter over each run", "step", "std of normalised z", meters, List.of(), false);
        JFreeChart endChart = bars("collapse meter at the end, beside the healthy 1/√d", "std", ends);
        JFreeChart timeChart = bars("wall time", "seconds", seconds);
        GridPane grid = new GridPane();
        grid.setHgap(6);
        grid.setVgap(6);
        grid.setPadding(new Insets(0, 12, 12, 12));
        for (int i = 0; i < 2; i++) {
            ColumnConstraints column = new ColumnConstraints();
            column.setPercentWidth(50);
            column.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().add(column);
            RowConstraints row = new RowConstraints();
            row.setPercentHeight(50);
            row.setVgrow(Priority.ALWAYS);
            grid.getRowConstraints().add(row);
        }
        grid.add(Charts.viewer(accuracyChart, "compare-accuracy", appearance), 0, 0);
        grid.add(Charts.viewer(meterChart, "compare-meters", appearance), 1, 0);
        grid.add(Charts.viewer(endChart, "compare-ends", appearance), 0, 1);
        grid.add(Charts.viewer(timeChart, "compare-seconds-chart", appearance), 1, 1);
        setCenter(grid);

        model.summary.addListener((o, was, now) -> showSummary());
        model.collapse.addListener((o, was, now) -> showMeters());
        Widgets.showErrors(model.job.error, "Method comparison", dialogs);
    }

    private static JFreeChart bars(String title, String axis, DefaultCategoryDataset data) {
        JFreeChart chart = ChartFactory.createBarChart(title, null, axis, data, PlotOrientation.VERTICAL, true, false, false);
        BarRenderer renderer = (BarRenderer) chart.getCategoryPlot().getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, Charts.colour(0));
        renderer.setSeriesPaint(1, Charts.colour(1));
        renderer.setSeriesPaint(2, new Color(160, 160, 160));
        renderer.setSeriesPaint(3, new Color(200, 200, 200));
        return Charts.style(chart);
    }

    private void showSummary() {
        accuracy.clear();
        ends.clear();
        seconds.clear();
        MethodComparison.Summary s = model.summary.get();
        if (s == null) {
            return;
        }
        for (MethodComparison.Cell c : s.cells()) {
            put(accuracy, c.knnTop1(), "kNN", c.method());
            put(accuracy, c.linearTop1(), "linear probe", c.method());
            put(accuracy, c.randomInitKnnTop1(), "kNN, random init", c.method());
            put(accuracy, c.randomInitLinearTop1(), "linear, random init", c.method());
            ends.addValue(c.embeddingStd(), "at the end", c.method());
            ends.addValue(c.healthyStd(), "healthy", c.method());
            seconds.addValue(c.seconds(), "training", c.method());
        }
    }

    private static void put(DefaultCategoryDataset data, Double value, String series, String method) {
        if (value != null) {
            data.addValue(value, series, method);
        }
    }

    private void showMeters() {
        meters.removeAllSeries();
        int k = 0;
        for (Map.Entry<String, CompareViewModel.Collapse> e : model.collapse.get().entrySet()) {
            XYSeries series = new XYSeries(e.getKey(), false, true);
            double[] step = e.getValue().step();
            double[] std = e.getValue().std();
            int stride = Math.max(1, step.length / 1000);
            for (int i = 0; i < step.length; i += stride) {
                series.add(step[i], std[i], false);
            }
            meters.addSeries(series);
            meterChart.getXYPlot().getRenderer().setSeriesPaint(k, Charts.colour(k));
            meterChart.getXYPlot().getRenderer().setSeriesStroke(k, new java.awt.BasicStroke(2f));
            k++;
        }
    }
}
