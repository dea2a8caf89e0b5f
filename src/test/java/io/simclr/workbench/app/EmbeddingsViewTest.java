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
    static Path other;

    private EmbeddingsViewModel model;
    private EmbeddingsView view;

    @BeforeAll
    static void trainATinyRun() throws InterruptedException {
        other = TinyRun.train(dir.resolve("other"), 200);
        Thread.sleep(1100); // the newest run is the current one, by its metrics file's time
        run = TinyRun.train(dir.resolve("run"), 200);
    }

    @Start
    void start(Stage stage) {
        RunCatalog catalog = Fixtures.catalog(dir);
        model = new EmbeddingsViewModel(catalog, javafx.application.Platform::runLater);
        view = new EmbeddingsView(model, catalog, new Fixtures.RecordingDialogs(), Fixtures.appearance());
        stage.setScene(new Scene(view, 1280, 800));
        stage.show();
        catalog.refresh();
    }

    @Test
    void theCurrentRunIsMappedItsPointsDrawnAndTheMapSavedIntoTheRunFolder(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> run.equals(model.run().get()) && model.testImages.get() > 0);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(40, model.testImages.get(), "a fifth of 200 shapes are test images");
        assertTrue(robot.lookup("#embed-points-of").queryAs(javafx.scene.control.Label.class).getText().contains("of 40 test images"));
        assertEquals(40, model.points.get(), "the points box never offers more points than the run has test images");
        robot.interact(() -> model.perplexity.set(5));
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

        javafx.scene.Node plot = canvas.getParent();
        var before = plot.localToScene(plot.getBoundsInLocal());
        robot.interact(() -> model.select(0));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(10, model.neighbours.get().length);
        assertTrue(robot.lookup("#embed-neighbours").queryAs(javafx.scene.layout.HBox.class).getChildren().size() > 1);
        assertEquals(before, plot.localToScene(plot.getBoundsInLocal()), "the map keeps its place when the neighbour strip opens");

        Path[] saved = new Path[3];
        robot.interact(() -> {
            saved[0] = model.export("csv");
            saved[1] = model.export("svg");
            saved[2] = model.export("png");
        });
        assertEquals(run.resolve("map-tsne.csv"), saved[0], "into the run folder");
        assertEquals(41, Files.readAllLines(saved[0]).size());
        String svg = Files.readString(saved[1]);
        assertTrue(svg.contains("t-SNE of run") && svg.contains("circle"), "a title and the points");
        assertTrue(Files.size(saved[2]) > 10_000);
        assertTrue(model.status.get().startsWith("saved ") && model.status.get().contains("map-tsne.png"), "it says where");
    }

    @Test
    void anotherRunIsMappedBesideOnTheSameTestImages(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> run.equals(model.run().get()) && model.testImages.get() > 0);
        @SuppressWarnings("unchecked")
        javafx.scene.control.ComboBox<io.simclr.workbench.run.RunSummary> beside = robot.lookup("#embed-beside")
                .queryAs(javafx.scene.control.ComboBox.class);
        robot.interact(() -> beside.setValue(beside.getItems().stream().filter(r -> r.folder().equals(other)).findFirst().orElseThrow()));
        assertEquals(other, model.beside.get());
        Canvas besideCanvas = robot.lookup("#embed-beside-canvas").queryAs(Canvas.class);
        assertTrue(besideCanvas.getParent().isVisible() && besideCanvas.getWidth() > 100, "a second map takes half the room");
        robot.clickOn("#embed-pca");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> model.besideCoordinates.get() != null && !model.running.get());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(model.sample.get().size(), model.besideSample.get().size());
        assertTrue(java.util.Arrays.equals(model.sample.get().labels(), model.besideSample.get().labels()), "the same seeded test images");
        assertEquals(2 * model.besideSample.get().size(), model.besideCoordinates.get().length);
        assertTrue(model.status.get().contains("beside it other"), model.status.get());
        robot.clickOn("#embed-beside-clear");
        assertEquals(null, model.beside.get());
        assertTrue(!besideCanvas.getParent().isVisible(), "the map has the room to itself again");
    }
}
