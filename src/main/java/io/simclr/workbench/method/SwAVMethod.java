package io.simclr.workbench.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import io.simclr.workbench.model.ModelFactory;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * SwAV (Caron et al. 2020), two views: each normalised embedding is scored against K learnable
 * prototypes (unit vectors, renormalised after every step), Sinkhorn-Knopp turns each view's scores
 * into codes spread evenly over the prototypes, and each view predicts the other's codes. The
 * prototypes stay still for the first {@code freezePrototypesEpochs}, as the paper's, while the
 * embedding takes shape. With a queue, the embeddings of the last batches join Sinkhorn's batch once
 * the queue is full (small batches spread badly over many prototypes); only the batch's own codes
 * are used.
 */
final class SwAVMethod implements TrainingMethod {

    private final MethodContext context;
    private final Block prototypes;
    private final SinkhornKnopp sinkhorn;
    private final SwAVLoss loss;
    private final long frozenSteps;
    /** One queue per view, or null without a queue. */
    private final KeyQueue[] queues;

    SwAVMethod(MethodContext context, MethodConfig.SwAV settings) {
        this.context = context;
        this.prototypes = ModelFactory.linear(context.projectionDim(), settings.prototypes(), context.manager());
        this.sinkhorn = new SinkhornKnopp(settings.sinkhornIterations(), settings.sinkhornEpsilon());
        this.loss = new SwAVLoss(settings.temperature());
        this.frozenSteps = (long) settings.freezePrototypesEpochs() * context.stepsPerEpoch();
        this.queues = settings.queueSize() == 0 ? null : new KeyQueue[] {
                new KeyQueue(context.manager(), settings.queueSize(), context.projectionDim()),
                new KeyQueue(context.manager(), settings.queueSize(), context.projectionDim())};
        normalizePrototypes();
    }

    @Override
    public MethodKind kind() {
        return MethodKind.SWAV;
    }

    private NDArray weight() {
        return prototypes.getParameters().get("weight").getArray();
    }

    @Override
    public PairList<String, Parameter> addedParameters() {
        PairList<String, Parameter> named = new PairList<>();
        for (Pair<String, Parameter> p : prototypes.getParameters()) {
            named.add("prototypes." + p.getKey(), p.getValue());
        }
        return named;
    }

    @Override
    public PairList<String, Parameter> trainedParameters(long step) {
        return step < frozenSteps ? new PairList<>() : addedParameters();
    }

    @Override
    public MethodStep forward(NDArray views, int[] images, long step) {
        NDManager owner = views.getManager();
        NDArray z = context.projections(views);
        NDArray embedded = UnitVectors.of(z);
        // While frozen, the prototypes take part without a gradient. Arrays derived from the run's are handed to the step to free.
        NDArray weight = weight();
        if (step < frozenSteps) {
            weight = weight.stopGradient();
            weight.attach(owner);
        }
        NDArray prototypesT = weight.transpose();
        prototypesT.attach(owner);
        NDArray scores = embedded.matMul(prototypesT);
        NDList viewEmbeddings = embedded.split(2);
        NDList viewScores = scores.split(2);
        NDArray[] codes = new NDArray[2];
        for (int v = 0; v < 2; v++) {
            codes[v] = codes(viewScores.get(v), queues == null ? null : queues[v], prototypesT, owner);
        }
        return new MethodStep(loss.compute(viewScores.get(0), viewScores.get(1), codes[0], codes[1]), z).withUpdate(() -> {
            normalizePrototypes();
            if (queues != null) {
                for (int v = 0; v < 2; v++) {
                    queues[v].push(viewEmbeddings.get(v).stopGradient(), step);
                }
            }
        }).withMetrics(() -> assignments(scores));
    }

    /** How the batch's views fall on the prototypes, each by its nearest: the entropy of that spread and how many are used. */
    private MethodMetrics assignments(NDArray scores) {
        long[] nearest = scores.argMax(1).toLongArray();
        int[] counts = new int[Math.toIntExact(scores.getShape().get(1))];
        for (long k : nearest) {
            counts[(int) k]++;
        }
        double entropy = 0;
        int inUse = 0;
        for (int c : counts) {
            if (c > 0) {
                double share = c / (double) nearest.length;
                entropy -= share * Math.log(share);
                inUse++;
            }
        }
        return new MethodMetrics(Double.NaN, queues == null ? Double.NaN : queues[0].fill(), Double.NaN, entropy, inUse);
    }

    /** Sinkhorn's codes for one view's scores, with the queued embeddings of that view in its batch once the queue is full. */
    private NDArray codes(NDArray scores, KeyQueue queue, NDArray prototypesT, NDManager owner) {
        if (queue == null || !queue.full()) {
            return sinkhorn.codes(scores);
        }
        long rows = scores.getShape().get(0);
        NDArray queued = queue.snapshot(owner).matMul(prototypesT);
        NDArray all = sinkhorn.codes(queued.concat(scores.stopGradient(), 0));
        return all.get(new NDIndex("{}:", all.getShape().get(0) - rows));
    }

    /** Prototypes back to unit length, in place: the cosines they score stay in [-1, 1]. */
    private void normalizePrototypes() {
        NDArray w = weight();
        try (NDArray norms = w.norm(new int[] {1}, true)) {
            w.divi(norms);
        }
    }

    @Override
    public void save(DataOutputStream out) throws IOException {
        prototypes.saveParameters(out);
        if (queues != null) {
            queues[0].save(out);
            queues[1].save(out);
        }
    }

    @Override
    public void load(DataInputStream in, NDManager manager) throws IOException {
        StateArrays.loadParameters(prototypes, manager, in, "prototypes");
        if (queues != null) {
            queues[0].load(in, manager);
            queues[1].load(in, manager);
        }
    }
}
