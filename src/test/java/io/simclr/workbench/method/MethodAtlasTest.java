package io.simclr.workbench.method;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The map of ideas places every trained method once, and every method it does not train next to one it does. */
class MethodAtlasTest {

    @Test
    void everyTrainedMethodIsOnTheMapOnce() {
        for (MethodKind kind : MethodKind.values()) {
            assertEquals(1, MethodAtlas.ENTRIES.stream().filter(e -> e.trained() == kind).count(), kind.id());
        }
    }

    @Test
    void theMaterialsOtherMethodsPointToTheirTrainedNeighbour() {
        List<String> untrained = MethodAtlas.ENTRIES.stream().filter(e -> !e.isTrained()).map(MethodAtlas.Entry::name).sorted().toList();
        assertEquals(List.of("CLIP", "DeepCluster", "PIRL", "SeLA"), untrained);
        for (MethodAtlas.Entry e : MethodAtlas.ENTRIES) {
            if (e.isTrained()) {
                assertNull(e.neighbour(), e.name());
            } else {
                assertNotNull(e.neighbour(), e.name());
                assertTrue(e.summary().contains("train " + e.neighbour().id()), e.name() + " says which to train: " + e.summary());
                assertEquals(MethodAtlas.trained(e.neighbour()).orElseThrow().idea(), e.idea(), e.name() + " sits with its neighbour");
            }
        }
        assertEquals(MethodKind.SWAV, MethodAtlas.ENTRIES.stream().filter(e -> e.name().equals("DeepCluster")).findFirst().orElseThrow().neighbour());
    }

    @Test
    void everyIdeaHasATrainedMethod() {
        Arrays.stream(MethodAtlas.Idea.values()).forEach(idea ->
                assertTrue(MethodAtlas.of(idea).stream().anyMatch(MethodAtlas.Entry::isTrained), idea.title()));
    }

    @Test
    void noSummaryRepeatsTheTitleItsCardAlreadyShows() {
        for (MethodAtlas.Entry e : MethodAtlas.ENTRIES) {
            assertTrue(!e.summary().startsWith(e.name()) && !e.summary().contains(e.paper() + "):"), e.name() + ": " + e.summary());
            assertTrue(Character.isUpperCase(e.summary().charAt(0)), e.summary());
        }
    }
}
