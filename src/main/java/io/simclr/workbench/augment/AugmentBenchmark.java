package io.simclr.workbench.augment;

import io.simclr.workbench.data.ImageDataset;
import io.simclr.workbench.stats.Median;

/**
 * Measures how many views per second the batch producer delivers: several timed rounds after a
 * warm-up round, each pulling batches as a training loop would (taking them and handing the arrays
 * back), reporting the median round.
 */
public final class AugmentBenchmark {

    public record Result(double medianViewsPerSecond, double[] roundViewsPerSecond, int threads, int size) {
        public double perThread() {
            return medianViewsPerSecond / threads;
        }
    }

    private AugmentBenchmark() {}

    public static Result run(ImageDataset dataset, AugmentationPipeline pipeline, int threads, int batchSize, int rounds,
                             double secondsPerRound) throws InterruptedException {
        timedRound(dataset, pipeline, threads, batchSize, Math.min(1.0, secondsPerRound), -1);
        double[] rates = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            rates[r] = timedRound(dataset, pipeline, threads, batchSize, secondsPerRound, r);
        }
        return new Result(Median.of(rates), rates, threads, pipeline.outputSize());
    }

    private static double timedRound(ImageDataset dataset, AugmentationPipeline pipeline, int threads, int batchSize,
                                     double seconds, int round) throws InterruptedException {
        long views = 0;
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        int epoch = 1000 * (round + 2);
        while (System.nanoTime() < deadline) {
            try (ViewBatchProducer producer = new ViewBatchProducer(dataset, pipeline, batchSize, 7, epoch++, threads, 2 * threads)) {
                while (producer.hasNext() && System.nanoTime() < deadline) {
                    ViewBatch batch = producer.next();
                    views += 2L * batch.pairs();
                    batch.recycle();
                }
            }
        }
        return views / ((System.nanoTime() - start) / 1e9);
    }
}
