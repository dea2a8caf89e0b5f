package io.simclr.workbench.embed;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import io.simclr.workbench.files.TextFormats;
import java.util.List;
import java.util.Locale;

/**
 * A 2-D map as a picture: points coloured by class (a palette told apart also by colour-blind
 * readers for the first ten), a legend with the class names and a title with the settings.
 */
public final class MapPicture {

    /** Tableau 10, the default categorical palette of matplotlib. */
    static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
            new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)};

    private static final int PLOT = 800;
    private static final int MARGIN = 24;
    private static final int LEGEND = 190;
    private static final int HEADER = 64;

    private MapPicture() {}

    public static Color colour(int label) {
        if (label < PALETTE.length) {
            return PALETTE[label];
        }
        return Color.getHSBColor((label * 0.618034f) % 1f, 0.65f, 0.8f);
    }

    public static BufferedImage render(float[] xy, int[] labels, List<String> classNames, String title, String subtitle) {
        int n = labels.length;
        int width = MARGIN + PLOT + MARGIN + LEGEND;
        int height = HEADER + PLOT + MARGIN;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(new Color(0x222222));
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
            g.drawString(title, MARGIN, 28);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            g.setColor(new Color(0x555555));
            g.drawString(subtitle, MARGIN, 50);

            Layout layout = Layout.of(xy, n);
            g.setColor(new Color(0xdddddd));
            g.setStroke(new BasicStroke(1f));
            g.drawRect(MARGIN, HEADER, PLOT, PLOT);
            int radius = radius(n);
            for (int i = 0; i < n; i++) {
                int px = (int) Math.round(layout.x(xy, i));
                int py = (int) Math.round(layout.y(xy, i));
                Color c = colour(labels[i]);
                g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 190));
                g.fillOval(px - radius, py - radius, 2 * radius + 1, 2 * radius + 1);
            }
            int[] counts = counts(labels, classNames.size());
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
            int y = HEADER + 14;
            for (int c = 0; c < classNames.size(); c++) {
                g.setColor(colour(c));
                g.fillOval(MARGIN + PLOT + MARGIN, y - 10, 12, 12);
                g.setColor(new Color(0x222222));
                g.drawString(classNames.get(c) + " (" + counts[c] + ")", MARGIN + PLOT + MARGIN + 20, y);
                y += 22;
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /**
     * The same picture as SVG, one circle per point with its class as a tooltip; every name is
     * escaped, so a class folder named like markup stays text.
     */
    public static String svg(float[] xy, int[] labels, List<String> classNames, String title, String subtitle) {
        int n = labels.length;
        int width = MARGIN + PLOT + MARGIN + LEGEND;
        int height = HEADER + PLOT + MARGIN;
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT, "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d'"
                + " viewBox='0 0 %d %d' font-family='sans-serif'>%n<rect width='100%%' height='100%%' fill='white'/>%n", width, height, width, height));
        svg.append(String.format(Locale.ROOT, "<text x='%d' y='28' font-size='18' font-weight='bold' fill='#222'>%s</text>%n", MARGIN,
                TextFormats.markup(title)));
        svg.append(String.format(Locale.ROOT, "<text x='%d' y='50' font-size='13' fill='#555'>%s</text>%n", MARGIN, TextFormats.markup(subtitle)));
        svg.append(String.format(Locale.ROOT, "<rect x='%d' y='%d' width='%d' height='%d' fill='none' stroke='#ddd'/>%n", MARGIN, HEADER, PLOT, PLOT));
        Layout layout = Layout.of(xy, n);
        int radius = radius(n);
        for (int i = 0; i < n; i++) {
            Color c = colour(labels[i]);
            svg.append(String.format(Locale.ROOT, "<circle cx='%.1f' cy='%.1f' r='%d' fill='#%02x%02x%02x' fill-opacity='0.75'><title>%s</title></circle>%n",
                    layout.x(xy, i), layout.y(xy, i), radius, c.getRed(), c.getGreen(), c.getBlue(),
                    TextFormats.markup(classNames.get(labels[i]))));
        }
        int[] counts = counts(labels, classNames.size());
        int y = HEADER + 14;
        for (int c = 0; c < classNames.size(); c++) {
            Color colour = colour(c);
            svg.append(String.format(Locale.ROOT, "<circle cx='%d' cy='%d' r='6' fill='#%02x%02x%02x'/><text x='%d' y='%d' font-size='14'"
                            + " fill='#222'>%s (%d)</text>%n", MARGIN + PLOT + MARGIN + 6, y - 4, colour.getRed(), colour.getGreen(), colour.getBlue(),
                    MARGIN + PLOT + MARGIN + 20, y, TextFormats.markup(classNames.get(c)), counts[c]));
            y += 22;
        }
        return svg.append("</svg>\n").toString();
    }

    private static int radius(int points) {
        return points > 20_000 ? 1 : points > 5_000 ? 2 : 3;
    }

    private static int[] counts(int[] labels, int classes) {
        int[] counts = new int[classes];
        for (int label : labels) {
            if (label >= 0 && label < counts.length) {
                counts[label]++;
            }
        }
        return counts;
    }

    /** Where the points go in the plot square: one scale for both axes, so distances mean the same both ways. */
    private record Layout(float minX, float maxY, double scale, double offsetX, double offsetY) {
        static Layout of(float[] xy, int n) {
            float minX = Float.POSITIVE_INFINITY, maxX = Float.NEGATIVE_INFINITY, minY = Float.POSITIVE_INFINITY, maxY = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                minX = Math.min(minX, xy[2 * i]);
                maxX = Math.max(maxX, xy[2 * i]);
                minY = Math.min(minY, xy[2 * i + 1]);
                maxY = Math.max(maxY, xy[2 * i + 1]);
            }
            double span = Math.max(Math.max(maxX - minX, maxY - minY), 1e-9);
            double scale = (PLOT - 16) / span;
            return new Layout(minX, maxY, scale, MARGIN + 8 + (PLOT - 16 - (maxX - minX) * scale) / 2,
                    HEADER + 8 + (PLOT - 16 - (maxY - minY) * scale) / 2);
        }

        double x(float[] xy, int i) {
            return offsetX + (xy[2 * i] - minX) * scale;
        }

        double y(float[] xy, int i) {
            return offsetY + (maxY - xy[2 * i + 1]) * scale;
        }
    }
}
