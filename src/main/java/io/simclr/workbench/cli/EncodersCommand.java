package io.simclr.workbench.cli;

import io.simclr.workbench.model.EncoderFacts;
import io.simclr.workbench.model.EncoderKind;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "encoders", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "The encoders --encoder takes, each with what it is, its parameters, its multiply-adds per view at --size (after any"
                + " resize up to its smallest input) and an estimate of its training speed on a 2-core CPU.")
final class EncodersCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--size", paramLabel = "PX", defaultValue = "32", description = "Image side the figures are for.")
    int size;

    @Override
    public Integer call() {
        if (size < 8 || size > 1024) {
            throw new IllegalArgumentException("--size must be between 8 and 1024 pixels, not " + size);
        }
        PrintWriter out = spec.commandLine().getOut();
        for (EncoderKind e : EncoderKind.values()) {
            EncoderFacts facts = EncoderFacts.of(e, size);
            out.printf("%s%n  %s%n  %s%n", e.id(), e.description(), facts.summary());
            out.flush();
        }
        return 0;
    }
}
