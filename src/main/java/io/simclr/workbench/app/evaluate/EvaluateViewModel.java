package io.simclr.workbench.app.evaluate;

import io.simclr.workbench.eval.FeatureExtractor;
import io.simclr.workbench.eval.RunEvaluation;
import io.simclr.workbench.train.RunFolder;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The state of the Evaluate screen: which run and which probes, the evaluation running off the UI
 * thread (cancellable between its stages and fine-tuning steps; a cancelled evaluation writes
 * nothing), and its report.
 */
public final class EvaluateViewModel {

    public final ObjectProperty<Path> run = new SimpleObjectProperty<>();
    public final BooleanProperty linear = new SimpleBooleanProperty(true);
    public final BooleanProperty knn = new SimpleBooleanProperty(true);
    public final BooleanProperty fineTune = new SimpleBooleanProperty(false);
    /** Probe the projection z instead of the representation h (the head's lesson). */
    public final BooleanProperty projection = new SimpleBooleanProperty(false);
    public final BooleanProperty running = new SimpleBooleanProperty();
    public final StringProperty status = new SimpleStringProperty("choose a run, then Evaluate");
    public final ObjectProperty<RunEvaluation.Report> report = new SimpleObjectProperty<>();
    public final StringProperty error = new SimpleStringProperty();

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "evaluation");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean cancel;

    public void evaluate() {
        Path chosen = run.get();
        if (chosen == null || running.get()) {
            return;
        }
        Set<RunEvaluation.Probe> probes = EnumSet.noneOf(RunEvaluation.Probe.class);
        if (linear.get()) probes.add(RunEvaluation.Probe.LINEAR);
        if (knn.get()) probes.add(RunEvaluation.Probe.KNN);
        if (fineTune.get()) probes.add(RunEvaluation.Probe.FINETUNE);
        if (probes.isEmpty()) {
            error.set("Tick at least one of linear probe, kNN and fine-tuning.");
            return;
        }
        cancel = false;
        running.set(true);
        RunEvaluation.Settings settings = new RunEvaluation.Settings(probes,
                projection.get() ? FeatureExtractor.Layer.Z : FeatureExtractor.Layer.H, List.of(0.01, 0.1, 1.0), 10, null);
        worker.execute(() -> {
            try {
                RunEvaluation.Report r = RunEvaluation.evaluate(RunFolder.open(chosen), settings, message -> {
                    if (cancel) {
                        throw new CancellationException("cancelled");
                    }
                    Platform.runLater(() -> status.set(message.strip()));
                });
                Platform.runLater(() -> {
                    report.set(r);
                    status.set("evaluated " + chosen.getFileName() + "; eval.json written");
                });
            } catch (CancellationException e) {
                Platform.runLater(() -> status.set("cancelled; eval.json left as it was"));
            } catch (Exception e) {
                Platform.runLater(() -> {
                    status.set("evaluation failed");
                    error.set(e.getMessage());
                });
            } finally {
                Platform.runLater(() -> running.set(false));
            }
        });
    }

    public void cancel() {
        cancel = true;
    }

    /** Shows the evaluation a run already has (its eval.json), if any. */
    public void loadExisting() {
        Path chosen = run.get();
        report.set(null);
        if (chosen == null) {
            return;
        }
        try {
            var existing = RunEvaluation.read(chosen);
            existing.ifPresent(report::set);
            status.set(existing.isPresent() ? "showing " + chosen.getFileName() + "/" + RunEvaluation.FILE
                    : chosen.getFileName() + " has no evaluation yet: press Evaluate");
        } catch (Exception e) {
            status.set(chosen.resolve(RunEvaluation.FILE) + " could not be read: " + e.getMessage());
        }
    }

    public void dispose() {
        cancel = true;
        worker.shutdownNow();
    }
}
