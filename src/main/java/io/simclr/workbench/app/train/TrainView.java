package io.simclr.workbench.app.train;

import io.simclr.workbench.app.Appearance;
import io.simclr.workbench.app.Charts;
import io.simclr.workbench.app.DatasetChoice;
import io.simclr.workbench.app.DialogService;
import io.simclr.workbench.app.Navigation;
import io.simclr.workbench.app.RunCatalog;
import io.simclr.workbench.app.Widgets;
import io.simclr.workbench.augment.AugmentationPreset;
import io.simclr.workbench.data.DataSource;
import io.simclr.workbench.method.MethodKind;
import io.simclr.workbench.model.EncoderKind;
import io.simclr.workbench.model.HeadKind;
import io.simclr.workbench.run.RunSummary;
import io.simclr.workbench.train.OptimizerKind;
import java.awt.Color;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.animation.AnimationTimer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The Train screen: the run's settings and buttons on the left (scrolling when zoomed), live charts, progress and log on the right. */
public final class TrainView extends BorderPane {

    /**
     * Charts take what arrived at most this often (10 times a second): smooth to the eye, and on a
     * 2-core laptop it leaves the cores to training.
     */
    static final long REDRAW_NANOS = 100_000_000L;

    private final TrainViewModel model;
    private final DatasetChoice dataset;
    private final RunCatalog catalog;
    private final DialogService dialogs;
    private final List<JFreeChart> charts;
    private final AnimationTimer pump;

