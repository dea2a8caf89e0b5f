package io.simclr.workbench.model;

import com.google.gson.annotations.SerializedName;
import io.simclr.workbench.json.Choices;

/** The projection head g that maps h to z, where the contrastive loss is computed. */
public enum HeadKind {
    /** z = h: the loss acts on the representation itself. */
    @SerializedName("none")
    NONE("none"),
    /** z = W h. */
    @SerializedName("linear")
    LINEAR("linear"),
    /** z = W2 ReLU(BN(W1 h)): SimCLR's head, which the paper found best. */
    @SerializedName("mlp")
    MLP("mlp"),
    /** z = W2 ReLU(W1 h + b1) + b2: sthalles/SimCLR's head, which has no batch norm; for matching that reference. */
    @SerializedName("mlp-nobn")
    MLP_NO_BN("mlp-nobn");

    private final String id;

    HeadKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static HeadKind parse(String text) {
        return Choices.parse(values(), HeadKind::id, text, "head");
    }
}
