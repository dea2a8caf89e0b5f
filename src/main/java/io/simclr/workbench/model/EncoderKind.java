package io.simclr.workbench.model;

import com.google.gson.annotations.SerializedName;
import io.simclr.workbench.json.Choices;

/** The encoders f that map an image to its representation h. */
public enum EncoderKind {
    /** A narrow ResNet-10 (widths 32-256, one basic block per stage): the CPU classroom default. */
    @SerializedName("small")
    SMALL("small"),
    /** ResNet-18 as in the SimCLR paper: basic blocks [2, 2, 2, 2], widths 64-512, h of 512. */
    @SerializedName("resnet18")
    RESNET18("resnet18"),
    /** ResNet-50: bottleneck blocks [3, 4, 6, 3], h of 2048. */
    @SerializedName("resnet50")
    RESNET50("resnet50"),
    /** EfficientNet-B0: MBConv blocks with squeeze-excitation and SiLU, h of 1280. */
    @SerializedName("efficientnet-b0")
    EFFICIENTNET_B0("efficientnet-b0");

    private final String id;

    EncoderKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static EncoderKind parse(String text) {
        return Choices.parse(values(), EncoderKind::id, text, "encoder");
    }
}
