package io.simclr.workbench.augment;

import io.simclr.workbench.json.Choice;
import io.simclr.workbench.json.Choices;

/** Named starting points for the pipeline, as the SimCLR paper and its CIFAR recipe define them. */
public enum AugmentationPreset implements Choice {
    SIMCLR_IMAGENET("simclr-imagenet", "SimCLR on ImageNet: crop, flip, colour distortion of strength 1, grayscale, blur with p 0.5."),
    SIMCLR_CIFAR("simclr-cifar", "SimCLR on CIFAR-10: colour strength 0.5 and no blur (blur hurts 32 px images)."),
    CROP_ONLY("crop-only", "Random resized crop alone: the baseline of the augmentation study."),
    SHAPES("shapes", "For the built-in shapes, whose nuisances are colour, position, scale and background: crops that keep most of the shape, any hue, more grayscale, "
            + "so that only the shape is left for two views to agree on.");

    private final String id;
    private final String description;

    AugmentationPreset(String id, String description) {
        this.id = id;
        this.description = description;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String description() {
        return description;
    }

    public AugmentationConfig config() {
        var crop = new AugmentationConfig.Crop(true, 0.08, 1.0, 3.0 / 4.0, 4.0 / 3.0);
        var blur = new AugmentationConfig.Blur(false, 0.5, 0.1, 0.1, 2.0);
        return switch (this) {
            case SIMCLR_IMAGENET -> AugmentationConfig.withDefaultsOff(crop, new AugmentationConfig.Flip(true, 0.5),
                    AugmentationConfig.ColorJitterSettings.simclr(1.0), new AugmentationConfig.Grayscale(true, 0.2),
                    new AugmentationConfig.Blur(true, 0.5, 0.1, 0.1, 2.0));
            case SIMCLR_CIFAR -> AugmentationConfig.withDefaultsOff(crop, new AugmentationConfig.Flip(true, 0.5),
                    AugmentationConfig.ColorJitterSettings.simclr(0.5), new AugmentationConfig.Grayscale(true, 0.2), blur);
            case SHAPES -> new AugmentationConfig(new AugmentationConfig.Crop(true, 0.25, 1.0, 3.0 / 4.0, 4.0 / 3.0),
                    new AugmentationConfig.Flip(true, 0.5), new AugmentationConfig.Rotation(false, 1.0, false, 180),
                    new AugmentationConfig.ColorJitterSettings(true, 1.0, 0.4, 0.4, 0.4, 0.5), new AugmentationConfig.Grayscale(true, 0.3), blur,
                    new AugmentationConfig.Noise(false, 0.5, 0.1), new AugmentationConfig.CutoutSettings(false, 0.5, 0.25, 0.5),
                    new AugmentationConfig.Sobel(false, 1.0));
            case CROP_ONLY -> {
                var jitter = AugmentationConfig.ColorJitterSettings.simclr(1.0);
                yield AugmentationConfig.withDefaultsOff(crop, new AugmentationConfig.Flip(false, 0.5),
                        new AugmentationConfig.ColorJitterSettings(false, jitter.p(), jitter.brightness(), jitter.contrast(),
                                jitter.saturation(), jitter.hue()),
                        new AugmentationConfig.Grayscale(false, 0.2), blur);
            }
        };
    }

    /** The preset a dataset gets when none is named: its own for the built-in shapes, the CIFAR recipe for photos. */
    public static AugmentationPreset defaultFor(io.simclr.workbench.data.DataSource source) {
        return source == io.simclr.workbench.data.DataSource.SHAPES ? SHAPES : SIMCLR_CIFAR;
    }

    /** {@code auto} is {@link #defaultFor} the dataset; any other text names a preset. */
    public static AugmentationPreset parse(String text, io.simclr.workbench.data.DataSource source) {
        return "auto".equalsIgnoreCase(text.trim()) ? defaultFor(source) : parse(text);
    }

    public static AugmentationPreset parse(String text) {
        return Choices.parse(values(), AugmentationPreset::id, text, "preset");
    }
}
