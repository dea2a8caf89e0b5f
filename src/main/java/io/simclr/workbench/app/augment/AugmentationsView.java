package io.simclr.workbench.app.augment;

import io.simclr.workbench.augment.AugmentationPreset;
import io.simclr.workbench.augment.ViewPairGrid;
import javafx.beans.property.DoubleProperty;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import io.simclr.workbench.app.Appearance;
import io.simclr.workbench.app.DialogService;
import io.simclr.workbench.app.Folders;
import io.simclr.workbench.app.Widgets;
import io.simclr.workbench.data.DataSource;
import java.util.List;

/** The Augmentations screen: controls on the left, the grid of original / view 1 / view 2 on the right. */
public final class AugmentationsView extends BorderPane {

    private final AugmentationsViewModel model;
    private final DialogService dialogs;

    public AugmentationsView(AugmentationsViewModel model, DialogService dialogs, Appearance appearance) {
        this.model = model;
        this.dialogs = dialogs;
        getStyleClass().add("screen");
        setLeft(controls(appearance));
        ImageView grid = new ImageView();
        grid.setId("augment-grid");
        grid.imageProperty().bind(model.gridProperty());
        grid.setPreserveRatio(true);
        ScrollPane scroll = new ScrollPane(grid);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("grid-scroll");
        setCenter(scroll);
        Label status = new Label();
        status.setId("augment-status");
        status.textProperty().bind(model.statusProperty());
        status.getStyleClass().add("status");
        setBottom(status);
        appearance.follow(() -> model.setColours(new ViewPairGrid.Colours(appearance.palette().background(), appearance.palette().text())));
    }

    private Node controls(Appearance appearance) {
        ComboBox<AugmentationPreset> preset = Widgets.choice("augment-preset", AugmentationPreset.values(),
                model.preset, AugmentationPreset::parse);

        CheckBox crop = check("Random resized crop", "augment-crop", model.crop);
        Slider cropScale = slider("augment-crop-scale", 0.05, 1.0, model.cropMinScale);
        CheckBox flip = check("Horizontal flip", "augment-flip", model.flip);
        CheckBox jitter = check("Colour jitter", "augment-jitter", model.colorJitter);
        Slider strength = slider("augment-color-strength", 0, 2, model.colorStrength);
        Slider gray = slider("augment-gray-slider", 0, 1, model.grayscaleP);
        CheckBox blur = check("Gaussian blur", "augment-blur", model.blur);
        CheckBox rotation = check("Rotation", "augment-rotation", model.rotation);
        CheckBox cutout = check("Cutout", "augment-cutout", model.cutout);
        CheckBox noise = check("Gaussian noise", "augment-noise", model.noise);
        CheckBox sobel = check("Sobel edges", "augment-sobel", model.sobel);
        Slider colorP = slider("augment-color-p", 0, 1, model.colorP);
        Slider blurP = slider("augment-blur-p", 0, 1, model.blurP);
        colorP.disableProperty().bind(jitter.selectedProperty().not());
        blurP.disableProperty().bind(blur.selectedProperty().not());
        cropScale.disableProperty().bind(crop.selectedProperty().not());
        strength.disableProperty().bind(jitter.selectedProperty().not());

        Spinner<Integer> seed = new Spinner<>(0, Integer.MAX_VALUE, model.seed.get());
        seed.setId("augment-seed");
        seed.setEditable(true);
        seed.setPrefWidth(120);
        seed.getValueFactory().valueProperty().addListener((o, was, now) -> model.seed.set(now));
        model.seed.addListener((o, was, now) -> seed.getValueFactory().setValue(now.intValue()));
        Button reshuffle = new Button("Reshuffle");
        reshuffle.setId("augment-reshuffle");
        reshuffle.setOnAction(e -> model.reshuffle());
        reshuffle.setDefaultButton(false);

        javafx.scene.control.MenuButton open = new javafx.scene.control.MenuButton("Images…");
        open.setId("augment-open");
        javafx.scene.control.MenuItem shapes = new javafx.scene.control.MenuItem("Built-in shapes");
        shapes.setId("augment-open-shapes");
        shapes.setOnAction(e -> model.useShapes());
        open.getItems().add(shapes);
        Folders.last().ifPresent(r -> {
            javafx.scene.control.MenuItem again = new javafx.scene.control.MenuItem("Last used: " + r.folder().getFileName() + " ("
                    + r.source().id() + ")");
            again.setId("augment-open-last");
            again.setOnAction(e -> model.useDataset(r.source(), r.folder()));
            open.getItems().add(again);
        });
        for (var entry : java.util.Map.of(DataSource.CIFAR10, "CIFAR-10 folder…", DataSource.STL10, "STL-10 folder…", DataSource.FOLDER,
                "Image folder (a sub-folder per class)…").entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).toList()) {
            javafx.scene.control.MenuItem item = new javafx.scene.control.MenuItem(entry.getValue());
            item.setOnAction(e -> dialogs.chooseFolder(entry.getValue().replace("…", ""), Folders.startFolder()).ifPresent(dir -> {
                Folders.remember(entry.getKey(), dir);
                model.useDataset(entry.getKey(), dir);
            }));
            open.getItems().add(item);
        }
        javafx.scene.control.MenuItem single = new javafx.scene.control.MenuItem("One image file…");
        single.setOnAction(e -> dialogs.chooseOpenFile("An image to augment", Folders.startFolder(), "Images", "*.*")
                .ifPresent(file -> model.useDataset(DataSource.FOLDER, file)));
        open.getItems().add(single);
        Widgets.showErrors(model.error, "Images could not be loaded", dialogs);

