package io.simclr.workbench.run;

import java.util.List;
import java.util.Locale;

/**
 * A small line chart as inline SVG, so a report is one self-contained file that any browser shows
 * sharply at any zoom: axes with round-number ticks, one polyline per series, a legend.
 */
final class SvgLineChart {

    record Series(String name, double[] x, double[] y, String colour, double opacity, double width) {}

    private static final int WIDTH = 460;
    private static final int HEIGHT = 260;
    private static final int LEFT = 58;
    private static final int RIGHT = 12;
    private static final int TOP = 30;
    private static final int BOTTOM = 40;

    private SvgLineChart() {}

    static String render(String title, String xLabel, List<Series> series) {
        double minX = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY, minY = Double.POSITIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                if (Double.isFinite(s.y()[i])) {
                    minX = Math.min(minX, s.x()[i]);
                    maxX = Math.max(maxX, s.x()[i]);
                    minY = Math.min(minY, s.y()[i]);
                    maxY = Math.max(maxY, s.y()[i]);
                }
            }
        }
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' viewBox='0 0 %d %d' class='chart'>",
                WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<text x='%d' y='18' class='title'>%s</text>", LEFT, escape(title)));
        if (!Double.isFinite(minX)) {
            svg.append(String.format(Locale.ROOT, "<text x='%d' y='%d' class='empty'>no data</text></svg>", LEFT + 10, HEIGHT / 2));
            return svg.toString();
        }
        if (maxX == minX) {
            maxX = minX + 1;
        }
        if (maxY == minY) {
            maxY = minY + Math.max(1e-9, Math.abs(minY) * 0.1);
            minY = minY - Math.max(1e-9, Math.abs(minY) * 0.1);
        }
        double[] yTicks = ticks(minY, maxY);
        minY = Math.min(minY, yTicks[0]);
        maxY = Math.max(maxY, yTicks[yTicks.length - 1]);
        double[] xTicks = ticks(minX, maxX);
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        final double x0 = minX, x1 = maxX, y0 = minY, y1 = maxY;
        java.util.function.DoubleUnaryOperator px = v -> LEFT + (v - x0) / (x1 - x0) * plotW;
        java.util.function.DoubleUnaryOperator py = v -> TOP + (1 - (v - y0) / (y1 - y0)) * plotH;
        for (double t : yTicks) {
            svg.append(String.format(Locale.ROOT, "<line x1='%d' x2='%d' y1='%.1f' y2='%.1f' class='grid'/>", LEFT, LEFT + plotW, py.applyAsDouble(t),
                    py.applyAsDouble(t)));
            svg.append(String.format(Locale.ROOT, "<text x='%d' y='%.1f' class='tick' text-anchor='end'>%s</text>", LEFT - 6,
                    py.applyAsDouble(t) + 4, label(t)));
        }
        for (double t : xTicks) {
            if (t < minX || t > maxX) {
                continue;
            }
            svg.append(String.format(Locale.ROOT, "<text x='%.1f' y='%d' class='tick' text-anchor='middle'>%s</text>", px.applyAsDouble(t),
                    TOP + plotH + 16, label(t)));
        }
        svg.append(String.format(Locale.ROOT, "<rect x='%d' y='%d' width='%d' height='%d' class='frame'/>", LEFT, TOP, plotW, plotH));
        svg.append(String.format(Locale.ROOT, "<text x='%d' y='%d' class='axis' text-anchor='middle'>%s</text>", LEFT + plotW / 2, HEIGHT - 6,
                escape(xLabel)));
        int legendX = LEFT + 8;
        for (Series s : series) {
            StringBuilder points = new StringBuilder();
            // At most ~2 points per pixel column: enough for the eye, small files for long runs.
            int stride = Math.max(1, s.x().length / (2 * plotW));
            for (int i = 0; i < s.x().length; i += stride) {
                if (Double.isFinite(s.y()[i])) {
                    points.append(String.format(Locale.ROOT, "%.1f,%.1f ", px.applyAsDouble(s.x()[i]), py.applyAsDouble(s.y()[i])));
                }
            }
            svg.append(String.format(Locale.ROOT, "<polyline fill='none' stroke='%s' stroke-opacity='%.2f' stroke-width='%.1f' points='%s'/>",
                    s.colour(), s.opacity(), s.width(), points.toString().trim()));
            if (s.name() != null) {
                svg.append(String.format(Locale.ROOT, "<rect x='%d' y='%d' width='10' height='10' fill='%s'/>", legendX, TOP + 6, s.colour()));
                svg.append(String.format(Locale.ROOT, "<text x='%d' y='%d' class='legend'>%s</text>", legendX + 14, TOP + 15, escape(s.name())));
                legendX += 24 + 7 * s.name().length();
            }
        }
        svg.append("</svg>");
        return svg.toString();
    }

    /** About five round-number ticks spanning [lo, hi]. */
    static double[] ticks(double lo, double hi) {
        double raw = (hi - lo) / 5;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = magnitude;
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * magnitude >= raw) {
                step = m * magnitude;
                break;
            }
        }
        double first = Math.floor(lo / step) * step;
        double last = Math.ceil(hi / step) * step;
        int count = (int) Math.round((last - first) / step) + 1;
        double[] ticks = new double[count];
        for (int i = 0; i < count; i++) {
            ticks[i] = first + i * step;
        }
        return ticks;
    }

    private static String label(double v) {
        double a = Math.abs(v);
        if (v == 0) {
            return "0";
        }
        if (a >= 1e4 || a < 1e-3) {
            return String.format(Locale.ROOT, "%.1e", v);
        }
        String s = String.format(Locale.ROOT, "%.4f", v).replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    static String escape(String text) {
        return io.simclr.workbench.files.TextFormats.markup(text);
    }
}