    public TrainView(TrainViewModel model, DatasetChoice dataset, RunCatalog catalog, DialogService dialogs, Navigation navigation,
                     Appearance appearance) {
        this.model = model;
        this.dataset = dataset;
        this.catalog = catalog;
        this.dialogs = dialogs;
        getStyleClass().add("screen");
        JFreeChart lossChart = chart("NT-Xent loss", "loss", List.of(model.loss, model.lossSmoothed),
                List.of(new Color(31, 119, 180, 70), new Color(31, 119, 180)));
        JFreeChart similarityChart = chart("mean cosine similarity", "cosine", List.of(model.positive, model.negative),
                List.of(new Color(44, 160, 44), new Color(214, 39, 40)));
        // The collapse meter: the spread of the normalised embeddings beside the level of a healthy, uncollapsed d-dimensional cloud.
        JFreeChart collapseChart = chart("collapse meter", "std", List.of(model.collapse, model.healthy),
                List.of(new Color(148, 103, 189), new Color(127, 127, 127)));
        ((NumberAxis) collapseChart.getXYPlot().getRangeAxis()).setAutoRangeIncludesZero(true);
        collapseChart.getXYPlot().getRenderer().setSeriesStroke(1, new java.awt.BasicStroke(1.5f, java.awt.BasicStroke.CAP_BUTT,
                java.awt.BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        JFreeChart methodChart = chart("contrastive top-1", "accuracy", List.of(model.methodFigure), List.of(new Color(31, 119, 180)));
        // Chart titles follow the method of the run on screen: losses of different methods are on different scales.
        Runnable retitle = () -> {
            lossChart.setTitle(model.shownMethod.get().lossName() + " loss");
            String[] figure = TrainViewModel.methodFigureTitle(model.shownMethod.get());
            methodChart.setTitle(figure[0]);
            methodChart.getXYPlot().getRangeAxis().setLabel(figure[1]);
            model.methodFigure.setKey(figure[1]);
        };
        model.shownMethod.addListener(o -> retitle.run());
        retitle.run();
        JFreeChart rateChart = chart("learning rate", "rate", List.of(model.rate), List.of(new Color(140, 86, 75)));
        // The rate from 0: a constant rate is a flat line at the top, not a zoom into noise; ticks as 2E-3, not 1.99998E-3.
        NumberAxis rateAxis = (NumberAxis) rateChart.getXYPlot().getRangeAxis();
        rateAxis.setAutoRangeIncludesZero(true);
        rateAxis.setNumberFormatOverride(new java.text.DecimalFormat("0.0#E0"));
        JFreeChart geometryChart = chart("alignment and uniformity", "value", List.of(model.alignment, model.uniformity),
                List.of(new Color(31, 119, 180), new Color(255, 127, 14)));
        charts = List.of(lossChart, similarityChart, collapseChart, methodChart, rateChart, geometryChart);
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.add(Charts.viewer(lossChart, "chart-loss", appearance), 0, 0);
        grid.add(Charts.viewer(similarityChart, "chart-similarity", appearance), 1, 0);
        grid.add(Charts.viewer(collapseChart, "chart-collapse", appearance), 0, 1);
        grid.add(Charts.viewer(methodChart, "chart-method", appearance), 1, 1);
        grid.add(Charts.viewer(rateChart, "chart-rate", appearance), 2, 0);
        grid.add(Charts.viewer(geometryChart, "chart-geometry", appearance), 2, 1);
        for (int i = 0; i < 3; i++) {
            ColumnConstraints column = new ColumnConstraints();
            column.setPercentWidth(100.0 / 3);
            grid.getColumnConstraints().add(column);
        }
        for (int i = 0; i < 2; i++) {
            RowConstraints row = new RowConstraints();
            row.setPercentHeight(50);
            grid.getRowConstraints().add(row);
        }
        grid.setPadding(new Insets(8));

        ProgressBar bar = new ProgressBar();
        bar.setId("train-progress");
        bar.progressProperty().bind(model.progress);
        bar.setMaxWidth(Double.MAX_VALUE);
        Label device = Widgets.hint("");
        device.textProperty().bind(Bindings.concat("device: ", model.device));
        Label progressText = new Label();
        progressText.setId("train-progress-text");
        progressText.setWrapText(true);
        progressText.textProperty().bind(model.progressText);
        Button evaluate = new Button("Evaluate this run");
        evaluate.setId("train-evaluate-run");
        evaluate.setOnAction(e -> navigation.evaluate(model.finishedRun.get()));
        Button map = new Button("Map this run");
        map.setId("train-map-run");
        map.setOnAction(e -> navigation.map(model.finishedRun.get()));
        javafx.scene.layout.FlowPane next = Widgets.toolbar(Widgets.hint("next:"), evaluate, map);
        next.visibleProperty().bind(model.finishedRun.isNotNull());
        next.managedProperty().bind(next.visibleProperty());
        ListView<String> log = new ListView<>(model.log);
        log.setId("train-log");
        log.setPrefHeight(110);
        log.setMinHeight(60);
        // After the list has laid out the new line; scrolling inside the change left the newest line below the fold.
        model.log.addListener((javafx.collections.ListChangeListener<String>) c -> javafx.application.Platform.runLater(
                () -> log.scrollTo(model.log.size() - 1)));
        VBox bottom = new VBox(4, bar, Widgets.toolbar(progressText, device), next, log);
        bottom.setPadding(new Insets(0, 8, 8, 8));

        BorderPane right = new BorderPane(Charts.scrollingGrid(grid, 3, 2, appearance));
        right.setBottom(bottom);
        setCenter(right);
        ScrollPane settings = new ScrollPane(form());
        settings.setFitToWidth(true);
        settings.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        settings.getStyleClass().add("controls-scroll");
        // The settings scroll; Start, Pause and Stop stay in view below them at any zoom.
        BorderPane left = new BorderPane(settings);
        left.setBottom(actions());
        // A fixed share of the window in ems: zooming widens it with the text instead of cutting labels.
        left.prefWidthProperty().bind(appearance.fontSize.multiply(19));
        left.setMinWidth(200);
        setLeft(left);

        pump = new AnimationTimer() {
            private long last;

            @Override
            public void handle(long now) {
                if (now - last < REDRAW_NANOS) {
                    return;
                }
                last = now;
                if (!model.hasNews()) {
                    return; // turning notification back on redraws every chart: only when something arrived
                }
                charts.forEach(c -> c.setNotify(false));
                model.drain();
                charts.forEach(c -> c.setNotify(true));
            }
        };
        pump.start();
        Widgets.showErrors(model.error, "Training stopped", dialogs);
    }

    private Node form() {
        ComboBox<TrainViewModel.Recipe> recipe = Widgets.choice("train-recipe-choice", TrainViewModel.Recipe.values(), model.recipe,
                TrainViewModel.Recipe::parse);
        Label expected = Widgets.hint("");
        expected.setId("train-expected-time");
        expected.textProperty().bind(model.expectedTime);
        ComboBox<MethodKind> method = Widgets.choice("train-method", MethodKind.values(), model.method, MethodKind::parse);
        javafx.scene.control.CheckBox stopGradient = new javafx.scene.control.CheckBox("stop-gradient on the target branch");
        stopGradient.setId("train-stop-gradient");
        stopGradient.selectedProperty().bindBidirectional(model.stopGradient);
        stopGradient.setTooltip(Widgets.explaining("without it, both branches chase each other and every image maps to one point:"
                + " watch the collapse meter fall"));
        stopGradient.setWrapText(true); // the side panel is narrow; the label wraps instead of ending in "…"
        javafx.scene.control.CheckBox predictor = new javafx.scene.control.CheckBox("predictor");
        predictor.setId("train-predictor");
        predictor.selectedProperty().bindBidirectional(model.predictor);
        VBox simsiamGuards = new VBox(4, stopGradient, predictor);
        simsiamGuards.visibleProperty().bind(model.method.isEqualTo(MethodKind.SIMSIAM));
        simsiamGuards.managedProperty().bind(simsiamGuards.visibleProperty());
        ComboBox<EncoderKind> encoder = Widgets.choice("train-encoder", EncoderKind.values(), model.encoder, EncoderKind::parse);
        ComboBox<HeadKind> head = Widgets.choice("train-head", HeadKind.values(), model.head, HeadKind::parse);
        ComboBox<OptimizerKind> optimizer = Widgets.choice("train-optimizer", OptimizerKind.values(), model.optimizer, OptimizerKind::parse);
        ComboBox<AugmentationPreset> augmentation = Widgets.choice("train-augmentation", AugmentationPreset.values(), model.augmentation,
                AugmentationPreset::parse);
        Spinner<Integer> epochs = Widgets.intSpinner("train-epochs", 1, 1000, 1, model.epochs);
        Spinner<Integer> batch = Widgets.intSpinner("train-batch", 2, 4096, 16, model.batch);
        Spinner<Integer> images = Widgets.intSpinner("train-images", 20, 50_000, 500, dataset.shapesCount);
        images.setTooltip(Widgets.explaining("how many shapes to draw for the training split (the test split gets a fifth as many)"));
        Spinner<Integer> imageSize = Widgets.intSpinner("train-image-size", 8, 1024, 8, dataset.imageSize);
        imageSize.setTooltip(Widgets.explaining("the side images are loaded at; the screen picks the folder's own size (64 px for larger"
                + " images) and says why"));
        Spinner<Integer> warmup = Widgets.intSpinner("train-warmup", 0, model.epochs.get(), 1, model.warmupEpochs);
        // A warm-up cannot be longer than the run.
        ((SpinnerValueFactory.IntegerSpinnerValueFactory) warmup.getValueFactory()).maxProperty().bind(model.epochs);
        warmup.setTooltip(Widgets.explaining("epochs over which the learning rate rises linearly from 0, before the cosine decay;"
                + " large batches and LARS need a few"));
        Spinner<Integer> seed = Widgets.intSpinner("train-seed", 0, Integer.MAX_VALUE, 1, model.seed);
        seed.setTooltip(Widgets.explaining("weights, data order and augmentations all follow from the seed: the same seed repeats a run on the CPU"));
        Slider temperature = new Slider(0.01, 1.0, model.temperature.get());
        temperature.setId("train-temperature-slider");
        temperature.valueProperty().bindBidirectional(model.temperature);
        Label temperatureLabel = new Label();
        temperatureLabel.textProperty().bind(temperature.valueProperty().asString(Locale.ROOT, "temperature τ: %.2f"));
        Spinner<Double> lr = new Spinner<>(1e-5, 1.0, model.learningRate.get(), 1e-4);
        lr.setId("train-lr-value");
        lr.setEditable(true);
        lr.setMaxWidth(Double.MAX_VALUE);
        lr.getValueFactory().setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Double v) {
                return v == null ? "" : String.format(Locale.ROOT, "%.1e", v);
            }

            @Override
            public Double fromString(String s) {
                return Double.parseDouble(s.trim());
            }
        });
        lr.valueProperty().addListener((o, was, now) -> model.learningRate.set(now));
        model.learningRate.addListener((o, was, now) -> lr.getValueFactory().setValue(now.doubleValue()));
        Slider smoothing = new Slider(0, 0.99, 0.9);
        smoothing.valueProperty().addListener((o, was, now) -> model.setSmoothing(now.doubleValue()));
        Label smoothingLabel = new Label();
        smoothingLabel.textProperty().bind(smoothing.valueProperty().asString(Locale.ROOT, "loss smoothing: %.2f"));

