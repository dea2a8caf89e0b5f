package io.simclr.workbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.simclr.workbench.app.augment.AugmentationsView;
import io.simclr.workbench.app.augment.AugmentationsViewModel;
import io.simclr.workbench.augment.AugmentationPreset;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class AugmentationsViewTest {

    private AugmentationsViewModel model;
    private Appearance appearance;

    @Start
    void start(Stage stage) {
        model = new AugmentationsViewModel(javafx.application.Platform::runLater);
        appearance = Fixtures.appearance();
        stage.setScene(new Scene(new AugmentationsView(model, new Fixtures.RecordingDialogs(), appearance), 1280, 800));
        stage.show();
    }

    @Test
    void changingAControlRedrawsThePreview(FxRobot robot) throws Exception {
        ImageView grid = robot.lookup("#augment-grid").queryAs(ImageView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> grid.getImage() != null);
        Image before = grid.getImage();
        Label status = robot.lookup("#augment-status").queryAs(Label.class);
        assertTrue(status.getText().contains("8 pairs at 96 px"), status.getText());
        assertTrue(!status.getText().isEmpty() && before.getWidth() > 400);

        robot.clickOn("#augment-flip-check");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> grid.getImage() != before);
        assertTrue(!model.config().flip().enabled(), "the flip box drives the config");
        assertTrue(!model.config().equals(model.preset.get().config()), "the config differs from the preset's now");

        Image afterFlip = grid.getImage();
        robot.clickOn("#augment-reshuffle");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> grid.getImage() != afterFlip);
        assertEquals(2, model.seed.get());
        assertTrue(!samePixels(afterFlip, grid.getImage()), "new seed, new views");

        robot.interact(() -> model.preset.set(AugmentationPreset.CROP_ONLY));
        WaitForAsyncUtils.waitForFxEvents();
        CheckBox jitter = robot.lookup("#augment-jitter-check").queryAs(CheckBox.class);
        assertTrue(!jitter.isSelected(), "a preset sets the controls");
        assertNotNull(grid.getImage());
        assertNotSame(afterFlip, grid.getImage());
    }

    private static boolean samePixels(Image a, Image b) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            return false;
        }
        var ra = a.getPixelReader();
        var rb = b.getPixelReader();
        for (int y = 0; y < (int) a.getHeight(); y += 3) {
            for (int x = 0; x < (int) a.getWidth(); x += 3) {
                if (ra.getArgb(x, y) != rb.getArgb(x, y)) {
                    return false;
                }
            }
        }
        return true;
    }

    @Test
    void theGridIsDrawnInTheWindowsTheme(FxRobot robot) throws Exception {
        ImageView grid = robot.lookup("#augment-grid").queryAs(ImageView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> grid.getImage() != null);
        assertTrue(grid.getImage().getPixelReader().getColor(2, 2).getBrightness() > 0.8, "a light page in the light theme");
        javafx.scene.image.Image light = grid.getImage();
        robot.interact(() -> appearance.dark.set(true));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> grid.getImage() != light);
        assertTrue(grid.getImage().getPixelReader().getColor(2, 2).getBrightness() < 0.3, "a dark page in the dark theme, not a white one");
    }
}
