package io.simclr.workbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.simclr.workbench.app.study.BackboneView;
import io.simclr.workbench.app.study.BackboneViewModel;
import io.simclr.workbench.app.study.CompareView;
import io.simclr.workbench.app.study.CompareViewModel;
import io.simclr.workbench.data.DataConfig;
import io.simclr.workbench.method.MethodKind;
import io.simclr.workbench.model.EncoderKind;
import io.simclr.workbench.run.BackboneStudy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Study screen's method-comparison and backbone-study tabs, each driven by its buttons on a few built-in shapes. */
@ExtendWith(ApplicationExtension.class)
class StudyTabsTest {

    @TempDir
    static Path runs;

    private CompareViewModel comparison;
    private BackboneViewModel backbones;
    private Fixtures.RecordingDialogs dialogs;
    private TabPane tabs;

    @Start
    void start(Stage stage) {
        DataConfig few = DataConfig.shapes().withCounts(60, 20);
        comparison = new CompareViewModel(() -> few, 12);
        backbones = new BackboneViewModel(() -> few);
        dialogs = new Fixtures.RecordingDialogs();
        Appearance appearance = Fixtures.appearance();
        tabs = new TabPane(new Tab("compare", new CompareView(comparison, runs, dialogs, appearance)),
                new Tab("backbones", new BackboneView(backbones, runs, dialogs, appearance)));
        stage.setScene(new Scene(tabs, 1280, 800));
        stage.show();
    }

    @Test
    void aComparisonScoresEveryChosenMethodAndShowsItsCollapseMeter(FxRobot robot) throws Exception {
        robot.interact(() -> {
            comparison.chosen.values().forEach(on -> on.set(false));
            comparison.chosen.get(MethodKind.SIMCLR).set(true);
            comparison.chosen.get(MethodKind.BYOL).set(true);
            comparison.secondsPerRun.set(5);
        });
        robot.clickOn("#compare-run");
        WaitForAsyncUtils.waitFor(240, TimeUnit.SECONDS, () -> !comparison.job.running.get() && comparison.summary.get() != null
                && comparison.summary.get().cells().size() == 2 && comparison.collapse.get().size() == 2);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(dialogs.errors.isEmpty(), dialogs.errors.toString());
        assertEquals(List.of("simclr", "byol"), comparison.summary.get().methods());
        for (var cell : comparison.summary.get().cells()) {
            assertNotNull(cell.knnTop1(), cell.method() + " is scored by kNN");
            assertNotNull(cell.randomInitKnnTop1(), cell.method() + " beside random init");
        }
        CompareViewModel.Collapse meter = comparison.collapse.get().get("byol");
        assertTrue(meter.step().length > 1 && meter.step().length == meter.std().length, "the meter follows the run step by step");
        assertEquals(comparison.summary.get().cells().get(1).healthyStd(), meter.healthy(), 1e-12, "beside the run's healthy level");
        assertTrue(meter.healthy() > 0 && meter.healthy() < 1);
        assertTrue(Files.exists(comparison.folder.get().resolve("compare.html")));
        assertEquals("Compare", robot.lookup("#compare-run").queryAs(Button.class).getText(), "a finished comparison starts anew");
    }

    @Test
    void aComparisonNeedsAMethod(FxRobot robot) {
        robot.interact(() -> {
            comparison.chosen.values().forEach(on -> on.set(false));
            comparison.start(runs);
        });
        assertFalse(comparison.job.running.get());
        assertTrue(lastError().contains("Method comparison") && lastError().contains("at least one method"), lastError());
    }

    /** The last error the screen showed in a dialog. */
    private String lastError() {
        WaitForAsyncUtils.waitForFxEvents();
        return dialogs.errors.isEmpty() ? "(no error shown)" : dialogs.errors.get(dialogs.errors.size() - 1);
    }

    @Test
    void badHeadSizesAreNamedAndStartNothing(FxRobot robot) {
        robot.interact(() -> {
            backbones.headDims.set("32, sixty-four");
            backbones.start(runs);
        });
        assertFalse(backbones.job.running.get());
        assertTrue(lastError().contains("head sizes") && lastError().contains("'sixty-four'"), lastError());
        robot.interact(() -> {
            backbones.headDims.set("32");
            backbones.batchSizes.set("1");
            backbones.start(runs);
        });
        assertTrue(lastError().contains("batch size 1"), lastError());
        assertFalse(backbones.job.running.get());
    }

    @Test
    void aBackboneStudyFillsItsTableCellByCell(FxRobot robot) throws Exception {
        robot.interact(() -> {
            tabs.getSelectionModel().select(1);
            backbones.encoders.values().forEach(on -> on.set(false));
            backbones.encoders.get(EncoderKind.SMALL).set(true);
            backbones.headDims.set("8, 16");
            backbones.batchSizes.set("12");
            backbones.secondsPerRun.set(10);
            backbones.fineTune.set(BackboneStudy.FineTune.NONE);
        });
        robot.clickOn("#backbone-run");
        WaitForAsyncUtils.waitFor(240, TimeUnit.SECONDS, () -> !backbones.job.running.get() && backbones.summary.get() != null
                && backbones.summary.get().cells().size() == 2);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(dialogs.errors.isEmpty(), dialogs.errors.toString());
        TableView<?> table = robot.lookup("#backbone-table").queryAs(TableView.class);
        assertEquals(2, table.getItems().size());
        BackboneStudy.Summary s = backbones.summary.get();
        assertEquals(List.of(8, 16), s.cells().stream().map(BackboneStudy.Cell::headDim).toList());
        assertTrue(s.cells().stream().allMatch(c -> c.linearTop1H() > 0 && c.steps() > 0));
        assertTrue(Files.exists(backbones.folder.get().resolve("study.html")));
    }
}
