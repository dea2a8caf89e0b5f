package io.simclr.workbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.simclr.workbench.app.evaluate.EvaluateView;
import io.simclr.workbench.app.evaluate.EvaluateViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class EvaluateViewTest {

    @TempDir
    static Path dir;

    static Path run;
    static Path other;
    static Path second;
    static Path unscored;

    private EvaluateViewModel model;
    private EvaluateView view;
    private RunCatalog catalog;

    @BeforeAll
    static void trainATinyRun() throws Exception {
        other = scored(TinyRun.train(dir.resolve("other"), 100));
        second = scored(TinyRun.train(dir.resolve("second"), 100));
        unscored = TinyRun.train(dir.resolve("unscored"), 100);
        Thread.sleep(1100); // the newest run is the current one, by its metrics file's time
        run = TinyRun.train(dir.resolve("run"), 100);
    }

    private static Path scored(Path tiny) throws Exception {
        io.simclr.workbench.eval.RunEvaluation.evaluate(io.simclr.workbench.train.RunFolder.open(tiny),
                new io.simclr.workbench.eval.RunEvaluation.Settings(java.util.EnumSet.of(io.simclr.workbench.eval.RunEvaluation.Probe.LINEAR,
                        io.simclr.workbench.eval.RunEvaluation.Probe.KNN), io.simclr.workbench.eval.FeatureExtractor.Layer.H, java.util.List.of(), 10,
                        null), message -> { });
        return tiny;
    }

    @Start
    void start(Stage stage) {
        catalog = Fixtures.catalog(dir);
        model = new EvaluateViewModel(catalog, javafx.application.Platform::runLater);
        view = new EvaluateView(model, catalog, new Fixtures.RecordingDialogs(), Fixtures.appearance());
        stage.setScene(new Scene(view, 1280, 800));
        stage.show();
        catalog.refresh();
    }

    @Test
    void theCurrentRunIsEvaluatedWithoutAFolderDialogAndShownAsBarsBesideRandomInit(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> run.equals(catalog.current.get()));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(model.status.get().contains("no evaluation yet"), model.status.get());
        ComboBox<?> picker = robot.lookup("#evaluate-run").queryAs(ComboBox.class);
        assertEquals(run, ((io.simclr.workbench.run.RunSummary) picker.getValue()).folder(), "the run list shows the current run");
        robot.clickOn("#evaluate-start");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> model.report.get() != null && !model.running.get());
        WaitForAsyncUtils.waitForFxEvents();
        assertNotNull(model.report.get().trained().linearTop1());
        assertNotNull(model.report.get().randomInit().knnTop1());
        assertTrue(Files.exists(run.resolve("eval.json")));
        var bars = view.scores();
        assertEquals(java.util.List.of("trained", "random init"), bars.getRowKeys());
        assertEquals(2, bars.getColumnCount(), "linear probe and kNN");
        double trainedLinear = bars.getValue("trained", "linear probe").doubleValue();
        assertEquals(100 * model.report.get().trained().linearTop1(), trainedLinear, 1e-9, "bars in percent");
        VBox results = robot.lookup("#evaluate-results").queryAs(VBox.class);
        assertTrue(results.getChildren().size() >= 1, "what was evaluated, and the chance level");
        assertTrue(model.status.get().contains("eval.json"), model.status.get());
        assertTrue(robot.lookup("#evaluate-explanation").queryAs(javafx.scene.control.Label.class).getText().contains("random init"));
    }

    @Test
    void anotherRunsScoresAreDrawnBesideTheCurrentRunsAndARunWithoutScoresSaysWhatToDo(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> run.equals(catalog.current.get()));
        robot.interact(() -> catalog.pick(other));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.report.get() != null);
        @SuppressWarnings("unchecked")
        ComboBox<io.simclr.workbench.run.RunSummary> beside = robot.lookup("#evaluate-beside").queryAs(ComboBox.class);
        assertTrue(beside.getItems().stream().noneMatch(r -> r.folder().equals(other)), "a run is not offered beside itself");
        robot.interact(() -> beside.setValue(beside.getItems().stream().filter(r -> r.folder().equals(second)).findFirst().orElseThrow()));
        WaitForAsyncUtils.waitForFxEvents();
        var secondReport = io.simclr.workbench.eval.RunEvaluation.read(second).orElseThrow();
        var expected = secondReport.trained();
        var bars = view.scores();
        assertEquals(java.util.List.of("trained", "random init", "second (trained)"), bars.getRowKeys());
        assertEquals(100 * expected.knnTop1(), bars.getValue("second (trained)", "kNN (k=" + secondReport.knnK() + ")").doubleValue(), 1e-9);
        assertEquals(100 * expected.linearTop1(), bars.getValue("second (trained)", "linear probe").doubleValue(), 1e-9);
        assertEquals("", model.besideNote.get(), "the same shapes, classes and layer: comparable");

        robot.interact(catalog::refresh);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> true);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(second, model.beside.get(), "the choice outlives the runs list refreshing");

        robot.interact(() -> beside.setValue(beside.getItems().stream().filter(r -> r.folder().equals(unscored)).findFirst().orElseThrow()));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, bars.getRowCount(), "nothing is drawn for a run without scores");
        assertTrue(model.besideNote.get().contains("unscored has no evaluation yet"), model.besideNote.get());
        robot.clickOn("#evaluate-beside-clear");
        assertEquals(null, model.beside.get());
    }
}
