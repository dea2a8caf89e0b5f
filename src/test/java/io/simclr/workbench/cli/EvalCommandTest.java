package io.simclr.workbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.simclr.workbench.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalCommandTest {

    @TempDir
    static Path dir;

    static Path run;

    @BeforeAll
    static void trainATinyRun() {
        run = dir.resolve("run");
        CommandLineTest.Run r = CommandLineTest.run("train", "--data", "shapes", "--shapes-count", "100", "--batch", "20", "--epochs", "1",
                "--threads", "1", "--augment-threads", "1", "--out", run.toString(), "--no-eval");
        assertEquals(0, r.exitCode(), r.err());
    }

    @Test
    void evalWritesEvalJsonAndEndsWithTheResultLine() throws Exception {
        CommandLineTest.Run r = CommandLineTest.run("eval", run.toString(), "--probe", "linear,knn,finetune", "--fractions", "0.1",
                "--finetune-epochs", "1");
        assertEquals(0, r.exitCode(), r.err() + r.out());
        String[] lines = r.out().strip().split("\n");
        assertTrue(lines[lines.length - 1].matches("RESULT linear_top1=0\\.\\d{4} knn_top1=0\\.\\d{4} random_init_linear_top1=0\\.\\d{4}"),
                lines[lines.length - 1]);
        JsonObject eval = Json.parseObject(Files.readString(run.resolve("eval.json")), run.resolve("eval.json").toString());
        assertTrue(eval.getAsJsonObject("trained").has("linearTop1"));
        assertTrue(eval.getAsJsonObject("randomInit").has("knnTop1"));
        JsonObject tuned = eval.getAsJsonArray("fineTuning").get(0).getAsJsonObject();
        assertEquals(10, tuned.get("labelledImages").getAsInt(), "10% of 100 images, 1 of each class");
        assertEquals(10, tuned.getAsJsonObject("report").getAsJsonArray("confusion").size());
        assertTrue(r.out().contains("macro avg"), r.out());
    }

    @Test
    void tsneWritesItsThreeFilesAndTheReportShowsThem() throws Exception {
        CommandLineTest.Run map = CommandLineTest.run("tsne", run.toString(), "--points", "15", "--perplexity", "4", "--iterations", "300");
        assertEquals(0, map.exitCode(), map.err() + map.out());
        java.util.List<String> rows = Files.readAllLines(run.resolve("tsne.csv"));
        assertEquals("index,label,class,x,y", rows.get(0));
        assertEquals(16, rows.size(), "a header and the 15 sampled test images");
        assertEquals(16, Files.readAllLines(run.resolve("embeddings.csv")).size());
        assertTrue(javax.imageio.ImageIO.read(run.resolve("tsne.png").toFile()).getWidth() > 800);

        CommandLineTest.Run pca = CommandLineTest.run("tsne", run.toString(), "--pca", "--points", "15");
        assertEquals(0, pca.exitCode(), pca.err());
        assertEquals(16, Files.readAllLines(run.resolve("pca.csv")).size());

        CommandLineTest.Run tooFew = CommandLineTest.run("tsne", run.toString(), "--points", "15");
        assertEquals(2, tooFew.exitCode());
        assertTrue(tooFew.err().contains("perplexity 30.0") && tooFew.err().contains("lower the perplexity"), tooFew.err());

        CommandLineTest.Run report = CommandLineTest.run("report", run.toString());
        assertEquals(0, report.exitCode(), report.err());
        String html = Files.readString(run.resolve("report.html"));
        assertTrue(html.contains("NT-Xent loss") && html.contains("<svg"), "training curves");
        assertTrue(html.contains("data:image/png;base64,"), "the map is embedded");
        assertTrue(html.contains("PyTorch"), "engine version");
    }

    @Test
    void badRequestsNameWhatIsWrong() throws Exception {
        CommandLineTest.Run notARun = CommandLineTest.run("eval", dir.toString());
        assertEquals(2, notARun.exitCode());
        assertTrue(notARun.err().contains("is not a run folder"), notARun.err());

        Path empty = dir.resolve("no-checkpoint");
        Files.createDirectories(empty.resolve("checkpoints"));
        Files.copy(run.resolve("config.json"), empty.resolve("config.json"));
        CommandLineTest.Run noCheckpoint = CommandLineTest.run("eval", empty.toString());
        assertEquals(2, noCheckpoint.exitCode());
        assertTrue(noCheckpoint.err().contains("has no usable checkpoint yet"), noCheckpoint.err());
        assertFalse(Files.exists(empty.resolve("eval.json")), "a failed evaluation writes nothing");

        Path mismatch = dir.resolve("mismatch");
        Files.createDirectories(mismatch.resolve("checkpoints"));
        Files.writeString(mismatch.resolve("config.json"), Files.readString(run.resolve("config.json")).replace("\"small\"", "\"resnet18\""));
        try (var files = Files.list(run.resolve("checkpoints"))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, mismatch.resolve("checkpoints").resolve(f.getFileName()));
            }
        }
        CommandLineTest.Run wrongEncoder = CommandLineTest.run("eval", mismatch.toString(), "--probe", "knn");
        assertEquals(2, wrongEncoder.exitCode(), wrongEncoder.out());
        assertTrue(wrongEncoder.err().contains("holds a small encoder but the run's config asks for"), wrongEncoder.err());

        CommandLineTest.Run badProbe = CommandLineTest.run("eval", run.toString(), "--probe", "svm");
        assertEquals(2, badProbe.exitCode());
        assertTrue(badProbe.err().contains("unknown probe 'svm'"), badProbe.err());

        CommandLineTest.Run badFraction = CommandLineTest.run("eval", run.toString(), "--probe", "finetune", "--fractions", "2");
        assertEquals(2, badFraction.exitCode());
        assertTrue(badFraction.err().contains("--fractions: 2.0"), badFraction.err());
    }
}
