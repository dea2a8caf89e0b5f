package io.simclr.workbench.model;

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
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The encoders are the published architectures: their trainable parameter counts match torchvision's to the unit. */
class ModelArchitectureTest {

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager("PyTorch");
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private SimClrNetwork network(EncoderKind encoder, StemKind stem, HeadKind head, int size) {
        SimClrNetwork network = ModelFactory.create(new ModelConfig(encoder, stem, head, 128, 0), size);
        ModelFactory.initialize(network, manager, size);
        return network;
    }

    private static long trainable(Block block) {
        return block.getParameters().values().stream().filter(Parameter::requiresGradient)
                .mapToLong(p -> p.getArray().getShape().size()).sum();
    }

    @Test
    void resnet18MatchesTorchvisionWithoutItsClassifier() {
        // torchvision resnet18: 11,689,512 parameters, of which the 1000-way fc has 513,000.
        assertEquals(11_176_512, trainable(network(EncoderKind.RESNET18, StemKind.IMAGENET, HeadKind.NONE, 32).encoder()));
        // The CIFAR stem swaps the 7x7x3x64 convolution (9,408) for a 3x3x3x64 one (1,728).
        assertEquals(11_176_512 - 9_408 + 1_728, trainable(network(EncoderKind.RESNET18, StemKind.CIFAR, HeadKind.NONE, 32).encoder()));
    }

    @Test
    void resnet50MatchesTorchvisionWithoutItsClassifier() {
        // torchvision resnet50: 25,557,032 parameters, fc 2,049,000.
        assertEquals(23_508_032, trainable(network(EncoderKind.RESNET50, StemKind.IMAGENET, HeadKind.NONE, 64).encoder()));
    }

    @Test
    void efficientNetB0MatchesTorchvisionWithoutItsClassifier() {
        // torchvision efficientnet_b0: 5,288,548 parameters, classifier 1,281,000.
        assertEquals(4_007_548, trainable(network(EncoderKind.EFFICIENTNET_B0, StemKind.AUTO, HeadKind.NONE, 64).encoder()));
    }

    @Test
    void inceptionV3MatchesTorchvisionWithoutItsAuxiliaryHeadAndClassifier() {
        // torchvision inception_v3(aux_logits=True): 27,161,264 parameters, of which fc has 2,049,000 and
        // AuxLogits 3,326,696 (1x1 to 128 + BN, 5x5 to 768 + BN, fc 768 -> 1000).
        assertEquals(21_785_568, trainable(network(EncoderKind.INCEPTION_V3, StemKind.AUTO, HeadKind.NONE, 75).encoder()));
    }

    @Test
    void inceptionResNetV2MatchesKerasApplicationsWithoutItsTop() {
        // keras.applications.InceptionResNetV2(include_top=False): 54,336,736 parameters, of which 60,544 are the
        // batch norms' moving means and variances (not trainable; the norms have no gamma); recounted from
        // bench/pytorch_encoders.py's definition by bench/count_parameters.py.
        assertEquals(54_276_192, trainable(network(EncoderKind.INCEPTION_RESNET_V2, StemKind.AUTO, HeadKind.NONE, 75).encoder()));
    }

    @Test
    void xceptionMatchesKerasApplicationsWithoutItsTop() {
        // keras.applications.Xception(include_top=False): 20,861,480 parameters, of which 54,528 are the batch
        // norms' moving means and variances; recounted from bench/pytorch_encoders.py by bench/count_parameters.py.
        assertEquals(20_806_952, trainable(network(EncoderKind.XCEPTION, StemKind.AUTO, HeadKind.NONE, 71).encoder()));
    }

    /**
     * At their minimum side each new encoder gives h of its width; a 32 px image (CIFAR's) is resized up
     * inside the network and gives the same shapes, and z follows the head.
     */
    @ParameterizedTest
    @CsvSource({"INCEPTION_V3, 75, 2048", "INCEPTION_RESNET_V2, 75, 1536", "XCEPTION, 71, 2048"})
    void largeInputEncodersTakeTheirMinimumAndResizeSmallerImagesUp(EncoderKind encoder, int minimum, int dim) {
        assertEquals(minimum, encoder.minimumImageSize());
        for (int size : new int[] {minimum, 32}) {
            SimClrNetwork net = network(encoder, StemKind.AUTO, HeadKind.MLP, size);
            NDList out = net.forward(new ParameterStore(manager, false), new NDList(manager.randomUniform(0, 1, new Shape(2, 3, size, size))), false);
            assertArrayEquals(new long[] {2, dim}, out.get(0).getShape().getShape(), encoder.id() + " at " + size + " px");
            assertArrayEquals(new long[] {2, 128}, out.get(1).getShape().getShape());
            assertTrue(out.get(0).isInfinite().any().getBoolean() == false && out.get(0).isNaN().any().getBoolean() == false);
            assertEquals(dim, net.representationDim());
        }
        assertTrue(ModelFactory.inputNote(encoder, 32).orElseThrow().contains("resized up to " + minimum + " px"));
        assertTrue(ModelFactory.inputNote(encoder, minimum).isEmpty());
        assertTrue(ModelFactory.inputNote(EncoderKind.RESNET18, 32).isEmpty(), "the ResNets take any size");
    }

