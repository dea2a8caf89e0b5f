package io.simclr.workbench.cli;

import io.simclr.workbench.data.DataConfig;
import io.simclr.workbench.model.EncoderKind;
import io.simclr.workbench.model.StemKind;
import io.simclr.workbench.run.BackboneStudy;
import io.simclr.workbench.train.TrainConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "backbonestudy", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"The SimCLR slides' backbone and projection-head study: encoders x head sizes x batch sizes, each cell one pretraining run"
                + " on the same data, seed and time budget, scored by the linear-evaluation protocol on h and on z; then the best cell fine-tuned"
                + " on a few labelled classes with precision, recall and F1 per class. Writes study.json and study.html after every cell;"
                + " started again, it continues; Ctrl-C stops it resumably.",
                "The defaults are a lesson-sized study: 3 encoders x 3 heads at batch 32, 90 s each, on 2,000 built-in shapes (400 to test)"
                        + " unless --shapes-count says otherwise; --slides runs the slides' whole plan."})
public final class BackboneStudyCommand implements Callable<Integer> {

    // The defaults are BackboneStudy.Settings.lesson()'s (BackboneStudyCommandTest checks they agree).

    /** The built-in shapes' training images for a study unless --shapes-count says otherwise (test: a fifth). */
    static final int DEFAULT_SHAPES = 2000;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    DataOptions data;

    @Option(names = "--encoders", split = ",", paramLabel = "LIST", defaultValue = "inception-v3,xception,resnet50", description = "Encoders (rows): any of inception-v3, inception-resnet-v2,"
            + " xception, resnet50, resnet18, efficientnet-b0, small (`encoders` describes each).")
    List<String> encoders;

    @Option(names = "--heads", split = ",", paramLabel = "LIST", defaultValue = "32,64,128", description = "Projection-head output sizes (columns).")
    List<Integer> heads;

    @Option(names = "--batches", split = ",", paramLabel = "LIST", defaultValue = "32", description = "Batch sizes (one table each).")
    List<Integer> batches;

    @Option(names = "--slides", description = "The slides' whole plan: inception-v3, inception-resnet-v2, xception and resnet50 x heads"
            + " 32, 64, 128 x batches 32, 64, 128 (36 cells; overrides the three options above).")
    boolean slides;

    @Option(names = "--stem", paramLabel = "NAME", defaultValue = "imagenet", description = "The ResNets' stem: imagenet (as the slides' Keras ResNet-50), cifar, light or auto.")
    String stem;

    @Option(names = "--seconds-per-run", paramLabel = "S", defaultValue = "90", description = "Training time of each cell (the same for all: an equal-time comparison).")
    double secondsPerRun;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "10", description = "Schedule length of each cell (the time budget usually ends it first).")
    int epochs;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "1e-3", description = "Adam's learning rate in every cell.")
    double learningRate;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of every cell (weights, data order, augmentations).")
    long seed;

    @Option(names = "--classes", split = ",", paramLabel = "LIST", description = "Labelled classes to fine-tune on, by name; default: the dataset's first five.")
    List<String> classes = new java.util.ArrayList<>();

    @Option(names = "--finetune", paramLabel = "WHICH", defaultValue = "best", description = "Fine-tune on the labelled classes: best (the best cell, after the grid), all (every cell) or none.")
    String fineTune;

    @Option(names = "--finetune-fraction", paramLabel = "F", defaultValue = "1", description = "Share of the classes' training images that are labelled.")
    double fineTuneFraction;

    @Option(names = "--finetune-epochs", paramLabel = "N", defaultValue = "2", description = "Passes over the labelled images, in batches of the cell's size.")
    int fineTuneEpochs;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0", description = "Engine threads; 0 = one per core.")
    int threads;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/backbonestudy", description = "The study folder.")
    Path out;

    /** The data options, with the study's own default count of built-in shapes. */
    DataConfig dataConfig() {
        if (!spec.commandLine().getParseResult().hasMatchedOption("--shapes-count")) {
            data.shapesCount = DEFAULT_SHAPES; // every cell probes h, z and the baseline on all of them: a lesson's study keeps them few
        }
        return data.config();
    }

    BackboneStudy.Settings settings() {
        List<EncoderKind> rows = slides ? BackboneStudy.SLIDES_ENCODERS : encoders.stream().map(EncoderKind::parse).distinct().toList();
        List<Integer> columns = slides ? BackboneStudy.SLIDES_HEAD_DIMS : heads.stream().distinct().toList();
        List<Integer> tables = slides ? BackboneStudy.SLIDES_BATCH_SIZES : batches.stream().distinct().toList();
        return new BackboneStudy.Settings(rows, columns, tables, StemKind.parse(stem), secondsPerRun, epochs, learningRate, seed,
                classes.stream().map(String::trim).filter(c -> !c.isEmpty()).toList(), BackboneStudy.FineTune.parse(fineTune), fineTuneFraction,
                fineTuneEpochs).validated();
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter log = spec.commandLine().getOut();
        BackboneStudy.Settings settings = settings();
        TrainConfig base = BackboneStudy.base(dataConfig(), settings, threads);
        log.printf(Locale.ROOT, "%d cells (%s x heads %s x batches %s), %.0f s of training each, into %s%n", settings.cellCount(),
                settings.encoders().stream().map(EncoderKind::id).toList(), settings.headDims(), settings.batchSizes(), settings.secondsPerRun(), out);
        log.flush();
        var finished = StopOnInterrupt.run(log, "study", (progress, control) -> BackboneStudy.run(base, settings, out, List.of(), progress, control));
        if (finished.isEmpty()) {
            return 130;
        }
        BackboneStudy.Summary summary = finished.get();
        StringBuilder result = new StringBuilder("RESULT");
        for (BackboneStudy.Cell c : summary.cells()) {
            log.printf(Locale.ROOT, "%-40s linear top-1 h %.4f  z %.4f  (%d steps, %.0f s training + %.0f s evaluation)%n", c.run(), c.linearTop1H(),
                    c.linearTop1Z(), c.steps(), c.trainingSeconds(), c.evaluationSeconds());
            result.append(String.format(Locale.ROOT, " %s=%.4f/%.4f", c.run(), c.linearTop1H(), c.linearTop1Z()));
        }
        for (BackboneStudy.Row r : summary.rows()) {
            if (r.randomInitLinearTop1() != null) {
                log.printf(Locale.ROOT, "%-40s linear top-1 h %.4f at random initialisation%n", r.encoder(), r.randomInitLinearTop1());
            }
        }
        summary.best().ifPresent(b -> result.append(" best=").append(b.run()));
        if (summary.downstream() != null) {
            var report = summary.downstream().report();
            log.printf(Locale.ROOT, "fine-tuned %s on %s: accuracy %.4f, macro F1 %.4f%n", summary.downstream().run(), summary.downstream().classes(),
                    report.accuracy(), report.macroF1());
            for (var c : report.classes()) {
                log.printf(Locale.ROOT, "  %-16s precision %.3f  recall %.3f  F1 %.3f  (%d)%n", c.name(), c.precision(), c.recall(), c.f1(), c.support());
            }
            result.append(String.format(Locale.ROOT, " finetune_accuracy=%.4f finetune_macro_f1=%.4f", report.accuracy(), report.macroF1()));
        }
        log.printf("wrote %s and %s%n", out.resolve("study.json"), out.resolve("study.html"));
        log.println(result);
        return 0;
    }
}
