package io.simclr.workbench.run;

import java.util.List;
import java.util.Locale;

/**
 * A grouped bar chart as inline SVG in the house style of {@link SvgLineChart}: per group (a
 * temperature, a method) one bar per series side by side with its value above it, and optionally a
 * dashed reference level across the chart (random initialisation's accuracy, say).
 */
final class SvgBarChart {

    /** A group's label and its value per series; NaN draws no bar. */
    record Group(String label, double[] values) {}

    /** A dashed horizontal line at {@code value}, named in the title. */
    record Reference(String name, double value) {}

    private static final int WIDTH = 460;
    private static final int HEIGHT = 260;
    private static final int LEFT = 40;
    private static final int TOP = 30;
    private static final int BOTTOM = 40;

    private SvgBarChart() {}

    /**
     * @param top    the value at the top of the plot (1 for accuracies)
     * @param format how values are written above their bars ("%.2f")
     */
    static String render(String title, List<String> colours, List<Group> groups, double top, String format, Reference reference) {
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' class='chart'><text x='%d' y='18' class='title'>%s</text>",
                WIDTH, HEIGHT, LEFT, SvgLineChart.escape(title)));
        double plotH = HEIGHT - TOP - BOTTOM;
        double slot = (WIDTH - LEFT - 10.0) / Math.max(1, groups.size());
        double scale = top > 0 ? plotH / top : 0;
        for (int i = 0; i < groups.size(); i++) {
            Group g = groups.get(i);
            int bars = g.values().length;
            double x = LEFT + i * slot + slot * 0.15;
            double bw = slot * 0.7 / bars;
            for (int j = 0; j < bars; j++) {
                double v = g.values()[j];
                if (Double.isNaN(v)) {
                    continue;
                }
                double bh = Math.max(0, v) * scale;
                svg.append(String.format(Locale.ROOT, "<rect x='%.1f' y='%.1f' width='%.1f' height='%.1f' fill='%s'/>", x + j * bw,
                        TOP + plotH - bh, bw - 2, bh, colours.get(j % colours.size())));
                svg.append(String.format(Locale.ROOT, "<text x='%.1f' y='%.1f' class='tick' text-anchor='middle'>%s</text>", x + j * bw + bw / 2,
                        TOP - 4 + plotH - bh, String.format(Locale.ROOT, format, v)));
            }
            svg.append(String.format(Locale.ROOT, "<text x='%.1f' y='%d' class='axis' text-anchor='middle'>%s</text>", x + bw * bars / 2,
                    HEIGHT - 18, SvgLineChart.escape(g.label())));
        }
        double axis = TOP + plotH;
        svg.append(String.format(Locale.ROOT, "<line x1='%d' x2='%d' y1='%.1f' y2='%.1f' stroke='#999'/>", LEFT, WIDTH - 10, axis, axis));
        if (reference != null && Double.isFinite(reference.value())) {
            double y = axis - reference.value() * scale;
            svg.append(String.format(Locale.ROOT, "<line x1='%d' x2='%d' y1='%.1f' y2='%.1f' stroke='#555' stroke-dasharray='4 3'/>"
                    + "<text x='%d' y='%.1f' class='tick'>%s</text>", LEFT, WIDTH - 10, y, y, LEFT + 2, y - 3,
                    SvgLineChart.escape(reference.name())));
        }
        return svg.append("</svg>").toString();
    }
}
