package io.simclr.workbench.cli;

import static io.simclr.workbench.cli.BrokenInputTest.assertOneClearLine;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.simclr.workbench.eval.FeatureExtractor;
import io.simclr.workbench.eval.RunEncoder;
import io.simclr.workbench.exchange.ProjectorExport;
import io.simclr.workbench.exchange.RawSafetensors;
import io.simclr.workbench.run.RunSummary;
import io.simclr.workbench.train.RunFolder;
import io.simclr.workbench.model.EncoderKind;
import io.simclr.workbench.model.HeadKind;
import io.simclr.workbench.model.ModelConfig;
import io.simclr.workbench.model.StemKind;
import java.awt.image.BufferedImage;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export} and {@code import}: a run's encoder out to PyTorch and back with the same features to
 * the last bit, its embeddings out to TensorBoard's Projector, and every kind of bad input refused
 * with one line naming the file and what to do, exit code 2, nothing written.
 */
class ExchangeCommandsTest {

    @TempDir
    static Path dir;
    static Path good;

    private static final String[] TINY = {"train", "--shapes-count", "60", "--encoder", "small", "--threads", "1", "--augment-threads", "1",
            "--no-eval", "--batch", "12", "--epochs", "2"};

    @BeforeAll
    static void oneGoodRun() {
        good = dir.resolve("good");
        String[] args = java.util.Arrays.copyOf(TINY, TINY.length + 2);
        args[TINY.length] = "--out";
        args[TINY.length + 1] = good.toString();
        CommandLineTest.Run r = CommandLineTest.run(args);
        assertEquals(0, r.exitCode(), r.err());
    }

    @Test
    void exportThenImportGivesBitIdenticalFeaturesAndARunEveryCommandCanUse() throws Exception {
        Path weights = dir.resolve("out/encoder.safetensors");
        CommandLineTest.Run export = CommandLineTest.run("export", good.toString(), "--to", "pytorch", "--include-head", "--out", weights.toString());
        assertEquals(0, export.exitCode(), export.err());
        assertTrue(export.out().contains("small_encoder(stem=\"light\")"), export.out());
        JsonObject json = JsonParser.parseString(Files.readString(dir.resolve("out/encoder.json"))).getAsJsonObject();
        assertEquals("small", json.get("encoder").getAsString());
        assertEquals("light", json.getAsJsonObject("stem").get("id").getAsString());
        assertFalse(json.getAsJsonObject("stem").get("torchvision").getAsBoolean());
        assertTrue(json.getAsJsonObject("head").get("included").getAsBoolean());
        assertEquals(32, json.get("imageSize").getAsInt());
        assertEquals(good.toString(), json.getAsJsonObject("source").get("run").getAsString());
        assertEquals(RunFolder.open(good).checkpoints().newestUsable().file().getFileName().toString(),
                json.getAsJsonObject("source").get("checkpoint").getAsString());
        assertTrue(json.getAsJsonObject("normalization").get("note").getAsString().contains("image / 255"));

        Path imported = dir.resolve("imported");
        CommandLineTest.Run in = CommandLineTest.run("import", weights.toString(), "--shapes-count", "60", "--out", imported.toString());
        assertEquals(0, in.exitCode(), in.err());
        assertTrue(in.out().contains("the small encoder, light stem, mlp head"), in.out());
        RunFolder run = RunFolder.open(imported);
        assertTrue(run.isImported());
        assertFalse(RunFolder.open(good).isImported());
        assertFalse(Files.exists(run.metricsFile()), "an imported run has no pretraining metrics");
        assertEquals("epoch-0000-step-0000000.ckpt", run.checkpoints().newestUsable().file().getFileName().toString());
        assertEquals(new ModelConfig(EncoderKind.SMALL, StemKind.LIGHT, HeadKind.MLP, 128, 0), run.readConfig().model(),
                "the run's own model (its auto stem as resolved for 32 px)");

        for (FeatureExtractor.Layer layer : FeatureExtractor.Layer.values()) {
            RunEncoder.Features a = features(good, layer);
            RunEncoder.Features b = features(imported, layer);
            assertArrayEquals(bits(a.train()), bits(b.train()), layer + " features of the train split");
            assertArrayEquals(bits(a.test()), bits(b.test()), layer + " features of the test split");
        }
        CommandLineTest.Run eval = CommandLineTest.run("eval", imported.toString(), "--probe", "knn");
        assertEquals(0, eval.exitCode(), eval.err());
        assertTrue(Files.exists(imported.resolve("eval.json")));
        RunSummary listed = RunSummary.of(imported);
        assertTrue(listed.imported());
        assertEquals(0, listed.epochs(), "nothing was pretrained here");
        assertFalse(RunSummary.of(good).imported());
        assertOneClearLine(CommandLineTest.run("train", "--resume", imported.toString()), "holds an imported encoder", "no training to resume");
        assertFalse(Files.exists(run.metricsFile()));
        CommandLineTest.Run report = CommandLineTest.run("report", imported.toString());
        assertEquals(0, report.exitCode(), report.err());
        String html = Files.readString(imported.resolve("report.html"));
        assertTrue(html.contains("imported, not pretrained here") && html.contains(weights.toAbsolutePath().toString()), "the report says so");
    }

