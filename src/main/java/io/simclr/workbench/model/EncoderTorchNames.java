package io.simclr.workbench.model;

import ai.djl.nn.Block;
import java.util.List;

/**
 * How one encoder's layers are named in PyTorch, and how to build its PyTorch twin: one small class
 * per encoder ({@link ResNetTorchNames}, {@link EfficientNetB0TorchNames}), registered in
 * {@link TorchNames#forEncoder}. A new encoder's mapping walks its own blocks and gives each layer
 * its torchvision prefix; {@link TorchStateDict} does the per-layer renaming.
 */
interface EncoderTorchNames {

    /** Names every parameter of the encoder block (the network's {@code encoder()}), in torchvision's order. */
    void name(Block encoder, TorchStateDict out);

    /** The torchvision builder ({@code torchvision.models.<name>}) whose layers carry these names, or null when it has none. */
    String torchvisionModel();

    /** The model's attribute that holds torchvision's classifier, replaced by {@code torch.nn.Identity()} to read h. */
    String classifierAttribute();

    /** Whether torchvision's model, as built, is this encoder with this stem (else {@link #stemAdjustments} say what changes). */
    boolean stemMatchesTorchvision(StemKind stem);

    /** Python statements (on {@code model}) that turn torchvision's model into this encoder with this stem. */
    List<String> stemAdjustments(StemKind stem);
}
