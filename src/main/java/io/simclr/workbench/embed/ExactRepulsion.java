package io.simclr.workbench.embed;

import java.util.stream.IntStream;

/** Every pair, O(N^2): exact, and fast enough for a few thousand points. */
final class ExactRepulsion implements Repulsion {

    @Override
    public double compute(double[] y, int n, double[] force) {
        double[] zParts = new double[n];
        IntStream.range(0, n).parallel().forEach(i -> {
            double fx = 0;
            double fy = 0;
            double z = 0;
            double xi = y[2 * i];
            double yi = y[2 * i + 1];
            for (int j = 0; j < n; j++) {
                if (j == i) {
                    continue;
                }
                double dx = xi - y[2 * j];
                double dy = yi - y[2 * j + 1];
                double w = 1 / (1 + dx * dx + dy * dy);
                z += w;
                fx += w * w * dx;
                fy += w * w * dy;
            }
            force[2 * i] = fx;
            force[2 * i + 1] = fy;
            zParts[i] = z;
        });
        double z = 0;
        for (double part : zParts) {
            z += part;
        }
        return z;
    }
}
