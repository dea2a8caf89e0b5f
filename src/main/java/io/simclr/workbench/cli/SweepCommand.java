package io.simclr.workbench.cli;

import io.simclr.workbench.run.TemperatureSweep;
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

@Command(name = "sweep", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Temperature sweep: one run per temperature (same data, seed and schedule), each evaluated by kNN and"
                + " linear probe; writes sweep.json and sweep.html into the sweep folder. Started again, it continues.")
public final class SweepCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ExperimentOptions run;

    @Option(names = "--temperatures", split = ",", paramLabel = "LIST", defaultValue = "0.05,0.1,0.5,1.0", description = "Temperatures.")
    List<Double> temperatures;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/sweep", description = "The sweep folder.")
    Path out;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "10", description = "Epochs per run (the schedule's length).")
    int epochs;

    @Option(names = "--lr", paramLabel = "LR", defaultValue = "1e-3", description = "Adam learning rate.")
    double lr;

    @Override
    public Integer call() throws Exception {
        PrintWriter log = spec.commandLine().getOut();
        TrainConfig base = run.base(epochs, lr);
        Optional<TemperatureSweep.Summary> done = StopOnInterrupt.run(log, "sweep", (progress, control) ->
                TemperatureSweep.run(base, temperatures, out, List.of(new TerminalProgress(log, false)), progress, control));
        if (done.isEmpty()) {
            return 130;
        }
        TemperatureSweep.Summary summary = done.get();
        log.printf("%n%-8s %10s %12s %12s %10s %11s%n", "tau", "kNN top-1", "linear top-1", "contrast. top-1", "alignment", "uniformity");
        StringBuilder result = new StringBuilder("RESULT");
        for (TemperatureSweep.Cell c : summary.cells()) {
            log.printf(Locale.ROOT, "%-8s %10.4f %12.4f %12.3f %10.3f %11.3f%n", c.temperature(), c.knnTop1(), c.linearTop1(), c.contrastiveTop1(),
                    c.alignment(), c.uniformity());
            result.append(String.format(Locale.ROOT, " knn_tau_%s=%.4f", c.temperature(), c.knnTop1()));
        }
        log.printf("wrote %s and %s%n", out.resolve("sweep.json"), out.resolve("sweep.html"));
        log.println(result);
        return 0;
    }
}
