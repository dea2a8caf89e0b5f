package io.simclr.workbench.app;

import io.simclr.workbench.json.Choice;
import java.io.File;
import java.nio.file.Path;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.stage.DirectoryChooser;
import javafx.util.Duration;
import javafx.util.StringConverter;

/** Small pieces the screens share: the error dialog a view-model asks for, the run-folder picker, named choices. */
public final class Widgets {

    private Widgets() {}

    /**
     * Shows each message the view-model puts into {@code error} as a dialog (the message says what
     * happened and what to do), then clears it so the same message can come again.
     */
    public static void showFrom(StringProperty error, String header) {
        error.addListener((o, was, now) -> {
            if (now != null) {
                Alert alert = new Alert(Alert.AlertType.ERROR, now);
                alert.setHeaderText(header);
                alert.show();
                error.set(null);
            }
        });
    }

    /** An editable whole-number spinner kept in step with {@code property} both ways. */
    public static Spinner<Integer> intSpinner(String id, int min, int max, int step, IntegerProperty property) {
        Spinner<Integer> spinner = new Spinner<>(min, max, property.get(), step);
        spinner.setId(id);
        spinner.setEditable(true);
        spinner.valueProperty().addListener((o, was, now) -> property.set(now));
        property.addListener((o, was, now) -> spinner.getValueFactory().setValue(now.intValue()));
        return spinner;
    }

    /**
     * A choice box of named values (presets, encoders), shown by their ids and bound both ways to
     * {@code property}; each item, and the box for the one chosen, explains itself in a tooltip.
     */
    public static <T extends Choice> ComboBox<T> choice(String id, T[] values, ObjectProperty<T> property,
                                                        Function<String, T> parse) {
        ComboBox<T> box = new ComboBox<>();
        box.setId(id);
        box.getItems().setAll(values);
        box.valueProperty().bindBidirectional(property);
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? "" : value.id();
            }

            @Override
            public T fromString(String text) {
                return parse.apply(text);
            }
        });
        box.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.id());
                setTooltip(empty || item == null ? null : explaining(item));
            }
        });
        box.tooltipProperty().bind(Bindings.createObjectBinding(
                () -> box.getValue() == null ? null : explaining(box.getValue()), box.valueProperty()));
        return box;
    }

    private static Tooltip explaining(Choice choice) {
        Tooltip tip = new Tooltip(choice.description());
        tip.setWrapText(true);
        tip.setMaxWidth(420);
        tip.setShowDelay(Duration.millis(300));
        return tip;
    }

    /** Asks for a folder, starting in {@code startIn} when it is one; empty when the user cancels. */
    public static java.util.Optional<Path> chooseFolder(javafx.scene.Node owner, String title, Path startIn) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        if (startIn != null && java.nio.file.Files.isDirectory(startIn)) {
            chooser.setInitialDirectory(startIn.toFile());
        }
        return java.util.Optional.ofNullable(chooser.showDialog(owner.getScene().getWindow())).map(File::toPath);
    }

    /** A "Run…" button that picks a run folder into {@code run}, and a label naming the chosen run. */
    public static HBox runPicker(ObjectProperty<Path> run, String title) {
        Button choose = new Button("Run…");
        choose.setOnAction(e -> chooseFolder(choose, title, run.get() == null ? null : run.get().getParent()).ifPresent(run::set));
        Label name = new Label();
        name.textProperty().bind(Bindings.createStringBinding(() -> run.get() == null ? "no run" : run.get().getFileName().toString(), run));
        HBox box = new HBox(8, choose, name);
        box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return box;
    }
}
