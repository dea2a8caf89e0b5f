package io.simclr.workbench.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Keras's {@code AveragePooling2D(3, strides=1, padding='same')}: the mean over the window's pixels
 * inside the image, so border outputs are not pulled towards zero. DJL's PyTorch engine ignores
 * avgPool2d's countIncludePad=false (it always counts the padding), so the zero-padded mean is
 * divided by the same pool of ones: the share of each window that lies inside the image.
 */
final class SamePaddedAveragePool extends AbstractBlock {

    private static final byte VERSION = 1;
    private static final Shape KERNEL = new Shape(3, 3);
    private static final Shape STRIDE = new Shape(1, 1);
    private static final Shape PADDING = new Shape(1, 1);

    SamePaddedAveragePool() {
        super(VERSION);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray padded = Pool.avgPool2d(x, KERNEL, STRIDE, PADDING, false, true);
        try (NDArray ones = x.getManager().ones(new Shape(1, 1, x.getShape().get(2), x.getShape().get(3)), x.getDataType(), x.getDevice());
             NDArray inside = Pool.avgPool2d(ones, KERNEL, STRIDE, PADDING, false, true)) {
            return new NDList(padded.div(inside));
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
