package io.simclr.workbench.embed;

import java.util.stream.IntStream;

/**
 * The repulsive forces of 2-D t-SNE by Barnes–Hut (van der Maaten 2014): a quadtree over the map,
 * and a cell whose width is small against its distance (width / distance below theta) acts as one
 * point at its centre of mass. The tree lives in flat arrays, its points in one index array that
 * each cell covers a contiguous range of, and the walks for different points run in parallel.
 */
final class BarnesHutRepulsion implements Repulsion {

    static final double THETA = 0.5;
    /** Cells with this many points or fewer are not split; their points interact exactly. */
    private static final int LEAF_SIZE = 8;

    private final double thetaSquared;
    private int[] order = new int[0];
    private int[] start = new int[0];
    private int[] end = new int[0];
    private int[] firstChild = new int[0];
    private int[] childCount = new int[0];
    private double[] massX = new double[0];
    private double[] massY = new double[0];
    private double[] width = new double[0];
    private int cells;

    BarnesHutRepulsion(double theta) {
        this.thetaSquared = theta * theta;
    }

    @Override
    public double compute(double[] y, int n, double[] force) {
        build(y, n);
        double[] zParts = new double[n];
        IntStream.range(0, n).parallel().forEach(i -> zParts[i] = walk(y, i, force));
        double z = 0;
        for (double part : zParts) {
            z += part;
        }
        return z;
    }

    /** sum_j q_ij over j != i, with sum_j q_ij^2 (y_i - y_j) written into force. */
    private double walk(double[] y, int i, double[] force) {
        double xi = y[2 * i];
        double yi = y[2 * i + 1];
        double z = 0;
        double fx = 0;
        double fy = 0;
        int[] stack = new int[64 * 4];
        int top = 0;
        stack[top++] = 0;
        while (top > 0) {
            int cell = stack[--top];
            int count = end[cell] - start[cell];
            double dx = xi - massX[cell];
            double dy = yi - massY[cell];
            double d2 = dx * dx + dy * dy;
            if (width[cell] * width[cell] < thetaSquared * d2) {
                double q = 1 / (1 + d2);
                z += count * q;
                fx += count * q * q * dx;
                fy += count * q * q * dy;
            } else if (childCount[cell] == 0) {
                for (int t = start[cell]; t < end[cell]; t++) {
                    int j = order[t];
                    if (j == i) {
                        continue;
                    }
                    double ex = xi - y[2 * j];
                    double ey = yi - y[2 * j + 1];
                    double q = 1 / (1 + ex * ex + ey * ey);
                    z += q;
                    fx += q * q * ex;
                    fy += q * q * ey;
                }
            } else {
                if (top + 4 > stack.length) {
                    stack = java.util.Arrays.copyOf(stack, stack.length * 2);
                }
                for (int c = 0; c < childCount[cell]; c++) {
                    stack[top++] = firstChild[cell] + c;
                }
            }
        }
        force[2 * i] = fx;
        force[2 * i + 1] = fy;
        return z;
    }

    private void build(double[] y, int n) {
        if (order.length != n) {
            order = new int[n];
            int capacity = Math.max(16, n);
            start = new int[capacity];
            end = new int[capacity];
            firstChild = new int[capacity];
            childCount = new int[capacity];
            massX = new double[capacity];
            massY = new double[capacity];
            width = new double[capacity];
        }
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        double minX = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY, minY = Double.POSITIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            minX = Math.min(minX, y[2 * i]);
            maxX = Math.max(maxX, y[2 * i]);
            minY = Math.min(minY, y[2 * i + 1]);
            maxY = Math.max(maxY, y[2 * i + 1]);
        }
        double side = Math.max(Math.max(maxX - minX, maxY - minY), 1e-12) * (1 + 1e-9);
        cells = 1;
        split(y, 0, 0, n, minX, minY, side, 0);
    }

    /** Fills cell {@code cell} over order[from, to) within the square at (x0, y0) of this side, splitting it if needed. */
    private void split(double[] y, int cell, int from, int to, double x0, double y0, double side, int depth) {
        start[cell] = from;
        end[cell] = to;
        width[cell] = side;
        double sx = 0;
        double sy = 0;
        for (int t = from; t < to; t++) {
            sx += y[2 * order[t]];
            sy += y[2 * order[t] + 1];
        }
        massX[cell] = sx / Math.max(1, to - from);
        massY[cell] = sy / Math.max(1, to - from);
        childCount[cell] = 0;
        if (to - from <= LEAF_SIZE || depth > 48) {
            return;
        }
        double half = side / 2;
        double midX = x0 + half;
        double midY = y0 + half;
        // Partition into x < midX | x >= midX, then each half by y: quadrants (W,S) (W,N) (E,S) (E,N).
        int east = partition(y, from, to, 0, midX);
        int westNorth = partition(y, from, east, 1, midY);
        int eastNorth = partition(y, east, to, 1, midY);
        int[] bounds = {from, westNorth, east, eastNorth, to};
        double[][] corners = {{x0, y0}, {x0, midY}, {midX, y0}, {midX, midY}};
        int children = 0;
        for (int q = 0; q < 4; q++) {
            if (bounds[q + 1] > bounds[q]) {
                children++;
            }
        }
        ensureCapacity(cells + children);
        int first = cells;
        cells += children;
        firstChild[cell] = first;
        childCount[cell] = children;
        int c = first;
        for (int q = 0; q < 4; q++) {
            if (bounds[q + 1] > bounds[q]) {
                split(y, c++, bounds[q], bounds[q + 1], corners[q][0], corners[q][1], half, depth + 1);
            }
        }
    }

    /** Reorders order[from, to) so points with coordinate {@code axis} below {@code pivot} come first; returns where the rest start. */
    private int partition(double[] y, int from, int to, int axis, double pivot) {
        int i = from;
        int j = to - 1;
        while (i <= j) {
            if (y[2 * order[i] + axis] < pivot) {
                i++;
            } else {
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
                j--;
            }
        }
        return i;
    }

    private void ensureCapacity(int needed) {
        if (needed <= start.length) {
            return;
        }
        int capacity = Math.max(needed, start.length * 2);
        start = java.util.Arrays.copyOf(start, capacity);
        end = java.util.Arrays.copyOf(end, capacity);
        firstChild = java.util.Arrays.copyOf(firstChild, capacity);
        childCount = java.util.Arrays.copyOf(childCount, capacity);
        massX = java.util.Arrays.copyOf(massX, capacity);
        massY = java.util.Arrays.copyOf(massY, capacity);
        width = java.util.Arrays.copyOf(width, capacity);
    }
}
