package io.simclr.workbench.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Updates a network's trainable parameters from their gradients and owns the optimizer state
 * (moments, momentum buffers) under each parameter's path name, so a checkpoint can save it and a
 * resumed run continue with it. State arrays live in the manager given at construction.
 */
public abstract class ParameterOptimizer {

    protected final NDManager stateManager;
    protected final double weightDecay;
    private static final String UPDATES = "#updates";

    private final Map<String, NDArray[]> state = new LinkedHashMap<>();
    /**
     * Updates each parameter has received, as torch.optim keeps per parameter: Adam's bias correction counts a
     * parameter's own updates, so one that joins late (SwAV's prototypes, held still through the first epoch)
     * starts its correction at 1, not at the run's step.
     */
    private final Map<String, Long> updates = new LinkedHashMap<>();
    private long steps;

    protected ParameterOptimizer(NDManager stateManager, double weightDecay) {
        this.stateManager = stateManager;
        this.weightDecay = weightDecay;
    }

    public static ParameterOptimizer create(OptimizerKind kind, NDManager stateManager, double weightDecay) {
        return switch (kind) {
            case ADAM -> new AdamOptimizer(stateManager, weightDecay);
            case SGD -> new SgdOptimizer(stateManager, weightDecay);
            case LARS -> new LarsOptimizer(stateManager, weightDecay);
        };
    }

    /** Updates every parameter that has a gradient with learning rate {@code lr}, then clears the gradients. */
    public void step(PairList<String, Parameter> parameters, double lr) {
        steps++;
        for (Pair<String, Parameter> pair : parameters) {
            Parameter parameter = pair.getValue();
            if (!parameter.requiresGradient()) {
                continue;
            }
            NDArray weight = parameter.getArray();
            long updated = updates.merge(pair.getKey(), 1L, Long::sum);
            try (NDArray gradient = weight.getGradient()) {
                update(pair.getKey(), parameter, weight, gradient, (float) lr, updated);
            }
            // Zeroes the stored gradient in place (one engine call, no scalar to make), ready for the next backward pass.
            JniUtils.zeroGrad((PtNDArray) weight);
        }
    }

    /** @param step this parameter's updates so far, this one included (1 on its first) */
    protected abstract void update(String name, Parameter parameter, NDArray weight, NDArray gradient, float lr, long step);

    protected abstract int stateArrays();

    /** This parameter's state arrays, created as zeros on first use. */
    protected NDArray[] state(String name, NDArray weight) {
        return state.computeIfAbsent(name, k -> {
            NDArray[] arrays = new NDArray[stateArrays()];
            for (int i = 0; i < arrays.length; i++) {
                arrays[i] = stateManager.zeros(weight.getShape(), weight.getDataType(), weight.getDevice());
            }
            return arrays;
        });
    }

    /** Updates applied so far (Adam's bias correction depends on it). */
    public long steps() {
        return steps;
    }

    /**
     * The state as named arrays, for a checkpoint: "name#index", and "name#updates" (one int64) for each parameter's
     * update count. The counts are made in {@code scratch}, which the caller closes once the list is written.
     */
    public NDList saveState(NDManager scratch) {
        NDList list = new NDList();
        for (Map.Entry<String, NDArray[]> e : state.entrySet()) {
            for (int i = 0; i < e.getValue().length; i++) {
                NDArray a = e.getValue()[i];
                a.setName(e.getKey() + "#" + i);
                list.add(a);
            }
        }
        for (Map.Entry<String, Long> e : updates.entrySet()) {
            NDArray count = scratch.create(new long[] {e.getValue()});
            count.setName(e.getKey() + UPDATES);
            list.add(count);
        }
        return list;
    }

    /** Restores state written by {@link #saveState()}; arrays are copied into this optimizer's manager. */
    public void loadState(NDList saved, long savedSteps) {
        state.values().forEach(arrays -> List.of(arrays).forEach(NDArray::close));
        state.clear();
        updates.clear();
        Map<String, NDArray[]> restored = new LinkedHashMap<>();
        for (NDArray a : saved) {
            String name = a.getName();
            int hash = name.lastIndexOf('#');
            String key = name.substring(0, hash);
            if (name.endsWith(UPDATES)) {
                updates.put(key, a.toLongArray()[0]);
                continue;
            }
            int index = Integer.parseInt(name.substring(hash + 1));
            if (index >= stateArrays()) {
                throw new IllegalArgumentException("the checkpoint's optimizer state was written by another optimizer than "
                        + getClass().getSimpleName().replace("Optimizer", "").toLowerCase(java.util.Locale.ROOT)
                        + "; resume with the optimizer the run was started with");
            }
            NDArray[] arrays = restored.computeIfAbsent(key, k -> new NDArray[stateArrays()]);
            arrays[index] = a.duplicate();
            arrays[index].attach(stateManager);
        }
        state.putAll(restored);
        steps = savedSteps;
        // Checkpoints before per-parameter counts corrected every parameter by the run's step: carry on as they did.
        for (Map.Entry<String, NDArray[]> e : restored.entrySet()) {
            if (!updates.containsKey(e.getKey())) {
                updates.put(e.getKey(), savedSteps);
            }
        }
    }

    /** Batch-norm scales and shifts and biases: no weight decay, no trust ratio (as LARS in SimCLR). */
    protected static boolean isNormOrBias(Parameter parameter) {
        return parameter.getType() == Parameter.Type.GAMMA || parameter.getType() == Parameter.Type.BETA
                || parameter.getType() == Parameter.Type.BIAS;
    }
}
