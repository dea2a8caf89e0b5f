package io.simclr.workbench.cli;

import io.simclr.workbench.embed.RunMap;
import io.simclr.workbench.eval.FeatureExtractor;
import io.simclr.workbench.train.RunFolder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "tsne", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "t-SNE map of a run's test images through its trained encoder: writes embeddings.csv, tsne.csv and tsne.png"
                + " into the run folder.")
public final class TsneCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "RUN", description = "The run folder (runs/<name>).")
    Path runDir;

    @Option(names = "--points", paramLabel = "N", defaultValue = "5000", description = "Test images to map (a seeded sample when there are more).")
    int points;

    @Option(names = "--perplexity", paramLabel = "P", defaultValue = "30", description = "Effective number of neighbours each point keeps.")
    double perplexity;

    @Option(names = "--iterations", paramLabel = "I", defaultValue = "1000", description = "Optimisation iterations.")
    int iterations;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed of the sample of points.")
    long seed;

    @Option(names = "--layer", paramLabel = "L", defaultValue = "h", description = "h (representation) or z (projection).")
    String layer;

    @Option(names = "--pca", description = "Map with the first two principal components instead (instant; writes pca.csv and pca.png).")
    boolean pca;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (points < 2) {
            throw new IllegalArgumentException("--points must be at least 2, not " + points);
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("--iterations must be at least 1, not " + iterations);
        }
        FeatureExtractor.Layer chosen = FeatureExtractor.Layer.parse(layer);
        RunMap.Result r = RunMap.make(RunFolder.open(runDir), new RunMap.Settings(pca ? RunMap.Method.PCA : RunMap.Method.TSNE, points, perplexity, seed, chosen, iterations), message -> {
            out.println(message);
            out.flush();
        }, null);
        out.printf(Locale.ROOT, "mapped %,d points in %.1f s: %s10-NN preservation %.3f%n", r.points(), r.seconds(),
                Double.isNaN(r.klDivergence()) ? "" : String.format(Locale.ROOT, "KL %.3f, ", r.klDivergence()), r.preservation());
        out.printf("wrote %s, %s and %s%n", r.embeddingsCsv(), r.tsneCsv(), r.picture());
        return 0;
    }
}
