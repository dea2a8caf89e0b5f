package io.simclr.workbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.simclr.workbench.app.train.TrainView;
import io.simclr.workbench.app.train.TrainViewModel;
import io.simclr.workbench.app.train.TrainingSpeed;
import java.util.List;
import io.simclr.workbench.eval.RunEvaluation;
import io.simclr.workbench.model.HeadKind;
import io.simclr.workbench.run.RunSummary;
import io.simclr.workbench.train.CheckpointStore;
import io.simclr.workbench.train.RunFolder;
import io.simclr.workbench.train.TrainConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;
import javafx.scene.control.Spinner;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class TrainViewTest {

    @TempDir
    Path dir;

    private TrainViewModel model;
    private TrainView view;
    private DatasetChoice dataset;
    private RunCatalog catalog;
    private final Fixtures.RecordingDialogs dialogs = new Fixtures.RecordingDialogs();
    private final Fixtures.RecordingNavigation navigation = new Fixtures.RecordingNavigation();

    @Start
    void start(Stage stage) {
        dataset = Fixtures.dataset();
        catalog = Fixtures.catalog(dir);
        model = new TrainViewModel(dataset, catalog, new TrainingSpeed(null));
        view = new TrainView(model, dataset, catalog, dialogs, navigation, Fixtures.appearance());
        stage.setScene(new Scene(view, 1280, 800));
        stage.show();
    }

    @AfterEach
    void close() {
        model.close();
    }

    /** Sets a small job on the built-in shapes, into this test's folder, and presses Start. */
    private void startOnShapes(FxRobot robot, int images, int batch, int epochs) {
        robot.interact(() -> {
            dataset.shapesCount.set(images);
            model.batch.set(batch);
            model.epochs.set(epochs);
        });
        robot.clickOn("#train-start");
    }

    @Test
    void startDrawsPointsAndStopLeavesAResumableCheckpoint(FxRobot robot) throws Exception {
        startOnShapes(robot, 200, 20, 50);
        assertEquals(TrainViewModel.State.RUNNING, model.state.get());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> model.progress.get() > 0.02);
        assertTrue(model.progressText.get().startsWith("epoch "), model.progressText.get());

        robot.clickOn("#train-stop");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> model.state.get() == TrainViewModel.State.IDLE);
        Path run = Path.of(model.runFolder.get());
        assertTrue(!RunFolder.open(run).checkpoints().newestFirst().isEmpty(), "stop keeps a checkpoint");
        assertTrue(model.log.stream().anyMatch(l -> l.contains("stopped after")), String.join("\n", model.log));
        long rows = Files.readAllLines(run.resolve("metrics.csv")).size() - 1;
        assertTrue(rows > 0);
        assertFalse(Files.exists(run.resolve(RunEvaluation.FILE)), "a stopped run is not scored");
        assertTrue(model.progressText.get().matches("stopped at step \\d+ \\(epoch \\d+\\) · its last checkpoint is kept in .*"),
                "a stopped run says where it stands, not a time left: " + model.progressText.get());
        RunSummary listed = RunSummary.of(run);
        assertTrue(listed.stopped() && listed.label().contains("stopped after") && listed.epochsText().endsWith(" of 50"),
                "run lists do not offer a stopped run as a finished one: " + listed.label());

        robot.interact(() -> model.resume(run));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> Files.readAllLines(run.resolve("metrics.csv")).size() - 1 > rows);
        robot.interact(model::stop);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> model.state.get() == TrainViewModel.State.IDLE);
    }

    @Test
    void eachHeadExplainsItselfInATooltip(FxRobot robot) {
        ComboBox<?> head = robot.lookup("#train-head").queryAs(ComboBox.class);
        robot.interact(() -> model.head.set(HeadKind.MLP_NO_BN));
        assertEquals(HeadKind.MLP_NO_BN.description(), head.getTooltip().getText());

        robot.clickOn("#train-head");
        ListCell<?> linear = robot.lookup(".list-cell").queryAllAs(ListCell.class).stream()
                .filter(c -> "linear".equals(c.getText())).findFirst().orElseThrow();
        assertEquals(HeadKind.LINEAR.description(), linear.getTooltip().getText());
        robot.interact(head::hide);
    }

    @Test
    @SuppressWarnings("unchecked")
    void warmUpAndSeedReachTheRunsConfigAndTheWarmUpNeverOutlastsTheRun(FxRobot robot) {
        Spinner<Integer> warmup = robot.lookup("#train-warmup").queryAs(Spinner.class);
        Spinner<Integer> seed = robot.lookup("#train-seed").queryAs(Spinner.class);
        robot.interact(() -> {
            model.epochs.set(5);
            warmup.increment(2);
            model.seed.set(42);
        });
        assertEquals(42, seed.getValue(), "the spinner follows the model (a lesson sets the model)");
        TrainConfig config = model.config();
        assertEquals(2, config.schedule().warmupEpochs(), 1e-12);
        assertEquals(42, config.seed());

        robot.interact(() -> warmup.increment(10));
        assertEquals(5, model.warmupEpochs.get(), "at most the whole run");
        robot.interact(() -> model.epochs.set(3));
        assertEquals(3, model.warmupEpochs.get(), "a shorter run shortens its warm-up");
        assertEquals(3, model.config().schedule().warmupEpochs(), 1e-12);
    }

    @Test
    void aCompletedRunEndsOnItsKnnScoreBesideRandomInit(FxRobot robot) throws Exception {
        startOnShapes(robot, 60, 12, 1);
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> model.progressText.get().startsWith("done"));
        assertEquals(TrainViewModel.State.IDLE, model.state.get());
        String shown = model.progressText.get();
        assertTrue(shown.matches("done · kNN top-1 0\\.\\d{3} \\(random init 0\\.\\d{3}; k=\\d+, T=0\\.10, 12 queries\\)"), shown);
        // What the screen shows is what the run folder keeps (the Runs list reads it).
        double kept = RunSummary.of(Path.of(model.runFolder.get())).knnTop1();
        assertTrue(shown.startsWith(String.format(java.util.Locale.ROOT, "done · kNN top-1 %.3f ", kept)), shown + " vs " + kept);
        assertEquals(1, model.log.stream().filter(l -> l.contains("completed")).count(), "the completion logged once: " + model.log);

        // The run is now the window's current run, and the screen offers to evaluate or map it right there.
        Path run = Path.of(model.runFolder.get());
        assertEquals(run, catalog.current.get());
        assertTrue(run.getFileName().toString().matches("shapes-small-\\d{4}-\\d{6}"), "a readable name: " + run.getFileName());
        robot.clickOn("#train-evaluate-run");
        robot.clickOn("#train-map-run");
        assertEquals(List.of("evaluate " + run.getFileName(), "map " + run.getFileName()), navigation.visits);
    }

    @Test
    @SuppressWarnings("unchecked")
    void anImageFolderIsLookedAtWhenChosenRefusedWithACountWhenWrongAndTrainedOnAtItsOwnSize(FxRobot robot) throws Exception {
        Path flat = Files.createDirectories(dir.resolve("flat"));
        for (int i = 0; i < 12; i++) {
            writePng(flat.resolve("img" + i + ".png"), 28, i);
        }
        Path classes = dir.resolve("classes");
        for (String c : List.of("cat", "dog", "fox")) {
            for (int i = 0; i < 12; i++) {
                writePng(Files.createDirectories(classes.resolve(c)).resolve(c + i + ".png"), 28, i + c.length());
            }
        }
        ComboBox<String> picker = robot.lookup("#train-dataset").queryAs(ComboBox.class);
        dialogs.nextFolder = java.util.Optional.of(flat);
        robot.interact(() -> picker.getSelectionModel().select("image folder (a sub-folder per class)…"));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> dataset.problem.get() != null);
        assertTrue(dataset.problem.get().contains("holds 12 files but no class sub-folders"), dataset.problem.get());
        assertEquals(io.simclr.workbench.data.DataSource.SHAPES, dataset.source.get(), "the refused folder is not taken");
        assertTrue(Folders.last().map(r -> !r.folder().equals(flat)).orElse(true), "nor remembered as last used");

        dialogs.nextFolder = java.util.Optional.of(classes);
        robot.interact(() -> picker.getSelectionModel().select("image folder (a sub-folder per class)…"));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> dataset.source.get() == io.simclr.workbench.data.DataSource.FOLDER);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(28, dataset.imageSize.get(), "28-px images are loaded at 28 px, not blown up to 64");
        assertTrue(dataset.summary.get().contains("in 3 classes · 28 px: the images' own size"), dataset.summary.get());
        robot.interact(() -> {
            model.batch.set(8);
            model.epochs.set(1);
        });
        robot.clickOn("#train-start");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> model.progressText.get().startsWith("done"));
        TrainConfig config = RunFolder.open(Path.of(model.runFolder.get())).readConfig();
        assertEquals(io.simclr.workbench.data.DataSource.FOLDER, config.data().source());
        assertEquals(28, config.data().imageSize());
        assertTrue(dialogs.errors.isEmpty(), dialogs.errors.toString());
    }

    private static void writePng(Path file, int side, int seed) throws java.io.IOException {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(side, side, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.util.Random random = new java.util.Random(seed);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                image.setRGB(x, y, random.nextInt(0xffffff));
            }
        }
        javax.imageio.ImageIO.write(image, "png", file.toFile());
    }

    @Test
    void theClassDemoRecipeShowsItsTimeBeforeStartAndAnyChangeMakesItCustom(FxRobot robot) {
        robot.interact(() -> model.recipe.set(TrainViewModel.Recipe.CLASS_DEMO));
        assertEquals(3_000, dataset.shapesCount.get());
        assertTrue(dataset.summary.get().startsWith("3,000 train and 600 test images in 10 classes"),
                "the dataset line counts the recipe's images: " + dataset.summary.get());
        String demo = model.expectedTime.get();
        assertTrue(demo.matches("expected time: about (\\d+ min )?\\d+ s .*"), demo);
        robot.interact(() -> model.epochs.set(model.epochs.get() * 2));
        assertEquals(TrainViewModel.Recipe.CUSTOM, model.recipe.get());
        assertNotEquals(demo, model.expectedTime.get(), "the estimate follows the settings");
    }

    @Test
    void aRunsMeasuredSpeedReplacesTheLaptopFigureInTheEstimateAsSoonAsItIsMeasured(FxRobot robot) throws Exception {
        java.util.prefs.Preferences prefs = java.util.prefs.Preferences.userRoot().node("/io/simclr/workbench/test-speed-" + System.nanoTime());
        try {
            TrainViewModel measuring = new TrainViewModel(dataset, catalog, new TrainingSpeed(prefs));
            robot.interact(() -> {
                dataset.shapesCount.set(60);
                measuring.batch.set(12);
                measuring.epochs.set(1);
            });
            assertTrue(measuring.expectedTime.get().contains("2-core laptop"), measuring.expectedTime.get());
            robot.interact(measuring::start);
            WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> {
                robot.interact(measuring::drain);
                return measuring.expectedTime.get().contains(" here ");
            });
            measuring.close();
        } finally {
            prefs.removeNode();
        }
    }
}
