package io.simclr.workbench.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.simclr.workbench.nd.Scalars;

/**
 * SimCLR's NT-Xent loss (Chen et al. 2020, eq. 1), in fp32 whatever z's type:
 *
 * <pre>
 *   l(i, j) = -log( exp(sim(z_i, z_j) / tau) / sum_{k != i} exp(sim(z_i, z_k) / tau) )
 * </pre>
 *
 * over 2N views where view i and view i + N (mod 2N) are a positive pair, sim is cosine
 * similarity, and the loss is the mean over all 2N anchors. Each row has 2N - 1 candidates (self is
 * masked), so with all similarities equal the loss is ln(2N - 1).
 */
public final class NtXentLoss {

    /** Added to self-similarities so exp() of them is exactly 0 in fp32. */
    private static final float SELF_MASK = -1e9f;

    private final float temperature;

    public NtXentLoss(double temperature) {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be a number above 0 (0.07 to 0.5 are usual), not " + temperature);
        }
        this.temperature = (float) temperature;
    }

    public float temperature() {
        return temperature;
    }

    /** The loss, and what the metrics need: cosine similarities (2N x 2N) and the normalised z. */
    public record Result(NDArray loss, NDArray cosine, NDArray normalized) {}

    public Result compute(NDArray z) {
        Shape shape = z.getShape();
        if (shape.dimension() != 2 || shape.get(0) % 2 != 0 || shape.get(0) < 4) {
            throw new IllegalArgumentException("NT-Xent needs z of shape (2N, d) with N >= 2, got " + shape);
        }
        int views = Math.toIntExact(shape.get(0));
        NDManager manager = z.getManager();
        NDArray normalized = UnitVectors.of(z);
        NDArray cosine = normalized.matMul(normalized.transpose());
        NDArray logits = Scalars.div(cosine, temperature).add(Scalars.mul(manager.eye(views), SELF_MASK));
        NDArray loss = Scalars.div(logits.logSoftmax(1).mul(positiveMask(manager, views)).sum().neg(), views);
        return new Result(loss, cosine, normalized);
    }

    /** One-hot rows: row i marks column (i + N) mod 2N, view i's other view. */
    static NDArray positiveMask(NDManager manager, int views) {
        float[] mask = new float[views * views];
        int half = views / 2;
        for (int i = 0; i < views; i++) {
            mask[i * views + (i + half) % views] = 1f;
        }
        return manager.create(mask, new Shape(views, views));
    }
}
