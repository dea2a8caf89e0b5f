package io.simclr.workbench.train;

import java.util.Arrays;
import java.util.List;

/** A column of {@code metrics.csv}, in the order new files write them; readers name columns by these, never by strings. */
public enum Metric {
    EPOCH("epoch"), STEP("step"), GLOBAL_STEP("global_step"), LOSS("loss"), TOP1("top1"), TOP5("top5"), ENTROPY("entropy"),
    POSITIVE_SIMILARITY("pos_sim"), NEGATIVE_SIMILARITY("neg_sim"), ALIGNMENT("alignment"), UNIFORMITY("uniformity"),
    EMBEDDING_STD("embedding_std"), LEARNING_RATE("lr"), VIEWS_PER_SECOND("views_per_s"), ELAPSED_SECONDS("elapsed_s"), ETA_SECONDS("eta_s"),
    GRADIENT_NORM("grad_norm"), HEALTHY_STD("healthy_std"), MOMENTUM("momentum"), QUEUE_FILL("queue_fill"), NEGATIVE_AGE("negative_age"),
    ASSIGNMENT_ENTROPY("assignment_entropy"), PROTOTYPES_USED("prototypes_used");

    private final String column;

    Metric(String column) {
        this.column = column;
    }

    /** The header name in the file. */
    public String column() {
        return column;
    }

    /** Every header name, in file order. */
    public static List<String> columns() {
        return Arrays.stream(values()).map(Metric::column).toList();
    }
}
