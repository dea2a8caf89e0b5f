package io.simclr.workbench.cli;

import com.google.gson.JsonObject;
import io.simclr.workbench.augment.AugmentationConfig;
import io.simclr.workbench.augment.AugmentationConfigJson;
import io.simclr.workbench.augment.AugmentationPreset;
import io.simclr.workbench.eval.RunEvaluation;
import io.simclr.workbench.json.Json;
import io.simclr.workbench.model.EncoderKind;
import io.simclr.workbench.model.HeadKind;
import io.simclr.workbench.model.ModelConfig;
import io.simclr.workbench.model.StemKind;
import io.simclr.workbench.train.OptimizerKind;
import io.simclr.workbench.train.RunFolder;
import io.simclr.workbench.train.TrainConfig;
import io.simclr.workbench.train.TrainDefaults;
import io.simclr.workbench.train.TrainingOutcome;
import io.simclr.workbench.train.TrainingService;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "train", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Pretrain an encoder with SimCLR, then score it with a kNN monitor beside the same encoder at random initialisation.",
                "Ends with: RESULT knn_top1=<x> random_init_knn_top1=<y> epochs=<e> seconds=<s>"})
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Option(names = "--config", paramLabel = "FILE", description = "A training config JSON (as a run's config.json); flags given beside it win.")
    Path configFile;

    @Option(names = "--resume", paramLabel = "RUN", description = "Continue the run in this folder from its latest checkpoint (its config.json is used).")
    Path resume;

    @Option(names = "--out", paramLabel = "RUN", description = "Run folder to create; default runs/<date-time>.")
    Path out;

    @Option(names = "--encoder", paramLabel = "NAME", defaultValue = "small", description = "small, resnet18, resnet50 or efficientnet-b0.")
    String encoder;

    @Option(names = "--stem", paramLabel = "NAME", defaultValue = "auto", description = "ResNet stem: auto (3x3 for <= 64 px, else 7x7), cifar or imagenet.")
    String stem;

    @Option(names = "--head", paramLabel = "NAME", defaultValue = "mlp", description = "Projection head: none, linear, mlp (Linear-BN-ReLU-Linear) or mlp-nobn (sthalles/SimCLR's Linear-ReLU-Linear).")
    String head;

    @Option(names = "--head-dim", paramLabel = "N", defaultValue = "128", description = "Output dimension of the projection head.")
    int headDim;

    @Option(names = "--hidden-dim", paramLabel = "N", defaultValue = "0", description = "Hidden width of the MLP head; 0 = the representation's width.")
    int hiddenDim;

    @Option(names = "--preset", paramLabel = "NAME", defaultValue = "auto",
            description = "Augmentations: simclr-imagenet, simclr-cifar, crop-only or shapes; auto = shapes for the built-in dataset, else simclr-cifar.")
    String preset;

    @Option(names = "--augmentations", paramLabel = "FILE", description = "Augmentation config JSON (overrides --preset).")
    Path augmentations;

    @Option(names = "--batch", paramLabel = "B", description = "Images per step (twice as many views); default 64 for shapes, else 256.")
    Integer batch;

    @Option(names = "--epochs", paramLabel = "N", description = "Passes over the training split; default 24 for shapes, else 20.")
    Integer epochs;

    @Option(names = "--temperature", paramLabel = "TAU", description = "NT-Xent temperature tau (> 0); default 0.2 for shapes, else 0.5.")
    Double temperature;

    @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "adam", description = "adam, sgd or lars.")
    String optimizer;

    @Option(names = "--lr", paramLabel = "LR", description = "Base learning rate; 0 = the optimizer's default (adam 3e-4, sgd 0.06*B/256,"
            + " lars 0.3*B/256); default: adam 2e-3 for shapes, else the optimizer's.")
    Double lr;

    @Option(names = "--weight-decay", paramLabel = "WD", defaultValue = "-1", description = "Weight decay; negative = the optimizer's default (adam 1e-4, sgd 5e-4, lars 1e-6).")
    double weightDecay;

    @Option(names = "--warmup-epochs", paramLabel = "E", defaultValue = "0", description = "Linear warm-up before the cosine decay.")
    double warmupEpochs;

    @Option(names = "--hold-epochs", paramLabel = "E", defaultValue = "0", description = "Epochs at the full rate after the warm-up, before the cosine decay.")
    double holdEpochs;

    @Option(names = "--decay-epochs", paramLabel = "E", defaultValue = "0",
            description = "Length of the cosine decay to 0; 0 = to the end of the run. Longer leaves the rate above 0 at the end, as sthalles/SimCLR does.")
    double decayEpochs;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of weights, data order and augmentations.")
    long seed;

    @Option(names = "--device", paramLabel = "DEV", defaultValue = "auto", description = "auto, cpu or gpu.")
    String device;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0", description = "Engine threads; 0 = one per core.")
    int threads;

    @Option(names = "--augment-threads", paramLabel = "N", defaultValue = "0", description = "Threads preparing views; 0 = half the cores.")
    int augmentThreads;

    @Option(names = "--log-every", paramLabel = "N", defaultValue = "1", description = "Steps between rows of metrics.csv.")
    int logEvery;

    @Option(names = "--max-seconds", paramLabel = "S", defaultValue = "0", description = "Stop (resumably) after this much training time; 0 = no limit.")
    double maxSeconds;

    @Option(names = "--knn-k", paramLabel = "K", defaultValue = "0", description = "kNN neighbours; 0 = 200, or 20 when a class has fewer than 200 images.")
    int knnK;

    @Option(names = "--knn-temperature", paramLabel = "T", defaultValue = "0.1", description = "Temperature of the kNN votes.")
    double knnTemperature;

    @Option(names = "--no-eval", description = "Skip the kNN evaluation at the end.")
    boolean noEval;

    @Override
    public Integer call() throws Exception {
        PrintWriter log = spec.commandLine().getOut();
        TrainConfig config;
        Path runDir;
        if (resume != null) {
            runDir = resume;
            config = RunFolder.open(resume).readConfig();
            log.printf("resuming %s%n", resume);
        } else {
            config = buildConfig();
            runDir = out != null ? out : Path.of("runs", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        }
        TrainingOutcome outcome;
        try (TrainingService service = new TrainingService()) {
            TerminalProgress progress = new TerminalProgress(log, System.console() != null);
            TrainingService.Job job = service.start(config, runDir, resume != null, List.of(progress));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                // Ctrl-C: stop at the next step boundary and keep a resumable checkpoint.
                if (!job.outcome().isDone()) {
                    job.control().requestStop();
                    job.outcome().join();
                }
            }));
            try {
                outcome = job.outcome().get();
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
        if (outcome.status() == TrainingOutcome.Status.FAILED) {
            spec.commandLine().getErr().println("error: " + outcome.message());
            return 1;
        }
        if (noEval) {
            return 0;
        }
        log.println("kNN evaluation (frozen encoder, no augmentation) …");
        log.flush();
        // Through RunEvaluation so the scores land in eval.json, where the runs list and the report read them.
        RunEvaluation.Report knn = RunEvaluation.evaluate(RunFolder.open(runDir), RunEvaluation.Settings.knnOnly(), message -> {});
        double trained = knn.trained().knnTop1();
        double randomInit = knn.randomInit().knnTop1();
        log.printf(Locale.ROOT, "kNN top-1 (k=%d, T=%.2f, %,d queries against %,d): trained %.4f, random init %.4f%n", knn.knnK(),
                knn.knnTemperature(), knn.testSize(), knn.trainSize(), trained, randomInit);
        log.printf(Locale.ROOT, "RESULT knn_top1=%.4f random_init_knn_top1=%.4f epochs=%d seconds=%.1f%n", trained,
                randomInit, outcome.epochsDone(), outcome.trainingSeconds());
        return 0;
    }

    /** Defaults, then the --config file, then the flags the user actually typed. */
    private TrainConfig buildConfig() {
        ParseResult parsed = spec.commandLine().getParseResult();
        AugmentationConfig augmentation = augmentations != null ? AugmentationConfigJson.read(augmentations) : AugmentationPreset.parse(preset, data.config().source()).config();
        TrainDefaults defaults = TrainDefaults.of(data.config().source());
        OptimizerKind optimizerKind = OptimizerKind.parse(optimizer);
        TrainConfig flags = new TrainConfig(data.config(), augmentation,
                new ModelConfig(EncoderKind.parse(encoder), StemKind.parse(stem), HeadKind.parse(head), headDim, hiddenDim),
                batch != null ? batch : defaults.batch(), epochs != null ? epochs : defaults.epochs(),
                temperature != null ? temperature : defaults.temperature(), optimizerKind, lr != null ? lr : defaults.learningRate(optimizerKind),
                weightDecay, warmupEpochs, holdEpochs, decayEpochs, seed,
                device.toLowerCase(Locale.ROOT), threads, augmentThreads, logEvery, maxSeconds, knnK, knnTemperature);
        if (configFile == null) {
            return flags.validated();
        }
        JsonObject typed = Json.GSON.toJsonTree(flags).getAsJsonObject();
        JsonObject explicit = new JsonObject();
        for (var option : parsed.matchedOptions()) {
            for (String path : FLAG_TO_PATHS.getOrDefault(option.longestName(), List.of())) {
                copyPath(typed, explicit, path.split("\\."));
            }
        }
        JsonObject fromFile = Json.parseObject(Json.read(configFile), configFile.toString());
        TrainConfig base = Json.overlay(flags, fromFile, TrainConfig.class, configFile.toString());
        return Json.overlay(base, explicit, TrainConfig.class, "command line").validated();
    }

    private static void copyPath(JsonObject from, JsonObject to, String[] path) {
        for (int i = 0; i < path.length - 1; i++) {
            from = from.getAsJsonObject(path[i]);
            if (!to.has(path[i])) {
                to.add(path[i], new JsonObject());
            }
            to = to.getAsJsonObject(path[i]);
        }
        to.add(path[path.length - 1], from.get(path[path.length - 1]));
    }

    /** Which config keys each flag sets, so a flag typed beside --config overrides just those. */
    private static final java.util.Map<String, List<String>> FLAG_TO_PATHS = java.util.Map.ofEntries(
            java.util.Map.entry("--data", List.of("data.source")), java.util.Map.entry("--data-dir", List.of("data.dataDir")),
            java.util.Map.entry("--image-size", List.of("data.imageSize")),
            java.util.Map.entry("--shapes-count", List.of("data.trainCount", "data.testCount")),
            java.util.Map.entry("--encoder", List.of("model.encoder")), java.util.Map.entry("--stem", List.of("model.stem")),
            java.util.Map.entry("--head", List.of("model.head")), java.util.Map.entry("--head-dim", List.of("model.headDim")),
            java.util.Map.entry("--hidden-dim", List.of("model.hiddenDim")),
            java.util.Map.entry("--preset", List.of("augmentation")), java.util.Map.entry("--augmentations", List.of("augmentation")),
            java.util.Map.entry("--batch", List.of("batchSize")), java.util.Map.entry("--epochs", List.of("epochs")),
            java.util.Map.entry("--temperature", List.of("temperature")), java.util.Map.entry("--optimizer", List.of("optimizer")),
            java.util.Map.entry("--lr", List.of("learningRate")), java.util.Map.entry("--weight-decay", List.of("weightDecay")),
            java.util.Map.entry("--warmup-epochs", List.of("warmupEpochs")), java.util.Map.entry("--hold-epochs", List.of("holdEpochs")),
            java.util.Map.entry("--decay-epochs", List.of("decayEpochs")), java.util.Map.entry("--seed", List.of("seed")),
            java.util.Map.entry("--device", List.of("device")), java.util.Map.entry("--threads", List.of("threads")),
            java.util.Map.entry("--augment-threads", List.of("augmentThreads")), java.util.Map.entry("--log-every", List.of("logEvery")),
            java.util.Map.entry("--max-seconds", List.of("maxSeconds")), java.util.Map.entry("--knn-k", List.of("knnK")),
            java.util.Map.entry("--knn-temperature", List.of("knnTemperature")));
}
