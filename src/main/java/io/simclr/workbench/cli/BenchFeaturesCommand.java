package io.simclr.workbench.cli;

import io.simclr.workbench.exchange.FeatureDump;
import io.simclr.workbench.train.RunFolder;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "features", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"The first test images of a run as its encoder sees them, with their h and z features, in a safetensors file:"
                + " what bench/check_export.py compares an exported encoder in PyTorch against.",
                "Ends with: RESULT images=<n> h_dim=<d> z_dim=<k> file=<path>"})
final class BenchFeaturesCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "RUN", description = "The run folder (runs/<name>).")
    Path runDir;

    @Option(names = "--images", paramLabel = "N", defaultValue = "64", description = "Test images to run through the encoder.")
    int images;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "The .safetensors file to write.")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (images < 1) {
            throw new IllegalArgumentException("--images must be at least 1, not " + images);
        }
        FeatureDump.Result r = FeatureDump.write(RunFolder.open(runDir), images, out);
        spec.commandLine().getOut().printf("RESULT images=%d h_dim=%d z_dim=%d file=%s%n", r.images(), r.representationDim(), r.projectionDim(), r.file());
        return 0;
    }
}
