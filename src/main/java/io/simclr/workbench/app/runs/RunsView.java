package io.simclr.workbench.app.runs;

import io.simclr.workbench.train.Metric;
import io.simclr.workbench.train.MetricsTable;
import io.simclr.workbench.app.Appearance;
import io.simclr.workbench.app.Charts;
import io.simclr.workbench.app.DialogService;
import io.simclr.workbench.app.Navigation;
import io.simclr.workbench.app.Widgets;
import io.simclr.workbench.eval.RunEvaluation;
import javafx.scene.layout.FlowPane;
import io.simclr.workbench.run.RunSummary;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The Runs screen: every run of the runs folder in a table that keeps itself current; pick one to
 * make it the run the other screens work on (and evaluate or map it from here), select several to
 * overlay their loss curves, open a run's report.
 */
public final class RunsView extends BorderPane {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private final RunsViewModel model;
    private final TableView<RunSummary> table = new TableView<>();
    private final XYSeriesCollection curves = new XYSeriesCollection();
    private final javafx.beans.property.ObjectProperty<OverlayCurve> curve = new javafx.beans.property.SimpleObjectProperty<>(OverlayCurve.LOSS);
    private final Label scaleNote = Widgets.hint("");
    private JFreeChart chart;
    private java.util.List<java.nio.file.Path> selectedFolders = java.util.List.of();

