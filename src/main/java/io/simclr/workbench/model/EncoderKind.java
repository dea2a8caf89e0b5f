package io.simclr.workbench.model;

import com.google.gson.annotations.SerializedName;
import io.simclr.workbench.json.Choice;
import io.simclr.workbench.json.Choices;

/** The encoders f that map an image to its representation h. */
public enum EncoderKind implements Choice {
    @SerializedName("small")
    SMALL("small", "A narrow ResNet-10 (widths 32-256, one basic block per stage), h of 256: fast enough to train on a laptop's CPU."),
    @SerializedName("resnet18")
    RESNET18("resnet18", "ResNet-18 as in the SimCLR paper: basic blocks [2, 2, 2, 2], widths 64-512, h of 512."),
    @SerializedName("resnet50")
    RESNET50("resnet50", "ResNet-50, the paper's main encoder: bottleneck blocks [3, 4, 6, 3], h of 2048; slow without a GPU."),
    @SerializedName("efficientnet-b0")
    EFFICIENTNET_B0("efficientnet-b0", "EfficientNet-B0: MBConv blocks with squeeze-excitation and SiLU, h of 1280.");

    private final String id;
    private final String description;

    EncoderKind(String id, String description) {
        this.id = id;
        this.description = description;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String description() {
        return description;
    }

    public static EncoderKind parse(String text) {
        return Choices.parse(values(), EncoderKind::id, text, "encoder");
    }
}
