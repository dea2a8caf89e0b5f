package io.simclr.workbench.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;

/**
 * One entry of a PyTorch state dict, as torchvision names it, and the workbench parameter that holds
 * its values. A batch norm's {@code num_batches_tracked} counter has no workbench parameter (DJL keeps
 * no such count): it is written on export and read past on import.
 *
 * @param name      the state-dict key, e.g. {@code layer1.0.bn2.running_var}
 * @param shape     its shape in PyTorch (a squeeze-excitation layer is a 1x1 convolution there, a linear layer here)
 * @param parameter where the values live in the workbench's network; null for a step counter
 */
public record TorchTensor(String name, Shape shape, Parameter parameter) {

    public boolean isStepCounter() {
        return parameter == null;
    }
}
