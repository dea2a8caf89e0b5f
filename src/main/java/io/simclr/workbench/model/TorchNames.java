package io.simclr.workbench.model;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import java.util.ArrayList;
import java.util.List;

/**
 * A network's parameters under PyTorch's names: torchvision's for the encoder (so its state dict
 * loads into {@code torchvision.models.resnet18()} and the like) and {@link #HEAD_PREFIX} for the
 * projection head, as a {@code torch.nn.Sequential} numbers its layers. What export writes and import
 * reads.
 */
public final class TorchNames {

    /** Where the projection head's entries live in an exported file. */
    public static final String HEAD_PREFIX = "projection_head.";

    private TorchNames() {}

    /**
     * How an encoder's layers are named in PyTorch, or null when no mapping is written for it yet.
     * Adding an encoder: one {@link EncoderTorchNames} class and one line here.
     */
    static EncoderTorchNames forEncoder(EncoderKind encoder) {
        return switch (encoder) {
            case SMALL -> new ResNetTorchNames(ResNetEncoder.SMALL, null);
            case RESNET18 -> new ResNetTorchNames(ResNetEncoder.RESNET18, "resnet18");
            case RESNET50 -> new ResNetTorchNames(ResNetEncoder.RESNET50, "resnet50");
            case EFFICIENTNET_B0 -> new EfficientNetB0TorchNames();
            default -> null;
        };
    }

    /** Whether this encoder can be exported to and imported from PyTorch. */
    public static boolean supports(EncoderKind encoder) {
        return forEncoder(encoder) != null;
    }

    /**
     * The state-dict entries of {@code network}: the encoder's, then (when {@code withHead}) the
     * head's under {@link #HEAD_PREFIX}. Every parameter of the named blocks is named exactly once.
     *
     * @throws IllegalArgumentException when the encoder has no PyTorch names yet
     */
    public static List<TorchTensor> of(SimClrNetwork network, boolean withHead) {
        EncoderTorchNames names = require(network.config().encoder());
        TorchStateDict out = new TorchStateDict();
        names.name(network.encoder(), out);
        if (!out.coversAllOf(network.encoder())) {
            throw new IllegalStateException("the " + network.config().encoder().id() + " encoder has parameters its torch names miss");
        }
        if (withHead) {
            head(network.head(), out);
            if (!out.coversAllOf(network.head())) {
                throw new IllegalStateException("the " + network.config().head().id() + " head has parameters its torch names miss");
            }
        }
        return out.tensors();
    }

    /** @throws IllegalArgumentException naming the encoders that can, when this one has no PyTorch names */
    public static void requireSupported(EncoderKind encoder) {
        require(encoder);
    }

    private static EncoderTorchNames require(EncoderKind encoder) {
        EncoderTorchNames names = forEncoder(encoder);
        if (names == null) {
            throw new IllegalArgumentException("the " + encoder.id() + " encoder has no PyTorch names yet, so it cannot be exported or"
                    + " imported; encoders that can: " + String.join(", ", supported()));
        }
        return names;
    }

    private static List<String> supported() {
        List<String> ids = new ArrayList<>();
        for (EncoderKind kind : EncoderKind.values()) {
            if (supports(kind)) {
                ids.add(kind.id());
            }
        }
        return ids;
    }

    /** The head as torch.nn.Sequential numbers it (a lone linear layer is the head itself). */
    private static void head(Block head, TorchStateDict out) {
        String prefix = HEAD_PREFIX.substring(0, HEAD_PREFIX.length() - 1);
        if (head instanceof Linear) {
            out.linear(prefix, head);
        } else if (head instanceof SequentialBlock) {
            List<Block> layers = TorchStateDict.children(head);
            for (int i = 0; i < layers.size(); i++) {
                if (layers.get(i) instanceof Linear) {
                    out.linear(prefix + "." + i, layers.get(i));
                } else if (layers.get(i) instanceof BatchNorm) {
                    out.batchNorm(prefix + "." + i, layers.get(i));
                }
            }
        }
    }

