package io.simclr.workbench.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.simclr.workbench.nd.Scalars;

/**
 * Barlow Twins' loss (Zbontar et al. 2021, eq. 1 and 2): each view's projections standardised per
 * dimension over the batch (batch norm without affine terms: biased variance, eps 1e-5), their
 * cross-correlation C = z1^T z2 / N, and
 *
 * <pre>
 *   L = sum_i (1 - C_ii)^2 + lambda sum_i sum_{j != i} C_ij^2
 * </pre>
 *
 * the invariance term pulling each dimension's correlation across views to 1, the redundancy term
 * pushing the correlation of different dimensions to 0. In fp32.
 */
final class BarlowTwinsLoss {

    private static final double EPSILON = 1e-5;

    private final double lambda;

    BarlowTwinsLoss(double lambda) {
        if (!(lambda > 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("lambda must be a number above 0, not " + lambda);
        }
        this.lambda = lambda;
    }

    NDArray compute(NDArray z1, NDArray z2) {
        long n = z1.getShape().get(0);
        long d = z1.getShape().get(1);
        NDManager manager = z1.getManager();
        NDArray c = Scalars.div(standardised(z1).transpose().matMul(standardised(z2)), n);
        NDArray eye = manager.eye((int) d);
        NDArray onDiagonal = Scalars.sub(c.mul(eye).sum(new int[] {1}), 1).square().sum();
        NDArray offDiagonal = c.square().mul(manager.ones(eye.getShape()).sub(eye)).sum();
        return onDiagonal.add(Scalars.mul(offDiagonal, lambda));
    }

    private static NDArray standardised(NDArray z) {
        NDArray z32 = z.toType(DataType.FLOAT32, false);
        NDArray centred = z32.sub(z32.mean(new int[] {0}, true));
        NDArray variance = centred.square().mean(new int[] {0}, true);
        return centred.div(Scalars.add(variance, EPSILON).sqrt());
    }
}
