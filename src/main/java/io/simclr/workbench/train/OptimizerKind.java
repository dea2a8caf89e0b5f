package io.simclr.workbench.train;

import com.google.gson.annotations.SerializedName;
import io.simclr.workbench.json.Choices;

public enum OptimizerKind {
    /** Adam with L2 weight decay added to the gradient (torch.optim.Adam's weight_decay); the reference's lr 3e-4, wd 1e-4. */
    @SerializedName("adam")
    ADAM("adam"),
    /** SGD with momentum 0.9 and L2 weight decay. */
    @SerializedName("sgd")
    SGD("sgd"),
    /** LARS (You et al. 2017), as SimCLR uses for large batches: layer-wise trust ratio, momentum 0.9;
     *  batch-norm and bias parameters are excluded from the trust ratio and from weight decay. */
    @SerializedName("lars")
    LARS("lars");

    private final String id;

    OptimizerKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The rate this optimizer starts from when none is given: Adam the reference's 3e-4; SGD and LARS scaled with the batch, as SimCLR does. */
    public double defaultLearningRate(int batchSize) {
        return switch (this) {
            case ADAM -> 3e-4;
            case SGD -> 0.06 * batchSize / 256.0;
            case LARS -> 0.3 * batchSize / 256.0;
        };
    }

    public static OptimizerKind parse(String text) {
        return Choices.parse(values(), OptimizerKind::id, text, "optimizer");
    }
}
