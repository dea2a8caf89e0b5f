package io.simclr.workbench.augment;

import java.util.ArrayList;
import java.util.List;

/**
 * The whole augmentation pipeline as data: every operation with its switch, probability and
 * strengths. Serialised to JSON as is (the field names are the JSON keys), shared by the window,
 * the command line and run folders. Operations run in the order of the fields.
 */
public record AugmentationConfig(
        Crop crop, Flip flip, Rotation rotation, ColorJitterSettings colorJitter, Grayscale grayscale,
        Blur blur, Noise noise, CutoutSettings cutout, Sobel sobel) {

    /** Random resized crop; off means the whole image is resized to the output size. */
    public record Crop(boolean enabled, double scaleMin, double scaleMax, double ratioMin, double ratioMax) {}

    public record Flip(boolean enabled, double p) {}

    public record Rotation(boolean enabled, double p, boolean rightAnglesOnly, double maxDegrees) {}

    public record ColorJitterSettings(boolean enabled, double p, double brightness, double contrast, double saturation, double hue) {
        /** SimCLR's colour distortion of strength {@code s}: jitter (0.8s, 0.8s, 0.8s, 0.2s). */
        public static ColorJitterSettings simclr(double strength) {
            return new ColorJitterSettings(true, 0.8, 0.8 * strength, 0.8 * strength, 0.8 * strength, 0.2 * strength);
        }
    }

    public record Grayscale(boolean enabled, double p) {}

    public record Blur(boolean enabled, double p, double kernelFraction, double sigmaMin, double sigmaMax) {}

    public record Noise(boolean enabled, double p, double std) {}

    public record CutoutSettings(boolean enabled, double p, double sizeMin, double sizeMax) {}

    public record Sobel(boolean enabled, double p) {}

    /** Random resized crop and horizontal flip only: the augmentation of supervised fine-tuning. */
    public static AugmentationConfig cropAndFlip(double scaleMin) {
        ColorJitterSettings jitter = ColorJitterSettings.simclr(1.0);
        return withDefaultsOff(new Crop(true, scaleMin, 1.0, 3.0 / 4.0, 4.0 / 3.0), new Flip(true, 0.5),
                new ColorJitterSettings(false, jitter.p(), jitter.brightness(), jitter.contrast(), jitter.saturation(), jitter.hue()),
                new Grayscale(false, 0.2), new Blur(false, 0.5, 0.1, 0.1, 2.0));
    }

    /** The operations beyond SimCLR's defaults, present but switched off. */
    static AugmentationConfig withDefaultsOff(Crop crop, Flip flip, ColorJitterSettings jitter, Grayscale gray, Blur blur) {
        return new AugmentationConfig(crop, flip, new Rotation(false, 0.5, true, 30), jitter, gray, blur,
                new Noise(false, 0.5, 0.1), new CutoutSettings(false, 0.5, 0.25, 0.5), new Sobel(false, 1.0));
    }

    /**
     * Every problem with the values, each naming its JSON key, the value and the allowed range;
     * empty when the config is usable.
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (crop == null || flip == null || rotation == null || colorJitter == null || grayscale == null || blur == null
                || noise == null || cutout == null || sobel == null) {
            problems.add("every operation needs its section (crop, flip, rotation, colorJitter, grayscale, blur, noise, cutout, sobel);"
                    + " start from a preset and change what you need");
            return problems;
        }
        range(problems, "crop.scaleMin", crop.scaleMin(), 1e-4, 1);
        range(problems, "crop.scaleMax", crop.scaleMax(), 1e-4, 1);
        order(problems, "crop.scaleMin", crop.scaleMin(), "crop.scaleMax", crop.scaleMax());
        range(problems, "crop.ratioMin", crop.ratioMin(), 0.05, 20);
        range(problems, "crop.ratioMax", crop.ratioMax(), 0.05, 20);
        order(problems, "crop.ratioMin", crop.ratioMin(), "crop.ratioMax", crop.ratioMax());
        probability(problems, "flip.p", flip.p());
        probability(problems, "rotation.p", rotation.p());
        range(problems, "rotation.maxDegrees", rotation.maxDegrees(), 0, 180);
        probability(problems, "colorJitter.p", colorJitter.p());
        range(problems, "colorJitter.brightness", colorJitter.brightness(), 0, 10);
        range(problems, "colorJitter.contrast", colorJitter.contrast(), 0, 10);
        range(problems, "colorJitter.saturation", colorJitter.saturation(), 0, 10);
        range(problems, "colorJitter.hue", colorJitter.hue(), 0, 0.5);
        probability(problems, "grayscale.p", grayscale.p());
        probability(problems, "blur.p", blur.p());
        range(problems, "blur.kernelFraction", blur.kernelFraction(), 0, 1);
        range(problems, "blur.sigmaMin", blur.sigmaMin(), 1e-3, 50);
        range(problems, "blur.sigmaMax", blur.sigmaMax(), 1e-3, 50);
        order(problems, "blur.sigmaMin", blur.sigmaMin(), "blur.sigmaMax", blur.sigmaMax());
        probability(problems, "noise.p", noise.p());
        range(problems, "noise.std", noise.std(), 0, 1);
        probability(problems, "cutout.p", cutout.p());
        range(problems, "cutout.sizeMin", cutout.sizeMin(), 0, 1);
        range(problems, "cutout.sizeMax", cutout.sizeMax(), 0, 1);
        order(problems, "cutout.sizeMin", cutout.sizeMin(), "cutout.sizeMax", cutout.sizeMax());
        probability(problems, "sobel.p", sobel.p());
        return problems;
    }

    /** Throws {@link IllegalArgumentException} listing every problem, if there is any. */
    public AugmentationConfig validated() {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("augmentation config: " + String.join("; ", problems));
        }
        return this;
    }

    private static void probability(List<String> problems, String key, double value) {
        range(problems, key, value, 0, 1);
    }

    private static void range(List<String> problems, String key, double value, double lo, double hi) {
        if (!(value >= lo && value <= hi)) {
            problems.add(key + " is " + value + " but must be between " + lo + " and " + hi);
        }
    }

    private static void order(List<String> problems, String loKey, double lo, String hiKey, double hi) {
        if (lo > hi) {
            problems.add(loKey + " (" + lo + ") is larger than " + hiKey + " (" + hi + ")");
        }
    }
}
