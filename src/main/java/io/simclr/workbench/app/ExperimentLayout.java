package io.simclr.workbench.app;

import java.nio.file.Path;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

/** The parts the experiment screens (temperature sweep, augmentation study, method comparison, backbone study) lay out alike. */
public final class ExperimentLayout {

    private ExperimentLayout() {}

    /** The controls in a column that scrolls when the window is short (zoomed for a projector), 18 characters of the current font wide. */
    public static ScrollPane controlColumn(Appearance appearance, Node... controls) {
        VBox column = new VBox(8, controls);
        column.setPadding(new Insets(12));
        column.getStyleClass().add("controls");
        ScrollPane scroll = new ScrollPane(column);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.prefWidthProperty().bind(appearance.fontSize.multiply(18));
        return scroll;
    }

    /**
     * The job's progress bar and status line, ids {@code <id>-progress} and {@code <id>-status}; the line says {@code none}
     * while no experiment is open.
     */
    public static FlowPane progressRow(String id, ExperimentJob job, ObservableValue<Path> folder, String none) {
        ProgressBar bar = new ProgressBar();
        bar.setId(id + "-progress");
        bar.setPrefWidth(260);
        bar.progressProperty().bind(job.progress);
        Label status = Widgets.hint("");
        status.setId(id + "-status");
        status.textProperty().bind(job.statusLine(folder, none));
        return Widgets.toolbar(bar, status);
    }
}
