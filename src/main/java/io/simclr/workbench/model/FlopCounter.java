package io.simclr.workbench.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;

/**
 * Multiply-adds of a forward pass, from the layer shapes: a convolution costs its weight count
 * times its output's spatial size, a linear layer its weight count, per image. Normalisation,
 * activations and pooling are left out (a few percent of a ResNet's work).
 */
public final class FlopCounter {
    private FlopCounter() {}

    /** Forward multiply-adds for one image of shape (1, 3, side, side). */
    public static long forwardMacs(SimClrNetwork network, int side) {
        Shape input = new Shape(1, 3, side, side);
        long encoder = macs(network.encoder(), input);
        return encoder + macs(network.head(), network.encoder().getOutputShapes(new Shape[] {input})[0]);
    }

    private static long macs(Block block, Shape input) {
        if (block instanceof SequentialBlock sequential) {
            long total = 0;
            Shape shape = input;
            for (var child : sequential.getChildren().values()) {
                total += macs(child, shape);
                shape = child.getOutputShapes(new Shape[] {shape})[0];
            }
            return total;
        }
        if (block instanceof ParallelBlock parallel) {
            long total = 0;
            for (var child : parallel.getChildren().values()) {
                total += macs(child, input);
            }
            return total;
        }
        if (block instanceof Convolution || block instanceof Linear) {
            long weights = block.getParameters().values().stream().filter(p -> p.getType() == Parameter.Type.WEIGHT)
                    .mapToLong(p -> p.getArray().getShape().size()).sum();
            Shape out = block.getOutputShapes(new Shape[] {input})[0];
            long spatial = block instanceof Convolution ? out.slice(2).size() : 1;
            return weights * spatial;
        }
        long total = 0;
        for (var child : block.getChildren().values()) {
            total += macs(child, input);
        }
        return total;
    }
}
