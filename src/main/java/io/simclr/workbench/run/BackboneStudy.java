package io.simclr.workbench.run;

import com.google.gson.annotations.SerializedName;
import io.simclr.workbench.data.ClassSubset;
import io.simclr.workbench.data.DataConfig;
import io.simclr.workbench.data.DatasetLoader;
import io.simclr.workbench.data.Split;
import io.simclr.workbench.eval.ClassificationReport;
import io.simclr.workbench.eval.FeatureExtractor;
import io.simclr.workbench.eval.FineTuning;
import io.simclr.workbench.eval.LinearProbe;
import io.simclr.workbench.eval.RunEncoder;
import io.simclr.workbench.eval.RunEvaluation;
import io.simclr.workbench.files.AtomicFiles;
import io.simclr.workbench.json.Choices;
import io.simclr.workbench.json.Json;
import io.simclr.workbench.model.EncoderFacts;
import io.simclr.workbench.model.EncoderKind;
import io.simclr.workbench.model.HeadKind;
import io.simclr.workbench.model.ModelConfig;
import io.simclr.workbench.model.StemKind;
import io.simclr.workbench.train.CheckpointStore;
import io.simclr.workbench.train.RunFolder;
import io.simclr.workbench.train.RuntimeConfig;
import io.simclr.workbench.train.ScheduleConfig;
import io.simclr.workbench.train.TrainConfig;
import io.simclr.workbench.train.TrainingListener;
import io.simclr.workbench.train.TrainingOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The backbone and projection-head study of the SimCLR slides: a grid of encoders x projection-head
 * output sizes x batch sizes, each cell one SimCLR pretraining run on the same data, seed and time
 * budget, then the linear-evaluation protocol on the frozen representation h and on the projection z
 * (which of the two to use is the head question). The encoder at random initialisation is probed once
 * per encoder as the baseline (its weights do not depend on the head or the batch). Then the slides'
 * downstream step: the best cell's encoder fine-tuned on a few labelled classes, scored with precision,
 * recall and F1 per class. {@code study.json} and {@code study.html} are written before the first
 * cell and after each; started again, the study goes on with the first missing cell.
 */
public final class BackboneStudy {

    /** Which cells are fine-tuned on the labelled classes. */
    public enum FineTune {
        /** none: the table only */
        @SerializedName("none") NONE,
        /** the best cell by linear top-1 on h, after the grid (the slides' downstream step) */
        @SerializedName("best") BEST,
        /** every cell after its linear evaluation, so each has per-class scores */
        @SerializedName("all") ALL;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static FineTune parse(String text) {
            return Choices.parse(values(), FineTune::id, text, "fine-tuning choice");
        }
    }

    /** The slides' plan: four encoders, three head sizes, three batch sizes. */
    public static final List<EncoderKind> SLIDES_ENCODERS = List.of(EncoderKind.INCEPTION_V3, EncoderKind.INCEPTION_RESNET_V2,
            EncoderKind.XCEPTION, EncoderKind.RESNET50);
    public static final List<Integer> SLIDES_HEAD_DIMS = List.of(32, 64, 128);
    public static final List<Integer> SLIDES_BATCH_SIZES = List.of(32, 64, 128);
    /** The slides fine-tune on five classes. */
    public static final int DEFAULT_CLASS_COUNT = 5;

