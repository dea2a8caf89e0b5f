package io.simclr.workbench.cli;

import ai.djl.ndarray.NDManager;
import io.simclr.workbench.embed.ClusteredData;
import io.simclr.workbench.eval.KnnClassifier;
import io.simclr.workbench.eval.LinearProbe;
import io.simclr.workbench.train.EngineSetup;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "eval", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Times the linear probe (train x dim features, 10 classes, the full protocol: L2 chosen on a held-out fifth,"
                + " then refitted) and kNN (queries against a memory bank) on clustered synthetic features.")
final class BenchEvalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--probe-train", paramLabel = "N", defaultValue = "5000", description = "Training features for the linear probe.")
    int probeTrain;

    @Option(names = "--knn-bank", paramLabel = "N", defaultValue = "50000", description = "Memory bank of the kNN.")
    int bank;

    @Option(names = "--knn-queries", paramLabel = "N", defaultValue = "10000", description = "kNN queries.")
    int queries;

    @Option(names = "--dim", paramLabel = "D", defaultValue = "512", description = "Feature dimension.")
    int dim;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0", description = "Engine threads; 0 = one per core.")
    int threads;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        EngineSetup.threads(threads);
        // One draw split three ways: probe training rows, the kNN bank, and the queries both are tested on.
        ClusteredData train = ClusteredData.generate(probeTrain + bank + queries, dim, 10, 5, 1);
        int testFrom = probeTrain + bank;
        ClusteredData test = new ClusteredData(java.util.Arrays.copyOfRange(train.rows(), testFrom * dim, (testFrom + queries) * dim),
                java.util.Arrays.copyOfRange(train.labels(), testFrom, testFrom + queries), dim);
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] probeX = java.util.Arrays.copyOf(train.rows(), probeTrain * dim);
            int[] probeY = java.util.Arrays.copyOf(train.labels(), probeTrain);
            long start = System.nanoTime();
            LinearProbe.Result probe = LinearProbe.evaluate(manager, probeX, probeY, test.rows(), test.labels(), dim, 10, 0);
            double probeSeconds = (System.nanoTime() - start) / 1e9;
            out.printf(Locale.ROOT, "linear probe on %,d x %d: %.2f s, test top-1 %.4f, L2 %.0e (trials %s)%n", probeTrain, dim, probeSeconds,
                    probe.testTop1(), probe.l2(), probe.trials());
            float[] bankX = java.util.Arrays.copyOfRange(train.rows(), probeTrain * dim, (probeTrain + bank) * dim);
            int[] bankY = java.util.Arrays.copyOfRange(train.labels(), probeTrain, probeTrain + bank);
            start = System.nanoTime();
            double knn;
            try (KnnClassifier classifier = new KnnClassifier(manager, bankX, bankY, dim, 10)) {
                knn = classifier.accuracy(test.rows(), test.labels(), 200, 0.1);
            }
            double knnSeconds = (System.nanoTime() - start) / 1e9;
            out.printf(Locale.ROOT, "kNN (k=200) of %,d queries against %,d: %.2f s, top-1 %.4f%n", queries, bank, knnSeconds, knn);
            out.printf(Locale.ROOT, "RESULT probe_seconds=%.2f knn_seconds=%.2f%n", probeSeconds, knnSeconds);
        }
        return 0;
    }
}
