package io.simclr.workbench.app.runs;

import io.simclr.workbench.json.Choice;
import io.simclr.workbench.train.Metric;
import java.util.Arrays;

/** What the Runs screen overlays for the selected runs; every method logs all of these, so runs of different methods compare. */
public enum OverlayCurve implements Choice {
    LOSS("loss", Metric.LOSS, "The training loss, smoothed. Each method's loss has its own scale (NT-Xent starts near log of the batch,"
            + " BYOL's near 4, Barlow Twins' in the hundreds): compare losses within one method."),
    TOP1("in-batch top-1", Metric.TOP1, "How often a view's nearest neighbour in the batch is its own pair: comparable across methods."),
    COLLAPSE("collapse meter", Metric.EMBEDDING_STD, "The std of the normalised embeddings; healthy near 1/√d, near 0 when every"
            + " image maps to the same point."),
    ALIGNMENT("alignment", Metric.ALIGNMENT, "Mean squared distance between the two views of an image (lower: pairs closer)."),
    UNIFORMITY("uniformity", Metric.UNIFORMITY, "How evenly the embeddings spread over the sphere (lower: more uniform).");

    private final String id;
    private final Metric metric;
    private final String description;

    OverlayCurve(String id, Metric metric, String description) {
        this.id = id;
        this.metric = metric;
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

    public Metric metric() {
        return metric;
    }

    public static OverlayCurve parse(String text) {
        return Arrays.stream(values()).filter(c -> c.id.equals(text)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no curve called '" + text + "'"));
    }
}
