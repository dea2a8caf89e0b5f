package io.simclr.workbench.app.runs;

import io.simclr.workbench.run.RunReport;
import io.simclr.workbench.run.RunSummary;
import io.simclr.workbench.train.MetricsCsv;
import io.simclr.workbench.train.RunFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The state of the Runs screen: the runs folder's runs, and loss curves of the selected ones for overlaying. */
public final class RunsViewModel {

    public final StringProperty runsFolder = new SimpleStringProperty(System.getProperty("simclr.workbench.runs", "runs"));
    public final ObservableList<RunSummary> runs = FXCollections.observableArrayList();
    public final StringProperty status = new SimpleStringProperty("");
    public final StringProperty error = new SimpleStringProperty();

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "runs");
        t.setDaemon(true);
        return t;
    });

    public void refresh() {
        Path folder = Path.of(runsFolder.get());
        worker.execute(() -> {
            try {
                List<RunSummary> list = RunSummary.list(folder);
                Platform.runLater(() -> {
                    runs.setAll(list);
                    status.set(list.size() + (list.size() == 1 ? " run in " : " runs in ") + folder.toAbsolutePath().normalize());
                });
            } catch (Exception e) {
                Platform.runLater(() -> error.set(folder + ": " + e.getMessage()));
            }
        });
    }

    /** Reads the loss curves of {@code selected} off the UI thread, then hands them over. */
    public void curves(List<RunSummary> selected, Consumer<Map<RunSummary, Map<String, double[]>>> then) {
        worker.execute(() -> {
            Map<RunSummary, Map<String, double[]>> out = new java.util.LinkedHashMap<>();
            for (RunSummary r : selected) {
                Path metrics = r.folder().resolve("metrics.csv");
                try {
                    if (Files.exists(metrics)) {
                        out.put(r, MetricsCsv.read(metrics));
                    }
                } catch (Exception e) {
                    Platform.runLater(() -> status.set(metrics + " could not be read: " + e.getMessage()));
                }
            }
            Platform.runLater(() -> then.accept(out));
        });
    }

    /** Writes the run's report.html, then hands its path over. */
    public void report(RunSummary run, Consumer<Path> then) {
        status.set("writing the report of " + run.name() + " …");
        worker.execute(() -> {
            try {
                Path written = RunReport.write(RunFolder.open(run.folder()));
                Platform.runLater(() -> {
                    status.set("wrote " + written);
                    then.accept(written);
                });
            } catch (Exception e) {
                Platform.runLater(() -> error.set(run.folder() + ": the report could not be written (" + e.getMessage() + ")"));
            }
        });
    }

    public void dispose() {
        worker.shutdownNow();
    }
}
