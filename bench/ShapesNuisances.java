import io.simclr.workbench.data.ShapesDataset;
import io.simclr.workbench.data.Split;
import io.simclr.workbench.eval.FeatureExtractor;
import io.simclr.workbench.eval.RunEncoder;
import io.simclr.workbench.train.RunFolder;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * What a run on the built-in shapes learned besides the shape: for the class and for each nuisance the
 * dataset draws (the background's texture and brightness, whether the shape is lighter or darker than its
 * background, the shape's size), how often the 20 nearest test images in h agree on it, trained against
 * random init. A representation that sorts images by a nuisance both views of a pair share has found a
 * shortcut the augmentations left open.
 *
 *   mvn -q package -DskipTests && java -Dai.djl.offline=true -cp 'target/app/lib/*:target/app/simclr-workbench.jar' bench/ShapesNuisances.java RUN
 */
public class ShapesNuisances {
    private static final String[] NAMES = {"class", "background texture", "shape lighter than background", "background brightness", "shape size"};
    private static final int NEIGHBOURS = 20;

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: ShapesNuisances.java RUN (a run folder trained on the built-in shapes)");
            System.exit(2);
        }
        try (RunEncoder encoder = RunEncoder.open(RunFolder.open(Path.of(args[0])), null)) {
            var config = encoder.config();
            if (!"shapes".equals(config.data().source().id())) {
                throw new IllegalArgumentException(args[0] + " was not trained on the built-in shapes");
            }
            int count = encoder.testSplit().size();
            int[][] labels = nuisances(config.data().seed(), count, encoder.testSplit().imageSize(), RunEncoder.labels(encoder.testSplit()));
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

    /** Row k: label k of every test image (0 the class), from the scene the generator drew for it. */
    static int[][] nuisances(long seed, int count, int size, int[] classes) {
        int[][] out = new int[NAMES.length][count];
        for (int i = 0; i < count; i++) {
            ShapesDataset.Scene scene = ShapesDataset.scene(Split.TEST, i, size, seed);
            out[0][i] = classes[i];
            out[1][i] = scene.texture();
            out[2][i] = scene.shapeLighterThanBackground() ? 1 : 0;
            out[3][i] = Math.min(2, (int) (scene.backgroundLuma() * 3));
            out[4][i] = Math.min(2, (int) (scene.sizeRank() * 3));
        }
        return out;
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
