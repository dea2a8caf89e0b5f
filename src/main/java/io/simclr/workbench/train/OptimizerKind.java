package io.simclr.workbench.train;

import com.google.gson.annotations.SerializedName;
import io.simclr.workbench.json.Choice;
import io.simclr.workbench.json.Choices;

/** How the trainer turns gradients into parameter updates. */
public enum OptimizerKind implements Choice {
    @SerializedName("adam")
    ADAM("adam", "Adam with L2 weight decay added to the gradient, as torch.optim.Adam; the reference uses rate 3e-4, decay 1e-4."),
    @SerializedName("sgd")
    SGD("sgd", "SGD with momentum 0.9 and L2 weight decay."),
    @SerializedName("lars")
    LARS("lars", "LARS (You et al. 2017), as SimCLR uses for large batches: a trust ratio per layer, momentum 0.9; "
            + "batch-norm and bias parameters are left out of the ratio and of weight decay.");

    private final String id;
    private final String description;

    OptimizerKind(String id, String description) {
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
