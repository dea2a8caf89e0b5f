package io.simclr.workbench.app.study;

import io.simclr.workbench.app.Appearance;
import io.simclr.workbench.app.Charts;
import io.simclr.workbench.app.DialogService;
import io.simclr.workbench.app.ExperimentButtons;
import io.simclr.workbench.app.ExperimentLayout;
import io.simclr.workbench.app.Widgets;
import io.simclr.workbench.model.EncoderKind;
import io.simclr.workbench.run.BackboneStudy;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Encoders against head sizes: what to train on the left; on the right, every finished cell's linear
 * probe on h and on z with its encoder's size and time, the same as bars per encoder and head size,
 * and the best cell's fine-tuning on the labelled classes.
 */
public final class BackboneView extends BorderPane {

    private final BackboneViewModel model;
    private final TableView<BackboneStudy.Cell> table = new TableView<>();
    private final DefaultCategoryDataset bars = new DefaultCategoryDataset();
    private final Label downstream = Widgets.hint("");

    public BackboneView(BackboneViewModel model, Path runs, DialogService dialogs, Appearance appearance) {
        this.model = model;
        VBox encoders = new VBox(4);
        for (EncoderKind kind : EncoderKind.values()) {
            CheckBox box = new CheckBox(kind.id());
            box.setId("backbone-encoder-" + kind.id());
            box.selectedProperty().bindBidirectional(model.encoders.get(kind));
            box.disableProperty().bind(model.job.running);
            box.setTooltip(Widgets.explaining(kind.description()));
            encoders.getChildren().add(box);
        }
        TextField heads = new TextField();
        heads.setId("backbone-heads");
        heads.textProperty().bindBidirectional(model.headDims);
        heads.disableProperty().bind(model.job.running);
        TextField batches = new TextField();
        batches.setId("backbone-batches");
        batches.textProperty().bindBidirectional(model.batchSizes);
        batches.disableProperty().bind(model.job.running);
        Spinner<Integer> seconds = Widgets.intSpinner("backbone-seconds", 10, 3600, 10, model.secondsPerRun);
        ComboBox<BackboneStudy.FineTune> fineTune = new ComboBox<>();
        fineTune.setId("backbone-finetune");
        fineTune.getItems().setAll(BackboneStudy.FineTune.values());
        fineTune.valueProperty().bindBidirectional(model.fineTune);
        fineTune.setMaxWidth(Double.MAX_VALUE);
        fineTune.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(BackboneStudy.FineTune f) {
                return f == null ? "" : switch (f) {
                    case NONE -> "none (the table only)";
                    case BEST -> "the best cell";
                    case ALL -> "every cell";
                };
            }

            @Override
            public BackboneStudy.FineTune fromString(String text) {
                throw new UnsupportedOperationException("chosen from the list");
            }
        });
        fineTune.disableProperty().bind(model.job.running);

        ExperimentButtons buttons = ExperimentButtons.of("backbone", "Study", "Continue", "Open study…",
                "A backbone-study folder (one with study.json)", "study.html", model.job, model.folder, model.summary,
                () -> !BackboneViewModel.finished(model.summary.get()), () -> model.start(runs), model::open, dialogs, runs).filling();
        Label explain = Widgets.hint("Every cell is a SimCLR run on the Train screen's dataset with one encoder, head size and batch, for the"
                + " same time; it is scored by the linear probe on h (the encoder's output) and on z (the head's). The defaults are nine"
                + " cells, about half an hour on a 2-core laptop. Larger encoders take fewer steps in the same time.");
        setLeft(ExperimentLayout.controlColumn(appearance, Widgets.field("backbone-encoders", "Encoders (rows)", encoders),
                Widgets.field("backbone-heads-field", "Head sizes (columns)", heads), Widgets.field("backbone-batches-field", "Batch sizes", batches),
                Widgets.field("backbone-seconds-field", "Seconds per cell", seconds), Widgets.field("backbone-finetune-field",
                        "Fine-tune on five labelled classes", fineTune), buttons.run(), buttons.stop(), buttons.open(), buttons.page(), explain));

        javafx.scene.layout.FlowPane top = ExperimentLayout.progressRow("backbone", model.job, model.folder, "no study yet");
        top.setPadding(new Insets(10, 12, 4, 12));
        setTop(top);

        table.setId("backbone-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        table.setPlaceholder(new Label("No cell has finished yet."));
        table.getColumns().add(column("encoder", BackboneStudy.Cell::encoder));
        table.getColumns().add(column("params", c -> model.summary.get().row(c.encoder())
                .map(r -> String.format(Locale.ROOT, "%.1f M", r.parameters() / 1e6)).orElse("")));
        table.getColumns().add(column("head", c -> String.valueOf(c.headDim())));
        table.getColumns().add(column("batch", c -> String.valueOf(c.batchSize())));
        table.getColumns().add(column("h", c -> percent(c.linearTop1H())));
        table.getColumns().add(column("z", c -> percent(c.linearTop1Z())));
        table.getColumns().add(column("untrained", c -> model.summary.get().row(c.encoder())
                .map(r -> r.randomInitLinearTop1() == null ? "" : percent(r.randomInitLinearTop1())).orElse("")));
        table.getColumns().add(column("steps", c -> String.valueOf(c.steps())));
        table.getColumns().add(column("wall time", c -> String.format(Locale.ROOT, "%.0f s", c.wallSeconds())));

        JFreeChart chart = ChartFactory.createBarChart("linear probe on h, by encoder and head size", null, "top-1", bars,
                PlotOrientation.VERTICAL, true, false, false);
        BarRenderer renderer = (BarRenderer) chart.getCategoryPlot().getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        for (int k = 0; k < 6; k++) {
            renderer.setSeriesPaint(k, Charts.colour(k));
        }
        Charts.style(chart);
        downstream.setId("backbone-downstream");
        Label legend = Widgets.hint("Linear-probe test top-1 on h (the encoder's output) and on z (the head's output), beside the same"
                + " encoder untrained; steps: how many the cell took in its time.");
        legend.setWrapText(true);
        VBox tablePane = new VBox(6, legend, table, downstream);
        VBox.setVgrow(table, javafx.scene.layout.Priority.ALWAYS);
        SplitPane center = new SplitPane(tablePane, Charts.viewer(chart, "backbone-chart", appearance));
        center.setOrientation(Orientation.VERTICAL);
        center.setPadding(new Insets(0, 12, 12, 12));
        setCenter(center);

        model.summary.addListener((o, was, now) -> show());
        Widgets.showErrors(model.job.error, "Backbone study", dialogs);
    }

    private static TableColumn<BackboneStudy.Cell, String> column(String title, Function<BackboneStudy.Cell, String> value) {
        TableColumn<BackboneStudy.Cell, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        return column;
    }

    private static String percent(double v) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * v);
    }

    private void show() {
        BackboneStudy.Summary s = model.summary.get();
        bars.clear();
        if (s == null) {
            table.getItems().clear();
            downstream.setText("");
            return;
        }
        table.getItems().setAll(s.cells());
        for (BackboneStudy.Cell c : s.cells()) {
            String series = "head " + c.headDim() + (s.settings().batchSizes().size() > 1 ? ", batch " + c.batchSize() : "");
            bars.addValue(c.linearTop1H(), series, c.encoder());
        }
        BackboneStudy.FineTuned f = s.downstream();
        downstream.setText(f == null ? "" : String.format(Locale.ROOT, "Fine-tuned %s on %s (%d labelled images, %d epochs): test accuracy"
                + " %.1f %%, macro F1 %.2f.", f.run(), String.join(", ", f.classes()), f.labelledImages(), f.epochs(),
                100 * f.report().accuracy(), f.report().macroF1()));
    }
}
