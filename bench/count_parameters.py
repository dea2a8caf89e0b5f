#!/usr/bin/env python3
"""Parameter counts of bench/pytorch_encoders.py's definitions, beside the references they must equal.

    ~/peer/bin/python bench/count_parameters.py          # PyTorch 2.13 (the local wheel)
    /usr/bin/python3 bench/count_parameters.py           # PyTorch 1.13 + torchvision 0.14 (Debian): adds torchvision's own inception_v3

Keras's model.count_params() counts moving means and variances too; its trainable count excludes them
and, for Inception-ResNet-v2, the unused gammas (scale=False). ModelArchitectureTest pins the trainable counts.
"""
import torch

import pytorch_encoders as pe

# The references' published figures: Keras Applications' include_top=False models (total / trainable),
# torchvision's inception_v3 less AuxLogits (3,326,696) and fc (2,049,000), its efficientnet_b0 less the classifier.
REFERENCE = {
    "inception-v3": ("torchvision inception_v3 without AuxLogits and fc", None, 21_785_568),
    "inception-resnet-v2": ("keras.applications.InceptionResNetV2(include_top=False)", 54_336_736, 54_276_192),
    "xception": ("keras.applications.Xception(include_top=False)", 20_861_480, 20_806_952),
    "efficientnet-b0": ("torchvision efficientnet_b0 (5,288,548) less its classifier (1,281,000)", None, 4_007_548),
}


def main():
    print(f"torch {torch.__version__}")
    for name in pe.BUILDERS:
        model = pe.build(name)
        trainable = pe.trainable_parameters(model)
        total = pe.all_parameters(model)
        ref, ref_total, ref_trainable = REFERENCE[name]
        with torch.no_grad():
            model.eval()
            side = pe.MINIMUM_SIZE[name]
            h = model(torch.rand(2, 3, side, side))
            small = model(torch.rand(2, 3, 32, 32))
        ok = trainable == ref_trainable and (ref_total is None or total == ref_total)
        print(f"RESULT encoder={name} trainable={trainable} with_running_stats={total} reference_trainable={ref_trainable}"
              f" reference_total={ref_total} h={tuple(h.shape)} h_from_32px={tuple(small.shape)} match={ok}  # {ref}")
    try:
        import torchvision
        tv = torchvision.models.inception_v3(weights=None, aux_logits=True, init_weights=False)
        total = sum(p.numel() for p in tv.parameters())
        aux = sum(p.numel() for p in tv.AuxLogits.parameters())
        fc = sum(p.numel() for p in tv.fc.parameters())
        print(f"RESULT torchvision {torchvision.__version__} inception_v3 total={total} aux={aux} fc={fc} without_both={total - aux - fc}")
    except ImportError:
        print("torchvision not importable here; run with /usr/bin/python3 (Debian's PyTorch 1.13 + torchvision 0.14) for its inception_v3")


if __name__ == "__main__":
    main()