        // Each group carries the id a lesson hides: the switch, its label and the sliders that depend on it go together.
        VBox box = new VBox(8, open, Widgets.field("augment-preset-field", "Preset", preset),
                group("augment-crop", "Random resized crop", crop, labelled("smallest crop (area)", cropScale)),
                group("augment-flip", "Horizontal flip", flip),
                group("augment-jitter", "Colour jitter", jitter, labelled("colour × preset", strength), labelled("colour probability", colorP)),
                group("augment-gray", "Grayscale", labelled("grayscale probability", gray)),
                group("augment-blur", "Gaussian blur", blur, labelled("blur probability", blurP)),
                group("augment-rotation", "Rotation", rotation), group("augment-cutout", "Cutout", cutout),
                group("augment-noise", "Gaussian noise", noise), group("augment-sobel", "Sobel edges", sobel), Widgets.field("augment-seed-field", "Seed", new HBox(8, seed, reshuffle)));
        box.setPadding(new Insets(12));
        box.getStyleClass().add("controls");
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(box);
        scroll.prefWidthProperty().bind(appearance.fontSize.multiply(20));
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
        return scroll;
    }

    /** A switch with what belongs to it, as one node a lesson can hide by {@code id}; the switch itself is {@code id-check}. */
    private static VBox group(String id, String name, Node... members) {
        VBox group = new VBox(4, members);
        group.setId(id);
        return Widgets.hideable(group, name);
    }

    private static CheckBox check(String text, String id, javafx.beans.property.BooleanProperty property) {
        CheckBox box = new CheckBox(text);
        box.setId(id + "-check");
        box.selectedProperty().bindBidirectional(property);
        return box;
    }

    private static Slider slider(String id, double min, double max, DoubleProperty property) {
        Slider slider = new Slider(min, max, property.get());
        slider.setId(id);
        slider.valueProperty().bindBidirectional(property);
        slider.setShowTickLabels(true);
        slider.setMajorTickUnit((max - min) / 2);
        return slider;
    }

    /** The slider under its label, as one node (the slider keeps its id). */
    private static Node labelled(String text, Slider slider) {
        Label label = new Label();
        label.textProperty().bind(slider.valueProperty().asString(java.util.Locale.ROOT, text + ": %.2f"));
        label.getStyleClass().add("hint");
        return new VBox(2, label, slider);
    }
}