    /**
     * What the study runs.
     *
     * @param encoders         rows of the table
     * @param headDims         columns: the MLP head's output size
     * @param batchSizes       one table per batch size
     * @param stem             the ResNets' stem (the Inception family and Xception have their own); the slides' Keras ResNet-50 has the ImageNet one
     * @param secondsPerRun    each cell's training budget (the same for every cell: the comparison is at equal time); 0: none, the epochs end each run
     * @param epochs           each cell's schedule length (the budget usually ends it first)
     * @param learningRate     Adam's rate for every cell
     * @param seed             weights, data order and augmentations of every cell
     * @param classes          the labelled classes fine-tuning uses; empty means the dataset's first five
     * @param fineTune         which cells are fine-tuned
     * @param fineTuneFraction share of the chosen classes' training images that are labelled
     * @param fineTuneEpochs   passes over the labelled images, in batches of the cell's size
     */
    public record Settings(List<EncoderKind> encoders, List<Integer> headDims, List<Integer> batchSizes, StemKind stem, double secondsPerRun,
                           int epochs, double learningRate, long seed, List<String> classes, FineTune fineTune, double fineTuneFraction,
                           int fineTuneEpochs) {

        /**
         * A lesson's study: three of the slides' encoders (Inception-v3 and Xception, the lighter two of the
         * Inception family, and the paper's ResNet-50) x the three head sizes at batch 32 (the slides'
         * smallest: the most steps in a short budget), 90 s of training each — nine cells, which with their
         * evaluations and the fine-tuning are meant to fit in half an hour on a 2-core CPU.
         */
        public static Settings lesson() {
            return new Settings(List.of(EncoderKind.INCEPTION_V3, EncoderKind.XCEPTION, EncoderKind.RESNET50), SLIDES_HEAD_DIMS, List.of(32),
                    StemKind.IMAGENET, 90, 10, 1e-3, 1, List.of(), FineTune.BEST, 1.0, 2);
        }

        public List<String> problems() {
            List<String> problems = new ArrayList<>();
            if (encoders == null || encoders.isEmpty() || headDims == null || headDims.isEmpty() || batchSizes == null || batchSizes.isEmpty()) {
                problems.add("the study needs at least one encoder, one head size and one batch size");
                return problems;
            }
            for (int d : headDims) {
                if (d < 2 || d > 8192) {
                    problems.add("head size " + d + " must be between 2 and 8192 (the slides: 32, 64, 128)");
                }
            }
            for (int b : batchSizes) {
                if (b < 2) {
                    problems.add("batch size " + b + " must be at least 2 (the slides: 32, 64, 128)");
                }
            }
            if (!(secondsPerRun >= 0)) {
                problems.add("the time budget per run must be 0 (the epochs end each run) or more seconds, not " + secondsPerRun);
            }
            if (epochs < 1) {
                problems.add("epochs per run must be at least 1, not " + epochs);
            }
            if (!(learningRate > 0)) {
                problems.add("the learning rate must be more than 0, not " + learningRate);
            }
            if (!(fineTuneFraction > 0 && fineTuneFraction <= 1)) {
                problems.add("the labelled fraction for fine-tuning must be in (0, 1], not " + fineTuneFraction);
            }
            if (fineTuneEpochs < 1) {
                problems.add("fine-tuning epochs must be at least 1, not " + fineTuneEpochs);
            }
            return problems;
        }

        public Settings validated() {
            List<String> problems = problems();
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(String.join("; ", problems));
            }
            return this;
        }

        public int cellCount() {
            return encoders.size() * headDims.size() * batchSizes.size();
        }

