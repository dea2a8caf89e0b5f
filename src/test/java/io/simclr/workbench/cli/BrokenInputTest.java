package io.simclr.workbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged run folders and bad options, as a careful user (or a bad day) makes them: each gets one
 * line naming the file or value and what to do, exit code 2, no stack trace, and nothing written.
 */
class BrokenInputTest {

    @TempDir
    static Path dir;
    static Path good;

    private static final String[] TINY = {"train", "--shapes-count", "60", "--encoder", "small", "--threads", "1", "--augment-threads", "1",
            "--no-eval"};

    private static String[] with(String[] base, String... more) {
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @BeforeAll
    static void oneGoodRun() {
        good = dir.resolve("good");
        CommandLineTest.Run r = CommandLineTest.run(with(TINY, "--batch", "12", "--epochs", "2", "--out", good.toString()));
        assertEquals(0, r.exitCode(), r.err());
    }

    private static Path copyOfGood(String name) throws Exception {
        Path copy = dir.resolve(name);
        Files.createDirectories(copy.resolve("checkpoints"));
        try (var files = Files.walk(good)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, copy.resolve(good.relativize(f).toString()));
            }
        }
        return copy;
    }

    /** Exit code 2, one line on stderr holding each of {@code expected}, no stack trace. */
    static void assertOneClearLine(CommandLineTest.Run r, String... expected) {
        assertEquals(2, r.exitCode(), r.out() + r.err());
        String err = r.err().strip();
        assertFalse(err.contains("\tat ") || err.contains("Exception"), "no stack trace: " + err);
        assertEquals(1, err.lines().count(), err);
        for (String e : expected) {
            assertTrue(err.contains(e), "'" + e + "' in: " + err);
        }
    }

    @Test
    void aDamagedConfigIsNamedByEveryCommandThatReadsIt() throws Exception {
        Path run = copyOfGood("bad-config");
        Path config = run.resolve("config.json");
        String original = Files.readString(config);
        List<String[]> breakages = List.of(
                new String[] {"{ \"data\": ", "not valid JSON"},
                new String[] {"", "expected a JSON object"},
                new String[] {original.replace("\"batchSize\": 12", "\"batchSize\": \"twelve\""), "'optimization.batchSize' must be a number"},
                new String[] {original.replace("\"encoder\": \"small\"", "\"encoder\": \"resnet19\""), "'model.encoder' is 'resnet19' but must be one of"},
                new String[] {original.replace("\"temperature\": 0.2", "\"temperature\": -1.0"), "method.simclr.temperature is -1.0"},
                new String[] {original.replace("\"seed\": 1,", "\"seed\": 1, \"colour\": 3,"), "unknown key 'colour'"});
        for (String[] broken : breakages) {
            Files.writeString(config, broken[0]);
            for (String[] command : List.of(new String[] {"train", "--resume", run.toString()}, new String[] {"eval", run.toString()},
                    new String[] {"tsne", run.toString(), "--points", "10"}, new String[] {"report", run.toString()})) {
                assertOneClearLine(CommandLineTest.run(command), config.toString(), broken[1]);
            }
        }
    }

    @Test
    void damagedCheckpointsArePassedOverAndSaidAndNoneLeftIsOneLine() throws Exception {
        Path run = copyOfGood("bad-checkpoints");
        List<Path> checkpoints;
        try (var files = Files.list(run.resolve("checkpoints"))) {
            checkpoints = files.filter(f -> f.toString().endsWith(".ckpt")).sorted().toList();
        }
        assertEquals(2, checkpoints.size());
        try (RandomAccessFile f = new RandomAccessFile(checkpoints.get(1).toFile(), "rw")) {
            f.setLength(f.length() / 3);
        }
        CommandLineTest.Run eval = CommandLineTest.run("eval", run.toString(), "--probe", "knn");
        assertEquals(0, eval.exitCode(), eval.err());
        assertTrue(eval.out().contains("warning: using " + checkpoints.get(0).getFileName() + "; skipped " + checkpoints.get(1).getFileName()
                + " is truncated"), eval.out());

        Files.write(checkpoints.get(0), new byte[0]);
        for (String[] command : List.of(new String[] {"eval", run.toString()}, new String[] {"tsne", run.toString(), "--points", "10"})) {
            assertOneClearLine(CommandLineTest.run(command), "has no usable checkpoint yet", "is empty (0 bytes", "is truncated");
        }
    }

    @Test
    void badOptionsAreRefusedBeforeAnythingIsWritten() {
        Path out = dir.resolve("refused");
        assertOneClearLine(CommandLineTest.run(with(TINY, "--batch", "12", "--image-size", "-5", "--out", out.toString())), "--image-size is -5");
        assertOneClearLine(CommandLineTest.run(with(TINY, "--batch", "100000", "--out", out.toString())),
                "optimization.batchSize is 100000 but must be 2 to 8192");
        assertOneClearLine(CommandLineTest.run(with(TINY, "--batch", "100", "--out", out.toString())),
                "the batch of 100 images is larger than the 60 training images");
        assertOneClearLine(CommandLineTest.run("train", "--encoder", "resnet19", "--out", out.toString()), "unknown encoder 'resnet19'");
        assertOneClearLine(CommandLineTest.run(with(TINY, "--data", "cifar10", "--data-dir", dir.resolve("nowhere").toString(), "--out",
                out.toString())), "no such folder");
        assertFalse(Files.exists(out), "a refused job leaves no folder behind");
    }

    @Test
    void aTruncatedTestSplitIsFoundBeforeTheFirstStep() throws Exception {
        Path cifar = Files.createDirectories(dir.resolve("cifar"));
        Files.write(cifar.resolve("train.bin"), new byte[3073 * 40]);
        Files.write(cifar.resolve("test.bin"), new byte[3073 * 10 + 100]);
        Path out = dir.resolve("cifar-run");
        assertOneClearLine(CommandLineTest.run("train", "--data", "cifar10", "--data-dir", cifar.toString(), "--batch", "8", "--out",
                out.toString()), "test.bin", "is not a whole number of 3,073-byte CIFAR-10 records");
        assertFalse(Files.exists(out));
    }

    @Test
    void resumeRefusesOptionsThatWouldChangeTheRun() {
        CommandLineTest.Run r = CommandLineTest.run("train", "--resume", good.toString(), "--lr", "0.1", "--epochs", "5");
        assertOneClearLine(r, "--lr, --epochs do not apply to a resumed run", "config.json");
    }
}
