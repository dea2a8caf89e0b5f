package io.simclr.workbench.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.simclr.workbench.train.CheckpointStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

class CloseWhileTrainingTest extends FxRobot {

    @TempDir
    Path runs;

    private WorkbenchApp app;

    @BeforeEach
    void launch() throws Exception {
        System.setProperty("simclr.workbench.prefs", "io/simclr/workbench/test-close-" + ProcessHandle.current().pid());
        System.setProperty("simclr.workbench.runs", runs.toString());
        FxToolkit.registerPrimaryStage();
        app = (WorkbenchApp) FxToolkit.setupApplication(WorkbenchApp.class);
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupApplication(app);
        java.util.prefs.Preferences.userRoot().node(System.getProperty("simclr.workbench.prefs")).removeNode();
        System.clearProperty("simclr.workbench.runs");
    }

    @Test
    @SuppressWarnings("unchecked")
    void closingWhileTrainingAsksAndThenStopsWithACheckpoint() throws Exception {
        clickOn("#nav-train");
        interact(() -> {
            ((Spinner<Integer>) lookup("#train-images").query()).getValueFactory().setValue(100);
            ((Spinner<Integer>) lookup("#train-epochs").query()).getValueFactory().setValue(200);
        });
        clickOn("#train-start");
        ProgressBar progress = lookup("#train-progress").queryAs(ProgressBar.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> progress.getProgress() > 0.01);

        Stage stage = (Stage) lookup("#workbench-root").query().getScene().getWindow();
        Platform.runLater(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Window.getWindows().size() > 1);
        javafx.scene.control.DialogPane dialog = lookup(".dialog-pane").queryAs(javafx.scene.control.DialogPane.class);
        assertTrue(dialog.getContentText().contains("training run is in progress"), "the window asks before closing");
        Button yes = (Button) dialog.lookupButton(javafx.scene.control.ButtonType.YES);
        Platform.runLater(yes::fire);

        Path run;
        try (var children = Files.list(runs)) {
            run = children.findFirst().orElseThrow();
        }
        // The window closes; the trainer stops at its next step: the metrics stop growing well before the 400 steps asked for.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !stage.isShowing());
        long before = -1;
        long rows = Files.readString(run.resolve("metrics.csv")).lines().count();
        for (int i = 0; i < 30 && rows != before; i++) {
            Thread.sleep(1_000);
            before = rows;
            rows = Files.readString(run.resolve("metrics.csv")).lines().count();
        }
        assertTrue(rows == before && rows < 400, "training stopped after the window closed (" + rows + " rows)");
        assertTrue(!new CheckpointStore(run.resolve("checkpoints")).newestFirst().isEmpty(), "a resumable checkpoint is kept");
    }
}
