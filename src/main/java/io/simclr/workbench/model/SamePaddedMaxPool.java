package io.simclr.workbench.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Keras's {@code MaxPooling2D(3, strides=2, padding='same')}: ceil(n / 2) outputs, with TensorFlow's
 * padding — split evenly on an odd side (one each side), all of it after on an even side (none
 * before, one after). PyTorch's symmetric padding would shift every window of an even side by one
 * pixel against the stride-2 1x1 shortcut it is added to; a pad-free pool in ceil mode gives
 * TensorFlow's windows there instead.
 */
final class SamePaddedMaxPool extends AbstractBlock {

    private static final byte VERSION = 1;
    private static final Shape KERNEL = new Shape(3, 3);
    private static final Shape STRIDE = new Shape(2, 2);

    SamePaddedMaxPool() {
        super(VERSION);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        long height = x.getShape().get(2);
        long width = x.getShape().get(3);
        if (height % 2 != width % 2) {
            throw new IllegalArgumentException("same-padded pooling of a " + height + " x " + width + " map: one side odd, one even");
        }
        boolean odd = height % 2 == 1;
        return new NDList(Pool.maxPool2d(x, KERNEL, STRIDE, odd ? new Shape(1, 1) : new Shape(0, 0), !odd));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), in.get(1), (in.get(2) + 1) / 2, (in.get(3) + 1) / 2)};
    }
}
