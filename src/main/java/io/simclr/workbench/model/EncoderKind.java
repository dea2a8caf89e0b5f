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
    EFFICIENTNET_B0("efficientnet-b0", "EfficientNet-B0: MBConv blocks with squeeze-excitation and SiLU, h of 1280."),
    @SerializedName("inception-v3")
    INCEPTION_V3("inception-v3", InceptionV3.MINIMUM_SIZE, "Inception-v3 as torchvision builds it, without the auxiliary head: parallel"
            + " branches of 1x1, factorised 7x7 and split 3x3 convolutions, 21.8 M parameters, h of 2048; needs 75 px, so smaller images are resized up."),
    @SerializedName("inception-resnet-v2")
    INCEPTION_RESNET_V2("inception-resnet-v2", InceptionResNetV2.MINIMUM_SIZE, "Inception-ResNet-v2 as Keras builds it: Inception branches"
            + " inside scaled residual blocks, 54.3 M parameters, h of 1536; needs 75 px, so smaller images are resized up; the slowest here."),
    @SerializedName("xception")
    XCEPTION("xception", Xception.MINIMUM_SIZE, "Xception as Keras builds it: depthwise-separable convolutions in residual blocks,"
            + " 20.8 M parameters, h of 2048; needs 71 px, so smaller images are resized up.");

    private final String id;
    private final int minimumImageSize;
    private final String description;

    EncoderKind(String id, String description) {
        this(id, 0, description);
    }

    EncoderKind(String id, int minimumImageSize, String description) {
        this.id = id;
        this.minimumImageSize = minimumImageSize;
        this.description = description;
    }

    /** The smallest image side the encoder takes; smaller images are resized up to it inside the network. 0: any. */
    public int minimumImageSize() {
        return minimumImageSize;
    }

    /** The names, comma-separated, for help texts and error messages. */
    public static String ids() {
        return String.join(", ", java.util.Arrays.stream(values()).map(EncoderKind::id).toList());
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
