package io.simclr.workbench.train;

import io.simclr.workbench.augment.AugmentationConfig;
import io.simclr.workbench.augment.AugmentationPreset;
import io.simclr.workbench.data.DataConfig;
import io.simclr.workbench.data.DataSource;
import io.simclr.workbench.method.MethodConfig;
import io.simclr.workbench.method.MethodKind;
import io.simclr.workbench.model.EncoderKind;
import io.simclr.workbench.model.ModelConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a training run needs, in named sections, one object for the window and the command
 * line alike, saved as a run's {@code config.json} so the run can be reproduced from its folder
 * ({@link TrainConfigJson} reads it, older flat files too).
 *
 * @param data         the dataset (its train split is pretrained on; its test split queries the kNN monitor)
 * @param augmentation the view pipeline
 * @param model        encoder, stem and projection head
 * @param method       the self-supervised method and its own settings
 * @param optimization optimizer, batch size, learning rate, weight decay
 * @param schedule     epochs, the learning-rate schedule, a time budget for the whole run
 * @param seed         weights, data order and augmentations all follow from it
 * @param runtime      device, threads and this invocation's time limit (not part of what the run is)
 * @param monitor      metrics rows and the closing kNN monitor
 */
public record TrainConfig(DataConfig data, AugmentationConfig augmentation, ModelConfig model, MethodConfig method,
                          OptimizationConfig optimization, ScheduleConfig schedule, long seed, RuntimeConfig runtime, MonitorConfig monitor) {

    /**
     * What a run of a dataset starts from when the user sets nothing: the built-in shapes get the
     * classroom recipe, tuned to learn in three minutes on a 2-core laptop (batch 64, so many steps;
     * Adam at 2e-3; tau 0.2; 24 epochs), everything else the SimCLR CIFAR recipe's batch 256, tau 0.5,
     * Adam's own rate and 20 epochs. Both use the small encoder and the dataset's augmentation preset.
     */
    public static TrainConfig defaults(DataConfig data) {
        boolean shapes = data.source() == DataSource.SHAPES;
        return new TrainConfig(data, AugmentationPreset.defaultFor(data.source()).config(), ModelConfig.defaults(EncoderKind.SMALL),
                defaultMethod(MethodKind.SIMCLR, data), new OptimizationConfig(OptimizerKind.ADAM, shapes ? 64 : 256, shapes ? 2e-3 : 0, -1),
                ScheduleConfig.of(shapes ? 24 : 20), 1, RuntimeConfig.DEFAULT, MonitorConfig.DEFAULT);
    }

    /** A method with its defaults for {@code data}: SimCLR's temperature is the classroom's 0.2 on the built-in shapes, else 0.5. */
    public static MethodConfig defaultMethod(MethodKind kind, DataConfig data) {
        return MethodConfig.defaults(kind, data.source() == DataSource.SHAPES ? 0.2 : 0.5);
    }

    /** The defaults with another optimizer: its own default rate, unless Adam, whose classroom rate stays. */
    public static TrainConfig defaults(DataConfig data, OptimizerKind optimizer) {
        TrainConfig d = defaults(data);
        if (optimizer == d.optimization.optimizer()) {
            return d;
        }
        return d.withOptimization(new OptimizationConfig(optimizer, d.optimization.batchSize(), 0, -1));
    }

    public TrainConfig withData(DataConfig d) {
        return new TrainConfig(d, augmentation, model, method, optimization, schedule, seed, runtime, monitor);
    }

    /** The same job with other augmentations (an augmentation study's cells differ only in this). */
    public TrainConfig withAugmentation(AugmentationConfig a) {
        return new TrainConfig(data, a, model, method, optimization, schedule, seed, runtime, monitor);
    }

    public TrainConfig withModel(ModelConfig m) {
        return new TrainConfig(data, augmentation, m, method, optimization, schedule, seed, runtime, monitor);
    }

    public TrainConfig withMethod(MethodConfig m) {
        return new TrainConfig(data, augmentation, model, m, optimization, schedule, seed, runtime, monitor);
    }

    /** The same job at another temperature (a sweep's runs differ only in this). */
    public TrainConfig withTemperature(double t) {
        return withMethod(method.withTemperature(t));
    }

    public TrainConfig withOptimization(OptimizationConfig o) {
        return new TrainConfig(data, augmentation, model, method, o, schedule, seed, runtime, monitor);
    }

    public TrainConfig withSchedule(ScheduleConfig s) {
        return new TrainConfig(data, augmentation, model, method, optimization, s, seed, runtime, monitor);
    }

    public TrainConfig withSeed(long s) {
        return new TrainConfig(data, augmentation, model, method, optimization, schedule, s, runtime, monitor);
    }

    public TrainConfig withRuntime(RuntimeConfig r) {
        return new TrainConfig(data, augmentation, model, method, optimization, schedule, seed, r, monitor);
    }

    public TrainConfig withMonitor(MonitorConfig m) {
        return new TrainConfig(data, augmentation, model, method, optimization, schedule, seed, runtime, m);
    }

    /** Every problem, each naming its key, the value and what is allowed; empty when usable. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (data == null || augmentation == null || model == null || method == null || optimization == null || schedule == null
                || runtime == null || monitor == null) {
            problems.add("config needs the sections data, augmentation, model, method, optimization, schedule, runtime and monitor");
            return problems;
        }
        problems.addAll(data.problems());
        problems.addAll(augmentation.problems());
        problems.addAll(model.problems());
        problems.addAll(method.problems(optimization.batchSize()));
        problems.addAll(optimization.problems());
        problems.addAll(schedule.problems());
        problems.addAll(runtime.problems());
        problems.addAll(monitor.problems());
        return problems;
    }

    public TrainConfig validated() {
        return validated("training config");
    }

    /** This config, or an error that starts with {@code source} (a file, "command line") and lists every problem. */
    public TrainConfig validated(String source) {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(source + ": " + String.join("; ", problems));
        }
        return this;
    }
}
