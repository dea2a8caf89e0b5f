package io.simclr.workbench.embed;

import ai.djl.ndarray.NDManager;
import java.util.stream.IntStream;

/**
 * t-SNE (van der Maaten & Hinton 2008) with the choices of today's best implementations: rows
 * L2-normalised and reduced to 50 dimensions by PCA; Gaussian affinities over the 3 x perplexity
 * nearest neighbours, calibrated per point by binary search; PCA initialisation scaled to a standard
 * deviation of 1e-4; early exaggeration 12 for 250 iterations with momentum 0.5, then momentum 0.8;
 * learning rate max(200, N / 12) (Belkina et al. 2019) with per-coordinate gains; the repulsion by
 * Barnes–Hut (theta 0.5), or exactly (every pair, every neighbour) for small N. No randomness:
 * the same input gives the same map.
 */
public final class Tsne {

    /** Up to this many points the affinities use every other point and the repulsion every pair. */
    public static final int EXACT_LIMIT = 1_000;

    public record Settings(double perplexity, int iterations, int exaggerationIterations, double exaggeration, double learningRate,
                           int pcaDimensions, int reportEvery) {
        public static Settings defaults() {
            return new Settings(30, 1_000, 250, 12, 0, 50, 10);
        }

        public Settings withPerplexity(double p) {
            return new Settings(p, iterations, exaggerationIterations, exaggeration, learningRate, pcaDimensions, reportEvery);
        }

        public Settings withIterations(int i) {
            return new Settings(perplexity, i, exaggerationIterations, exaggeration, learningRate, pcaDimensions, reportEvery);
        }

        /** The learning rate used for n points: the set one, or max(200, n / 12) when it is 0. */
        public double learningRate(int n) {
            return learningRate > 0 ? learningRate : Math.max(200, n / 12.0);
        }
    }

    /** Receives the map as it forms; may stop the optimisation. */
    public interface Listener {
        /** Called every {@code reportEvery} iterations with the current coordinates (n x 2, a copy). */
        void onProgress(int iteration, float[] coordinates);

        default boolean cancelled() {
            return false;
        }
    }

    /** @param coordinates n x 2 row-major; {@code iterations} fewer than asked when cancelled */
    public record Result(float[] coordinates, double klDivergence, int iterations, boolean exact, double seconds) {}

    private Tsne() {}

    /** As below, with an engine scope of its own. */
    public static Result run(float[] features, int dim, Settings settings, Listener listener) {
        try (NDManager manager = NDManager.newBaseManager()) {
            return run(manager, features, dim, settings, listener);
        }
    }

