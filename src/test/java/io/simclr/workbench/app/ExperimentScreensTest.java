package io.simclr.workbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.simclr.workbench.app.study.StudyView;
import io.simclr.workbench.app.study.StudyViewModel;
import io.simclr.workbench.app.temperature.SweepView;
import io.simclr.workbench.app.temperature.SweepViewModel;
import io.simclr.workbench.data.DataConfig;
import io.simclr.workbench.run.AugmentationStudy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Study screen and the Temperature screen's sweep tab, each driven by its buttons on a few built-in shapes. */
@ExtendWith(ApplicationExtension.class)
class ExperimentScreensTest {

    @TempDir
    static Path runs;

    private StudyViewModel study;
    private SweepViewModel sweep;
    private TabPane tabs;

    @Start
    void start(Stage stage) {
        DataConfig few = DataConfig.shapes().withCounts(60, 20);
        study = new StudyViewModel(() -> few, 12);
        sweep = new SweepViewModel(() -> few, 12, javafx.application.Platform::runLater);
        Fixtures.RecordingDialogs dialogs = new Fixtures.RecordingDialogs();
        Appearance appearance = Fixtures.appearance();
        tabs = new TabPane(new javafx.scene.control.Tab("study", new StudyView(study, runs, dialogs, appearance)),
                new javafx.scene.control.Tab("sweep", new SweepView(sweep, runs, dialogs, appearance, Fixtures.dataset())));
        stage.setScene(new Scene(tabs, 1280, 800));
        stage.show();
    }

    @Test
    void aStoppedStudyShowsItsFinishedCellsAndContinueCompletesTheGrid(FxRobot robot) throws Exception {
        robot.interact(() -> {
            study.chosen.values().forEach(on -> on.set(false));
            study.chosen.get(AugmentationStudy.Operation.CROP).set(true);
            study.chosen.get(AugmentationStudy.Operation.NOISE).set(true);
            study.secondsPerRun.set(5);
        });
        robot.clickOn("#study-run");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> study.summary.get() != null && !study.summary.get().cells().isEmpty());
        robot.clickOn("#study-stop");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !study.job.running.get());
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> StudyViewModel.missing(study.summary.get()) > 0);
        int kept = study.summary.get().cells().size();
        assertTrue(kept >= 1 && kept < 4, "stopped part-way: " + kept + " cells");
        assertTrue(study.job.status.get().startsWith("stopped"), study.job.status.get());
        Button run = robot.lookup("#study-run").queryAs(Button.class);
        assertEquals("Continue study", run.getText());

        robot.clickOn("#study-run");
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> !study.job.running.get() && study.summary.get().cells().size() == 4);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1.0, study.job.progress.get(), 1e-9);
        assertEquals("Run study", run.getText());
        Path folder = study.folder.get();
        assertTrue(Files.exists(folder.resolve("study.html")));
        assertEquals(java.util.List.of("crop", "noise"), study.summary.get().operations());
    }

    @Test
    void aBlockedJobDoesNotStart(FxRobot robot) {
        robot.interact(() -> {
            study.job.blocked.set(true);
            study.start(runs);
        });
        assertFalse(study.job.running.get(), "a study waits while another training job runs");
        assertTrue(study.job.status.get().startsWith("another training job is running"), study.job.status.get());
        assertTrue(robot.lookup("#study-run").queryAs(Button.class).isDisabled());
        var training = new io.simclr.workbench.app.train.TrainViewModel(Fixtures.dataset(), Fixtures.catalog(runs),
                new io.simclr.workbench.app.train.TrainingSpeed(null));
        robot.interact(() -> {
            training.blocked.set(true);
            training.start();
        });
        assertEquals(io.simclr.workbench.app.train.TrainViewModel.State.IDLE, training.state.get(), "and so does the Train screen");
        robot.interact(() -> study.job.blocked.set(false));
        assertFalse(robot.lookup("#study-run").queryAs(Button.class).isDisabled());
    }

    @Test
    void aSweepFromTheTabShowsEveryTemperaturesResults(FxRobot robot) throws Exception {
        robot.interact(() -> {
            sweep.temperatures.set("0.1,0.5");
            sweep.secondsPerRun.set(10);
        });
        robot.interact(() -> tabs.getSelectionModel().select(1));
        java.util.concurrent.atomic.AtomicBoolean sawLiveCurve = new java.util.concurrent.atomic.AtomicBoolean();
        robot.interact(() -> sweep.live.addListener((o, was, now) -> {
            if (now != null && now.curves().loss().length > 0) {
                sawLiveCurve.set(true);
            }
        }));
        robot.clickOn("#sweep-run");
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> !sweep.job.running.get() && sweep.summary.get() != null
                && sweep.summary.get().cells().size() == 2 && sweep.curves.get().size() == 2);
        WaitForAsyncUtils.waitForFxEvents();
        assertNotNull(sweep.summary.get().cells().get(1).knnTop1());
        assertTrue(sawLiveCurve.get(), "the running temperature's curve is shown while it trains");
        assertTrue(sweep.live.get() == null || sweep.curves.get().containsKey(sweep.live.get().temperature()),
                "a finished temperature's curve comes from its run folder");
        assertEquals(java.util.Set.of(0.1, 0.5), sweep.curves.get().keySet());
        assertTrue(sweep.curves.get().get(0.5).loss().length > 0);
        assertFalse(robot.lookup("#sweep-page").queryAs(Button.class).isDisabled(), "its page can be opened");
        assertTrue(Files.exists(sweep.folder.get().resolve("sweep.html")));
    }
}
