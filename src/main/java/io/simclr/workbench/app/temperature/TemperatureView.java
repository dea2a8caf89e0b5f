package io.simclr.workbench.app.temperature;

import io.simclr.workbench.app.Appearance;
import io.simclr.workbench.app.DialogService;
import io.simclr.workbench.app.FxImages;
import io.simclr.workbench.app.RunCatalog;
import io.simclr.workbench.app.Widgets;
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
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.util.StringConverter;

/**
 * The Temperature screen: the batch's images as pairs of views side by side (click one to make it the
 * anchor), and for the anchor, every other view's cosine similarity and its softmax probability at
 * the chosen tau, sorted by similarity, each bar with its view's thumbnail under it, the positive in
 * green and same-class views in orange. Low tau sharpens the softmax onto the nearest views; high tau
 * flattens it (on the fixed 0 … 1 scale the bars visibly shrink).
 */
public final class TemperatureView extends BorderPane {

    private static final Color POSITIVE = Color.web("#2ca02c");
    private static final Color SAME_CLASS = Color.web("#ff7f0e");
    private static final Color OTHER = Color.web("#1f77b4");

    private final TemperatureViewModel model;
    private final Appearance appearance;
    private final Canvas bars = new Canvas(900, 420);
    private final GridPane pairsGrid = new GridPane();
    private final Label summary = new Label();
    private List<Image> images = List.of();

    /** @param sweepView the sweep tab, beside the single-batch view */
    public TemperatureView(TemperatureViewModel model, SweepView sweepView, RunCatalog catalog, DialogService dialogs, Appearance appearance) {
        this.model = model;
        this.appearance = appearance;
        getStyleClass().add("screen");

        Label runLabel = Widgets.hint("");
        runLabel.textProperty().bind(model.status);
        CheckBox random = new CheckBox("encoder at random initialisation");
        random.setId("temperature-random-init");
        random.selectedProperty().bindBidirectional(model.randomInit);
        Spinner<Integer> pairs = Widgets.intSpinner("temperature-pairs", 2, 64, 1, model.pairs);
        Button newBatch = new Button("New batch");
        newBatch.setId("temperature-new-batch");
        newBatch.setOnAction(e -> {
            model.seed.set(model.seed.get() + 1);
            model.load();
        });
        CheckBox fixed = new CheckBox("softmax on a fixed 0 … 1 scale");
        fixed.setId("temperature-fixed-scale");
        fixed.selectedProperty().bindBidirectional(model.fixedScale);
        javafx.scene.Node runPicker = Widgets.runPicker(catalog, "temperature-run");
        runPicker.disableProperty().bind(model.randomInit);
        // The status line wraps below the toolbar: inside it, its whole length would set the screen's least width.
        VBox top = new VBox(4, Widgets.toolbar(runPicker, random, Widgets.labelled("images", pairs), newBatch, fixed), runLabel);
        runLabel.setMinWidth(0);
        top.setPadding(new Insets(10));

        pairsGrid.setHgap(3);
        pairsGrid.setVgap(4);
        pairsGrid.setPadding(new Insets(8));
        Label pairsTitle = Widgets.hint("each row: one image's two views");
        ScrollPane left = new ScrollPane(new VBox(4, pairsTitle, pairsGrid));
        left.prefWidthProperty().bind(appearance.fontSize.multiply(14).add(60)); // two thumbnails and a class name such as "crescent" unbroken
        left.setFitToWidth(true);

        // Tau on a log scale: 0.01 … 2 is two and a bit decades, each as wide as the next; ticks at 0.01, 0.1 and 1.
        Slider tau = new Slider(Math.log10(0.01), Math.log10(2), Math.log10(model.temperature.get()));
        tau.setId("temperature-slider");
        tau.setShowTickMarks(true);
        tau.setShowTickLabels(true);
        tau.setMajorTickUnit(1);
        tau.setMinorTickCount(8);
        tau.setLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Double v) {
                // Labels at the decades only: the slider's end (tau 2) would otherwise read as a second "1.0".
                return Math.abs(v - Math.round(v)) < 1e-9 ? String.format(Locale.ROOT, "%s", Math.pow(10, Math.round(v))) : "";
            }

