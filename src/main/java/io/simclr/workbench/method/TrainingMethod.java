package io.simclr.workbench.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.PairList;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * A self-supervised method as the training loop composes it (lightly-style: a small module beside
 * the network): the networks and state it adds, its loss on a batch of view pairs, its updates
 * after each optimizer step, and what it checkpoints so that a resumed run goes on exactly as an
 * uninterrupted one. The network being trained (encoder f and head g) is the run's; a method adds a
 * momentum copy of it, a predictor, prototypes, a queue or a bank, all owned by the run's manager.
 */
public interface TrainingMethod {

    /** The method {@code config} names, with its settings, built on the run in {@code context}. */
    static TrainingMethod create(MethodConfig config, MethodContext context) {
        return switch (config.name()) {
            case SIMCLR -> new SimClrMethod(context, config.simclr());
            case MOCO -> new MoCoMethod(context, config.moco());
            case MEMORY_BANK -> new MemoryBankMethod(context, config.memoryBank());
            case BYOL -> new ByolMethod(context, config.byol());
            case SIMSIAM -> new SimSiamMethod(context, config.simsiam());
            case BARLOW_TWINS -> new BarlowTwinsMethod(context, config.barlowTwins());
            case SWAV -> new SwAVMethod(context, config.swav());
        };
    }

    MethodKind kind();

    /**
     * Trainable parameters the method adds to the network's (predictor, prototypes), under names of
     * their own, so that the run's optimizer updates them and keeps their state in its checkpoint.
     */
    default PairList<String, Parameter> addedParameters() {
        return new PairList<>();
    }

    /** Those of {@link #addedParameters()} the optimizer moves at {@code step} (SwAV holds its prototypes still at first). */
    default PairList<String, Parameter> trainedParameters(long step) {
        return addedParameters();
    }

    /**
     * The loss of one batch, gradients recorded.
     *
     * @param views  (2N, 3, H, W): row i and row i + N are the two views of training image {@code images[i]}
     * @param images the batch's indices into the training split
     * @param step   the run's global step (schedules follow it; random choices are seeded by it, so a resume repeats them)
     */
    MethodStep forward(NDArray views, int[] images, long step);

    /** Writes the method's state (momentum target, predictor, prototypes, queue, bank); nothing for SimCLR. */
    default void save(DataOutputStream out) throws IOException {}

    /** Reads what {@link #save} wrote; its arrays go to {@code manager}. */
    default void load(DataInputStream in, NDManager manager) throws IOException {}
}
