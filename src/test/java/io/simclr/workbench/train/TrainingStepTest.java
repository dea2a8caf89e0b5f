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
import io.simclr.workbench.method.MethodConfig;
import io.simclr.workbench.method.MethodContext;
import io.simclr.workbench.method.MethodKind;
import io.simclr.workbench.method.TrainingMethod;
import io.simclr.workbench.model.EncoderKind;
import io.simclr.workbench.model.HeadKind;
import io.simclr.workbench.model.ModelConfig;
import io.simclr.workbench.model.ModelFactory;
import io.simclr.workbench.model.SimClrNetwork;
import io.simclr.workbench.model.StemKind;
import io.simclr.workbench.nd.ScalarsTest;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class TrainingStepTest {

    private static final int SIZE = 16;
    private static final int PAIRS = 4;
    private static final int TRAIN_IMAGES = 16;

    /** Every method at settings a batch of 4 pairs allows, with each of its parts at work from the first steps. */
    static MethodConfig smallSettings(MethodKind kind) {
        return switch (kind) {
            case SIMCLR -> MethodConfig.simclr(0.2);
            case MOCO -> new MethodConfig(kind, null, new MethodConfig.MoCo(0.2, 16, 0.9, 0.99, 2), null, null, null, null, null);
            case MEMORY_BANK -> new MethodConfig(kind, null, null, new MethodConfig.MemoryBank(0.1, 32, 0.5), null, null, null, null);
            case BYOL -> new MethodConfig(kind, null, null, null, new MethodConfig.Byol(0.9, 1.0, 16), null, null, null);
            case SIMSIAM -> MethodConfig.defaults(kind, 0.2);
            case BARLOW_TWINS -> MethodConfig.defaults(kind, 0.2);
            case SWAV -> new MethodConfig(kind, null, null, null, null, null, null, new MethodConfig.SwAV(0.1, 10, 3, 0.05, 0, 8));
        };
    }

    /** Three steps from a seeded start; every parameter and the method's state afterwards, and the steps' losses and gradient norms. */
    private static List<float[]> threeSteps(ModelConfig model, MethodConfig methodConfig, OptimizerKind optimizerKind, boolean collectBeforeBackward,
                                            List<Double> figures) throws IOException {
        return threeSteps(model, methodConfig, optimizerKind, collectBeforeBackward, figures, new ArrayList<>());
    }

    /** @param arrays filled with the number of arrays the run's manager holds after each step */
    private static List<float[]> threeSteps(ModelConfig model, MethodConfig methodConfig, OptimizerKind optimizerKind, boolean collectBeforeBackward,
                                            List<Double> figures, List<Integer> arrays) throws IOException {
        // As the trainer and the benchmark do: without it, whether this thread records gradients outside a collector depends on which
        // thread happened to start the engine (an earlier UI test in the same JVM left it recording, and every step failed).
        EngineSetup.gradientsOnlyInCollectors();
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            EngineSetup.seed(3);
            SimClrNetwork network = ModelFactory.create(model, SIZE);
            ModelFactory.initialize(network, manager, SIZE);
            ParameterOptimizer optimizer = ParameterOptimizer.create(optimizerKind, manager, 1e-4);
            TrainingMethod method = TrainingMethod.create(methodConfig, new MethodContext(network, new ParameterStore(manager, false), manager,
                    SIZE, TRAIN_IMAGES, PAIRS, 2, 6, 5));
            TrainingStep step = new TrainingStep(network, method, optimizer);
            if (collectBeforeBackward) {
                step.beforeBackward(ScalarsTest::collectAndScribble);
            }
            EngineSetup.seed(4);
            NDArray views = manager.randomUniform(0, 1, new Shape(2 * PAIRS, 3, SIZE, SIZE));
            for (int i = 0; i < 3; i++) {
                try (NDManager scope = manager.newSubManager()) {
                    NDArray x = views.duplicate();
                    x.attach(scope);
                    TrainingStep.Result result = step.run(x, new int[] {4 * i, 4 * i + 1, 4 * i + 2, 4 * i + 3}, i, 0.05, true);
                    figures.add((double) result.loss());
                    figures.add(result.gradientNorm());
                }
                arrays.add(manager.getManagedArrays().size());
            }
            List<float[]> state = new ArrayList<>();
            for (Pair<String, Parameter> p : network.getParameters()) {
                state.add(p.getValue().getArray().toFloatArray());
            }
            ByteArrayOutputStream saved = new ByteArrayOutputStream();
            method.save(new DataOutputStream(saved));
            state.add(toFloats(saved.toByteArray()));
            return state;
        }
    }

    private static float[] toFloats(byte[] bytes) {
        float[] out = new float[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = bytes[i];
        }
        return out;
    }

    private static void assertCollectionChangesNothing(ModelConfig model, MethodConfig method, OptimizerKind optimizer) throws IOException {
        List<Double> plain = new ArrayList<>();
        List<Double> collected = new ArrayList<>();
        List<float[]> expected = threeSteps(model, method, optimizer, false, plain);
        List<float[]> actual = threeSteps(model, method, optimizer, true, collected);
        assertTrue(plain.stream().allMatch(Double::isFinite), plain.toString());
        assertTrue(plain.get(1) > 0 && plain.get(3) > 0, "gradients flow: " + plain);
        assertEquals(plain, collected, "losses and gradient norms");
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), i == expected.size() - 1 ? "the method's saved state" : "parameter " + i);
        }
    }

    /**
     * DJL's number operands leave autograd pointing at freed memory; a collection between forward
     * and backward must change nothing, bit for bit, for every encoder and head (SGD, so a wrongly
     * scaled gradient shows in the weights; Adam's first step would hide it).
     */
    @ParameterizedTest
    @CsvSource({"SMALL, MLP, SGD", "RESNET18, MLP_NO_BN, SGD", "EFFICIENTNET_B0, LINEAR, SGD", "SMALL, NONE, LARS", "SMALL, MLP, ADAM",
            "INCEPTION_V3, MLP, SGD", "INCEPTION_RESNET_V2, LINEAR, SGD", "XCEPTION, MLP_NO_BN, SGD"})
    void aGarbageCollectionBetweenForwardAndBackwardChangesNothing(EncoderKind encoder, HeadKind head, OptimizerKind optimizer) throws IOException {
        assertCollectionChangesNothing(new ModelConfig(encoder, StemKind.AUTO, head, 32, 0), MethodConfig.simclr(0.2), optimizer);
    }

    /** The same for every method: its losses, its added networks and its state (queues, banks, targets, prototypes). */
    @ParameterizedTest
    @EnumSource(MethodKind.class)
    void aGarbageCollectionBetweenForwardAndBackwardChangesNothingInAnyMethod(MethodKind kind) throws IOException {
        assertCollectionChangesNothing(new ModelConfig(EncoderKind.SMALL, StemKind.AUTO, HeadKind.MLP, 32, 0), smallSettings(kind),
                OptimizerKind.SGD);
    }

    /**
     * Whatever a method makes from its state during a step (snapshots of a queue, rows of a bank,
     * transposed prototypes) goes with the step: after the first step, which creates the optimizer's
     * state, the run's manager holds no more arrays from one step to the next.
     */
    @ParameterizedTest
    @EnumSource(MethodKind.class)
    void noMethodLeavesArraysBehindInTheRunsManager(MethodKind kind) throws IOException {
        List<Integer> arrays = new ArrayList<>();
        threeSteps(new ModelConfig(EncoderKind.SMALL, StemKind.AUTO, HeadKind.MLP, 32, 0), smallSettings(kind), OptimizerKind.ADAM, false,
                new ArrayList<>(), arrays);
        assertEquals(arrays.get(1), arrays.get(2), "arrays after steps 1, 2, 3: " + arrays);
    }
}
