package io.simclr.workbench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderReaderTest {

    @TempDir
    Path dir;

    private void classFolder(Path root, String name, Color colour, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            TestImages.png(root.resolve(name).resolve(name + i + ".png"), 40 + i, 30, colour);
        }
    }

    @Test
    void eachSubFolderIsAClassAndEveryImageIsResized() throws IOException {
        Path root = dir.resolve("pets");
        Files.createDirectories(root.resolve("train"));
        Files.createDirectories(root.resolve("test"));
        classFolder(root.resolve("train"), "cat", Color.RED, 3);
        classFolder(root.resolve("train"), "dog", Color.BLUE, 2);
        classFolder(root.resolve("test"), "cat", Color.RED, 1);
        classFolder(root.resolve("test"), "dog", Color.BLUE, 1);
        LoadedDataset loaded = ImageFolderReader.read(root, Split.TRAIN, 16, Long.MAX_VALUE);
        ImageDataset train = loaded.dataset();
        assertEquals(List.of("cat", "dog"), train.classNames());
        assertEquals(5, train.size());
        assertEquals(16, train.imageSize());
        for (int i = 0; i < train.size(); i++) {
            int expected = train.label(i) == 0 ? 0xff0000 : 0x0000ff;
            assertEquals(expected, TestImages.rgbAt(train.pixels(i), 16, 8, 8));
        }
        assertTrue(loaded.skipped().isEmpty());
        assertEquals(2, ImageFolderReader.read(root, Split.TEST, 16, Long.MAX_VALUE).dataset().size());
    }

    @Test
    void withoutTrainAndTestFoldersAStableFifthIsTheTestSplit() throws IOException {
        classFolder(dir, "a", Color.RED, 40);
        classFolder(dir, "b", Color.GREEN, 40);
        ImageDataset train = ImageFolderReader.read(dir, Split.TRAIN, 8, Long.MAX_VALUE).dataset();
        ImageDataset test = ImageFolderReader.read(dir, Split.TEST, 8, Long.MAX_VALUE).dataset();
        assertEquals(80, train.size() + test.size());
        assertTrue(test.size() >= 6 && test.size() <= 30, "about a fifth: " + test.size());
        assertEquals(test.size(), ImageFolderReader.read(dir, Split.TEST, 8, Long.MAX_VALUE).dataset().size());
    }

    @Test
    void badFilesAreSkippedAndNamedWhileTheRestLoad() throws IOException {
        Path train = dir.resolve("train");
        classFolder(train, "good", Color.RED, 3);
        classFolder(train, "other", Color.GREEN, 3);
        classFolder(dir.resolve("test"), "good", Color.RED, 1);
        classFolder(dir.resolve("test"), "other", Color.GREEN, 1);
        Files.createFile(train.resolve("good").resolve("zero.png"));
        Files.writeString(train.resolve("other").resolve("notes.txt"), "not an image");
        TestImages.pngDeclaring(train.resolve("other").resolve("bomb.png"), 50_000, 50_000);
        TestImages.truncated(ImageDecoderTest.noisy(48), "png", train.resolve("good").resolve("half.png"));

        LoadedDataset loaded = ImageFolderReader.read(dir, Split.TRAIN, 8, Long.MAX_VALUE);
        Set<String> skippedNames = new HashSet<>();
        loaded.skipped().forEach(s -> skippedNames.add(s.file().getFileName().toString()));
        assertEquals(Set.of("zero.png", "notes.txt", "bomb.png", "half.png"), skippedNames);
        assertTrue(loaded.skipped().stream().allMatch(s -> s.toString().contains(s.file().getFileName().toString())));
        assertEquals(6, loaded.dataset().size());
        assertTrue(loaded.summary().contains("4 unreadable files skipped"), loaded.summary());
    }

    @Test
    void emptyFolderSaysHowToLayOutClasses() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        DatasetException e = assertThrows(DatasetException.class, () -> ImageFolderReader.read(empty, Split.TRAIN, 8, Long.MAX_VALUE));
        assertTrue(e.getMessage().contains("empty") && e.getMessage().contains("sub-folder"), e.getMessage());
    }

    @Test
    void singleClassFolderAsksForMoreClasses() throws IOException {
        classFolder(dir, "only", Color.RED, 2);
        DatasetException e = assertThrows(DatasetException.class, () -> ImageFolderReader.read(dir, Split.TRAIN, 8, Long.MAX_VALUE));
        assertTrue(e.getMessage().contains("only one class") && e.getMessage().contains("only"), e.getMessage());
    }

    @Test
    void folderOfOnlyBadFilesIsAnError() throws IOException {
        Files.createDirectories(dir.resolve("a"));
        Files.createDirectories(dir.resolve("b"));
        for (int i = 0; i < 10; i++) {
            Files.writeString(dir.resolve(i % 2 == 0 ? "a" : "b").resolve("f" + i + ".jpg"), "junk");
        }
        DatasetException e = assertThrows(DatasetException.class, () -> ImageFolderReader.read(dir, Split.TRAIN, 8, Long.MAX_VALUE));
        assertTrue(e.getMessage().contains("none of its"), e.getMessage());
    }

    @Test
    void unreadablePathIsNamed() {
        DatasetException e = assertThrows(DatasetException.class,
                () -> ImageFolderReader.read(dir.resolve("missing"), Split.TRAIN, 8, Long.MAX_VALUE));
        assertTrue(e.getMessage().contains("missing") && e.getMessage().contains("no such folder"), e.getMessage());
    }

    @Test
    void folderOverTheMemoryBudgetStreamsTheSamePixelsAndSkipsBadHeaders() throws IOException {
        classFolder(dir, "a", Color.RED, 10);
        classFolder(dir, "b", Color.BLUE, 10);
        Files.createFile(dir.resolve("a").resolve("zero.png"));
        LoadedDataset cached = ImageFolderReader.read(dir, Split.TRAIN, 8, Long.MAX_VALUE);
        LoadedDataset streamed = ImageFolderReader.read(dir, Split.TRAIN, 8, 100);
        assertTrue(streamed.dataset().description().contains("streamed"));
        assertEquals(cached.dataset().size(), streamed.dataset().size());
        assertEquals(cached.skipped().size(), streamed.skipped().size());
        for (int i = 0; i < cached.dataset().size(); i++) {
            assertArrayEquals(cached.dataset().pixels(i), streamed.dataset().pixels(i));
        }
    }
}
