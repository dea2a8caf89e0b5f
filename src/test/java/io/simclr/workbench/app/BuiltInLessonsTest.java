package io.simclr.workbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.simclr.workbench.method.MethodKind;
import io.simclr.workbench.model.EncoderKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The lessons the Start page lists: each one opens, names a real screen, encoder and method, and states no unmeasured figure. */
class BuiltInLessonsTest {

    @Test
    void everyListedLessonOpensAndClaimsOnlyMeasuredFigures() {
        List<String> names = Lesson.builtInNames();
        assertTrue(names.contains("collapse.json") && names.contains("methods-compared.json"), names.toString());
        for (String name : names) {
            Lesson lesson = Lesson.builtIn(name);
            assertFalse(lesson.title().isBlank(), name);
            assertFalse(lesson.text().contains("TO MEASURE"), name + " still holds a placeholder for a figure");
            // byTitle falls back to Augmentations for an unknown name, so a typo would silently open the wrong screen.
            assertEquals(lesson.screen().toLowerCase(Locale.ROOT), Screen.byTitle(lesson.screen()).title().toLowerCase(Locale.ROOT),
                    name + ": screen " + lesson.screen());
            if (lesson.training() != null) {
                EncoderKind.parse(lesson.training().encoder());
                if (lesson.training().method() != null) {
                    MethodKind.parse(lesson.training().method());
                }
            }
        }
    }

    @Test
    void aLessonFileLeftOutOfTheIndexIsOneWaitingForItsFigures() throws IOException {
        List<String> listed = Lesson.builtInNames();
        List<String> unlisted = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("samples/lessons"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                String name = f.getFileName().toString();
                if (!listed.contains(name)) {
                    assertTrue(Files.readString(f).contains("[TO MEASURE"), name + " is neither in lessons.txt nor marked as waiting for figures");
                    unlisted.add(name);
                }
            }
        }
        assertEquals(List.of(), unlisted, "every lesson's figures are measured, so every lesson is listed");
    }
}
