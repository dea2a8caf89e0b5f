package io.simclr.workbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.simclr.workbench.model.EncoderKind;
import io.simclr.workbench.run.RunSummary;
import io.simclr.workbench.train.RunFolder;
import io.simclr.workbench.train.TrainConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {

    @TempDir
    Path dir;

    private static final String[] TINY = {"train", "--data", "shapes", "--shapes-count", "60", "--batch", "12", "--encoder", "small",
            "--threads", "1", "--augment-threads", "1"};

    private static String[] with(String[] base, String... more) {
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void trainEndsWithTheResultLineAndAResumableRunFolder() {
        Path run = dir.resolve("run");
        CommandLineTest.Run r = CommandLineTest.run(with(TINY, "--epochs", "1", "--out", run.toString()));
        assertEquals(0, r.exitCode(), r.err() + r.out());
        String[] lines = r.out().strip().split("\n");
        assertTrue(lines[lines.length - 1].matches("RESULT knn_top1=0\\.\\d{4} random_init_knn_top1=0\\.\\d{4} epochs=1 seconds=\\d+\\.\\d"),
                lines[lines.length - 1]);
        assertTrue(Files.exists(run.resolve("metrics.csv")) && Files.exists(run.resolve("checkpoints/latest")));
        // The printed scores are kept in the run folder, for the runs list and the report.
        RunSummary listed = RunSummary.of(run);
        assertEquals(lines[lines.length - 1].replaceAll(".*knn_top1=(\\S+) random.*", "$1"), String.format(java.util.Locale.ROOT, "%.4f", listed.knnTop1()));
        CommandLineTest.Run again = CommandLineTest.run("train", "--resume", run.toString(), "--no-eval");
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().contains("completed after 1 epoch"), again.out());
    }

    /**
     * A 32 px run of an encoder that needs 75 px says once that it resizes, checkpoints, and its
     * checkpoint loads back for the closing kNN (trained and at random initialisation).
     */
    @Test
    void aLargeInputEncoderSaysItResizesAndItsCheckpointEvaluates() {
        Path run = dir.resolve("inception");
        CommandLineTest.Run r = CommandLineTest.run("train", "--data", "shapes", "--shapes-count", "10", "--batch", "4", "--encoder", "inception-v3",
                "--threads", "1", "--augment-threads", "1", "--epochs", "1", "--out", run.toString());
        assertEquals(0, r.exitCode(), r.err() + r.out());
        assertEquals(1, r.out().split("resized up to 75 px", -1).length - 1, r.out());
        assertTrue(r.out().contains("RESULT knn_top1="), r.out());
    }

    @Test
    void flagsBesideAConfigFileOverrideJustWhatTheyName() throws Exception {
        Path first = dir.resolve("first");
        assertEquals(0, CommandLineTest.run(with(TINY, "--epochs", "1", "--temperature", "0.3", "--out", first.toString(), "--no-eval")).exitCode());
        Path second = dir.resolve("second");
        CommandLineTest.Run r = CommandLineTest.run("train", "--config", first.resolve("config.json").toString(), "--epochs", "2",
                "--encoder", "small", "--out", second.toString(), "--no-eval");
        assertEquals(0, r.exitCode(), r.err());
        TrainConfig config = RunFolder.open(second).readConfig();
        assertEquals(2, config.schedule().epochs());
        assertEquals(0.3, config.method().temperature(), 1e-12);
        assertEquals(12, config.optimization().batchSize());
        assertEquals(60, config.data().trainCount());
        assertEquals(EncoderKind.SMALL, config.model().encoder());
    }

    @Test
    void theBuiltInShapesGetTheClassroomRecipeWhenNothingElseIsSet() throws Exception {
        Path run = dir.resolve("classroom");
        CommandLineTest.Run r = CommandLineTest.run("train", "--data", "shapes", "--shapes-count", "200", "--epochs", "1", "--threads", "1",
                "--augment-threads", "1", "--out", run.toString(), "--no-eval");
        assertEquals(0, r.exitCode(), r.err());
        TrainConfig config = RunFolder.open(run).readConfig();
        assertEquals(64, config.optimization().batchSize());
        assertEquals(0.2, config.method().temperature(), 1e-12);
        assertEquals(2e-3, config.optimization().effectiveLearningRate(), 1e-12);
        assertEquals(io.simclr.workbench.augment.AugmentationPreset.SHAPES.config(), config.augmentation());
        var shapes = TrainConfig.defaults(io.simclr.workbench.data.DataConfig.shapes());
        assertEquals(24, shapes.schedule().epochs());
        var photos = TrainConfig.defaults(io.simclr.workbench.data.DataConfig.of(io.simclr.workbench.data.DataSource.CIFAR10, dir));
        assertEquals(256, photos.optimization().batchSize());
        assertEquals(0.5, photos.method().temperature(), 1e-12);
        assertEquals(3e-4, photos.optimization().effectiveLearningRate(), 1e-12, "Adam's own 3e-4");
        assertEquals(0.06 * 64 / 256, TrainConfig.defaults(io.simclr.workbench.data.DataConfig.shapes(), io.simclr.workbench.train.OptimizerKind.SGD)
                .optimization().effectiveLearningRate(), 1e-12, "another optimizer keeps its own default");
    }

    @Test
    void aConfigFileMaySetWhatTheDefaultsLeaveUnset() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("images"));
        Path file = dir.resolve("partial.json");
        Files.writeString(file, "{\"data\": {\"dataDir\": \"" + folder.toString().replace("\\", "/") + "\"}}");
        Path run = dir.resolve("from-file");
        CommandLineTest.Run r = CommandLineTest.run(with(TINY, "--epochs", "1", "--config", file.toString(), "--out", run.toString(), "--no-eval"));
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(folder.toString().replace("\\", "/"), RunFolder.open(run).readConfig().data().dataDir().toString().replace("\\", "/"));
    }

    @Test
    void theDocumentedCpuRecipeIsAValidConfig() throws Exception {
        TrainConfig cpu = io.simclr.workbench.train.TrainConfigJson.read(Path.of("samples/training/cifar-cpu.json"));
        assertEquals(EncoderKind.SMALL, cpu.model().encoder());
        assertEquals(128, cpu.optimization().batchSize());
        assertEquals(0.2, cpu.method().temperature(), 1e-12);
        assertEquals(2e-3, cpu.optimization().effectiveLearningRate(), 1e-12);
        assertEquals(io.simclr.workbench.augment.AugmentationPreset.SIMCLR_CIFAR.config(), cpu.augmentation());
        assertEquals(900, cpu.schedule().budgetSeconds(), 1e-9);
    }

    /** The course's other recipe: EfficientNet-B0 on Tiny ImageNet (the folder layout), tau 0.1, batch 256, 50 epochs. */
    @Test
    void theTinyImageNetEfficientNetRecipeIsAValidConfig() throws Exception {
        TrainConfig recipe = io.simclr.workbench.train.TrainConfigJson.read(Path.of("samples/training/tiny-imagenet-efficientnet.json"));
        assertEquals(EncoderKind.EFFICIENTNET_B0, recipe.model().encoder());
        assertEquals(io.simclr.workbench.data.DataSource.FOLDER, recipe.data().source());
        assertEquals(64, recipe.data().effectiveImageSize());
        assertEquals(0.1, recipe.method().temperature(), 1e-12);
        assertEquals(256, recipe.optimization().batchSize());
        assertEquals(50, recipe.schedule().epochs());
        assertEquals(0, recipe.schedule().budgetSeconds(), 0, "it runs all 50 epochs");
        assertEquals(io.simclr.workbench.augment.AugmentationPreset.SIMCLR_IMAGENET.config(), recipe.augmentation());
    }

    @Test
    void badSettingsAndTakenFoldersAreOneLineErrors() {
        CommandLineTest.Run cold = CommandLineTest.run(with(TINY, "--temperature", "0", "--out", dir.resolve("x").toString()));
        assertEquals(2, cold.exitCode());
        assertTrue(cold.err().contains("method.simclr.temperature is 0.0"), cold.err());
        Path run = dir.resolve("taken");
        assertEquals(0, CommandLineTest.run(with(TINY, "--epochs", "1", "--out", run.toString(), "--no-eval")).exitCode());
        CommandLineTest.Run taken = CommandLineTest.run(with(TINY, "--epochs", "1", "--out", run.toString()));
        assertEquals(2, taken.exitCode());
        assertTrue(taken.err().contains("already holds a run"), taken.err());
    }

    @Test
    void aSettingOfAnotherMethodIsRefusedNamingTheMethodsThatHaveIt() {
        CommandLineTest.Run r = CommandLineTest.run(with(TINY, "--method", "byol", "--queue-size", "4096", "--out", dir.resolve("x").toString()));
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--queue-size is a setting of moco and swav, not of byol"), r.err());
        CommandLineTest.Run lambda = CommandLineTest.run(with(TINY, "--lambda", "0.01", "--out", dir.resolve("y").toString()));
        assertTrue(lambda.err().contains("--lambda is a setting of barlow-twins, not of simclr"), lambda.err());
        CommandLineTest.Run queue = CommandLineTest.run(with(TINY, "--method", "moco", "--queue-size", "50", "--out", dir.resolve("z").toString()));
        assertTrue(queue.err().contains("method.moco.queueSize is 50 but must be a positive multiple of the batch size 12"), queue.err());
    }

    @Test
    void methodFlagsSetTheirKeysAndBesideAConfigFileKeepTheFilesOtherSettings() throws Exception {
        Path first = dir.resolve("moco");
        CommandLineTest.Run r = CommandLineTest.run(with(TINY, "--method", "moco", "--queue-size", "48", "--bn-splits", "2", "--epochs", "1",
                "--out", first.toString(), "--no-eval"));
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(new io.simclr.workbench.method.MethodConfig.MoCo(0.2, 48, 0.99, 0.99, 2), RunFolder.open(first).readConfig().method().moco());
        Path second = dir.resolve("moco-warmer");
        CommandLineTest.Run again = CommandLineTest.run("train", "--config", first.resolve("config.json").toString(), "--temperature", "0.3",
                "--out", second.toString(), "--no-eval");
        assertEquals(0, again.exitCode(), again.err());
        assertEquals(new io.simclr.workbench.method.MethodConfig.MoCo(0.3, 48, 0.99, 0.99, 2), RunFolder.open(second).readConfig().method().moco());
    }

    @Test
    void simsiamsSwitchesTakeItsGuardsAway() throws Exception {
        Path run = dir.resolve("collapse");
        CommandLineTest.Run r = CommandLineTest.run(with(TINY, "--method", "simsiam", "--no-stop-gradient", "--no-predictor", "--epochs", "1",
                "--out", run.toString(), "--no-eval"));
        assertEquals(0, r.exitCode(), r.err());
        var simsiam = RunFolder.open(run).readConfig().method().simsiam();
        assertTrue(!simsiam.stopGradient() && !simsiam.predictor(), simsiam.toString());
    }

    @Test
    void helpSaysWhatKeepsEachMethodFromCollapsing() {
        CommandLineTest.Run r = CommandLineTest.run("train", "--help");
        assertEquals(0, r.exitCode());
        assertTrue(r.out().contains("what keeps each from collapsing"), r.out());
        for (io.simclr.workbench.method.MethodKind kind : io.simclr.workbench.method.MethodKind.values()) {
            assertTrue(r.out().contains(kind.id()), kind.id());
        }
        assertTrue(r.out().replaceAll("\\s+", " ").contains("stop-gradient on the target branch"), r.out());
        assertTrue(r.out().contains("--no-stop-gradient") && r.out().contains("--queue-size") && r.out().contains("--prototypes"), r.out());
    }

    /**
     * One 15-minute CPU recipe per method, each a complete, valid config of its method on the same data and encoder;
     * their batch, optimizer, crops, head and epochs are each method's own (README, "Methods").
     */
    @Test
    void everySampleTrainingConfigIsAValidConfigOfItsMethod() throws Exception {
        for (io.simclr.workbench.method.MethodKind kind : io.simclr.workbench.method.MethodKind.values()) {
            Path file = Path.of("samples/training", kind == io.simclr.workbench.method.MethodKind.SIMCLR ? "cifar-cpu.json"
                    : "cifar-cpu-" + kind.id() + ".json");
            TrainConfig config = io.simclr.workbench.train.TrainConfigJson.read(file);
            assertEquals(kind, config.method().name(), file.toString());
            assertEquals("../shared/datasets/cifar10-subset", config.data().dataDir(), file.toString());
            assertEquals(EncoderKind.SMALL, config.model().encoder());
            assertEquals(900, config.schedule().budgetSeconds(), 1e-9);
        }
    }
}
