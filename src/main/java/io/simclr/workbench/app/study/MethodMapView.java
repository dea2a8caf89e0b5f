package io.simclr.workbench.app.study;

import io.simclr.workbench.app.Appearance;
import io.simclr.workbench.app.Widgets;
import io.simclr.workbench.method.MethodAtlas;
import io.simclr.workbench.method.MethodKind;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * The methods on one map of ideas: a column per idea (negatives, a moving teacher, clusters,
 * redundancy reduction) with a small diagram of it, the methods built on it — those the workbench
 * trains with a button to train them, the others pointing to their trained neighbour — and, below,
 * what the chosen method does.
 */
public final class MethodMapView extends BorderPane {

    private static final Color BLUE = Color.web("#1f77b4");
    private static final Color ORANGE = Color.web("#ff7f0e");
    private static final Color GREEN = Color.web("#2ca02c");
    private static final Color GREY = Color.web("#9a9a9a");

    private final Label detail = new Label();

    /** @param train opens the Train screen with this method chosen */
    public MethodMapView(Appearance appearance, Consumer<MethodKind> train) {
        getStyleClass().add("screen");
        GridPane grid = new GridPane();
        grid.setHgap(14);
        grid.setVgap(8);
        grid.setPadding(new Insets(12));
        MethodAtlas.Idea[] ideas = MethodAtlas.Idea.values();
        for (int c = 0; c < ideas.length; c++) {
            ColumnConstraints column = new ColumnConstraints();
            column.setPercentWidth(100.0 / ideas.length);
            column.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().add(column);
            grid.add(column(ideas[c], appearance, train), c, 0);
        }
        detail.setId("map-detail");
        detail.setWrapText(true);
        VBox detailPane = new VBox(detail);
        detailPane.getStyleClass().add("lesson-text");
        detail.setText("Click a method for what it does. Filled cards are methods the workbench trains; outlined ones are methods the"
                + " material names that it does not train, each pointing to its nearest trained neighbour.");
        ScrollPane scroll = new ScrollPane(grid);
        scroll.setFitToWidth(true);
        setCenter(scroll);
        setBottom(detailPane);
    }

    private VBox column(MethodAtlas.Idea idea, Appearance appearance, Consumer<MethodKind> train) {
        Label title = new Label(idea.title());
        title.setStyle("-fx-font-weight: bold; -fx-font-size: 1.15em;");
        title.setWrapText(true);
        Canvas diagram = new Canvas(200, 110);
        appearance.follow(() -> draw(diagram.getGraphicsContext2D(), idea, appearance.palette()));
        Label explanation = Widgets.hint(idea.explanation());
        VBox box = new VBox(8, title, diagram, explanation);
        for (MethodAtlas.Entry entry : MethodAtlas.of(idea)) {
            box.getChildren().add(card(entry, train));
        }
        return box;
    }

