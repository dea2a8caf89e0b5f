package io.simclr.workbench.app.runs;

import io.simclr.workbench.app.RunCatalog;
import io.simclr.workbench.app.Workers;
import io.simclr.workbench.run.RunReport;
import io.simclr.workbench.run.RunSummary;
import io.simclr.workbench.train.MetricsCsv;
import io.simclr.workbench.train.RunFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;

/** The state of the Runs screen: the runs folder's runs (kept current by the catalog), and loss curves of the selected ones for overlaying. */
public final class RunsViewModel {

    public final StringProperty status = new SimpleStringProperty("");
    public final StringProperty error = new SimpleStringProperty();

    private final RunCatalog catalog;
    private final Executor ui;
    private final ExecutorService worker = Workers.daemon("runs");

    public RunsViewModel(RunCatalog catalog, Executor ui) {
        this.catalog = catalog;
        this.ui = ui;
        status.bind(catalog.status);
    }

    public ObservableList<RunSummary> runs() {
        return catalog.runs;
    }

    /** Makes {@code run} the one the other screens work on. */
    public void pick(RunSummary run) {
        catalog.pick(run.folder());
    }

    /** Reads the loss curves of {@code selected} off the UI thread, then hands them over. */
    public void curves(List<RunSummary> selected, Consumer<Map<RunSummary, Map<String, double[]>>> then) {
        worker.execute(() -> {
            Map<RunSummary, Map<String, double[]>> out = new java.util.LinkedHashMap<>();
            for (RunSummary r : selected) {
                Path metrics = r.folder().resolve(RunFolder.METRICS);
                try {
                    if (Files.exists(metrics)) {
                        out.put(r, MetricsCsv.read(metrics));
                    }
                } catch (Exception e) {
                    ui.execute(() -> error.set(metrics + " could not be read: " + e.getMessage()));
                }
            }
            ui.execute(() -> then.accept(out));
        });
    }

    /** Writes the run's report.html, then hands its path over. */
    public void report(RunSummary run, Consumer<Path> then) {
        worker.execute(() -> {
            try {
                Path written = RunReport.write(RunFolder.open(run.folder()));
                ui.execute(() -> then.accept(written));
            } catch (Exception e) {
                ui.execute(() -> error.set(run.folder() + ": the report could not be written (" + e.getMessage() + ")"));
            }
        });
    }

    public void dispose() {
        worker.shutdownNow();
    }
}
