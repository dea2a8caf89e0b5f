package io.simclr.workbench.embed;

/** The repulsive half of the t-SNE gradient, exact or approximated. */
interface Repulsion extends AutoCloseable {

    /**
     * Writes sum_j w_ij^2 (y_i - y_j) into {@code force} (n x 2) and returns Z = sum_{i != j} w_ij,
     * where w_ij = 1 / (1 + |y_i - y_j|^2).
     */
    double compute(double[] y, int n, double[] force);

    @Override
    default void close() {}
}
