package io.simclr.workbench.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Button;

/**
 * The four buttons of every experiment screen (sweep, augmentation study, method comparison, backbone
 * study): run — "Continue" while an unfinished experiment is open —, Stop, Open… a folder of one, and
 * Open page for its HTML page. Ids are {@code <id>-run}, {@code -stop}, {@code -open} and {@code -page}.
 */
public record ExperimentButtons(Button run, Button stop, Button open, Button page) {

    /**
     * @param runText    "Run sweep", "Compare", …
     * @param what       the folder the Open dialog asks for ("A sweep folder (one with sweep.json)")
     * @param pageFile   the page inside the folder ("sweep.html")
     * @param unfinished whether the open experiment has cells left (read when the job or its summary changes)
     */
    public static ExperimentButtons of(String id, String runText, String continueText, String openText, String what, String pageFile,
                                       ExperimentJob job, ObjectProperty<Path> folder, ObservableValue<?> summary, BooleanSupplier unfinished,
                                       Runnable start, Consumer<Path> openFolder, DialogService dialogs, Path runs) {
        Button run = new Button(runText);
        run.setId(id + "-run");
        run.textProperty().bind(Bindings.createStringBinding(() -> !job.running.get() && summary.getValue() != null && folder.get() != null
                && unfinished.getAsBoolean() ? continueText : runText, summary, folder, job.running));
        run.disableProperty().bind(job.running.or(job.blocked));
        run.setOnAction(e -> start.run());
        Button stop = new Button("Stop");
        stop.setId(id + "-stop");
        stop.disableProperty().bind(job.running.not());
        stop.setOnAction(e -> job.stop());
        Button open = new Button(openText);
        open.setId(id + "-open");
        open.disableProperty().bind(job.running);
        open.setOnAction(e -> dialogs.chooseFolder(what, runs).ifPresent(openFolder));
        Button page = new Button("Open page");
        page.setId(id + "-page");
        page.disableProperty().bind(Bindings.createBooleanBinding(() -> folder.get() == null || !Files.exists(folder.get().resolve(pageFile)),
                folder, summary));
        page.setOnAction(e -> dialogs.open(folder.get().resolve(pageFile)));
        return new ExperimentButtons(run, stop, open, page);
    }

    /** The buttons as wide as their column, for a side panel. */
    public ExperimentButtons filling() {
        for (Button b : new Button[] {run, stop, open, page}) {
            b.setMaxWidth(Double.MAX_VALUE);
        }
        return this;
    }
}
