package io.simclr.workbench.app;

import io.simclr.workbench.augment.AugmentationConfig;
import io.simclr.workbench.files.AtomicFiles;
import io.simclr.workbench.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * A lesson file: what a teacher prepared — a title and a short text shown above the screen, the
 * screen to open (and its tab, on a screen with tabs), the augmentation preset and controls, the training settings, the temperature
 * view's tau, and which controls (by id) are hidden so a class sees only what the lesson is about.
 */
public record Lesson(String title, String text, String screen, String tab, String preset, AugmentationConfig augmentation, int seed, Training training,
                     double temperature, List<String> hidden) {

    /**
     * {@code seed}, {@code warmupEpochs}, {@code images} (how many built-in shapes), {@code method} and
     * SimSiam's {@code stopGradient} and {@code predictor} may be left out (null): the screen keeps its
     * own (or SimCLR, with both guards on).
     */
    public record Training(String encoder, int epochs, int batch, double temperature, double learningRate, Integer seed, Integer warmupEpochs,
                           Integer images, String method, Boolean stopGradient, Boolean predictor) {}

    /** A lesson with nothing in it yet, for screens to fill. */
    public static Lesson empty() {
        return new Lesson(null, null, null, null, null, null, 0, null, 0, List.of());
    }

    public static Lesson read(Path file) {
        return parse(Json.read(file), file.toString());
    }

    /** A lesson that ships with the app ({@code /io/simclr/workbench/lessons/NAME}). */
    public static Lesson builtIn(String name) {
        try (InputStream in = Lesson.class.getResourceAsStream("/io/simclr/workbench/lessons/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no built-in lesson " + name);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name);
        } catch (IOException e) {
            throw new IllegalArgumentException(name + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** The built-in lessons, in the order of their index. */
    public static List<String> builtInNames() {
        try (InputStream in = Lesson.class.getResourceAsStream("/io/simclr/workbench/lessons/lessons.txt")) {
            if (in == null) {
                return List.of();
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static Lesson parse(String json, String source) {
        Lesson lesson;
        try {
            lesson = Json.GSON.fromJson(json, Lesson.class);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(source + ": not a lesson file (" + e.getMessage() + ")", e);
        }
        if (lesson == null) {
            throw new IllegalArgumentException(source + ": empty lesson file");
        }
        if (lesson.augmentation() != null && !lesson.augmentation().problems().isEmpty()) {
            throw new IllegalArgumentException(source + ": " + String.join("; ", lesson.augmentation().problems()));
        }
        return lesson;
    }

    public void write(Path file) throws IOException {
        AtomicFiles.writeString(file, Json.toJson(this));
    }

    public List<String> hiddenOrEmpty() {
        return hidden == null ? List.of() : hidden;
    }

    public Lesson withText(String newTitle, String newText) {
        return new Lesson(newTitle, newText, screen, tab, preset, augmentation, seed, training, temperature, hidden);
    }

    /** @param newTab the tab shown on that screen, or null on a screen without tabs */
    public Lesson withScreen(String newScreen, String newTab) {
        return new Lesson(title, text, newScreen, newTab, preset, augmentation, seed, training, temperature, hidden);
    }

    public Lesson withAugmentations(String newPreset, AugmentationConfig newAugmentation, int newSeed) {
        return new Lesson(title, text, screen, tab, newPreset, newAugmentation, newSeed, training, temperature, hidden);
    }

    public Lesson withTraining(Training newTraining) {
        return new Lesson(title, text, screen, tab, preset, augmentation, seed, newTraining, temperature, hidden);
    }

    public Lesson withTemperature(double newTemperature) {
        return new Lesson(title, text, screen, tab, preset, augmentation, seed, training, newTemperature, hidden);
    }

    public Lesson withHidden(List<String> newHidden) {
        return new Lesson(title, text, screen, tab, preset, augmentation, seed, training, temperature, List.copyOf(newHidden));
    }
}
