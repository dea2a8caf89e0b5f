package io.simclr.workbench.app.augment;

import io.simclr.workbench.augment.AugmentationPreset;
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
import io.simclr.workbench.app.Folders;
import java.util.List;

/** The Augmentations screen: controls on the left, the grid of original / view 1 / view 2 on the right. */
public final class AugmentationsView extends BorderPane {

    private final AugmentationsViewModel model;

    public AugmentationsView(AugmentationsViewModel model) {
        this.model = model;
        getStyleClass().add("screen");
        setLeft(controls());
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
    }

    private Node controls() {
        ComboBox<AugmentationPreset> preset = io.simclr.workbench.app.Widgets.choice("augment-preset", AugmentationPreset.values(),
                model.preset, AugmentationPreset::parse);

        CheckBox crop = check("Random resized crop", "augment-crop", model.crop);
        Slider cropScale = slider("augment-crop-scale", 0.05, 1.0, model.cropMinScale);
        CheckBox flip = check("Horizontal flip", "augment-flip", model.flip);
        CheckBox jitter = check("Colour jitter", "augment-jitter", model.colorJitter);
        Slider strength = slider("augment-color-strength", 0, 2, model.colorStrength);
        Slider gray = slider("augment-gray", 0, 1, model.grayscaleP);
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
        Folders.last().ifPresent(r -> {
            javafx.scene.control.MenuItem again = new javafx.scene.control.MenuItem(
                    r.source().name().toLowerCase() + " " + r.folder().getFileName() + " (last used)");
            again.setId("augment-open-last");
            again.setOnAction(e -> model.useDataset(r.source(), r.folder()));
            open.getItems().add(again);
        });
        for (io.simclr.workbench.data.DataSource source : List.of(io.simclr.workbench.data.DataSource.CIFAR10,
                io.simclr.workbench.data.DataSource.STL10, io.simclr.workbench.data.DataSource.FOLDER)) {
            javafx.scene.control.MenuItem item = new javafx.scene.control.MenuItem(source.name().toLowerCase() + " folder…");
            item.setOnAction(e -> io.simclr.workbench.app.Widgets.chooseFolder(this, "Dataset folder (" + source.name().toLowerCase() + ")",
                    Folders.startFolder()).ifPresent(dir -> {
                        Folders.remember(source, dir);
                        model.useDataset(source, dir);
                    }));
            open.getItems().add(item);
        }
        javafx.scene.control.MenuItem single = new javafx.scene.control.MenuItem("one image file…");
        single.setOnAction(e -> {
            javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
            chooser.setTitle("An image to augment");
            java.io.File file = chooser.showOpenDialog(getScene().getWindow());
            if (file != null) {
                model.useDataset(io.simclr.workbench.data.DataSource.FOLDER, file.toPath());
            }
        });
        open.getItems().add(single);
        io.simclr.workbench.app.Widgets.showFrom(model.error, "Images could not be loaded");

        VBox box = new VBox(8, open, new Label("Preset"), preset, crop, labelled("smallest crop (area)", cropScale), flip, jitter,
                labelled("colour × preset", strength), labelled("colour probability", colorP), labelled("grayscale probability", gray), blur,
                labelled("blur probability", blurP), rotation, cutout, noise, sobel,
                new Label("Seed"), new HBox(8, seed, reshuffle));
        box.setPadding(new Insets(12));
        box.getStyleClass().add("controls");
        box.setPrefWidth(260);
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
        return scroll;
    }

    private static CheckBox check(String text, String id, javafx.beans.property.BooleanProperty property) {
        CheckBox box = new CheckBox(text);
        box.setId(id);
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

    /** The slider under its label; the pair takes the slider's id (a lesson hides both), the slider gets "-slider" added. */
    private static Node labelled(String text, Slider slider) {
        Label label = new Label();
        label.textProperty().bind(slider.valueProperty().asString(text + ": %.2f"));
        label.getStyleClass().add("hint");
        VBox pair = new VBox(2, label, slider);
        pair.setId(slider.getId());
        slider.setId(slider.getId() + "-slider");
        return pair;
    }
}
