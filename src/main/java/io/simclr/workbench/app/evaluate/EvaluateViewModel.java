package io.simclr.workbench.app.evaluate;

import io.simclr.workbench.app.RunCatalog;
import io.simclr.workbench.app.Workers;
import io.simclr.workbench.eval.FeatureExtractor;
import io.simclr.workbench.eval.RunEvaluation;
import io.simclr.workbench.train.RunFolder;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The state of the Evaluate screen: the window's current run and which probes, the evaluation
 * running off the UI thread (cancellable between its stages and fine-tuning steps; a cancelled
 * evaluation writes nothing), and its report.
 */
public final class EvaluateViewModel {

    public final BooleanProperty linear = new SimpleBooleanProperty(true);
    public final BooleanProperty knn = new SimpleBooleanProperty(true);
    public final BooleanProperty fineTune = new SimpleBooleanProperty(false);
    /** Probe the projection z instead of the representation h (the head's lesson). */
    public final BooleanProperty projection = new SimpleBooleanProperty(false);
    public final BooleanProperty running = new SimpleBooleanProperty();
    public final StringProperty status = new SimpleStringProperty("choose a run, then Evaluate");
    public final ObjectProperty<RunEvaluation.Report> report = new SimpleObjectProperty<>();
    public final StringProperty error = new SimpleStringProperty();
    /** A second run whose evaluation is drawn beside the current run's (an imported encoder beside one trained here); null for none. */
    public final ObjectProperty<Path> beside = new SimpleObjectProperty<>();
    public final ObjectProperty<RunEvaluation.Report> besideReport = new SimpleObjectProperty<>();
    /** Why nothing is beside, or why the two are not quite comparable; empty when all is well. */
    public final StringProperty besideNote = new SimpleStringProperty("");

    private final RunCatalog catalog;
    private final Executor ui;
    private final ExecutorService worker = Workers.daemon("evaluation");
    private volatile boolean cancel;

    public EvaluateViewModel(RunCatalog catalog, Executor ui) {
        this.catalog = catalog;
        this.ui = ui;
        catalog.current.addListener((o, was, now) -> loadExisting());
        beside.addListener((o, was, now) -> loadBeside());
        report.addListener((o, was, now) -> besideNote.set(comparability()));
        loadExisting();
    }

    public ObjectProperty<Path> run() {
        return catalog.current;
    }

    public void evaluate() {
        Path chosen = catalog.current.get();
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
        status.set("starting the evaluation of " + chosen.getFileName() + " …");
        RunEvaluation.Settings settings = new RunEvaluation.Settings(probes,
                projection.get() ? FeatureExtractor.Layer.Z : FeatureExtractor.Layer.H, List.of(0.01, 0.1, 1.0), 10, null);
        worker.execute(() -> {
            try {
                RunEvaluation.Report r = RunEvaluation.evaluate(RunFolder.open(chosen), settings, message -> {
                    if (cancel) {
                        throw new CancellationException("cancelled");
                    }
                    ui.execute(() -> status.set(message.strip()));
                });
                ui.execute(() -> {
                    report.set(r);
                    if (chosen.equals(beside.get())) {
                        loadBeside();
                    }
                    status.set("evaluated " + chosen.getFileName() + "; written to " + chosen.resolve(RunEvaluation.FILE));
                    catalog.refresh();
                });
            } catch (CancellationException e) {
                ui.execute(() -> status.set("cancelled; " + RunEvaluation.FILE + " left as it was"));
            } catch (Exception e) {
                ui.execute(() -> {
                    status.set("evaluation failed");
                    error.set(e.getMessage());
                });
            } finally {
                ui.execute(() -> running.set(false));
            }
        });
    }

    public void cancel() {
        cancel = true;
    }

    /** Shows the evaluation the current run already has (its eval.json), if any. */
    public void loadExisting() {
        Path chosen = catalog.current.get();
        report.set(null);
        if (chosen == null) {
            status.set("no run yet: train one on the Train screen, then evaluate it here");
            return;
        }
        try {
            var existing = RunEvaluation.read(chosen);
            existing.ifPresent(report::set);
            status.set(existing.isPresent() ? "showing the evaluation in " + chosen.resolve(RunEvaluation.FILE)
                    : chosen.getFileName() + " has no evaluation yet: press Evaluate");
        } catch (Exception e) {
            status.set(chosen.resolve(RunEvaluation.FILE) + " could not be read: " + e.getMessage());
        }
    }

    /** Reads the evaluation the run beside already has; it is not evaluated here (pick it as the run to do that). */
    private void loadBeside() {
        Path other = beside.get();
        besideReport.set(null);
        if (other == null) {
            besideNote.set("");
            return;
        }
        try {
            RunEvaluation.read(other).ifPresentOrElse(besideReport::set, () -> { });
            besideNote.set(besideReport.get() == null ? other.getFileName() + " has no evaluation yet: pick it as the run, press Evaluate,"
                    + " then choose it here again" : comparability());
        } catch (Exception e) {
            besideNote.set(other.resolve(RunEvaluation.FILE) + " could not be read: " + e.getMessage());
        }
    }

    /** Scores of two runs compare only on the same test images, classes and layer. */
    private String comparability() {
        RunEvaluation.Report a = report.get();
        RunEvaluation.Report b = besideReport.get();
        if (a == null || b == null) {
            return besideNote.get();
        }
        if (!a.classNames().equals(b.classNames()) || a.testSize() != b.testSize()) {
            return "not comparable: " + Path.of(b.run()).getFileName() + " was scored on other test images (" + b.testSize() + " in "
                    + b.classNames().size() + " classes, against " + a.testSize() + " in " + a.classNames().size() + ")";
        }
        return java.util.Objects.equals(a.layer(), b.layer()) ? "" : "the two were scored on different features (" + a.layer() + " and " + b.layer() + ")";
    }

    public void dispose() {
        cancel = true;
        worker.shutdownNow();
    }
}