    /** @param dataset what an imported encoder is evaluated on (the Train screen's dataset) */
    public RunsView(RunsViewModel model, DialogService dialogs, Navigation navigation, Appearance appearance, io.simclr.workbench.app.DatasetChoice dataset) {
        this.model = model;
        getStyleClass().add("screen");
        table.setId("runs-table");
        table.setItems(model.runs());
        table.setPlaceholder(new Label("No runs yet: train one on the Train screen (or run a sweep or a study)."));
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        TableColumn<RunSummary, String> name = column("run", r -> r.name());
        name.prefWidthProperty().bind(appearance.fontSize.multiply(19));
        table.getColumns().add(name);
        table.getColumns().add(column("date", r -> WHEN.format(r.modified())));
        table.getColumns().add(column("dataset", RunSummary::dataset));
        table.getColumns().add(column("method / encoder", r -> r.method().isEmpty() ? "" : r.method() + " / " + r.encoder()));
        table.getColumns().add(column("τ", r -> Double.isNaN(r.temperature()) ? "" : String.valueOf(r.temperature())));
        table.getColumns().add(column("epochs", RunSummary::epochsText));
        table.getColumns().add(column("kNN top-1", r -> RunEvaluation.Scores.format(r.knnTop1())));
        table.getColumns().add(column("linear top-1", r -> RunEvaluation.Scores.format(r.linearTop1())));
        table.getColumns().add(column("note", r -> r.problem() != null ? r.problem() : r.hasCheckpoint() ? "" : "no checkpoint yet"));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<RunSummary>) c -> overlay());

        chart = Charts.lines("loss of the selected runs", "step", "loss (smoothed)", curves, java.util.List.of(), false);
        ChartViewer viewer = Charts.viewer(chart, "runs-chart", appearance);
        var curvePicker = Widgets.choice("runs-curve", OverlayCurve.values(), curve, OverlayCurve::parse);
        curvePicker.setMaxWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        curve.addListener((o, was, now) -> overlay());
        scaleNote.setId("runs-scale-note");
        FlowPane chartBar = Widgets.toolbar(new Label("Overlay"), curvePicker, scaleNote);
        chartBar.setPadding(new Insets(6, 10, 0, 10));
        BorderPane chartPane = new BorderPane(viewer);
        chartPane.setTop(chartBar);
        SplitPane split = new SplitPane(table, chartPane);
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);
        split.setDividerPositions(0.45);
        setCenter(split);

        var selected = table.getSelectionModel().selectedItemProperty();
        var noCheckpoint = javafx.beans.binding.Bindings.createBooleanBinding(() -> selected.get() == null || !selected.get().hasCheckpoint(),
                selected);
        Button evaluate = new Button("Evaluate");
        evaluate.setId("runs-evaluate");
        evaluate.disableProperty().bind(noCheckpoint);
        evaluate.setOnAction(e -> navigation.evaluate(selected.get().folder()));
        Button map = new Button("Map");
        map.setId("runs-map");
        map.disableProperty().bind(noCheckpoint);
        map.setOnAction(e -> navigation.map(selected.get().folder()));
        Button export = new Button("Export to PyTorch…");
        export.setId("runs-export");
        export.disableProperty().bind(noCheckpoint);
        export.setOnAction(e -> dialogs.chooseSaveFile("Export the encoder to PyTorch (safetensors, torchvision's names)", selected.get().folder(),
                selected.get().name().replace('/', '-') + "-encoder.safetensors", "safetensors", "*.safetensors")
                .ifPresent(file -> model.exportToPyTorch(selected.get(), file, false)));
        Button importEncoder = new Button("Import an encoder…");
        importEncoder.setId("runs-import");
        importEncoder.setOnAction(e -> dialogs.chooseOpenFile("An encoder trained elsewhere (safetensors, torchvision's names)", null,
                "safetensors", "*.safetensors").ifPresent(file -> {
                    java.util.List<String> encoders = new java.util.ArrayList<>(java.util.List.of("what the file says"));
                    java.util.Arrays.stream(io.simclr.workbench.model.EncoderKind.values()).map(io.simclr.workbench.model.EncoderKind::id)
                            .forEach(encoders::add);
                    dialogs.choose("Import an encoder", "Which encoder are these weights for?", encoders, s -> s).ifPresent(choice ->
                            model.importEncoder(file, choice.startsWith("what") ? null : io.simclr.workbench.model.EncoderKind.parse(choice),
                                    dataset.config()));
                }));
        Button report = new Button("Open report");
        report.setId("runs-report");
        report.disableProperty().bind(selected.isNull());
        report.setOnAction(e -> model.report(selected.get(), dialogs::open));
        Label hint = Widgets.hint("a run picked here is the one Evaluate, Embeddings and Temperature show; select several (Ctrl-click)"
                + " to compare their curves");
        FlowPane bar = Widgets.toolbar(evaluate, map, report, export, importEncoder, hint);
        bar.setPadding(new Insets(10));
        setTop(bar);
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null && now.hasCheckpoint() && table.getSelectionModel().getSelectedItems().size() == 1) {
                model.pick(now);
            }
        });
        // The list is replaced when runs come or change; what was selected stays selected.
        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<RunSummary>) c -> {
            if (!table.getSelectionModel().getSelectedItems().isEmpty()) {
                selectedFolders = table.getSelectionModel().getSelectedItems().stream().map(RunSummary::folder).toList();
            }
        });
        model.runs().addListener((ListChangeListener<RunSummary>) c -> javafx.application.Platform.runLater(() -> {
            for (int i = 0; i < table.getItems().size(); i++) {
                if (selectedFolders.contains(table.getItems().get(i).folder()) && !table.getSelectionModel().isSelected(i)) {
                    table.getSelectionModel().select(i);
                }
            }
        }));
        Label status = new Label();
        status.textProperty().bind(model.status);
        status.getStyleClass().add("status");
        Label message = new Label();
        message.setId("runs-message");
        message.setWrapText(true);
        message.textProperty().bind(model.message);
        message.getStyleClass().add("status");
        setBottom(new javafx.scene.layout.VBox(message, status));
        Widgets.showErrors(model.error, "Runs", dialogs);
    }

    private void overlay() {
        var selected = java.util.List.copyOf(table.getSelectionModel().getSelectedItems());
        OverlayCurve shown = curve.get();
        model.curves(selected, loaded -> {
            curves.removeAllSeries();
            chart.setTitle(shown.id() + " of the selected runs");
            chart.getXYPlot().getRangeAxis().setLabel(shown.id() + " (smoothed)");
            boolean methodsDiffer = loaded.keySet().stream().map(RunSummary::method).distinct().count() > 1;
            scaleNote.setText(shown == OverlayCurve.LOSS && methodsDiffer
                    ? "these runs train different methods, each loss on its own scale: overlay the in-batch top-1 or the collapse meter" : "");
            loaded.forEach((run, columns) -> {
                double[] step = columns.get(Metric.GLOBAL_STEP);
                double[] smoothed = io.simclr.workbench.run.RunReport.smooth(columns.get(shown.metric()), 0.95);
                XYSeries series = new XYSeries(methodsDiffer ? run.name() + " (" + run.method() + ")" : run.name(), false, true);
                int stride = Math.max(1, step.length / 2_000);
                for (int i = 0; i < step.length; i += stride) {
                    if (Double.isFinite(smoothed[i])) {
                        series.add(step[i], smoothed[i], false);
                    }
                }
                curves.addSeries(series);
            });
        });
    }

    private static TableColumn<RunSummary, String> column(String title, java.util.function.Function<RunSummary, String> value) {
        TableColumn<RunSummary, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return c;
    }
}
