package io.simclr.workbench.eval;

import ai.djl.ndarray.NDManager;
import io.simclr.workbench.files.AtomicFiles;
import io.simclr.workbench.json.Json;
import io.simclr.workbench.train.RunFolder;
import java.io.IOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Evaluates a run's latest checkpoint with the chosen probes, each beside the same encoder at random
 * initialisation, and writes {@code eval.json} into the run folder (atomically, so a failed or
 * cancelled evaluation leaves the previous file as it was).
 */
public final class RunEvaluation {

    public enum Probe { LINEAR, KNN, FINETUNE }

    /** @param fractions labelled fractions for fine-tuning (e.g. 0.01, 0.1, 1) */
    public record Settings(Set<Probe> probes, FeatureExtractor.Layer layer, List<Double> fractions, int fineTuneEpochs, Path dataDir) {
        public static Settings defaults() {
            return new Settings(EnumSet.of(Probe.LINEAR, Probe.KNN), FeatureExtractor.Layer.H, List.of(0.01, 0.1, 1.0), 10, null);
        }

        /** The kNN monitor that ends a training run: h features, the run's own data folder. */
        public static Settings knnOnly() {
            return new Settings(EnumSet.of(Probe.KNN), FeatureExtractor.Layer.H, List.of(), 0, null);
        }
    }

    /** The probes' figures for one encoder; a probe that was not run is null. */
    public record Scores(Double linearTop1, Double linearTrainTop1, Double linearL2, Double knnTop1) {

        /** A score as every table shows it: four decimals, or a dash for a probe that was not run. */
        public static String format(Double score) {
            return score == null ? "—" : String.format(java.util.Locale.ROOT, "%.4f", score);
        }
    }

    public record Report(String run, String checkpoint, String layer, int trainSize, int testSize, List<String> classNames,
                         int knnK, double knnTemperature, Scores trained, Scores randomInit,
                         List<FineTuning.Result> fineTuning, List<FineTuning.Result> fineTuningRandomInit, String created,
                         String batchNorm) {}

    /** The evaluation file in a run folder. */
    public static final String FILE = RunFolder.EVALUATION;

    private RunEvaluation() {}

    /** The evaluation a run folder already holds, if any. */
    public static java.util.Optional<Report> read(Path runDir) throws IOException {
        Path file = runDir.resolve(FILE);
        if (!java.nio.file.Files.exists(file)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.ofNullable(Json.GSON.fromJson(java.nio.file.Files.readString(file), Report.class));
    }

    public static Report evaluate(RunFolder run, Settings settings, Consumer<String> progress) throws IOException {
        try (RunEncoder encoder = RunEncoder.open(run, settings.dataDir())) {
            encoder.warnIfCheckpointsSkipped(progress);
            int k = 0;
            Scores[] scores = new Scores[2];
            RunEncoder.Features any = null;
            for (boolean trained : new boolean[] {true, false}) {
                String which = trained ? "trained" : "random-init";
                progress.accept("extracting " + settings.layer().name().toLowerCase() + " features of the " + which + " encoder");
                RunEncoder.Features f = encoder.features(trained, settings.layer());
                if (trained) {
                    encoder.batchNormNote().ifPresent(progress);
                }
                any = f;
                k = encoder.config().monitor().knnK() > 0 ? encoder.config().monitor().knnK() : KnnClassifier.defaultK(f.trainLabels(), f.classes());
                Double knn = null;
                LinearProbe.Result linear = null;
                if (settings.probes().contains(Probe.KNN)) {
                    progress.accept("kNN on the " + which + " features");
                    knn = knnAccuracy(encoder.manager(), f, k, encoder.config().monitor().knnTemperature());
                }
                if (settings.probes().contains(Probe.LINEAR)) {
                    progress.accept("linear probe on the " + which + " features");
                    linear = LinearProbe.evaluate(encoder.manager(), f.train(), f.trainLabels(), f.test(), f.testLabels(), f.dim(),
                            f.classes(), encoder.config().seed());
                }
                scores[trained ? 0 : 1] = new Scores(linear == null ? null : linear.testTop1(), linear == null ? null : linear.trainTop1(),
                        linear == null ? null : linear.l2(), knn);
            }
            List<FineTuning.Result> tuned = new ArrayList<>();
            List<FineTuning.Result> tunedRandom = new ArrayList<>();
            if (settings.probes().contains(Probe.FINETUNE)) {
                for (double fraction : settings.fractions()) {
                    for (boolean trained : new boolean[] {true, false}) {
                        progress.accept(String.format("fine-tuning the %s encoder on %s%% of the labels",
                                trained ? "trained" : "random-init", percent(fraction)));
                        (trained ? tuned : tunedRandom).add(FineTuning.run(encoder, trained, fraction, settings.fineTuneEpochs(), progress));
                    }
                }
            }
            Report report = new Report(run.root().toString(), encoder.checkpoint().getFileName().toString(),
                    settings.layer().name().toLowerCase(), any.trainLabels().length, any.testLabels().length, any.classNames(), k,
                    encoder.config().monitor().knnTemperature(), scores[0], scores[1], tuned, tunedRandom, OffsetDateTime.now().toString(),
                    encoder.batchNormNote().orElse(null));
            AtomicFiles.writeString(run.root().resolve(FILE), Json.toJson(report));
            return report;
        }
    }

    private static double knnAccuracy(NDManager manager, RunEncoder.Features f, int k, double temperature) {
        try (KnnClassifier knn = new KnnClassifier(manager, f.train(), f.trainLabels(), f.dim(), f.classes())) {
            return knn.accuracy(f.test(), f.testLabels(), k, temperature);
        }
    }

    static String percent(double fraction) {
        double p = fraction * 100;
        return p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p);
    }
}
