package io.simclr.workbench.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The network: encoder, its stem, and the projection head. Serialised to JSON as part of a run's
 * config.
 *
 * @param encoder   which encoder f
 * @param stem      which ResNet stem (ignored by EfficientNet, which has its own)
 * @param head      which projection head g
 * @param headDim   output dimension of g (32, 64 or 128 are usual)
 * @param hiddenDim hidden width of the MLP head; 0 means the representation's width
 */
public record ModelConfig(EncoderKind encoder, StemKind stem, HeadKind head, int headDim, int hiddenDim) {

    public static ModelConfig defaults(EncoderKind encoder) {
        return new ModelConfig(encoder, StemKind.AUTO, HeadKind.MLP, 128, 0);
    }

    /** The MLP head's hidden width for an encoder whose representation has {@code representationDim} dimensions. */
    public int hiddenWidth(int representationDim) {
        return hiddenDim > 0 ? hiddenDim : representationDim;
    }

    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (encoder == null || stem == null || head == null) {
            problems.add("model needs encoder, stem and head");
            return problems;
        }
        if (head != HeadKind.NONE && (headDim < 2 || headDim > 8192)) {
            problems.add("model.headDim is " + headDim + " but must be between 2 and 8192 (32, 64 or 128 are usual)");
        }
        if (hiddenDim < 0 || hiddenDim > 16384) {
            problems.add("model.hiddenDim is " + hiddenDim + " but must be between 0 (the representation's width) and 16384");
        }
        return problems;
    }
}
