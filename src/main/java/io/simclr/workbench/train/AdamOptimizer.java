package io.simclr.workbench.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;

/**
 * Adam (beta 0.9, 0.999, eps 1e-8) with L2 weight decay added to the gradient, as
 * torch.optim.Adam does; the engine's fused update does the arithmetic.
 */
final class AdamOptimizer extends ParameterOptimizer {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    AdamOptimizer(NDManager stateManager, double weightDecay) {
        super(stateManager, weightDecay);
    }

    @Override
    protected int stateArrays() {
        return 2;
    }

    @Override
    protected void update(String name, Parameter parameter, NDArray weight, NDArray gradient, float lr, long step) {
        NDArray[] moments = state(name, weight);
        // StrictMath: Math.pow may change by an ulp once the JIT compiles this method, and a run must repeat.
        double correction1 = 1 - StrictMath.pow(BETA1, step);
        double correction2 = 1 - StrictMath.pow(BETA2, step);
        float corrected = (float) (lr * Math.sqrt(correction2) / correction1);
        weight.getNDArrayInternal().adamUpdate(new NDList(weight, gradient, moments[0], moments[1]), new NDList(weight),
                lr, corrected, (float) weightDecay, 1f, -1f, BETA1, BETA2, EPSILON, true, false);
    }
}
