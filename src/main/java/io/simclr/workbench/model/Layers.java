package io.simclr.workbench.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;

/** The few layer shapes the encoders are built from, with PyTorch's conventions. */
final class Layers {
    private Layers() {}

    /** A k x k convolution with "same" padding and no bias (a batch norm follows). */
    static Block conv(int filters, int kernel, int stride) {
        return conv(filters, kernel, stride, 1);
    }

    static Block conv(int filters, int kernel, int stride, int groups) {
        return Conv2d.builder().setFilters(filters).setKernelShape(new Shape(kernel, kernel)).optStride(new Shape(stride, stride))
                .optPadding(new Shape(kernel / 2, kernel / 2)).optGroups(groups).optBias(false).build();
    }

    /** Batch norm with PyTorch's defaults: eps 1e-5 and running statistics moving 10% per step. */
    static Block batchNorm() {
        return BatchNorm.builder().optEpsilon(1e-5f).optMomentum(0.9f).build();
    }

    static Block relu() {
        return Activation.reluBlock();
    }

    /**
     * SiLU, x * sigmoid(x), as EfficientNet uses; written out because DJL's {@code Activation.swish}
     * multiplies by its beta as a number operand, which autograd cannot keep (see {@code Scalars}).
     */
    static Block silu() {
        return new LambdaBlock(list -> {
            NDArray x = list.singletonOrThrow();
            return new NDList(x.mul(Activation.sigmoid(x)));
        }, "silu");
    }
}
