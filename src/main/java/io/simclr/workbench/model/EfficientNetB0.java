package io.simclr.workbench.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import java.util.Arrays;
import java.util.List;

/**
 * EfficientNet-B0 (Tan and Le, 2019): a 3x3 stem, seven stages of MBConv blocks (1x1 expansion,
 * depthwise k x k convolution, squeeze-excitation to a quarter of the input width, 1x1 projection,
 * residual where shapes allow), SiLU throughout, a 1x1 convolution to 1280 channels and global
 * average pooling. For small images the stem keeps stride 1, as CIFAR adaptations do.
 */
public final class EfficientNetB0 {

    public static final int REPRESENTATION_DIM = 1280;

    /** expand ratio, output channels, repeats, first stride, kernel: Table 1 of the paper. */
    private static final int[][] STAGES = {
            {1, 16, 1, 1, 3}, {6, 24, 2, 2, 3}, {6, 40, 2, 2, 5}, {6, 80, 3, 2, 3},
            {6, 112, 3, 1, 5}, {6, 192, 4, 2, 5}, {6, 320, 1, 1, 3}};

    private EfficientNetB0() {}

    /** Blocks per stage, as torchvision's {@code features.1} … {@code features.7} hold them. */
    static int[] stageRepeats() {
        return java.util.Arrays.stream(STAGES).mapToInt(stage -> stage[2]).toArray();
    }

    static Block build(StemKind stem) {
        SequentialBlock net = new SequentialBlock();
        // Stride 1 only for the CIFAR stem; its own stride-2 stem serves as the light one.
        net.add(Layers.conv(32, 3, stem == StemKind.CIFAR ? 1 : 2)).add(Layers.batchNorm()).add(Layers.silu());
        int channels = 32;
        for (int[] stage : STAGES) {
            for (int r = 0; r < stage[2]; r++) {
                int stride = r == 0 ? stage[3] : 1;
                net.add(mbConv(channels, stage[1], stage[0], stage[4], stride));
                channels = stage[1];
            }
        }
        net.add(Layers.conv(REPRESENTATION_DIM, 1, 1)).add(Layers.batchNorm()).add(Layers.silu());
        net.add(Pool.globalAvgPool2dBlock());
        return net;
    }

    private static Block mbConv(int in, int out, int expand, int kernel, int stride) {
        int mid = in * expand;
        SequentialBlock body = new SequentialBlock();
        if (expand != 1) {
            body.add(Layers.conv(mid, 1, 1)).add(Layers.batchNorm()).add(Layers.silu());
        }
        body.add(Layers.conv(mid, kernel, stride, mid)).add(Layers.batchNorm()).add(Layers.silu());
        body.add(squeezeExcitation(mid, Math.max(1, in / 4)));
        body.add(Layers.conv(out, 1, 1)).add(Layers.batchNorm());
        if (stride == 1 && in == out) {
            return new ParallelBlock(EfficientNetB0::sum, Arrays.asList(body, Blocks.identityBlock()));
        }
        return body;
    }

    /** x * sigmoid(W2 SiLU(W1 mean(x))): channels re-weighted by a summary of the whole image. */
    private static Block squeezeExcitation(int channels, int squeezed) {
        SequentialBlock gate = new SequentialBlock()
                .add(Pool.globalAvgPool2dBlock())
                .add(Linear.builder().setUnits(squeezed).build()).add(Layers.silu())
                .add(Linear.builder().setUnits(channels).build())
                .add(new LambdaBlock(list -> new NDList(Activation.sigmoid(list.singletonOrThrow()).expandDims(2).expandDims(3)), "gate"));
        return new ParallelBlock(EfficientNetB0::product, Arrays.asList(Blocks.identityBlock(), gate));
    }

    private static NDList sum(List<NDList> branches) {
        return new NDList(branches.get(0).singletonOrThrow().add(branches.get(1).singletonOrThrow()));
    }

    private static NDList product(List<NDList> branches) {
        NDArray x = branches.get(0).singletonOrThrow();
        return new NDList(x.mul(branches.get(1).singletonOrThrow()));
    }
}
