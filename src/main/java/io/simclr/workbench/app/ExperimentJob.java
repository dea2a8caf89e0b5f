package io.simclr.workbench.app;

import io.simclr.workbench.run.ExperimentControl;
import io.simclr.workbench.run.ExperimentProgress;
import io.simclr.workbench.train.StepMetrics;
import io.simclr.workbench.train.TrainingListener;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * A sweep or study running off the UI thread, as the window sees it: whether it runs, which cell,
 * how far (0 … 1 over all cells) and about how long is left, and Stop. Time left assumes every cell
 * trains for its time limit, plus a guess for its evaluation learned from the cells done so far.
 */
public final class ExperimentJob {

    /** The experiment's work; it reports progress and training steps and obeys the control. */
    public interface Work {
        void run(Consumer<ExperimentProgress> progress, TrainingListener steps, ExperimentControl control) throws Exception;
    }

    public final BooleanProperty running = new SimpleBooleanProperty();
    public final StringProperty status = new SimpleStringProperty("");
    public final DoubleProperty progress = new SimpleDoubleProperty(0);
    public final StringProperty error = new SimpleStringProperty();
    /** True while another of the window's training jobs runs; a start waits for it (two on the same cores slow each other many times over). */
    public final BooleanProperty blocked = new SimpleBooleanProperty();
    /** The run folder name of the cell training or being evaluated now; null between cells. */
    public final StringProperty currentCell = new SimpleStringProperty();

    private final ExecutorService executor;
    private final ExecutorService reader;
    private ExperimentControl control;

    public ExperimentJob(String threadName) {
        executor = Workers.daemon(threadName);
        reader = Workers.daemon(threadName + "-results");
    }


    /** What reading an experiment folder's results returns. */
    public interface Reader<T> {
        T read() throws java.io.IOException;
    }

    /**
     * Reads results from {@code folder} off the UI thread (beside a running experiment), then hands
     * them to {@code show} on the UI thread; a failure becomes an error naming the folder.
     */
    public <T> void load(java.nio.file.Path folder, Reader<T> read, Consumer<T> show) {
        reader.execute(() -> {
            try {
                T result = read.read();
                Platform.runLater(() -> show.accept(result));
            } catch (java.io.IOException | RuntimeException e) {
                Platform.runLater(() -> error.set(folder + ": " + e.getMessage()));
            }
        });
    }

    /**
     * Starts {@code work} unless one is running; {@code onCellDone} runs on the UI thread after each
     * finished cell and at the end (to reload the results), {@code secondsPerCell} is the cells' time limit.
     */
    public void start(Work work, double secondsPerCell, Runnable onCellDone) {
        if (running.get()) {
            return;
        }
        if (blocked.get()) {
            status.set("another training job is running; start this one when it has finished");
            return;
        }
        ExperimentControl c = new ExperimentControl();
        control = c;
        running.set(true);
        progress.set(0);
        status.set("starting …");
        Clock clock = new Clock(secondsPerCell);
        executor.execute(() -> {
            try {
                work.run(p -> {
                    clock.cell(p);
                    Platform.runLater(() -> show(clock));
                    if (p.stage() == ExperimentProgress.Stage.DONE) {
                        Platform.runLater(onCellDone);
                    }
                }, new TrainingListener() {
                    @Override
                    public void onStep(StepMetrics step) {
                        if (clock.step(step.elapsedSeconds())) {
                            Platform.runLater(() -> show(clock));
                        }
                    }
                }, c);
                Platform.runLater(() -> {
                    progress.set(1);
                    status.set("finished: " + clock.cells() + " cells");
                });
            } catch (CancellationException e) {
                Platform.runLater(() -> status.set("stopped (" + e.getMessage() + ")"));
            } catch (Exception e) {
                Platform.runLater(() -> {
                    status.set("failed");
                    error.set(e.getMessage() == null ? e.toString() : e.getMessage());
                });
            } finally {
                Platform.runLater(() -> {
                    running.set(false);
                    currentCell.set(null);
                    onCellDone.run();
                });
            }
        });
    }

