package io.simclr.workbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.simclr.workbench.app.train.TrainViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ToggleButton;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The four steps in the window, as a class does them: train, then evaluate and map that run from the Train screen, no dialogs. */
class ClassroomFlowTest extends FxRobot {

    @TempDir
    Path runs;

    private WorkbenchApp app;

    @BeforeEach
    void launch() throws Exception {
        System.setProperty("simclr.workbench.runs", runs.toString());
        FxToolkit.registerPrimaryStage();
        app = (WorkbenchApp) FxToolkit.setupApplication(WorkbenchApp.class);
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupApplication(app);
        System.clearProperty("simclr.workbench.runs");
        java.util.prefs.Preferences.userRoot().node(System.getProperty("simclr.workbench.prefs")).removeNode();
    }

    @Test
    void aRunTrainedOnTheTrainScreenIsEvaluatedAndMappedWithoutFindingItsFolder() throws Exception {
        assertTrue(lookup("#nav-start").queryAs(ToggleButton.class).isSelected(), "the first start opens on the Start page");
        clickOn("#start-train");
        TrainViewModel training = app.trainingForTest();
        interact(() -> {
            training.recipe.set(TrainViewModel.Recipe.CLASS_DEMO);
            app.datasetForTest().shapesCount.set(200);
            training.batch.set(20);
            training.epochs.set(2);
        });
        clickOn("#train-start");
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> training.finishedRun.get() != null);
        Path run = training.finishedRun.get();
        assertEquals(runs, run.getParent());
        assertEquals(run, app.catalogForTest().current.get(), "the finished run is the window's current run");

        clickOn("#train-evaluate-run");
        assertTrue(lookup("#nav-evaluate").queryAs(ToggleButton.class).isSelected());
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> Files.exists(run.resolve("eval.json")) && !app.evaluationForTest().running.get());
        assertNotNull(app.evaluationForTest().report.get().trained().linearTop1());

        clickOn("#nav-train");
        clickOn("#train-map-run");
        assertTrue(lookup("#nav-embeddings").queryAs(ToggleButton.class).isSelected());
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> app.embeddingsForTest().coordinates.get() != null
                && !app.embeddingsForTest().running.get());
        assertEquals(2 * Math.min(40, app.embeddingsForTest().points.get()), app.embeddingsForTest().coordinates.get().length,
                "every test image of the run is on the map");
    }
}
