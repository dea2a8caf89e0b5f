package io.simclr.workbench.app;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.simclr.workbench.app.evaluate.EvaluateView;
import io.simclr.workbench.app.evaluate.EvaluateViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
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

    private EvaluateViewModel model;

    @BeforeAll
    static void trainATinyRun() {
        run = TinyRun.train(dir.resolve("run"), 100);
    }

    @Start
    void start(Stage stage) {
        model = new EvaluateViewModel();
        stage.setScene(new Scene(new EvaluateView(model), 1280, 800));
        stage.show();
    }

    @Test
    void evaluatingARunShowsItsTableBesideRandomInit(FxRobot robot) throws Exception {
        robot.interact(() -> model.run.set(run));
        assertTrue(model.status.get().contains("no evaluation yet"), model.status.get());
        robot.clickOn("#evaluate-start");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> model.report.get() != null && !model.running.get());
        WaitForAsyncUtils.waitForFxEvents();
        assertNotNull(model.report.get().trained().linearTop1());
        assertNotNull(model.report.get().randomInit().knnTop1());
        assertTrue(Files.exists(run.resolve("eval.json")));
        VBox results = robot.lookup("#evaluate-results").queryAs(VBox.class);
        assertTrue(results.getChildren().size() >= 2, "heading and table");
        assertTrue(model.status.get().contains("eval.json written"), model.status.get());
    }
}
