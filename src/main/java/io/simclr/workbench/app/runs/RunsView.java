package io.simclr.workbench.app.runs;

import io.simclr.workbench.eval.RunEvaluation;
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

/** The Runs screen: every run of the runs folder in a table; select several to overlay their loss curves; open a run's report. */
public final class RunsView extends BorderPane {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private final RunsViewModel model;
    private final TableView<RunSummary> table = new TableView<>();
    private final XYSeriesCollection curves = new XYSeriesCollection();

    public RunsView(RunsViewModel model, Consumer<java.nio.file.Path> open) {
        this.model = model;
        getStyleClass().add("screen");
        table.setId("runs-table");
        table.setItems(model.runs);
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.getColumns().add(column("run", r -> r.name()));
        table.getColumns().add(column("date", r -> WHEN.format(r.modified())));
        table.getColumns().add(column("dataset", RunSummary::dataset));
        table.getColumns().add(column("encoder", RunSummary::encoder));
        table.getColumns().add(column("τ", r -> Double.isNaN(r.temperature()) ? "" : String.valueOf(r.temperature())));
        table.getColumns().add(column("epochs", r -> r.epochs() == 0 ? "" : String.valueOf(r.epochs())));
        table.getColumns().add(column("kNN top-1", r -> RunEvaluation.Scores.format(r.knnTop1())));
        table.getColumns().add(column("linear top-1", r -> RunEvaluation.Scores.format(r.linearTop1())));
        table.getColumns().add(column("problem", r -> r.problem() == null ? "" : r.problem()));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<RunSummary>) c -> overlay());

        JFreeChart chart = io.simclr.workbench.app.Charts.lines("loss of the selected runs", "step", "NT-Xent loss (smoothed)", curves,
                java.util.List.of(), false);
        ChartViewer viewer = io.simclr.workbench.app.Charts.viewer(chart, "runs-chart");
        SplitPane split = new SplitPane(table, viewer);
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);
        split.setDividerPositions(0.45);
        setCenter(split);

        Button refresh = new Button("Refresh");
        refresh.setOnAction(e -> model.refresh());
        Button report = new Button("Open report");
        report.setId("runs-report");
        report.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        report.setOnAction(e -> model.report(table.getSelectionModel().getSelectedItem(), open));
        Label hint = new Label("select several runs (Ctrl-click) to compare their curves");
        hint.getStyleClass().add("hint");
        HBox bar = new HBox(10, refresh, report, hint);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(10));
        setTop(bar);
        Label status = new Label();
        status.textProperty().bind(model.status);
        status.getStyleClass().add("status");
        setBottom(status);
        io.simclr.workbench.app.Widgets.showFrom(model.error, "Runs");
    }

    private void overlay() {
        var selected = java.util.List.copyOf(table.getSelectionModel().getSelectedItems());
        model.curves(selected, loaded -> {
            curves.removeAllSeries();
            loaded.forEach((run, columns) -> {
                double[] step = columns.getOrDefault("global_step", new double[0]);
                double[] loss = columns.getOrDefault("loss", new double[0]);
                XYSeries series = new XYSeries(run.name(), false, true);
                double[] smoothed = io.simclr.workbench.run.RunReport.smooth(loss, 0.95);
                int stride = Math.max(1, step.length / 2_000);
                for (int i = 0; i < step.length; i += stride) {
                    series.add(step[i], smoothed[i], false);
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
