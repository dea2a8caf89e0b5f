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
import io.simclr.workbench.app.Lesson;
import io.simclr.workbench.app.LessonPart;
import io.simclr.workbench.app.RunCatalog;
import io.simclr.workbench.app.Workers;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The state of the Temperature screen: one batch of views through an encoder (the window's current
 * run, or the small encoder at random initialisation), the chosen anchor, and tau. The batch is
 * computed off the UI thread; moving tau is arithmetic on 2N - 1 numbers, so it redraws at once.
 */
public final class TemperatureViewModel implements LessonPart {

    /** Why a random-init batch looks as it does, said where the numbers are. */
    public static final String RANDOM_INIT_NOTE = "At random initialisation every projection points in nearly the same direction (the"
            + " encoder's ReLU features are all positive), so every cosine is near 1 and the softmax is nearly flat at any τ: train a run,"
            + " or pick one, to see the similarities spread.";

    public final ObjectProperty<ViewSimilarities.Batch> batch = new SimpleObjectProperty<>();
    public final IntegerProperty anchor = new SimpleIntegerProperty(0);
    public final DoubleProperty temperature = new SimpleDoubleProperty(0.5);
    public final IntegerProperty pairs = new SimpleIntegerProperty(16);
    public final IntegerProperty seed = new SimpleIntegerProperty(1);
    /** Use the encoder at random initialisation instead of the current run's. */
    public final BooleanProperty randomInit = new SimpleBooleanProperty();
    /** Draw the softmax on a fixed 0 … 1 scale, so flattening shows as bars shrinking, not rescaling. */
    public final BooleanProperty fixedScale = new SimpleBooleanProperty();
    public final StringProperty status = new SimpleStringProperty("");
    public final StringProperty error = new SimpleStringProperty();

    private final RunCatalog catalog;
    private final Executor ui;
    private final ExecutorService worker = Workers.daemon("temperature-batch");

    public TemperatureViewModel(RunCatalog catalog, Executor ui) {
        this.catalog = catalog;
        this.ui = ui;
        catalog.current.addListener((o, was, now) -> {
            if (!randomInit.get()) {
                load();
            }
        });
        randomInit.addListener((o, was, now) -> load());
    }

    /** Draws a new batch with the current run (or random init), pairs and seed. */
    public void load() {
        Path chosen = randomInit.get() ? null : catalog.current.get();
        int n = pairs.get();
        long s = seed.get();
        status.set("embedding " + 2 * n + " views …");
        worker.execute(() -> {
            try {
                ViewSimilarities.Batch b = chosen == null ? ViewSimilarities.compute(randomInitConfig(), null, n, s)
                        : ViewSimilarities.compute(RunFolder.open(chosen), n, s);
                ui.execute(() -> {
                    anchor.set(0);
                    batch.set(b);
                    status.set(String.format("%d views from %s, projections z by %s", b.viewCount(),
                            chosen == null ? "the built-in shapes" : chosen.getFileName(), b.source()));
                });
            } catch (Exception e) {
                ui.execute(() -> {
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

    /** Whether the batch on screen came from the encoder at random initialisation. */
    public boolean showingRandomInit() {
        return batch.get() != null && batch.get().source().startsWith("random");
    }

    @Override
    public void apply(Lesson lesson) {
        if (lesson.temperature() > 0) {
            temperature.set(lesson.temperature());
        }
    }

    @Override
    public Lesson capture(Lesson lesson) {
        return lesson.withTemperature(temperature.get());
    }

    public void dispose() {
        worker.shutdownNow();
    }
}
