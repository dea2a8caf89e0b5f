package io.simclr.workbench.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.simclr.workbench.nd.Scalars;

/**
 * LARS as SimCLR uses it: for each weight tensor the step is scaled by the trust ratio
 * eta ||w|| / ||g + wd w|| (eta 0.001), then momentum 0.9; batch-norm and bias parameters skip both
 * the trust ratio and the weight decay.
 */
final class LarsOptimizer extends ParameterOptimizer {
    private static final double ETA = 0.001;

    LarsOptimizer(NDManager stateManager, double weightDecay) {
        super(stateManager, weightDecay);
    }

    @Override
    protected int stateArrays() {
        return 1;
    }

    @Override
    protected void update(String name, Parameter parameter, NDArray weight, NDArray gradient, float lr, long step) {
        NDArray buffer = state(name, weight)[0];
        boolean excluded = isNormOrBias(parameter);
        try (NDArray decay = Scalars.mul(weight, excluded ? 0.0 : weightDecay); NDArray direction = gradient.add(decay)) {
            double trust = 1.0;
            if (!excluded) {
                double weightNorm;
                double directionNorm;
                try (NDArray wn = weight.norm(); NDArray dn = direction.norm()) {
                    weightNorm = wn.getFloat();
                    directionNorm = dn.getFloat();
                }
                trust = weightNorm > 0 && directionNorm > 0 ? ETA * weightNorm / directionNorm : 1.0;
            }
            Scalars.muli(direction, lr * trust);
            Scalars.muli(buffer, SgdOptimizer.MOMENTUM);
            buffer.addi(direction);
        }
        weight.subi(buffer);
    }
}
