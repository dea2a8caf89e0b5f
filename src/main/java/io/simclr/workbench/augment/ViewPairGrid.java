package io.simclr.workbench.augment;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Draws view pairs as a labelled picture: one row per pair (original, view 1, view 2), column
 * headings on top, each row's class on its left. Small images are enlarged with nearest-neighbour
 * sampling so every pixel stays visible, as a student should see exactly what the network sees.
 */
public final class ViewPairGrid {

    /** One row: the original and its two views, all square planar RGB in [0, 1]. */
    public record Row(String label, float[] original, int originalSide, float[] view1, float[] view2, int viewSide) {}

    private static final int GAP = 8;
    private static final int LABEL_WIDTH = 120;
    private static final int HEADER_HEIGHT = 62;
    /** Wide enough for the two title lines at the smallest cell size. */
    private static final int MIN_WIDTH = 560;

    private ViewPairGrid() {}

    /** The page and text colours: light for files, the window's theme on screen. */
    public record Colours(Color background, Color text) {
        public static final Colours LIGHT = new Colours(new Color(0xf4, 0xf4, 0xf6), new Color(0x22, 0x22, 0x22));
    }

    /** {@code title} is the source; {@code subtitle} says how the views were made. */
    public static BufferedImage render(List<Row> rows, int cellSize, String title, String subtitle) {
        return render(rows, cellSize, title, subtitle, Colours.LIGHT);
    }

    public static BufferedImage render(List<Row> rows, int cellSize, String title, String subtitle, Colours colours) {
        int width = Math.max(MIN_WIDTH, LABEL_WIDTH + 3 * (cellSize + GAP) + GAP);
        int height = HEADER_HEIGHT + rows.size() * (cellSize + GAP) + GAP;
        BufferedImage canvas = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(colours.background());
            g.fillRect(0, 0, width, height);
            g.setColor(colours.text());
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
            g.drawString(fit(title, g.getFontMetrics(), width - 2 * GAP), GAP, 17);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.drawString(fit(subtitle, g.getFontMetrics(), width - 2 * GAP), GAP, 34);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            String[] headings = {"original", "view 1", "view 2"};
            FontMetrics metrics = g.getFontMetrics();
            for (int c = 0; c < 3; c++) {
                int x = LABEL_WIDTH + GAP + c * (cellSize + GAP);
                g.drawString(headings[c], x + (cellSize - metrics.stringWidth(headings[c])) / 2, HEADER_HEIGHT - 6);
            }
            for (int r = 0; r < rows.size(); r++) {
                Row row = rows.get(r);
                int y = HEADER_HEIGHT + r * (cellSize + GAP);
                g.setColor(colours.text());
                g.drawString(fit(row.label(), metrics, LABEL_WIDTH - GAP), GAP, y + cellSize / 2 + metrics.getAscent() / 2);
                draw(canvas, row.original(), row.originalSide(), LABEL_WIDTH + GAP, y, cellSize);
                draw(canvas, row.view1(), row.viewSide(), LABEL_WIDTH + GAP + (cellSize + GAP), y, cellSize);
                draw(canvas, row.view2(), row.viewSide(), LABEL_WIDTH + GAP + 2 * (cellSize + GAP), y, cellSize);
            }
        } finally {
            g.dispose();
        }
        return canvas;
    }

    private static String fit(String text, FontMetrics metrics, int width) {
        String t = text;
        while (t.length() > 1 && metrics.stringWidth(t) > width) {
            t = t.substring(0, t.length() - 2) + "…";
        }
        return t;
    }

    private static void draw(BufferedImage canvas, float[] chw, int side, int x0, int y0, int cell) {
        int plane = side * side;
        for (int y = 0; y < cell; y++) {
            int sy = y * side / cell;
            for (int x = 0; x < cell; x++) {
                int sx = x * side / cell;
                int i = sy * side + sx;
                int r = to8(chw[i]);
                int g = to8(chw[plane + i]);
                int b = to8(chw[2 * plane + i]);
                canvas.setRGB(x0 + x, y0 + y, (r << 16) | (g << 8) | b);
            }
        }
    }

    private static int to8(float v) {
        return Math.max(0, Math.min(255, Math.round(v * 255f)));
    }
}
