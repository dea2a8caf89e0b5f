package io.simclr.workbench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.simclr.workbench.augment.AugmentationPreset;
import io.simclr.workbench.data.DataConfig;
import io.simclr.workbench.files.AtomicFiles;
import io.simclr.workbench.json.Json;
import io.simclr.workbench.model.EncoderKind;
import io.simclr.workbench.model.ModelConfig;
import io.simclr.workbench.train.CheckpointStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tiny real runs: 64 generated images, batch 16, the small encoder, one engine thread. */
public class TrainerTest {

    @TempDir
    Path dir;

    public static TrainConfig tiny(int epochs) {
        TrainConfig d = TrainConfig.defaults(DataConfig.shapes().withCounts(64, 20));
        return d.withAugmentation(AugmentationPreset.SIMCLR_CIFAR.config()).withModel(ModelConfig.defaults(EncoderKind.SMALL)).withTemperature(0.5)
                .withOptimization(new OptimizationConfig(OptimizerKind.ADAM, 16, 1e-3, -1))
                .withSchedule(ScheduleConfig.of(epochs).withWarmupEpochs(0.5)).withSeed(7)
                .withRuntime(new RuntimeConfig("cpu", 1, 1, 0)).withMonitor(MonitorConfig.DEFAULT);
    }

    static final class Recorder implements TrainingListener {
        final List<StepMetrics> steps = new CopyOnWriteArrayList<>();
        final List<Integer> epochs = new CopyOnWriteArrayList<>();
        final List<Path> checkpoints = new CopyOnWriteArrayList<>();
        final List<String> failures = new CopyOnWriteArrayList<>();
        TrainingOutcome finished;

        @Override public void onStep(StepMetrics step) { steps.add(step); }
        @Override public void onEpochEnd(int epoch, double meanLoss, double seconds, long views) { epochs.add(epoch); }
        @Override public void onCheckpoint(Path checkpoint, int epoch, long globalStep) { checkpoints.add(checkpoint); }
        @Override public void onFailed(String message, Throwable cause) { failures.add(message); }
        @Override public void onFinished(TrainingOutcome outcome) { finished = outcome; }
    }

    private TrainingOutcome train(TrainConfig config, Path runDir, boolean resume, TrainingListener... listeners) {
        RunFolder run = resume ? RunFolder.open(runDir) : RunFolder.create(runDir, config);
        Trainer trainer = new Trainer(config, run, new TrainingControl());
        for (TrainingListener l : listeners) {
            trainer.addListener(l);
        }
        return trainer.train(resume);
    }

    private static List<String[]> rows(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        assertEquals(String.join(",", MetricsCsv.COLUMNS), lines.get(0));
        List<String[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            rows.add(line.split(","));
        }
        return rows;
    }

