package io.simclr.workbench.embed;

import io.simclr.workbench.eval.FeatureExtractor;
import io.simclr.workbench.eval.RunEncoder;
import io.simclr.workbench.files.AtomicFiles;
import io.simclr.workbench.train.RunFolder;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javax.imageio.ImageIO;

/**
 * The map of a run: features of its trained encoder on (a seeded sample of) the test split, the
 * t-SNE (or PCA) map, and the files of the run-folder contract (embeddings.csv, tsne.csv, tsne.png;
 * pca.csv and pca.png for PCA), each written atomically.
 */
public final class RunMap {

    /** t-SNE, or PCA to two dimensions: instant, linear, and a baseline for what t-SNE adds. */
    public enum Method { TSNE, PCA }

    public record Settings(Method method, int points, double perplexity, long seed, FeatureExtractor.Layer layer, int iterations) {
        public static Settings defaults() {
            return new Settings(Method.TSNE, 5_000, 30, 0, FeatureExtractor.Layer.H, 1_000);
        }
    }

    public record Result(Path tsneCsv, Path embeddingsCsv, Path picture, int points, double klDivergence, double preservation,
                         double seconds) {}

    private RunMap() {}

    public static Result make(RunFolder run, Settings settings, Consumer<String> progress, Tsne.Listener listener) throws IOException {
        try (RunEncoder encoder = RunEncoder.open(run, null)) {
            progress.accept("extracting features of the trained encoder");
            RunEncoder.Features all = encoder.features(true, settings.layer());
            int n = all.testLabels().length;
            int[] chosen = NeighbourPreservation.sample(n, settings.points(), settings.seed());
            int dim = all.dim();
            float[] features = new float[chosen.length * dim];
            int[] labels = new int[chosen.length];
            for (int i = 0; i < chosen.length; i++) {
                System.arraycopy(all.test(), chosen[i] * dim, features, i * dim, dim);
                labels[i] = all.testLabels()[chosen[i]];
            }
            Tsne.Result map;
            if (settings.method() == Method.PCA) {
                progress.accept(String.format(Locale.ROOT, "PCA of %,d test images", chosen.length));
                long start = System.nanoTime();
                float[] normalized = Tsne.normalizeRows(features, dim);
                float[] xy = Pca.fit(encoder.manager(), normalized, dim, 2).project(normalized);
                map = new Tsne.Result(xy, Double.NaN, 0, true, (System.nanoTime() - start) / 1e9);
            } else {
                Tsne.Settings tsne = Tsne.Settings.defaults().withPerplexity(settings.perplexity()).withIterations(settings.iterations());
                progress.accept(String.format(Locale.ROOT, "t-SNE of %,d test images (perplexity %.0f)", chosen.length, settings.perplexity()));
                map = Tsne.run(encoder.manager(), features, dim, tsne, listener);
            }
            double preservation = NeighbourPreservation.of(encoder.manager(), Tsne.normalizeRows(features, dim), dim, map.coordinates(), 10,
                    5_000, settings.seed());
            List<String> names = all.classNames();

            Path embeddings = run.root().resolve("embeddings.csv");
            AtomicFiles.write(embeddings, file -> writeEmbeddings(file, chosen, labels, names, features, dim));
            String stem = settings.method() == Method.PCA ? "pca" : "tsne";
            Path tsneCsv = run.root().resolve(stem + ".csv");
            AtomicFiles.write(tsneCsv, file -> writeMap(file, chosen, labels, names, map.coordinates()));
            String title = String.format(Locale.ROOT, "%s of %s — %s encoder, %s", settings.method() == Method.PCA ? "PCA" : "t-SNE",
                    run.root().getFileName(),
                    encoder.config().model().encoder().id(), settings.layer() == FeatureExtractor.Layer.H ? "representation h" : "projection z");
            String subtitle = settings.method() == Method.PCA
                    ? String.format(Locale.ROOT, "%,d test images · first two principal components · 10-NN preserved %.3f · seed %d",
                            chosen.length, preservation, settings.seed())
                    : String.format(Locale.ROOT, "%,d test images · perplexity %.0f · %d iterations · KL %.3f · 10-NN preserved %.3f · seed %d",
                            chosen.length, settings.perplexity(), map.iterations(), map.klDivergence(), preservation, settings.seed());
            Path picture = run.root().resolve(stem + ".png");
            var image = MapPicture.render(map.coordinates(), labels, names, title, subtitle);
            AtomicFiles.write(picture, file -> ImageIO.write(image, "png", file.toFile()));
            return new Result(tsneCsv, embeddings, picture, chosen.length, map.klDivergence(), preservation, map.seconds());
        }
    }

    private static void writeEmbeddings(Path file, int[] index, int[] labels, List<String> names, float[] features, int dim)
            throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("index,label,class");
            for (int d = 0; d < dim; d++) {
                out.write(",f" + d);
            }
            out.write('\n');
            for (int i = 0; i < labels.length; i++) {
                out.write(index[i] + "," + labels[i] + "," + names.get(labels[i]));
                for (int d = 0; d < dim; d++) {
                    out.write(',');
                    out.write(Float.toString(features[i * dim + d]));
                }
                out.write('\n');
            }
        }
    }

    private static void writeMap(Path file, int[] index, int[] labels, List<String> names, float[] xy) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("index,label,class,x,y\n");
            for (int i = 0; i < labels.length; i++) {
                out.write(String.format(Locale.ROOT, "%d,%d,%s,%.5f,%.5f%n", index[i], labels[i], names.get(labels[i]), xy[2 * i],
                        xy[2 * i + 1]));
            }
        }
    }
}
