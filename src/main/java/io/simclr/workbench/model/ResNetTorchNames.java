package io.simclr.workbench.model;

import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import java.util.List;

/**
 * torchvision's ResNet names: {@code conv1}, {@code bn1}, then {@code layer<s>.<b>.conv<i>/bn<i>} for
 * each residual block and {@code layer<s>.<b>.downsample.0/1} for its projection shortcut. The small
 * encoder takes the same names (its PyTorch definition is {@code bench/workbench_models.py}).
 */
final class ResNetTorchNames implements EncoderTorchNames {

    private final ResNetEncoder.Layout layout;
    private final String torchvision;

    ResNetTorchNames(ResNetEncoder.Layout layout, String torchvision) {
        this.layout = layout;
        this.torchvision = torchvision;
    }

    @Override
    public void name(Block encoder, TorchStateDict out) {
        List<Block> children = TorchStateDict.children(encoder);
        int stage = 0;
        int inStage = 0;
        boolean stem = true;
        for (Block child : children) {
            if (stem && child instanceof Conv2d) {
                out.conv("conv1", child);
            } else if (stem && child instanceof BatchNorm) {
                out.batchNorm("bn1", child);
                stem = false;
            } else if (child instanceof ParallelBlock) {
                while (inStage == layout.blocks()[stage]) {
                    stage++;
                    inStage = 0;
                }
                residual("layer" + (stage + 1) + "." + inStage, child, out);
                inStage++;
            }
        }
    }

    /** A residual block: its main branch's convolutions and norms numbered from 1, its shortcut as downsample. */
    private static void residual(String prefix, Block block, TorchStateDict out) {
        List<Block> branches = TorchStateDict.children(block);
        int conv = 0;
        int norm = 0;
        for (Block layer : TorchStateDict.children(branches.get(0))) {
            if (layer instanceof Conv2d) {
                out.conv(prefix + ".conv" + ++conv, layer);
            } else if (layer instanceof BatchNorm) {
                out.batchNorm(prefix + ".bn" + ++norm, layer);
            }
        }
        if (branches.get(1) instanceof SequentialBlock shortcut) {
            List<Block> layers = TorchStateDict.children(shortcut);
            out.conv(prefix + ".downsample.0", layers.get(0));
            out.batchNorm(prefix + ".downsample.1", layers.get(1));
        }
    }

    @Override
    public String torchvisionModel() {
        return torchvision;
    }

    @Override
    public String classifierAttribute() {
        return "fc";
    }

    @Override
    public boolean stemMatchesTorchvision(StemKind stem) {
        return torchvision != null && stem == StemKind.IMAGENET;
    }

    @Override
    public List<String> stemAdjustments(StemKind stem) {
        int width = layout.widths()[0];
        return switch (stem) {
            case CIFAR -> List.of("model.conv1 = torch.nn.Conv2d(3, " + width + ", 3, 1, 1, bias=False)", "model.maxpool = torch.nn.Identity()");
            case LIGHT -> List.of("model.conv1 = torch.nn.Conv2d(3, " + width + ", 3, 2, 1, bias=False)", "model.maxpool = torch.nn.Identity()");
            default -> List.of();
        };
    }
}