    @Test
    void aSecondBuildOfTheTrainedNetworkReadsTheBatchNormStatisticsTheFirstReestimated() throws Exception {
        RunEncoder.Features fresh = features(good, FeatureExtractor.Layer.H);
        try (RunEncoder encoder = RunEncoder.open(RunFolder.open(good), null)) {
            RunEncoder.Features first = encoder.features(true, FeatureExtractor.Layer.H);
            assertTrue(encoder.batchNormNote().orElseThrow().contains("re-estimated"), "10 steps at momentum 0.9 leave the statistics stale");
            RunEncoder.Features second = encoder.features(true, FeatureExtractor.Layer.H);
            assertArrayEquals(bits(first.test()), bits(second.test()), "the second build has the first's statistics, not the checkpoint's");
            assertArrayEquals(bits(fresh.test()), bits(second.test()), "and they are what a fresh evaluation re-estimates");
        }
    }

    @Test
    void theProjectorFolderHoldsVectorsMetadataSpriteAndAConfigThatNamesThem() throws Exception {
        Path out = dir.resolve("projector");
        CommandLineTest.Run r = CommandLineTest.run("export", good.toString(), "--to", "projector", "--points", "10", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<String> vectors = Files.readAllLines(out.resolve(ProjectorExport.VECTORS));
        assertEquals(10, vectors.size());
        for (String row : vectors) {
            String[] fields = row.split("\t");
            assertEquals(256, fields.length, "the small encoder's h has 256 dimensions");
            for (String f : fields) {
                assertTrue(Float.isFinite(Float.parseFloat(f)), f);
            }
        }
        List<String> metadata = Files.readAllLines(out.resolve(ProjectorExport.METADATA));
        assertEquals(List.of("label", "class", "split", "index"), List.of(metadata.get(0).split("\t")));
        assertEquals(11, metadata.size(), "a header and one row a point");
        List<String> classes = RunFolder.open(good).readConfig().data().source() == io.simclr.workbench.data.DataSource.SHAPES
                ? io.simclr.workbench.data.ShapesDataset.generate(io.simclr.workbench.data.Split.TEST, 1, 32, 0).classNames() : List.of();
        for (String row : metadata.subList(1, metadata.size())) {
            String[] f = row.split("\t");
            assertEquals(4, f.length, row);
            int label = Integer.parseInt(f[0]);
            assertEquals(classes.get(label), f[1]);
            assertEquals("test", f[2]);
            assertTrue(Integer.parseInt(f[3]) >= 0 && Integer.parseInt(f[3]) < 12, row);
        }
        BufferedImage sprite = ImageIO.read(out.resolve(ProjectorExport.SPRITE).toFile());
        assertEquals(4 * 32, sprite.getWidth(), "a 4 x 4 grid of 32 px thumbnails holds 10 images");
        assertEquals(sprite.getWidth(), sprite.getHeight());
        String config = Files.readString(out.resolve(ProjectorExport.CONFIG));
        for (String key : new String[] {"tensor_path", "metadata_path", "image_path"}) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile(key + ": \"([^\"]+)\"").matcher(config);
            assertTrue(m.find(), key + " in " + config);
            assertTrue(Files.isRegularFile(out.resolve(m.group(1))), key + " names a file beside it: " + m.group(1));
        }
        assertEquals(2, config.split("single_image_dim: 32\n", -1).length - 1, config);
        assertTrue(config.contains("tensor_shape: 10\n") && config.contains("tensor_shape: 256\n"), config);
        assertTrue(config.contains("tensor_name: \"good h\""), config);
    }