            @Override
            public Double fromString(String s) {
                return Math.log10(Double.parseDouble(s));
            }
        });
        tau.valueProperty().addListener((o, was, now) -> model.temperature.set(Math.pow(10, now.doubleValue())));
        model.temperature.addListener((o, was, now) -> {
            if (Math.abs(Math.pow(10, tau.getValue()) - now.doubleValue()) > 1e-9) {
                tau.setValue(Math.log10(now.doubleValue()));
            }
        });
        Label tauLabel = new Label();
        tauLabel.textProperty().bind(model.temperature.asString(Locale.ROOT, "temperature τ = %.3f"));
        tauLabel.setId("temperature-label");
        summary.setId("temperature-summary");
        summary.setWrapText(true);
        summary.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // every line of it; the page scrolls when zoomed in
        Pane canvasHolder = new Pane(bars);
        bars.widthProperty().bind(canvasHolder.widthProperty());
        bars.heightProperty().bind(canvasHolder.heightProperty());
        VBox center = new VBox(8, canvasHolder, tauLabel, tau, summary);
        VBox.setVgrow(canvasHolder, javafx.scene.layout.Priority.ALWAYS);
        center.setPadding(new Insets(8, 12, 12, 12));
        // Zoomed in on a projector the bars keep a readable height and the page scrolls, rather than squeezing them to slivers.
        canvasHolder.setMinWidth(0);
        canvasHolder.minHeightProperty().bind(appearance.fontSize.multiply(16));
        ScrollPane centerScroll = new ScrollPane(center);
        centerScroll.setFitToWidth(true);
        centerScroll.setFitToHeight(true);
        centerScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        BorderPane softmax = new BorderPane(centerScroll);
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
        model.fixedScale.addListener((o, was, now) -> redraw());
        bars.widthProperty().addListener((o, was, now) -> redraw());
        bars.heightProperty().addListener((o, was, now) -> redraw());
        appearance.follow(this::redraw);
        Widgets.showErrors(model.error, "The batch could not be made", dialogs);
    }

    /** The views as rows of pairs: image i's first view beside its second. */
    private void rebuildThumbnails() {
        pairsGrid.getChildren().clear();
        ViewSimilarities.Batch b = model.batch.get();
        if (b == null) {
            images = List.of();
            return;
        }
        List<Image> made = new ArrayList<>();
        for (int v = 0; v < b.viewCount(); v++) {
            made.add(FxImages.fromChw(b.views()[v], b.side()));
        }
        images = made;
        for (int i = 0; i < b.pairs(); i++) {
            for (int which = 0; which < 2; which++) {
                int v = which == 0 ? i : b.positiveOf(i);
                ImageView view = new ImageView(images.get(v));
                view.fitWidthProperty().bind(appearance.fontSize.multiply(3.5));
                view.fitHeightProperty().bind(view.fitWidthProperty());
                view.setSmooth(false);
                StackPane frame = new StackPane(view);
                frame.setPadding(new Insets(2));
                frame.getStyleClass().add("thumb");
                frame.setOnMouseClicked(e -> model.anchor.set(v));
                pairsGrid.add(frame, which, i);
            }
            Label name = Widgets.hint(b.classNames().get(b.labels()[i]));
            name.setWrapText(false); // a class name is one word: never broken in the middle
            name.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            pairsGrid.add(name, 2, i);
            GridPane.setValignment(name, javafx.geometry.VPos.CENTER);
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
        for (javafx.scene.Node node : pairsGrid.getChildren()) {
            Integer row = GridPane.getRowIndex(node);
            Integer column = GridPane.getColumnIndex(node);
            if (row == null || column == null || column > 1) {
                continue;
            }
            int v = column == 0 ? row : b.positiveOf(row);
            String colour = v == anchor ? "#d62728" : v == b.positiveOf(anchor) ? "#2ca02c" : "transparent";
            node.setStyle("-fx-border-color: " + colour + "; -fx-border-width: 3;");
        }
    }

    /** The bars for the current anchor and tau, each view's thumbnail under its softmax bar; also the numbers under them. */
    private void redraw() {
        GraphicsContext g = bars.getGraphicsContext2D();
        double w = bars.getWidth();
        double h = bars.getHeight();
        Appearance.Palette palette = appearance.palette();
        g.setFill(palette.fx(palette.background()));
        g.fillRect(0, 0, w, h);
        ViewSimilarities.Batch b = model.batch.get();
        if (b == null || w < 50 || h < 50) {
            summary.setText("no batch yet");
            return;
        }
        double size = appearance.fontSize.get();
        int anchor = model.anchor.get();
        double[] p = model.probabilities();
        List<Integer> others = new ArrayList<>();
        for (int j = 0; j < b.viewCount(); j++) {
            if (j != anchor) {
                others.add(j);
            }
        }
        others.sort(Comparator.comparingDouble((Integer j) -> -b.similarity(anchor, j)));
        double left = 4.5 * size;
        double barWidth = (w - left - 10) / others.size();
        double thumb = Math.min(barWidth - 2, 3 * size);
        double caption = 1.4 * size;
        double topH = h * 0.36;
        double bottomTop = topH + caption + 8;
        double bottomH = h - bottomTop - thumb - 10;
        double maxP = 0;
        for (double v : p) {
            maxP = Math.max(maxP, v);
        }
        double scaleP = model.fixedScale.get() ? 1.0 : maxP;
        g.setFont(Font.font(size * 0.92));
        g.setFill(palette.fx(palette.muted()));
        g.fillText("cosine similarity to the anchor (−1 … 1)", left, size);
        g.fillText(String.format(Locale.ROOT, "softmax(similarity / τ): the anchor's NT-Xent distribution (largest p %.3f; scale 0 … %s)", maxP,
                model.fixedScale.get() ? "1" : String.format(Locale.ROOT, "%.3f", maxP)), left, bottomTop - 6);
        double zeroY = size + 8 + (topH - size - 8) / 2;
        double half = (topH - size - 8) / 2;
        g.setStroke(palette.fx(palette.grid()));
        g.strokeLine(left, zeroY, w - 10, zeroY);
        g.strokeLine(left, bottomTop + bottomH, w - 10, bottomTop + bottomH);
        g.fillText("1", left - 1.5 * size, zeroY - half + size * 0.4);
        g.fillText("0", left - 1.5 * size, zeroY + size * 0.4);
        g.fillText("−1", left - 1.8 * size, zeroY + half + size * 0.4);
        g.fillText(model.fixedScale.get() ? "1" : String.format(Locale.ROOT, "%.2f", maxP), left - 3.2 * size, bottomTop + size);
        g.fillText("0", left - 1.5 * size, bottomTop + bottomH);
        int positive = b.positiveOf(anchor);
        for (int k = 0; k < others.size(); k++) {
            int j = others.get(k);
            Color c = j == positive ? POSITIVE : b.labels()[j] == b.labels()[anchor] ? SAME_CLASS : OTHER;
            double x = left + k * barWidth + 1;
            double s = b.similarity(anchor, j);
            double y = zeroY - s * half;
            g.setFill(c.deriveColor(0, 1, 1, 0.55));
            g.fillRect(x, Math.min(y, zeroY), Math.max(1, barWidth - 2), Math.abs(zeroY - y));
            double ph = scaleP > 0 ? Math.min(1, p[j] / scaleP) * bottomH : 0;
            g.setFill(c);
            g.fillRect(x, bottomTop + bottomH - ph, Math.max(1, barWidth - 2), ph);
            if (j < images.size() && thumb >= 6) {
                g.drawImage(images.get(j), x + (barWidth - 2 - thumb) / 2, bottomTop + bottomH + 4, thumb, thumb);
            }
        }
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
                others.size()) + (model.showingRandomInit() ? " " + TemperatureViewModel.RANDOM_INIT_NOTE : ""));
    }
}
