package io.simclr.workbench.app;

import io.simclr.workbench.run.RunSummary;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The runs of the runs folder, and the current run: the one Evaluate, Embeddings and Temperature
 * work on. The current run is the newest that can be evaluated until the user picks another (on
 * any screen's run list or the Runs screen), and a run the Train screen finishes becomes current.
 * The list is read off the UI thread and refreshed on a timer, so runs made by a sweep, a study or
 * a command line appear without a Refresh button.
 */
public final class RunCatalog {

    public final ObservableList<RunSummary> runs = FXCollections.observableArrayList();
    /** Runs that have a checkpoint: what a screen that evaluates or maps can offer. */
    public final ObservableList<RunSummary> evaluable = FXCollections.observableArrayList();
    public final ObjectProperty<Path> current = new SimpleObjectProperty<>();
    public final StringProperty status = new SimpleStringProperty("");

    private final Path folder;
    private final Executor ui;
    private final ExecutorService worker = Workers.daemon("runs-catalog");
    private boolean pickedByUser;

    /** @param ui runs on the UI thread (Platform::runLater; a test may run it directly) */
    public RunCatalog(Path folder, Executor ui) {
        this.folder = folder;
        this.ui = ui;
    }

    public Path folder() {
        return folder;
    }

    /** Reads the list again off the UI thread; changes it only if something changed. */
    public void refresh() {
        worker.execute(() -> {
            try {
                List<RunSummary> list = RunSummary.list(folder);
                ui.execute(() -> apply(list));
            } catch (Exception e) {
                ui.execute(() -> status.set(folder + " could not be listed: " + e.getMessage()));
            }
        });
    }

    private void apply(List<RunSummary> list) {
        // A run in training changes its date every step; the list is replaced only when what it shows otherwise changed.
        if (!list.stream().map(RunCatalog::withoutDate).toList().equals(runs.stream().map(RunCatalog::withoutDate).toList())) {
            runs.setAll(list);
            evaluable.setAll(list.stream().filter(RunSummary::hasCheckpoint).toList());
        }
        status.set(list.size() + (list.size() == 1 ? " run in " : " runs in ") + folder.toAbsolutePath().normalize());
        if (!pickedByUser && current.get() == null && !evaluable.isEmpty()) {
            current.set(evaluable.get(0).folder());
        }
    }

    private static RunSummary withoutDate(RunSummary r) {
        return r.withModified(java.time.Instant.EPOCH);
    }

    /** The user chose {@code run} (on a run list, the Runs screen): it stays current until they choose again or train another. */
    public void pick(Path run) {
        pickedByUser = true;
        current.set(run);
    }

    /** A run the window has just made (trained to the end, or stopped with a checkpoint) becomes current. */
    public void madeByWindow(Path run) {
        current.set(run);
        refresh();
    }

    public Optional<RunSummary> summary(Path run) {
        return runs.stream().filter(r -> r.folder().equals(run)).findFirst();
    }

    public void dispose() {
        worker.shutdownNow();
    }
}
