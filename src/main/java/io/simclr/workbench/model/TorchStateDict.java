package io.simclr.workbench.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects the state-dict entries of a network, one layer at a time, in PyTorch's names: what an
 * encoder's {@link EncoderTorchNames} calls as it walks its blocks. Each layer kind is renamed here
 * once (DJL's gamma/beta/runningMean/runningVar become weight/bias/running_mean/running_var), so a
 * new encoder's mapping only says which layer gets which prefix.
 */
public final class TorchStateDict {

    private final List<TorchTensor> tensors = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private final Set<Parameter> placed = new HashSet<>();

    /** A convolution without bias: {@code prefix.weight}. */
    public TorchStateDict conv(String prefix, Block conv) {
        return asTheyAre(prefix, conv, Conv2d.class);
    }

    /** A batch norm: weight, bias, running_mean, running_var and num_batches_tracked, as torch.nn.BatchNorm1d/2d. */
    public TorchStateDict batchNorm(String prefix, Block norm) {
        require(norm, BatchNorm.class, prefix);
        var p = norm.getDirectParameters();
        add(prefix + ".weight", p.get("gamma"), null);
        add(prefix + ".bias", p.get("beta"), null);
        add(prefix + ".running_mean", p.get("runningMean"), null);
        add(prefix + ".running_var", p.get("runningVar"), null);
        addCounter(prefix + ".num_batches_tracked");
        return this;
    }

    /** A linear layer: {@code prefix.weight} (out x in) and, when it has one, {@code prefix.bias}. */
    public TorchStateDict linear(String prefix, Block linear) {
        return asTheyAre(prefix, linear, Linear.class);
    }

    /** Layers whose DJL parameter names ("weight", "bias") and shapes are PyTorch's. */
    private TorchStateDict asTheyAre(String prefix, Block layer, Class<? extends Block> kind) {
        require(layer, kind, prefix);
        for (var p : layer.getDirectParameters()) {
            add(prefix + "." + p.getKey(), p.getValue(), null);
        }
        return this;
    }

    /**
     * A linear layer that PyTorch writes as a 1x1 convolution with bias (torchvision's
     * squeeze-excitation): the same numbers, the weight shaped out x in x 1 x 1.
     */
    public TorchStateDict linearAsConv1x1(String prefix, Block linear) {
        require(linear, Linear.class, prefix);
        for (var p : linear.getDirectParameters()) {
            Shape shape = p.getValue().getArray().getShape();
            add(prefix + "." + p.getKey(), p.getValue(), p.getKey().equals("weight") ? new Shape(shape.get(0), shape.get(1), 1, 1) : null);
        }
        return this;
    }

    private void add(String name, Parameter parameter, Shape torchShape) {
        if (parameter == null) {
            throw new IllegalStateException(name + ": the layer lacks this parameter");
        }
        if (!names.add(name)) {
            throw new IllegalStateException(name + " is named twice");
        }
        if (!placed.add(parameter)) {
            throw new IllegalStateException(name + ": its parameter already has another name");
        }
        tensors.add(new TorchTensor(name, torchShape != null ? torchShape : parameter.getArray().getShape(), parameter));
    }

    private void addCounter(String name) {
        if (!names.add(name)) {
            throw new IllegalStateException(name + " is named twice");
        }
        tensors.add(new TorchTensor(name, new Shape(), null));
    }

    private static void require(Block block, Class<? extends Block> kind, String prefix) {
        if (!kind.isInstance(block)) {
            throw new IllegalStateException(prefix + " should be a " + kind.getSimpleName() + " but the network has a "
                    + block.getClass().getSimpleName() + " there; the encoder's torch names no longer follow its blocks");
        }
    }

    /** The entries in the order they were named. */
    public List<TorchTensor> tensors() {
        return List.copyOf(tensors);
    }

    /** Whether every parameter of {@code block} has been given a name. */
    boolean coversAllOf(Block block) {
        return block.getParameters().values().stream().allMatch(placed::contains);
    }

    /** The children of a block, in order. */
    static List<Block> children(Block block) {
        return block.getChildren().values();
    }
}
