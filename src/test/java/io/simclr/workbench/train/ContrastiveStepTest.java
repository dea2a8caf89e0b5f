package io.simclr.workbench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.simclr.workbench.model.EncoderKind;
import io.simclr.workbench.model.ModelConfig;
import io.simclr.workbench.model.ModelFactory;
import io.simclr.workbench.model.SimClrNetwork;
import org.junit.jupiter.api.Test;

class ContrastiveStepTest {

    @Test
    void implausibleGradientsAreRefusedAndClearedWithoutTouchingTheWeights() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            EngineSetup.seed(0);
            SimClrNetwork network = ModelFactory.create(ModelConfig.defaults(EncoderKind.SMALL), 32);
            ModelFactory.initialize(network, manager, 32);
            ParameterOptimizer optimizer = ParameterOptimizer.create(OptimizerKind.ADAM, manager, 1e-4);
            ContrastiveStep step = new ContrastiveStep(network, optimizer, new NtXentLoss(0.5), new ParameterStore(manager, false));
            assertTrue(step.implausible(Double.NaN));
            assertTrue(step.implausible(Double.POSITIVE_INFINITY));
            assertTrue(step.implausible(6e16), "the size the engine has handed back");
            assertFalse(step.implausible(50), "before any history only the absolute bound applies");

            NDArray views = manager.randomUniform(0, 1, new Shape(8, 3, 32, 32));
            double smallest = Double.MAX_VALUE;
            double largest = 0;
            for (int i = 0; i < 8; i++) {
                ContrastiveStep.Result r = step.run(views, 1e-3, false);
                assertFalse(r.skipped());
                smallest = Math.min(smallest, r.gradientNorm());
                largest = Math.max(largest, r.gradientNorm());
            }
            assertEquals(8, optimizer.steps());
            assertFalse(step.implausible(10 * smallest));
            assertTrue(step.implausible(1001 * largest), "a thousand times the recent median is refused");

            Parameter stem = network.getParameters().get(0).getValue();
            try (NDArray g = stem.getArray().getGradient()) {
                g.set(new NDIndex("..."), Float.POSITIVE_INFINITY);
            }
            step.clearGradients();
            for (Pair<String, Parameter> p : network.getParameters()) {
                if (p.getValue().requiresGradient()) {
                    try (NDArray g = p.getValue().getArray().getGradient()) {
                        assertEquals(0f, g.abs().max().getFloat(), p.getKey() + " must be zero, not NaN");
                    }
                }
            }
        }
    }
}
