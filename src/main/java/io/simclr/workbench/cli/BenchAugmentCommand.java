package io.simclr.workbench.cli;

import io.simclr.workbench.augment.AugmentBenchmark;
import io.simclr.workbench.augment.AugmentationPipeline;
import io.simclr.workbench.augment.AugmentationPreset;
import io.simclr.workbench.data.DataConfig;
import io.simclr.workbench.data.DataSource;
import io.simclr.workbench.data.DatasetLoader;
import io.simclr.workbench.data.ImageDataset;
import io.simclr.workbench.data.Split;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "augment", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Views per second of the SimCLR augmentation pipeline feeding training batches.",
                "Reads real CIFAR-10 images from --data-dir (resized to --size); without them, the built-in shapes."})
final class BenchAugmentCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--size", paramLabel = "PX", defaultValue = "32", description = "Side of the source images and the views.")
    int size;

    @Option(names = "--threads", paramLabel = "T", defaultValue = "1", description = "Augmentation threads.")
    int threads;

    @Option(names = "--preset", paramLabel = "P", defaultValue = "simclr-imagenet",
            description = "Pipeline: simclr-imagenet (crop, flip, colour jitter 0.8, grayscale 0.2, blur 0.5), simclr-cifar or crop-only.")
    String preset;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "../shared/datasets/cifar10-subset",
            description = "CIFAR-10 binary folder with the real images.")
    Path dataDir;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "256", description = "Images per batch (2B views).")
    int batch;

    @Option(names = "--rounds", paramLabel = "R", defaultValue = "5", description = "Timed rounds; the median is reported.")
    int rounds;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "3", description = "Length of each round.")
    double seconds;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        if (threads < 1 || rounds < 1 || seconds <= 0) {
            throw new IllegalArgumentException("--threads and --rounds must be at least 1 and --seconds above 0");
        }
        ImageDataset dataset;
        if (Files.isDirectory(dataDir)) {
            dataset = DatasetLoader.load(DataConfig.of(DataSource.CIFAR10, dataDir).withImageSize(size), Split.TRAIN).dataset();
        } else {
            out.printf("note: %s not found; measuring on the built-in shapes instead of real photos%n", dataDir);
            dataset = DatasetLoader.load(DataConfig.shapes().withImageSize(size), Split.TRAIN).dataset();
        }
        out.printf("%s: %,d images at %d px; preset %s; %d thread(s); batch %d; %d rounds of %.1f s%n",
                dataset.description(), dataset.size(), size, preset, threads, batch, rounds, seconds);
        out.flush();
        AugmentationPipeline pipeline = new AugmentationPipeline(AugmentationPreset.parse(preset).config(), size);
        AugmentBenchmark.Result result = AugmentBenchmark.run(dataset, pipeline, threads, batch, rounds, seconds);
        out.printf("rounds (views/s): %s%n", Arrays.toString(Arrays.stream(result.roundViewsPerSecond()).mapToLong(Math::round).toArray()));
        out.printf("median %,.0f views/s, %,.0f per thread%n", result.medianViewsPerSecond(), result.perThread());
        out.printf("RESULT views_per_s=%.0f size=%d threads=%d%n", result.medianViewsPerSecond(), size, threads);
        return 0;
    }
}
