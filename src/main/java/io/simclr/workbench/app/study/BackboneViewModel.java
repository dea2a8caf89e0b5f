package io.simclr.workbench.app.study;

import io.simclr.workbench.app.ExperimentJob;
import io.simclr.workbench.data.DataConfig;
import io.simclr.workbench.model.EncoderKind;
import io.simclr.workbench.run.BackboneStudy;
import io.simclr.workbench.train.TrainConfig;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The backbone study in the window: which encoders (rows), head sizes (columns) and batch sizes
 * (tables) to train on the Train screen's dataset for the same time each, and whether to fine-tune
 * the best; the defaults are the lesson's nine cells. A start continues an opened study that lacks
 * cells (with its own settings), otherwise it makes a new study folder under the runs folder.
 */
public final class BackboneViewModel {

    public final Map<EncoderKind, BooleanProperty> encoders = new EnumMap<>(EncoderKind.class);
    public final StringProperty headDims = new SimpleStringProperty();
    public final StringProperty batchSizes = new SimpleStringProperty();
    public final IntegerProperty secondsPerRun = new SimpleIntegerProperty();
    public final ObjectProperty<BackboneStudy.FineTune> fineTune = new SimpleObjectProperty<>();
    public final ObjectProperty<Path> folder = new SimpleObjectProperty<>();
    public final ObjectProperty<BackboneStudy.Summary> summary = new SimpleObjectProperty<>();
    public final ExperimentJob job = new ExperimentJob("backbone-study");

    private final Supplier<DataConfig> data;

    /** @param data the dataset the study trains on when it starts (the window's choice on the Train screen) */
    public BackboneViewModel(Supplier<DataConfig> data) {
        this.data = data;
        BackboneStudy.Settings lesson = BackboneStudy.Settings.lesson();
        for (EncoderKind kind : EncoderKind.values()) {
            encoders.put(kind, new SimpleBooleanProperty(lesson.encoders().contains(kind)));
        }
        headDims.set(join(lesson.headDims()));
        batchSizes.set(join(lesson.batchSizes()));
        secondsPerRun.set((int) lesson.secondsPerRun());
        fineTune.set(lesson.fineTune());
    }

    private static String join(List<Integer> values) {
        return String.join(", ", values.stream().map(String::valueOf).toList());
    }

    /** The chosen settings, the lesson's for everything the screen does not show. */
    BackboneStudy.Settings settings() {
        BackboneStudy.Settings lesson = BackboneStudy.Settings.lesson();
        List<EncoderKind> rows = Arrays.stream(EncoderKind.values()).filter(k -> encoders.get(k).get()).toList();
        return new BackboneStudy.Settings(rows, numbers("head sizes", headDims.get()), numbers("batch sizes", batchSizes.get()), lesson.stem(),
                secondsPerRun.get(), lesson.epochs(), lesson.learningRate(), lesson.seed(), List.of(), fineTune.get(), lesson.fineTuneFraction(),
                lesson.fineTuneEpochs()).validated();
    }

    /** "32, 64 128" as numbers; a clear message naming the field for anything else. */
    static List<Integer> numbers(String field, String text) {
        List<Integer> values = new ArrayList<>();
        for (String part : (text == null ? "" : text).trim().split("[,\\s]+")) {
            if (part.isEmpty()) {
                continue;
            }
            try {
                values.add(Integer.parseInt(part));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("The " + field + " must be whole numbers separated by commas (e.g. 32, 64, 128), not '"
                        + part + "'.");
            }
        }
        if (values.isEmpty()) {
            throw new IllegalArgumentException("Give at least one of the " + field + " (e.g. 32, 64, 128).");
        }
        return values;
    }

    /** Continues the opened study if it lacks cells, else starts a new one in {@code runs}. */
    public void start(Path runs) {
        if (job.running.get()) {
            return;
        }
        BackboneStudy.Settings settings;
        Path target = folder.get();
        BackboneStudy.Summary open = summary.get();
        try {
            if (target != null && open != null && !finished(open)) {
                settings = open.settings();
            } else {
                settings = settings();
                if (settings.encoders().isEmpty()) {
                    throw new IllegalArgumentException("Tick at least one encoder to study.");
                }
                target = runs.resolve("backbones-" + data.get().source().id() + "-"
                        + LocalDateTime.now().format(DateTimeFormatter.ofPattern("MMdd-HHmmss")));
                folder.set(target);
                summary.set(null);
            }
        } catch (IllegalArgumentException e) {
            job.error.set(e.getMessage());
            return;
        }
        Path study = target;
        BackboneStudy.Settings chosen = settings;
        TrainConfig base = BackboneStudy.base(data.get(), chosen, 0);
        job.start((progress, steps, control) -> BackboneStudy.run(base, chosen, study, List.of(steps), progress, control),
                chosen.secondsPerRun(), this::reload);
    }

    /** Every cell trained and, when asked for, the best fine-tuned. */
    static boolean finished(BackboneStudy.Summary s) {
        boolean fineTuned = s.settings().fineTune() != BackboneStudy.FineTune.BEST || s.downstream() != null;
        return s.cells().size() >= s.settings().cellCount() && fineTuned;
    }

    /** Shows the study in {@code dir} (a folder with a study.json). */
    public void open(Path dir) {
        folder.set(dir);
        reload();
    }

    public void reload() {
        Path dir = folder.get();
        if (dir != null) {
            job.load(dir, () -> BackboneStudy.load(dir).orElse(null), summary::set);
        }
    }

    public void dispose() {
        job.dispose();
    }
}