    @Test
    void tsneCanWriteTheProjectorFilesBesideItsMap() throws Exception {
        Path out = dir.resolve("tsne-projector");
        CommandLineTest.Run r = CommandLineTest.run("tsne", good.toString(), "--points", "12", "--perplexity", "3", "--iterations", "50", "--projector", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        for (String f : new String[] {ProjectorExport.VECTORS, ProjectorExport.METADATA, ProjectorExport.SPRITE, ProjectorExport.CONFIG}) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        assertEquals(12, Files.readAllLines(out.resolve(ProjectorExport.VECTORS)).size());
        assertTrue(Files.exists(good.resolve("tsne.csv")));
    }

    @Test
    void weightsForAnotherArchitectureAreRefusedListingTheFirstMismatches() throws Exception {
        Path weights = exported("arch");
        Path out = dir.resolve("arch-run");
        assertOneClearLine(CommandLineTest.run("import", weights.toString(), "--encoder", "resnet18", "--stem", "imagenet", "--out", out.toString()),
                weights.toString(), "does not fit the resnet18 encoder with the imagenet stem",
                "conv1.weight is [32, 3, 3, 3] in the file but [64, 3, 7, 7] here", "more)", "the file says it holds a small encoder",
                "--encoder and --stem it was trained with");
        assertNothingWritten(out);
    }

    @Test
    void truncatedAndNonSafetensorsFilesAreRefused() throws Exception {
        Path weights = exported("cut");
        try (RandomAccessFile f = new RandomAccessFile(weights.toFile(), "rw")) {
            f.setLength(f.length() / 2);
        }
        Path out = dir.resolve("cut-run");
        assertOneClearLine(CommandLineTest.run("import", weights.toString(), "--out", out.toString()), weights.toString(), "is truncated",
                "export it again");
        assertNothingWritten(out);

        Path config = good.resolve("config.json");
        assertOneClearLine(CommandLineTest.run("import", config.toString(), "--encoder", "small", "--out", out.toString()), config.toString(),
                "is not a safetensors file");
        Path empty = Files.write(dir.resolve("empty.safetensors"), new byte[0]);
        assertOneClearLine(CommandLineTest.run("import", empty.toString(), "--encoder", "small", "--out", out.toString()), empty.toString(),
                "is not a safetensors file");
        assertOneClearLine(CommandLineTest.run("import", dir.resolve("absent.safetensors").toString(), "--out", out.toString()), "does not exist");
        assertNothingWritten(out);
    }

    @Test
    void aHeaderThatLiesAboutSizesIsRefused() throws Exception {
        Path out = dir.resolve("lies-run");
        String[][] lies = {
                {"{\"conv1.weight\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", "8", "is truncated or its header lies"},
                {"{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}",
                        "12", "overlap"},
                {"{\"conv1.weight\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", "8", "conv1.weight is F32 [3], which takes 12 bytes"},
                {"{\"conv1.weight\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", "8", "does not fit the small encoder"}};
        for (String[] lie : lies) {
            Path file = Files.write(dir.resolve("lie.safetensors"), RawSafetensors.of(lie[0], Integer.parseInt(lie[1])));
            assertOneClearLine(CommandLineTest.run("import", file.toString(), "--encoder", "small", "--out", out.toString()), file.toString(), lie[2]);
            assertNothingWritten(out);
        }
    }

    @Test
    void aRunWithoutACheckpointIsNamedAndNothingIsExported() throws Exception {
        Path run = Files.createDirectories(dir.resolve("untrained/checkpoints"));
        Files.copy(good.resolve("config.json"), run.getParent().resolve("config.json"));
        Path weights = dir.resolve("untrained-out/encoder.safetensors");
        assertOneClearLine(CommandLineTest.run("export", run.getParent().toString(), "--to", "pytorch", "--out", weights.toString()),
                run.getParent().toString(), "has no usable checkpoint yet", "train it");
        assertNothingWritten(weights.getParent());
        Path projector = dir.resolve("untrained-projector");
        assertOneClearLine(CommandLineTest.run("export", run.getParent().toString(), "--to", "projector", "--out", projector.toString()),
                "has no usable checkpoint yet");
        assertNothingWritten(projector);
        assertOneClearLine(CommandLineTest.run("export", dir.toString(), "--to", "pytorch", "--out", weights.toString()), "is not a run folder");
        assertOneClearLine(CommandLineTest.run("export", good.toString(), "--to", "onnx", "--out", weights.toString()), "unknown target 'onnx'");
        assertOneClearLine(CommandLineTest.run("export", good.toString(), "--to", "pytorch", "--out", dir.toString()), "is a folder");
        assertNothingWritten(weights.getParent());
    }

    @Test
    void importRefusesToOverwriteARun() throws Exception {
        Path weights = exported("over");
        assertOneClearLine(CommandLineTest.run("import", weights.toString(), "--out", good.toString()), good.toString(), "already exists");
    }

    private static Path exported(String name) {
        Path weights = dir.resolve(name + "/encoder.safetensors");
        CommandLineTest.Run r = CommandLineTest.run("export", good.toString(), "--to", "pytorch", "--out", weights.toString());
        assertEquals(0, r.exitCode(), r.err());
        return weights;
    }

    private static RunEncoder.Features features(Path run, FeatureExtractor.Layer layer) throws Exception {
        try (RunEncoder encoder = RunEncoder.open(RunFolder.open(run), null)) {
            return encoder.features(true, layer);
        }
    }

    private static int[] bits(float[] values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToRawIntBits(values[i]);
        }
        return bits;
    }

    /** Neither the target nor a hidden half-made sibling of it. */
    private static void assertNothingWritten(Path target) throws Exception {
        assertFalse(Files.exists(target), target + " must not be written");
        try (Stream<Path> siblings = Files.list(target.getParent())) {
            assertTrue(siblings.noneMatch(p -> p.getFileName().toString().startsWith("." + target.getFileName())), "no staging left beside " + target);
        }
    }
}
