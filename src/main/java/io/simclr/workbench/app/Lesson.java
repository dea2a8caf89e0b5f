package io.simclr.workbench.app;

import io.simclr.workbench.augment.AugmentationConfig;
import io.simclr.workbench.files.AtomicFiles;
import io.simclr.workbench.json.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A lesson file: what a teacher prepared — a title and a short text shown above the screen, the
 * screen to open, the augmentation preset and controls, the training settings, the temperature
 * view's tau, and which controls (by id) are hidden so a class sees only what the lesson is about.
 */
public record Lesson(String title, String text, String screen, String preset, AugmentationConfig augmentation, int seed, Training training,
                     double temperature, List<String> hidden) {

    /** {@code seed} and {@code warmupEpochs} may be left out (null): the screen keeps its own. */
    public record Training(String encoder, int epochs, int batch, double temperature, double learningRate, Integer seed, Integer warmupEpochs) {}

    public static Lesson read(Path file) {
        Lesson lesson = Json.GSON.fromJson(Json.read(file), Lesson.class);
        if (lesson == null) {
            throw new IllegalArgumentException(file + ": empty lesson file");
        }
        if (lesson.augmentation() != null && !lesson.augmentation().problems().isEmpty()) {
            throw new IllegalArgumentException(file + ": " + String.join("; ", lesson.augmentation().problems()));
        }
        return lesson;
    }

    public void write(Path file) throws IOException {
        AtomicFiles.writeString(file, Json.toJson(this));
    }

    public List<String> hiddenOrEmpty() {
        return hidden == null ? List.of() : hidden;
    }
}
