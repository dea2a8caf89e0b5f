package io.simclr.workbench.nd;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Arithmetic between an array and a constant that stays right under autograd.
 *
 * <p>Why: DJL's number overloads ({@code div(Number)}, {@code mul(Number)}, {@code maximum(Number)},
 * …) wrap the number in a scalar array over a Java direct buffer and close it as soon as the
 * operation returns; PyTorch does not copy that buffer and autograd keeps pointing at it for the
 * backward pass, so a garbage collection in between frees it and the gradient is scaled by whatever
 * lies there then. Here the constant is made by the engine's own fill ({@code at::full}), whose
 * memory PyTorch owns and keeps for as long as autograd needs it. {@code NumberOperandsTest} keeps
 * the number overloads out of this project's code.
 */
public final class Scalars {
    private Scalars() {}

    /** A 0-dimensional array of {@code value}, in memory the engine owns, of {@code like}'s type and device. */
    public static NDArray of(NDArray like, double value) {
        DataType type = like.getDataType().isFloating() ? like.getDataType() : DataType.FLOAT32;
        return like.getManager().full(new Shape(), (float) value, type);
    }

    public static NDArray add(NDArray x, double value) {
        try (NDArray c = of(x, value)) {
            return x.add(c);
        }
    }

    public static NDArray sub(NDArray x, double value) {
        try (NDArray c = of(x, value)) {
            return x.sub(c);
        }
    }

    public static NDArray mul(NDArray x, double value) {
        try (NDArray c = of(x, value)) {
            return x.mul(c);
        }
    }

    public static NDArray div(NDArray x, double value) {
        try (NDArray c = of(x, value)) {
            return x.div(c);
        }
    }

    public static NDArray maximum(NDArray x, double value) {
        try (NDArray c = of(x, value)) {
            return x.maximum(c);
        }
    }

    /** {@code x *= value} in place (no autograd: for optimizer state and gradients). */
    public static void muli(NDArray x, double value) {
        try (NDArray c = of(x, value)) {
            x.muli(c);
        }
    }

    /** {@code x += value} in place (no autograd). */
    public static void addi(NDArray x, double value) {
        try (NDArray c = of(x, value)) {
            x.addi(c);
        }
    }
}
