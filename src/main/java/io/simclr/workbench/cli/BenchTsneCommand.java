package io.simclr.workbench.cli;

import ai.djl.ndarray.NDManager;
import io.simclr.workbench.embed.ClusteredData;
import io.simclr.workbench.embed.NeighbourPreservation;
import io.simclr.workbench.embed.Tsne;
import io.simclr.workbench.train.EngineSetup;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "tsne", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "t-SNE on clustered synthetic data (10 clusters on a 5-d latent, lifted to --dim, with noise): seconds"
                + " (PCA and optimisation), 10-NN preservation and KL divergence.")
final class BenchTsneCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--n", paramLabel = "N", defaultValue = "5000", description = "Points.")
    int n;

    @Option(names = "--dim", paramLabel = "D", defaultValue = "512", description = "Input dimension.")
    int dim;

    @Option(names = "--iterations", paramLabel = "I", defaultValue = "1000", description = "Optimisation iterations.")
    int iterations;

    @Option(names = "--perplexity", paramLabel = "P", defaultValue = "30", description = "Perplexity.")
    double perplexity;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed of the data.")
    long seed;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0", description = "Engine threads; 0 = one per core.")
    int threads;

    @Option(names = "--save-input", paramLabel = "FILE",
            description = "Also write the L2-normalised input (float32 little-endian, n x dim) for a side-by-side run of another t-SNE.")
    Path saveInput;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        EngineSetup.threads(threads);
        ClusteredData data = ClusteredData.generate(n, dim, 10, 5, seed);
        float[] input = Tsne.normalizeRows(data.rows(), dim);
        if (saveInput != null) {
            ByteBuffer buffer = ByteBuffer.allocate(4 * input.length).order(ByteOrder.LITTLE_ENDIAN);
            buffer.asFloatBuffer().put(input);
            Files.write(saveInput, buffer.array());
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            Tsne.Settings settings = Tsne.Settings.defaults().withPerplexity(perplexity).withIterations(iterations);
            Tsne.Result result = Tsne.run(manager, input, dim, settings, null);
            double preservation = NeighbourPreservation.of(manager, input, dim, result.coordinates(), 10, 5_000, 1);
            out.printf(Locale.ROOT, "%,d points x %d, perplexity %.0f, %d iterations, %s repulsion%n", n, dim, perplexity, result.iterations(),
                    result.exact() ? "exact" : "Barnes–Hut (theta 0.5)");
            out.printf(Locale.ROOT, "RESULT seconds=%.1f n=%d knn_preservation=%.3f kl=%.3f%n", result.seconds(), n, preservation,
                    result.klDivergence());
        }
        return 0;
    }
}
