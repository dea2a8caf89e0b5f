package io.simclr.workbench.app.evaluate;

import io.simclr.workbench.app.Appearance;
import io.simclr.workbench.app.Charts;
import io.simclr.workbench.app.DialogService;
import io.simclr.workbench.app.RunCatalog;
import io.simclr.workbench.app.Widgets;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.FlowPane;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import io.simclr.workbench.eval.ClassificationReport;
import io.simclr.workbench.eval.FineTuning;
import io.simclr.workbench.eval.RunEvaluation;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The Evaluate screen: the current run's probes as bars beside the same network at random
 * initialisation (the difference is what self-supervision learned), in percent, with one sentence on
 * what each number means; per-class scores and the confusion matrix as a heat map after fine-tuning.
 */
public final class EvaluateView extends BorderPane {

    static final String EXPLANATION = "Each probe freezes the encoder and asks how well its features sort the test images into classes"
            + " it never saw labels of during pretraining: the linear probe fits one linear layer (how linearly separable the classes are),"
            + " kNN votes among the nearest training images. \"random init\" is the same network before training, so the gap between the"
            + " bars is what self-supervised learning added. Chance is 1 in the number of classes.";

    private final EvaluateViewModel model;
    private final VBox results = new VBox(14);
    private final DefaultCategoryDataset scores = new DefaultCategoryDataset();
    private final Appearance appearance;

