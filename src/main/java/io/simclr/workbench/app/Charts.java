package io.simclr.workbench.app;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeriesCollection;

/** The look every chart of the window shares: white plot, light grid, bold title, the map palette. */
public final class Charts {

    private Charts() {}

    /** The k-th colour of the palette the embedding maps use, so a run or class keeps its colour everywhere. */
    public static Color colour(int k) {
        return io.simclr.workbench.embed.MapPicture.colour(k);
    }

    /**
     * A line chart (or, with {@code points}, a scatter of markers) over {@code data}; series take
     * {@code colours} in order, the first drawn thin when it is translucent (a raw curve under its
     * smoothed one).
     */
    public static JFreeChart lines(String title, String xLabel, String yLabel, XYSeriesCollection data, List<Color> colours, boolean points) {
        JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, data);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(!points, points);
        for (int i = 0; i < colours.size(); i++) {
            renderer.setSeriesPaint(i, colours.get(i));
            renderer.setSeriesStroke(i, new BasicStroke(i == 0 && colours.size() > 1 && colours.get(0).getAlpha() < 255 ? 1f : 2f));
        }
        plot.setRenderer(renderer);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        if (points) {
            // A scatter may hold a single point: give each axis some width and plain numbers.
            for (NumberAxis axis : List.of((NumberAxis) plot.getDomainAxis(), (NumberAxis) plot.getRangeAxis())) {
                axis.setAutoRangeIncludesZero(false);
                axis.setAutoRangeMinimumSize(0.1);
                axis.setNumberFormatOverride(new java.text.DecimalFormat("0.00"));
            }
        }
        return style(chart);
    }

    public static JFreeChart style(JFreeChart chart) {
        chart.getPlot().setBackgroundPaint(Color.WHITE);
        if (chart.getPlot() instanceof XYPlot xy) {
            xy.setDomainGridlinePaint(new Color(220, 220, 220));
            xy.setRangeGridlinePaint(new Color(220, 220, 220));
        }
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** A viewer of {@code chart}, whose text sizes and colours follow the window's {@code appearance}. */
    public static ChartViewer viewer(JFreeChart chart, String id, Appearance appearance) {
        appearance.follow(chart);
        ChartViewer viewer = new ChartViewer(chart);
        viewer.setId(id);
        viewer.setMinSize(200, 150);
        return viewer;
    }

    /**
     * {@code grid} of {@code columns} x {@code rows} charts in a scroll pane that fills the space it is given, but never
     * lets a chart get narrower than 15 or lower than 12 times the window's font size: zoomed in on a projector the
     * page scrolls instead of squeezing every chart to a sliver.
     */
    public static javafx.scene.control.ScrollPane scrollingGrid(javafx.scene.layout.GridPane grid, int columns, int rows, Appearance appearance) {
        grid.minWidthProperty().bind(appearance.fontSize.multiply(15 * columns));
        grid.minHeightProperty().bind(appearance.fontSize.multiply(12 * rows));
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(grid);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.getStyleClass().add("grid-scroll");
        return scroll;
    }
}
