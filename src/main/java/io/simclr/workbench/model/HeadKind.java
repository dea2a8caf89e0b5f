package io.simclr.workbench.model;

import com.google.gson.annotations.SerializedName;
import java.util.Arrays;
import java.util.Locale;

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
    MLP("mlp");

    private final String id;

    HeadKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static HeadKind parse(String text) {
        String key = text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(k -> k.id.equals(key)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown head '" + text + "'; choose one of "
                        + Arrays.stream(values()).map(HeadKind::id).toList()));
    }
}
