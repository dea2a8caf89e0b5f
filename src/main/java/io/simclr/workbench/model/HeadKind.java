package io.simclr.workbench.model;

import com.google.gson.annotations.SerializedName;
import io.simclr.workbench.json.Choice;
import io.simclr.workbench.json.Choices;

/** The projection head g that maps h to z, where the contrastive loss is computed. */
public enum HeadKind implements Choice {
    @SerializedName("none")
    NONE("none", "z = h: the loss acts on the representation itself."),
    @SerializedName("linear")
    LINEAR("linear", "z = W h: one linear map between the representation and the loss."),
    @SerializedName("mlp")
    MLP("mlp", "z = W2 ReLU(BN(W1 h)): SimCLR's head, which the paper found best."),
    @SerializedName("mlp-nobn")
    MLP_NO_BN("mlp-nobn", "z = W2 ReLU(W1 h + b1) + b2: sthalles/SimCLR's head, without batch norm; for matching that reference.");

    private final String id;
    private final String description;

    HeadKind(String id, String description) {
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

    public static HeadKind parse(String text) {
        return Choices.parse(values(), HeadKind::id, text, "head");
    }
}
