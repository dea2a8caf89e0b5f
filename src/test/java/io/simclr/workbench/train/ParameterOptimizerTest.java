package io.simclr.workbench.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.PairList;
import org.junit.jupiter.api.Test;

class ParameterOptimizerTest {

    private static final float LR = 0.01f;
    private static final float[] GRADIENT = {0.5f, -2f, 0.25f};

    @Test
    void aParameterThatJoinsLateStartsAdamsBiasCorrectionAtOneAsTorchDoes() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            EngineSetup.gradientsOnlyInCollectors();
            Run run = lateJoiner(manager);
            Parameter late = run.late();
            float[] before = late.getArray().toFloatArray();
            backward(manager, run.early(), late);
            run.adam().step(list(run.early(), late), LR);

            // torch.optim.Adam's first update of a parameter: m^ = g, v^ = g^2, so each weight moves by lr * sign(g).
            // Corrected by the run's step (4) instead, it would move by 0.58 lr.
            float[] after = late.getArray().toFloatArray();
            for (int i = 0; i < after.length; i++) {
                assertEquals(before[i] - LR * Math.signum(GRADIENT[i]), after[i], 1e-6, "weight " + i);
            }
        }
    }

    @Test
    void eachParametersCountSurvivesACheckpointAndOldStateCountsTheRunsSteps() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            EngineSetup.gradientsOnlyInCollectors();
            float[] uninterrupted = twoUpdatesOfALateParameter(manager, false);
            float[] resumed = twoUpdatesOfALateParameter(manager, true);
            assertArrayEquals(uninterrupted, resumed, "a resumed optimizer updates as an uninterrupted one");

            // A checkpoint from before per-parameter counts: its parameters continue from the run's step, as they were corrected then.
            ParameterOptimizer adam = ParameterOptimizer.create(OptimizerKind.ADAM, manager, 0);
            Parameter p = parameter("p", manager);
            backward(manager, p);
            adam.step(list(p), LR);
            NDList saved = adam.saveState(manager);
            saved.removeIf(a -> a.getName().endsWith("#updates"));
            ParameterOptimizer old = ParameterOptimizer.create(OptimizerKind.ADAM, manager, 0);
            old.loadState(NDList.decode(manager, saved.encode()), 5);
            float[] before = p.getArray().toFloatArray();
            backward(manager, p);
            old.step(list(p), LR);
            float[] moved = p.getArray().toFloatArray();
            // Second update with the bias correction of update 6: m = 0.19 g, v = 0.001999 g^2.
            double m = 0.19 / (1 - Math.pow(0.9, 6));
            double v = Math.sqrt(0.001999 / (1 - Math.pow(0.999, 6)));
            for (int i = 0; i < moved.length; i++) {
                assertEquals(before[i] - LR * m / v * Math.signum(GRADIENT[i]), moved[i], 1e-5, "weight " + i);
            }
        }
    }

    /** The late parameter's weights after it joined at step 3 and was updated twice, with or without a checkpoint between. */
    private static float[] twoUpdatesOfALateParameter(NDManager manager, boolean checkpointBetween) {
        Run run = lateJoiner(manager);
        ParameterOptimizer adam = run.adam();
        Parameter early = run.early();
        Parameter late = run.late();
        backward(manager, early, late);
        adam.step(list(early, late), LR);
        if (checkpointBetween) {
            NDList state = NDList.decode(manager, adam.saveState(manager).encode());
            long steps = adam.steps();
            adam = ParameterOptimizer.create(OptimizerKind.ADAM, manager, 0);
            adam.loadState(state, steps);
        }
        backward(manager, early, late);
        adam.step(list(early, late), LR);
        return late.getArray().toFloatArray();
    }

    /** An Adam that has updated {@code early} three times; {@code late} has had no gradient yet. */
    private record Run(ParameterOptimizer adam, Parameter early, Parameter late) {}

    private static Run lateJoiner(NDManager manager) {
        ParameterOptimizer adam = ParameterOptimizer.create(OptimizerKind.ADAM, manager, 0);
        Parameter early = parameter("early", manager);
        for (int step = 0; step < 3; step++) {
            backward(manager, early);
            adam.step(list(early), LR);
        }
        return new Run(adam, early, parameter("late", manager));
    }

    private static Parameter parameter(String name, NDManager manager) {
        Parameter p = Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).build();
        p.setArray(manager.create(new float[] {1, 2, 3}));
        p.getArray().setRequiresGradient(true);
        return p;
    }

    /** Gradients of sum(GRADIENT * w) for each parameter: GRADIENT. */
    private static void backward(NDManager manager, Parameter... parameters) {
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray loss = null;
            for (Parameter p : parameters) {
                NDArray term = p.getArray().mul(manager.create(GRADIENT)).sum();
                loss = loss == null ? term : loss.add(term);
            }
            collector.backward(loss);
        }
    }

    private static PairList<String, Parameter> list(Parameter... parameters) {
        PairList<String, Parameter> list = new PairList<>();
        for (Parameter p : parameters) {
            list.add(p.getName(), p);
        }
        return list;
    }
}
