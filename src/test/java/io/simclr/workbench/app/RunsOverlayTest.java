package io.simclr.workbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.simclr.workbench.app.runs.OverlayCurve;
import io.simclr.workbench.app.runs.RunsView;
import io.simclr.workbench.app.runs.RunsViewModel;
import io.simclr.workbench.cli.WorkbenchCommand;
import io.simclr.workbench.run.RunSummary;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Runs of different methods overlaid on the Runs screen: a curve every method logs, each series named with its method. */
@ExtendWith(ApplicationExtension.class)
class RunsOverlayTest {

    @TempDir
    static Path runs;

    private static RunCatalog catalog;
    private RunsViewModel model;

    @BeforeAll
    static void trainTwoMethods() {
        for (String method : new String[] {"simclr", "byol"}) {
            assertEquals(0, WorkbenchCommand.execute("train", "--data", "shapes", "--shapes-count", "40", "--batch", "20", "--epochs", "2",
                    "--method", method, "--threads", "1", "--augment-threads", "1", "--out", runs.resolve(method).toString(), "--no-eval"));
        }
    }

    @AfterAll
    static void close() {
        catalog.dispose();
    }

    @Start
    void start(Stage stage) {
        catalog = Fixtures.catalog(runs);
        model = new RunsViewModel(catalog, javafx.application.Platform::runLater);
        stage.setScene(new Scene(new RunsView(model, new Fixtures.RecordingDialogs(), new Fixtures.RecordingNavigation(), Fixtures.appearance(),
                Fixtures.dataset()), 1280, 800));
        stage.show();
        catalog.refresh();
    }

    @Test
    void runsOfTwoMethodsOverlayByACurveBothLog(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> catalog.runs.size() == 2);
        @SuppressWarnings("unchecked")
        TableView<RunSummary> table = robot.lookup("#runs-table").queryAs(TableView.class);
        robot.interact(() -> table.getSelectionModel().selectAll());
        ChartViewer viewer = robot.lookup("#runs-chart").queryAs(ChartViewer.class);
        XYSeriesCollection curves = (XYSeriesCollection) viewer.getChart().getXYPlot().getDataset();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> curves.getSeriesCount() == 2);
        Label note = robot.lookup("#runs-scale-note").queryAs(Label.class);
        assertTrue(note.getText().contains("different methods"), "losses of two methods are not on one scale: " + note.getText());

        @SuppressWarnings("unchecked")
        ComboBox<OverlayCurve> picker = robot.lookup("#runs-curve").queryAs(ComboBox.class);
        robot.interact(() -> picker.setValue(OverlayCurve.COLLAPSE));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> note.getText().isEmpty() && curves.getSeriesCount() == 2
                && viewer.getChart().getTitle().getText().startsWith("collapse meter"));
        for (int s = 0; s < 2; s++) {
            String key = curves.getSeriesKey(s).toString();
            assertTrue(key.endsWith("(simclr)") || key.endsWith("(byol)"), key);
            assertTrue(curves.getItemCount(s) > 1, key + " has its points");
            double std = curves.getYValue(s, curves.getItemCount(s) - 1);
            assertTrue(std > 0 && std < 1, key + ": a collapse meter reading, not a loss: " + std);
        }
    }
}
