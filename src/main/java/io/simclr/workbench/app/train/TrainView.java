package io.simclr.workbench.app.train;

import io.simclr.workbench.app.Charts;
import io.simclr.workbench.app.Widgets;
import io.simclr.workbench.augment.AugmentationPreset;
import io.simclr.workbench.model.EncoderKind;
import io.simclr.workbench.model.HeadKind;
import io.simclr.workbench.train.OptimizerKind;
import java.awt.Color;
import java.nio.file.Path;
import java.util.List;
import javafx.animation.AnimationTimer;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.jfree.chart.JFreeChart;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The Train screen: the run's settings and buttons on the left, live charts, progress and log on the right. */
public final class TrainView extends BorderPane {

    /**
     * Charts take what arrived at most this often (10 times a second): smooth to the eye, and on a
     * 2-core laptop it leaves the cores to training.
     */
    static final long REDRAW_NANOS = 100_000_000L;

    private final TrainViewModel model;
    private final List<JFreeChart> charts;
    private final AnimationTimer pump;

    public TrainView(TrainViewModel model) {
        this.model = model;
        getStyleClass().add("screen");
        JFreeChart lossChart = chart("NT-Xent loss", "loss", List.of(model.loss, model.lossSmoothed),
                List.of(new Color(31, 119, 180, 70), new Color(31, 119, 180)));
        JFreeChart similarityChart = chart("mean cosine similarity", "cosine", List.of(model.positive, model.negative),
                List.of(new Color(44, 160, 44), new Color(214, 39, 40)));
        JFreeChart accuracyChart = chart("contrastive top-1", "accuracy", List.of(model.top1), List.of(new Color(31, 119, 180)));
        JFreeChart speedChart = chart("views per second", "views/s", List.of(model.viewsPerSecond), List.of(new Color(148, 103, 189)));
        JFreeChart rateChart = chart("learning rate", "lr", List.of(model.rate), List.of(new Color(140, 86, 75)));
        JFreeChart geometryChart = chart("alignment and uniformity", "value", List.of(model.alignment, model.uniformity),
                List.of(new Color(31, 119, 180), new Color(255, 127, 14)));
        charts = List.of(lossChart, similarityChart, accuracyChart, speedChart, rateChart, geometryChart);
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.add(Charts.viewer(lossChart, "chart-loss"), 0, 0);
        grid.add(Charts.viewer(similarityChart, "chart-similarity"), 1, 0);
        grid.add(Charts.viewer(accuracyChart, "chart-accuracy"), 0, 1);
        grid.add(Charts.viewer(speedChart, "chart-speed"), 1, 1);
        grid.add(Charts.viewer(rateChart, "chart-rate"), 2, 0);
        grid.add(Charts.viewer(geometryChart, "chart-geometry"), 2, 1);
        for (int i = 0; i < 3; i++) {
            var column = new javafx.scene.layout.ColumnConstraints();
            column.setPercentWidth(100.0 / 3);
            grid.getColumnConstraints().add(column);
        }
        for (int i = 0; i < 2; i++) {
            var row = new javafx.scene.layout.RowConstraints();
            row.setPercentHeight(50);
            grid.getRowConstraints().add(row);
        }
        grid.setPadding(new Insets(8));

        ProgressBar bar = new ProgressBar();
        bar.setId("train-progress");
        bar.progressProperty().bind(model.progress);
        bar.setMaxWidth(Double.MAX_VALUE);
        Label device = new Label();
        device.getStyleClass().add("hint");
        device.textProperty().bind(Bindings.concat("device: ", model.device));
        Label progressText = new Label();
        progressText.setId("train-progress-text");
        progressText.textProperty().bind(model.progressText);
        ListView<String> log = new ListView<>(model.log);
        log.setId("train-log");
        log.setPrefHeight(120);
        // After the list has laid out the new line; scrolling inside the change left the newest line below the fold.
        model.log.addListener((javafx.collections.ListChangeListener<String>) c -> javafx.application.Platform.runLater(
                () -> log.scrollTo(model.log.size() - 1)));
        VBox bottom = new VBox(4, bar, new HBox(16, progressText, device), log);
        bottom.setPadding(new Insets(0, 8, 8, 8));

        BorderPane right = new BorderPane(grid);
        right.setBottom(bottom);
        setCenter(right);
        setLeft(form());

        pump = new AnimationTimer() {
            private long last;

            @Override
            public void handle(long now) {
                if (now - last < REDRAW_NANOS) {
                    return;
                }
                last = now;
                charts.forEach(c -> c.setNotify(false));
                model.drain();
                charts.forEach(c -> c.setNotify(true));
            }
        };
        pump.start();
        Widgets.showFrom(model.error, "Training stopped");
    }

