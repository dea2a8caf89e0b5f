package io.simclr.workbench.app;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

/**
 * The window's dialogs: owned by the main stage, and styled like it (theme and zoom), so a dark or
 * zoomed window does not open light, small dialogs.
 */
public final class FxDialogs implements DialogService {

    private final Stage owner;
    private final Consumer<Path> opener;

    /** @param opener shows a document (the application's host services) */
    public FxDialogs(Stage owner, Consumer<Path> opener) {
        this.owner = owner;
        this.opener = opener;
    }

    /** Gives {@code dialog} the window's owner, stylesheets and font size. */
    public void style(Dialog<?> dialog) {
        dialog.initOwner(owner);
        if (owner.getScene() != null) {
            dialog.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
            dialog.getDialogPane().setStyle(owner.getScene().getRoot().getStyle());
        }
    }

    @Override
    public void showError(String header, String message) {
        Alert alert = new Alert(Alert.AlertType.ERROR, message);
        alert.setHeaderText(header);
        alert.getDialogPane().setMinWidth(480);
        style(alert);
        alert.show();
    }

    @Override
    public boolean confirm(String header, String question) {
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, question, ButtonType.YES, ButtonType.NO);
        ask.setHeaderText(header);
        style(ask);
        return ask.showAndWait().orElse(ButtonType.NO) == ButtonType.YES;
    }

    @Override
    public Optional<Path> chooseFolder(String title, Path start) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        if (start != null && Files.isDirectory(start)) {
            chooser.setInitialDirectory(start.toFile());
        }
        return Optional.ofNullable(chooser.showDialog(owner)).map(File::toPath);
    }

    @Override
    public Optional<Path> chooseOpenFile(String title, Path start, String kind, String pattern) {
        return Optional.ofNullable(fileChooser(title, start, kind, pattern).showOpenDialog(owner)).map(File::toPath);
    }

    @Override
    public Optional<Path> chooseSaveFile(String title, Path start, String initialName, String kind, String pattern) {
        FileChooser chooser = fileChooser(title, start, kind, pattern);
        chooser.setInitialFileName(initialName);
        return Optional.ofNullable(chooser.showSaveDialog(owner)).map(File::toPath);
    }

    private static FileChooser fileChooser(String title, Path start, String kind, String pattern) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind, pattern));
        if (start != null && Files.isDirectory(start)) {
            chooser.setInitialDirectory(start.toFile());
        }
        return chooser;
    }

    @Override
    public <T> Optional<T> choose(String header, String question, java.util.List<T> options, java.util.function.Function<T, String> label) {
        if (options.isEmpty()) {
            return Optional.empty();
        }
        javafx.scene.control.ChoiceDialog<String> dialog = new javafx.scene.control.ChoiceDialog<>(label.apply(options.get(0)),
                options.stream().map(label).toList());
        dialog.setHeaderText(header);
        dialog.setContentText(question);
        style(dialog);
        return dialog.showAndWait().flatMap(chosen -> options.stream().filter(o -> label.apply(o).equals(chosen)).findFirst());
    }

    @Override
    public void open(Path document) {
        opener.accept(document);
    }
}
