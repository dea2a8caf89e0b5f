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
import io.simclr.workbench.train.TrainConfigJson;
import io.simclr.workbench.train.OptimizationConfig;
import io.simclr.workbench.train.ScheduleConfig;
import io.simclr.workbench.train.RuntimeConfig;
import io.simclr.workbench.train.MonitorConfig;
import io.simclr.workbench.method.MethodKind;
import io.simclr.workbench.data.DataConfig;
import io.simclr.workbench.train.TrainingOutcome;
import io.simclr.workbench.train.TrainingService;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
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
        description = {"Pretrain an encoder with a self-supervised method (SimCLR unless --method says otherwise), then score it with a kNN"
                + " monitor beside the same encoder at random initialisation.",
                "Ends with: RESULT knn_top1=<x> random_init_knn_top1=<y> epochs=<e> seconds=<s>"})
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Mixin
    MethodOptions methods;

    @Option(names = "--config", paramLabel = "FILE", description = "A training config JSON (as a run's config.json); flags given beside it win.")
    Path configFile;

    @Option(names = "--resume", paramLabel = "RUN", description = "Continue the run in this folder from its latest checkpoint (its config.json is used).")
    Path resume;

    @Option(names = "--out", paramLabel = "RUN", description = "Run folder to create; default runs/<dataset>-<encoder>-<MMdd-HHmmss>.")
    Path out;

    @Option(names = "--encoder", paramLabel = "NAME", defaultValue = "small", description = "small, resnet18, resnet50, efficientnet-b0, inception-v3, inception-resnet-v2 or xception; the `encoders` command describes each (parameters, MACs at a size, expected speed).")
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

    @Option(names = "--max-seconds", paramLabel = "S", defaultValue = "0", description = "Stop (resumably) after this much training time in this invocation (a resume gets its own); 0 = no limit.")
    double maxSeconds;

    @Option(names = "--knn-k", paramLabel = "K", defaultValue = "0", description = "kNN neighbours; 0 = 200, or 20 when a class has fewer than 200 images.")
    int knnK;

    @Option(names = "--knn-temperature", paramLabel = "T", defaultValue = "0.1", description = "Temperature of the kNN votes.")
    double knnTemperature;

    @Option(names = "--no-eval", description = "Skip the kNN evaluation at the end.")
    boolean noEval;


    @Option(names = "--time-budget", paramLabel = "S", defaultValue = "0",
            description = "Training time the run may take in all, over every resume; reaching it ends the run as done. 0 = none.")
    double timeBudget;

    /** The options that say how this invocation runs; the only ones a resumed run takes. */
    private static final java.util.Set<String> RUNTIME_OPTIONS = java.util.Set.of("--device", "--threads", "--augment-threads",
            "--max-seconds", "--no-eval", "--resume");

    @Override
    public Integer call() throws Exception {
        PrintWriter log = spec.commandLine().getOut();
        TrainingOutcome outcome;
        Path runDir;
        try (TrainingService service = new TrainingService()) {
            TerminalProgress progress = new TerminalProgress(log, System.console() != null);
            TrainingService.Job job;
            if (resume != null) {
                rejectRunDefiningOptions();
                runDir = resume;
                log.printf("resuming %s%n", resume);
                job = service.resume(resume, resumeRuntime(RunFolder.open(resume).readConfig().runtime()), "the command line's train --resume",
                        List.of(progress));
            } else {
                TrainConfig config = buildConfig();
                runDir = out != null ? out : Path.of("runs", RunFolder.newName(config, LocalDateTime.now()));
                job = service.start(config, runDir, "the command line's train", List.of(progress));
            }
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
        if (noEval || outcome.status() == TrainingOutcome.Status.STOPPED) {
            return 0; // a stopped run is not finished: it is scored when it completes
        }
        log.println("kNN evaluation (frozen encoder, no augmentation) …");
        log.flush();
        // Through RunEvaluation so the scores land in eval.json, where the runs list and the report read them.
        RunEvaluation.Report knn = RunEvaluation.evaluate(RunFolder.open(runDir), RunEvaluation.Settings.knnOnly(), message -> {});
        if (knn.batchNorm() != null) {
            log.println(knn.batchNorm());
        }
        double trained = knn.trained().knnTop1();
        double randomInit = knn.randomInit().knnTop1();
        log.printf(Locale.ROOT, "kNN top-1 (k=%d, T=%.2f, %,d queries against %,d): trained %.4f, random init %.4f%n", knn.knnK(),
                knn.knnTemperature(), knn.testSize(), knn.trainSize(), trained, randomInit);
        log.printf(Locale.ROOT, "RESULT knn_top1=%.4f random_init_knn_top1=%.4f epochs=%d seconds=%.1f%n", trained,
                randomInit, outcome.epochsDone(), outcome.trainingSeconds());
        return 0;
    }

    private RuntimeConfig runtime() {
        return new RuntimeConfig(device.toLowerCase(Locale.ROOT), threads, augmentThreads, maxSeconds);
    }

    /** The stored runtime, with what was typed now laid over it (a time limit only if typed: it is of one invocation). */
    private RuntimeConfig resumeRuntime(RuntimeConfig stored) {
        java.util.Set<String> typed = spec.commandLine().getParseResult().matchedOptions().stream().map(o -> o.longestName())
                .collect(java.util.stream.Collectors.toSet());
        return stored.forResume(typed.contains("--device") ? device.toLowerCase(Locale.ROOT) : null,
                typed.contains("--threads") ? threads : null, typed.contains("--augment-threads") ? augmentThreads : null,
                typed.contains("--max-seconds") ? maxSeconds : null);
    }

    /** A resumed run is the run its folder holds: options that would change what it is are refused, not silently ignored. */
    private void rejectRunDefiningOptions() {
        List<String> refused = spec.commandLine().getParseResult().matchedOptions().stream().map(o -> o.longestName())
                .filter(name -> !RUNTIME_OPTIONS.contains(name)).distinct().toList();
        if (!refused.isEmpty()) {
            throw new IllegalArgumentException(String.join(", ", refused) + (refused.size() == 1 ? " does" : " do")
                    + " not apply to a resumed run: it keeps the settings in " + resume.resolve(RunFolder.CONFIG)
                    + "; only --device, --threads, --augment-threads, --max-seconds and --no-eval apply to this invocation."
                    + " To train with other settings, start a new run: train --config " + resume.resolve(RunFolder.CONFIG) + " "
                    + String.join(" ", refused) + " … --out <new folder>");
        }
    }

    /** Defaults, then the --config file, then the flags the user actually typed. */
    private TrainConfig buildConfig() {
        ParseResult parsed = spec.commandLine().getParseResult();
        DataConfig dataConfig = data.config();
        OptimizerKind optimizerKind = OptimizerKind.parse(optimizer);
        TrainConfig defaults = TrainConfig.defaults(dataConfig, optimizerKind);
        AugmentationConfig augmentation = augmentations != null ? AugmentationConfigJson.read(augmentations)
                : AugmentationPreset.parse(preset, dataConfig.source()).config();
        JsonObject fromFile = configFile == null ? null : Json.parseObject(Json.read(configFile), configFile.toString());
        MethodKind typed = methods.typedKind(parsed);
        MethodKind methodKind = typed != null ? typed
                : fromFile == null ? MethodKind.SIMCLR : TrainConfigJson.methodNamedIn(fromFile).orElse(MethodKind.SIMCLR);
        TrainConfig flags = defaults.withAugmentation(augmentation)
                .withModel(new ModelConfig(EncoderKind.parse(encoder), StemKind.parse(stem), HeadKind.parse(head), headDim, hiddenDim))
                .withMethod(methods.config(TrainConfig.defaultMethod(methodKind, dataConfig), parsed))
                .withOptimization(new OptimizationConfig(optimizerKind, batch != null ? batch : defaults.optimization().batchSize(),
                        lr != null ? lr : defaults.optimization().learningRate(), weightDecay))
                .withSchedule(new ScheduleConfig(epochs != null ? epochs : defaults.schedule().epochs(), warmupEpochs, holdEpochs,
                        decayEpochs, timeBudget))
                .withSeed(seed).withRuntime(runtime()).withMonitor(new MonitorConfig(logEvery, knnK, knnTemperature));
        if (fromFile == null) {
            return flags.validated("command line");
        }
        JsonObject typedJson = Json.GSON.toJsonTree(flags).getAsJsonObject();
        JsonObject explicit = new JsonObject();
        List<String> paths = new java.util.ArrayList<>(methods.paths(methodKind, parsed));
        for (var option : parsed.matchedOptions()) {
            paths.addAll(FLAG_TO_PATHS.getOrDefault(option.longestName(), List.of()));
        }
        for (String path : paths) {
            copyPath(typedJson, explicit, path.split("\\."));
        }
        TrainConfig base = TrainConfigJson.overlay(flags, fromFile, configFile.toString());
        return TrainConfigJson.overlay(base, explicit, "command line").validated(configFile.toString());
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

    /** Which config keys each flag sets, so a flag typed beside --config overrides just those (the method's flags: {@link MethodOptions#paths}). */
    private static final java.util.Map<String, List<String>> FLAG_TO_PATHS = java.util.Map.ofEntries(
            java.util.Map.entry("--data", List.of("data.source")), java.util.Map.entry("--data-dir", List.of("data.dataDir")),
            java.util.Map.entry("--image-size", List.of("data.imageSize")),
            java.util.Map.entry("--shapes-count", List.of("data.trainCount", "data.testCount")),
            java.util.Map.entry("--encoder", List.of("model.encoder")), java.util.Map.entry("--stem", List.of("model.stem")),
            java.util.Map.entry("--head", List.of("model.head")), java.util.Map.entry("--head-dim", List.of("model.headDim")),
            java.util.Map.entry("--hidden-dim", List.of("model.hiddenDim")),
            java.util.Map.entry("--preset", List.of("augmentation")), java.util.Map.entry("--augmentations", List.of("augmentation")),
            java.util.Map.entry("--batch", List.of("optimization.batchSize")), java.util.Map.entry("--optimizer", List.of("optimization.optimizer")),
            java.util.Map.entry("--lr", List.of("optimization.learningRate")),
            java.util.Map.entry("--weight-decay", List.of("optimization.weightDecay")),
            java.util.Map.entry("--epochs", List.of("schedule.epochs")), java.util.Map.entry("--warmup-epochs", List.of("schedule.warmupEpochs")),
            java.util.Map.entry("--hold-epochs", List.of("schedule.holdEpochs")),
            java.util.Map.entry("--decay-epochs", List.of("schedule.decayEpochs")),
            java.util.Map.entry("--time-budget", List.of("schedule.budgetSeconds")), java.util.Map.entry("--seed", List.of("seed")),
            java.util.Map.entry("--device", List.of("runtime.device")), java.util.Map.entry("--threads", List.of("runtime.threads")),
            java.util.Map.entry("--augment-threads", List.of("runtime.augmentThreads")),
            java.util.Map.entry("--max-seconds", List.of("runtime.maxSeconds")), java.util.Map.entry("--log-every", List.of("monitor.logEvery")),
            java.util.Map.entry("--knn-k", List.of("monitor.knnK")), java.util.Map.entry("--knn-temperature", List.of("monitor.knnTemperature")));
}
