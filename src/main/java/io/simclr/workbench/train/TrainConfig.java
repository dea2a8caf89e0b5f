package io.simclr.workbench.train;

import io.simclr.workbench.augment.AugmentationConfig;
import io.simclr.workbench.data.DataConfig;
import io.simclr.workbench.model.ModelConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a SimCLR training run needs, one object for the window and the command line alike,
 * saved as a run's {@code config.json} so the run can be reproduced from its folder.
 *
 * @param data             the dataset (its train split is pretrained on; its test split queries the kNN monitor)
 * @param augmentation     the view pipeline
 * @param model            encoder, stem and projection head
 * @param batchSize        images per step (2x as many views)
 * @param epochs           passes over the training split
 * @param temperature      NT-Xent's tau, above 0
 * @param optimizer        adam, sgd or lars
 * @param learningRate     base rate; 0 picks the optimizer's default ({@link #effectiveLearningRate()})
 * @param weightDecay      L2 decay; negative picks the optimizer's default
 * @param warmupEpochs     linear warm-up before the cosine decay (may be fractional)
 * @param holdEpochs       epochs at the full rate after the warm-up, before the cosine decay begins
 * @param decayEpochs      length of the cosine decay to 0; 0 ends it with the run, a longer one leaves the
 *                         rate above 0 at the end (sthalles/SimCLR's per-epoch cosine does)
 * @param seed             weights, data order and augmentations all follow from it
 * @param device           auto, cpu or gpu
 * @param threads          engine threads; 0 is one per core
 * @param augmentThreads   threads preparing views; 0 picks from the core count
 * @param logEvery         steps between metric rows
 * @param maxSeconds       stop training after this many seconds (0: no limit); the schedule still spans all epochs
 * @param knnK             neighbours for the final kNN monitor; 0 picks 200, or 20 for classes under 200 images
 * @param knnTemperature   temperature of the kNN votes
 */
public record TrainConfig(DataConfig data, AugmentationConfig augmentation, ModelConfig model, int batchSize, int epochs,
                          double temperature, OptimizerKind optimizer, double learningRate, double weightDecay,
                          double warmupEpochs, double holdEpochs, double decayEpochs, long seed, String device, int threads, int augmentThreads, int logEvery,
                          double maxSeconds, int knnK, double knnTemperature) {

    /**
     * A short classroom experiment (a sweep's or a study's cell, the Temperature screen's batch):
     * Adam at {@code learningRate}, its default weight decay, no warm-up, the automatic device, every
     * step logged, kNN with its defaults.
     */
    public static TrainConfig experiment(DataConfig data, AugmentationConfig augmentation, ModelConfig model, int batchSize, int epochs,
                                         double temperature, double learningRate, long seed, int threads, double maxSeconds) {
        return new TrainConfig(data, augmentation, model, batchSize, epochs, temperature, OptimizerKind.ADAM, learningRate, -1, 0, 0, 0, seed,
                "auto", threads, 0, 1, maxSeconds, 0, 0.1);
    }

    /** The same job at another temperature (a sweep's runs differ only in this). */
    public TrainConfig withTemperature(double t) {
        return new TrainConfig(data, augmentation, model, batchSize, epochs, t, optimizer, learningRate, weightDecay, warmupEpochs,
                holdEpochs, decayEpochs, seed, device, threads, augmentThreads, logEvery, maxSeconds, knnK, knnTemperature);
    }

    /** The same job with other augmentations (an augmentation study's cells differ only in this). */
    public TrainConfig withAugmentation(AugmentationConfig a) {
        return new TrainConfig(data, a, model, batchSize, epochs, temperature, optimizer, learningRate, weightDecay, warmupEpochs,
                holdEpochs, decayEpochs, seed, device, threads, augmentThreads, logEvery, maxSeconds, knnK, knnTemperature);
    }

    public double effectiveLearningRate() {
        if (learningRate > 0) {
            return learningRate;
        }
        return optimizer.defaultLearningRate(batchSize);
    }

    public double effectiveWeightDecay() {
        if (weightDecay >= 0) {
            return weightDecay;
        }
        return switch (optimizer) {
            case ADAM -> 1e-4;
            case SGD -> 5e-4;
            case LARS -> 1e-6;
        };
    }

    /** Every problem, each naming its key, the value and what is allowed; empty when usable. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (data == null || augmentation == null || model == null || optimizer == null) {
            problems.add("config needs data, augmentation, model and optimizer sections");
            return problems;
        }
        problems.addAll(augmentation.problems());
        problems.addAll(model.problems());
        if (batchSize < 2) problems.add("batchSize is " + batchSize + " but must be at least 2 (each image needs negatives)");
        if (epochs < 1) problems.add("epochs is " + epochs + " but must be at least 1");
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            problems.add("temperature is " + temperature + " but must be above 0 (0.07 to 0.5 are usual)");
        }
        if (learningRate < 0 || Double.isNaN(learningRate) || Double.isInfinite(learningRate)) {
            problems.add("learningRate is " + learningRate + " but must be above 0 (or 0 for the optimizer's default)");
        }
        if (warmupEpochs < 0 || holdEpochs < 0 || warmupEpochs + holdEpochs > epochs) {
            problems.add("warmupEpochs (" + warmupEpochs + ") and holdEpochs (" + holdEpochs + ") must be 0 or more and together at most epochs (" + epochs + ")");
        }
        if (decayEpochs < 0) problems.add("decayEpochs is " + decayEpochs + " but must be 0 (to the end of the run) or more");
        if (!List.of("auto", "cpu", "gpu").contains(device)) problems.add("device is '" + device + "' but must be auto, cpu or gpu");
        if (threads < 0 || augmentThreads < 0) problems.add("threads and augmentThreads must be 0 (automatic) or more");
        if (logEvery < 1) problems.add("logEvery is " + logEvery + " but must be at least 1");
        if (maxSeconds < 0) problems.add("maxSeconds is " + maxSeconds + " but must be 0 (no limit) or more");
        if (knnK < 0) problems.add("knnK is " + knnK + " but must be 0 (automatic) or more");
        if (!(knnTemperature > 0)) problems.add("knnTemperature is " + knnTemperature + " but must be above 0");
        return problems;
    }

    public TrainConfig validated() {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("training config: " + String.join("; ", problems));
        }
        return this;
    }
}
