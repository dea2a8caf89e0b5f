package io.simclr.workbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.simclr.workbench.augment.AugmentationPreset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.ToggleButton;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

class LessonTest extends FxRobot {

    @TempDir
    Path dir;

    private WorkbenchApp app;

    @BeforeEach
    void launch() throws Exception {
        System.setProperty("simclr.workbench.prefs", "io/simclr/workbench/test-" + ProcessHandle.current().pid());
        FxToolkit.registerPrimaryStage();
        app = (WorkbenchApp) FxToolkit.setupApplication(WorkbenchApp.class);
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupApplication(app);
        java.util.prefs.Preferences.userRoot().node(System.getProperty("simclr.workbench.prefs")).removeNode();
    }

    @Test
    void aSavedLessonRestoresTheScreenSettingsAndHiddenControls() throws Exception {
        String json = """
                {"title": "t", "text": "Move the slider.", "screen": "Temperature", "preset": "crop-only", "seed": 7, "temperature": 0.07,
                 "training": {"encoder": "resnet18", "epochs": 3, "batch": 32, "temperature": 0.1, "learningRate": 0.0005, "seed": 42,
                              "warmupEpochs": 1},
                 "hidden": ["augment-blur", "augment-gray"]}
                """;
        Path file = dir.resolve("lesson.json");
        Files.writeString(file, json);
        interact(() -> app.openLessonForTest(Lesson.read(file)));
        assertTrue(lookup("#nav-temperature").queryAs(ToggleButton.class).isSelected(), "the lesson's screen is open");
        Node blur = app.hideableForTest("augment-blur");
        assertFalse(blur.isVisible() || blur.isManaged(), "listed controls are hidden, on a screen not shown yet too");
        assertFalse(shown(blur.lookup("#augment-blur-p")), "with the slider that belongs to the switch");
        assertFalse(shown(app.hideableForTest("augment-gray").lookup("#augment-gray-slider")), "a slider and its label go together");
        assertTrue(shown(app.hideableForTest("augment-flip").lookup("#augment-flip-check")));

        Path saved = dir.resolve("saved.json");
        interact(() -> {
            try {
                app.saveLessonForTest(saved);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Lesson again = Lesson.read(saved);
        assertEquals("Temperature", again.screen());
        assertEquals("Move the slider.", again.text());
        assertTrue(lookup("#lesson-banner").query().isVisible(), "the lesson's text is shown");
        assertEquals(AugmentationPreset.CROP_ONLY.id(), again.preset());
        assertEquals(7, again.seed());
        assertEquals(0.07, again.temperature(), 1e-12);
        assertEquals(new Lesson.Training("resnet18", 3, 32, 0.1, 0.0005, 42, 1, 5_000, "simclr", true, true), again.training());
        assertEquals(List.of("augment-blur", "augment-gray"), again.hidden().stream().sorted().toList());
    }

    @Test
    void everySampleLessonOpens() throws Exception {
        try (var files = Files.list(Path.of("samples/lessons"))) {
            List<Path> lessons = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
            assertTrue(lessons.size() >= 5, "the five lessons of the issue");
            for (Path file : lessons) {
                Lesson lesson = Lesson.read(file);
                interact(() -> app.openLessonForTest(lesson));
                assertTrue(lookup("#nav-" + lesson.screen().toLowerCase()).queryAs(ToggleButton.class).isSelected(), file.toString());
                assertTrue(lookup("#lesson-banner").query().isVisible(), file + " shows its text");
            }
        }
    }

    @Test
    void aLessonClearsThePreviousRunsCurvesAndItsBannerCanBeDismissed() {
        interact(() -> app.trainingForTest().finishedRun.set(dir));
        interact(() -> app.openLessonForTest(Lesson.builtIn("first-simclr-run.json")));
        assertEquals(null, app.trainingForTest().finishedRun.get(), "the last run's results are not the lesson's");
        assertEquals("not started", app.trainingForTest().progressText.get());
        assertTrue(lookup("#lesson-banner").query().isVisible());
        clickOn("#lesson-dismiss");
        assertFalse(lookup("#lesson-banner").query().isVisible(), "the teacher can put the text away");
        assertFalse(app.hideableForTest("train-lr").isVisible(), "the lesson's hidden controls stay hidden");
    }

    @Test
    void theMapOfMethodsOpensOnItsTabAndSendsAnUntrainedMethodToItsTrainedNeighbour() throws Exception {
        interact(() -> app.openLessonForTest(Lesson.builtIn("methods-map.json")));
        assertTrue(lookup("#nav-study").queryAs(ToggleButton.class).isSelected());
        javafx.scene.control.TabPane tabs = lookup("#study-tabs").queryAs(javafx.scene.control.TabPane.class);
        assertEquals("Map of methods", tabs.getSelectionModel().getSelectedItem().getText(), "the lesson opens its tab");
        Path saved = dir.resolve("saved.json");
        interact(() -> {
            try {
                app.saveLessonForTest(saved);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertEquals("Map of methods", Lesson.read(saved).tab(), "a saved lesson keeps the tab");
        interact(() -> app.openLessonForTest(Lesson.builtIn("which-augmentations-matter.json")));
        assertEquals("Augmentation study", tabs.getSelectionModel().getSelectedItem().getText(),
                "a lesson that names no tab opens the screen's first one, not the tab the last lesson left open");
        interact(() -> app.openLessonForTest(Lesson.builtIn("methods-map.json")));

        clickOn("#map-card-deepcluster");
        assertTrue(lookup("#map-detail").queryAs(javafx.scene.control.Label.class).getText().startsWith("DeepCluster"));
        clickOn("#map-train-deepcluster");
        assertTrue(lookup("#nav-train").queryAs(ToggleButton.class).isSelected(), "its button opens the Train screen");
        assertEquals(io.simclr.workbench.method.MethodKind.SWAV, app.trainingForTest().method.get(), "with its trained neighbour chosen");
    }

    /** Whether a node and all its parents are visible. */
    private static boolean shown(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    @Test
    void aBrokenLessonIsAClearError() throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"preset\": \"crop-only\", \"augmentation\": {\"crop\": {\"enabled\": true, \"scaleMin\": 2}}}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Lesson.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    }
}
