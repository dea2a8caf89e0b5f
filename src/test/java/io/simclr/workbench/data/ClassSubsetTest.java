package io.simclr.workbench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassSubsetTest {

    /** Six 1 px images of classes a, b, c, a, c, b; the pixel's first byte is the image's index. */
    private static final ImageDataset SOURCE = new InMemoryImageDataset("six", 1,
            new byte[][] {{0, 0, 0}, {1, 0, 0}, {2, 0, 0}, {3, 0, 0}, {4, 0, 0}, {5, 0, 0}}, new int[] {0, 1, 2, 0, 2, 1}, List.of("a", "b", "c"));

    @Test
    void keepsTheNamedClassesRelabelledInTheOrderNamed() {
        ClassSubset subset = ClassSubset.of(SOURCE, List.of("C", "a"));
        assertEquals(List.of("c", "a"), subset.classNames());
        assertEquals(4, subset.size());
        int[] labels = new int[subset.size()];
        int[] firstBytes = new int[subset.size()];
        for (int i = 0; i < subset.size(); i++) {
            labels[i] = subset.label(i);
            firstBytes[i] = subset.pixels(i)[0];
        }
        assertArrayEquals(new int[] {0, 2, 3, 4}, firstBytes, "source order kept");
        assertArrayEquals(new int[] {1, 0, 1, 0}, labels, "c is 0, a is 1");
        assertEquals(List.of("a", "b"), ClassSubset.firstClasses(SOURCE, 2));
    }

    @Test
    void unknownRepeatedOrTooFewClassesAreClearErrors() {
        var unknown = assertThrows(IllegalArgumentException.class, () -> ClassSubset.of(SOURCE, List.of("a", "zebra")));
        assertTrue(unknown.getMessage().contains("no class 'zebra'") && unknown.getMessage().contains("[a, b, c]"), unknown.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ClassSubset.of(SOURCE, List.of("a", "A"))).getMessage().contains("twice"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ClassSubset.of(SOURCE, List.of("b"))).getMessage().contains("two classes"));
    }
}
