package io.simclr.workbench.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Resizes images smaller than an encoder's minimum input up to it (bilinear, corners not aligned:
 * torch.nn.functional.interpolate's default), and passes larger ones through untouched. It sits in
 * front of the encoders whose valid-padded stems cannot take small images (Inception-v3 needs 75 px),
 * so every caller — training, features, fine-tuning — feeds the dataset's own size. The input
 * records no gradient, so nothing here is on the backward path.
 */
final class InputResize extends AbstractBlock {

    private static final byte VERSION = 1;
    /** DJL's Image.Interpolation.BILINEAR, the mode index interpolation() takes. */
    private static final int BILINEAR = 1;

    private final int minimum;

    InputResize(int minimum) {
        super(VERSION);
        this.minimum = minimum;
    }

    int minimum() {
        return minimum;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        long height = x.getShape().get(2);
        long width = x.getShape().get(3);
        if (height >= minimum && width >= minimum) {
            return inputs;
        }
        return new NDList(x.getNDArrayInternal().interpolation(new long[] {Math.max(height, minimum), Math.max(width, minimum)}, BILINEAR, false));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), in.get(1), Math.max(in.get(2), minimum), Math.max(in.get(3), minimum))};
    }
}
