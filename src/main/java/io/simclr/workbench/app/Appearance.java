package io.simclr.workbench.app;

import java.awt.Color;
import java.awt.Font;
import java.util.prefs.Preferences;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.scene.Scene;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;

/**
 * How the window looks, in one place: text size (a projector wants it large) and the dark theme.
 * The scene's stylesheets and font follow it, and so do the charts and canvases that CSS cannot
 * reach, so zooming or switching theme changes everything at once. Remembered between launches.
 */
public final class Appearance {

    public static final double DEFAULT_FONT_SIZE = 13;
    public static final double MIN_FONT_SIZE = 10;
    public static final double MAX_FONT_SIZE = 34;
    public static final double ZOOM_STEP = 3;

    private static final String LIGHT = Appearance.class.getResource("workbench.css").toExternalForm();
    private static final String DARK = Appearance.class.getResource("dark.css").toExternalForm();

    /** Colours for what charts and canvases draw themselves. */
    public record Palette(Color background, Color plot, Color grid, Color text, Color muted, boolean dark) {
        public javafx.scene.paint.Color fx(Color c) {
            return javafx.scene.paint.Color.rgb(c.getRed(), c.getGreen(), c.getBlue(), c.getAlpha() / 255.0);
        }
    }

    private static final Palette LIGHT_PALETTE = new Palette(Color.WHITE, Color.WHITE, new Color(220, 220, 220), new Color(0x22, 0x22, 0x22),
            new Color(0x66, 0x6b, 0x73), false);
    private static final Palette DARK_PALETTE = new Palette(new Color(0x1e, 0x21, 0x27), new Color(0x26, 0x2a, 0x31), new Color(0x3c, 0x42, 0x4c),
            new Color(0xe6, 0xe6, 0xe6), new Color(0xa7, 0xad, 0xb7), true);

    public final DoubleProperty fontSize = new SimpleDoubleProperty(DEFAULT_FONT_SIZE);
    public final BooleanProperty dark = new SimpleBooleanProperty(false);

    /** Starts from what {@code prefs} remember and keeps them up to date; null remembers nothing (tests). */
    public Appearance(Preferences prefs) {
        if (prefs != null) {
            fontSize.set(clamp(prefs.getDouble("fontSize", DEFAULT_FONT_SIZE)));
            dark.set(prefs.getBoolean("dark", false));
            fontSize.addListener((o, was, now) -> prefs.putDouble("fontSize", now.doubleValue()));
            dark.addListener((o, was, now) -> prefs.putBoolean("dark", now));
        }
    }

    private static double clamp(double size) {
        return Math.max(MIN_FONT_SIZE, Math.min(MAX_FONT_SIZE, size));
    }

    /** Larger ({@code steps} > 0) or smaller text. */
    public void zoom(int steps) {
        fontSize.set(clamp(fontSize.get() + steps * ZOOM_STEP));
    }

    public void resetZoom() {
        fontSize.set(DEFAULT_FONT_SIZE);
    }

    public Palette palette() {
        return dark.get() ? DARK_PALETTE : LIGHT_PALETTE;
    }

    /** Runs {@code restyle} now and whenever the size or theme changes. */
    public void follow(Runnable restyle) {
        restyle.run();
        fontSize.addListener(o -> restyle.run());
        dark.addListener(o -> restyle.run());
    }

    /** The scene takes the theme's stylesheets and the font size. */
    public void attach(Scene scene) {
        follow(() -> {
            scene.getStylesheets().setAll(dark.get() ? java.util.List.of(LIGHT, DARK) : java.util.List.of(LIGHT));
            scene.getRoot().setStyle(String.format(java.util.Locale.ROOT, "-fx-font-size: %.0fpx;", fontSize.get()));
        });
    }

    /** The chart's text sizes and colours follow the window's. */
    public void follow(JFreeChart chart) {
        follow(() -> restyle(chart));
    }

    private void restyle(JFreeChart chart) {
        Palette p = palette();
        float size = (float) fontSize.get();
        chart.setBackgroundPaint(p.background());
        TextTitle title = chart.getTitle();
        if (title != null) {
            title.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.round(size * 1.08f)));
            title.setPaint(p.text());
        }
        for (Object t : chart.getSubtitles()) {
            if (t instanceof LegendTitle legend) {
                legend.setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.round(size * 0.92f)));
                legend.setItemPaint(p.text());
                legend.setBackgroundPaint(p.background());
            } else if (t instanceof TextTitle text) {
                text.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.round(size * 0.92f)));
                text.setPaint(p.muted());
            }
        }
        Plot plot = chart.getPlot();
        plot.setBackgroundPaint(p.plot());
        plot.setOutlinePaint(p.grid());
        if (plot instanceof XYPlot xy) {
            xy.setDomainGridlinePaint(p.grid());
            xy.setRangeGridlinePaint(p.grid());
            for (int i = 0; i < xy.getDomainAxisCount(); i++) {
                axis(xy.getDomainAxis(i), p, size);
            }
            for (int i = 0; i < xy.getRangeAxisCount(); i++) {
                axis(xy.getRangeAxis(i), p, size);
            }
        } else if (plot instanceof CategoryPlot category) {
            category.setRangeGridlinePaint(p.grid());
            axis(category.getDomainAxis(), p, size);
            axis(category.getRangeAxis(), p, size);
        }
    }

    private static void axis(Axis axis, Palette p, float size) {
        if (axis == null) {
            return;
        }
        axis.setLabelFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.round(size * 0.92f)));
        axis.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.round(size * 0.85f)));
        axis.setLabelPaint(p.text());
        axis.setTickLabelPaint(p.muted());
        axis.setAxisLinePaint(p.muted());
        axis.setTickMarkPaint(p.muted());
    }
}
