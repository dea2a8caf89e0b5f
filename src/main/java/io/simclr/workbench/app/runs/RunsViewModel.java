package io.simclr.workbench.app.runs;

import io.simclr.workbench.train.Metric;
import io.simclr.workbench.train.MetricsTable;
import io.simclr.workbench.app.RunCatalog;
import io.simclr.workbench.app.Workers;
import io.simclr.workbench.exchange.EncoderImport;
import io.simclr.workbench.exchange.PyTorchExport;
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

    /** How many runs, where: the catalog's line. */
    public final StringProperty status = new SimpleStringProperty("");
    /** What the last action (an export, an import) did. */
    public final StringProperty message = new SimpleStringProperty("");
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
    public void curves(List<RunSummary> selected, Consumer<Map<RunSummary, MetricsTable>> then) {
        worker.execute(() -> {
            Map<RunSummary, MetricsTable> out = new java.util.LinkedHashMap<>();
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

    /**
     * Writes {@code run}'s encoder (and head, when asked) as safetensors under torchvision's names,
     * with the JSON that says what it is, then says where.
     */
    public void exportToPyTorch(RunSummary run, Path out, boolean includeHead) {
        worker.execute(() -> {
            try {
                PyTorchExport.Result r = PyTorchExport.export(RunFolder.open(run.folder()), out, includeHead);
                ui.execute(() -> message.set(String.format(java.util.Locale.ROOT, "exported %d tensors to %s (what it is: %s)", r.tensors(),
                        r.weights(), r.description().getFileName())));
            } catch (Exception e) {
                ui.execute(() -> error.set(e.getMessage()));
            }
        });
    }

    /**
     * Makes a run folder from an encoder trained elsewhere, to evaluate and map beside the runs
     * trained here; {@code encoder} null takes what the file says.
     */
    public void importEncoder(Path file, io.simclr.workbench.model.EncoderKind encoder, io.simclr.workbench.data.DataConfig data) {
        Path out = catalog.folder().resolve("imported-" + file.getFileName().toString().replaceAll("\\.safetensors$", "")
                .replaceAll("[^A-Za-z0-9._-]", "_"));
        worker.execute(() -> {
            try {
                EncoderImport.Result r = EncoderImport.importEncoder(file, new EncoderImport.Settings(encoder, null, null, data, 1), out);
                ui.execute(() -> {
                    message.set(String.format(java.util.Locale.ROOT, "imported %d tensors from %s into %s", r.record().tensors(), file,
                            r.run().root()) + (r.notes().isEmpty() ? "" : " (" + String.join("; ", r.notes()) + ")"));
                    catalog.pick(r.run().root());
                    catalog.refresh();
                });
            } catch (Exception e) {
                ui.execute(() -> error.set(e.getMessage()));
            }
        });
    }

    public void dispose() {
        worker.shutdownNow();
    }
}
