package io.simclr.workbench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

    @Test
    void warmsUpLinearlyThenDecaysAlongACosineToZero() {
        LearningRateSchedule s = new LearningRateSchedule(1.0, 10, 0, 110, 0);
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
        LearningRateSchedule s = new LearningRateSchedule(2.0, 0, 50, 150, 0);
        assertEquals(2.0, s.rate(0), 1e-12);
        assertEquals(2.0, s.rate(49), 1e-12);
        assertEquals(2.0, s.rate(50), 1e-12);
        assertEquals(1.0, s.rate(100), 1e-12);
        assertEquals(0.0, s.rate(150), 1e-12);
    }

    @Test
    void aDecayLongerThanTheRunEndsAboveZeroAndAShorterOneStaysAtZero() {
        // sthalles/SimCLR at 20 epochs of 19 steps: constant for 11 epochs, then a cosine 19 epochs long.
        LearningRateSchedule reference = new LearningRateSchedule(3e-4, 0, 11 * 19, 20 * 19, 19 * 19);
        assertEquals(3e-4, reference.rate(11 * 19 - 1), 1e-15);
        assertEquals(3e-4 * 0.5 * (1 + Math.cos(Math.PI * 9 / 19)), reference.rate(20 * 19), 1e-15);
        assertTrue(reference.rate(20 * 19 - 1) > 0.5 * 3e-4);
        LearningRateSchedule quick = new LearningRateSchedule(1.0, 0, 0, 100, 40);
        assertEquals(0.5, quick.rate(20), 1e-12);
        assertEquals(0.0, quick.rate(40), 1e-12);
        assertEquals(0.0, quick.rate(99), 1e-12);
    }

    @Test
    void nonsenseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule(1, 5, 10, 10, 0));
        assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule(0, 0, 0, 10, 0));
        assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule(1, 20, 0, 10, 0));
        var negativeDecay = assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule(1, 0, 0, 10, -5));
        assertTrue(negativeDecay.getMessage().contains("decay"), negativeDecay.getMessage());
    }
}
