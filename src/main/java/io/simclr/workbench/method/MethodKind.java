package io.simclr.workbench.method;

import com.google.gson.annotations.SerializedName;
import io.simclr.workbench.json.Choice;
import io.simclr.workbench.json.Choices;

/** The self-supervised methods the trainer can run; each names what keeps it from collapsing. */
public enum MethodKind implements Choice {
    @SerializedName("simclr")
    SIMCLR("simclr", "NT-Xent", "SimCLR (Chen et al. 2020): NT-Xent over the 2N views of a batch; the other 2N-2 views are the negatives"
            + " that keep every image from mapping to the same point."),
    @SerializedName("moco")
    MOCO("moco", "InfoNCE (queue)", "MoCo v2 (Chen et al. 2020): a queue of keys from a slowly moving copy of the encoder supplies thousands of"
            + " negatives whatever the batch, and pushing them away keeps the embeddings apart."),
    @SerializedName("memory-bank")
    MEMORY_BANK("memory-bank", "InfoNCE (memory bank)", "Memory bank (Wu et al. 2018): one stored feature per training image; each view is pulled to its"
            + " own image's memory and pushed from memories of other images, which keeps the embeddings apart."),
    @SerializedName("byol")
    BYOL("byol", "2 − 2 cos(p, z′)", "BYOL (Grill et al. 2020): no negatives; a predictor chases a slowly moving average of the network itself,"
            + " and that asymmetry (predictor, momentum target, stop-gradient) keeps it from collapsing."),
    @SerializedName("simsiam")
    SIMSIAM("simsiam", "−cos(p, z)", "SimSiam (Chen and He 2021): no negatives and no momentum; the stop-gradient on the target branch with"
            + " the predictor is what keeps it from collapsing — switch either off and watch the collapse meter fall."),
    @SerializedName("barlow-twins")
    BARLOW_TWINS("barlow-twins", "Barlow Twins", "Barlow Twins (Zbontar et al. 2021): the two views' cross-correlation is pulled to the identity;"
            + " decorrelating the features forbids the redundant, constant solution."),
    @SerializedName("swav")
    SWAV("swav", "swapped-prediction", "SwAV (Caron et al. 2020): each view predicts the other's cluster assignment; Sinkhorn-Knopp spreads every batch"
            + " evenly over the prototypes, so all images cannot fall into one cluster.");

    private final String id;
    private final String lossName;
    private final String description;

    MethodKind(String id, String lossName, String description) {
        this.id = id;
        this.lossName = lossName;
        this.description = description;
    }

    /** What its loss is, for a chart's title ("NT-Xent" loss): the losses of different methods are not on one scale. */
    public String lossName() {
        return lossName;
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
