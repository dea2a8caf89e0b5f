package io.simclr.workbench.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks that print one RESULT line each.",
        subcommands = {HelpCommand.class, BenchAugmentCommand.class, BenchShapesCommand.class, BenchTrainCommand.class, BenchTsneCommand.class, BenchEvalCommand.class, BenchFeaturesCommand.class})
final class BenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
