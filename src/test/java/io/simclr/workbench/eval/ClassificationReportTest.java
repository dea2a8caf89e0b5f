package io.simclr.workbench.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassificationReportTest {

    @Test
    void scoresMatchHandComputedValues() {
        int[] truth = {0, 0, 0, 1, 1, 2};
        int[] predicted = {0, 0, 1, 1, 0, 1};
        ClassificationReport r = ClassificationReport.of(truth, predicted, List.of("a", "b", "c"));
        assertEquals(3.0 / 6, r.accuracy(), 1e-12);
        assertArrayEquals(new int[][] {{2, 1, 0}, {1, 1, 0}, {0, 1, 0}}, r.confusion());
        // a: precision 2/3, recall 2/3; b: precision 1/3, recall 1/2; c: never predicted, recall 0.
        assertEquals(2.0 / 3, r.classes().get(0).precision(), 1e-12);
        assertEquals(1.0 / 3, r.classes().get(1).precision(), 1e-12);
        assertEquals(0.5, r.classes().get(1).recall(), 1e-12);
        assertEquals(2 * (1.0 / 3) * 0.5 / (1.0 / 3 + 0.5), r.classes().get(1).f1(), 1e-12);
        assertEquals(0, r.classes().get(2).f1(), 1e-12);
        assertEquals((2.0 / 3 + 1.0 / 3 + 0) / 3, r.macroPrecision(), 1e-12);
        assertEquals((2.0 / 3 + 0.5 + 0) / 3, r.macroRecall(), 1e-12);
        assertEquals(1, r.classes().get(2).support());
    }

    @Test
    void labelledSubsetTakesTheSameFractionOfEveryClassAndAtLeastOne() {
        int[] labels = new int[1000];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i < 900 ? i % 9 : 9;
        }
        int[] subset = FineTuning.labelledSubset(labels, 10, 0.01, 3);
        int[] perClass = new int[10];
        for (int i : subset) {
            perClass[labels[i]]++;
        }
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, perClass);
        assertArrayEquals(subset, FineTuning.labelledSubset(labels, 10, 0.01, 3));
        assertEquals(1000, FineTuning.labelledSubset(labels, 10, 1.0, 3).length);
    }
}