        /** What makes two studies' cells comparable: everything a cell's training depends on besides its encoder, head and batch. */
        boolean trainsLike(Settings other) {
            return stem == other.stem && secondsPerRun == other.secondsPerRun && epochs == other.epochs && learningRate == other.learningRate
                    && seed == other.seed;
        }
    }

    /** One encoder's row: its size and cost, and the baseline at random initialisation (null until its first cell is evaluated). */
    public record Row(String encoder, long parameters, long forwardMacs, int inputSize, Double randomInitLinearTop1) {}

    /**
     * One finished cell.
     *
     * @param linearTop1H       linear-probe test top-1 on the frozen representation h
     * @param linearTop1Z       the same on the projection z
     * @param trainingSeconds   the run's training time (across resumes)
     * @param evaluationSeconds the probes' (and, with ALL, the fine-tuning's) time
     * @param fineTuned         per-class scores when this cell was fine-tuned, else null
     */
    public record Cell(String encoder, int headDim, int batchSize, String run, double linearTop1H, double linearTop1Z, int epochs, long steps,
                       double trainingSeconds, double evaluationSeconds, FineTuned fineTuned) {

        public double wallSeconds() {
            return trainingSeconds + evaluationSeconds;
        }
    }

    /** A fine-tuning of one cell's encoder on the labelled classes, scored on their test images. */
    public record FineTuned(String run, List<String> classes, double fraction, int epochs, int labelledImages, int steps,
                            ClassificationReport report, double seconds) {

        boolean sameTask(List<String> otherClasses, double otherFraction, int otherEpochs) {
            return classes.equals(otherClasses) && fraction == otherFraction && epochs == otherEpochs;
        }
    }

    /** The study as far as it got: settings, data, rows, finished cells and the downstream fine-tuning (null until done). */
    public record Summary(Settings settings, String data, List<Row> rows, List<Cell> cells, FineTuned downstream, String updated) {

        /** The best finished cell by linear top-1 on h; empty before the first. */
        public Optional<Cell> best() {
            return cells.stream().max(Comparator.comparingDouble(Cell::linearTop1H));
        }

        public Optional<Row> row(String encoder) {
            return rows.stream().filter(r -> r.encoder().equals(encoder)).findFirst();
        }
    }

    private BackboneStudy() {}

    /**
     * The run every cell starts from: the dataset's own augmentations and temperature (the classroom
     * ones for the built-in shapes), Adam at the study's rate, its seed and time budget.
     */
    public static TrainConfig base(DataConfig data, Settings settings, int threads) {
        TrainConfig defaults = TrainConfig.defaults(data);
        return defaults.withOptimization(defaults.optimization().withLearningRate(settings.learningRate()))
                .withSchedule(ScheduleConfig.of(settings.epochs()).withBudgetSeconds(settings.secondsPerRun())).withSeed(settings.seed())
                .withRuntime(RuntimeConfig.DEFAULT.withThreads(threads)).validated();
    }

    /** A cell's config: the base with its encoder, MLP head of {@code headDim} and batch. */
    public static TrainConfig cellConfig(TrainConfig base, Settings settings, EncoderKind encoder, int headDim, int batch) {
        return base.withModel(new ModelConfig(encoder, settings.stem(), HeadKind.MLP, headDim, 0))
                .withOptimization(base.optimization().withBatchSize(batch)).validated();
    }

    public static String cellName(EncoderKind encoder, int headDim, int batch) {
        return encoder.id() + "-head" + headDim + "-batch" + batch;
    }

    /**
     * Runs (or continues) the study: encoder by encoder, then batch, then head size; then the downstream
     * fine-tuning of the best cell.
     *
     * @param base the config every cell starts from ({@link #base}); its data is the study's
     * @throws java.util.concurrent.CancellationException when {@code control} stopped it; finished cells are kept
     * @throws IllegalArgumentException when the folder holds a study trained otherwise (another stem, budget, rate or seed)
     */
    public static Summary run(TrainConfig base, Settings settings, Path study, List<TrainingListener> listeners,
                              Consumer<ExperimentProgress> progress, ExperimentControl control) throws IOException {
        settings.validated();
        Files.createDirectories(study);
        Optional<Summary> earlier = load(study);
        if (earlier.isPresent() && !earlier.get().settings().trainsLike(settings)) {
            Settings e = earlier.get().settings();
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s holds a study trained with stem %s, %.0f s and %d epochs per run,"
                            + " learning rate %s and seed %d; continue it with those, or start this one in a new folder", study, e.stem().id(),
                    e.secondsPerRun(), e.epochs(), e.learningRate(), e.seed()));
        }
        String data = describe(base.data());
        if (settings.fineTune() != FineTune.NONE && !settings.classes().isEmpty()) {
            // A misspelt class should fail now, not after the grid has trained.
            ClassSubset.of(DatasetLoader.load(base.data(), Split.TRAIN).dataset(), settings.classes());
        }
        List<Row> rows = new ArrayList<>(earlier.map(Summary::rows).orElse(List.of()));
        List<Cell> cells = new ArrayList<>(earlier.map(Summary::cells).orElse(List.of()));
        FineTuned downstream = earlier.map(Summary::downstream).orElse(null);
        for (EncoderKind encoder : settings.encoders()) {
            if (rows.stream().noneMatch(r -> r.encoder().equals(encoder.id()))) {
                EncoderFacts facts = EncoderFacts.of(encoder, settings.stem(), base.data().effectiveImageSize());
                rows.add(new Row(encoder.id(), facts.trainableParameters(), facts.forwardMacs(), facts.inputSize(), null));
            }
        }
        save(study, new Summary(settings, data, rows, cells, downstream, OffsetDateTime.now().toString()));
        int total = settings.cellCount() + (settings.fineTune() == FineTune.NONE ? 0 : 1);
        int index = 0;
        for (EncoderKind encoder : settings.encoders()) {
            for (int batch : settings.batchSizes()) {
                for (int headDim : settings.headDims()) {
                    int cell = ++index;
                    String name = cellName(encoder, headDim, batch);
                    if (find(cells, encoder.id(), headDim, batch).isPresent()) {
                        progress.accept(new ExperimentProgress(cell, total, name, ExperimentProgress.Stage.ALREADY_DONE));
                        continue;
                    }
                    control.throwIfStopped(name);
                    progress.accept(new ExperimentProgress(cell, total, name, ExperimentProgress.Stage.TRAINING));
                    Path dir = study.resolve(name);
                    TrainingOutcome outcome = RunCell.train(cellConfig(base, settings, encoder, headDim, batch), dir,
                            "the backbone study in " + study, listeners, control);
                    progress.accept(new ExperimentProgress(cell, total, name, ExperimentProgress.Stage.EVALUATING));
                    long start = System.nanoTime();
                    Row row = rows.stream().filter(r -> r.encoder().equals(encoder.id())).findFirst().orElseThrow();
                    Evaluated evaluated = evaluate(dir, row.randomInitLinearTop1());
                    if (row.randomInitLinearTop1() == null) {
                        rows.set(rows.indexOf(row), new Row(row.encoder(), row.parameters(), row.forwardMacs(), row.inputSize(),
                                evaluated.randomInitH()));
                    }
                    keepOnly(dir, evaluated.checkpoint());
                    FineTuned tuned = settings.fineTune() == FineTune.ALL ? fineTune(dir, settings) : null;
                    cells.add(new Cell(encoder.id(), headDim, batch, name, evaluated.h(), evaluated.z(), outcome.epochsDone(),
                            outcome.globalStep(), outcome.trainingSeconds(), (System.nanoTime() - start) / 1e9, tuned));
                    save(study, new Summary(settings, data, rows, cells, downstream, OffsetDateTime.now().toString()));
                    progress.accept(new ExperimentProgress(cell, total, name, ExperimentProgress.Stage.DONE));
                }
            }
        }
        if (settings.fineTune() != FineTune.NONE) {
            Cell best = new Summary(settings, data, rows, cells, downstream, "").best().orElseThrow();
            String name = "fine-tune " + best.run();
            List<String> classes = chosenClasses(study.resolve(best.run()), settings);
            if (downstream != null && downstream.run().equals(best.run()) && downstream.sameTask(classes, settings.fineTuneFraction(),
                    settings.fineTuneEpochs())) {
                progress.accept(new ExperimentProgress(total, total, name, ExperimentProgress.Stage.ALREADY_DONE));
            } else if (best.fineTuned() != null && best.fineTuned().sameTask(classes, settings.fineTuneFraction(), settings.fineTuneEpochs())) {
                downstream = best.fineTuned();
                progress.accept(new ExperimentProgress(total, total, name, ExperimentProgress.Stage.ALREADY_DONE));
            } else {
                control.throwIfStopped(name);
                progress.accept(new ExperimentProgress(total, total, name, ExperimentProgress.Stage.TRAINING));
                downstream = fineTune(study.resolve(best.run()), settings);
                progress.accept(new ExperimentProgress(total, total, name, ExperimentProgress.Stage.DONE));
            }
        }
        Summary done = new Summary(settings, data, rows, cells, downstream, OffsetDateTime.now().toString());
        save(study, done);
        return done;
    }

    private static Optional<Cell> find(List<Cell> cells, String encoder, int headDim, int batch) {
        return cells.stream().filter(c -> c.encoder().equals(encoder) && c.headDim() == headDim && c.batchSize() == batch).findFirst();
    }

    private record Evaluated(double h, double z, Double randomInitH, Path checkpoint) {}

    /**
     * Linear probes on h and z of the trained encoder (one pass over the data gives both), and on h at
     * random initialisation unless the row has it; the h scores go to the run's eval.json too, so the
     * Runs screen lists the cell like any run.
     */
    private static Evaluated evaluate(Path dir, Double knownRandomInit) throws IOException {
        RunFolder run = RunFolder.open(dir);
        try (RunEncoder encoder = RunEncoder.open(run, null)) {
            List<RunEncoder.Features> trained = encoder.features(true, List.of(FeatureExtractor.Layer.H, FeatureExtractor.Layer.Z));
            LinearProbe.Result h = probe(encoder, trained.get(0));
            LinearProbe.Result z = probe(encoder, trained.get(1));
            Double randomInit = knownRandomInit;
            LinearProbe.Result random = null;
            if (randomInit == null) {
                random = probe(encoder, encoder.features(false, FeatureExtractor.Layer.H));
                randomInit = random.testTop1();
            }
            RunEncoder.Features f = trained.get(0);
            RunEvaluation.Scores randomScores = random != null ? new RunEvaluation.Scores(random.testTop1(), random.trainTop1(), random.l2(), null)
                    : new RunEvaluation.Scores(randomInit, null, null, null);
            RunEvaluation.Report report = new RunEvaluation.Report(run.root().toString(), encoder.checkpoint().getFileName().toString(), "h",
                    f.trainLabels().length, f.testLabels().length, f.classNames(), 0, encoder.config().monitor().knnTemperature(),
                    new RunEvaluation.Scores(h.testTop1(), h.trainTop1(), h.l2(), null), randomScores, List.of(), List.of(),
                    OffsetDateTime.now().toString(), encoder.batchNormNote().orElse(null));
            AtomicFiles.writeString(dir.resolve(RunEvaluation.FILE), Json.toJson(report));
            return new Evaluated(h.testTop1(), z.testTop1(), randomInit, encoder.checkpoint());
        }
    }

    /**
     * A scored cell keeps only the checkpoint it was scored from (and fine-tuned from later): two of a
     * large encoder with Adam's state are over half a gigabyte, and a study has many cells.
     */
    private static void keepOnly(Path dir, Path scored) throws IOException {
        for (Path file : new CheckpointStore(dir.resolve("checkpoints")).newestFirst()) {
            if (!file.equals(scored)) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static LinearProbe.Result probe(RunEncoder encoder, RunEncoder.Features f) {
        return LinearProbe.evaluate(encoder.manager(), f.train(), f.trainLabels(), f.test(), f.testLabels(), f.dim(), f.classes(),
                encoder.config().seed());
    }

    /** The classes the settings name, or the run's dataset's first five. */
    private static List<String> chosenClasses(Path dir, Settings settings) throws IOException {
        if (!settings.classes().isEmpty()) {
            return settings.classes();
        }
        try (RunEncoder encoder = RunEncoder.open(RunFolder.open(dir), null)) {
            return ClassSubset.firstClasses(encoder.trainSplit(), DEFAULT_CLASS_COUNT);
        }
    }

    /**
     * The cell's trained encoder fine-tuned on the chosen classes' labelled training images (at the
     * cell's batch size, for the settings' epochs), tested on their test images.
     */
    static FineTuned fineTune(Path dir, Settings settings) throws IOException {
        long start = System.nanoTime();
        try (RunEncoder encoder = RunEncoder.open(RunFolder.open(dir), null)) {
            List<String> names = settings.classes().isEmpty() ? ClassSubset.firstClasses(encoder.trainSplit(), DEFAULT_CLASS_COUNT)
                    : settings.classes();
            ClassSubset train = ClassSubset.of(encoder.trainSplit(), names);
            ClassSubset test = ClassSubset.of(encoder.testSplit(), names);
            // The cell's own batch, and only the epochs asked for: the protocol's 50 steps of 128 would take a large encoder
            // on a CPU longer than the cell's pretraining.
            int batch = encoder.config().optimization().batchSize();
            FineTuning.Result r = FineTuning.run(encoder, train, test, true, settings.fineTuneFraction(), settings.fineTuneEpochs(), batch, 1,
                    m -> {});
            return new FineTuned(dir.getFileName().toString(), train.classNames(), settings.fineTuneFraction(), settings.fineTuneEpochs(),
                    r.labelledImages(), r.steps(), r.report(), (System.nanoTime() - start) / 1e9);
        }
    }

    private static String describe(DataConfig data) {
        return data.source().id() + (data.dataDir() == null ? "" : " from " + data.dataDir()) + ", " + data.effectiveImageSize() + " px";
    }

    /** study.json and study.html as they stand. */
    private static void save(Path study, Summary summary) throws IOException {
        AtomicFiles.writeString(study.resolve("study.json"), Json.toJson(summary));
        AtomicFiles.writeString(study.resolve("study.html"), BackboneStudyPage.render(summary));
    }

    /** The study in {@code folder}, as far as it got; empty when it has no {@code study.json}. */
    public static Optional<Summary> load(Path folder) throws IOException {
        Path file = folder.resolve("study.json");
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Summary s = Json.GSON.fromJson(Files.readString(file), Summary.class);
        if (s == null || s.settings() == null || s.rows() == null) {
            throw new IOException(file + " is not a backbone study (no settings or rows in it); start the study in a new folder");
        }
        return Optional.of(s.cells() == null ? new Summary(s.settings(), s.data(), s.rows(), List.of(), s.downstream(), s.updated()) : s);
    }
}
