package io.simclr.workbench.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MedianTest {

    @Test
    void middleValueOfAnOddCountAndMeanOfTheMiddleTwoOfAnEvenOne() {
        double[] odd = {9, 1, 5};
        assertEquals(5, Median.of(odd));
        assertArrayEquals(new double[] {9, 1, 5}, odd, "the input is left unsorted");
        assertEquals(3.5, Median.of(new double[] {4, 1, 3, 100}));
        assertThrows(IllegalArgumentException.class, () -> Median.of(new double[0]));
    }
}
