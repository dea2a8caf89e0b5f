package io.simclr.workbench.app;

import io.simclr.workbench.data.DataConfig;
import io.simclr.workbench.data.DataSource;
import io.simclr.workbench.data.DatasetInspection;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The dataset the window trains on — the Train screen, and so the sweeps and studies — chosen once:
 * the built-in shapes, or a CIFAR-10, STL-10 or image folder. A folder is looked at before it is
 * taken (off the UI thread): a wrong one is refused with a count and what to choose instead and
 * the previous choice stays; a good one is remembered for next time, with the image size it will be
 * loaded at and why.
 */
public final class DatasetChoice {

    public final ObjectProperty<DataSource> source = new SimpleObjectProperty<>(DataSource.SHAPES);
    public final ObjectProperty<Path> folder = new SimpleObjectProperty<>();
    /** The side images are loaded at; for the shapes, their own 32 px. */
    public final IntegerProperty imageSize = new SimpleIntegerProperty(32);
    public final IntegerProperty shapesCount = new SimpleIntegerProperty(5_000);
    /** Images of the training split of a chosen folder (for the shapes, {@link #shapesCount} says it). */
    public final IntegerProperty folderTrainImages = new SimpleIntegerProperty();
    /** What the chosen dataset holds, in a line ("4,000 train and 1,000 test images in 10 classes · 28 px: …"). */
    public final StringProperty summary = new SimpleStringProperty(DatasetInspection.shapes(shapesCount.get()).summary());
    public final BooleanProperty checking = new SimpleBooleanProperty();
    /** Why the last folder was refused; null when the choice is good. */
    public final StringProperty problem = new SimpleStringProperty();

    private final Executor ui;
    private final ExecutorService worker = Workers.daemon("dataset-check");

    public DatasetChoice(Executor ui) {
        this.ui = ui;
        shapesCount.addListener(o -> {
            if (source.get() == DataSource.SHAPES) {
                summary.set(DatasetInspection.shapes(shapesCount.get()).summary());
            }
        });
    }

    public void useShapes() {
        problem.set(null);
        folder.set(null);
        imageSize.set(32);
        source.set(DataSource.SHAPES);
        summary.set(DatasetInspection.shapes(shapesCount.get()).summary());
    }

    /** Looks at {@code dir} as a {@code kind} dataset; takes it if it is one, else says why and keeps the previous choice. */
    public void choose(DataSource kind, Path dir) {
        checking.set(true);
        problem.set(null);
        summary.set("looking at " + dir + " …");
        worker.execute(() -> {
            try {
                DatasetInspection.Report report = DatasetInspection.inspect(kind, dir);
                ui.execute(() -> {
                    folder.set(dir);
                    folderTrainImages.set(report.trainImages());
                    imageSize.set(report.suggestedSize());
                    source.set(kind);
                    summary.set(report.summary());
                    checking.set(false);
                    Folders.remember(kind, dir);
                });
            } catch (RuntimeException e) {
                ui.execute(() -> {
                    problem.set(e.getMessage());
                    summary.set(source.get() == DataSource.SHAPES ? DatasetInspection.shapes(shapesCount.get()).summary()
                            : "still " + folder.get());
                    checking.set(false);
                });
            }
        });
    }

    /** Images in the training split. */
    public int trainImages() {
        return source.get() == DataSource.SHAPES ? shapesCount.get() : folderTrainImages.get();
    }

    /** The data part of a job's config. */
    public DataConfig config() {
        if (source.get() == DataSource.SHAPES) {
            return DataConfig.shapes(shapesCount.get());
        }
        return DataConfig.of(source.get(), folder.get()).withImageSize(imageSize.get());
    }

    public void dispose() {
        worker.shutdownNow();
    }
}
