package io.simclr.workbench.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.simclr.workbench.model.SimClrNetwork;

/**
 * What a method is built from: the run's network and where its arrays live, and the run's shape.
 *
 * @param network       the network being trained (encoder f and head g), already initialised
 * @param parameters    how forward passes read parameters
 * @param manager       the run's manager: the method's networks and state live in it
 * @param imageSize     the side of the views
 * @param trainImages   images in the training split (a memory bank keeps one feature each)
 * @param batchSize     images per step (each gives two views)
 * @param stepsPerEpoch optimizer steps in an epoch
 * @param totalSteps    optimizer steps in the whole run (momentum schedules end there)
 * @param seed          the run's seed, from which each step's random choices are derived
 */
public record MethodContext(SimClrNetwork network, ParameterStore parameters, NDManager manager, int imageSize, int trainImages,
                            int batchSize, int stepsPerEpoch, long totalSteps, long seed) {

    /** The network's projections z of {@code views} (one forward pass in training mode, batch norm over all of them). */
    NDArray projections(NDArray views) {
        return network.forward(parameters, new NDList(views), true).get(1);
    }

    /** The dimension of the projections the losses see. */
    int projectionDim() {
        return network.projectionDim();
    }
}
