package io.simclr.workbench.app.study;

import io.simclr.workbench.app.ExperimentJob;
import io.simclr.workbench.data.DataConfig;
import io.simclr.workbench.run.AugmentationStudy;
import io.simclr.workbench.train.TrainConfig;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.function.Supplier;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The Study screen's state: which operations the augmentation-composition study composes, how long
 * each cell trains, the study folder and its results so far. A start continues an opened study that
 * has missing cells (with its own operations); otherwise it makes a new study folder under the runs
 * folder. The study runs on the built-in shapes, off the UI thread.
 */
public final class StudyViewModel {

    public final Map<AugmentationStudy.Operation, BooleanProperty> chosen = new EnumMap<>(AugmentationStudy.Operation.class);
    public final IntegerProperty secondsPerRun = new SimpleIntegerProperty(30);
    public final ObjectProperty<Path> folder = new SimpleObjectProperty<>();
    public final ObjectProperty<AugmentationStudy.Summary> summary = new SimpleObjectProperty<>();
    public final ExperimentJob job = new ExperimentJob("augmentation-study");

    private final Supplier<DataConfig> data;
    private final int batch;

    /** @param data the dataset each study trains on when it starts (the window's choice on the Train screen) */
    public StudyViewModel(Supplier<DataConfig> data, int batch) {
        this.data = data;
        this.batch = batch;
        List<AugmentationStudy.Operation> defaults = List.of(AugmentationStudy.Operation.CROP, AugmentationStudy.Operation.COLOR,
                AugmentationStudy.Operation.BLUR);
        for (AugmentationStudy.Operation op : AugmentationStudy.Operation.values()) {
            chosen.put(op, new SimpleBooleanProperty(defaults.contains(op)));
        }
    }

    /** The study's cell runs: a 10-epoch schedule cut at the seconds per run. */
    TrainConfig base() {
        return AugmentationStudy.base(data.get(), batch, 10, 0, secondsPerRun.get());
    }

    public void start(Path runs) {
        if (job.running.get()) {
            return;
        }
        List<AugmentationStudy.Operation> ops;
        Path target = folder.get();
        AugmentationStudy.Summary open = summary.get();
        if (target != null && open != null && !finished(open)) {
            ops = open.operations().stream().map(AugmentationStudy.Operation::parse).toList();
        } else {
            ops = Arrays.stream(AugmentationStudy.Operation.values()).filter(op -> chosen.get(op).get()).toList();
            if (ops.isEmpty()) {
                job.error.set("Tick at least one operation to study (crop, color and blur make a 3 x 3 grid of nine short runs).");
                return;
            }
            target = runs.resolve("study-" + data.get().source().id() + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("MMdd-HHmmss")));
            folder.set(target);
            summary.set(new AugmentationStudy.Summary(ops.stream().map(AugmentationStudy.Operation::id).toList(), List.of()));
        }
        Path study = target;
        TrainConfig base = base();
        job.start((progress, steps, control) -> AugmentationStudy.run(base, ops, study, List.of(steps), progress, control),
                secondsPerRun.get(), this::reload);
    }

    /** Cells the study still lacks. */
    public static int missing(AugmentationStudy.Summary s) {
        return s.operations().size() * s.operations().size() - s.cells().size();
    }

    static boolean finished(AugmentationStudy.Summary s) {
        return missing(s) <= 0;
    }

    /** Shows the study in {@code dir} (a folder with a study.json). */
    public void open(Path dir) {
        folder.set(dir);
        reload();
    }

    public void reload() {
        Path dir = folder.get();
        if (dir == null) {
            return;
        }
        job.load(dir, () -> AugmentationStudy.load(dir), loaded -> {
            if (loaded.isPresent()) {
                summary.set(loaded.get());
                chosen.forEach((op, on) -> on.set(loaded.get().operations().contains(op.id())));
            } else if (!job.running.get()) {
                job.error.set(dir + " has no study.json: it is not an augmentation study folder. Choose one the Study screen or"
                        + " the augstudy command made.");
            }
        });
    }

    public void dispose() {
        job.dispose();
    }
}
