package io.simclr.workbench.model;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;
import java.util.Arrays;

/**
 * Xception (Chollet, 2017) as Keras Applications builds it ({@code keras.applications.Xception(include_top=False)}),
 * ending in global average pooling to h of 2048: entry flow (two valid-padded 3x3 convolutions, three
 * residual blocks of separable convolutions with a stride-2 1x1 shortcut), eight middle-flow blocks of
 * three separable convolutions at 728 channels, and the exit flow to 1024, 1536 and 2048 channels. A
 * separable convolution is a 3x3 depthwise then a 1x1 pointwise convolution, neither with bias or norm
 * between them; batch norm has Keras's defaults (eps 0.001, momentum 0.99, with gamma). The stride-2
 * max pools are padded as TensorFlow's 'same' ({@link SamePaddedMaxPool}).
 */
public final class Xception {

    public static final int REPRESENTATION_DIM = 2048;
    /** Keras's smallest accepted side. */
    public static final int MINIMUM_SIZE = 71;

    private Xception() {}

    static Block build() {
        SequentialBlock net = new SequentialBlock().add(new InputResize(MINIMUM_SIZE));
        net.add(Layers.convBnRelu(Layers.Norm.KERAS, 32, 3, 3, 2, 0, 0)).add(Layers.convBnRelu(Layers.Norm.KERAS, 64, 3, 3, 1, 0, 0));
        net.add(entryBlock(64, 128, false)).add(entryBlock(128, 256, true)).add(entryBlock(256, 728, true));
        for (int i = 0; i < 8; i++) {
            SequentialBlock body = new SequentialBlock();
            for (int j = 0; j < 3; j++) {
                body.add(Layers.relu()).add(separable(728, 728)).add(Layers.batchNorm(Layers.Norm.KERAS));
            }
            net.add(add(body, Blocks.identityBlock()));
        }
        SequentialBlock exit = new SequentialBlock()
                .add(Layers.relu()).add(separable(728, 728)).add(Layers.batchNorm(Layers.Norm.KERAS))
                .add(Layers.relu()).add(separable(728, 1024)).add(Layers.batchNorm(Layers.Norm.KERAS))
                .add(new SamePaddedMaxPool());
        net.add(add(exit, shortcut(1024)));
        net.add(separable(1024, 1536)).add(Layers.batchNorm(Layers.Norm.KERAS)).add(Layers.relu());
        net.add(separable(1536, 2048)).add(Layers.batchNorm(Layers.Norm.KERAS)).add(Layers.relu());
        net.add(Pool.globalAvgPool2dBlock());
        return net;
    }

    /**
     * [ReLU] sep-conv → BN → ReLU → sep-conv → BN → max-pool, plus the 1x1 stride-2 shortcut of the
     * block's input (taken before that first ReLU, as Keras does).
     */
    private static Block entryBlock(int in, int out, boolean leadingRelu) {
        SequentialBlock body = new SequentialBlock();
        if (leadingRelu) {
            body.add(Layers.relu());
        }
        body.add(separable(in, out)).add(Layers.batchNorm(Layers.Norm.KERAS)).add(Layers.relu())
                .add(separable(out, out)).add(Layers.batchNorm(Layers.Norm.KERAS))
                .add(new SamePaddedMaxPool());
        return add(body, shortcut(out));
    }

    /** Conv2D(out, 1, strides=2, padding='same', use_bias=False) + BN: no padding is needed for a 1x1 kernel. */
    private static Block shortcut(int out) {
        return new SequentialBlock().add(Layers.conv(out, 1, 1, 2, 0, 0, false)).add(Layers.batchNorm(Layers.Norm.KERAS));
    }

    /** SeparableConv2D(out, 3, padding='same', use_bias=False): depthwise 3x3, then pointwise 1x1. */
    private static Block separable(int in, int out) {
        return new SequentialBlock().add(Layers.conv(in, 3, 1, in)).add(Layers.conv(out, 1, 1));
    }

    /** body(x) + shortcut(x). */
    private static Block add(Block body, Block shortcut) {
        return new ParallelBlock(list -> new NDList(list.get(0).singletonOrThrow().add(list.get(1).singletonOrThrow())),
                Arrays.asList(body, shortcut));
    }
}
