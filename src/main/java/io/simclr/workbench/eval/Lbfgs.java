package io.simclr.workbench.eval;

/**
 * Limited-memory BFGS (Nocedal & Wright, algorithm 7.5) with a backtracking Armijo line search: the
 * standard solver for smooth convex problems such as L2-regularised logistic regression, which it
 * drives to convergence in a few hundred iterations without a learning rate to tune.
 */
final class Lbfgs {

    /** A smooth function: writes the gradient at {@code x} into {@code gradient} and returns the value. */
    interface Objective {
        double evaluate(double[] x, double[] gradient);
    }

    record Outcome(double value, int iterations, boolean converged) {}

    private final int memory;
    private final int maxIterations;
    private final double tolerance;

    /**
     * @param tolerance stop when the gradient's largest component falls below it, or when an
     *                  iteration improves the value by less than {@code tolerance} relative to it
     */
    Lbfgs(int memory, int maxIterations, double tolerance) {
        this.memory = memory;
        this.maxIterations = maxIterations;
        this.tolerance = tolerance;
    }

    /** Minimises from {@code x} in place. */
    Outcome minimize(Objective f, double[] x) {
        int n = x.length;
        double[][] s = new double[memory][n];
        double[][] y = new double[memory][n];
        double[] rho = new double[memory];
        double[] alpha = new double[memory];
        double[] g = new double[n];
        double[] gNext = new double[n];
        double[] direction = new double[n];
        double[] xNext = new double[n];
        double value = f.evaluate(x, g);
        int stored = 0;
        int newest = -1;
        for (int iteration = 1; iteration <= maxIterations; iteration++) {
            if (maxAbs(g) < tolerance) {
                return new Outcome(value, iteration - 1, true);
            }
            // Two-loop recursion: direction = -H g.
            System.arraycopy(g, 0, direction, 0, n);
            for (int k = 0; k < stored; k++) {
                int i = Math.floorMod(newest - k, memory);
                alpha[i] = rho[i] * dot(s[i], direction);
                axpy(-alpha[i], y[i], direction);
            }
            double scale = stored > 0 ? dot(s[newest], y[newest]) / dot(y[newest], y[newest]) : 1.0 / Math.max(1.0, Math.sqrt(dot(g, g)));
            for (int j = 0; j < n; j++) {
                direction[j] *= scale;
            }
            for (int k = stored - 1; k >= 0; k--) {
                int i = Math.floorMod(newest - k, memory);
                double beta = rho[i] * dot(y[i], direction);
                axpy(alpha[i] - beta, s[i], direction);
            }
            for (int j = 0; j < n; j++) {
                direction[j] = -direction[j];
            }
            double slope = dot(g, direction);
            if (slope >= 0) {
                // Not a descent direction (curvature information went stale): restart from steepest descent.
                stored = 0;
                for (int j = 0; j < n; j++) {
                    direction[j] = -g[j];
                }
                slope = -dot(g, g);
            }
            double step = 1.0;
            double nextValue = Double.NaN;
            for (int tries = 0; tries < 40; tries++) {
                for (int j = 0; j < n; j++) {
                    xNext[j] = x[j] + step * direction[j];
                }
                nextValue = f.evaluate(xNext, gNext);
                if (nextValue <= value + 1e-4 * step * slope) {
                    break;
                }
                step *= 0.5;
            }
            if (!(nextValue <= value)) {
                return new Outcome(value, iteration, true);
            }
            double sy = 0;
            for (int j = 0; j < n; j++) {
                sy += (xNext[j] - x[j]) * (gNext[j] - g[j]);
            }
            if (sy > 1e-12) {
                newest = (newest + 1) % memory;
                for (int j = 0; j < n; j++) {
                    s[newest][j] = xNext[j] - x[j];
                    y[newest][j] = gNext[j] - g[j];
                }
                rho[newest] = 1.0 / sy;
                stored = Math.min(stored + 1, memory);
            }
            double improvement = value - nextValue;
            System.arraycopy(xNext, 0, x, 0, n);
            System.arraycopy(gNext, 0, g, 0, n);
            value = nextValue;
            if (improvement <= tolerance * Math.max(1.0, Math.abs(value))) {
                return new Outcome(value, iteration, true);
            }
        }
        return new Outcome(value, maxIterations, maxAbs(g) < tolerance);
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }

    private static double maxAbs(double[] v) {
        double max = 0;
        for (double value : v) {
            max = Math.max(max, Math.abs(value));
        }
        return max;
    }
}
