package io.simclr.workbench.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import io.simclr.workbench.data.ImageDataset;
import io.simclr.workbench.data.ShapesDataset;
import io.simclr.workbench.data.Split;
import io.simclr.workbench.train.EngineSetup;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BatchNormStatisticsTest {

    private static final int CHANNELS = 4;
    /** 150 images: batches of 64, 64 and 22 over the spread subset. */
    private final ImageDataset images = ShapesDataset.generate(Split.TRAIN, 150, 32, 3);

    @Test
    void staleStatisticsBecomeTheMeanOfTheBatchStatisticsOverTheSpreadImages() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            EngineSetup.gradientsOnlyInCollectors();
            SequentialBlock network = network(0.99f, manager);
            Optional<String> note = BatchNormStatistics.refreshIfStale(network, 24, 32, () -> images, manager);

            assertTrue(note.isPresent(), "0.99^24 = 79 % of the start is stale");
            assertTrue(note.get().contains("79 %") && note.get().contains("momentum 0.99") && note.get().contains("150 training images"),
                    note.get());
            double[][] expected = meanBatchStatistics(network.getChildren().get(0).getValue(), manager);
            assertArrayEquals(expected[0], toDouble(running(network, Parameter.Type.RUNNING_MEAN)), 1e-4, "running mean");
            assertArrayEquals(expected[1], toDouble(running(network, Parameter.Type.RUNNING_VAR)), 1e-4 * max(expected[1]),
                    "running variance: the mean of the batches' unbiased variances");
        }
    }

    @Test
    void statisticsThatTrainingWashedOutAreKeptExactlyWithoutLoadingImages() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            EngineSetup.gradientsOnlyInCollectors();
            for (float momentum : new float[] {0.9f, 0.99f}) {
                SequentialBlock network = network(momentum, manager);
                float[] mean = {0.5f, -1, 2, 0.25f};
                float[] variance = {3, 0.5f, 1.5f, 7};
                parameter(network, Parameter.Type.RUNNING_MEAN).getArray().set(mean);
                parameter(network, Parameter.Type.RUNNING_VAR).getArray().set(variance);
                // 0.9^100 = 2.7e-5 and 0.99^1000 = 4.3e-5 of the start are left: below the 1 % threshold.
                long steps = momentum == 0.9f ? 100 : 1000;
                assertEquals(Optional.empty(), BatchNormStatistics.refreshIfStale(network, steps, 32, () -> {
                    throw new AssertionError("fresh statistics need no training images");
                }, manager));
                assertArrayEquals(mean, running(network, Parameter.Type.RUNNING_MEAN), "momentum " + momentum);
                assertArrayEquals(variance, running(network, Parameter.Type.RUNNING_VAR), "momentum " + momentum);
            }
        }
    }

    @Test
    void theMeasuredMomentumDecidesNotTheStepCountAlone() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            EngineSetup.gradientsOnlyInCollectors();
            // 100 steps wash out PyTorch's momentum (0.9^100) but not Keras's (0.99^100 = 37 %).
            assertTrue(BatchNormStatistics.refreshIfStale(network(0.99f, manager), 100, 32, () -> images, manager).orElseThrow().contains("37 %"));
            assertEquals(Optional.empty(), BatchNormStatistics.refreshIfStale(network(0.9f, manager), 100, 32, () -> images, manager));
            // 0.9^41 = 1.3 %: just above the threshold, and said with the digit that shows it.
            assertTrue(BatchNormStatistics.refreshIfStale(network(0.9f, manager), 41, 32, () -> images, manager).orElseThrow().contains("1.3 %"));
        }
    }

    @Test
    void runningStatisticsReadFromOneNetworkArePutBackIntoAnotherInTheSameOrder() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            SequentialBlock first = twoNorms(manager);
            java.util.List<Parameter> firstRunning = runningParameters(first);
            for (int i = 0; i < firstRunning.size(); i++) {
                float[] values = new float[CHANNELS];
                java.util.Arrays.fill(values, i + 0.5f);
                firstRunning.get(i).getArray().set(values);
            }
            SequentialBlock second = twoNorms(manager);
            BatchNormStatistics.setRunningValues(second, BatchNormStatistics.runningValues(first));

            java.util.List<Parameter> secondRunning = runningParameters(second);
            for (int i = 0; i < firstRunning.size(); i++) {
                assertArrayEquals(firstRunning.get(i).getArray().toFloatArray(), secondRunning.get(i).getArray().toFloatArray(),
                        secondRunning.get(i).getName());
            }
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> BatchNormStatistics.setRunningValues(network(0.9f, manager), BatchNormStatistics.runningValues(first)));
            assertTrue(e.getMessage().contains("2 batch norms for a network with 1"), e.getMessage());
        }
    }

    @Test
    void theSubsetIsSpreadOverTheWholeSetSoAClassSortedFolderGivesEveryClassItsShare() {
        assertArrayEquals(new int[] {0, 2, 5, 7}, BatchNormStatistics.spread(10, 4));
        assertArrayEquals(new int[] {0, 1, 2}, BatchNormStatistics.spread(3, 3));
    }

    /** A convolution, a batch norm of the given momentum and a global pooling, initialised. */
    private static SequentialBlock network(float momentum, NDManager manager) {
        SequentialBlock network = new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(CHANNELS).build())
                .add(BatchNorm.builder().optMomentum(momentum).optEpsilon(1e-3f).build())
                .add(ai.djl.nn.pooling.Pool.globalAvgPool2dBlock());
        network.initialize(manager, DataType.FLOAT32, new Shape(2, 3, 32, 32));
        return network;
    }

    /** Two batch norms, each with its running mean and variance: four arrays whose order matters. */
    private static SequentialBlock twoNorms(NDManager manager) {
        SequentialBlock network = new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(CHANNELS).build())
                .add(BatchNorm.builder().build())
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(CHANNELS).build())
                .add(BatchNorm.builder().build());
        network.initialize(manager, DataType.FLOAT32, new Shape(2, 3, 32, 32));
        return network;
    }

    private static java.util.List<Parameter> runningParameters(Block network) {
        return network.getParameters().values().stream()
                .filter(p -> p.getType() == Parameter.Type.RUNNING_MEAN || p.getType() == Parameter.Type.RUNNING_VAR).toList();
    }

    /** Per channel: the mean over batches of the convolution output's batch mean and unbiased batch variance. */
    private double[][] meanBatchStatistics(Block convolution, NDManager manager) {
        int[] subset = BatchNormStatistics.spread(images.size(), images.size());
        double[] mean = new double[CHANNELS];
        double[] variance = new double[CHANNELS];
        int batches = 0;
        for (int start = 0; start < subset.length; start += BatchNormStatistics.BATCH, batches++) {
            int count = Math.min(BatchNormStatistics.BATCH, subset.length - start);
            float[] input = images.inputFloats(java.util.Arrays.copyOfRange(subset, start, start + count));
            try (NDManager pass = manager.newSubManager()) {
                NDArray x = pass.create(input, new Shape(count, 3, 32, 32));
                NDArray y = convolution.forward(new ParameterStore(pass, false), new NDList(x), false).singletonOrThrow();
                NDArray perChannel = y.transpose(1, 0, 2, 3).reshape(CHANNELS, -1);
                float[] m = perChannel.mean(new int[] {1}).toFloatArray();
                long n = perChannel.getShape().get(1);
                float[] sumSquares = perChannel.sub(perChannel.mean(new int[] {1}, true)).square().sum(new int[] {1}).toFloatArray();
                for (int c = 0; c < CHANNELS; c++) {
                    mean[c] += m[c];
                    variance[c] += sumSquares[c] / (n - 1);
                }
            }
        }
        for (int c = 0; c < CHANNELS; c++) {
            mean[c] /= batches;
            variance[c] /= batches;
        }
        return new double[][] {mean, variance};
    }

    private static Parameter parameter(Block network, Parameter.Type type) {
        return network.getParameters().values().stream().filter(p -> p.getType() == type).findFirst().orElseThrow();
    }

    private static float[] running(Block network, Parameter.Type type) {
        return parameter(network, type).getArray().toFloatArray();
    }

    private static double[] toDouble(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    private static double max(double[] values) {
        return java.util.Arrays.stream(values).max().orElseThrow();
    }
}
