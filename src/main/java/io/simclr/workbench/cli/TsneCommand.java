package io.simclr.workbench.cli;

import io.simclr.workbench.embed.RunMap;
import io.simclr.workbench.eval.FeatureExtractor;
import io.simclr.workbench.exchange.ProjectorExport;
import io.simclr.workbench.train.RunFolder;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "tsne", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "t-SNE map of a run's test images through its trained encoder: writes embeddings.csv, tsne.csv and tsne.png"
                + " into the run folder (and, with --projector DIR, the same points for TensorBoard's Projector).")
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

    @Option(names = "--projector", paramLabel = "DIR",
            description = "Also write the sampled points for TensorBoard's Projector into this folder (as export --to projector does).")
    Path projector;

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
        java.util.function.Consumer<String> progress = message -> {
            out.println(message);
            out.flush();
        };
        RunMap.Settings settings = new RunMap.Settings(pca ? RunMap.Method.PCA : RunMap.Method.TSNE, points, perplexity, seed, chosen, iterations);
        if (projector != null && Files.exists(projector) && !Files.isDirectory(projector)) {
            throw new IllegalArgumentException("--projector: " + projector + " is a file; give a folder for the Projector's files");
        }
        progress.accept("extracting features of the trained encoder");
        RunMap.Sample sample = RunMap.sample(RunFolder.open(runDir), points, seed, chosen, progress);
        RunMap.Result r = RunMap.make(sample, settings, progress, null);
        out.printf(Locale.ROOT, "mapped %,d points in %.1f s: %s10-NN preservation %.3f%n", r.points(), r.seconds(),
                Double.isNaN(r.klDivergence()) ? "" : String.format(Locale.ROOT, "KL %.3f, ", r.klDivergence()), r.preservation());
        out.printf("wrote %s, %s and %s%n", r.embeddingsCsv(), r.tsneCsv(), r.picture());
        if (projector != null) {
            ProjectorExport.Result p = ProjectorExport.write(sample, chosen, projector);
            out.printf(Locale.ROOT, "wrote the Projector's files for %,d points into %s (tensorboard --logdir %s)%n", p.points(), p.dir(), p.dir());
        }
        return 0;
    }
}
