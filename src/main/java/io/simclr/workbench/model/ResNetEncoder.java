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
import java.util.Arrays;
import java.util.List;

/**
 * ResNet as in He et al. and the SimCLR paper (torchvision's v1.5: in a bottleneck the stride sits on
 * the 3x3 convolution), written for this project: DJL's model-zoo ResNetV1 builds bottleneck blocks
 * for 18 layers and has no batch norm after the stem. The output is the global-average-pooled
 * representation h.
 */
public final class ResNetEncoder {

    private ResNetEncoder() {}

    /** Blocks per stage, whether they are bottlenecks, and the stage widths. */
    record Layout(int[] blocks, boolean bottleneck, int[] widths) {
        int representationDim() {
            return widths[widths.length - 1] * (bottleneck ? 4 : 1);
        }
    }

    static final Layout RESNET18 = new Layout(new int[] {2, 2, 2, 2}, false, new int[] {64, 128, 256, 512});
    static final Layout RESNET50 = new Layout(new int[] {3, 4, 6, 3}, true, new int[] {64, 128, 256, 512});
    static final Layout SMALL = new Layout(new int[] {1, 1, 1, 1}, false, new int[] {32, 64, 128, 256});

    static Block build(Layout layout, StemKind stem) {
        SequentialBlock net = new SequentialBlock();
        int stemWidth = layout.widths()[0];
        if (stem == StemKind.CIFAR || stem == StemKind.LIGHT) {
            net.add(Layers.conv(stemWidth, 3, stem == StemKind.LIGHT ? 2 : 1)).add(Layers.batchNorm()).add(Layers.relu());
        } else {
            net.add(Layers.conv(stemWidth, 7, 2)).add(Layers.batchNorm()).add(Layers.relu())
                    .add(Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1)));
        }
        int channels = stemWidth;
        for (int stage = 0; stage < layout.blocks().length; stage++) {
            int width = layout.widths()[stage];
            for (int b = 0; b < layout.blocks()[stage]; b++) {
                int stride = stage > 0 && b == 0 ? 2 : 1;
                int out = layout.bottleneck() ? 4 * width : width;
                net.add(residual(layout.bottleneck() ? bottleneck(width, stride) : basic(width, stride),
                        stride != 1 || channels != out ? projection(out, stride) : Blocks.identityBlock()));
                channels = out;
            }
        }
        net.add(Pool.globalAvgPool2dBlock());
        return net;
    }

    private static Block basic(int width, int stride) {
        return new SequentialBlock()
                .add(Layers.conv(width, 3, stride)).add(Layers.batchNorm()).add(Layers.relu())
                .add(Layers.conv(width, 3, 1)).add(Layers.batchNorm());
    }

    private static Block bottleneck(int width, int stride) {
        return new SequentialBlock()
                .add(Layers.conv(width, 1, 1)).add(Layers.batchNorm()).add(Layers.relu())
                .add(Layers.conv(width, 3, stride)).add(Layers.batchNorm()).add(Layers.relu())
                .add(Layers.conv(4 * width, 1, 1)).add(Layers.batchNorm());
    }

    private static Block projection(int out, int stride) {
        return new SequentialBlock().add(Layers.conv(out, 1, stride)).add(Layers.batchNorm());
    }

    /** relu(main(x) + shortcut(x)). */
    private static Block residual(Block main, Block shortcut) {
        return new ParallelBlock(ResNetEncoder::addThenRelu, Arrays.asList(main, shortcut));
    }

    private static NDList addThenRelu(List<NDList> branches) {
        NDArray sum = branches.get(0).singletonOrThrow().add(branches.get(1).singletonOrThrow());
        return new NDList(Activation.relu(sum));
    }
}
