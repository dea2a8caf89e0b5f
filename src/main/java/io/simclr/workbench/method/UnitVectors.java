package io.simclr.workbench.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import io.simclr.workbench.nd.Scalars;

/** Rows scaled to unit length, and cosines between rows, in fp32 whatever the input's type: every loss here works on these. */
final class UnitVectors {
    private UnitVectors() {}

    /** Each row divided by its L2 norm (or by 1e-12 for a zero row, as torch's F.normalize). */
    static NDArray of(NDArray x) {
        NDArray x32 = x.getDataType() == DataType.FLOAT32 ? x : x.toType(DataType.FLOAT32, false);
        return x32.div(Scalars.maximum(x32.norm(new int[] {1}, true), 1e-12));
    }

    /** Cosine of row i of {@code a} with row i of {@code b}, shape (N). */
    static NDArray rowCosine(NDArray a, NDArray b) {
        return of(a).mul(of(b)).sum(new int[] {1});
    }
}
