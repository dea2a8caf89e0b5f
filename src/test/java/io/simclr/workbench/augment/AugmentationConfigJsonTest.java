package io.simclr.workbench.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AugmentationConfigJsonTest {

    @Test
    void everyPresetSurvivesARoundTrip() {
        for (AugmentationPreset preset : AugmentationPreset.values()) {
            String json = AugmentationConfigJson.toJson(preset.config());
            assertEquals(preset.config(), AugmentationConfigJson.parse(json, "test"), preset.id());
        }
    }

    @Test
    void presetsMatchThePaper() {
        var cifar = AugmentationPreset.SIMCLR_CIFAR.config();
        assertEquals(0.4, cifar.colorJitter().brightness(), 1e-12);
        assertEquals(0.1, cifar.colorJitter().hue(), 1e-12);
        assertEquals(0.8, cifar.colorJitter().p(), 1e-12);
        assertFalse(cifar.blur().enabled());
        var imagenet = AugmentationPreset.SIMCLR_IMAGENET.config();
        assertEquals(0.8, imagenet.colorJitter().contrast(), 1e-12);
        assertTrue(imagenet.blur().enabled());
        assertEquals(0.5, imagenet.blur().p(), 1e-12);
        var cropOnly = AugmentationPreset.CROP_ONLY.config();
        assertTrue(cropOnly.crop().enabled());
        assertFalse(cropOnly.flip().enabled() || cropOnly.colorJitter().enabled() || cropOnly.grayscale().enabled());
    }

    @Test
    void aFileMayNameAPresetAndListOnlyItsChanges() {
        var config = AugmentationConfigJson.parse("{\"preset\": \"simclr-imagenet\", \"blur\": {\"p\": 1.0}, \"sobel\": {\"enabled\": true}}", "t");
        assertEquals(1.0, config.blur().p(), 1e-12);
        assertTrue(config.blur().enabled());
        assertTrue(config.sobel().enabled());
        assertEquals(0.8, config.colorJitter().brightness(), 1e-12);
    }

    @Test
    void unknownKeysAreNamed() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> AugmentationConfigJson.parse("{\"colourJitter\": {\"p\": 0.5}}", "lesson.json"));
        assertTrue(e.getMessage().contains("lesson.json") && e.getMessage().contains("colourJitter") && e.getMessage().contains("colorJitter"), e.getMessage());
        var nested = assertThrows(IllegalArgumentException.class,
                () -> AugmentationConfigJson.parse("{\"blur\": {\"sigma\": 3}}", "x"));
        assertTrue(nested.getMessage().contains("blur.sigma"), nested.getMessage());
    }

    @Test
    void outOfRangeValuesNameTheKeyAndTheRange() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> AugmentationConfigJson.parse("{\"flip\": {\"p\": 1.5}, \"crop\": {\"scaleMin\": 0.9, \"scaleMax\": 0.2}}", "x"));
        assertTrue(e.getMessage().contains("flip.p is 1.5") && e.getMessage().contains("between 0.0 and 1.0"), e.getMessage());
        assertTrue(e.getMessage().contains("crop.scaleMin (0.9) is larger than crop.scaleMax (0.2)"), e.getMessage());
    }

    @Test
    void wrongTypesAndBrokenJsonAreClearErrors() {
        var type = assertThrows(IllegalArgumentException.class, () -> AugmentationConfigJson.parse("{\"flip\": {\"enabled\": 3}}", "x"));
        assertTrue(type.getMessage().contains("flip.enabled") && type.getMessage().contains("true/false"), type.getMessage());
        var broken = assertThrows(IllegalArgumentException.class, () -> AugmentationConfigJson.parse("{\"flip\": ", "broken.json"));
        assertTrue(broken.getMessage().contains("broken.json") && broken.getMessage().contains("not valid JSON"), broken.getMessage());
        var preset = assertThrows(IllegalArgumentException.class, () -> AugmentationConfigJson.parse("{\"preset\": \"simclr-mnist\"}", "x"));
        assertTrue(preset.getMessage().contains("simclr-mnist") && preset.getMessage().contains("simclr-cifar"), preset.getMessage());
    }
}
