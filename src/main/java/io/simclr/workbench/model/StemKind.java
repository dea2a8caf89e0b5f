package io.simclr.workbench.model;

import com.google.gson.annotations.SerializedName;
import io.simclr.workbench.json.Choices;

/** The first layers of a ResNet, which decide how fast the image is shrunk. */
public enum StemKind {
    /** CIFAR stem (light for the small encoder) for images of 64 px or less, ImageNet stem above. */
    @SerializedName("auto")
    AUTO("auto"),
    /** 3x3 convolution, stride 1, no max-pool: keeps small images' detail (and costs far more compute). */
    @SerializedName("cifar")
    CIFAR("cifar"),
    /** 7x7 convolution, stride 2, then 3x3 max-pool, stride 2: the ImageNet stem. */
    @SerializedName("imagenet")
    IMAGENET("imagenet"),
    /** 3x3 convolution, stride 2, no max-pool: a quarter of the CIFAR stem's compute, for CPU classroom runs. */
    @SerializedName("light")
    LIGHT("light");

    /** Images up to this side get the CIFAR stem under {@link #AUTO}. */
    public static final int SMALL_IMAGE_LIMIT = 64;

    private final String id;

    StemKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /**
     * The stem actually used for images of {@code imageSize}: under AUTO, the paper's ResNets take
     * the CIFAR stem for small images and the ImageNet stem otherwise; the small CPU encoder takes
     * the light stem for small images.
     */
    public StemKind resolve(int imageSize, EncoderKind encoder) {
        if (this != AUTO) {
            return this;
        }
        if (imageSize > SMALL_IMAGE_LIMIT) {
            return IMAGENET;
        }
        return encoder == EncoderKind.SMALL ? LIGHT : CIFAR;
    }

    public static StemKind parse(String text) {
        return Choices.parse(values(), StemKind::id, text, "stem");
    }
}
