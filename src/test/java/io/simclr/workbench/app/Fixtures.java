package io.simclr.workbench.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import javafx.application.Platform;

/** What the window's screens are built with, for tests: dialogs that record and answer, a catalog of a test's runs folder. */
final class Fixtures {
    private Fixtures() {}

    /** Dialogs that record every error and question and answer as told, so a flow runs without a stage. */
    static final class RecordingDialogs implements DialogService {
        final List<String> errors = new CopyOnWriteArrayList<>();
        final List<Path> opened = new CopyOnWriteArrayList<>();
        /** What a folder chooser returns next (empty: cancelled). */
        volatile Optional<Path> nextFolder = Optional.empty();
        volatile boolean confirmAnswer = true;
        final List<String> questions = new ArrayList<>();

        @Override
        public void showError(String header, String message) {
            errors.add(header + ": " + message);
        }

        @Override
        public boolean confirm(String header, String question) {
            questions.add(question);
            return confirmAnswer;
        }

        @Override
        public Optional<Path> chooseFolder(String title, Path start) {
            return nextFolder;
        }

        @Override
        public Optional<Path> chooseOpenFile(String title, Path start, String kind, String pattern) {
            return nextFolder;
        }

        @Override
        public Optional<Path> chooseSaveFile(String title, Path start, String initialName, String kind, String pattern) {
            return nextFolder;
        }

        @Override
        public <T> Optional<T> choose(String header, String question, List<T> options, Function<T, String> label) {
            questions.add(question);
            return options.stream().findFirst();
        }

        @Override
        public void open(Path document) {
            opened.add(document);
        }
    }

    /** A navigation that records where it was sent. */
    static final class RecordingNavigation implements Navigation {
        final List<String> visits = new CopyOnWriteArrayList<>();

        @Override
        public void show(Screen screen) {
            visits.add(screen.name());
        }

        @Override
        public void evaluate(Path run) {
            visits.add("evaluate " + run.getFileName());
        }

        @Override
        public void map(Path run) {
            visits.add("map " + run.getFileName());
        }
    }

    static RunCatalog catalog(Path runs) {
        return new RunCatalog(runs, Platform::runLater);
    }

    static DatasetChoice dataset() {
        return new DatasetChoice(Platform::runLater);
    }

    static Appearance appearance() {
        return new Appearance(null);
    }
}
