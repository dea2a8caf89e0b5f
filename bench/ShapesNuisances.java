import io.simclr.workbench.data.Seeds;
import io.simclr.workbench.data.Split;
import io.simclr.workbench.eval.FeatureExtractor;
import io.simclr.workbench.eval.RunEncoder;
import io.simclr.workbench.train.RunFolder;
import java.awt.Color;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * What a run on the built-in shapes learned besides the shape: for the class and for each nuisance the
 * dataset draws (the background's texture and brightness, whether the shape is lighter or darker than its
 * background, the shape's size), how often the 20 nearest test images in h agree on it, trained against
 * random init. A representation that sorts images by a nuisance both views of a pair share has found a
 * shortcut the augmentations left open.
 *
 * The nuisances are drawn again from each test image's seed, in ShapesDataset.render's order: keep the two in step.
 *
 *   mvn -q package -DskipTests && java -Dai.djl.offline=true -cp 'target/app/lib/*:target/app/simclr-workbench.jar' bench/ShapesNuisances.java RUN
 */
public class ShapesNuisances {
    private static final String[] NAMES = {"class", "background texture", "shape lighter than background", "background brightness", "shape size"};
    private static final int NEIGHBOURS = 20;

    public static void main(String[] args) throws Exception {
        try (RunEncoder encoder = RunEncoder.open(RunFolder.open(Path.of(args[0])), null)) {
            var config = encoder.config();
            if (!"shapes".equals(config.data().source().id())) {
                throw new IllegalArgumentException(args[0] + " was not trained on the built-in shapes");
            }
            int count = encoder.testSplit().size();
            int[][] labels = nuisances(config.data().seed(), count, RunEncoder.labels(encoder.testSplit()));
            double[][] scores = new double[2][];
            for (int t = 0; t < 2; t++) {
                RunEncoder.Features f = encoder.features(t == 1, FeatureExtractor.Layer.H);
                scores[t] = agreement(f.test(), f.dim(), labels);
            }
            System.out.printf("%-32s %9s %11s %9s%n", "how often 20 nearest agree on", "trained", "random init", "majority");
            for (int k = 0; k < NAMES.length; k++) {
                System.out.printf("%-32s %9.3f %11.3f %9.3f%n", NAMES[k], scores[1][k], scores[0][k], majority(labels[k]));
            }
        }
    }

    /** Row k: label k of every test image (0 the class). Replays render's draws up to the shape's radius. */
    static int[][] nuisances(long seed, int count, int[] classes) {
        int[][] out = new int[NAMES.length][count];
        for (int i = 0; i < count; i++) {
            SplittableRandom rng = new SplittableRandom(Seeds.derive(seed, Split.TEST.ordinal(), i));
            float[] background = colour(rng);
            for (int c = 0; c < 3; c++) {
                rng.nextDouble(); // the background's second colour
            }
            int texture = rng.nextInt(4);
            rng.nextDouble(); // texture angle
            rng.nextDouble(); // texture period
            float backgroundLuma = luma(background);
            float[] shape = colour(rng);
            for (int attempt = 0; attempt < 20 && Math.abs(luma(shape) - backgroundLuma) < 0.3f; attempt++) {
                shape = colour(rng);
            }
            boolean lighter = Math.abs(luma(shape) - backgroundLuma) < 0.3f ? backgroundLuma <= 0.5f : luma(shape) > backgroundLuma;
            double radius = 0.22 + 0.2 * rng.nextDouble();
            out[0][i] = classes[i];
            out[1][i] = texture;
            out[2][i] = lighter ? 1 : 0;
            out[3][i] = Math.min(2, (int) (backgroundLuma * 3));
            out[4][i] = Math.min(2, (int) ((radius - 0.22) / 0.2 * 3));
        }
        return out;
    }

    private static float[] colour(SplittableRandom rng) {
        int rgb = Color.HSBtoRGB((float) rng.nextDouble(), (float) rng.nextDouble(), (float) (0.1 + 0.85 * rng.nextDouble()));
        return new float[] {((rgb >> 16) & 0xff) / 255f, ((rgb >> 8) & 0xff) / 255f, (rgb & 0xff) / 255f};
    }

    private static float luma(float[] rgb) {
        return 0.299f * rgb[0] + 0.587f * rgb[1] + 0.114f * rgb[2];
    }

    /** For each labelling, the share of images whose 20 nearest others (cosine) vote for its own label. */
    static double[] agreement(float[] features, int dim, int[][] labels) {
        int n = features.length / dim;
        float[] unit = features.clone();
        for (int i = 0; i < n; i++) {
            double norm = 0;
            for (int d = 0; d < dim; d++) {
                norm += unit[i * dim + d] * unit[i * dim + d];
            }
            float scale = (float) (1 / Math.max(1e-12, Math.sqrt(norm)));
            for (int d = 0; d < dim; d++) {
                unit[i * dim + d] *= scale;
            }
        }
        int[] hits = new int[labels.length];
        Integer[] order = new Integer[n];
        double[] similarity = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int d = 0; d < dim; d++) {
                    s += unit[i * dim + d] * unit[j * dim + d];
                }
                similarity[j] = j == i ? Double.NEGATIVE_INFINITY : s;
                order[j] = j;
            }
            Arrays.sort(order, (a, b) -> Double.compare(similarity[b], similarity[a]));
            for (int k = 0; k < labels.length; k++) {
                int[] votes = new int[10];
                for (int r = 0; r < NEIGHBOURS; r++) {
                    votes[labels[k][order[r]]]++;
                }
                int best = 0;
                for (int v = 1; v < votes.length; v++) {
                    best = votes[v] > votes[best] ? v : best;
                }
                hits[k] += best == labels[k][i] ? 1 : 0;
            }
        }
        return Arrays.stream(hits).mapToDouble(h -> (double) h / n).toArray();
    }

    private static double majority(int[] labels) {
        int[] counts = new int[10];
        for (int label : labels) {
            counts[label]++;
        }
        return (double) Arrays.stream(counts).max().orElse(0) / labels.length;
    }
}
