package io.simclr.workbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import io.simclr.workbench.json.Json;
import io.simclr.workbench.method.MethodKind;
import io.simclr.workbench.run.RunSummary;
import io.simclr.workbench.train.RunFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareCommandTest {

    @TempDir
    Path dir;

    private CommandLineTest.Run compare(Path out, String methods) {
        return CommandLineTest.run("compare", "--data", "shapes", "--shapes-count", "60", "--batch", "12", "--epochs", "1", "--threads", "1",
                "--methods", methods, "--out", out.toString());
    }

    @Test
    void aComparisonRunsEachMethodOnceAndContinuesWhereItStopped() throws Exception {
        Path out = dir.resolve("compare");
        CommandLineTest.Run first = compare(out, "simclr");
        assertEquals(0, first.exitCode(), first.err() + first.out());

        CommandLineTest.Run second = compare(out, "simclr,byol");
        assertEquals(0, second.exitCode(), second.err() + second.out());
        assertTrue(second.out().contains("cell 1 of 2, simclr: already done"), second.out());
        assertTrue(second.out().contains("cell 2 of 2, byol: training"), second.out());
        String[] lines = second.out().strip().split("\n");
        assertTrue(lines[lines.length - 1].matches("RESULT knn_simclr=0\\.\\d{4} knn_byol=0\\.\\d{4} random_init_knn=0\\.\\d{4}"),
                lines[lines.length - 1]);

        JsonArray cells = Json.parseObject(Files.readString(out.resolve("compare.json")), "compare.json").getAsJsonArray("cells");
        assertEquals(2, cells.size());
        var byol = cells.get(1).getAsJsonObject();
        assertEquals("byol", byol.get("method").getAsString());
        for (String key : new String[] {"knnTop1", "linearTop1", "randomInitKnnTop1", "randomInitLinearTop1", "embeddingStd", "seconds"}) {
            assertTrue(byol.has(key), key);
        }
        assertEquals(MethodKind.BYOL, RunFolder.open(out.resolve("byol")).readConfig().method().name());
        assertEquals(RunFolder.open(out.resolve("simclr")).readConfig().model(), RunFolder.open(out.resolve("byol")).readConfig().model(),
                "the same encoder and head");
        String html = Files.readString(out.resolve("compare.html"));
        assertTrue(html.contains("collapse meter") && html.contains("byol: 2 − 2 cos(p, z′) loss") && html.contains("training time per method"), html);
        assertTrue(html.contains(MethodKind.BYOL.description()), "what keeps each method from collapsing");
        assertTrue(RunSummary.list(dir).stream().anyMatch(r -> r.name().equals("compare/byol") && r.method().equals("byol")),
                "the comparison's runs are listed with their method");
    }

    @Test
    void aSettingTheBatchDoesNotFitFailsBeforeAnyRunStarts() {
        CommandLineTest.Run r = compare(dir.resolve("bad"), "simclr,moco");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("moco: method.moco.queueSize is 4096 but must be a positive multiple of the batch size 12"), r.err());
        assertTrue(!Files.exists(dir.resolve("bad").resolve("simclr")), "nothing was trained");
    }
}
