package io.simclr.workbench.app.temperature;

import io.simclr.workbench.augment.AugmentationPreset;
import io.simclr.workbench.data.DataConfig;
import io.simclr.workbench.eval.ViewSimilarities;
import io.simclr.workbench.model.EncoderKind;
import io.simclr.workbench.model.ModelConfig;
import io.simclr.workbench.train.OptimizerKind;
import io.simclr.workbench.train.RunFolder;
import io.simclr.workbench.train.TrainConfig;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The state of the Temperature screen: one batch of views through an encoder (a run's latest
 * checkpoint, or the small encoder at random initialisation), the chosen anchor, and tau. The batch
 * is computed off the UI thread; moving tau is arithmetic on 2N - 1 numbers, so it redraws at once.
 */
public final class TemperatureViewModel {

    public final ObjectProperty<ViewSimilarities.Batch> batch = new SimpleObjectProperty<>();
    public final IntegerProperty anchor = new SimpleIntegerProperty(0);
    public final DoubleProperty temperature = new SimpleDoubleProperty(0.5);
    public final IntegerProperty pairs = new SimpleIntegerProperty(16);
    public final IntegerProperty seed = new SimpleIntegerProperty(1);
    public final ObjectProperty<Path> run = new SimpleObjectProperty<>();
    public final StringProperty status = new SimpleStringProperty("");
    public final StringProperty error = new SimpleStringProperty();

    public final StringProperty sweepTemperatures = new SimpleStringProperty("0.05,0.1,0.5,1.0");
    public final IntegerProperty sweepSeconds = new SimpleIntegerProperty(100);
    public final javafx.beans.property.BooleanProperty sweeping = new javafx.beans.property.SimpleBooleanProperty();
    public final StringProperty sweepStatus = new SimpleStringProperty("");
    /** The finished sweep's page, for the view to open. */
    public final ObjectProperty<Path> sweepPage = new SimpleObjectProperty<>();

    private final ExecutorService sweeper = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "temperature-sweep");
        t.setDaemon(true);
        return t;
    });

    /**
     * A temperature sweep on the built-in shapes (one run per temperature, same seed and schedule, each
     * stopped after the chosen seconds), into {@code runs/sweep-<time>}; when it ends, its page is offered.
     */
    public void sweep(Path runs) {
        if (sweeping.get()) {
            return;
        }
        java.util.List<Double> temperatures;
        try {
            temperatures = java.util.Arrays.stream(sweepTemperatures.get().split(",")).map(String::trim).map(Double::parseDouble).toList();
        } catch (NumberFormatException e) {
            error.set("Temperatures must be numbers separated by commas, e.g. 0.05,0.1,0.5,1.0 — not \"" + sweepTemperatures.get() + "\"");
            return;
        }
        TrainConfig base = new TrainConfig(DataConfig.shapes(), AugmentationPreset.SHAPES.config(), ModelConfig.defaults(EncoderKind.SMALL), 64,
                15, 0.5, OptimizerKind.ADAM, 1e-3, -1, 0, 0, 1, "auto", 0, 0, 1, sweepSeconds.get(), 0, 0.1);
        Path folder = runs.resolve("sweep-" + java.time.LocalDateTime.now().format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        sweeping.set(true);
        sweepStatus.set("sweep starting …");
        sweeper.execute(() -> {
            try {
                io.simclr.workbench.run.TemperatureSweep.run(base, temperatures, folder, java.util.List.of(),
                        m -> Platform.runLater(() -> sweepStatus.set(m)));
                Platform.runLater(() -> {
                    sweepStatus.set("sweep done: " + folder.resolve("sweep.html"));
                    sweepPage.set(folder.resolve("sweep.html"));
                });
            } catch (Exception e) {
                Platform.runLater(() -> {
                    sweepStatus.set("sweep stopped");
                    error.set(e.getMessage());
                });
            } finally {
                Platform.runLater(() -> sweeping.set(false));
            }
        });
    }

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "temperature-batch");
        t.setDaemon(true);
        return t;
    });

    /** Draws a new batch with the current run (or random init), pairs and seed. */
    public void load() {
        Path chosen = run.get();
        int n = pairs.get();
        long s = seed.get();
        status.set("embedding " + 2 * n + " views …");
        worker.execute(() -> {
            try {
                ViewSimilarities.Batch b = chosen == null ? ViewSimilarities.compute(randomInitConfig(), null, n, s)
                        : ViewSimilarities.compute(RunFolder.open(chosen), n, s);
                Platform.runLater(() -> {
                    anchor.set(0);
                    batch.set(b);
                    status.set(String.format("%d views from %s, projections z by %s", b.viewCount(),
                            chosen == null ? "the built-in shapes" : chosen.getFileName(), b.source()));
                });
            } catch (Exception e) {
                Platform.runLater(() -> {
                    status.set("could not make the batch");
                    error.set(e.getMessage());
                });
            }
        });
    }

    /** softmax(s / tau) over the anchor's row. */
    public double[] probabilities() {
        ViewSimilarities.Batch b = batch.get();
        return b == null ? new double[0] : ViewSimilarities.softmax(b, anchor.get(), temperature.get());
    }

    static TrainConfig randomInitConfig() {
        return new TrainConfig(DataConfig.shapes().withCounts(500, 100), AugmentationPreset.SHAPES.config(),
                ModelConfig.defaults(EncoderKind.SMALL), 64, 1, 0.5, OptimizerKind.ADAM, 0, -1, 0, 0, 1, "auto", 0, 0, 1, 0, 0, 0.1);
    }

    public void dispose() {
        worker.shutdownNow();
        sweeper.shutdownNow();
    }
}
