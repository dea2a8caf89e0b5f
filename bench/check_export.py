#!/usr/bin/env python3
"""Loads an encoder that `export RUN --to pytorch` wrote and compares its features with the workbench's.

Runs the Python that the export's JSON lists (what a student types: torchvision's model, its
classifier replaced by Identity, `load_state_dict` strict, so every name and shape must match), feeds
it the images that `bench features RUN` wrote, and compares h (and z, when the head was exported)
with the features the workbench computed for the same images.

    python3 bench/check_export.py encoder.safetensors features.safetensors

Needs torch, torchvision (for encoders with a torchvision twin) and safetensors: Debian's
python3-torchvision 0.14 / python3-torch 1.13, plus the safetensors wheel in a venv made with
--system-site-packages. Ends with: RESULT encoder=... stem=... model=... max_abs_diff_h=... [max_abs_diff_z=...]
"""
import json
import os
import sys

import torch
from safetensors.torch import load_file


def main(weights, features):
    weights = os.path.abspath(weights)
    features = os.path.abspath(features)
    info = json.load(open(weights[: -len(".safetensors")] + ".json"))
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # workbench_models.py
    os.chdir(os.path.dirname(weights))
    torch.set_num_threads(2)
    scope = {}
    exec("\n".join(info["python"]), scope)  # the exported JSON's own loading code, strict load included
    model = scope["model"]
    data = load_file(features)
    with torch.no_grad():
        h = model(data["images"])
        diff_h = (h - data["h"]).abs().max().item()
        line = (f"RESULT encoder={info['encoder']} stem={info['stem']['id']} "
                f"model={info.get('torchvisionModel') and 'torchvision.models.' + info['torchvisionModel'] or 'bench/workbench_models.py'}"
                f"{' (stem replaced)' if info.get('torchvisionModel') and not info['stem']['torchvision'] else ''} images={h.shape[0]} h_dim={h.shape[1]} max_abs_diff_h={diff_h:.3g}")
        ok = diff_h <= 1e-4
        if "head" in scope:
            head = scope["head"].eval()
            diff_z = (head(h) - data["z"]).abs().max().item()
            line += f" max_abs_diff_z={diff_z:.3g}"
            ok = ok and diff_z <= 1e-4
    print(f"torch {torch.__version__}: max |h_torch - h_workbench| = {diff_h:.3g} over {h.numel()} values "
          f"(h ranges {data['h'].min().item():.3g} .. {data['h'].max().item():.3g})")
    print(line)
    return 0 if ok else 1


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2]))
