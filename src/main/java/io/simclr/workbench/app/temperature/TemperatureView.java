package io.simclr.workbench.app.temperature;

import io.simclr.workbench.app.FxImages;
import io.simclr.workbench.eval.ViewSimilarities;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;

/**
 * The Temperature screen: the batch's views as thumbnails (click one to make it the anchor), and for
 * the anchor, every other view's cosine similarity and its softmax probability at the chosen tau,
 * sorted by similarity, the positive in green and same-class views in orange. Low tau sharpens the
 * softmax onto the nearest views; high tau flattens it.
 */
public final class TemperatureView extends BorderPane {

    private static final Color POSITIVE = Color.web("#2ca02c");
    private static final Color SAME_CLASS = Color.web("#ff7f0e");
    private static final Color OTHER = Color.web("#1f77b4");

    private final TemperatureViewModel model;
    private final Canvas bars = new Canvas(900, 420);
    private final TilePane thumbnails = new TilePane(4, 4);
    private final Label summary = new Label();

    /** @param sweepView the sweep tab, beside the single-batch view */
    public TemperatureView(TemperatureViewModel model, SweepView sweepView) {
        this.model = model;
        getStyleClass().add("screen");

        Label runLabel = new Label();
        runLabel.textProperty().bind(model.status);
        runLabel.getStyleClass().add("hint");
        Button choose = new Button("Use a run…");
        choose.setId("temperature-choose-run");
        choose.setOnAction(e -> io.simclr.workbench.app.Widgets.chooseFolder(this, "Run folder whose encoder to use",
                model.run.get() == null ? null : model.run.get().getParent()).ifPresent(dir -> {
                    model.run.set(dir);
                    model.load();
                }));
        Button random = new Button("Random init");
        random.setOnAction(e -> {
            model.run.set(null);
            model.load();
        });
        Spinner<Integer> pairs = new Spinner<>(2, 64, model.pairs.get());
        pairs.setPrefWidth(80);
        pairs.valueProperty().addListener((o, was, now) -> model.pairs.set(now));
        Button newBatch = new Button("New batch");
        newBatch.setId("temperature-new-batch");
        newBatch.setOnAction(e -> {
            model.seed.set(model.seed.get() + 1);
            model.load();
        });
        HBox top = new HBox(8, choose, random, new Label("images"), pairs, newBatch, runLabel);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(10));

        thumbnails.setPrefColumns(4);
        thumbnails.setPadding(new Insets(8));
        ScrollPane left = new ScrollPane(thumbnails);
        left.setPrefWidth(250);
        left.setFitToWidth(true);

        // Tau on a log scale: 0.01 … 2 is two and a bit decades, each as wide as the next.
        Slider tau = new Slider(Math.log10(0.01), Math.log10(2), Math.log10(model.temperature.get()));
        tau.setId("temperature-slider");
        tau.valueProperty().addListener((o, was, now) -> model.temperature.set(Math.pow(10, now.doubleValue())));
        Label tauLabel = new Label();
        tauLabel.textProperty().bind(model.temperature.asString(Locale.ROOT, "temperature τ = %.3f"));
        tauLabel.setId("temperature-label");
        summary.setId("temperature-summary");
        Pane canvasHolder = new Pane(bars);
        bars.widthProperty().bind(canvasHolder.widthProperty());
        bars.heightProperty().bind(canvasHolder.heightProperty());
        VBox center = new VBox(8, canvasHolder, tauLabel, tau, summary);
        VBox.setVgrow(canvasHolder, javafx.scene.layout.Priority.ALWAYS);
        center.setPadding(new Insets(8, 12, 12, 12));
        BorderPane softmax = new BorderPane(center);
        softmax.setTop(top);
        softmax.setLeft(left);
        Tab softmaxTab = new Tab("Softmax of one batch", softmax);
        Tab sweepTab = new Tab("Temperature sweep", sweepView);
        sweepTab.setId("temperature-sweep-tab");
        TabPane tabs = new TabPane(softmaxTab, sweepTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        setCenter(tabs);

        model.batch.addListener((o, was, now) -> rebuildThumbnails());
        model.anchor.addListener((o, was, now) -> {
            highlightThumbnails();
            redraw();
        });
        model.temperature.addListener((o, was, now) -> redraw());
        bars.widthProperty().addListener((o, was, now) -> redraw());
        bars.heightProperty().addListener((o, was, now) -> redraw());
        io.simclr.workbench.app.Widgets.showFrom(model.error, "The batch could not be made");
    }