    private VBox card(MethodAtlas.Entry entry, Consumer<MethodKind> train) {
        Label name = new Label(entry.name());
        name.setStyle("-fx-font-weight: bold;");
        Label paper = Widgets.hint(entry.paper());
        MethodKind target = entry.isTrained() ? entry.trained() : entry.neighbour();
        Button trainIt = new Button((entry.isTrained() ? "Train " : "Try ") + target.id());
        trainIt.setId("map-train-" + entry.name().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-"));
        trainIt.setOnAction(e -> train.accept(target));
        trainIt.setMaxWidth(Double.MAX_VALUE);
        VBox card = new VBox(3, name, paper);
        if (!entry.isTrained()) {
            card.getChildren().add(Widgets.hint("not trained here; its trained neighbour:"));
        }
        card.getChildren().add(trainIt);
        card.setPadding(new Insets(8));
        card.getStyleClass().add(entry.isTrained() ? "map-card-trained" : "map-card-other");
        card.setId("map-card-" + entry.name().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-"));
        card.setOnMouseClicked(e -> detail.setText(entry.name() + " (" + entry.paper() + ") — " + entry.summary()));
        return card;
    }

    /** A small picture of the idea, in the theme's colours. */
    private static void draw(GraphicsContext g, MethodAtlas.Idea idea, Appearance.Palette palette) {
        double w = g.getCanvas().getWidth();
        double h = g.getCanvas().getHeight();
        g.clearRect(0, 0, w, h);
        Color ink = palette.fx(palette.text());
        Color muted = palette.fx(palette.muted());
        g.setFont(Font.font(11));
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.CENTER);
        g.setLineWidth(1.5);
        switch (idea) {
            case NEGATIVES -> {
                // Two views of one image pulled together; other images pushed away.
                double cx = w / 2;
                double cy = h / 2;
                dot(g, cx - 12, cy, 7, BLUE);
                dot(g, cx + 12, cy, 7, BLUE);
                arrow(g, cx - 40, cy, cx - 22, cy, GREEN);
                arrow(g, cx + 40, cy, cx + 22, cy, GREEN);
                double[][] others = {{-70, -35}, {70, -35}, {-70, 35}, {70, 35}, {0, -42}, {0, 42}};
                for (double[] o : others) {
                    dot(g, cx + o[0], cy + o[1], 5, GREY);
                    arrow(g, cx + o[0] * 0.55, cy + o[1] * 0.55, cx + o[0] * 0.85, cy + o[1] * 0.85, ORANGE);
                }
            }
            case MOMENTUM -> {
                // The network feeds a predictor that must match the output of a slow (or gradient-stopped) copy of itself.
                box(g, 6, 10, 80, 24, BLUE, ink, "network");
                box(g, 114, 10, 80, 24, BLUE, ink, "predictor");
                arrow(g, 86, 22, 113, 22, BLUE);
                box(g, 6, 72, 80, 24, GREY, ink, "slow copy");
                arrow(g, 46, 35, 46, 71, muted);
                g.setFill(muted);
                g.setTextAlign(TextAlignment.LEFT);
                g.fillText("copied", 50, 53);
                g.setStroke(GREEN);
                g.setLineDashes(4, 3);
                g.strokeLine(154, 35, 154, 84);
                g.strokeLine(154, 84, 87, 84);
                g.setLineDashes();
                g.setFill(GREEN);
                g.fillText("match", 158, 60);
                g.setStroke(ORANGE);
                g.setLineWidth(3);
                g.strokeLine(104, 76, 104, 92);
                g.setLineWidth(1.5);
                g.setFill(ORANGE);
                g.fillText("no gradient", 110, 101);
                g.setTextAlign(TextAlignment.CENTER);
            }
            case CLUSTERING -> {
                Color[] colours = {BLUE, ORANGE, GREEN};
                double[][] centres = {{45, 40}, {100, 75}, {155, 40}};
                java.util.Random random = new java.util.Random(3);
                for (int k = 0; k < 3; k++) {
                    for (int i = 0; i < 6; i++) {
                        dot(g, centres[k][0] + random.nextGaussian() * 10, centres[k][1] + random.nextGaussian() * 9, 3.5, colours[k]);
                    }
                    g.setStroke(ink);
                    g.strokeRect(centres[k][0] - 4, centres[k][1] - 4, 8, 8);
                }
                g.setFill(ink);
                g.fillText("equal-sized clusters", w / 2, h - 8);
            }
            case REDUNDANCY -> {
                // A cross-correlation matrix close to the identity.
                int n = 6;
                double cell = 13;
                double x0 = (w - n * cell) / 2;
                double y0 = 8;
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        double v = i == j ? 0.95 : 0.08 * Math.abs(Math.sin(3 * i + 7 * j));
                        g.setFill(BLUE.deriveColor(0, v, 1, 0.15 + 0.85 * v));
                        g.fillRect(x0 + j * cell, y0 + i * cell, cell - 1, cell - 1);
                    }
                }
                g.setFill(ink);
                g.fillText("correlation of features → identity", w / 2, h - 14);
            }
            default -> throw new IllegalStateException(idea.name());
        }
    }

    private static void dot(GraphicsContext g, double x, double y, double r, Color colour) {
        g.setFill(colour);
        g.fillOval(x - r, y - r, 2 * r, 2 * r);
    }

    private static void arrow(GraphicsContext g, double x1, double y1, double x2, double y2, Color colour) {
        g.setStroke(colour);
        g.setFill(colour);
        g.strokeLine(x1, y1, x2, y2);
        double angle = Math.atan2(y2 - y1, x2 - x1);
        double size = 6;
        g.fillPolygon(new double[] {x2, x2 - size * Math.cos(angle - 0.45), x2 - size * Math.cos(angle + 0.45)},
                new double[] {y2, y2 - size * Math.sin(angle - 0.45), y2 - size * Math.sin(angle + 0.45)}, 3);
    }

    private static void box(GraphicsContext g, double x, double y, double w, double h, Color edge, Color ink, String label) {
        g.setStroke(edge);
        g.strokeRoundRect(x, y, w, h, 8, 8);
        g.setFill(ink);
        g.fillText(label, x + w / 2, y + h / 2);
    }
}
