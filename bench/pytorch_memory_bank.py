#!/usr/bin/env python3
"""The memory bank (Wu et al. 2018) as `train --method memory-bank` defines it (MemoryBankMethod.java), in plain PyTorch.

One normalised feature per training image, starting random; each view pulled to its image's memory and
pushed from 4096 memories drawn uniformly (one draw for the batch), InfoNCE at tau 0.07; after the step
the memory moves to normalise(0.5 v + 0.5 mean of the two views).

    ~/peer/bin/python bench/pytorch_memory_bank.py --epochs 30 --seed 1
"""
import torch
import torch.nn.functional as F

import ssl_common as ssl


class MemoryBank:
    def __init__(self, network, images, total, a):
        self.network, self.a = network, a
        self.bank = F.normalize(torch.randn(images, network.head_dim), dim=1)

    def parameters(self):
        return []

    def info_nce(self, q, positives, negatives):
        logits = torch.cat([(q * positives).sum(1, keepdim=True), q @ negatives.t()], 1) / self.a.temperature
        return F.cross_entropy(logits, torch.zeros(len(q), dtype=torch.long))

    def loss(self, views, indices, step):
        e1, e2 = F.normalize(self.network(views), dim=1).chunk(2)
        memories = self.bank[indices]
        negatives = self.bank[torch.randint(0, len(self.bank), (self.a.negatives,))]
        self.indices, self.mean = indices, ((e1 + e2) / 2).detach()
        return (self.info_nce(e1, memories, negatives) + self.info_nce(e2, memories, negatives)) / 2

    def after_update(self, step):
        m = self.a.momentum
        self.bank[self.indices] = F.normalize(m * self.bank[self.indices] + (1 - m) * self.mean, dim=1)


def options(p):
    p.add_argument("--temperature", type=float, default=0.07)
    p.add_argument("--negatives", type=int, default=4096)
    p.add_argument("--momentum", type=float, default=0.5)


if __name__ == "__main__":
    args = ssl.arguments("memory-bank", options)
    ssl.train("memory-bank", args, lambda network, images, total: MemoryBank(network, images, total, args))