    /** "folder: status" for a status line; the folder alone when nothing is happening, {@code none} without a folder. */
    public javafx.beans.binding.StringBinding statusLine(javafx.beans.value.ObservableValue<java.nio.file.Path> folder, String none) {
        return javafx.beans.binding.Bindings.createStringBinding(() -> {
            if (folder.getValue() == null) {
                return none;
            }
            String name = folder.getValue().getFileName().toString();
            return status.get().isEmpty() ? name : name + ": " + status.get();
        }, folder, status);
    }

    /** Asks the running cell to stop at its next step; its checkpoint is kept for the next start. */
    public void stop() {
        ExperimentControl c = control;
        if (c != null) {
            c.stop();
            status.set("stopping at the next step …");
        }
    }

    private void show(Clock clock) {
        progress.set(clock.fraction());
        status.set(clock.describe());
        currentCell.set(clock.activeCell());
    }

    /** Stops a running experiment and waits (up to a minute) for its cell to write its checkpoint. */
    public void dispose() {
        stop();
        reader.shutdownNow();
        executor.shutdown();
        try {
            executor.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Progress arithmetic, on the experiment's thread; read by the UI thread only through {@link #describe()} snapshots. */
    static final class Clock {
        private final double secondsPerCell;
        private volatile ExperimentProgress current;
        private volatile double trainedInCell;
        private double lastShown = -1;
        private long evaluationStarted;
        private double evaluationSeconds = Double.NaN;

        Clock(double secondsPerCell) {
            this.secondsPerCell = secondsPerCell;
        }

        void cell(ExperimentProgress p) {
            if (p.stage() == ExperimentProgress.Stage.TRAINING) {
                trainedInCell = 0;
            } else if (p.stage() == ExperimentProgress.Stage.EVALUATING) {
                trainedInCell = secondsPerCell;
                evaluationStarted = System.nanoTime();
            } else if (p.stage() == ExperimentProgress.Stage.DONE && evaluationStarted != 0) {
                evaluationSeconds = (System.nanoTime() - evaluationStarted) / 1e9;
            }
            current = p;
        }

        int cells() {
            ExperimentProgress p = current;
            return p == null ? 0 : p.cells();
        }

        /** True at most once a second of training, when the readout is worth refreshing. */
        boolean step(double elapsedSeconds) {
            trainedInCell = Math.min(secondsPerCell, elapsedSeconds);
            if (elapsedSeconds - lastShown >= 1 || elapsedSeconds < lastShown) {
                lastShown = elapsedSeconds;
                return true;
            }
            return false;
        }

        double fraction() {
            ExperimentProgress p = current;
            if (p == null) {
                return 0;
            }
            double within = p.finished() ? 1 : secondsPerCell > 0 ? 0.9 * trainedInCell / secondsPerCell : 0;
            return (p.cell() - 1 + within) / p.cells();
        }

        String activeCell() {
            ExperimentProgress p = current;
            return p == null || p.finished() ? null : p.name();
        }

        String describe() {
            ExperimentProgress p = current;
            if (p == null) {
                return "";
            }
            if (secondsPerCell <= 0) {
                return p.message();
            }
            double evaluation = Double.isNaN(evaluationSeconds) ? 0.1 * secondsPerCell : evaluationSeconds;
            double left = (p.cells() - p.cell()) * (secondsPerCell + evaluation)
                    + (p.finished() ? 0 : Math.max(0, secondsPerCell - trainedInCell) + (p.stage() == ExperimentProgress.Stage.EVALUATING ? 0 : evaluation));
            return String.format(Locale.ROOT, "%s — about %s left", p.message(), minutes(left));
        }

        static String minutes(double seconds) {
            long s = Math.round(seconds);
            return s >= 60 ? String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60) : s + " s";
        }
    }
}