    /** The tooltip's figures: a 32 px image costs what the minimum does; a larger one more; parameters as counted above. */
    @Test
    void encoderFactsCountAtTheSizeTheEncoderComputesAt() {
        EncoderFacts small = EncoderFacts.of(EncoderKind.INCEPTION_V3, 32);
        EncoderFacts minimum = EncoderFacts.of(EncoderKind.INCEPTION_V3, 75);
        EncoderFacts large = EncoderFacts.of(EncoderKind.INCEPTION_V3, 150);
        assertEquals(75, small.inputSize());
        assertEquals(21_785_568, small.trainableParameters());
        assertEquals(minimum.forwardMacs(), small.forwardMacs());
        assertTrue(large.forwardMacs() > 3 * minimum.forwardMacs(), large + " vs " + minimum);
        assertTrue(small.tooltip().startsWith(EncoderKind.INCEPTION_V3.description()));
        assertTrue(small.summary().contains("32 px images resized up to 75 px"), small.summary());
        assertEquals(false, EncoderFacts.of(EncoderKind.SMALL, 32).summary().contains("resized"));
        assertTrue(small.estimatedViewsPerSecond() > 0 && small.estimatedViewsPerSecond() < EncoderFacts.of(EncoderKind.SMALL, 32).estimatedViewsPerSecond());
    }

    /** DJL's PyTorch engine counts the padding whatever countIncludePad says; Keras's 'same' average pool must not. */
    @Test
    void sameAveragePoolLeavesAConstantImageConstantUpToTheBorder() {
        Block pool = new SamePaddedAveragePool();
        pool.initialize(manager, DataType.FLOAT32, new Shape(1, 2, 3, 3));
        NDArray out = pool.forward(new ParameterStore(manager, false), new NDList(manager.full(new Shape(1, 2, 3, 3), 5f)), false).singletonOrThrow();
        assertArrayEquals(new long[] {1, 2, 3, 3}, out.getShape().getShape());
        for (float v : out.toFloatArray()) {
            assertEquals(5f, v, 1e-5f);
        }
    }

