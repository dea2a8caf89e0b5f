package io.simclr.workbench.cli;

import io.simclr.workbench.run.AugmentationStudy;
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

@Command(name = "augstudy", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "The SimCLR paper's augmentation-composition grid: one short run per pair of operations, each scored by the"
                + " linear probe; writes study.json and study.html (heat map with averages). Started again, it continues.")
public final class AugStudyCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    DataOptions data;

    @Option(names = "--ops", split = ",", paramLabel = "LIST", defaultValue = "crop,color,blur",
            description = "Operations: crop, color, blur, cutout, sobel, noise, rotate.")
    List<String> ops;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/augstudy", description = "The study folder.")
    Path out;

    @Option(names = "--seconds-per-run", paramLabel = "S", defaultValue = "60", description = "Training time of each cell.")
    double secondsPerRun;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "10", description = "Schedule length of each cell (the time limit usually ends it first).")
    int epochs;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "64", description = "Images per step.")
    int batch;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0", description = "Engine threads; 0 = one per core.")
    int threads;

    @Override
    public Integer call() throws Exception {
        PrintWriter log = spec.commandLine().getOut();
        List<AugmentationStudy.Operation> operations = ops.stream().map(AugmentationStudy.Operation::parse).distinct().toList();
        TrainConfig base = AugmentationStudy.base(data.config(), batch, epochs, threads, secondsPerRun);
        var finished = StopOnInterrupt.run(log, "study", (progress, control) -> AugmentationStudy.run(base, operations, out, List.of(), progress, control));
        if (finished.isEmpty()) {
            return 130;
        }
        AugmentationStudy.Summary summary = finished.get();
        StringBuilder result = new StringBuilder("RESULT");
        for (AugmentationStudy.Cell c : summary.cells()) {
            log.printf(Locale.ROOT, "%-8s then %-8s linear top-1 %.4f%n", c.first(), c.second(), c.linearTop1());
            result.append(String.format(Locale.ROOT, " %s+%s=%.4f", c.first(), c.second(), c.linearTop1()));
        }
        log.printf("wrote %s and %s%n", out.resolve("study.json"), out.resolve("study.html"));
        log.println(result);
        return 0;
    }
}