    /**
     * What the encoder is in PyTorch: torchvision's model (or the bench definition), whether the stem
     * is torchvision's own, and the Python that builds it and reads h.
     *
     * @param torchvisionModel {@code torchvision.models.<name>}, or null when torchvision has no such encoder
     * @param stemIsTorchvisions whether torchvision's model as built has this stem; if not, {@code python} replaces it
     * @param stemNote         one sentence on the stem, saying when torchvision has no twin of it
     * @param python           statements that build {@code model} (h out, classifier removed), after {@code import torch, torchvision}
     * @param head             the head as a torch.nn module expression, or null for none
     */
    public record Twin(String torchvisionModel, boolean stemIsTorchvisions, String stemNote, List<String> python, String head) {}

    /** @param stem the stem the network was built with (resolved, never AUTO) */
    public static Twin twin(ModelConfig model, StemKind stem, int representationDim) {
        EncoderTorchNames names = require(model.encoder());
        String tv = names.torchvisionModel();
        List<String> python = new ArrayList<>();
        if (tv != null) {
            python.add("model = torchvision.models." + tv + "()");
            python.addAll(names.stemAdjustments(stem));
        } else {
            python.add("from workbench_models import " + model.encoder().id().replace('-', '_') + "_encoder  # bench/workbench_models.py");
            python.add("model = " + model.encoder().id().replace('-', '_') + "_encoder(stem=\"" + stem.id() + "\")");
        }
        python.add("model." + names.classifierAttribute() + " = torch.nn.Identity()");
        boolean exact = names.stemMatchesTorchvision(stem);
        String note;
        if (tv == null) {
            note = "torchvision has no " + model.encoder().id() + " encoder: build it with bench/workbench_models.py, whose layer names match";
        } else if (exact) {
            note = "the " + stem.id() + " stem is torchvision's own: the weights load into torchvision.models." + tv + "() as it is";
        } else {
            note = "the " + stem.id() + " stem (" + stemDescription(model.encoder(), stem) + ") has no torchvision twin: the names are"
                    + " torchvision's, but replace the stem first (" + String.join("; ", names.stemAdjustments(stem)) + ")";
        }
        return new Twin(tv, exact && tv != null, note, List.copyOf(python), headModule(model, representationDim));
    }

    /** The stem in words, e.g. "3x3 convolution, stride 1, no max-pool". */
    public static String stemDescription(EncoderKind encoder, StemKind stem) {
        if (encoder == EncoderKind.EFFICIENTNET_B0) {
            return stem == StemKind.CIFAR ? "3x3 convolution, stride 1" : "3x3 convolution, stride 2";
        }
        return switch (stem) {
            case CIFAR -> "3x3 convolution, stride 1, no max-pool";
            case LIGHT -> "3x3 convolution, stride 2, no max-pool";
            default -> "7x7 convolution, stride 2, then 3x3 max-pool, stride 2";
        };
    }

    /** The projection head as PyTorch would build it, with the layer numbers export uses. */
    static String headModule(ModelConfig model, int d) {
        int hidden = model.hiddenDim() > 0 ? model.hiddenDim() : d;
        int k = model.headDim();
        return switch (model.head()) {
            case NONE -> null;
            case LINEAR -> "torch.nn.Linear(" + d + ", " + k + ", bias=False)";
            case MLP -> "torch.nn.Sequential(torch.nn.Linear(" + d + ", " + hidden + ", bias=False), torch.nn.BatchNorm1d(" + hidden
                    + "), torch.nn.ReLU(), torch.nn.Linear(" + hidden + ", " + k + "))";
            case MLP_NO_BN -> "torch.nn.Sequential(torch.nn.Linear(" + d + ", " + hidden + "), torch.nn.ReLU(), torch.nn.Linear(" + hidden
                    + ", " + k + "))";
        };
    }
}