    /** TensorFlow's 'same' max pool: ceil(n / 2) outputs; an even side pads only after, so windows start at 0, 2, 4 … */
    @Test
    void sameMaxPoolHasTensorFlowsWindows() {
        Block pool = new SamePaddedMaxPool();
        pool.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 4, 4));
        // Row-major 0..15: the windows of an even side start at 0 and 2 (the last one runs off the edge).
        NDArray even = manager.arange(16f).reshape(1, 1, 4, 4);
        assertArrayEquals(new float[] {10, 11, 14, 15}, pool.forward(new ParameterStore(manager, false), new NDList(even), false).singletonOrThrow().toFloatArray());
        // An odd side pads one each side: windows centred on 0, 2, 4.
        NDArray odd = manager.arange(25f).reshape(1, 1, 5, 5);
        NDArray out = pool.forward(new ParameterStore(manager, false), new NDList(odd), false).singletonOrThrow();
        assertArrayEquals(new long[] {1, 1, 3, 3}, out.getShape().getShape());
        assertArrayEquals(new float[] {6, 8, 9, 16, 18, 19, 21, 23, 24}, out.toFloatArray());
        assertArrayEquals(new long[] {1, 1, 3, 3}, pool.getOutputShapes(new Shape[] {new Shape(1, 1, 5, 5)})[0].getShape());
    }

    @Test
    void forwardGivesTheRepresentationAndTheProjection() {
        int[][] expected = {{256, 128}, {512, 128}};
        EncoderKind[] encoders = {EncoderKind.SMALL, EncoderKind.RESNET18};
        for (int e = 0; e < encoders.length; e++) {
            SimClrNetwork net = network(encoders[e], StemKind.AUTO, HeadKind.MLP, 32);
            NDList out = net.forward(new ParameterStore(manager, false), new NDList(manager.randomUniform(0, 1, new Shape(4, 3, 32, 32))), false);
            assertArrayEquals(new long[] {4, expected[e][0]}, out.get(0).getShape().getShape(), encoders[e].id());
            assertArrayEquals(new long[] {4, expected[e][1]}, out.get(1).getShape().getShape(), encoders[e].id());
            assertEquals(expected[e][0], net.representationDim());
        }
        SimClrNetwork identityHead = network(EncoderKind.SMALL, StemKind.AUTO, HeadKind.NONE, 32);
        assertEquals(256, identityHead.projectionDim());
    }

    @Test
    void mlpHeadHasTheHiddenWidthAskedFor() {
        SimClrNetwork net = ModelFactory.create(new ModelConfig(EncoderKind.SMALL, StemKind.AUTO, HeadKind.MLP, 64, 512), 32);
        ModelFactory.initialize(net, manager, 32);
        // Linear 256->512 (no bias), BN 2x512, Linear 512->64 with bias.
        assertEquals(256 * 512 + 2 * 512 + 512 * 64 + 64, trainable(net.head()));
    }

    @Test
    void mlpHeadWithoutBatchNormHasBiasesInsteadOfTheNormsParameters() {
        SimClrNetwork net = ModelFactory.create(new ModelConfig(EncoderKind.SMALL, StemKind.AUTO, HeadKind.MLP_NO_BN, 64, 0), 32);
        ModelFactory.initialize(net, manager, 32);
        // sthalles/SimCLR's head: Linear 256->256 with bias, ReLU, Linear 256->64 with bias.
        assertEquals(256 * 256 + 256 + 256 * 64 + 64, trainable(net.head()));
        assertEquals(64, net.projectionDim());
    }

    @Test
    void autoStemFollowsTheImageSize() {
        assertEquals(StemKind.CIFAR, StemKind.AUTO.resolve(32, EncoderKind.RESNET18));
        assertEquals(StemKind.CIFAR, StemKind.AUTO.resolve(64, EncoderKind.RESNET50));
        assertEquals(StemKind.IMAGENET, StemKind.AUTO.resolve(96, EncoderKind.RESNET18));
        assertEquals(StemKind.LIGHT, StemKind.AUTO.resolve(32, EncoderKind.SMALL));
        assertEquals(StemKind.CIFAR, StemKind.CIFAR.resolve(224, EncoderKind.RESNET18));
    }

    /** PyTorch's convention: running statistics move 10% of the way to each training batch's. */
    @Test
    void batchNormRunningStatisticsMoveTenPercentPerTrainingStep() {
        SequentialBlock bn = new SequentialBlock().add(Layers.batchNorm());
        bn.initialize(manager, DataType.FLOAT32, new Shape(4, 3, 2, 2));
        NDArray fives = manager.full(new Shape(4, 3, 2, 2), 5f);
        bn.forward(new ParameterStore(manager, false), new NDList(fives), true);
        Parameter runningMean = bn.getParameters().values().stream().filter(p -> p.getType() == Parameter.Type.RUNNING_MEAN)
                .findFirst().orElseThrow();
        assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f}, runningMean.getArray().toFloatArray(), 1e-6f);
    }

    /** As torch.nn.Linear: each head bias uniform in +-1/sqrt(fan-in), so not all zero and inside the bound. */
    @Test
    void headBiasesStartUniformWithinOneOverRootFanIn() {
        SimClrNetwork network = network(EncoderKind.SMALL, StemKind.AUTO, HeadKind.MLP_NO_BN, 32);
        int fanIn = network.representationDim();
        for (Parameter p : network.head().getParameters().values()) {
            if (p.getType() != Parameter.Type.BIAS) {
                continue;
            }
            float[] bias = p.getArray().toFloatArray();
            double bound = 1 / Math.sqrt(fanIn);
            double largest = 0;
            for (float b : bias) {
                largest = Math.max(largest, Math.abs(b));
            }
            assertEquals(true, largest <= bound, p.getName() + " exceeds 1/sqrt(" + fanIn + "): " + largest);
            assertEquals(true, largest > bound / 2, p.getName() + " is not spread over its range: " + largest);
        }
    }

    @Test
    void badHeadSizesAreClearErrors() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> ModelFactory.create(new ModelConfig(EncoderKind.SMALL, StemKind.AUTO, HeadKind.MLP, 1, 0), 32));
        assertEquals(true, e.getMessage().contains("headDim"));
    }
}
