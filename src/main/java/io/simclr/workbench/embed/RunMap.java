package io.simclr.workbench.embed;

import ai.djl.ndarray.NDManager;
import io.simclr.workbench.eval.FeatureExtractor;
import io.simclr.workbench.eval.RunEncoder;
import io.simclr.workbench.files.AtomicFiles;
import io.simclr.workbench.files.TextFormats;
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

    /** The sampled test images of a run with their features: what a map is made of. */
    public record Sample(RunFolder run, float[] features, int dim, int[] labels, int[] indices, List<String> classNames, byte[][] pixels,
                         int side, String encoder) {

        public int size() {
            return labels.length;
        }

        /** The k points most similar to point i by cosine similarity of their features, most similar first. */
        public int[] nearest(int i, int k) {
            int n = size();
            double[] similarity = new double[n];
            double normI = norm(i);
            for (int j = 0; j < n; j++) {
                double dot = 0;
                for (int d = 0; d < dim; d++) {
                    dot += features[i * dim + d] * features[j * dim + d];
                }
                similarity[j] = j == i ? Double.NEGATIVE_INFINITY : dot / Math.max(1e-12, normI * norm(j));
            }
            return java.util.stream.IntStream.range(0, n).boxed().sorted((a, b) -> Double.compare(similarity[b], similarity[a]))
                    .limit(Math.min(k, n - 1)).mapToInt(Integer::intValue).toArray();
        }

        private double norm(int i) {
            double s = 0;
            for (int d = 0; d < dim; d++) {
                s += features[i * dim + d] * features[i * dim + d];
            }
            return Math.sqrt(s);
        }
    }

    private RunMap() {}

    /** Features of a seeded sample of the run's test images through its trained encoder. */
    public static Sample sample(RunFolder run, int points, long seed, FeatureExtractor.Layer layer, Consumer<String> progress) throws IOException {
        try (RunEncoder encoder = RunEncoder.open(run, null)) {
            encoder.warnIfCheckpointsSkipped(progress);
            RunEncoder.Features all = encoder.features(true, layer);
            encoder.batchNormNote().ifPresent(progress);
            int[] chosen = NeighbourPreservation.sample(all.testLabels().length, points, seed);
            int dim = all.dim();
            float[] features = new float[chosen.length * dim];
            int[] labels = new int[chosen.length];
            byte[][] pixels = new byte[chosen.length][];
            for (int i = 0; i < chosen.length; i++) {
                System.arraycopy(all.test(), chosen[i] * dim, features, i * dim, dim);
                labels[i] = all.testLabels()[chosen[i]];
                pixels[i] = encoder.testSplit().pixels(chosen[i]);
            }
            return new Sample(run, features, dim, labels, chosen, all.classNames(), pixels, encoder.testSplit().imageSize(),
                    encoder.config().model().encoder().id());
        }
    }

    public static Result make(RunFolder run, Settings settings, Consumer<String> progress, Tsne.Listener listener) throws IOException {
        progress.accept("extracting features of the trained encoder");
        return make(sample(run, settings.points(), settings.seed(), settings.layer(), progress), settings, progress, listener);
    }

    /** The map of a sample already taken (with {@code settings}' points, seed and layer), written into its run's folder. */
    public static Result make(Sample sample, Settings settings, Consumer<String> progress, Tsne.Listener listener) throws IOException {
        RunFolder run = sample.run();
        float[] features = sample.features();
        int dim = sample.dim();
        int[] chosen = sample.indices();
        int[] labels = sample.labels();
        List<String> names = sample.classNames();
        Tsne.Result map;
        if (settings.method() == Method.PCA) {
            progress.accept(String.format(Locale.ROOT, "PCA of %,d test images", chosen.length));
            long start = System.nanoTime();
            map = new Tsne.Result(Tsne.pca(features, dim), Double.NaN, 0, true, (System.nanoTime() - start) / 1e9);
        } else {
            Tsne.Settings tsne = Tsne.Settings.defaults().withPerplexity(settings.perplexity()).withIterations(settings.iterations());
            progress.accept(String.format(Locale.ROOT, "t-SNE of %,d test images (perplexity %.0f)", chosen.length, settings.perplexity()));
            map = Tsne.run(features, dim, tsne, listener);
        }
        double preservation;
        try (NDManager manager = NDManager.newBaseManager()) {
            preservation = NeighbourPreservation.of(manager, Tsne.normalizeRows(features, dim), dim, map.coordinates(), 10, 5_000,
                    settings.seed());
        }

        Path embeddings = run.root().resolve(RunFolder.EMBEDDINGS);
        AtomicFiles.write(embeddings, file -> writeEmbeddings(file, chosen, labels, names, features, dim));
        String stem = settings.method() == Method.PCA ? "pca" : "tsne";
        Path tsneCsv = run.root().resolve(stem + ".csv");
        AtomicFiles.write(tsneCsv, file -> writeMap(file, chosen, labels, names, map.coordinates()));
        String title = title(settings.method(), sample, settings.layer());
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

    private static void writeEmbeddings(Path file, int[] index, int[] labels, List<String> names, float[] features, int dim)
            throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("index,label,class");
            for (int d = 0; d < dim; d++) {
                out.write(",f" + d);
            }
            out.write('\n');
            for (int i = 0; i < labels.length; i++) {
                out.write(index[i] + "," + labels[i] + "," + TextFormats.csvField(names.get(labels[i])));
                for (int d = 0; d < dim; d++) {
                    out.write(',');
                    out.write(Float.toString(features[i * dim + d]));
                }
                out.write('\n');
            }
        }
    }

    /** "t-SNE of cifar-ref — resnet18 encoder, representation h": what a picture of the map is titled. */
    public static String title(Method method, Sample sample, FeatureExtractor.Layer layer) {
        return String.format(Locale.ROOT, "%s of %s — %s encoder, %s", method == Method.PCA ? "PCA" : "t-SNE", sample.run().root().getFileName(),
                sample.encoder(), layer == FeatureExtractor.Layer.H ? "representation h" : "projection z");
    }

    /** A map's coordinates as CSV: image index, label, class name (quoted when it must be), x, y. */
    public static void writeMap(Path file, int[] index, int[] labels, List<String> names, float[] xy) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("index,label,class,x,y\n");
            for (int i = 0; i < labels.length; i++) {
                out.write(String.format(Locale.ROOT, "%d,%d,%s,%.5f,%.5f%n", index[i], labels[i], TextFormats.csvField(names.get(labels[i])),
                        xy[2 * i], xy[2 * i + 1]));
            }
        }
    }
}
