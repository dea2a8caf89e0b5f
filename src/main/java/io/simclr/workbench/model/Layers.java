package io.simclr.workbench.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.ndarray.NDArrays;
import java.util.Arrays;

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

    /**
     * A kh x kw convolution with the given zero padding on each side (a reference's explicit padding,
     * or Keras's "valid" = 0 and, at stride 1, "same" = kernel / 2).
     */
    static Block conv(int filters, int kh, int kw, int stride, int padH, int padW, boolean bias) {
        return Conv2d.builder().setFilters(filters).setKernelShape(new Shape(kh, kw)).optStride(new Shape(stride, stride))
                .optPadding(new Shape(padH, padW)).optBias(bias).build();
    }

    /** Batch norm with PyTorch's defaults: eps 1e-5 and running statistics moving 10% per step. */
    static Block batchNorm() {
        return batchNorm(Norm.TORCH);
    }

    static Block batchNorm(Norm norm) {
        return BatchNorm.builder().optEpsilon(norm.epsilon()).optMomentum(norm.momentum()).optScale(norm.scale()).build();
    }

    /**
     * A reference's batch-norm settings in DJL's terms: {@code momentum} is the share of the running
     * statistics kept each step (PyTorch's momentum 0.1 is 0.9 here; Keras's 0.99 is 0.99), and
     * {@code scale} false leaves gamma at 1 and untrained, as Keras's {@code scale=False}.
     */
    record Norm(float epsilon, float momentum, boolean scale) {
        /** torch.nn.BatchNorm2d's defaults. */
        static final Norm TORCH = new Norm(1e-5f, 0.9f, true);
        /** torchvision's Inception-v3 (BasicConv2d): eps 0.001, PyTorch's momentum. */
        static final Norm TORCHVISION_INCEPTION = new Norm(1e-3f, 0.9f, true);
        /** keras.layers.BatchNormalization's defaults: eps 0.001, momentum 0.99. */
        static final Norm KERAS = new Norm(1e-3f, 0.99f, true);
        /** Keras's Inception-ResNet-v2 (conv2d_bn): the Keras defaults without gamma. */
        static final Norm KERAS_NO_SCALE = new Norm(1e-3f, 0.99f, false);
    }

    /** Convolution without bias, batch norm, ReLU: the unit the Inception family is built of. */
    static Block convBnRelu(Norm norm, int filters, int kh, int kw, int stride, int padH, int padW) {
        return new SequentialBlock().add(conv(filters, kh, kw, stride, padH, padW, false)).add(batchNorm(norm)).add(relu());
    }

    /** The blocks one after another. */
    static SequentialBlock chain(Block... blocks) {
        SequentialBlock s = new SequentialBlock();
        for (Block b : blocks) {
            s.add(b);
        }
        return s;
    }

    /** The branches side by side on the same input, their outputs concatenated along the channels. */
    static Block concat(Block... branches) {
        return new ParallelBlock(list -> new NDList(NDArrays.concat(new NDList(list.stream().map(NDList::singletonOrThrow).toList()), 1)),
                Arrays.asList(branches));
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
