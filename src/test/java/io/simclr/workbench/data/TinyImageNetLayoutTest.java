package io.simclr.workbench.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TinyImageNetLayoutTest {

    @TempDir
    Path root;

    @BeforeEach
    void layout() throws IOException {
        Files.write(root.resolve("wnids.txt"), List.of("n01", "n02"));
        Files.write(root.resolve("words.txt"), List.of("n01\tgoldfish, Carassius auratus", "n02\tsalamander", "n99\tunused"));
        for (int i = 0; i < 3; i++) {
            TestImages.png(root.resolve("train/n01/images/n01_" + i + ".JPEG"), 64, 64, Color.ORANGE);
            TestImages.png(root.resolve("train/n02/images/n02_" + i + ".JPEG"), 64, 64, Color.GREEN);
        }
        TestImages.png(root.resolve("val/images/val_0.JPEG"), 64, 64, Color.GREEN);
        TestImages.png(root.resolve("val/images/val_1.JPEG"), 64, 64, Color.ORANGE);
        Files.write(root.resolve("val/val_annotations.txt"), List.of("val_0.JPEG\tn02\t0\t0\t10\t10", "val_1.JPEG\tn01\t1\t1\t5\t5"));
    }

    @Test
    void readsTrainFoldersAndAnnotatedValidationImages() {
        ImageDataset train = ImageFolderReader.read(root, Split.TRAIN, 64, Long.MAX_VALUE).dataset();
        assertEquals(6, train.size());
        assertEquals(List.of("goldfish", "salamander"), train.classNames());
        ImageDataset test = ImageFolderReader.read(root, Split.TEST, 32, Long.MAX_VALUE).dataset();
        assertEquals(2, test.size());
        assertEquals(1, test.label(0));
        assertEquals(0, test.label(1));
        assertEquals(Color.GREEN.getRGB() & 0xffffff, TestImages.rgbAt(test.pixels(0), 32, 16, 16));
    }

    @Test
    void missingAnnotationsFileSaysWhatItIsFor() throws IOException {
        Files.delete(root.resolve("val/val_annotations.txt"));
        DatasetException e = assertThrows(DatasetException.class, () -> ImageFolderReader.read(root, Split.TEST, 64, Long.MAX_VALUE));
        assertTrue(e.getMessage().contains("val_annotations.txt") && e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void annotationWithUnknownClassNamesTheLine() throws IOException {
        Files.write(root.resolve("val/val_annotations.txt"), List.of("val_0.JPEG\tn02\t0\t0\t1\t1", "val_1.JPEG\tn77\t0\t0\t1\t1"));
        DatasetException e = assertThrows(DatasetException.class, () -> ImageFolderReader.read(root, Split.TEST, 64, Long.MAX_VALUE));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }
}
