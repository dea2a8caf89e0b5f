package io.simclr.workbench.app.study;

import io.simclr.workbench.app.Appearance;
import io.simclr.workbench.app.DialogService;
import io.simclr.workbench.app.ExperimentButtons;
import io.simclr.workbench.app.ExperimentLayout;
import io.simclr.workbench.app.Widgets;
import io.simclr.workbench.run.AugmentationStudy;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/**
 * The Study screen: the SimCLR paper's augmentation-composition grid. Operations and seconds per
 * cell on the left; the progress of the running study above; the grid as a heat map (rows: first
 * operation, columns: second, both on both views; the diagonal one operation alone) with row and
 * column averages, the running cell outlined.
 */
public final class StudyView extends BorderPane {

    private static final Color LOW = Color.web("#f7fcf5");
    private static final Color HIGH = Color.web("#238b45");

    private final StudyViewModel model;
    private final Canvas heatmap = new Canvas(600, 400);
    private final Appearance appearance;

    public StudyView(StudyViewModel model, Path runs, DialogService dialogs, Appearance appearance) {
        this.model = model;
        this.appearance = appearance;
        getStyleClass().add("screen");

        VBox ops = new VBox(6);
        for (AugmentationStudy.Operation op : AugmentationStudy.Operation.values()) {
            CheckBox box = new CheckBox(op.id());
            box.setId("study-op-" + op.id());
            box.selectedProperty().bindBidirectional(model.chosen.get(op));
            box.disableProperty().bind(model.job.running);
            ops.getChildren().add(box);
        }
        Spinner<Integer> seconds = new Spinner<>(5, 3600, model.secondsPerRun.get(), 5);
        seconds.setId("study-seconds");
        seconds.setEditable(true);
        seconds.valueProperty().addListener((o, was, now) -> model.secondsPerRun.set(now));
        Label cells = new Label();
        cells.getStyleClass().add("hint");
        cells.setWrapText(true);
        List<javafx.beans.Observable> inputs = new java.util.ArrayList<>(model.chosen.values());
        inputs.add(model.secondsPerRun);
        cells.textProperty().bind(Bindings.createStringBinding(() -> {
            long n = model.chosen.values().stream().filter(javafx.beans.property.BooleanProperty::get).count();
            return String.format(Locale.ROOT, "%d cells, about %d min of training", n * n, Math.round(n * n * model.secondsPerRun.get() / 60.0));
        }, inputs.toArray(javafx.beans.Observable[]::new)));
        ExperimentButtons buttons = ExperimentButtons.of("study", "Run study", "Continue study", "Open study…",
                "A study folder (one with study.json)", "study.html", model.job, model.folder, model.summary,
                () -> !StudyViewModel.finished(model.summary.get()), () -> model.start(runs), model::open, dialogs, runs).filling();
        Label explain = new Label("Each cell is a short SimCLR run on the Train screen's dataset with two operations applied to both views, one"
                + " after the other (the diagonal: one alone), scored by the linear probe. Stop keeps finished cells; Continue goes on"
                + " with the first missing one.");
        explain.setWrapText(true);
        explain.getStyleClass().add("hint");
        setLeft(ExperimentLayout.controlColumn(appearance, Widgets.field("study-ops", "Operations", ops),
                Widgets.field("study-seconds-field", "Seconds per cell", seconds), cells, buttons.run(), buttons.stop(), buttons.open(),
                buttons.page(), explain));

        javafx.scene.layout.FlowPane top = ExperimentLayout.progressRow("study", model.job, model.folder, "no study yet");
        top.setPadding(new Insets(10, 12, 4, 12));
        setTop(top);

        Pane holder = new Pane(heatmap);
        holder.setId("study-heatmap");
        heatmap.widthProperty().bind(holder.widthProperty());
        heatmap.heightProperty().bind(holder.heightProperty());
        heatmap.widthProperty().addListener((o, was, now) -> draw());
        heatmap.heightProperty().addListener((o, was, now) -> draw());
        VBox.setVgrow(holder, Priority.ALWAYS);
        VBox center = new VBox(holder);
        center.setPadding(new Insets(4, 12, 12, 12));
        setCenter(center);

        model.summary.addListener((o, was, now) -> draw());
        model.job.currentCell.addListener((o, was, now) -> draw());
        appearance.follow(this::draw);
        Widgets.showErrors(model.job.error, "Augmentation study", dialogs);
    }