    private void rebuildThumbnails() {
        thumbnails.getChildren().clear();
        ViewSimilarities.Batch b = model.batch.get();
        if (b == null) {
            return;
        }
        for (int v = 0; v < b.viewCount(); v++) {
            ImageView view = new ImageView(FxImages.fromChw(b.views()[v], b.side()));
            view.setFitWidth(48);
            view.setFitHeight(48);
            view.setSmooth(false);
            Pane frame = new Pane(view);
            frame.setPadding(new Insets(2));
            frame.getStyleClass().add("thumb");
            int index = v;
            frame.setOnMouseClicked(e -> model.anchor.set(index));
            thumbnails.getChildren().add(frame);
        }
        highlightThumbnails();
        redraw();
    }

    private void highlightThumbnails() {
        ViewSimilarities.Batch b = model.batch.get();
        if (b == null) {
            return;
        }
        int anchor = model.anchor.get();
        for (int v = 0; v < thumbnails.getChildren().size(); v++) {
            String colour = v == anchor ? "#d62728" : v == b.positiveOf(anchor) ? "#2ca02c" : "transparent";
            thumbnails.getChildren().get(v).setStyle("-fx-border-color: " + colour + "; -fx-border-width: 3;");
        }
    }

    /** The bars for the current anchor and tau; also the numbers under them. */
    private void redraw() {
        GraphicsContext g = bars.getGraphicsContext2D();
        double w = bars.getWidth();
        double h = bars.getHeight();
        g.clearRect(0, 0, w, h);
        ViewSimilarities.Batch b = model.batch.get();
        if (b == null || w < 50 || h < 50) {
            summary.setText("no batch yet");
            return;
        }
        int anchor = model.anchor.get();
        double[] p = model.probabilities();
        List<Integer> others = new ArrayList<>();
        for (int j = 0; j < b.viewCount(); j++) {
            if (j != anchor) {
                others.add(j);
            }
        }
        others.sort(Comparator.comparingDouble((Integer j) -> -b.similarity(anchor, j)));
        double left = 60;
        double barWidth = (w - left - 10) / others.size();
        double topH = h * 0.42;
        double bottomTop = topH + 34;
        double bottomH = h - bottomTop - 18;
        double maxP = 0;
        for (double v : p) {
            maxP = Math.max(maxP, v);
        }
        g.setFont(Font.font(12));
        g.setFill(Color.GRAY);
        g.fillText("cosine similarity to the anchor (−1 … 1)", left, 14);
        g.fillText(String.format(Locale.ROOT, "softmax(similarity / τ), the anchor's NT-Xent distribution (max %.3f)", maxP), left, bottomTop - 6);
        double zeroY = 22 + (topH - 22) / 2;
        g.setStroke(Color.LIGHTGRAY);
        g.strokeLine(left, zeroY, w - 10, zeroY);
        g.strokeLine(left, bottomTop + bottomH, w - 10, bottomTop + bottomH);
        g.fillText("1", left - 20, 26);
        g.fillText("0", left - 20, zeroY + 4);
        g.fillText("−1", left - 24, topH);
        for (int k = 0; k < others.size(); k++) {
            int j = others.get(k);
            Color c = j == b.positiveOf(anchor) ? POSITIVE : b.labels()[j] == b.labels()[anchor] ? SAME_CLASS : OTHER;
            double x = left + k * barWidth + 1;
            double s = b.similarity(anchor, j);
            double y = zeroY - s * (topH - 22) / 2;
            g.setFill(c.deriveColor(0, 1, 1, 0.55));
            g.fillRect(x, Math.min(y, zeroY), Math.max(1, barWidth - 2), Math.abs(zeroY - y));
            double ph = maxP > 0 ? p[j] / maxP * bottomH : 0;
            g.setFill(c);
            g.fillRect(x, bottomTop + bottomH - ph, Math.max(1, barWidth - 2), ph);
        }
        int positive = b.positiveOf(anchor);
        double entropy = 0;
        for (double v : p) {
            if (v > 0) {
                entropy -= v * Math.log(v);
            }
        }
        summary.setText(String.format(Locale.ROOT,
                "anchor %d (%s): the positive view gets p = %.3f, so this anchor's loss is −ln p = %.3f; the softmax spreads over"
                        + " about %.1f of the %d candidates (e^entropy). Green: its other view; orange: same class; blue: other classes.",
                anchor, b.classNames().get(b.labels()[anchor]), p[positive], -Math.log(Math.max(p[positive], 1e-300)), Math.exp(entropy),
                others.size()));
        summary.setWrapText(true);
    }
}
