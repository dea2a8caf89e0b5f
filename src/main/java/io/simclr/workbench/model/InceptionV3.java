package io.simclr.workbench.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;

/**
 * Inception-v3 (Szegedy et al., 2016) as torchvision builds it ({@code torchvision.models.inception_v3}),
 * without the auxiliary classifier and the final fully connected layer: a valid-padded stem, three
 * Inception-A blocks (35 x 35 at 299 px), a grid reduction, four Inception-C blocks with factorised
 * 7 x 7 convolutions, a second reduction, two Inception-E blocks, then global average pooling to
 * h of 2048. Every convolution is torchvision's BasicConv2d: no bias, batch norm with eps 0.001, ReLU;
 * the padding of each is torchvision's. The branch pools are 3 x 3 averages that count the padding,
 * as {@code F.avg_pool2d}'s default does.
 */
public final class InceptionV3 {

    public static final int REPRESENTATION_DIM = 2048;
    /** The smallest side the valid-padded stem and reductions leave a 1 x 1 map for. */
    public static final int MINIMUM_SIZE = 75;

    private InceptionV3() {}

    static Block build() {
        SequentialBlock net = new SequentialBlock().add(new InputResize(MINIMUM_SIZE));
        net.add(conv(32, 3, 3, 2, 0, 0)).add(conv(32, 3, 3, 1, 0, 0)).add(conv(64, 3, 3, 1, 1, 1)).add(maxPool());
        net.add(conv(80, 1, 1, 1, 0, 0)).add(conv(192, 3, 3, 1, 0, 0)).add(maxPool());
        net.add(inceptionA(32)).add(inceptionA(64)).add(inceptionA(64));
        net.add(inceptionB());
        net.add(inceptionC(128)).add(inceptionC(160)).add(inceptionC(160)).add(inceptionC(192));
        net.add(inceptionD());
        net.add(inceptionE()).add(inceptionE());
        net.add(Pool.globalAvgPool2dBlock());
        return net;
    }

    private static Block conv(int filters, int kh, int kw, int stride, int padH, int padW) {
        return Layers.convBnRelu(Layers.Norm.TORCHVISION_INCEPTION, filters, kh, kw, stride, padH, padW);
    }

    private static Block conv1x1(int filters) {
        return conv(filters, 1, 1, 1, 0, 0);
    }

    private static Block maxPool() {
        return Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(0, 0));
    }

    /** F.avg_pool2d(x, 3, stride=1, padding=1): zeros at the border count in the mean. */
    private static Block averagePool() {
        return Pool.avgPool2dBlock(new Shape(3, 3), new Shape(1, 1), new Shape(1, 1), false, true);
    }

    /** 1x1 | 1x1 → 5x5 | 1x1 → 3x3 → 3x3 | avg-pool → 1x1 (Figure 5 of the paper). */
    private static Block inceptionA(int poolFeatures) {
        return Layers.concat(
                conv1x1(64),
                Layers.chain(conv1x1(48), conv(64, 5, 5, 1, 2, 2)),
                Layers.chain(conv1x1(64), conv(96, 3, 3, 1, 1, 1), conv(96, 3, 3, 1, 1, 1)),
                Layers.chain(averagePool(), conv1x1(poolFeatures)));
    }

    /** Grid reduction 35 → 17: 3x3 stride 2 | 1x1 → 3x3 → 3x3 stride 2 | max-pool. */
    private static Block inceptionB() {
        return Layers.concat(
                conv(384, 3, 3, 2, 0, 0),
                Layers.chain(conv1x1(64), conv(96, 3, 3, 1, 1, 1), conv(96, 3, 3, 2, 0, 0)),
                maxPool());
    }

    /** 7 x 7 convolutions factorised into 1x7 and 7x1 (Figure 6), {@code c7} channels inside. */
    private static Block inceptionC(int c7) {
        return Layers.concat(
                conv1x1(192),
                Layers.chain(conv1x1(c7), conv(c7, 1, 7, 1, 0, 3), conv(192, 7, 1, 1, 3, 0)),
                Layers.chain(conv1x1(c7), conv(c7, 7, 1, 1, 3, 0), conv(c7, 1, 7, 1, 0, 3), conv(c7, 7, 1, 1, 3, 0), conv(192, 1, 7, 1, 0, 3)),
                Layers.chain(averagePool(), conv1x1(192)));
    }

    /** Grid reduction 17 → 8. */
    private static Block inceptionD() {
        return Layers.concat(
                Layers.chain(conv1x1(192), conv(320, 3, 3, 2, 0, 0)),
                Layers.chain(conv1x1(192), conv(192, 1, 7, 1, 0, 3), conv(192, 7, 1, 1, 3, 0), conv(192, 3, 3, 2, 0, 0)),
                maxPool());
    }

    /** The widened 8 x 8 blocks (Figure 7): 3x3s split into parallel 1x3 and 3x1. */
    private static Block inceptionE() {
        return Layers.concat(
                conv1x1(320),
                Layers.chain(conv1x1(384), Layers.concat(conv(384, 1, 3, 1, 0, 1), conv(384, 3, 1, 1, 1, 0))),
                Layers.chain(conv1x1(448), conv(384, 3, 3, 1, 1, 1), Layers.concat(conv(384, 1, 3, 1, 0, 1), conv(384, 3, 1, 1, 1, 0))),
                Layers.chain(averagePool(), conv1x1(192)));
    }
}
