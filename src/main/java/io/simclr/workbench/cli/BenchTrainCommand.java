package io.simclr.workbench.cli;

import io.simclr.workbench.method.MethodConfig;
import io.simclr.workbench.method.MethodKind;
import io.simclr.workbench.model.EncoderKind;
import io.simclr.workbench.model.HeadKind;
import io.simclr.workbench.model.ModelConfig;
import io.simclr.workbench.model.ModelFactory;
import io.simclr.workbench.model.StemKind;
import io.simclr.workbench.train.TrainingBenchmark;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "train", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Views per second of full SimCLR training steps (forward, NT-Xent, backward, Adam) after warm-up,",
                "with the achieved and the engine's peak matrix-multiply GFLOP/s measured in the same run."})
final class BenchTrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--encoder", paramLabel = "NAME", defaultValue = "resnet18", description = "small, resnet18, resnet50, efficientnet-b0, inception-v3, inception-resnet-v2 or xception; the `encoders` command describes each (parameters, MACs at a size, expected speed).")
    String encoder;

    @Option(names = "--stem", paramLabel = "NAME", defaultValue = "imagenet", description = "The ResNets' stem: auto, cifar, imagenet or light (the other encoders have their own).")
    String stem;

    @Option(names = "--size", paramLabel = "PX", defaultValue = "32", description = "Image side.")
    int size;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "128", description = "Images per step (twice as many views).")
    int batch;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "3", description = "Untimed steps first.")
    int warmup;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "10", description = "Timed steps; the median is reported.")
    int steps;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0", description = "Engine threads; 0 = one per core.")
    int threads;

    @Option(names = "--method", paramLabel = "NAME", defaultValue = "simclr",
            description = "The method whose step is timed, with its defaults (SimCLR at tau 0.5): simclr, moco, memory-bank, byol, simsiam,"
                    + " barlow-twins or swav.")
    String method;

    @Option(names = "--metrics", description = "Also compute the batch metrics and the gradient norm every step, as `train` does when it"
            + " logs every step (--log-every 1, its default).")
    boolean withMetrics;

    @Option(names = "--profile", paramLabel = "FILE", description = "After the timed steps, run --profile-steps more under the engine's"
            + " operator profiler and write its Chrome trace here; bench/profile_ops.py sums it per operator beside PyTorch's.")
    java.nio.file.Path profile;

    @Option(names = "--profile-steps", paramLabel = "N", defaultValue = "3", description = "Steps recorded by --profile.")
    int profileSteps;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (batch < 2 || steps < 1 || warmup < 0 || profileSteps < 1) {
            throw new IllegalArgumentException("--batch must be at least 2, --steps and --profile-steps at least 1 and --warmup at least 0");
        }
        ModelConfig model = new ModelConfig(EncoderKind.parse(encoder), StemKind.parse(stem), HeadKind.MLP, 128, 0);
        out.printf("%s, %s, %s stem, MLP head 128, %d px, %d views per step, %s threads%n", method, model.encoder().id(), model.stem().id(),
                size, 2 * batch, threads == 0 ? "all" : String.valueOf(threads));
        ModelFactory.inputNote(model.encoder(), size).ifPresent(out::println);
        out.flush();
        TrainingBenchmark.Result r = TrainingBenchmark.run(model, MethodConfig.defaults(MethodKind.parse(method), 0.5), size, batch, warmup,
                steps, threads, new TrainingBenchmark.Options(withMetrics, profile == null ? 0 : profileSteps, profile));
        out.printf(Locale.ROOT, "step seconds: %s%n", Arrays.toString(Arrays.stream(r.stepSeconds()).map(s -> Math.round(s * 1000) / 1000.0).toArray()));
        out.printf(Locale.ROOT, "forward %.1f MMAC per view; median step %.3f s%n", r.forwardMacsPerView() / 1e6, 2.0 * batch / r.viewsPerSecond());
        out.print("mean ms per step:");
        r.secondsPerPhase().forEach((phase, seconds) -> {
            if (seconds * 1000 > 0.005) {
                out.printf(Locale.ROOT, " %s %.1f;", phase.label(), seconds * 1000);
            }
        });
        out.println();
        if (profile != null) {
            out.printf("operator profile of %d steps: %s%n", profileSteps, profile.toAbsolutePath());
        }
        out.printf(Locale.ROOT, "RESULT views_per_s=%.0f gflops=%.1f peak_gflops=%.1f%n", r.viewsPerSecond(), r.achievedGflops(), r.peakGflops());
        return 0;
    }
}
