#!/usr/bin/env python3
"""Reference for `bench train`: PyTorch eager SimCLR training steps on the same machine.

The workbench's encoders by the same definitions: the small encoder, ResNet-18 and ResNet-50 with the
CIFAR (3x3, stride 1), light (3x3, stride 2) or ImageNet (7x7, stride 2 + max-pool) stem
(bench/workbench_models.py), EfficientNet-B0, Inception-v3, Inception-ResNet-v2 and Xception
(bench/pytorch_encoders.py: small images resized up at the input where the encoder needs it); MLP head
128, NT-Xent, Adam; times full steps (forward, loss, backward, optimizer) after warm-up.

    ~/peer/bin/python bench/pytorch_train_step.py --arch resnet18 --stem imagenet --size 32 --batch 128 --threads 2
    ~/peer/bin/python bench/pytorch_train_step.py --arch small --stem light --size 32 --batch 128 --threads 2
    ~/peer/bin/python bench/pytorch_train_step.py --arch inception-v3 --size 32 --batch 32 --threads 2
Debian: apt-get install python3-torch (1.13); the local wheel: python3 -m venv ~/peer && ~/peer/bin/pip install torch (2.13)
"""
import argparse
import statistics
import time

import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pytorch_encoders  # noqa: E402
import workbench_models  # noqa: E402

RESNETS = {"small": workbench_models.small_encoder, "resnet18": workbench_models.resnet18_encoder,
           "resnet50": workbench_models.resnet50_encoder}
RESNET_DIM = {"small": 256, "resnet18": 512, "resnet50": 2048}


def nt_xent(z, tau):
    z = F.normalize(z.float(), dim=1)
    n = z.shape[0]
    logits = z @ z.t() / tau
    logits.fill_diagonal_(float("-inf"))
    target = (torch.arange(n) + n // 2) % n
    return F.cross_entropy(logits, target)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--arch", default="resnet18", choices=list(RESNETS) + list(pytorch_encoders.BUILDERS))
    p.add_argument("--stem", default="imagenet", choices=["imagenet", "cifar", "light"])
    p.add_argument("--size", type=int, default=32)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--steps", type=int, default=10)
    p.add_argument("--warmup", type=int, default=2)
    p.add_argument("--profile", metavar="FILE", help="after the timed steps, profile more with torch.profiler into this Chrome trace")
    p.add_argument("--profile-steps", type=int, default=3, help="steps recorded by --profile")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    if a.arch in pytorch_encoders.BUILDERS:
        enc, dim = pytorch_encoders.build(a.arch, a.stem), pytorch_encoders.REPRESENTATION_DIM[a.arch]
    else:
        enc, dim = RESNETS[a.arch](a.stem), RESNET_DIM[a.arch]
    head = nn.Sequential(nn.Linear(dim, dim, bias=False), nn.BatchNorm1d(dim), nn.ReLU(), nn.Linear(dim, 128))
    model = nn.Sequential(enc, head)
    opt = torch.optim.Adam(model.parameters(), 3e-4, weight_decay=1e-4)
    x = torch.rand(2 * a.batch, 3, a.size, a.size)
    phases = {"forward and loss": 0.0, "backward": 0.0, "optimizer": 0.0}

    def step():
        t0 = time.perf_counter()
        loss = nt_xent(model(x), 0.5)
        loss.item()
        t1 = time.perf_counter()
        opt.zero_grad()
        loss.backward()
        t2 = time.perf_counter()
        opt.step()
        t3 = time.perf_counter()
        for name, seconds in zip(phases, (t1 - t0, t2 - t1, t3 - t2)):
            phases[name] += seconds
    for _ in range(a.warmup):
        step()
    phases = dict.fromkeys(phases, 0.0)
    times = []
    for _ in range(a.steps):
        t = time.perf_counter()
        step()
        times.append(time.perf_counter() - t)
    med = statistics.median(times)
    print(f"torch {torch.__version__}; step times {[round(t, 3) for t in times]}")
    print("mean ms per step: " + " ".join(f"{name} {1000 * s / a.steps:.1f};" for name, s in phases.items()))
    if a.profile:
        from torch.profiler import ProfilerActivity, profile
        with profile(activities=[ProfilerActivity.CPU], record_shapes=True) as prof:
            for _ in range(a.profile_steps):
                step()
        prof.export_chrome_trace(a.profile)
        print(f"operator profile of {a.profile_steps} steps: {a.profile}")
    print(f"RESULT views_per_s={2 * a.batch / med:.0f} arch={a.arch} stem={a.stem} size={a.size} batch={a.batch} impl=pytorch")


if __name__ == "__main__":
    main()
