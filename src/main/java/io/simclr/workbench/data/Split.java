package io.simclr.workbench.data;

import java.util.Locale;

/** Which part of a dataset: training, test (validation for Tiny ImageNet), or unlabeled (STL-10). */
public enum Split {
    TRAIN, TEST, UNLABELED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
