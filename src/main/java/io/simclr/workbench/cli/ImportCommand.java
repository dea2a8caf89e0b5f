package io.simclr.workbench.cli;

import io.simclr.workbench.exchange.EncoderImport;
import io.simclr.workbench.model.EncoderKind;
import io.simclr.workbench.model.HeadKind;
import io.simclr.workbench.model.StemKind;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "import", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Bring an encoder trained elsewhere (a safetensors file under torchvision's names, as export writes) into a run folder"
                + " that eval, tsne, report and every screen can use beside SimCLR runs: config.json, a checkpoint at epoch 0 with the"
                + " imported weights, no metrics, and imported.json saying where they came from."})
final class ImportCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The .safetensors file.")
    Path file;

    @Option(names = "--out", paramLabel = "RUN", required = true, description = "Run folder to create.")
    Path out;

    @Option(names = "--encoder", paramLabel = "NAME", description = "small, resnet18, resnet50 or efficientnet-b0; default: what the file says (files export wrote say it).")
    String encoder;

    @Option(names = "--stem", paramLabel = "NAME", description = "cifar, imagenet or light; default: what the file says, else imagenet (torchvision's own).")
    String stem;

    @Option(names = "--head", paramLabel = "NAME", defaultValue = "auto",
            description = "Projection head: auto (the one the file holds under projection_head.*, or none), none, linear, mlp or mlp-nobn.")
    String head;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "The run's seed (its random-init baseline).")
    long seed;

    @Mixin
    DataOptions data;

    @Override
    public Integer call() throws Exception {
        PrintWriter console = spec.commandLine().getOut();
        EncoderImport.Settings settings = new EncoderImport.Settings(encoder == null ? null : EncoderKind.parse(encoder),
                stem == null ? null : StemKind.parse(stem), "auto".equalsIgnoreCase(head.trim()) ? null : HeadKind.parse(head), data.config(), seed);
        EncoderImport.Result r = EncoderImport.importEncoder(file, settings, out);
        EncoderImport.Record rec = r.record();
        console.printf("imported %d tensors from %s into %s (the %s encoder, %s stem, %s)%n", rec.tensors(), file, out, rec.encoder(),
                rec.stem(), "none".equals(rec.head()) ? "no head" : rec.head() + " head");
        r.notes().forEach(note -> console.println("note: " + note));
        console.println("evaluate it: eval " + out + "; map it: tsne " + out);
        return 0;
    }
}
