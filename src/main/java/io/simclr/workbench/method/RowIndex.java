package io.simclr.workbench.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/** Row numbers as an int64 array, the type every engine takes as an index, owned by {@code manager}. */
final class RowIndex {
    private RowIndex() {}

    static NDArray of(NDManager manager, int[] rows) {
        long[] wide = new long[rows.length];
        for (int i = 0; i < rows.length; i++) {
            wide[i] = rows[i];
        }
        return manager.create(wide);
    }
}
