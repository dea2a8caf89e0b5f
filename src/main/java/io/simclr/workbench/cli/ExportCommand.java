package io.simclr.workbench.cli;

import io.simclr.workbench.eval.FeatureExtractor;
import io.simclr.workbench.exchange.ProjectorExport;
import io.simclr.workbench.exchange.PyTorchExport;
import io.simclr.workbench.train.RunFolder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "export", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Take what a run learned elsewhere: its encoder to PyTorch (--to pytorch: a safetensors file under torchvision's"
                + " names, with a JSON beside it saying what it is and how to load it), or its embeddings to TensorBoard's Projector"
                + " (--to projector: vectors, metadata, a sprite of thumbnails and projector_config.pbtxt in one folder)."})
final class ExportCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "RUN", description = "The run folder (runs/<name>).")
    Path runDir;

    @Option(names = "--to", paramLabel = "WHERE", required = true, description = "pytorch or projector.")
    String to;

    @Option(names = "--out", paramLabel = "PATH", required = true,
            description = "pytorch: the .safetensors file to write (its .json goes beside it); projector: the folder to write into.")
    Path target;

    @Option(names = "--include-head", description = "pytorch: also write the projection head, under projection_head.*")
    boolean includeHead;

    @Option(names = "--points", paramLabel = "N", defaultValue = "5000", description = "projector: test images to export (a seeded sample when there are more).")
    int points;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "projector: seed of the sample of images.")
    long seed;

    @Option(names = "--layer", paramLabel = "L", defaultValue = "h", description = "projector: h (representation) or z (projection).")
    String layer;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        switch (to.trim().toLowerCase(Locale.ROOT)) {
            case "pytorch", "torch", "safetensors" -> toPyTorch(out);
            case "projector", "tensorboard" -> toProjector(out);
            default -> throw new IllegalArgumentException("--to: unknown target '" + to + "'; use pytorch or projector");
        }
        return 0;
    }

    private void toPyTorch(PrintWriter out) throws Exception {
        PyTorchExport.Result r = PyTorchExport.export(RunFolder.open(runDir), target, includeHead);
        PyTorchExport.Description d = r.what();
        out.printf(Locale.ROOT, "wrote %s (%d tensors, %.1f MB: the %s encoder, %s stem%s, from %s) and %s%n", r.weights(), r.tensors(),
                r.bytes() / 1e6, d.encoder(), d.stem().id(), d.head().included() ? ", " + d.head().id() + " head" : "", d.source().checkpoint(),
                r.description());
        if (includeHead && !d.head().included()) {
            out.println("the run has no projection head (head none): only the encoder was written");
        }
        out.println("stem: " + d.stem().note());
        out.println("input: " + d.normalization().note());
        out.println("load it in Python:");
        d.python().forEach(line -> out.println("    " + line));
    }

    private void toProjector(PrintWriter out) throws Exception {
        if (includeHead) {
            throw new IllegalArgumentException("--include-head applies to --to pytorch; the Projector takes features (--layer h or z)");
        }
        if (points < 2) {
            throw new IllegalArgumentException("--points must be at least 2, not " + points);
        }
        ProjectorExport.Result r = ProjectorExport.export(RunFolder.open(runDir), points, seed, FeatureExtractor.Layer.parse(layer), target,
                message -> {
                    out.println(message);
                    out.flush();
                });
        out.printf(Locale.ROOT, "wrote %,d points of %d dimensions into %s: %s, %s, %s (%d px thumbnails, %d px square) and %s%n", r.points(),
                r.dim(), r.dir(), ProjectorExport.VECTORS, ProjectorExport.METADATA, ProjectorExport.SPRITE, r.thumbnail(), r.spriteSide(),
                ProjectorExport.CONFIG);
        out.println("look at it: tensorboard --logdir " + r.dir() + "  (then the Projector tab)");
    }
}
