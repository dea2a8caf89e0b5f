package io.simclr.workbench.cli;

import io.simclr.workbench.method.MethodKind;
import io.simclr.workbench.run.MethodComparison;
import io.simclr.workbench.train.TrainConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "compare", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"The methods side by side: one run per method on the same data, seed, encoder and epoch or time budget, each at"
                + " its defaults and scored by kNN and linear probe beside random initialisation; writes compare.json and compare.html"
                + " into the comparison folder. Started again, it continues; Ctrl-C stops it resumably.",
                "Ends with: RESULT knn_<method>=<x> … random_init_knn=<y>"})
public final class CompareCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ExperimentOptions run;

    @Option(names = "--methods", split = ",", paramLabel = "LIST", defaultValue = "simclr,moco,memory-bank,byol,simsiam,barlow-twins,swav",
            description = "Methods, in the order they run.")
    List<String> methods;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/compare", description = "The comparison folder.")
    Path out;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "24", description = "Epochs per run (the schedule's length).")
    int epochs;

    @Option(names = "--lr", paramLabel = "LR", defaultValue = "2e-3", description = "Adam learning rate, shared by every method.")
    double lr;

    @Override
    public Integer call() throws Exception {
        PrintWriter log = spec.commandLine().getOut();
        List<MethodKind> kinds = methods.stream().map(MethodKind::parse).toList();
        TrainConfig base = run.base(epochs, lr);
        Optional<MethodComparison.Summary> done = StopOnInterrupt.run(log, "comparison", (progress, control) ->
                MethodComparison.run(base, kinds, out, List.of(new TerminalProgress(log, false)), progress, control));
        if (done.isEmpty()) {
            return 130;
        }
        MethodComparison.Summary summary = done.get();
        log.printf("%n%-13s %10s %12s %14s %9s %8s%n", "method", "kNN top-1", "linear top-1", "embedding std", "epochs", "seconds");
        StringBuilder result = new StringBuilder("RESULT");
        for (MethodComparison.Cell c : summary.cells()) {
            log.printf(Locale.ROOT, "%-13s %10.4f %12.4f %14.4f %9d %8.0f%n", c.method(), c.knnTop1(), c.linearTop1(), c.embeddingStd(),
                    c.epochs(), c.seconds());
            result.append(String.format(Locale.ROOT, " knn_%s=%.4f", c.method().replace('-', '_'), c.knnTop1()));
        }
        summary.cells().stream().findFirst().ifPresent(c -> result.append(String.format(Locale.ROOT, " random_init_knn=%.4f",
                c.randomInitKnnTop1())));
        log.printf("wrote %s and %s%n", out.resolve("compare.json"), out.resolve("compare.html"));
        log.println(result);
        return 0;
    }
}
