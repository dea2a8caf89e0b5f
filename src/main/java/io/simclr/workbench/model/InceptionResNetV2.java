package io.simclr.workbench.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;
import io.simclr.workbench.nd.Scalars;
import java.util.Arrays;

/**
 * Inception-ResNet-v2 (Szegedy et al., 2017) as Keras Applications builds it
 * ({@code keras.applications.InceptionResNetV2(include_top=False)}), ending in global average
 * pooling to h of 1536: the valid-padded stem, Mixed-5b, ten Inception-ResNet-A blocks (residual
 * scale 0.17), Reduction-A, twenty B blocks (0.1), Reduction-B, ten C blocks (0.2; the last one
 * unscaled and without ReLU) and the 1x1 convolution to 1536. As Keras's {@code conv2d_bn}: every
 * convolution without bias is followed by batch norm without gamma ({@code scale=False}, eps 0.001,
 * momentum 0.99) and ReLU; each block's 1x1 up-projection has a bias and neither. "same" padding is
 * symmetric here (all same-padded layers have stride 1); the branch average pool excludes the padding,
 * as TensorFlow's does.
 */
public final class InceptionResNetV2 {

    public static final int REPRESENTATION_DIM = 1536;
    /** Keras's smallest accepted side (the valid-padded reductions leave a 1 x 1 map). */
    public static final int MINIMUM_SIZE = 75;

    private InceptionResNetV2() {}

    static Block build() {
        SequentialBlock net = new SequentialBlock().add(new InputResize(MINIMUM_SIZE));
        net.add(valid(32, 3, 2)).add(valid(32, 3, 1)).add(same(64, 3, 3)).add(maxPool());
        net.add(valid(80, 1, 1)).add(valid(192, 3, 1)).add(maxPool());
        net.add(mixed5b());
        for (int i = 0; i < 10; i++) {
            net.add(block35());
        }
        net.add(Layers.concat(valid(384, 3, 2), Layers.chain(same(256, 1, 1), same(256, 3, 3), valid(384, 3, 2)), maxPool()));
        for (int i = 0; i < 20; i++) {
            net.add(block17());
        }
        net.add(Layers.concat(Layers.chain(same(256, 1, 1), valid(384, 3, 2)), Layers.chain(same(256, 1, 1), valid(288, 3, 2)),
                Layers.chain(same(256, 1, 1), same(288, 3, 3), valid(320, 3, 2)), maxPool()));
        for (int i = 0; i < 9; i++) {
            net.add(block8(0.2, true));
        }
        net.add(block8(1.0, false));
        net.add(same(1536, 1, 1));
        net.add(Pool.globalAvgPool2dBlock());
        return net;
    }

    /** conv2d_bn with padding 'valid'. */
    private static Block valid(int filters, int kernel, int stride) {
        return Layers.convBnRelu(Layers.Norm.KERAS_NO_SCALE, filters, kernel, kernel, stride, 0, 0);
    }

    /** conv2d_bn with padding 'same' at stride 1: kernel / 2 on each side. */
    private static Block same(int filters, int kh, int kw) {
        return Layers.convBnRelu(Layers.Norm.KERAS_NO_SCALE, filters, kh, kw, 1, kh / 2, kw / 2);
    }

    private static Block maxPool() {
        return Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(0, 0));
    }

    /** Inception-A before the residual blocks: 96 | 48 → 64 (5x5) | 64 → 96 → 96 | avg-pool → 64, 320 channels. */
    private static Block mixed5b() {
        return Layers.concat(
                same(96, 1, 1),
                Layers.chain(same(48, 1, 1), same(64, 5, 5)),
                Layers.chain(same(64, 1, 1), same(96, 3, 3), same(96, 3, 3)),
                Layers.chain(new SamePaddedAveragePool(), same(64, 1, 1)));
    }

    private static Block block35() {
        Block mixed = Layers.concat(same(32, 1, 1), Layers.chain(same(32, 1, 1), same(32, 3, 3)),
                Layers.chain(same(32, 1, 1), same(48, 3, 3), same(64, 3, 3)));
        return residual(mixed, 320, 0.17, true);
    }

    private static Block block17() {
        Block mixed = Layers.concat(same(192, 1, 1), Layers.chain(same(128, 1, 1), same(160, 1, 7), same(192, 7, 1)));
        return residual(mixed, 1088, 0.1, true);
    }

    private static Block block8(double scale, boolean relu) {
        Block mixed = Layers.concat(same(192, 1, 1), Layers.chain(same(192, 1, 1), same(224, 1, 3), same(256, 3, 1)));
        return residual(mixed, 2080, scale, relu);
    }

    /**
     * x + scale * up(branches(x)), then ReLU unless it is the last block: the residual scaling the
     * paper found keeps wide residual Inception networks from dying early in training.
     */
    private static Block residual(Block branches, int channels, double scale, boolean relu) {
        Block up = Layers.chain(branches, Layers.conv(channels, 1, 1, 1, 0, 0, true));
        return new ParallelBlock(list -> {
            NDArray x = list.get(0).singletonOrThrow();
            NDArray sum = x.add(Scalars.mul(list.get(1).singletonOrThrow(), scale));
            return new NDList(relu ? Activation.relu(sum) : sum);
        }, Arrays.asList(Blocks.identityBlock(), up));
    }
}
