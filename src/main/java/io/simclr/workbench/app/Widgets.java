package io.simclr.workbench.app;

import io.simclr.workbench.data.DataSource;
import io.simclr.workbench.json.Choice;
import io.simclr.workbench.run.RunSummary;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import javafx.util.StringConverter;

/** Small pieces the screens share: labelled fields a lesson can hide whole, run and dataset pickers, named choices, error dialogs. */
public final class Widgets {

    private Widgets() {}

    /**
     * Shows each message the view-model puts into {@code error} as a dialog (the message says what
     * happened and what to do), then clears it so the same message can come again.
     */
    public static void showErrors(StringProperty error, String header, DialogService dialogs) {
        error.addListener((o, was, now) -> {
            if (now != null) {
                dialogs.showError(header, now);
                error.set(null);
            }
        });
    }

    /**
     * A label above its controls, as one node with {@code id}: a lesson that hides the id hides the
     * label and everything that belongs to it.
     */
    public static VBox field(String id, String label, Node... controls) {
        VBox box = new VBox(3);
        box.setId(id);
        box.getStyleClass().add("field");
        hideable(box, label != null ? label : id);
        if (label != null) {
            Label l = new Label(label);
            l.setWrapText(true);
            box.getChildren().add(l);
        }
        box.getChildren().addAll(controls);
        return box;
    }

    /** Marks {@code node} as one a lesson may hide, named {@code name} in the Save lesson dialog. */
    public static <N extends Node> N hideable(N node, String name) {
        node.getStyleClass().add(LessonController.HIDEABLE);
        node.getProperties().put(LessonController.NAME, name);
        return node;
    }

    /** A row of buttons and boxes that wraps onto a second line when the window (or a zoomed font) has no room, instead of cutting words. */
    public static FlowPane toolbar(Node... items) {
        FlowPane bar = new FlowPane(8, 6, items);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("toolbar-row");
        return bar;
    }

    /** A label and the controls it names, kept on one line when a toolbar wraps. */
    public static HBox labelled(String label, Node... controls) {
        HBox group = new HBox(6, new Label(label));
        group.getChildren().addAll(controls);
        group.setAlignment(Pos.CENTER_LEFT);
        return group;
    }

    /** A hint in the muted style, wrapping. */
    public static Label hint(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("hint");
        label.setWrapText(true);
        return label;
    }

