package io.simclr.workbench.method;

import com.google.gson.annotations.SerializedName;
import io.simclr.workbench.json.Choice;
import io.simclr.workbench.json.Choices;

/** The self-supervised methods the trainer can run; each names what keeps it from collapsing. */
public enum MethodKind implements Choice {
    @SerializedName("simclr")
    SIMCLR("simclr", "SimCLR (Chen et al. 2020): NT-Xent over the 2N views of a batch; the other 2N-2 views are the negatives"
            + " that keep every image from mapping to the same point.");

    private final String id;
    private final String description;

    MethodKind(String id, String description) {
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

    public static MethodKind parse(String text) {
        return Choices.parse(values(), MethodKind::id, text, "method");
    }
}