    @Test
    void aRunWritesItsFolderAndTellsListenersEveryStep() throws IOException {
        Recorder recorder = new Recorder();
        TrainingOutcome outcome = train(tiny(2), dir.resolve("run"), false, recorder);
        assertEquals(TrainingOutcome.Status.COMPLETED, outcome.status(), outcome.message());
        assertEquals(8, outcome.globalStep());
        assertEquals(8, recorder.steps.size());
        assertEquals(List.of(0, 1), recorder.epochs);
        assertEquals(2, recorder.checkpoints.size());
        assertEquals(outcome, recorder.finished);
        RunFolder run = RunFolder.open(dir.resolve("run"));
        assertEquals(tiny(2), run.readConfig());
        assertEquals(recorder.checkpoints.get(1), run.checkpoints().newestUsable().file());
        assertEquals(recorder.checkpoints.get(1).getFileName() + "\n", Files.readString(run.checkpointsDir().resolve("latest")));
        List<String[]> rows = rows(run.metricsFile());
        assertEquals(8, rows.size());
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(String.valueOf(i), rows.get(i)[2], "global_step column");
        }
        StepMetrics first = recorder.steps.get(0);
        assertTrue(first.metrics().loss() > 2.0 && first.metrics().loss() < Math.log(31) + 0.1, "loss near ln(2N-1) at the start");
        assertEquals(1e-3 / 2, first.learningRate(), 1e-9, "half-epoch warm-up: the first of two warm-up steps");
        assertTrue(recorder.steps.stream().allMatch(s -> s.gradientNorm() > 0 && Double.isFinite(s.gradientNorm())), "gradient norms logged");
        try (var files = Files.list(run.checkpointsDir())) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary files left behind");
        }
    }

    /**
     * SimCLR's first steps of a seeded tiny run, as the code before the method layer logged them: a
     * refactoring of the loop or the step must not change what SimCLR computes. Step 0's loss and gradient
     * check the forward and backward passes, step 1's loss the update between them. Later steps are not
     * pinned: on an AMD EPYC the run matched the recorded one at step 0 and in step 1's loss, then parted
     * (step-3 gradient norm 7.598 against 7.537). Likely why, not shown here: the CPUs' kernels round
     * differently, and Adam's first update, about lr times the sign of each gradient, turns a rounding on a
     * near-zero gradient into a whole step.
     */
    @Test
    void simclrLossesOfASeededRunAreThoseRecordedBeforeTheMethodLayer() throws IOException {
        train(tiny(1), dir.resolve("pinned"), false);
        var m = MetricsCsv.read(dir.resolve("pinned").resolve("metrics.csv"));
        assertEquals(3.429930, m.get(Metric.LOSS)[0], 2e-6, "loss at step 0");
        assertEquals(7.17545, m.get(Metric.GRADIENT_NORM)[0], 2e-4, "gradient norm at step 0");
        assertEquals(3.284159, m.get(Metric.LOSS)[1], 2e-6, "loss at step 1");
        // The gradient after the first update already differs between the two CPUs: 7.46051 recorded, 7.45984 on the EPYC.
        assertEquals(7.46051, m.get(Metric.GRADIENT_NORM)[1], 2e-3, "gradient norm at step 1");
    }

    @Test
    void onlyTheNewestCheckpointsAreKept() throws IOException {
        Path run = dir.resolve("run");
        Files.createDirectories(run.resolve("checkpoints"));
        Files.writeString(run.resolve("checkpoints").resolve("notes.txt"), "a file the user put here");
        train(tiny(3), run, false);
        try (var files = Files.list(run.resolve("checkpoints"))) {
            assertEquals(List.of("epoch-0002-step-0000008.ckpt", "epoch-0003-step-0000012.ckpt", "latest", "notes.txt"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void aStoppedRunResumesExactlyWhereItStopped() throws IOException {
        TrainConfig config = tiny(2);
        train(config, dir.resolve("straight"), false);
        List<String[]> straight = rows(dir.resolve("straight").resolve("metrics.csv"));

        Path runDir = dir.resolve("interrupted");
        RunFolder run = RunFolder.create(runDir, config);
        TrainingControl control = new TrainingControl();
        Trainer trainer = new Trainer(config, run, control);
        trainer.addListener(new TrainingListener() {
            @Override public void onStep(StepMetrics step) {
                if (step.globalStep() == 4) {
                    control.requestStop(); // in epoch 2, after its first step
                }
            }
        });
        TrainingOutcome stopped = trainer.train(false);
        assertEquals(TrainingOutcome.Status.STOPPED, stopped.status());
        assertEquals(5, stopped.globalStep());
        assertTrue(stopped.message().contains("can be resumed from"), stopped.message());

        TrainingOutcome resumed = train(config, runDir, true);
        assertEquals(TrainingOutcome.Status.COMPLETED, resumed.status(), resumed.message());
        List<String[]> continued = rows(run.metricsFile());
        assertEquals(straight.size(), continued.size());
        for (int i = 0; i < straight.size(); i++) {
            assertEquals(straight.get(i)[2], continued.get(i)[2], "the curve continues without gaps or repeats");
            assertEquals(Double.parseDouble(straight.get(i)[3]), Double.parseDouble(continued.get(i)[3]), 2e-3, "loss at step " + i);
            assertEquals(straight.get(i)[12], continued.get(i)[12], "learning rate at step " + i);
        }
    }

    @Test
    void aPausedRunTakesNoStepsUntilResumed() throws Exception {
        TrainConfig config = tiny(2);
        TrainingControl control = new TrainingControl();
        Trainer trainer = new Trainer(config, RunFolder.create(dir.resolve("paused"), config), control);
        Recorder recorder = new Recorder();
        java.util.concurrent.CountDownLatch paused = new java.util.concurrent.CountDownLatch(1);
        trainer.addListener(recorder);
        trainer.addListener(new TrainingListener() {
            @Override public void onStep(StepMetrics step) {
                if (step.globalStep() == 1) {
                    control.pause();
                    paused.countDown();
                }
            }
        });
        var outcome = java.util.concurrent.CompletableFuture.supplyAsync(() -> trainer.train(false));
        assertTrue(paused.await(60, java.util.concurrent.TimeUnit.SECONDS));
        Thread.sleep(500);
        assertEquals(2, recorder.steps.size(), "no step while paused");
        control.resume();
        TrainingOutcome done = outcome.get(120, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(TrainingOutcome.Status.COMPLETED, done.status(), done.message());
        assertEquals(8, recorder.steps.size());
    }

    @Test
    void aNonFiniteLossStopsTheRunNamesTheSettingsAndKeepsTheLastGoodCheckpoint() throws IOException {
        Path runDir = dir.resolve("nan");
        assertEquals(TrainingOutcome.Status.COMPLETED, train(tiny(1), runDir, false).status());
        RunFolder run = RunFolder.open(runDir);
        Path good = run.checkpoints().newestUsable().file();
        TrainConfig exploding = tiny(1).withOptimization(new OptimizationConfig(OptimizerKind.ADAM, 16, 1e30, 0))
                .withSchedule(ScheduleConfig.of(3));
        AtomicFiles.writeString(run.configFile(), Json.toJson(exploding));
        Recorder recorder = new Recorder();
        TrainingOutcome failed = train(exploding, runDir, true, recorder);
        assertEquals(TrainingOutcome.Status.FAILED, failed.status());
        assertTrue(failed.message().matches("(?s).*loss became NaN.*temperature 0\\.5.*learning rate [0-9.]+e\\+(29|30).*"), failed.message());
        assertTrue(failed.message().contains("the last good checkpoint, " + good.getFileName() + ", is kept"), failed.message());
        assertEquals(1, recorder.failures.size());
        assertEquals(1, failed.epochsDone(), "the outcome reports the progress made before the failure");
        assertTrue(failed.globalStep() >= 4, "steps done: " + failed.globalStep());
        assertEquals(good, run.checkpoints().newestUsable().file());
        assertEquals(1, CheckpointStore.readPosition(good).epoch());
    }

    @Test
    void aLossThatIsNotANumberBeforeAnyCheckpointSaysThatNoneIsKept() {
        TrainConfig exploding = tiny(1).withOptimization(new OptimizationConfig(OptimizerKind.ADAM, 16, 1e30, 0));
        TrainingOutcome failed = train(exploding, dir.resolve("nan-first"), false);
        assertEquals(TrainingOutcome.Status.FAILED, failed.status());
        assertTrue(failed.message().contains("no checkpoint had been written yet") && !failed.message().contains("is kept"), failed.message());
    }

    @Test
    void aFolderThatHoldsARunIsNotOverwritten() {
        RunFolder.create(dir.resolve("taken"), tiny(1));
        var e = assertThrows(IllegalArgumentException.class, () -> RunFolder.create(dir.resolve("taken"), tiny(1)));
        assertTrue(e.getMessage().contains("already holds a run"), e.getMessage());
    }

    @Test
    void badSettingsAreNamed() {
        TrainConfig cold = tiny(1).withTemperature(0);
        var e = assertThrows(IllegalArgumentException.class, cold::validated);
        assertTrue(e.getMessage().contains("method.simclr.temperature is 0.0"), e.getMessage());
        TrainConfig one = tiny(1).withOptimization(new OptimizationConfig(OptimizerKind.ADAM, 1, 0, -1)).withRuntime(new RuntimeConfig("tpu", 1, 1, 0));
        var f = assertThrows(IllegalArgumentException.class, one::validated);
        assertTrue(f.getMessage().contains("optimization.batchSize is 1") && f.getMessage().contains("runtime.device is 'tpu'"), f.getMessage());
        var g = assertThrows(IllegalArgumentException.class,
                () -> tiny(1).withOptimization(new OptimizationConfig(OptimizerKind.ADAM, 100_000, 0, -1)).validated());
        assertTrue(g.getMessage().contains("optimization.batchSize is 100000 but must be 2 to 8192"), g.getMessage());
        var h = assertThrows(IllegalArgumentException.class, () -> tiny(1).withData(DataConfig.shapes().withImageSize(-5)).validated());
        assertTrue(h.getMessage().contains("data.imageSize is -5"), h.getMessage());
    }
}
