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
import javafx.util.StringConverter;

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
        ComboBox<AugmentationPreset> preset = new ComboBox<>();
        preset.setId("augment-preset");
        preset.getItems().setAll(AugmentationPreset.values());
        preset.valueProperty().bindBidirectional(model.preset);
        preset.setConverter(new StringConverter<>() {
            @Override
            public String toString(AugmentationPreset p) {
                return p == null ? "" : p.id();
            }

            @Override
            public AugmentationPreset fromString(String s) {
                return AugmentationPreset.parse(s);
            }
        });

        CheckBox crop = check("Random resized crop", "augment-crop", model.crop);
        Slider cropScale = slider("augment-crop-scale", 0.05, 1.0, model.cropMinScale);
        CheckBox flip = check("Horizontal flip", "augment-flip", model.flip);
        CheckBox jitter = check("Colour jitter", "augment-jitter", model.colorJitter);
        Slider strength = slider("augment-color-strength", 0, 2, model.colorStrength);
        Slider gray = slider("augment-gray", 0, 1, model.grayscaleP);
        CheckBox blur = check("Gaussian blur", "augment-blur", model.blur);
        CheckBox rotation = check("Rotation", "augment-rotation", model.rotation);
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

        VBox box = new VBox(8, new Label("Preset"), preset, crop, labelled("smallest crop (area)", cropScale), flip, jitter,
                labelled("colour × preset", strength), labelled("grayscale probability", gray), blur, rotation,
                new Label("Seed"), new HBox(8, seed, reshuffle));
        box.setPadding(new Insets(12));
        box.getStyleClass().add("controls");
        box.setPrefWidth(260);
        return box;
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

    private static Node labelled(String text, Slider slider) {
        Label label = new Label();
        label.textProperty().bind(slider.valueProperty().asString(text + ": %.2f"));
        label.getStyleClass().add("hint");
        return new VBox(2, label, slider);
    }
}