    public static Result run(NDManager manager, float[] features, int dim, Settings settings, Listener listener) {
        long start = System.nanoTime();
        int n = features.length / dim;
        if (n < 2 || settings.perplexity() >= n - 1 || 3 * settings.perplexity() > n - 1 && n > EXACT_LIMIT) {
            throw new IllegalArgumentException("t-SNE with perplexity " + settings.perplexity() + " needs more than "
                    + (int) Math.ceil(settings.perplexity() + 1) + " points, but there are " + n
                    + "; lower the perplexity or embed more points");
        }
        for (float v : features) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("the features contain NaN or infinite values; t-SNE cannot place them"
                        + " (the encoder that made them has probably diverged)");
            }
        }
        float[] normalized = normalizeRows(features, dim);
        float[] reduced = normalized;
        int reducedDim = dim;
        if (dim > settings.pcaDimensions()) {
            reduced = Pca.fit(manager, normalized, dim, settings.pcaDimensions()).project(normalized);
            reducedDim = settings.pcaDimensions();
        }
        boolean exact = n <= EXACT_LIMIT;
        int k = exact ? n - 1 : (int) Math.min(n - 1, Math.floor(3 * settings.perplexity()));
        Affinities p = Affinities.compute(NearestNeighbours.ofEachRow(manager, reduced, reducedDim, k), settings.perplexity());

        double[] y = initialise(manager, reduced, reducedDim, n);
        try (Repulsion repulsion = exact ? new ExactRepulsion() : new BarnesHutRepulsion(BarnesHutRepulsion.THETA)) {
            int done = optimise(p, y, n, settings, repulsion, listener);
            double kl = klDivergence(p, y, n, repulsion);
            float[] out = new float[2 * n];
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) y[i];
            }
            return new Result(out, kl, done, exact, (System.nanoTime() - start) / 1e9);
        }
    }

    /** The first two principal components, scaled so the first has standard deviation 1e-4. */
    private static double[] initialise(NDManager manager, float[] data, int dim, int n) {
        float[] pcs = Pca.fit(manager, data, dim, 2).project(data);
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += pcs[2 * i];
        }
        mean /= n;
        double variance = 0;
        for (int i = 0; i < n; i++) {
            variance += (pcs[2 * i] - mean) * (pcs[2 * i] - mean);
        }
        double std = Math.sqrt(variance / n);
        double scale = std > 0 ? 1e-4 / std : 1;
        double[] y = new double[2 * n];
        for (int i = 0; i < 2 * n; i++) {
            y[i] = pcs[i] * scale;
        }
        if (std == 0) {
            // All points identical in the first component: spread them on a tiny spiral so forces are defined.
            for (int i = 0; i < n; i++) {
                y[2 * i] = 1e-4 * Math.cos(i * 2.399963) * Math.sqrt(i + 1.0) / Math.sqrt(n);
                y[2 * i + 1] = 1e-4 * Math.sin(i * 2.399963) * Math.sqrt(i + 1.0) / Math.sqrt(n);
            }
        }
        return y;
    }

    private static int optimise(Affinities p, double[] y, int n, Settings settings, Repulsion repulsion, Listener listener) {
        double[] update = new double[2 * n];
        double[] gains = new double[2 * n];
        java.util.Arrays.fill(gains, 1);
        double[] attraction = new double[2 * n];
        double[] rep = new double[2 * n];
        double learningRate = settings.learningRate(n);
        for (int iteration = 0; iteration < settings.iterations(); iteration++) {
            if (listener != null && listener.cancelled()) {
                return iteration;
            }
            boolean early = iteration < settings.exaggerationIterations();
            double exaggeration = early ? settings.exaggeration() : 1;
            double momentum = early ? 0.5 : 0.8;
            attract(p, y, attraction);
            double z = repulsion.compute(y, n, rep);
            IntStream.range(0, 2 * n).parallel().forEach(t -> {
                double gradient = exaggeration * attraction[t] - rep[t] / z;
                gains[t] = Math.signum(gradient) != Math.signum(update[t]) ? gains[t] + 0.2 : Math.max(0.01, gains[t] * 0.8);
                update[t] = momentum * update[t] - learningRate * gains[t] * gradient;
                y[t] += update[t];
            });
            recentre(y, n);
            if (listener != null && (iteration + 1) % settings.reportEvery() == 0) {
                float[] copy = new float[2 * n];
                for (int t = 0; t < copy.length; t++) {
                    copy[t] = (float) y[t];
                }
                listener.onProgress(iteration + 1, copy);
            }
        }
        return settings.iterations();
    }

    /** sum_j p_ij w_ij (y_i - y_j) for every i. */
    private static void attract(Affinities p, double[] y, double[] out) {
        IntStream.range(0, p.size()).parallel().forEach(i -> {
            double fx = 0;
            double fy = 0;
            double xi = y[2 * i];
            double yi = y[2 * i + 1];
            for (int e = p.rowStart[i]; e < p.rowStart[i + 1]; e++) {
                int j = p.columns[e];
                double dx = xi - y[2 * j];
                double dy = yi - y[2 * j + 1];
                double w = p.values[e] / (1 + dx * dx + dy * dy);
                fx += w * dx;
                fy += w * dy;
            }
            out[2 * i] = fx;
            out[2 * i + 1] = fy;
        });
    }

    /** KL(P || Q) over the stored affinities, Q from the map and the repulsion's Z. */
    private static double klDivergence(Affinities p, double[] y, int n, Repulsion repulsion) {
        double z = repulsion.compute(y, n, new double[2 * n]);
        double kl = 0;
        for (int i = 0; i < p.size(); i++) {
            for (int e = p.rowStart[i]; e < p.rowStart[i + 1]; e++) {
                int j = p.columns[e];
                double pij = p.values[e];
                if (pij <= 0) {
                    continue;
                }
                double dx = y[2 * i] - y[2 * j];
                double dy = y[2 * i + 1] - y[2 * j + 1];
                double q = 1 / (1 + dx * dx + dy * dy) / z;
                kl += pij * Math.log(pij / Math.max(q, 1e-300));
            }
        }
        return kl;
    }

    private static void recentre(double[] y, int n) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += y[2 * i];
            my += y[2 * i + 1];
        }
        mx /= n;
        my /= n;
        for (int i = 0; i < n; i++) {
            y[2 * i] -= mx;
            y[2 * i + 1] -= my;
        }
    }

    /** PCA to two dimensions of the L2-normalised rows: the instant, linear map. */
    public static float[] pca(float[] features, int dim) {
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] normalized = normalizeRows(features, dim);
            return Pca.fit(manager, normalized, dim, 2).project(normalized);
        }
    }

    public static float[] normalizeRows(float[] rows, int dim) {
        float[] out = rows.clone();
        for (int i = 0; i < rows.length / dim; i++) {
            double norm = 0;
            for (int d = 0; d < dim; d++) {
                norm += (double) out[i * dim + d] * out[i * dim + d];
            }
            double scale = 1 / Math.max(Math.sqrt(norm), 1e-12);
            for (int d = 0; d < dim; d++) {
                out[i * dim + d] *= (float) scale;
            }
        }
        return out;
    }
}
