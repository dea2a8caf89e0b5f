package io.simclr.workbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.simclr.workbench.json.Json;
import io.simclr.workbench.run.AugmentationStudy;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AugStudyCommandTest {

    @TempDir
    Path dir;

    private CommandLineTest.Run study(Path out, String ops) {
        return CommandLineTest.run("augstudy", "--data", "shapes", "--shapes-count", "60", "--batch", "12", "--epochs", "1", "--threads", "1",
                "--seconds-per-run", "0", "--ops", ops, "--out", out.toString());
    }

    @Test
    void everyPairIsACellAndAFinishedCellIsNotRunAgain() throws Exception {
        Path out = dir.resolve("study");
        CommandLineTest.Run first = study(out, "crop,blur");
        assertEquals(0, first.exitCode(), first.err() + first.out());
        var cells = Json.parseObject(Files.readString(out.resolve("study.json")), "study.json").getAsJsonArray("cells");
        assertEquals(4, cells.size(), "2 x 2 cells");
        assertTrue(Files.exists(out.resolve("crop+blur/checkpoints/latest")));
        String html = Files.readString(out.resolve("study.html"));
        assertTrue(html.contains("average") && html.contains("<th>blur</th>"), "heat map with averages");

        // A cell's result is kept; removing one cell's line makes only that cell run again.
        String json = Files.readString(out.resolve("study.json"));
        var summary = Json.GSON.fromJson(json, AugmentationStudy.Summary.class);
        Files.writeString(out.resolve("study.json"), Json.toJson(new AugmentationStudy.Summary(summary.operations(),
                summary.cells().subList(0, 3))));
        CommandLineTest.Run again = study(out, "crop,blur");
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().contains("cell 4 of 4, blur+blur: training"), again.out());
        assertTrue(again.out().contains("cell 1 of 4, crop+crop: already done"), again.out());
        assertFalse(again.out().contains("crop+crop: training"), "finished cells are not run again");
    }

    @Test
    void theConfigOfACellSwitchesOnOnlyItsOperations() {
        var c = AugmentationStudy.config(AugmentationStudy.Operation.CROP, AugmentationStudy.Operation.COLOR);
        assertTrue(c.crop().enabled() && c.colorJitter().enabled() && c.grayscale().enabled());
        assertFalse(c.blur().enabled() || c.flip().enabled() || c.rotation().enabled() || c.sobel().enabled() || c.noise().enabled());
        var alone = AugmentationStudy.config(AugmentationStudy.Operation.BLUR, AugmentationStudy.Operation.BLUR);
        assertTrue(alone.blur().enabled());
        assertFalse(alone.crop().enabled());
        CommandLineTest.Run bad = CommandLineTest.run("augstudy", "--ops", "crop,warp", "--out", dir.resolve("x").toString());
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("unknown operation 'warp'"), bad.err());
    }
}
