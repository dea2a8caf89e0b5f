package io.simclr.workbench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.simclr.workbench.eval.RunEvaluation;
import io.simclr.workbench.run.RunReport;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run folder as the code before config sections wrote it — a flat {@code config.json} (the
 * committed {@code flat-config.json}) and a format-1 checkpoint without a trailer — still opens,
 * resumes, evaluates and reports.
 */
class FlatConfigRunTest {

    @TempDir
    Path dir;

    /** An old run: the committed flat config, one epoch trained, its checkpoint rewritten as format 1 (no length or checksum trailer). */
    private Path oldRun() throws IOException {
        Path run = dir.resolve("old-run");
        Files.createDirectories(run.resolve("checkpoints"));
        try (InputStream flat = getClass().getResourceAsStream("flat-config.json")) {
            Files.copy(flat, run.resolve("config.json"));
        }
        TrainConfig config = RunFolder.open(run).readConfig();
        Path scratch = dir.resolve("scratch");
        new Trainer(config.withSchedule(config.schedule().withEpochs(1)), RunFolder.create(scratch, config), new TrainingControl()).train(false);
        Path written = scratch.resolve("checkpoints/epoch-0001-step-0000004.ckpt");
        Path old = run.resolve("checkpoints/epoch-0001-step-0000004.ckpt");
        try (RandomAccessFile in = new RandomAccessFile(written.toFile(), "r"); OutputStream out = Files.newOutputStream(old)) {
            byte[] content = new byte[(int) in.length() - 16];
            in.readFully(content);
            DataInputStream header = new DataInputStream(new java.io.ByteArrayInputStream(content));
            int magicLength = 2 + header.readUnsignedShort();
            new DataOutputStream(out).write(content, 0, magicLength);
            new DataOutputStream(out).writeInt(1);
            out.write(content, magicLength + 4, content.length - magicLength - 4);
        }
        Files.writeString(run.resolve("checkpoints/latest"), "epoch-0001-step-0000004.ckpt\n");
        Files.copy(scratch.resolve("metrics.csv"), run.resolve("metrics.csv"));
        return run;
    }

    @Test
    void aFlatConfigReadsAsTheSameJobInSections() throws IOException {
        Path run = oldRun();
        TrainConfig config = RunFolder.open(run).readConfig();
        assertEquals(16, config.optimization().batchSize());
        assertEquals(0.2, config.method().temperature(), 1e-12);
        assertEquals(2, config.schedule().epochs());
        assertEquals(5.0, config.runtime().maxSeconds(), 1e-12, "the old maxSeconds limited an invocation");
        assertEquals(0, config.schedule().budgetSeconds(), 1e-12);
        assertEquals(64, config.data().trainCount());
    }

    @Test
    void anOldRunResumesEvaluatesAndReports() throws IOException {
        Path run = oldRun();
        assertTrue(CheckpointStore.problem(run.resolve("checkpoints/epoch-0001-step-0000004.ckpt")).isEmpty(), "format 1 is accepted unverified");

        RunEvaluation.Report report = RunEvaluation.evaluate(RunFolder.open(run), RunEvaluation.Settings.knnOnly(), m -> {});
        RunEvaluation.Report asWritten = RunEvaluation.evaluate(RunFolder.open(dir.resolve("scratch")), RunEvaluation.Settings.knnOnly(), m -> {});
        assertEquals(asWritten.trained().knnTop1(), report.trained().knnTop1(), "the old format reads as the same weights");
        assertEquals("epoch-0001-step-0000004.ckpt", report.checkpoint());

        Trainer trainer = new Trainer(RunFolder.open(run).readConfig().withRuntime(RuntimeConfig.DEFAULT), RunFolder.open(run),
                new TrainingControl());
        TrainingOutcome resumed = trainer.train(true);
        assertEquals(TrainingOutcome.Status.COMPLETED, resumed.status(), resumed.message());
        assertEquals(8, resumed.globalStep(), "continued from the old checkpoint's step 4");
        Path newest = RunFolder.open(run).checkpoints().newestUsable().file();
        assertEquals("epoch-0002-step-0000008.ckpt", newest.getFileName().toString());
        assertTrue(CheckpointStore.problem(newest).isEmpty());

        Path html = RunReport.write(RunFolder.open(run));
        String page = Files.readString(html);
        assertTrue(page.contains("temperature 0.2") && page.contains("16 images"), "the report reads the old run's settings");
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L),
                Files.readAllLines(run.resolve("metrics.csv")).stream().skip(1).map(l -> Long.parseLong(l.split(",")[2])).toList());
    }
}