    private Node form() {
        ComboBox<EncoderKind> encoder = Widgets.choice("train-encoder", EncoderKind.values(), model.encoder, EncoderKind::parse);
        ComboBox<HeadKind> head = Widgets.choice("train-head", HeadKind.values(), model.head, HeadKind::parse);
        ComboBox<OptimizerKind> optimizer = Widgets.choice("train-optimizer", OptimizerKind.values(), model.optimizer, OptimizerKind::parse);
        ComboBox<AugmentationPreset> augmentation = Widgets.choice("train-augmentation", AugmentationPreset.values(), model.augmentation,
                AugmentationPreset::parse);
        Spinner<Integer> epochs = Widgets.intSpinner("train-epochs", 1, 1000, 1, model.epochs);
        Spinner<Integer> batch = Widgets.intSpinner("train-batch", 2, 4096, 16, model.batch);
        Spinner<Integer> images = Widgets.intSpinner("train-images", 20, 50_000, 500, model.shapesCount);
        Spinner<Integer> warmup = Widgets.intSpinner("train-warmup", 0, model.epochs.get(), 1, model.warmupEpochs);
        warmup.setPrefWidth(80);
        // A warm-up cannot be longer than the run.
        ((SpinnerValueFactory.IntegerSpinnerValueFactory) warmup.getValueFactory()).maxProperty().bind(model.epochs);
        warmup.setTooltip(new Tooltip("epochs over which the learning rate rises linearly from 0, before the cosine decay;"
                + " large batches and LARS need a few"));
        Spinner<Integer> seed = Widgets.intSpinner("train-seed", 0, Integer.MAX_VALUE, 1, model.seed);
        seed.setPrefWidth(100);
        seed.setTooltip(new Tooltip("weights, data order and augmentations all follow from the seed: the same seed repeats a run on the CPU"));
        Slider temperature = new Slider(0.01, 1.0, model.temperature.get());
        temperature.setId("train-temperature");
        temperature.valueProperty().bindBidirectional(model.temperature);
        Label temperatureLabel = new Label();
        temperatureLabel.textProperty().bind(temperature.valueProperty().asString("temperature τ: %.2f"));
        Spinner<Double> lr = new Spinner<>(1e-5, 1.0, model.learningRate.get(), 1e-4);
        lr.setId("train-lr");
        lr.setEditable(true);
        lr.setPrefWidth(100);
        lr.getValueFactory().setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Double v) {
                return v == null ? "" : String.format(java.util.Locale.ROOT, "%.1e", v);
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
        smoothingLabel.textProperty().bind(smoothing.valueProperty().asString("loss smoothing: %.2f"));

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
        Button resume = new Button("Resume a run…");
        resume.setId("train-resume-run");
        resume.setOnAction(e -> Widgets.chooseFolder(this, "Run folder to continue", Path.of(model.runsFolder.get()))
                .ifPresent(dir -> {
                    try {
                        model.resume(dir);
                    } catch (IllegalArgumentException ex) {
                        new Alert(Alert.AlertType.ERROR, ex.getMessage()).show();
                    }
                }));
        var idle = model.state.isEqualTo(TrainViewModel.State.IDLE);
        start.disableProperty().bind(idle.not().or(model.blocked));
        resume.disableProperty().bind(idle.not().or(model.blocked));
        var training = model.state.isEqualTo(TrainViewModel.State.RUNNING).or(model.state.isEqualTo(TrainViewModel.State.PAUSED));
        pause.disableProperty().bind(training.not());
        stop.disableProperty().bind(training.not());
        for (Node n : List.of(encoder, head, augmentation, optimizer, epochs, batch, temperature, lr, warmup, seed)) {
            n.disableProperty().bind(idle.not());
        }
        Label folder = new Label();
        folder.textProperty().bind(model.runFolder);
        folder.setWrapText(true);
        folder.getStyleClass().add("hint");

        HBox buttons = new HBox(6, start, pause, stop);
        Label waiting = new Label("A sweep or study is training; Start waits for it.");
        waiting.setId("train-blocked");
        waiting.setWrapText(true);
        waiting.getStyleClass().add("hint");
        waiting.visibleProperty().bind(model.blocked);
        waiting.managedProperty().bind(model.blocked);
        ComboBox<String> dataset = new ComboBox<>();
        dataset.setId("train-dataset");
        dataset.getItems().setAll("built-in shapes", "CIFAR-10 folder…");
        java.util.Optional<io.simclr.workbench.app.Folders.Remembered> last = io.simclr.workbench.app.Folders.last()
                .filter(r -> r.source() == io.simclr.workbench.data.DataSource.CIFAR10);
        last.ifPresent(r -> dataset.getItems().add("CIFAR-10: " + r.folder().getFileName() + " (last used)"));
        dataset.getSelectionModel().select(0);
        Label datasetFolder = new Label();
        datasetFolder.getStyleClass().add("hint");
        datasetFolder.setWrapText(true);
        datasetFolder.textProperty().bind(Bindings.createStringBinding(
                () -> model.cifarFolder.get() == null ? "" : model.cifarFolder.get().toString(), model.cifarFolder));
        dataset.setOnAction(e -> {
            if (dataset.getSelectionModel().getSelectedIndex() == 0) {
                model.cifarFolder.set(null);
                return;
            }
            if (dataset.getSelectionModel().getSelectedIndex() == 2) {
                model.cifarFolder.set(last.get().folder());
                return;
            }
            java.util.Optional<Path> dir = Widgets.chooseFolder(this,
                    "CIFAR-10 binary folder (data_batch_*.bin or train.bin)", io.simclr.workbench.app.Folders.startFolder());
            if (dir.isEmpty()) {
                dataset.getSelectionModel().select(model.cifarFolder.get() == null ? 0 : 1);
            } else {
                io.simclr.workbench.app.Folders.remember(io.simclr.workbench.data.DataSource.CIFAR10, dir.get());
                model.cifarFolder.set(dir.get());
            }
        });
        images.disableProperty().bind(idle.not().or(model.cifarFolder.isNotNull()));
        dataset.disableProperty().bind(idle.not());
        VBox box = new VBox(8, new Label("Dataset"), dataset, datasetFolder, new Label("Images (shapes)"), images, new Label("Encoder"), encoder, new Label("Head"), head, new Label("Augmentations"), augmentation,
                new Label("Epochs"), epochs, new Label("Batch (images)"), batch, new Label("Optimizer, learning rate"), new HBox(6, optimizer, lr),
                new Label("Warm-up epochs, seed"), new HBox(6, warmup, seed), temperatureLabel, temperature,
                smoothingLabel, smoothing,
                buttons, waiting, resume, folder);
        box.setPadding(new Insets(12));
        box.setPrefWidth(250);
        box.getStyleClass().add("controls");
        VBox.setVgrow(folder, Priority.NEVER);
        return box;
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

    public void dispose() {
        pump.stop();
    }
}