        Node datasetPicker = Widgets.datasetPicker(dataset, dialogs, "train-dataset");
        BooleanBinding idle = model.state.isEqualTo(TrainViewModel.State.IDLE);
        for (Node n : List.of(recipe, datasetPicker, images, imageSize, method, simsiamGuards, encoder, head, augmentation, optimizer, epochs, batch,
                temperature, lr, warmup, seed)) {
            n.disableProperty().bind(idle.not());
        }
        VBox shapesOnly = Widgets.field("train-images-field", "Images (shapes)", images);
        shapesOnly.visibleProperty().bind(dataset.source.isEqualTo(DataSource.SHAPES));
        shapesOnly.managedProperty().bind(shapesOnly.visibleProperty());
        VBox foldersOnly = Widgets.field("train-image-size-field", "Image size (px)", imageSize);
        foldersOnly.visibleProperty().bind(dataset.source.isNotEqualTo(DataSource.SHAPES));
        foldersOnly.managedProperty().bind(foldersOnly.visibleProperty());
        optimizer.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox optimizerRow = new HBox(6, optimizer, lr);
        HBox.setHgrow(lr, Priority.ALWAYS);
        HBox warmupRow = new HBox(6, warmup, seed);
        HBox.setHgrow(warmup, Priority.ALWAYS);
        HBox.setHgrow(seed, Priority.ALWAYS);
        VBox box = new VBox(8,
                Widgets.field("train-recipe", "Recipe", recipe, expected),
                Widgets.field("train-dataset-field", "Dataset", datasetPicker),
                shapesOnly, foldersOnly,
                Widgets.field("train-method-field", "Method", method, simsiamGuards),
                Widgets.field("train-encoder-field", "Encoder", encoder),
                Widgets.field("train-head-field", "Projection head", head),
                Widgets.field("train-augmentation-field", "Augmentations", augmentation),
                Widgets.field("train-epochs-field", "Epochs", epochs),
                Widgets.field("train-batch-field", "Batch (images)", batch),
                Widgets.field("train-lr", "Optimizer, learning rate", optimizerRow),
                Widgets.field("train-warmup-field", "Warm-up epochs, seed", warmupRow),
                temperatureField(temperatureLabel, temperature),
                Widgets.field("train-smoothing", null, smoothingLabel, smoothing));
        box.setPadding(new Insets(12));
        box.getStyleClass().add("controls");
        return box;
    }

    /** The temperature, shown only for the methods whose loss has one. */
    private Node temperatureField(Label label, Slider slider) {
        VBox field = Widgets.field("train-temperature", null, label, slider);
        VBox holder = new VBox(field);
        holder.visibleProperty().bind(Bindings.createBooleanBinding(() -> !Double.isNaN(
                io.simclr.workbench.train.TrainConfig.defaultMethod(model.method.get(), dataset.config()).temperature()), model.method));
        holder.managedProperty().bind(holder.visibleProperty());
        return holder;
    }

    /** Start, Pause, Stop and Continue, below the settings, always in view. */
    private Node actions() {
        Button start = new Button("Start");
        start.setId("train-start");
        start.setDefaultButton(true);
        start.setOnAction(e -> model.start());
        Button pause = new Button();
        pause.setId("train-pause");
        pause.textProperty().bind(Bindings.when(model.state.isEqualTo(TrainViewModel.State.PAUSED)).then("Resume").otherwise("Pause"));
        pause.setOnAction(e -> {
            if (model.state.get() == TrainViewModel.State.PAUSED) {
                model.resumePaused();
            } else {
                model.pause();
            }
        });
        Button stop = new Button("Stop");
        stop.setId("train-stop");
        stop.setOnAction(e -> model.stop());
        Button resume = Widgets.hideable(new Button("Continue a stopped run…"), "Continue a stopped run");
        resume.setId("train-resume-run");
        resume.setOnAction(e -> dialogs.choose("Continue a run", "Run to continue with its own settings:",
                catalog.evaluable.stream().toList(), RunSummary::label).map(RunSummary::folder).ifPresent(model::resume));
        BooleanBinding idle = model.state.isEqualTo(TrainViewModel.State.IDLE);
        start.disableProperty().bind(idle.not().or(model.blocked).or(dataset.checking));
        resume.disableProperty().bind(idle.not().or(model.blocked));
        BooleanBinding training = model.state.isEqualTo(TrainViewModel.State.RUNNING).or(model.state.isEqualTo(TrainViewModel.State.PAUSED));
        pause.disableProperty().bind(training.not());
        stop.disableProperty().bind(training.not());
        Label folder = Widgets.hint("");
        folder.textProperty().bind(model.runFolder);
        Label waiting = Widgets.hint("A sweep or study is training; Start waits for it.");
        waiting.setId("train-blocked");
        waiting.visibleProperty().bind(model.blocked);
        waiting.managedProperty().bind(model.blocked);
        VBox actions = new VBox(6, Widgets.toolbar(start, pause, stop), waiting, resume, folder);
        actions.setPadding(new Insets(8, 12, 10, 12));
        actions.getStyleClass().add("controls");
        return actions;
    }

    private static JFreeChart chart(String title, String yLabel, List<XYSeries> series, List<Color> colours) {
        XYSeriesCollection data = new XYSeriesCollection();
        series.forEach(data::addSeries);
        return Charts.lines(title, "step", yLabel, data, colours, false);
    }

    /** Number of points in the loss chart (for tests). */
    int lossPoints() {
        return model.loss.getItemCount();
    }

    /** The run the screen would continue from a list, for tests. */
    Path runFolder() {
        return Path.of(model.runFolder.get());
    }

    public void dispose() {
        pump.stop();
    }
}
