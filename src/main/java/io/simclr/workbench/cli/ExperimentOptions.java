package io.simclr.workbench.cli;

import io.simclr.workbench.model.EncoderKind;
import io.simclr.workbench.model.ModelConfig;
import io.simclr.workbench.train.RuntimeConfig;
import io.simclr.workbench.train.ScheduleConfig;
import io.simclr.workbench.train.TrainConfig;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What every run of a sweep or a comparison shares: the data, encoder, batch, time budget, seed and threads. */
final class ExperimentOptions {

    @Mixin
    DataOptions data;

    @Option(names = "--encoder", paramLabel = "NAME", defaultValue = "small", description = "small, resnet18, resnet50 or efficientnet-b0.")
    String encoder;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "64", description = "Images per step.")
    int batch;

    @Option(names = "--seconds-per-run", paramLabel = "S", defaultValue = "0",
            description = "Each run's time budget: it ends (and is scored) after this much training; 0 = none.")
    double secondsPerRun;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed shared by every run.")
    long seed;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0", description = "Engine threads; 0 = one per core.")
    int threads;

    /** The dataset's defaults with these options, {@code epochs} and Adam at {@code lr}. */
    TrainConfig base(int epochs, double lr) {
        TrainConfig defaults = TrainConfig.defaults(data.config());
        return defaults.withModel(ModelConfig.defaults(EncoderKind.parse(encoder)))
                .withOptimization(defaults.optimization().withBatchSize(batch).withLearningRate(lr))
                .withSchedule(ScheduleConfig.of(epochs).withBudgetSeconds(secondsPerRun)).withSeed(seed)
                .withRuntime(RuntimeConfig.DEFAULT.withThreads(threads)).validated("command line");
    }
}
