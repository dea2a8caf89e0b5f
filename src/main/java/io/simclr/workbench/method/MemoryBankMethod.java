package io.simclr.workbench.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.ParameterStore;
import io.simclr.workbench.data.Seeds;
import io.simclr.workbench.model.SimClrNetwork;
import io.simclr.workbench.nd.Scalars;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;

/**
 * The memory bank of instance discrimination (Wu et al. 2018), with two views: each view's
 * normalised embedding is pulled to its own image's stored memory and pushed from {@code negatives}
 * memories drawn at random from the bank, by InfoNCE at temperature 0.07; after the step the image's
 * memory moves toward the mean of its two views. The paper draws noise samples per image; here one
 * draw serves the whole batch, which costs one matrix product instead of a gather per image. The
 * draw is seeded by the step, so a resumed run repeats it.
 */
final class MemoryBankMethod implements TrainingMethod {

    /** Salt of the negatives' draw among the run's random streams. */
    private static final long NEGATIVES = 0xba4c;

    private final SimClrNetwork network;
    private final ParameterStore parameters;
    private final FeatureMemory memory;
    private final InfoNceLoss loss;
    private final int negatives;
    private final double momentum;
    private final long seed;

    MemoryBankMethod(MethodContext context, MethodConfig.MemoryBank settings) {
        this.network = context.network();
        this.parameters = context.parameters();
        this.memory = new FeatureMemory(context.manager(), context.trainImages(), context.projectionDim());
        this.loss = new InfoNceLoss(settings.temperature());
        this.negatives = settings.negatives();
        this.momentum = settings.momentum();
        this.seed = context.seed();
    }

    @Override
    public MethodKind kind() {
        return MethodKind.MEMORY_BANK;
    }

    @Override
    public MethodStep forward(NDArray views, int[] images, long step) {
        NDManager owner = views.getManager();
        int pairs = images.length;
        NDArray z = network.forward(parameters, new NDList(views), true).get(1);
        NDArray embedded = UnitVectors.of(z);
        NDArray e1 = embedded.get(new NDIndex("0:{}", pairs));
        NDArray e2 = embedded.get(new NDIndex("{}:", pairs));
        NDArray memories = memory.rows(images, owner);
        int[] drawn = memory.sample(negatives, new SplittableRandom(Seeds.derive(seed, NEGATIVES, step)));
        NDArray negativeRows = memory.rows(drawn, owner);
        double negativeAge = memory.meanAge(drawn, step);
        NDArray value = Scalars.div(loss.compute(e1, memories, negativeRows).add(loss.compute(e2, memories, negativeRows)), 2);
        return new MethodStep() {
            @Override
            public NDArray loss() {
                return value;
            }

            @Override
            public NDArray projections() {
                return z;
            }

            @Override
            public void afterUpdate() {
                memory.update(images, Scalars.div(e1.add(e2), 2).stopGradient(), momentum, step);
            }

            @Override
            public MethodMetrics methodMetrics() {
                return new MethodMetrics(Double.NaN, memory.fill(), negativeAge, Double.NaN, Double.NaN);
            }
        };
    }

    @Override
    public void save(DataOutputStream out) throws IOException {
        memory.save(out);
    }

    @Override
    public void load(DataInputStream in, NDManager manager) throws IOException {
        memory.load(in, manager);
    }
}
