package io.simclr.workbench.app.embed;

import io.simclr.workbench.app.Appearance;
import io.simclr.workbench.app.DialogService;
import io.simclr.workbench.app.FxImages;
import io.simclr.workbench.app.RunCatalog;
import io.simclr.workbench.app.Widgets;
import javafx.scene.layout.FlowPane;
import io.simclr.workbench.data.ImageResampler;
import io.simclr.workbench.embed.MapPicture;
import io.simclr.workbench.embed.RunMap;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

/**
 * The Embeddings screen: the map drawn on a canvas (redrawn as t-SNE reports), classes coloured as in
 * tsne.png with a legend that highlights one class, the image under the pointer with its label, and
 * on click that image's ten nearest neighbours in feature space.
 */
public final class EmbeddingsView extends BorderPane {

    private final EmbeddingsViewModel model;
    private final Appearance appearance;
    private final Canvas canvas = new Canvas(800, 600);
    private final Label hover = new Label();
    private final HBox strip = new HBox(6);
    /** Frames drawn while the map forms, and when the first and last were, for the frame-rate readout. */
    private int animatedFrames;
    private long firstFrameNanos;
    private long lastFrameNanos;
    private Fit fit = new Fit(0, 0, 1, 0, 0);
    private final Canvas besideCanvas = new Canvas(400, 600);
    private final Label besideTitle = new Label();

