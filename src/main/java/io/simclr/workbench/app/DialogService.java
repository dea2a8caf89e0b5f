package io.simclr.workbench.app;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Every dialog a view-model may need, behind one interface (as JabRef's view-models take a
 * DialogService), so a test can answer them without a stage.
 */
public interface DialogService {

    /** An error the user must read: what happened and what to do. */
    void showError(String header, String message);

    /** A yes/no question; true for yes. */
    boolean confirm(String header, String question);

    /** A folder, starting in {@code start} when it is one; empty when cancelled. */
    Optional<Path> chooseFolder(String title, Path start);

    /** A file to open of the given kind ("Lesson (JSON)", "*.json"); empty when cancelled. */
    Optional<Path> chooseOpenFile(String title, Path start, String kind, String pattern);

    /** A file to write, proposing {@code initialName} in {@code start}; empty when cancelled. */
    Optional<Path> chooseSaveFile(String title, Path start, String initialName, String kind, String pattern);

    /** One of {@code options}, each shown by {@code label}; empty when cancelled. */
    <T> Optional<T> choose(String header, String question, java.util.List<T> options, java.util.function.Function<T, String> label);

    /** Opens a document (a report, a page) in the system's viewer. */
    void open(Path document);
}
