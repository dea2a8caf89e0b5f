package io.simclr.workbench.train;

import io.simclr.workbench.method.TrainingMethod;
import io.simclr.workbench.model.SimClrNetwork;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Saves a checkpoint after every epoch and when the run ends with steps not yet saved. */
final class Checkpoints implements LoopListener {

    private final CheckpointStore store;
    private final SimClrNetwork network;
    private final ParameterOptimizer optimizer;
    private final TrainingMethod method;
    private final List<TrainingListener> listeners;
    private long savedStep;
    private Path lastSaved;

    /** @param savedStep the global step the run starts at: what is saved already (0 for a fresh run, which has nothing to save) */
    Checkpoints(CheckpointStore store, SimClrNetwork network, ParameterOptimizer optimizer, TrainingMethod method,
                List<TrainingListener> listeners, long savedStep, Path resumedFrom) {
        this.store = store;
        this.network = network;
        this.optimizer = optimizer;
        this.method = method;
        this.listeners = listeners;
        this.savedStep = savedStep;
        this.lastSaved = resumedFrom;
    }

    @Override
    public void afterEpoch(LoopState state, double meanLoss, double seconds, long views) throws IOException {
        save(new Checkpoint(state.epoch + 1, 0, state.globalStep, optimizer.steps(), state.trainingSeconds(),
                network.config().encoder().id()), state.epoch);
    }

    /**
     * An early end saves where the run stands, also at an epoch boundary already saved: the time
     * spent since then counts toward the run's budget. An invocation that took no step saves nothing.
     */
    @Override
    public void atEnd(LoopState state) throws IOException {
        if (state.globalStep > savedStep || (state.ending() && state.globalStep > state.firstStep)) {
            save(state.position(optimizer.steps(), network.config().encoder().id()), state.epoch);
        }
    }

    private void save(Checkpoint position, int epoch) throws IOException {
        Path saved = store.save(position, network, optimizer, method);
        savedStep = position.globalStep();
        lastSaved = saved;
        listeners.forEach(l -> l.onCheckpoint(saved, epoch, position.globalStep()));
    }

    /** The newest checkpoint this run has, if any (the one resumed from, or the last saved). */
    Optional<Path> lastSaved() {
        return Optional.ofNullable(lastSaved);
    }
}
