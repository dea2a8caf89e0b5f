package io.simclr.workbench.model;

import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;

/** Builds the projection head g of a {@link ModelConfig}. */
final class ProjectionHead {
    private ProjectionHead() {}

    /** @param hidden the MLP heads' hidden width */
    static Block build(HeadKind kind, int hidden, int outDim) {
        return switch (kind) {
            case NONE -> Blocks.identityBlock();
            case LINEAR -> Linear.builder().setUnits(outDim).optBias(false).build();
            case MLP -> new SequentialBlock()
                    .add(Linear.builder().setUnits(hidden).optBias(false).build())
                    .add(BatchNorm.builder().optEpsilon(1e-5f).optMomentum(0.9f).build())
                    .add(Layers.relu())
                    .add(Linear.builder().setUnits(outDim).build());
            case MLP_NO_BN -> new SequentialBlock()
                    .add(Linear.builder().setUnits(hidden).build())
                    .add(Layers.relu())
                    .add(Linear.builder().setUnits(outDim).build());
        };
    }
}
