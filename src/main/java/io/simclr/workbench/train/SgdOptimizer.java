package io.simclr.workbench.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.simclr.workbench.nd.Scalars;

/** SGD with momentum 0.9 as PyTorch defines it: buf = 0.9 buf + (g + wd w); w -= lr buf. */
final class SgdOptimizer extends ParameterOptimizer {
    static final float MOMENTUM = 0.9f;

    SgdOptimizer(NDManager stateManager, double weightDecay) {
        super(stateManager, weightDecay);
    }

    @Override
    protected int stateArrays() {
        return 1;
    }

    @Override
    protected void update(String name, Parameter parameter, NDArray weight, NDArray gradient, float lr, long step) {
        NDArray buffer = state(name, weight)[0];
        try (NDArray decay = Scalars.mul(weight, weightDecay); NDArray direction = gradient.add(decay)) {
            Scalars.muli(buffer, MOMENTUM);
            buffer.addi(direction);
        }
        try (NDArray change = Scalars.mul(buffer, lr)) {
            weight.subi(change);
        }
    }
}
