package io.simclr.workbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import io.simclr.workbench.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepCommandTest {

    @TempDir
    Path dir;

    private CommandLineTest.Run sweep(Path out, String temperatures) {
        return CommandLineTest.run("sweep", "--data", "shapes", "--shapes-count", "60", "--batch", "12", "--epochs", "1", "--threads", "1",
                "--temperatures", temperatures, "--out", out.toString());
    }

    @Test
    void aSweepRunsEachTemperatureOnceAndContinuesWhereItStopped() throws Exception {
        Path out = dir.resolve("sweep");
        CommandLineTest.Run first = sweep(out, "0.2");
        assertEquals(0, first.exitCode(), first.err() + first.out());
        assertTrue(Files.exists(out.resolve("tau-0.2/checkpoints/latest")));

        CommandLineTest.Run second = sweep(out, "0.2,0.5");
        assertEquals(0, second.exitCode(), second.err() + second.out());
        assertTrue(second.out().contains("cell 1 of 2, tau-0.2: already done"), second.out());
        assertTrue(second.out().contains("cell 2 of 2, tau-0.5: training"), second.out());
        String[] lines = second.out().strip().split("\n");
        assertTrue(lines[lines.length - 1].matches("RESULT knn_tau_0\\.2=0\\.\\d{4} knn_tau_0\\.5=0\\.\\d{4}"), lines[lines.length - 1]);

        JsonArray cells = Json.parseObject(Files.readString(out.resolve("sweep.json")), "sweep.json").getAsJsonArray("cells");
        assertEquals(2, cells.size());
        assertEquals(0.5, cells.get(1).getAsJsonObject().get("temperature").getAsDouble());
        assertEquals(0.5, io.simclr.workbench.train.RunFolder.open(out.resolve("tau-0.5")).readConfig().method().temperature());
        String html = Files.readString(out.resolve("sweep.html"));
        assertTrue(html.contains("contrastive top-1 accuracy") && html.contains("τ 0.5"), "overlaid curves and both temperatures");
        assertTrue(html.contains("Cosine similarities of positive and negative pairs"), "histograms per temperature");
        for (var cell : cells) {
            for (String key : new String[] {"positiveHistogram", "negativeHistogram"}) {
                JsonArray bins = cell.getAsJsonObject().getAsJsonArray(key);
                assertEquals(io.simclr.workbench.run.TemperatureSweep.HISTOGRAM_BINS, bins.size(), key);
                double total = 0;
                for (var b : bins) {
                    total += b.getAsDouble();
                }
                assertEquals(1.0, total, 1e-9, key + " holds shares of its pairs");
            }
        }
    }

    @Test
    void aTemperatureThatIsNotPositiveIsRefused() {
        CommandLineTest.Run r = sweep(dir.resolve("bad"), "0.1,0");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("temperature 0.0 is not above 0"), r.err());
    }
}