    private void draw() {
        GraphicsContext g = heatmap.getGraphicsContext2D();
        double w = heatmap.getWidth();
        double h = heatmap.getHeight();
        Appearance.Palette palette = appearance.palette();
        Color text = palette.fx(palette.text());
        double size = appearance.fontSize.get();
        g.setFill(palette.fx(palette.background()));
        g.fillRect(0, 0, w, h);
        AugmentationStudy.Summary s = model.summary.get();
        g.setTextBaseline(VPos.CENTER);
        if (s == null || s.operations().isEmpty()) {
            g.setFill(palette.fx(palette.muted()));
            g.setFont(Font.font(size));
            g.fillText("Tick operations and press Run study, or open a study folder.", 20, 30);
            return;
        }
        AugmentationStudy.Grid grid = AugmentationStudy.Grid.of(s);
        List<String> ops = grid.operations();
        int n = ops.size();
        double title = 2.4 * size;
        double labelW = 7 * size;
        double labelH = 2 * size;
        double side = Math.max(20, Math.min((w - labelW - 20) / (n + 1.3), (h - title - labelH - 36) / (n + 1.3)));
        double x0 = labelW;
        double y0 = title + labelH;
        g.setFont(Font.font(null, FontWeight.BOLD, size * 1.08));
        g.setFill(text);
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText("linear-probe top-1 — rows: first operation, columns: second (both views)", 10, size);
        g.setFont(Font.font(Math.max(size * 0.85, Math.min(size * 1.2, side / 5))));
        g.setTextAlign(TextAlignment.CENTER);
        for (int j = 0; j < n; j++) {
            g.setFill(text);
            g.fillText(ops.get(j), x0 + (j + 0.5) * side, title + labelH / 2);
        }
        g.fillText("average", x0 + (n + 0.15 + 0.5) * side, title + labelH / 2);
        String running = model.job.currentCell.get();
        for (int i = 0; i < n; i++) {
            g.setTextAlign(TextAlignment.RIGHT);
            g.setFill(text);
            g.fillText(ops.get(i), x0 - 8, y0 + (i + 0.5) * side);
            g.setTextAlign(TextAlignment.CENTER);
            for (int j = 0; j < n; j++) {
                if ((ops.get(i) + "+" + ops.get(j)).equals(running)) {
                    g.setFill(Color.web("#eeeeee"));
                    g.fillRect(x0 + j * side + 1, y0 + i * side + 1, side - 2, side - 2);
                    g.setStroke(Color.web("#d62728"));
                    g.setLineWidth(3);
                    g.strokeRect(x0 + j * side + 2, y0 + i * side + 2, side - 4, side - 4);
                    g.setFill(Color.web("#d62728"));
                    g.fillText("running", x0 + (j + 0.5) * side, y0 + (i + 0.5) * side);
                } else {
                    cell(g, grid, grid.values()[i][j], x0 + j * side, y0 + i * side, side, false);
                }
            }
            cell(g, grid, grid.rowMeans()[i], x0 + (n + 0.15) * side, y0 + i * side, side, true);
        }
        g.setTextAlign(TextAlignment.RIGHT);
        g.setFill(text);
        g.fillText("average", x0 - 8, y0 + (n + 0.15 + 0.5) * side);
        g.setTextAlign(TextAlignment.CENTER);
        for (int j = 0; j < n; j++) {
            cell(g, grid, grid.columnMeans()[j], x0 + j * side, y0 + (n + 0.15) * side, side, true);
        }
        g.setTextAlign(TextAlignment.LEFT);
        g.setFill(palette.fx(palette.muted()));
        g.setFont(Font.font(size * 0.92));
        g.fillText(String.format(Locale.ROOT, "%d of %d cells done%s", s.cells().size(), n * n,
                s.cells().isEmpty() ? "" : String.format(Locale.ROOT, "; worst %.3f, best %.3f (colour runs between them)", grid.min(), grid.max())),
                x0, y0 + (n + 1.3) * side + 14);
    }

    private static void cell(GraphicsContext g, AugmentationStudy.Grid grid, double v, double x, double y, double side, boolean average) {
        if (Double.isNaN(v)) {
            g.setFill(Color.web("#eeeeee"));
            g.fillRect(x + 1, y + 1, side - 2, side - 2);
            g.setFill(Color.GRAY);
            g.fillText(average ? "—" : "not run", x + side / 2, y + side / 2);
            return;
        }
        double share = grid.share(v);
        g.setFill(average ? Color.web("#f2f2f2") : LOW.interpolate(HIGH, share));
        g.fillRect(x + 1, y + 1, side - 2, side - 2);
        g.setFill(!average && share > 0.6 ? Color.WHITE : Color.BLACK);
        g.fillText(String.format(Locale.ROOT, "%.3f", v), x + side / 2, y + side / 2);
    }
}
