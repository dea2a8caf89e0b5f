#!/usr/bin/env python3
"""Reference for `bench train`: PyTorch eager SimCLR training steps on the same machine.

ResNet (basic blocks) with a CIFAR (3x3, stride 1) or ImageNet (7x7, stride 2 + max-pool) stem, or
the workbench's Inception-v3, Inception-ResNet-v2 and Xception (bench/pytorch_encoders.py: the same
definitions, small images resized up at the input); MLP head 128, NT-Xent, Adam; times full steps
(forward, loss, backward, optimizer) after warm-up.

    python3 bench/pytorch_train_step.py --arch resnet18 --stem imagenet --size 32 --batch 128 --threads 2
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


class Basic(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.c1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.b1 = nn.BatchNorm2d(cout)
        self.c2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.b2 = nn.BatchNorm2d(cout)
        self.short = None
        if stride != 1 or cin != cout:
            self.short = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        y = F.relu(self.b1(self.c1(x)))
        y = self.b2(self.c2(y))
        return F.relu(y + (x if self.short is None else self.short(x)))


def resnet(blocks, widths, stem):
    layers = []
    if stem == "cifar":
        layers += [nn.Conv2d(3, widths[0], 3, 1, 1, bias=False), nn.BatchNorm2d(widths[0]), nn.ReLU()]
    else:
        layers += [nn.Conv2d(3, widths[0], 7, 2, 3, bias=False), nn.BatchNorm2d(widths[0]), nn.ReLU(), nn.MaxPool2d(3, 2, 1)]
    cin = widths[0]
    for stage, (n, w) in enumerate(zip(blocks, widths)):
        for b in range(n):
            layers.append(Basic(cin, w, 2 if stage > 0 and b == 0 else 1))
            cin = w
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten()]
    return nn.Sequential(*layers), cin


def nt_xent(z, tau):
    z = F.normalize(z.float(), dim=1)
    n = z.shape[0]
    logits = z @ z.t() / tau
    logits.fill_diagonal_(float("-inf"))
    target = (torch.arange(n) + n // 2) % n
    return F.cross_entropy(logits, target)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--arch", default="resnet18", choices=["resnet18", "small"] + list(pytorch_encoders.BUILDERS))
    p.add_argument("--stem", default="imagenet", choices=["imagenet", "cifar"])
    p.add_argument("--size", type=int, default=32)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--steps", type=int, default=10)
    p.add_argument("--warmup", type=int, default=2)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    if a.arch in pytorch_encoders.BUILDERS:
        enc, dim = pytorch_encoders.build(a.arch), pytorch_encoders.REPRESENTATION_DIM[a.arch]
    else:
        blocks, widths = ([2, 2, 2, 2], [64, 128, 256, 512]) if a.arch == "resnet18" else ([1, 1, 1, 1], [32, 64, 128, 256])
        enc, dim = resnet(blocks, widths, a.stem)
    head = nn.Sequential(nn.Linear(dim, dim, bias=False), nn.BatchNorm1d(dim), nn.ReLU(), nn.Linear(dim, 128))
    model = nn.Sequential(enc, head)
    opt = torch.optim.Adam(model.parameters(), 3e-4, weight_decay=1e-4)
    x = torch.rand(2 * a.batch, 3, a.size, a.size)
    def step():
        loss = nt_xent(model(x), 0.5)
        opt.zero_grad()
        loss.backward()
        opt.step()
    for _ in range(a.warmup):
        step()
    times = []
    for _ in range(a.steps):
        t = time.perf_counter()
        step()
        times.append(time.perf_counter() - t)
    med = statistics.median(times)
    print(f"torch {torch.__version__}; step times {[round(t, 3) for t in times]}")
    print(f"RESULT views_per_s={2 * a.batch / med:.0f} arch={a.arch} stem={a.stem} size={a.size} batch={a.batch} impl=pytorch")


if __name__ == "__main__":
    main()
