package io.simclr.workbench.app.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.simclr.workbench.method.MethodKind;
import io.simclr.workbench.model.EncoderKind;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TrainingSpeedTest {

    private final Preferences prefs = Preferences.userRoot().node("/io/simclr/workbench/test-training-speed-" + System.nanoTime());
    private final TrainingSpeed speed = new TrainingSpeed(prefs);

    @AfterEach
    void forget() throws Exception {
        prefs.removeNode();
    }

    @Test
    void aMethodsMeasuredSpeedEstimatesItsOwnRunsOnly() {
        speed.record(MethodKind.MOCO, EncoderKind.SMALL, 32, 100);

        TrainingSpeed.Estimate moco = speed.estimate(MethodKind.MOCO, EncoderKind.SMALL, 32, 10_000);
        assertTrue(moco.measuredHere());
        assertEquals(100, moco.seconds(), 1e-9, "10,000 views at MoCo's 100 views/s");
        TrainingSpeed.Estimate simclr = speed.estimate(MethodKind.SIMCLR, EncoderKind.SMALL, 32, 10_000);
        assertFalse(simclr.measuredHere(), "MoCo's slower steps say nothing of SimCLR's");
        assertEquals(10_000 / 550.0, simclr.seconds(), 1e-9, "the laptop's SimCLR figure");
        assertFalse(speed.estimate(MethodKind.MOCO, EncoderKind.SMALL, 64, 10_000).measuredHere(), "nor of another image size");
    }

    @Test
    void anUnmeasuredMethodSaysItsEstimateIsSimClrsSpeed() {
        String byol = speed.estimate(MethodKind.BYOL, EncoderKind.SMALL, 32, 44_000).describe();
        assertTrue(byol.startsWith("about 80 s at SimCLR's speed on a 2-core laptop") && byol.endsWith("your first byol run measures byol's"), byol);
        String simclr = speed.estimate(MethodKind.SIMCLR, EncoderKind.SMALL, 32, 44_000).describe();
        assertEquals("about 80 s (speed of a 2-core laptop; your first run measures this one)", simclr);
    }
}
