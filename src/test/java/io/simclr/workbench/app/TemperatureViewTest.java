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
        RunCatalog catalog = Fixtures.catalog(java.nio.file.Path.of("target", "no-runs-here"));
        model = new TemperatureViewModel(catalog, javafx.application.Platform::runLater);
        model.pairs.set(8);
        Fixtures.RecordingDialogs dialogs = new Fixtures.RecordingDialogs();
        Appearance appearance = Fixtures.appearance();
        var sweep = new io.simclr.workbench.app.temperature.SweepView(new io.simclr.workbench.app.temperature.SweepViewModel(
                io.simclr.workbench.data.DataConfig::shapes, 64, javafx.application.Platform::runLater), java.nio.file.Path.of("runs"), dialogs,
                appearance, Fixtures.dataset());
        stage.setScene(new Scene(new TemperatureView(model, sweep, catalog, dialogs, appearance), 1280, 800));
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
        assertTrue(summary.getText().contains("At random initialisation every projection points in nearly the same direction"),
                "with no run the numbers say why every cosine is near 1: " + summary.getText());
        assertTrue(slider.isShowTickMarks() && slider.isShowTickLabels(), "the tau slider has its decades marked");
    }
}
