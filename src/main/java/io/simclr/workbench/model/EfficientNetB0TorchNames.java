package io.simclr.workbench.model;

import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import java.util.List;

/**
 * torchvision's {@code efficientnet_b0} names: the stem {@code features.0.0/1}, each MBConv block
 * {@code features.<stage>.<i>.block.<u>} with u counting its convolution-norm units and its
 * squeeze-excitation ({@code fc1}, {@code fc2}: 1x1 convolutions there, linear layers here), and the
 * last 1x1 convolution {@code features.8.0/1}.
 */
final class EfficientNetB0TorchNames implements EncoderTorchNames {

    @Override
    public void name(Block encoder, TorchStateDict out) {
        List<Block> children = TorchStateDict.children(encoder);
        int[] repeats = EfficientNetB0.stageRepeats();
        int lastStage = repeats.length + 1;
        int stage = 0;
        int inStage = 0;
        boolean blocksSeen = false;
        for (Block child : children) {
            String outer = "features." + (blocksSeen ? lastStage : 0);
            if (child instanceof Conv2d) {
                out.conv(outer + ".0", child);
            } else if (child instanceof BatchNorm) {
                out.batchNorm(outer + ".1", child);
            } else if (!child.getParameters().isEmpty()) {
                while (inStage == repeats[stage]) {
                    stage++;
                    inStage = 0;
                }
                // An MBConv with a residual is ParallelBlock(body, identity); without one, the body itself.
                Block body = child instanceof ParallelBlock ? TorchStateDict.children(child).get(0) : child;
                mbConv("features." + (stage + 1) + "." + inStage + ".block", body, out);
                inStage++;
                blocksSeen = true;
            }
        }
    }

    private static void mbConv(String prefix, Block body, TorchStateDict out) {
        int unit = 0;
        for (Block layer : TorchStateDict.children(body)) {
            if (layer instanceof Conv2d) {
                out.conv(prefix + "." + unit + ".0", layer);
            } else if (layer instanceof BatchNorm) {
                out.batchNorm(prefix + "." + unit++ + ".1", layer);
            } else if (layer instanceof ParallelBlock) {
                List<Block> gate = TorchStateDict.children(TorchStateDict.children(layer).get(1)).stream()
                        .filter(Linear.class::isInstance).toList();
                out.linearAsConv1x1(prefix + "." + unit + ".fc1", gate.get(0));
                out.linearAsConv1x1(prefix + "." + unit++ + ".fc2", gate.get(1));
            }
        }
    }

    @Override
    public String torchvisionModel() {
        return "efficientnet_b0";
    }

    @Override
    public String classifierAttribute() {
        return "classifier";
    }

    /** Its own stride-2 3x3 stem is torchvision's; only the CIFAR stem (stride 1) differs. */
    @Override
    public boolean stemMatchesTorchvision(StemKind stem) {
        return stem != StemKind.CIFAR;
    }

    @Override
    public List<String> stemAdjustments(StemKind stem) {
        return stem == StemKind.CIFAR ? List.of("model.features[0][0].stride = (1, 1)") : List.of();
    }
}
