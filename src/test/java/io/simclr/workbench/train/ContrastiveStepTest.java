package io.simclr.workbench.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.simclr.workbench.model.EncoderKind;
import io.simclr.workbench.model.HeadKind;
import io.simclr.workbench.model.ModelConfig;
import io.simclr.workbench.model.ModelFactory;
import io.simclr.workbench.model.SimClrNetwork;
import io.simclr.workbench.model.StemKind;
import io.simclr.workbench.nd.ScalarsTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContrastiveStepTest {

    private static final int SIZE = 16;

    /** Two steps from a seeded start; every parameter afterwards, and the two steps' losses and gradient norms. */
    private static List<float[]> twoSteps(ModelConfig model, OptimizerKind optimizerKind, boolean collectBeforeBackward, List<Double> figures,
                                          int views) {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            EngineSetup.seed(3);
            SimClrNetwork network = ModelFactory.create(model, SIZE);
            ModelFactory.initialize(network, manager, SIZE);
            ParameterOptimizer optimizer = ParameterOptimizer.create(optimizerKind, manager, 1e-4);
            ContrastiveStep step = new ContrastiveStep(network, optimizer, new NtXentLoss(0.2), new ParameterStore(manager, false));
            if (collectBeforeBackward) {
                step.beforeBackward(ScalarsTest::collectAndScribble);
            }
            EngineSetup.seed(4);
            NDArray input = manager.randomUniform(0, 1, new Shape(views, 3, SIZE, SIZE));
            for (int i = 0; i < 2; i++) {
                ContrastiveStep.Result result = step.run(input, 0.05, true);
                figures.add((double) result.loss());
                figures.add(result.gradientNorm());
            }
            List<float[]> weights = new ArrayList<>();
            for (Pair<String, Parameter> p : network.getParameters()) {
                weights.add(p.getValue().getArray().toFloatArray());
            }
            return weights;
        }
    }

    /**
     * DJL's number operands leave autograd pointing at freed memory; a collection between forward
     * and backward must change nothing, bit for bit, for every encoder and head (SGD, so a wrongly
     * scaled gradient shows in the weights; Adam's first step would hide it). The encoders that resize
     * the 16 px views up to 71-75 px take 4 views rather than 8, to keep the test short.
     */
    @ParameterizedTest
    @CsvSource({"SMALL, MLP, SGD, 8", "RESNET18, MLP_NO_BN, SGD, 8", "EFFICIENTNET_B0, LINEAR, SGD, 8", "SMALL, NONE, LARS, 8", "SMALL, MLP, ADAM, 8",
            "INCEPTION_V3, MLP, SGD, 4", "INCEPTION_RESNET_V2, LINEAR, SGD, 4", "XCEPTION, MLP_NO_BN, SGD, 4"})
    void aGarbageCollectionBetweenForwardAndBackwardChangesNothing(EncoderKind encoder, HeadKind head, OptimizerKind optimizer, int views) {
        ModelConfig model = new ModelConfig(encoder, StemKind.AUTO, head, 32, 0);
        List<Double> plain = new ArrayList<>();
        List<Double> collected = new ArrayList<>();
        List<float[]> expected = twoSteps(model, optimizer, false, plain, views);
        List<float[]> actual = twoSteps(model, optimizer, true, collected, views);
        assertTrue(plain.stream().allMatch(v -> Double.isFinite(v) && v > 0), plain.toString());
        assertEquals(plain, collected, "losses and gradient norms");
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), "parameter " + i);
        }
    }
}