    public EmbeddingsView(EmbeddingsViewModel model, RunCatalog catalog, DialogService dialogs, Appearance appearance) {
        this.model = model;
        this.appearance = appearance;
        getStyleClass().add("screen");
        setTop(toolbar(catalog));

        canvas.setId("embed-canvas");
        Pane plot = new Pane(canvas, hover);
        canvas.widthProperty().bind(plot.widthProperty());
        canvas.heightProperty().bind(plot.heightProperty());
        hover.setVisible(false);
        hover.setMouseTransparent(true);
        hover.getStyleClass().add("map-hover");
        besideCanvas.setId("embed-beside-canvas");
        styleMapTitle(besideTitle);
        Pane besidePlot = new Pane(besideCanvas, besideTitle);
        besideCanvas.widthProperty().bind(besidePlot.widthProperty());
        besideCanvas.heightProperty().bind(besidePlot.heightProperty());
        besidePlot.visibleProperty().bind(model.beside.isNotNull());
        Label mainTitle = styleMapTitle(new Label());
        mainTitle.setMouseTransparent(true);
        mainTitle.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> model.run().get() == null ? "" : "this run: " + model.run().get().getFileName(), model.run()));
        mainTitle.visibleProperty().bind(model.beside.isNotNull());
        plot.getChildren().add(mainTitle);
        besidePlot.managedProperty().bind(besidePlot.visibleProperty());
        HBox.setHgrow(plot, javafx.scene.layout.Priority.ALWAYS);
        HBox.setHgrow(besidePlot, javafx.scene.layout.Priority.ALWAYS);
        plot.setMinWidth(0);
        besidePlot.setMinWidth(0);
        plot.setPrefWidth(400);
        besidePlot.setPrefWidth(400);
        setCenter(new HBox(6, plot, besidePlot));
        canvas.setOnMouseMoved(e -> showHover(e.getX(), e.getY()));
        canvas.setOnMouseExited(e -> hover.setVisible(false));
        canvas.setOnMouseClicked(e -> model.select(nearestOnScreen(e.getX(), e.getY())));

        ListView<String> legend = new ListView<>();
        legend.setId("embed-legend");
        legend.setPrefWidth(170);
        legend.setCellFactory(list -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                int index = getIndex() - 1;
                if (!empty && index >= 0) {
                    Color c = fx(MapPicture.colour(index));
                    setGraphic(new javafx.scene.shape.Circle(6, c));
                } else {
                    setGraphic(null);
                }
            }
        });
        legend.getSelectionModel().selectedIndexProperty().addListener((o, was, now) -> model.highlightedClass.set(now.intValue() - 1));
        model.sample.addListener((o, was, now) -> {
            legend.getItems().setAll("all classes");
            if (now != null) {
                legend.getItems().addAll(now.classNames());
            }
        });
        setRight(legend);

        strip.setId("embed-neighbours");
        strip.setPadding(new Insets(6, 10, 6, 10));
        strip.setAlignment(Pos.CENTER_LEFT);
        // The strip's room is kept whether it shows neighbours or not, so opening it does not move the map.
        strip.minHeightProperty().bind(appearance.fontSize.multiply(2).add(72));
        strip.prefHeightProperty().bind(strip.minHeightProperty());
        Label status = new Label();
        status.textProperty().bind(model.status);
        status.getStyleClass().add("status");
        setBottom(new VBox(strip, status));

        model.coordinates.addListener((o, was, now) -> redraw());
        model.besideCoordinates.addListener((o, was, now) -> redrawBeside());
        model.beside.addListener((o, was, now) -> redrawBeside());
        besideCanvas.widthProperty().addListener(o -> redrawBeside());
        besideCanvas.heightProperty().addListener(o -> redrawBeside());
        model.running.addListener((o, was, now) -> {
            if (now) {
                animatedFrames = 0;
            } else if (animatedFrames > 1) {
                double fps = (animatedFrames - 1) / ((lastFrameNanos - firstFrameNanos) / 1e9);
                model.status.set(model.status.get() + String.format(Locale.ROOT, " · animated at %.0f frames/s", fps));
            }
        });
        model.highlightedClass.addListener((o, was, now) -> {
            redraw();
            redrawBeside();
        });
        model.selected.addListener((o, was, now) -> redraw());
        model.neighbours.addListener((o, was, now) -> showNeighbours());
        canvas.widthProperty().addListener(o -> redraw());
        canvas.heightProperty().addListener(o -> redraw());
        appearance.follow(this::redraw);
        appearance.follow(this::redrawBeside);
        Widgets.showErrors(model.error, "The map could not be made", dialogs);
    }

    private FlowPane toolbar(RunCatalog catalog) {
        Spinner<Integer> points = Widgets.intSpinner("embed-points", 10, 50_000, 500, model.points);
        Label ofImages = new Label();
        ofImages.setId("embed-points-of");
        ofImages.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> model.testImages.get() == 0 ? "test images"
                : String.format(Locale.ROOT, "of %,d test images", model.testImages.get()), model.testImages));
        Spinner<Double> perplexity = new Spinner<>(2.0, 100.0, model.perplexity.get(), 5.0);
        perplexity.setEditable(true);
        perplexity.valueProperty().addListener((o, was, now) -> model.perplexity.set(now));
        Button tsne = new Button("t-SNE");
        tsne.setId("embed-tsne");
        tsne.setOnAction(e -> model.map(false));
        Button pca = new Button("PCA");
        pca.setId("embed-pca");
        pca.setOnAction(e -> model.map(true));
        Button pause = new Button();
        pause.setId("embed-pause");
        pause.textProperty().bind(Bindings.when(model.paused).then("Resume").otherwise("Pause"));
        pause.setOnAction(e -> model.togglePause());
        Button stop = new Button("Stop");
        stop.setOnAction(e -> model.stop());
        tsne.disableProperty().bind(model.running.or(model.run().isNull()));
        pca.disableProperty().bind(model.running.or(model.run().isNull()));
        pause.disableProperty().bind(model.running.not());
        stop.disableProperty().bind(model.running.not());
        javafx.scene.control.MenuButton export = new javafx.scene.control.MenuButton("Save map");
        export.setId("embed-export");
        for (String kind : new String[] {"png", "svg", "csv"}) {
            javafx.scene.control.MenuItem item = new javafx.scene.control.MenuItem(kind.toUpperCase(Locale.ROOT) + " into the run folder");
            item.setId("embed-export-" + kind);
            item.setOnAction(e -> model.export(kind));
            export.getItems().add(item);
        }
        javafx.scene.control.MenuItem projector = new javafx.scene.control.MenuItem("TensorBoard Projector files into the run folder");
        projector.setId("embed-export-projector");
        projector.setOnAction(e -> model.exportProjector());
        export.getItems().add(projector);
        export.disableProperty().bind(model.coordinates.isNull());
        FlowPane bar = Widgets.toolbar(Widgets.runPicker(catalog, "embed-run"), Widgets.labelled("points", points, ofImages),
                Widgets.labelled("perplexity", perplexity), tsne, pca, pause, stop, export,
                Widgets.besidePicker(catalog, model.beside, "embed-beside"));
        bar.setPadding(new Insets(10));
        return bar;
    }

    /** Draws every point; with a class highlighted the others fade, and the selected point and its neighbours are ringed. */
    private void redraw() {
        GraphicsContext g = cleared(canvas);
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        float[] xy = model.coordinates.get();
        RunMap.Sample s = model.sample.get();
        if (!mapped(xy, s)) {
            return;
        }
        fit = Fit.of(xy, w, h);
        if (model.running.get()) {
            long now = System.nanoTime();
            if (animatedFrames++ == 0) {
                firstFrameNanos = now;
            }
            lastFrameNanos = now;
        }
        int n = s.size();
        double r = radius(n);
        drawPoints(g, xy, s.labels(), fit, r);
        int selected = model.selected.get();
        if (selected >= 0 && selected < n) {
            g.setStroke(appearance.palette().fx(appearance.palette().text()));
            g.setLineWidth(1.5);
            for (int j : model.neighbours.get()) {
                g.strokeOval(fit.x(xy[2 * j]) - r - 2, fit.y(xy[2 * j + 1]) - r - 2, 2 * r + 4, 2 * r + 4);
            }
            g.setLineWidth(3);
            g.strokeOval(fit.x(xy[2 * selected]) - r - 4, fit.y(xy[2 * selected + 1]) - r - 4, 2 * r + 8, 2 * r + 8);
        }
    }

    /** A map's name over its top-left corner. */
    private static Label styleMapTitle(Label title) {
        title.getStyleClass().add("hint");
        title.setPadding(new Insets(4, 8, 4, 8));
        return title;
    }

    /** The canvas filled with the theme's plot colour. */
    private GraphicsContext cleared(Canvas c) {
        GraphicsContext g = c.getGraphicsContext2D();
        g.setFill(appearance.palette().fx(appearance.palette().plot()));
        g.fillRect(0, 0, c.getWidth(), c.getHeight());
        return g;
    }

    /** Whether there is a map to draw: coordinates, and the sample they were computed for (not one still being replaced). */
    private static boolean mapped(float[] xy, RunMap.Sample s) {
        return xy != null && s != null && xy.length == 2 * s.size();
    }

    private static double radius(int points) {
        return points > 10_000 ? 1.5 : points > 3_000 ? 2.5 : 3.5;
    }

    /** The points in their class colours; with a class highlighted the others fade. */
    private void drawPoints(GraphicsContext g, float[] xy, int[] labels, Fit at, double r) {
        int highlighted = model.highlightedClass.get();
        for (int i = 0; i < labels.length; i++) {
            boolean faded = highlighted >= 0 && labels[i] != highlighted;
            Color c = fx(MapPicture.colour(labels[i]));
            g.setFill(faded ? c.deriveColor(0, 0.2, 1.3, 0.25) : c.deriveColor(0, 1, 1, 0.8));
            g.fillOval(at.x(xy[2 * i]) - r, at.y(xy[2 * i + 1]) - r, 2 * r, 2 * r);
        }
    }

    /** The run beside, drawn as the current run's map is, with its name above. */
    private void redrawBeside() {
        GraphicsContext g = cleared(besideCanvas);
        double w = besideCanvas.getWidth();
        double h = besideCanvas.getHeight();
        float[] xy = model.besideCoordinates.get();
        RunMap.Sample s = model.besideSample.get();
        besideTitle.setText(model.beside.get() == null ? "" : "beside: " + model.beside.get().getFileName()
                + (xy == null ? " (mapped with the next t-SNE or PCA)" : ""));
        if (!mapped(xy, s)) {
            return;
        }
        drawPoints(g, xy, s.labels(), Fit.of(xy, w, h), radius(s.size()));
    }

    /** Map to screen: one scale for both axes (distances mean the same both ways), as large as the canvas allows, centred. */
    private record Fit(double minX, double minY, double scale, double offsetX, double offsetY) {
        private static final double MARGIN = 16;

        static Fit of(float[] xy, double w, double h) {
            double minX = Double.POSITIVE_INFINITY;
            double minY = Double.POSITIVE_INFINITY;
            double maxX = Double.NEGATIVE_INFINITY;
            double maxY = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < xy.length / 2; i++) {
                minX = Math.min(minX, xy[2 * i]);
                maxX = Math.max(maxX, xy[2 * i]);
                minY = Math.min(minY, xy[2 * i + 1]);
                maxY = Math.max(maxY, xy[2 * i + 1]);
            }
            double spanX = Math.max(maxX - minX, 1e-9);
            double spanY = Math.max(maxY - minY, 1e-9);
            double scale = Math.min((w - 2 * MARGIN) / spanX, (h - 2 * MARGIN) / spanY);
            return new Fit(minX, minY, scale, (w - spanX * scale) / 2, (h - spanY * scale) / 2);
        }

        double x(double value) {
            return offsetX + (value - minX) * scale;
        }

        double y(double value) {
            return offsetY + (value - minY) * scale;
        }
    }

    int nearestOnScreen(double px, double py) {
        float[] xy = model.coordinates.get();
        if (xy == null) {
            return -1;
        }
        int best = -1;
        double bestD = 12 * 12;
        for (int i = 0; i < xy.length / 2; i++) {
            double dx = fit.x(xy[2 * i]) - px;
            double dy = fit.y(xy[2 * i + 1]) - py;
            double d = dx * dx + dy * dy;
            if (d < bestD) {
                bestD = d;
                best = i;
            }
        }
        return best;
    }

    private void showHover(double px, double py) {
        int i = nearestOnScreen(px, py);
        RunMap.Sample s = model.sample.get();
        if (i < 0 || s == null) {
            hover.setVisible(false);
            return;
        }
        ImageView thumb = new ImageView(FxImages.fromChw(ImageResampler.toFloat(s.pixels()[i]), s.side()));
        thumb.setFitWidth(64);
        thumb.setFitHeight(64);
        hover.setGraphic(thumb);
        hover.setText(s.classNames().get(s.labels()[i]) + "\ntest image #" + s.indices()[i]);
        hover.relocate(Math.min(px + 14, canvas.getWidth() - 170), Math.min(py + 14, canvas.getHeight() - 80));
        hover.setVisible(true);
    }

    private void showNeighbours() {
        strip.getChildren().clear();
        RunMap.Sample s = model.sample.get();
        int selected = model.selected.get();
        if (s == null || selected < 0) {
            return;
        }
        strip.getChildren().add(new Label("nearest in feature space to " + s.classNames().get(s.labels()[selected]) + ":"));
        strip.getChildren().add(thumbnail(s, selected, "#d62728"));
        for (int j : model.neighbours.get()) {
            strip.getChildren().add(thumbnail(s, j, s.labels()[j] == s.labels()[selected] ? "#2ca02c" : "#ff7f0e"));
        }
    }

    private static VBox thumbnail(RunMap.Sample s, int i, String border) {
        ImageView view = new ImageView(FxImages.fromChw(ImageResampler.toFloat(s.pixels()[i]), s.side()));
        view.setFitWidth(56);
        view.setFitHeight(56);
        VBox box = new VBox(2, view, new Label(s.classNames().get(s.labels()[i])));
        box.setStyle("-fx-border-color: " + border + "; -fx-border-width: 2; -fx-padding: 2;");
        return box;
    }

    private static Color fx(java.awt.Color c) {
        return Color.rgb(c.getRed(), c.getGreen(), c.getBlue());
    }
}
