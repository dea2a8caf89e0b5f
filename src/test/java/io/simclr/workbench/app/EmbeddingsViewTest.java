package io.simclr.workbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.simclr.workbench.app.embed.EmbeddingsView;
import io.simclr.workbench.app.embed.EmbeddingsViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
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
class EmbeddingsViewTest {

    @TempDir
    static Path dir;

    static Path run;

    private EmbeddingsViewModel model;
    private EmbeddingsView view;

    @BeforeAll
    static void trainATinyRun() {
        run = TinyRun.train(dir.resolve("run"), 200);
    }

    @Start
    void start(Stage stage) {
        model = new EmbeddingsViewModel();
        view = new EmbeddingsView(model);
        stage.setScene(new Scene(view, 1280, 800));
        stage.show();
    }

    @Test
    void aFinishedRunIsMappedAndItsPointsDrawn(FxRobot robot) throws Exception {
        robot.interact(() -> {
            model.run.set(run);
            model.points.set(40);
            model.perplexity.set(5);
        });
        robot.clickOn("#embed-tsne");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> model.coordinates.get() != null && !model.running.get());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(80, model.coordinates.get().length, "40 test images, x and y each");
        assertTrue(model.status.get().contains("1000 iterations"), model.status.get());

        Canvas canvas = robot.lookup("#embed-canvas").queryAs(Canvas.class);
        int[] coloured = {0};
        robot.interact(() -> {
            var image = canvas.snapshot(null, null);
            for (int y = 0; y < (int) image.getHeight(); y += 2) {
                for (int x = 0; x < (int) image.getWidth(); x += 2) {
                    int argb = image.getPixelReader().getArgb(x, y);
                    int r = argb >> 16 & 0xff;
                    int b = argb & 0xff;
                    if (Math.abs(r - b) > 40) {
                        coloured[0]++;
                    }
                }
            }
        });
        assertTrue(coloured[0] > 40, "the points are drawn in class colours: " + coloured[0]);

        robot.interact(() -> model.select(0));
        assertEquals(10, model.neighbours.get().length);
        assertTrue(robot.lookup("#embed-neighbours").queryParent().getChildrenUnmodifiable().size() > 0);

        Path csv = dir.resolve("map.csv");
        robot.interact(() -> {
            try {
                view.writeForExport(csv, "csv");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertEquals(41, Files.readAllLines(csv).size());
    }
}
