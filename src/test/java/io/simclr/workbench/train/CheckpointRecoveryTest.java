package io.simclr.workbench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What resume, eval and the window find after a kill at a bad moment: the newest checkpoint that verifies, said so. */
class CheckpointRecoveryTest {

    @TempDir
    Path dir;

    private static final class Warnings implements TrainingListener {
        final List<String> messages = new CopyOnWriteArrayList<>();
        final List<StepMetrics> steps = new CopyOnWriteArrayList<>();

        @Override public void onWarning(String message) { messages.add(message); }
        @Override public void onStep(StepMetrics step) { steps.add(step); }
    }

    /** A 3-epoch run (4 steps each) stopped after its second epoch: checkpoints at epochs 1 and 2. */
    private Path stoppedAfterTwoEpochs(String name) {
        Path runDir = dir.resolve(name);
        TrainingControl control = new TrainingControl();
        Trainer trainer = new Trainer(TrainerTest.tiny(3), RunFolder.create(runDir, TrainerTest.tiny(3)), control);
        trainer.addListener(new TrainingListener() {
            @Override public void onCheckpoint(Path checkpoint, int epoch, long globalStep) {
                if (globalStep == 8) {
                    control.requestStop();
                }
            }
        });
        TrainingOutcome stopped = trainer.train(false);
        assertEquals(TrainingOutcome.Status.STOPPED, stopped.status(), stopped.message());
        assertEquals(8, stopped.globalStep());
        return runDir;
    }

    private static TrainingOutcome resume(Path runDir, Warnings warnings) {
        Trainer trainer = new Trainer(RunFolder.open(runDir).readConfig(), RunFolder.open(runDir), new TrainingControl());
        trainer.addListener(warnings);
        return trainer.train(true);
    }

    private static List<Long> loggedSteps(Path runDir) throws IOException {
        return Files.readAllLines(runDir.resolve("metrics.csv")).stream().skip(1).map(l -> Long.parseLong(l.split(",")[2])).toList();
    }

    private static final Path EPOCH_1 = Path.of("epoch-0001-step-0000004.ckpt");
    private static final Path EPOCH_2 = Path.of("epoch-0002-step-0000008.ckpt");

