package io.simclr.workbench.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.simclr.workbench.data.Seeds;
import io.simclr.workbench.model.SimClrNetwork;
import io.simclr.workbench.nd.Scalars;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;

/**
 * MoCo v2 (Chen et al. 2020, after He et al. 2020), symmetrised: each view's query q (the network)
 * is matched to the other view's key k (the momentum encoder) against a FIFO queue of the keys of
 * earlier batches, by InfoNCE; after the step both views' keys are pushed and the momentum encoder
 * moves toward the network.
 *
 * <p>Batch norm: on one device, a query and its positive key would be normalised with the same
 * batch's statistics while the queued negatives were not, and the network can learn to find its
 * positive from those statistics instead of from the image (He et al. 2020, section 3.3, "shuffling
 * BN"). As in MoCo's own single-GPU CIFAR-10 demo, batch norm runs over groups of the batch (split
 * batch norm, {@code batchNormSplits} groups per view), and the key encoder sees the batch shuffled
 * before it is split, so a key's statistics come from other images than its query's; the keys are
 * put back in order afterwards. The shuffle is seeded by the step, so a resumed run repeats it.
 */
final class MoCoMethod implements TrainingMethod {

    /** Salt of the key batch's shuffle among the run's random streams. */
    private static final long SHUFFLE = 0x30c0;

    private final MethodContext context;
    private final MomentumEncoder keyEncoder;
    private final KeyQueue queue;
    private final InfoNceLoss loss;
    private final MomentumSchedule momentum;
    private final int splits;
    private final long seed;

    MoCoMethod(MethodContext context, MethodConfig.MoCo settings) {
        this.context = context;
        this.keyEncoder = new MomentumEncoder(context.network(), context.manager(), context.imageSize());
        this.queue = new KeyQueue(context.manager(), settings.queueSize(), context.projectionDim());
        this.loss = new InfoNceLoss(settings.temperature());
        this.momentum = new MomentumSchedule(settings.momentum(), settings.finalMomentum(), context.totalSteps());
        this.splits = settings.splitsFor(context.batchSize());
        this.seed = context.seed();
    }

    @Override
    public MethodKind kind() {
        return MethodKind.MOCO;
    }

    @Override
    public MethodStep forward(NDArray views, int[] images, long step) {
        NDManager owner = views.getManager();
        NDArray queries = project(context.network(), views);
        int[] order = Seeds.permutation(2 * images.length, new SplittableRandom(Seeds.derive(seed, SHUFFLE, step)));
        int[] back = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            back[order[i]] = i;
        }
        NDArray shuffledKeys = project(keyEncoder.network(), views.get(RowIndex.of(owner, order)));
        NDList keys = UnitVectors.of(shuffledKeys.get(RowIndex.of(owner, back))).stopGradient().split(2);
        NDList q = queries.split(2);
        NDArray negatives = queue.snapshot(owner);
        double negativeAge = queue.meanAge(step);
        NDArray value = Scalars.div(loss.compute(q.get(0), keys.get(1), negatives).add(loss.compute(q.get(1), keys.get(0), negatives)), 2);
        double m = momentum.at(step);
        return new MethodStep(value, queries).withUpdate(() -> {
            keyEncoder.update(m);
            queue.push(keys.get(0), step);
            queue.push(keys.get(1), step);
        }).withMetrics(() -> new MethodMetrics(m, queue.fill(), negativeAge, Double.NaN, Double.NaN));
    }

    /** Projections of {@code views} with batch norm over {@code splits} groups of each view's half (split batch norm). */
    private NDArray project(SimClrNetwork net, NDArray views) {
        if (splits == 1) {
            return net.forward(context.parameters(), new NDList(views), true).get(1);
        }
        NDList groups = views.split(2L * splits);
        NDList projected = new NDList();
        for (NDArray group : groups) {
            projected.add(net.forward(context.parameters(), new NDList(group), true).get(1));
        }
        return NDArrays.concat(projected);
    }

    @Override
    public void save(DataOutputStream out) throws IOException {
        keyEncoder.save(out);
        queue.save(out);
    }

    @Override
    public void load(DataInputStream in, NDManager manager) throws IOException {
        keyEncoder.load(in, manager);
        queue.load(in, manager);
    }
}
