package io.simclr.workbench.app.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.simclr.workbench.app.DatasetChoice;
import io.simclr.workbench.app.RunCatalog;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The smoothed loss curve, as TensorBoard smooths: it starts on the data and follows it without a lag from zero. */
class LossSmoothingTest {

    private final TrainViewModel model = new TrainViewModel(new DatasetChoice(Runnable::run), new RunCatalog(Path.of("target/none"), Runnable::run),
            new TrainingSpeed(null));

    @Test
    void theFirstSmoothedPointIsTheFirstLossAndAConstantStaysConstant() {
        model.setSmoothing(0.9);
        assertEquals(5.0, model.smooth(5.0), 1e-12, "starts on the data, not at a tenth of it");
        for (int i = 0; i < 20; i++) {
            assertEquals(5.0, model.smooth(5.0), 1e-9);
        }
    }

    @Test
    void aStepInTheLossIsFollowedSmoothly() {
        model.setSmoothing(0.9);
        model.smooth(4.0);
        double after = model.smooth(2.0);
        assertTrue(after < 4.0 && after > 2.0, "between the old and the new value: " + after);
        // The weights 0.1·0.9 and 0.1 of the two values, divided by the 1 − 0.9² they sum to.
        assertEquals((0.9 * 0.1 * 4 + 0.1 * 2) / (1 - 0.81), after, 1e-12);
    }
}