    public EvaluateView(EvaluateViewModel model, RunCatalog catalog, DialogService dialogs, Appearance appearance) {
        this.model = model;
        this.appearance = appearance;
        getStyleClass().add("screen");
        CheckBox linear = new CheckBox("linear probe");
        linear.setId("evaluate-linear");
        linear.selectedProperty().bindBidirectional(model.linear);
        CheckBox knn = new CheckBox("kNN");
        knn.setId("evaluate-knn");
        knn.selectedProperty().bindBidirectional(model.knn);
        CheckBox tune = new CheckBox("fine-tuning (1/10/100 %, slow)");
        tune.setId("evaluate-finetune");
        tune.selectedProperty().bindBidirectional(model.fineTune);
        CheckBox z = new CheckBox("features: projection z (not h)");
        z.setId("evaluate-layer-z");
        z.selectedProperty().bindBidirectional(model.projection);
        Button evaluate = new Button("Evaluate");
        evaluate.setId("evaluate-start");
        evaluate.setOnAction(e -> model.evaluate());
        evaluate.disableProperty().bind(model.running.or(model.run().isNull()));
        Button cancel = new Button("Cancel");
        cancel.setId("evaluate-cancel");
        cancel.setOnAction(e -> model.cancel());
        cancel.disableProperty().bind(model.running.not());
        FlowPane bar = Widgets.toolbar(Widgets.runPicker(catalog, "evaluate-run"), linear, knn, tune, z, evaluate, cancel,
                Widgets.besidePicker(catalog, model.beside, "evaluate-beside"));
        bar.setPadding(new Insets(10));
        Label besideNote = Widgets.hint("");
        besideNote.setId("evaluate-beside-note");
        besideNote.textProperty().bind(model.besideNote);
        besideNote.visibleProperty().bind(model.besideNote.isNotEmpty());
        besideNote.managedProperty().bind(besideNote.visibleProperty());
        besideNote.setPadding(new Insets(0, 10, 6, 10));
        setTop(new VBox(bar, besideNote));

        JFreeChart chart = ChartFactory.createBarChart("top-1 accuracy on the test images", null, "accuracy (%)", scores,
                PlotOrientation.HORIZONTAL, true, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        ((NumberAxis) plot.getRangeAxis()).setRange(0, 100);
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, Charts.colour(0));
        renderer.setSeriesPaint(1, new java.awt.Color(160, 160, 160));
        renderer.setSeriesPaint(2, Charts.colour(1));
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2} %", new java.text.DecimalFormat("0.0")));
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setItemMargin(0.05);
        appearance.follow(() -> renderer.setDefaultItemLabelFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN,
                (int) Math.round(appearance.fontSize.get() * 0.9))));
        appearance.follow(() -> renderer.setDefaultItemLabelPaint(appearance.palette().text()));
        ChartViewer viewer = Charts.viewer(Charts.style(chart), "evaluate-chart", appearance);
        viewer.setPrefHeight(300);
        viewer.setMinHeight(220);

        Label explanation = Widgets.hint(EXPLANATION);
        explanation.setId("evaluate-explanation");
        ProgressBar progress = new ProgressBar(-1);
        progress.setId("evaluate-progress");
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.visibleProperty().bind(model.running);
        progress.managedProperty().bind(model.running);
        results.setPadding(new Insets(10));
        results.setId("evaluate-results");
        VBox page = new VBox(10, progress, viewer, explanation, results);
        page.setPadding(new Insets(0, 10, 10, 10));
        ScrollPane scroll = new ScrollPane(page);
        scroll.setFitToWidth(true);
        setCenter(scroll);
        Label status = new Label();
        status.setId("evaluate-status");
        status.textProperty().bind(model.status);
        status.getStyleClass().add("status");
        status.setWrapText(true);
        setBottom(status);

        model.report.addListener((o, was, now) -> show(now));
        model.besideReport.addListener((o, was, now) -> show(model.report.get()));
        show(model.report.get());
        Widgets.showErrors(model.error, "Evaluation failed", dialogs);
    }

    /** The bars' values, by probe then (trained, random init), in percent (for tests). */
    public DefaultCategoryDataset scores() {
        return scores;
    }

    private void show(RunEvaluation.Report r) {
        results.getChildren().clear();
        scores.clear();
        if (r == null) {
            return;
        }
        if (r.trained().linearTop1() != null) {
            bars("linear probe", r.trained().linearTop1(), r.randomInit().linearTop1());
        }
        if (r.trained().knnTop1() != null) {
            bars(String.format(Locale.ROOT, "kNN (k=%d)", r.knnK()), r.trained().knnTop1(), r.randomInit().knnTop1());
        }
        for (int i = 0; i < r.fineTuning().size(); i++) {
            FineTuning.Result t = r.fineTuning().get(i);
            bars(String.format(Locale.ROOT, "fine-tuned, %,d labels", t.labelledImages()), t.testTop1(), r.fineTuningRandomInit().get(i).testTop1());
        }
        RunEvaluation.Report other = model.besideReport.get();
        if (other != null) {
            String name = java.nio.file.Path.of(other.run()).getFileName() + " (trained)";
            besideBars(name, "linear probe", other.trained().linearTop1());
            besideBars(name, String.format(Locale.ROOT, "kNN (k=%d)", other.knnK()), other.trained().knnTop1());
        }
        results.getChildren().add(bold(String.format(Locale.ROOT, "%s · checkpoint %s · %s features · %,d train / %,d test images · %d classes"
                        + " (chance %.1f %%)", java.nio.file.Path.of(r.run()).getFileName(), r.checkpoint(), r.layer(), r.trainSize(), r.testSize(),
                r.classNames().size(), 100.0 / Math.max(1, r.classNames().size()))));
        if (r.batchNorm() != null) {
            results.getChildren().add(Widgets.hint(r.batchNorm() + " before reading the features."));
        }
        if (!r.fineTuning().isEmpty()) {
            FineTuning.Result t = r.fineTuning().get(r.fineTuning().size() - 1);
            results.getChildren().addAll(bold(String.format(Locale.ROOT, "per class, fine-tuned on %,d labels", t.labelledImages())),
                    perClass(t.report()), bold("confusion matrix (rows: true class, columns: predicted)"), confusion(t.report()));
        }
    }

    /** The run beside's score for a probe the current run shows too (a bar with no partner says nothing). */
    private void besideBars(String name, String probe, Double value) {
        if (value != null && scores.getColumnKeys().contains(probe)) {
            scores.addValue(100 * value, name, probe);
        }
    }

    private void bars(String probe, Double trained, Double randomInit) {
        if (trained != null) {
            scores.addValue(100 * trained, "trained", probe);
        }
        if (randomInit != null) {
            scores.addValue(100 * randomInit, "random init", probe);
        }
    }

    private static GridPane perClass(ClassificationReport c) {
        GridPane grid = new GridPane();
        grid.setHgap(20);
        grid.setVgap(4);
        grid.addRow(0, bold("class"), bold("precision"), bold("recall"), bold("F1"), bold("support"));
        int row = 1;
        for (ClassificationReport.ClassScores s : c.classes()) {
            grid.addRow(row++, new Label(s.name()), number(s.precision()), number(s.recall()), number(s.f1()), new Label(String.valueOf(s.support())));
        }
        grid.addRow(row, bold("macro average"), number(c.macroPrecision()), number(c.macroRecall()), number(c.macroF1()));
        return grid;
    }

    private static GridPane confusion(ClassificationReport c) {
        GridPane grid = new GridPane();
        grid.setId("evaluate-confusion");
        grid.setHgap(2);
        grid.setVgap(2);
        int k = c.classes().size();
        for (int j = 0; j < k; j++) {
            Label name = new Label(c.classes().get(j).name());
            name.setRotate(-45);
            // In a Group the rotated bounds, not the unrotated text width, set the column width.
            grid.add(new javafx.scene.Group(name), j + 1, 0);
        }
        for (int i = 0; i < k; i++) {
            grid.add(new Label(c.classes().get(i).name()), 0, i + 1);
            int total = 0;
            for (int v : c.confusion()[i]) {
                total += v;
            }
            for (int j = 0; j < k; j++) {
                int v = c.confusion()[i][j];
                double share = total == 0 ? 0 : (double) v / total;
                Label cell = new Label(String.valueOf(v));
                cell.setMinSize(44, 26);
                cell.setAlignment(Pos.CENTER);
                String rgb = i == j ? "31,119,180" : "214,39,40";
                cell.setStyle(String.format(Locale.ROOT, "-fx-background-color: rgba(%s,%.2f); -fx-text-fill: %s;", rgb, share,
                        share > 0.55 ? "white" : "-fx-text-base-color"));
                grid.add(cell, j + 1, i + 1);
            }
        }
        return grid;
    }

    private static Label bold(String text) {
        Label l = new Label(text);
        l.setStyle("-fx-font-weight: bold;");
        return l;
    }

    private static Label number(Double v) {
        Label l = new Label(v == null ? "—" : String.format(Locale.ROOT, "%.1f %%", 100 * v));
        l.setStyle("-fx-font-family: monospace;");
        return l;
    }
}
