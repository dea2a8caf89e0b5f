package io.simclr.workbench.cli;

import io.simclr.workbench.data.ShapesDataset;
import io.simclr.workbench.data.Split;
import io.simclr.workbench.stats.Median;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "shapes", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Seconds to generate the built-in dataset (train and test splits), median of several runs.")
final class BenchShapesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--train", paramLabel = "N", defaultValue = "5000", description = "Train images.")
    int train;

    @Option(names = "--test", paramLabel = "N", defaultValue = "1000", description = "Test images.")
    int test;

    @Option(names = "--size", paramLabel = "PX", defaultValue = "32", description = "32, 64 or 96.")
    int size;

    @Option(names = "--rounds", paramLabel = "R", defaultValue = "5", description = "Timed runs after one warm-up; the median is reported.")
    int rounds;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be at least 1");
        }
        double first = generateSeconds(0);
        double[] seconds = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            seconds[r] = generateSeconds(r + 1);
        }
        double median = Median.of(seconds);
        out.printf("first run (cold JVM) %.2f s; runs %s%n", first, Arrays.toString(Arrays.stream(seconds).map(s -> Math.round(s * 100) / 100.0).toArray()));
        out.printf("RESULT seconds=%.2f images=%d size=%d cold_seconds=%.2f%n", median, train + test, size, first);
        return 0;
    }

    private double generateSeconds(long seed) {
        long start = System.nanoTime();
        ShapesDataset.generate(Split.TRAIN, train, size, seed);
        ShapesDataset.generate(Split.TEST, test, size, seed);
        return (System.nanoTime() - start) / 1e9;
    }
}
