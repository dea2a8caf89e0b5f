package io.simclr.workbench.app.evaluate;

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

/** The Evaluate screen: probes of a run beside random init, per-class scores and the confusion matrix as a heat map. */
public final class EvaluateView extends BorderPane {

    private final EvaluateViewModel model;
    private final VBox results = new VBox(14);

    public EvaluateView(EvaluateViewModel model) {
        this.model = model;
        getStyleClass().add("screen");
        HBox run = io.simclr.workbench.app.Widgets.runPicker(model.run, "Run folder to evaluate");
        CheckBox linear = new CheckBox("linear probe");
        linear.selectedProperty().bindBidirectional(model.linear);
        CheckBox knn = new CheckBox("kNN");
        knn.selectedProperty().bindBidirectional(model.knn);
        CheckBox tune = new CheckBox("fine-tuning (1/10/100 %, slow)");
        tune.selectedProperty().bindBidirectional(model.fineTune);
        CheckBox z = new CheckBox("features: projection z (not h)");
        z.setId("evaluate-layer-z");
        z.selectedProperty().bindBidirectional(model.projection);
        Button evaluate = new Button("Evaluate");
        evaluate.setId("evaluate-start");
        evaluate.setOnAction(e -> model.evaluate());
        evaluate.disableProperty().bind(model.running.or(model.run.isNull()));
        Button cancel = new Button("Cancel");
        cancel.setOnAction(e -> model.cancel());
        cancel.disableProperty().bind(model.running.not());
        HBox bar = new HBox(10, run, linear, knn, tune, z, evaluate, cancel);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(10));
        setTop(bar);

        results.setPadding(new Insets(10));
        results.setId("evaluate-results");
        ScrollPane scroll = new ScrollPane(results);
        scroll.setFitToWidth(true);
        setCenter(scroll);
        Label status = new Label();
        status.textProperty().bind(model.status);
        status.getStyleClass().add("status");
        setBottom(status);

        model.run.addListener((o, was, now) -> model.loadExisting());
        model.report.addListener((o, was, now) -> show(now));
        io.simclr.workbench.app.Widgets.showFrom(model.error, "Evaluation failed");
    }

    private void show(RunEvaluation.Report r) {
        results.getChildren().clear();
        if (r == null) {
            return;
        }
        GridPane table = new GridPane();
        table.setHgap(24);
        table.setVgap(6);
        table.getStyleClass().add("results-table");
        table.addRow(0, bold(""), bold("trained"), bold("random init"));
        int row = 1;
        if (r.trained().linearTop1() != null) {
            table.addRow(row++, new Label("linear probe top-1 (test)"), number(r.trained().linearTop1()), number(r.randomInit().linearTop1()));
        }
        if (r.trained().knnTop1() != null) {
            table.addRow(row++, new Label(String.format(Locale.ROOT, "kNN top-1 (k=%d, T=%.2f)", r.knnK(), r.knnTemperature())),
                    number(r.trained().knnTop1()), number(r.randomInit().knnTop1()));
        }
        for (int i = 0; i < r.fineTuning().size(); i++) {
            FineTuning.Result t = r.fineTuning().get(i);
            table.addRow(row++, new Label(String.format(Locale.ROOT, "fine-tuned on %,d labels", t.labelledImages())), number(t.testTop1()),
                    number(r.fineTuningRandomInit().get(i).testTop1()));
        }
        results.getChildren().addAll(bold(String.format(Locale.ROOT, "%s · checkpoint %s · %s features · %,d train / %,d test images",
                java.nio.file.Path.of(r.run()).getFileName(), r.checkpoint(), r.layer(), r.trainSize(), r.testSize())), table);
        if (!r.fineTuning().isEmpty()) {
            FineTuning.Result t = r.fineTuning().get(r.fineTuning().size() - 1);
            results.getChildren().addAll(bold(String.format(Locale.ROOT, "per class, fine-tuned on %,d labels", t.labelledImages())),
                    perClass(t.report()), bold("confusion matrix (rows: true class, columns: predicted)"), confusion(t.report()));
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
        Label l = new Label(RunEvaluation.Scores.format(v));
        l.setStyle("-fx-font-family: monospace;");
        return l;
    }
}
