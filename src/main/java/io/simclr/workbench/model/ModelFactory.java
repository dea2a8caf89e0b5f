package io.simclr.workbench.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;

/** Builds and initialises a {@link SimClrNetwork} for images of a given size. */
public final class ModelFactory {
    private ModelFactory() {}

    /** Builds the network; call {@link #initialize} before use. */
    public static SimClrNetwork create(ModelConfig config, int imageSize) {
        var problems = config.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        StemKind stem = config.stem().resolve(imageSize, config.encoder());
        Block encoder;
        int dim;
        switch (config.encoder()) {
            case SMALL -> { encoder = ResNetEncoder.build(ResNetEncoder.SMALL, stem); dim = ResNetEncoder.SMALL.representationDim(); }
            case RESNET18 -> { encoder = ResNetEncoder.build(ResNetEncoder.RESNET18, stem); dim = ResNetEncoder.RESNET18.representationDim(); }
            case RESNET50 -> { encoder = ResNetEncoder.build(ResNetEncoder.RESNET50, stem); dim = ResNetEncoder.RESNET50.representationDim(); }
            case EFFICIENTNET_B0 -> { encoder = EfficientNetB0.build(stem); dim = EfficientNetB0.REPRESENTATION_DIM; }
            case INCEPTION_V3 -> { encoder = InceptionV3.build(); dim = InceptionV3.REPRESENTATION_DIM; }
            case INCEPTION_RESNET_V2 -> { encoder = InceptionResNetV2.build(); dim = InceptionResNetV2.REPRESENTATION_DIM; }
            case XCEPTION -> { encoder = Xception.build(); dim = Xception.REPRESENTATION_DIM; }
            default -> throw new IllegalArgumentException("unsupported encoder " + config.encoder());
        }
        Block head = ProjectionHead.build(config.head(), config.hiddenWidth(dim), config.headDim());
        return new SimClrNetwork(encoder, head, config, dim);
    }

    /**
     * What the run's log says once when the encoder resizes the images up to its minimum input, so
     * nobody wonders why a 32 px run costs what a 75 px one does; empty when images are used as they are.
     */
    public static java.util.Optional<String> inputNote(EncoderKind encoder, int imageSize) {
        int minimum = encoder.minimumImageSize();
        if (imageSize >= minimum) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(String.format("%s takes images of at least %d px: the %d px images are resized up to %d px"
                + " (bilinear) at the encoder's input, in training and in evaluation", encoder.id(), minimum, imageSize, minimum));
    }

    /**
     * Initialises the weights as torchvision does: convolutions Kaiming-normal over fan-out, the
     * head's linear layers (weights and biases) uniform in +-1/sqrt(fan-in), batch norm scale 1 and
     * shift 0. Arrays live in {@code manager}; the engine's random seed must be set before this for
     * repeatable runs.
     */
    public static void initialize(SimClrNetwork network, NDManager manager, int imageSize) {
        network.setInitializer(new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.OUT, 2f),
                Parameter.Type.WEIGHT);
        network.head().setInitializer(new XavierInitializer(XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.IN, 1f),
                Parameter.Type.WEIGHT);
        network.initialize(manager, DataType.FLOAT32, new Shape(2, 3, imageSize, imageSize));
        initializeLinearBiases(network.head());
    }

    /**
     * A copy of {@code network} with the same weights and batch-norm statistics, its arrays in
     * {@code manager}: the start of a momentum target, which is never trained, so its arrays record
     * no gradients. It draws no random numbers, so building one leaves the rest of a seeded run as it was.
     */
    public static SimClrNetwork copyOf(SimClrNetwork network, NDManager manager, int imageSize) {
        SimClrNetwork copy = create(network.config(), imageSize);
        copy.setInitializer(Initializer.ZEROS, p -> true);
        copy.initialize(manager, DataType.FLOAT32, new Shape(2, 3, imageSize, imageSize));
        PairList<String, Parameter> from = network.getParameters();
        PairList<String, Parameter> to = copy.getParameters();
        for (int i = 0; i < from.size(); i++) {
            NDArray target = to.valueAt(i).getArray();
            target.setRequiresGradient(false);
            from.valueAt(i).getArray().copyTo(target);
        }
        return copy;
    }

    /**
     * An MLP on projections (Linear, BN, ReLU, Linear, as SimCLR's head), initialised as the head
     * is: BYOL's and SimSiam's predictor.
     */
    public static Block predictor(int dim, int hiddenDim, NDManager manager) {
        Block mlp = ProjectionHead.build(HeadKind.MLP, hiddenDim, dim);
        initializeAsHead(mlp, manager, dim);
        return mlp;
    }

    /** A bias-free linear map from {@code dim} to {@code units}, initialised as the head's layers: SwAV's prototypes. */
    public static Block linear(int dim, int units, NDManager manager) {
        Block linear = Linear.builder().setUnits(units).optBias(false).build();
        initializeAsHead(linear, manager, dim);
        return linear;
    }

    private static void initializeAsHead(Block block, NDManager manager, int inputDim) {
        block.setInitializer(new XavierInitializer(XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.IN, 1f),
                Parameter.Type.WEIGHT);
        block.initialize(manager, DataType.FLOAT32, new Shape(2, inputDim));
        initializeLinearBiases(block);
    }

    /**
     * torch.nn.Linear draws its bias uniform in +-1/sqrt(fan-in); a DJL initializer sees only the
     * bias's own shape, so the fan-in is read from the layer's weight once both exist.
     */
    private static void initializeLinearBiases(Block block) {
        if (block instanceof Linear) {
            PairList<String, Parameter> parameters = block.getParameters();
            Parameter bias = parameters.get("bias");
            if (bias != null) {
                NDArray array = bias.getArray();
                double bound = 1 / Math.sqrt(parameters.get("weight").getArray().getShape().get(1));
                try (NDArray uniform = array.getManager().randomUniform((float) -bound, (float) bound, array.getShape())) {
                    array.set(uniform.toFloatArray());
                }
            }
        }
        block.getChildren().values().forEach(ModelFactory::initializeLinearBiases);
    }
}
