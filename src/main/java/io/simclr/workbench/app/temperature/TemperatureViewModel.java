package io.simclr.workbench.app.temperature;

import io.simclr.workbench.augment.AugmentationPreset;
import io.simclr.workbench.data.DataConfig;
import io.simclr.workbench.eval.ViewSimilarities;
import io.simclr.workbench.model.EncoderKind;
import io.simclr.workbench.model.ModelConfig;
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
        return TrainConfig.defaults(DataConfig.shapes().withCounts(500, 100)).withTemperature(0.5);
    }

    public void dispose() {
        worker.shutdownNow();
    }
}
