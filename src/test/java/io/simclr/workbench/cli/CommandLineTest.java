package io.simclr.workbench.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.simclr.workbench.data.TestImages;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CommandLineTest {

    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {}

    static Run run(String... args) {
        CommandLine cl = WorkbenchCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void everyCommandHasHelpListingItsOptionsWithDefaults() {
        for (String[] args : new String[][] {{"preview", "--help"}, {"help", "preview"}, {"bench", "augment", "--help"},
                {"bench", "help", "augment"}, {"info", "--help"}, {"--help"}, {"help"}}) {
            Run r = run(args);
            assertEquals(0, r.exitCode(), String.join(" ", args));
            assertTrue(r.out().contains("Usage:"), String.join(" ", args) + ": " + r.out());
        }
        assertTrue(run("preview", "--help").out().contains("Default: 8"));
        assertTrue(run("bench", "augment", "--help").out().contains("Default: 32"));
    }

    @Test
    void previewWritesOneLabelledRowPerPairAndTheSameSeedGivesTheSamePicture() throws IOException {
        Path a = dir.resolve("a.png");
        Path b = dir.resolve("b.png");
        Path c = dir.resolve("c.png");
        Run first = run("preview", "--data", "shapes", "--shapes-count", "200", "--pairs", "4", "--seed", "3", "--out", a.toString());
        assertEquals(0, first.exitCode(), first.err());
        run("preview", "--data", "shapes", "--shapes-count", "200", "--pairs", "4", "--seed", "3", "--out", b.toString());
        run("preview", "--data", "shapes", "--shapes-count", "200", "--pairs", "4", "--seed", "4", "--out", c.toString());
        BufferedImage grid = ImageIO.read(a.toFile());
        Path six = dir.resolve("six.png");
        run("preview", "--data", "shapes", "--shapes-count", "200", "--pairs", "6", "--seed", "3", "--out", six.toString());
        int rowHeight = (ImageIO.read(six.toFile()).getHeight() - grid.getHeight()) / 2;
        assertTrue(rowHeight >= 96, "rows are drawn large enough to see: " + rowHeight);
        assertArrayEquals(pixels(grid), pixels(ImageIO.read(b.toFile())));
        assertFalse(java.util.Arrays.equals(pixels(grid), pixels(ImageIO.read(c.toFile()))));
        assertTrue(first.out().contains("wrote"));
    }

    @Test
    void previewOfOneImageFileAndASavedConfigThatReadsBack() throws IOException {
        Path image = TestImages.png(dir.resolve("photo.png"), 120, 80, Color.ORANGE);
        Path out = dir.resolve("one.png");
        Path saved = dir.resolve("config.json");
        Run r = run("preview", "--image", image.toString(), "--pairs", "2", "--preset", "simclr-imagenet", "--out", out.toString(),
                "--save-config", saved.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(Files.size(out) > 0);
        Run again = run("preview", "--image", image.toString(), "--pairs", "2", "--config", saved.toString(), "--out", dir.resolve("two.png").toString());
        assertEquals(0, again.exitCode(), again.err());
    }

    @Test
    void badInputEndsWithOneClearLineAndExitCodeTwo() throws IOException {
        Run preset = run("preview", "--preset", "nope", "--out", dir.resolve("x.png").toString());
        assertEquals(2, preset.exitCode());
        assertTrue(preset.err().startsWith("error: unknown preset 'nope'"), preset.err());
        assertFalse(preset.err().contains("at io.simclr"), "no stack trace: " + preset.err());

        Run noDir = run("preview", "--data", "cifar10");
        assertEquals(2, noDir.exitCode());
        assertTrue(noDir.err().contains("--data-dir"), noDir.err());

        Run missing = run("preview", "--data", "folder", "--data-dir", dir.resolve("absent").toString());
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains("absent"), missing.err());

        Path zero = Files.createFile(dir.resolve("zero.jpg"));
        Run empty = run("preview", "--image", zero.toString());
        assertEquals(2, empty.exitCode());
        assertTrue(empty.err().contains("zero.jpg") && empty.err().contains("0 bytes"), empty.err());
        assertFalse(Files.exists(dir.resolve("preview.png")));
    }

    @Test
    void benchAugmentEndsWithAResultLine() {
        Run r = run("bench", "augment", "--size", "32", "--threads", "1", "--rounds", "1", "--seconds", "0.2",
                "--data-dir", dir.resolve("no-such-folder").toString());
        assertEquals(0, r.exitCode(), r.err());
        String[] lines = r.out().strip().split("\n");
        assertTrue(lines[lines.length - 1].matches("RESULT views_per_s=\\d+ size=32 threads=1"), lines[lines.length - 1]);
        assertTrue(r.out().contains("built-in shapes"), "says it fell back from real photos");
    }

    @Test
    void benchTrainProfilesTheStepsItIsAskedTo() throws IOException {
        Path trace = dir.resolve("ours.json");
        Run r = run("bench", "train", "--encoder", "small", "--stem", "light", "--size", "32", "--batch", "4", "--threads", "1",
                "--warmup", "0", "--steps", "1", "--metrics", "--profile", trace.toString(), "--profile-steps", "2");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().matches("(?s).*mean ms per step: forward and loss [0-9.]+; backward [0-9.]+; batch metrics [0-9.]+;"
                + " gradient norm [0-9.]+; optimizer [0-9.]+;.*"), r.out());
        String json = Files.readString(trace);
        // The small encoder: a stem convolution, two in each of 4 blocks and 3 shortcuts, so 12 each way per step, 2 steps.
        assertEquals(24, json.split("\"name\": \"aten::convolution\"", -1).length - 1, "forward convolutions in the trace");
        assertEquals(24, json.split("\"name\": \"aten::convolution_backward\"", -1).length - 1, "backward convolutions in the trace");
    }

    private static int[] pixels(BufferedImage img) {
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }
}
