package io.simclr.workbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.simclr.workbench.app.temperature.TemperatureView;
import io.simclr.workbench.app.temperature.TemperatureViewModel;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class TemperatureViewTest {

    private TemperatureViewModel model;

    @Start
    void start(Stage stage) {
        model = new TemperatureViewModel();
        model.pairs.set(8);
        stage.setScene(new Scene(new TemperatureView(model, new io.simclr.workbench.app.temperature.SweepView(new io.simclr.workbench.app.temperature.SweepViewModel(), java.nio.file.Path.of("runs"), p -> {})), 1280, 800));
        stage.show();
        model.load();
    }

    @Test
    void theTemperatureSliderReshapesTheSoftmax(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> model.batch.get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(16, model.batch.get().viewCount());
        Label summary = robot.lookup("#temperature-summary").queryAs(Label.class);
        String atHalf = summary.getText();
        double[] p = model.probabilities();
        assertEquals(0, p[model.anchor.get()], "the anchor is not its own candidate");
        assertEquals(1, Arrays.stream(p).sum(), 1e-9);

        Slider slider = robot.lookup("#temperature-slider").queryAs(Slider.class);
        robot.interact(() -> slider.setValue(slider.getMin()));
        assertEquals(0.01, model.temperature.get(), 1e-9);
        double sharpMax = Arrays.stream(model.probabilities()).max().orElseThrow();
        robot.interact(() -> slider.setValue(slider.getMax()));
        assertEquals(2.0, model.temperature.get(), 1e-9);
        double flatMax = Arrays.stream(model.probabilities()).max().orElseThrow();
        assertTrue(sharpMax > flatMax, "low tau concentrates the softmax: " + sharpMax + " vs " + flatMax);
        assertNotEquals(atHalf, summary.getText(), "the numbers under the bars follow tau");
        assertTrue(robot.lookup("#temperature-label").queryAs(Label.class).getText().contains("2.000"));

        robot.interact(() -> model.anchor.set(3));
        assertTrue(summary.getText().startsWith("anchor 3"), summary.getText());
    }
}
