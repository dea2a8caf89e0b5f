package io.simclr.workbench.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.simclr.workbench.data.Seeds;
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

    private final MethodContext context;
    private final FeatureMemory memory;
    private final InfoNceLoss loss;
    private final int negatives;
    private final double momentum;
    private final long seed;

    MemoryBankMethod(MethodContext context, MethodConfig.MemoryBank settings) {
        this.context = context;
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
        NDArray z = context.projections(views);
        NDList embedded = UnitVectors.of(z).split(2);
        NDArray memories = memory.rows(images, owner);
        int[] drawn = memory.sample(negatives, new SplittableRandom(Seeds.derive(seed, NEGATIVES, step)));
        NDArray negativeRows = memory.rows(drawn, owner);
        double negativeAge = memory.meanAge(drawn, step);
        NDArray value = Scalars.div(loss.compute(embedded.get(0), memories, negativeRows).add(loss.compute(embedded.get(1), memories,
                negativeRows)), 2);
        return new MethodStep(value, z)
                .withUpdate(() -> memory.update(images, Scalars.div(embedded.get(0).add(embedded.get(1)), 2).stopGradient(), momentum, step))
                .withMetrics(() -> new MethodMetrics(Double.NaN, memory.fill(), negativeAge, Double.NaN, Double.NaN));
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
