package io.simclr.workbench.cli;

import io.simclr.workbench.eval.ClassificationReport;
import io.simclr.workbench.eval.FeatureExtractor;
import io.simclr.workbench.eval.FineTuning;
import io.simclr.workbench.eval.RunEvaluation;
import io.simclr.workbench.train.RunFolder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "eval", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Evaluate a run's latest checkpoint (linear probe, kNN, fine-tuning), each beside the same encoder at random"
                + " initialisation; writes eval.json into the run folder.")
public final class EvalCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "RUN", description = "The run folder (runs/<name>).")
    Path runDir;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the run's dataset is now, if it moved.")
    Path dataDir;

    @Option(names = "--probe", paramLabel = "LIST", split = ",", defaultValue = "linear,knn",
            description = "Any of linear, knn, finetune, comma-separated.")
    List<String> probes;

    @Option(names = "--fractions", paramLabel = "LIST", split = ",", defaultValue = "0.01,0.1,1",
            description = "Labelled fractions for fine-tuning.")
    List<Double> fractions;

    @Option(names = "--finetune-epochs", paramLabel = "E", defaultValue = "10",
            description = "Passes over the labelled images when fine-tuning (at least 50 steps).")
    int fineTuneEpochs;

    @Option(names = "--layer", paramLabel = "L", defaultValue = "h", description = "Features for linear and kNN: h (representation) or z (projection).")
    String layer;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        RunEvaluation.Settings settings = new RunEvaluation.Settings(parseProbes(), FeatureExtractor.Layer.parse(layer), fractions, fineTuneEpochs, dataDir);
        long start = System.nanoTime();
        RunEvaluation.Report r = RunEvaluation.evaluate(RunFolder.open(runDir), settings, message -> {
            out.println(message);
            out.flush();
        });
        out.printf(Locale.ROOT, "%n%s, checkpoint %s, %s features, %,d train / %,d test images%n", r.run(), r.checkpoint(), r.layer(),
                r.trainSize(), r.testSize());
        if (r.batchNorm() != null) {
            out.println(r.batchNorm());
        }
        out.printf(Locale.ROOT, "%-28s %10s %12s%n", "", "trained", "random init");
        if (r.trained().linearTop1() != null) {
            out.printf(Locale.ROOT, "%-28s %10.4f %12.4f%n", "linear probe top-1 (test)", r.trained().linearTop1(), r.randomInit().linearTop1());
            out.printf(Locale.ROOT, "%-28s %10.4f %12.4f%n", "linear probe top-1 (train)", r.trained().linearTrainTop1(),
                    r.randomInit().linearTrainTop1());
            out.printf(Locale.ROOT, "%-28s %10.0e %12.0e%n", "  chosen L2", r.trained().linearL2(), r.randomInit().linearL2());
        }
        if (r.trained().knnTop1() != null) {
            out.printf(Locale.ROOT, "%-28s %10.4f %12.4f%n", String.format(Locale.ROOT, "kNN top-1 (k=%d, T=%.2f)", r.knnK(), r.knnTemperature()),
                    r.trained().knnTop1(), r.randomInit().knnTop1());
        }
        for (int i = 0; i < r.fineTuning().size(); i++) {
            FineTuning.Result t = r.fineTuning().get(i);
            FineTuning.Result u = r.fineTuningRandomInit().get(i);
            out.printf(Locale.ROOT, "%-28s %10.4f %12.4f%n", String.format(Locale.ROOT, "fine-tuned, %,d labels", t.labelledImages()),
                    t.testTop1(), u.testTop1());
            out.printf(Locale.ROOT, "%-28s %10.4f %12.4f%n", "  macro F1", t.report().macroF1(), u.report().macroF1());
        }
        if (!r.fineTuning().isEmpty()) {
            printPerClass(out, r.fineTuning().get(r.fineTuning().size() - 1));
        }
        out.printf(Locale.ROOT, "wrote %s in %.1f s%n", runDir.resolve(RunFolder.EVALUATION), (System.nanoTime() - start) / 1e9);
        out.printf(Locale.ROOT, "RESULT linear_top1=%s knn_top1=%s random_init_linear_top1=%s%n", figure(r.trained().linearTop1()),
                figure(r.trained().knnTop1()), figure(r.randomInit().linearTop1()));
        return 0;
    }

    private static void printPerClass(PrintWriter out, FineTuning.Result t) {
        ClassificationReport report = t.report();
        out.printf(Locale.ROOT, "%nper class, fine-tuned on %,d labels:%n%-14s %9s %9s %9s %8s%n", t.labelledImages(), "class", "precision",
                "recall", "F1", "support");
        for (ClassificationReport.ClassScores c : report.classes()) {
            out.printf(Locale.ROOT, "%-14s %9.3f %9.3f %9.3f %8d%n", c.name(), c.precision(), c.recall(), c.f1(), c.support());
        }
        out.printf(Locale.ROOT, "%-14s %9.3f %9.3f %9.3f%n", "macro avg", report.macroPrecision(), report.macroRecall(), report.macroF1());
    }

    private static String figure(Double value) {
        return value == null ? "na" : String.format(Locale.ROOT, "%.4f", value);
    }

    private Set<RunEvaluation.Probe> parseProbes() {
        Set<RunEvaluation.Probe> set = EnumSet.noneOf(RunEvaluation.Probe.class);
        for (String p : probes) {
            switch (p.trim().toLowerCase(Locale.ROOT)) {
                case "linear" -> set.add(RunEvaluation.Probe.LINEAR);
                case "knn" -> set.add(RunEvaluation.Probe.KNN);
                case "finetune", "fine-tune" -> set.add(RunEvaluation.Probe.FINETUNE);
                default -> throw new IllegalArgumentException("--probe: unknown probe '" + p + "'; use linear, knn and/or finetune");
            }
        }
        if (set.isEmpty()) {
            throw new IllegalArgumentException("--probe: name at least one of linear, knn, finetune");
        }
        for (double f : fractions) {
            if (!(f > 0 && f <= 1)) {
                throw new IllegalArgumentException("--fractions: " + f + " is not a fraction in (0, 1]; use e.g. 0.01,0.1,1");
            }
        }
        return set;
    }
}
