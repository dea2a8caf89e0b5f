package io.simclr.workbench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

    @Test
    void warmsUpLinearlyThenDecaysAlongACosineToZero() {
        LearningRateSchedule s = new LearningRateSchedule(1.0, 10, 0, 110, 0.0);
        assertEquals(0.1, s.rate(0), 1e-12);
        assertEquals(0.5, s.rate(4), 1e-12);
        assertEquals(1.0, s.rate(9), 1e-12);
        assertEquals(1.0, s.rate(10), 1e-12);
        assertEquals(0.5, s.rate(60), 1e-12);
        assertEquals(0.0, s.rate(110), 1e-12);
        for (long step = 11; step < 110; step++) {
            assertTrue(s.rate(step) < s.rate(step - 1), "decreasing at " + step);
        }
    }

    @Test
    void withoutWarmUpTheFirstStepUsesTheBaseRate() {
        assertEquals(3e-4, new LearningRateSchedule(3e-4, 0, 0, 100, 0).rate(0), 1e-15);
    }

    @Test
    void theRateIsHeldBeforeTheDecayWhenAsked() {
        LearningRateSchedule s = new LearningRateSchedule(2.0, 0, 50, 150, 0.0);
        assertEquals(2.0, s.rate(0), 1e-12);
        assertEquals(2.0, s.rate(49), 1e-12);
        assertEquals(2.0, s.rate(50), 1e-12);
        assertEquals(1.0, s.rate(100), 1e-12);
        assertEquals(0.0, s.rate(150), 1e-12);
    }

    @Test
    void nonsenseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule(1, 5, 10, 10, 0));
        assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule(0, 0, 0, 10, 0));
        assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule(1, 20, 0, 10, 0));
    }
}