    /** An editable whole-number spinner kept in step with {@code property} both ways. */
    public static Spinner<Integer> intSpinner(String id, int min, int max, int step, IntegerProperty property) {
        Spinner<Integer> spinner = new Spinner<>(min, max, property.get(), step);
        spinner.setId(id);
        spinner.setEditable(true);
        spinner.setMaxWidth(Double.MAX_VALUE);
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
        box.setMaxWidth(Double.MAX_VALUE);
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
                setTooltip(empty || item == null ? null : explaining(item.description()));
            }
        });
        box.tooltipProperty().bind(Bindings.createObjectBinding(
                () -> box.getValue() == null ? null : explaining(box.getValue().description()), box.valueProperty()));
        return box;
    }

    public static Tooltip explaining(String text) {
        Tooltip tip = new Tooltip(text);
        tip.setWrapText(true);
        tip.setMaxWidth(420);
        tip.setShowDelay(Duration.millis(300));
        return tip;
    }

    /** A run as a list shows it: "name · dataset · method/encoder · epochs · score · date". */
    private static final StringConverter<RunSummary> RUN_LABEL = new StringConverter<>() {
        @Override
        public String toString(RunSummary r) {
            return r == null ? "" : r.label();
        }

        @Override
        public RunSummary fromString(String s) {
            return null;
        }
    };

    /**
     * The run a screen works on: a list of the runs that can be evaluated (name, dataset,
     * method/encoder, epochs, score, date), following the window's current run both ways.
     */
    public static HBox runPicker(RunCatalog catalog, String id) {
        ComboBox<RunSummary> box = new ComboBox<>(catalog.evaluable);
        box.setId(id);
        box.setPromptText("no run yet: train one on the Train screen");
        box.setMaxWidth(Double.MAX_VALUE);
        box.setConverter(RUN_LABEL);
        Runnable follow = () -> {
            Path current = catalog.current.get();
            Optional<RunSummary> match = catalog.evaluable.stream().filter(r -> r.folder().equals(current)).findFirst();
            if (!Objects.equals(box.getValue(), match.orElse(null))) {
                box.setValue(match.orElse(null));
            }
        };
        catalog.current.addListener(o -> follow.run());
        catalog.evaluable.addListener((ListChangeListener<RunSummary>) c -> follow.run());
        follow.run();
        box.setOnAction(e -> {
            if (box.getValue() != null && !box.getValue().folder().equals(catalog.current.get())) {
                catalog.pick(box.getValue().folder());
            }
        });
        Label run = new Label("Run");
        HBox row = new HBox(8, run, box);
        row.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(box, Priority.ALWAYS);
        row.setMinWidth(260);
        row.setPrefWidth(560);
        return row;
    }

    /**
     * A second run to show beside the current one (an imported encoder beside the same architecture trained here), kept in
     * {@code beside}; the current run is not offered, and the choice outlives the runs list refreshing.
     */
    public static HBox besidePicker(RunCatalog catalog, ObjectProperty<Path> beside, String id) {
        ComboBox<RunSummary> box = new ComboBox<>();
        box.setId(id);
        box.setPromptText("nothing");
        box.setPrefWidth(260);
        box.setConverter(RUN_LABEL);
        // Its own copy of the runs list: the catalog refreshes it every few seconds, and the choice must outlive that.
        boolean[] refreshing = {false};
        Runnable refill = () -> {
            refreshing[0] = true;
            Path chosen = beside.get();
            box.getItems().setAll(catalog.evaluable.filtered(r -> !r.folder().equals(catalog.current.get()))); // not beside itself
            box.setValue(box.getItems().stream().filter(r -> r.folder().equals(chosen)).findFirst().orElse(null));
            refreshing[0] = false;
        };
        catalog.evaluable.addListener((ListChangeListener<RunSummary>) c -> refill.run());
        catalog.current.addListener(o -> refill.run());
        refill.run();
        box.valueProperty().addListener((o, was, now) -> {
            if (!refreshing[0]) {
                beside.set(now == null ? null : now.folder());
            }
        });
        javafx.scene.control.Button clear = new javafx.scene.control.Button("×");
        clear.setId(id + "-clear");
        clear.setOnAction(e -> box.setValue(null));
        clear.disableProperty().bind(box.valueProperty().isNull());
        return labelled("beside", box, clear);
    }

    /** What a folder of each kind is asked for as. */
    private static final String SHAPES = "built-in shapes";
    private static final String CIFAR = "CIFAR-10 folder…";
    private static final String STL = "STL-10 folder…";
    private static final String FOLDER = "image folder (a sub-folder per class)…";

    /**
     * Where the window's training data comes from: the built-in shapes, a CIFAR-10, STL-10 or image
     * folder (chosen, then looked at before it is taken), or the folder used last. Shows what the
     * dataset holds and the size images are loaded at and why, or why a folder was refused.
     */
    public static VBox datasetPicker(DatasetChoice choice, DialogService dialogs, String id) {
        ComboBox<String> box = new ComboBox<>();
        box.setId(id);
        box.setMaxWidth(Double.MAX_VALUE);
        Optional<Folders.Remembered> last = Folders.last();
        String lastUsed = last.map(r -> "last used: " + r.folder().getFileName() + " (" + r.source().id() + ")").orElse(null);
        box.getItems().setAll(SHAPES, CIFAR, STL, FOLDER);
        if (lastUsed != null) {
            box.getItems().add(lastUsed);
        }
        // Showing the current choice sets the box's value, which fires its action: that is not the user picking the shapes
        // (it used to clear a folder's refusal when the check had answered before the box was reset).
        boolean[] showing = {false};
        Runnable showChoice = () -> {
            showing[0] = true;
            box.setValue(switch (choice.source.get()) {
                case SHAPES -> SHAPES;
                case CIFAR10 -> "CIFAR-10: " + choice.folder.get().getFileName();
                case STL10 -> "STL-10: " + choice.folder.get().getFileName();
                case FOLDER -> "folder: " + choice.folder.get().getFileName();
            });
            showing[0] = false;
        };
        showChoice.run();
        choice.source.addListener(o -> showChoice.run());
        choice.folder.addListener(o -> showChoice.run());
        box.setOnAction(e -> {
            String picked = box.getValue();
            if (showing[0] || picked == null || picked.startsWith("CIFAR-10:") || picked.startsWith("STL-10:") || picked.startsWith("folder:")) {
                return;
            }
            if (picked.equals(SHAPES)) {
                choice.useShapes();
            } else if (picked.equals(lastUsed)) {
                choice.choose(last.get().source(), last.get().folder());
            } else {
                DataSource kind = picked.equals(CIFAR) ? DataSource.CIFAR10 : picked.equals(STL) ? DataSource.STL10 : DataSource.FOLDER;
                String title = switch (kind) {
                    case CIFAR10 -> "CIFAR-10 binary folder (data_batch_*.bin or train.bin)";
                    case STL10 -> "STL-10 binary folder (train_X.bin …)";
                    default -> "Image folder: one sub-folder per class (or Tiny ImageNet)";
                };
                dialogs.chooseFolder(title, Folders.startFolder()).ifPresent(dir -> choice.choose(kind, dir));
            }
            javafx.application.Platform.runLater(showChoice);
        });
        box.disableProperty().bind(choice.checking);
        Label summary = hint("");
        summary.setId(id + "-summary");
        summary.textProperty().bind(choice.summary);
        Label problem = new Label();
        problem.setId(id + "-problem");
        problem.getStyleClass().add("problem");
        problem.setWrapText(true);
        problem.textProperty().bind(choice.problem);
        problem.visibleProperty().bind(choice.problem.isNotNull());
        problem.managedProperty().bind(problem.visibleProperty());
        return new VBox(3, box, summary, problem);
    }
}
