package io.simclr.workbench.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Encoder f and projection head g as one block whose forward pass returns both the representation
 * h = f(x) (for evaluation) and the projection z = g(h) (for the loss).
 */
public final class SimClrNetwork extends AbstractBlock {

    private static final byte VERSION = 1;

    private final Block encoder;
    private final Block head;
    private final ModelConfig config;
    private final int representationDim;

    SimClrNetwork(Block encoder, Block head, ModelConfig config, int representationDim) {
        super(VERSION);
        this.encoder = addChildBlock("encoder", encoder);
        this.head = addChildBlock("head", head);
        this.config = config;
        this.representationDim = representationDim;
    }

    public Block encoder() {
        return encoder;
    }

    public Block head() {
        return head;
    }

    public ModelConfig config() {
        return config;
    }

    public int representationDim() {
        return representationDim;
    }

    /** The hidden width of the MLP heads (a predictor may repeat it). */
    public int headHiddenDim() {
        return config.hiddenWidth(representationDim);
    }

    /** The dimension of z. */
    public int projectionDim() {
        return config.head() == HeadKind.NONE ? representationDim : config.headDim();
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList h = encoder.forward(store, inputs, training, params);
        NDList z = head.forward(store, h, training, params);
        return new NDList(h.singletonOrThrow(), z.singletonOrThrow());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] h = encoder.getOutputShapes(inputShapes);
        return new Shape[] {h[0], head.getOutputShapes(h)[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        encoder.initialize(manager, dataType, inputShapes);
        head.initialize(manager, dataType, encoder.getOutputShapes(inputShapes));
    }
}