    @Test
    void aKillBeforeLatestWasUpdatedLosesNothing() throws IOException {
        Path runDir = stoppedAfterTwoEpochs("pointer-behind");
        Path checkpoints = runDir.resolve("checkpoints");
        Files.writeString(checkpoints.resolve("latest"), EPOCH_1 + "\n"); // the rename of epoch 2 happened, the pointer's update did not
        assertEquals(checkpoints.resolve(EPOCH_2), RunFolder.open(runDir).checkpoints().newestUsable().file());
        Warnings warnings = new Warnings();
        TrainingOutcome outcome = resume(runDir, warnings);
        assertEquals(TrainingOutcome.Status.COMPLETED, outcome.status(), outcome.message());
        assertEquals(8, warnings.steps.get(0).globalStep(), "continues after epoch 2, not epoch 1");
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L), loggedSteps(runDir));
    }

    @Test
    void aTruncatedNewestCheckpointIsPassedOverSaidAndRemoved() throws IOException {
        Path runDir = stoppedAfterTwoEpochs("truncated");
        Path newest = runDir.resolve("checkpoints").resolve(EPOCH_2);
        try (RandomAccessFile f = new RandomAccessFile(newest.toFile(), "rw")) {
            f.setLength(f.length() / 2);
        }
        CheckpointStore.Found found = RunFolder.open(runDir).checkpoints().newestUsable();
        assertEquals(EPOCH_1, found.file().getFileName());
        assertTrue(found.describe().matches("using epoch-0001\\S+; skipped epoch-0002-step-0000008\\.ckpt is truncated \\(.* bytes, but it was"
                + " written with .*\\)"), found.describe());

        Warnings warnings = new Warnings();
        TrainingOutcome outcome = resume(runDir, warnings);
        assertEquals(TrainingOutcome.Status.COMPLETED, outcome.status(), outcome.message());
        assertTrue(warnings.messages.stream().anyMatch(m -> m.contains("using " + EPOCH_1) && m.contains("truncated")), warnings.messages.toString());
        assertEquals(4, warnings.steps.get(0).globalStep(), "epoch 2 is trained again from epoch 1's checkpoint");
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L), loggedSteps(runDir));
    }

    @Test
    void emptyDamagedAndForeignFilesAreEachNamedWithWhy() throws IOException {
        Path runDir = stoppedAfterTwoEpochs("damaged");
        Path checkpoints = runDir.resolve("checkpoints");
        Path newest = checkpoints.resolve(EPOCH_2);
        try (RandomAccessFile f = new RandomAccessFile(newest.toFile(), "rw")) {
            f.seek(f.length() / 2);
            int b = f.read();
            f.seek(f.length() / 2);
            f.write(b ^ 0x40);
        }
        assertEquals(Optional("epoch-0002-step-0000008.ckpt is damaged (its checksum does not match its content)"), CheckpointStore.problem(newest));
        Path empty = checkpoints.resolve("epoch-0003-step-0000012.ckpt");
        Files.createFile(empty);
        assertEquals(Optional("epoch-0003-step-0000012.ckpt is empty (0 bytes; its write was interrupted)"), CheckpointStore.problem(empty));
        Path foreign = checkpoints.resolve("epoch-0004-step-0000016.ckpt");
        Files.writeString(foreign, "not a checkpoint at all");
        assertTrue(CheckpointStore.problem(foreign).orElseThrow().startsWith("epoch-0004-step-0000016.ckpt is not a SimCLR Workbench checkpoint"));
        CheckpointStore.Found found = RunFolder.open(runDir).checkpoints().newestUsable();
        assertEquals(EPOCH_1, found.file().getFileName());
        assertEquals(3, found.skipped().size());
    }

    private static java.util.Optional<String> Optional(String s) {
        return java.util.Optional.of(s);
    }

    @Test
    void aRunKilledDuringItsFirstCheckpointStartsOverInPlaceAndSaysSo() throws IOException {
        Path runDir = dir.resolve("first-write");
        RunFolder run = RunFolder.create(runDir, TrainerTest.tiny(2));
        Files.createFile(run.checkpointsDir().resolve(EPOCH_1));                      // renamed in place, never written
        Files.writeString(run.checkpointsDir().resolve(".epoch-0001-step-0000004.ckpt123456789.tmp"), "half a checkpoint");
        Files.writeString(run.metricsFile(), String.join(",", MetricsCsv.COLUMNS) + "\n0,0,0,4.1,0.1,0.2,3,0.1,0.1,1,-1,0.1,1e-3,100,1,1,1\n");
        var noCheckpoint = assertThrows(CheckpointStore.NoCheckpointException.class, () -> run.checkpoints().newestUsable());
        assertTrue(noCheckpoint.getMessage().contains("has no usable checkpoint yet (epoch-0001-step-0000004.ckpt is empty"), noCheckpoint.getMessage());

        Warnings warnings = new Warnings();
        TrainingOutcome outcome = resume(runDir, warnings);
        assertEquals(TrainingOutcome.Status.COMPLETED, outcome.status(), outcome.message());
        assertTrue(warnings.messages.stream().anyMatch(m -> m.contains("starting the run over from its first step")), warnings.messages.toString());
        assertTrue(warnings.messages.stream().anyMatch(m -> m.contains("removed 1 unfinished temporary file")), warnings.messages.toString());
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L), loggedSteps(runDir), "the old rows are dropped, the run's rows written once");
        try (var files = Files.list(run.checkpointsDir())) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().endsWith(".tmp")));
        }
    }

    @Test
    void theTimeLimitAppliesToOneInvocationAndTheBudgetToTheRun() throws Exception {
        Path runDir = dir.resolve("limited");
        TrainConfig limited = TrainerTest.tiny(3).withRuntime(new RuntimeConfig("cpu", 1, 1, 1e-9));
        try (TrainingService service = new TrainingService()) {
            TrainingOutcome first = service.start(limited, runDir, "a test", List.of()).outcome().get();
            assertEquals(TrainingOutcome.Status.STOPPED, first.status(), first.message());
            assertTrue(first.message().contains("this invocation's time limit"), first.message());
            assertEquals(1e-9, RunFolder.open(runDir).readConfig().runtime().maxSeconds(), "config.json records the first invocation");
            TrainingOutcome second = service.resume(runDir, new RuntimeConfig("cpu", 1, 1, 0), "a test", List.of()).outcome().get();
            assertEquals(TrainingOutcome.Status.COMPLETED, second.status(), "the stored limit does not stop the resumed run: " + second.message());
            assertEquals(12, second.globalStep());
        }

        Path budgeted = dir.resolve("budget");
        TrainConfig withBudget = TrainerTest.tiny(50).withSchedule(ScheduleConfig.of(50).withBudgetSeconds(1.0));
        try (TrainingService service = new TrainingService()) {
            TrainingOutcome spent = service.start(withBudget, budgeted, "a test", List.of()).outcome().get();
            assertEquals(TrainingOutcome.Status.COMPLETED, spent.status(), spent.message());
            assertTrue(spent.message().contains("time budget of 1 s is spent") && spent.epochsDone() < 50, spent.message());
            long steps = spent.globalStep();
            TrainingOutcome again = service.resume(budgeted, RuntimeConfig.DEFAULT, "a test", List.of()).outcome().get();
            assertEquals(TrainingOutcome.Status.COMPLETED, again.status());
            assertEquals(steps, again.globalStep(), "a spent budget stays spent across resumes");
            io.simclr.workbench.run.RunSummary listed = io.simclr.workbench.run.RunSummary.of(budgeted);
            assertTrue(listed.budgetSpent() && !listed.stopped(), "ended on its budget, as done: " + listed.label());
            String trained = spent.epochsDone() > 0 ? spent.epochsDone() + " epoch" : steps + " step";
            assertTrue(listed.label().contains(trained) && listed.label().contains("in its 1 s budget") && !listed.label().contains("stopped"),
                    listed.label());
            assertTrue(listed.epochsText().endsWith("(1 s budget)"), listed.epochsText());
        }
    }
}
