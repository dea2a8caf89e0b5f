package io.simclr.workbench.cli;

import io.simclr.workbench.augment.AugmentationPreset;
import io.simclr.workbench.data.DataConfig;
import io.simclr.workbench.model.EncoderKind;
import io.simclr.workbench.model.ModelConfig;
import io.simclr.workbench.run.TemperatureSweep;
import io.simclr.workbench.train.TrainConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import io.simclr.workbench.train.RuntimeConfig;
import io.simclr.workbench.train.ScheduleConfig;

@Command(name = "sweep", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Temperature sweep: one run per temperature (same data, seed and schedule), each evaluated by kNN and"
                + " linear probe; writes sweep.json and sweep.html into the sweep folder. Started again, it continues.")
public final class SweepCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    DataOptions data;

    @Option(names = "--temperatures", split = ",", paramLabel = "LIST", defaultValue = "0.05,0.1,0.5,1.0", description = "Temperatures.")
    List<Double> temperatures;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/sweep", description = "The sweep folder.")
    Path out;

    @Option(names = "--encoder", paramLabel = "NAME", defaultValue = "small", description = "small, resnet18, resnet50 or efficientnet-b0.")
    String encoder;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "64", description = "Images per step.")
    int batch;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "10", description = "Epochs per run (the schedule's length).")
    int epochs;

    @Option(names = "--seconds-per-run", paramLabel = "S", defaultValue = "0", description = "Each run's time budget: it ends (and is scored) after this much training; 0 = none.")
    double secondsPerRun;

    @Option(names = "--lr", paramLabel = "LR", defaultValue = "1e-3", description = "Adam learning rate.")
    double lr;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed shared by every run.")
    long seed;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0", description = "Engine threads; 0 = one per core.")
    int threads;

    @Override
    public Integer call() throws Exception {
        PrintWriter log = spec.commandLine().getOut();
        DataConfig dataConfig = data.config();
        AugmentationPreset preset = AugmentationPreset.defaultFor(dataConfig.source());
        TrainConfig defaults = TrainConfig.defaults(dataConfig);
        TrainConfig base = defaults.withAugmentation(preset.config()).withModel(ModelConfig.defaults(EncoderKind.parse(encoder)))
                .withOptimization(defaults.optimization().withBatchSize(batch).withLearningRate(lr))
                .withSchedule(ScheduleConfig.of(epochs).withBudgetSeconds(secondsPerRun)).withSeed(seed)
                .withRuntime(RuntimeConfig.DEFAULT.withThreads(threads)).validated("command line");
        var finished = StopOnInterrupt.run(log, "sweep",
                (progress, control) -> TemperatureSweep.run(base, temperatures, out, List.of(new TerminalProgress(log, false)), progress, control));
        if (finished.isEmpty()) {
            return 130;
        }
        TemperatureSweep.Summary summary = finished.get();
        log.printf("%n%-8s %10s %12s %12s %10s %11s%n", "tau", "kNN top-1", "linear top-1", "contrast. top-1", "alignment", "uniformity");
        StringBuilder result = new StringBuilder("RESULT");
        for (TemperatureSweep.Cell c : summary.cells()) {
            log.printf(Locale.ROOT, "%-8s %10.4f %12.4f %12.3f %10.3f %11.3f%n", c.temperature(), c.knnTop1(), c.linearTop1(), c.contrastiveTop1(),
                    c.alignment(), c.uniformity());
            result.append(String.format(Locale.ROOT, " knn_tau_%s=%.4f", c.temperature(), c.knnTop1()));
        }
        log.printf("wrote %s and %s%n", out.resolve("sweep.json"), out.resolve("sweep.html"));
        log.println(result);
        return 0;
    }
}
