#!/usr/bin/env python3
"""SwAV (two views) as `train --method swav` defines it (SwAVMethod.java), in plain PyTorch.

Normalised embeddings scored against 100 normalised prototypes (renormalised after every step, held
still through the first epoch), Sinkhorn-Knopp codes (3 iterations, epsilon 0.05) per view, each view's
softmax at tau 0.1 predicting the other's codes.

    ~/peer/bin/python bench/pytorch_swav.py --epochs 30 --seed 1
"""
import torch
import torch.nn as nn
import torch.nn.functional as F

import ssl_common as ssl


@torch.no_grad()
def sinkhorn(scores, iterations, epsilon):
    q = torch.exp((scores - scores.max()) / epsilon)
    q /= q.sum()
    b, k = q.shape
    for _ in range(iterations):
        q /= q.sum(0, keepdim=True)
        q /= k
        q /= q.sum(1, keepdim=True)
        q /= b
    return q * b


class SwAV:
    def __init__(self, network, images, total, a):
        self.network, self.a = network, a
        self.prototypes = nn.Linear(network.head_dim, a.prototypes, bias=False)
        self.frozen_steps = a.freeze_prototypes_epochs * (images // a.batch)
        self.normalise()

    @torch.no_grad()
    def normalise(self):
        self.prototypes.weight.copy_(F.normalize(self.prototypes.weight, dim=1))

    def parameters(self):
        return self.prototypes.parameters()

    def loss(self, views, indices, step):
        e = F.normalize(self.network(views), dim=1)
        w = self.prototypes.weight
        scores = e @ (w.detach() if step < self.frozen_steps else w).t()
        s1, s2 = scores.chunk(2)
        q1, q2 = sinkhorn(s1, self.a.sinkhorn_iterations, self.a.sinkhorn_epsilon), sinkhorn(s2, self.a.sinkhorn_iterations,
                                                                                             self.a.sinkhorn_epsilon)
        t = self.a.temperature
        return -((q1 * F.log_softmax(s2 / t, 1)).sum(1).mean() + (q2 * F.log_softmax(s1 / t, 1)).sum(1).mean()) / 2

    def after_update(self, step):
        self.normalise()


def options(p):
    p.add_argument("--temperature", type=float, default=0.1)
    p.add_argument("--prototypes", type=int, default=100)
    p.add_argument("--sinkhorn-iterations", type=int, default=3)
    p.add_argument("--sinkhorn-epsilon", type=float, default=0.05)
    p.add_argument("--freeze-prototypes-epochs", type=int, default=1)


if __name__ == "__main__":
    args = ssl.arguments("swav", options)
    ssl.train("swav", args, lambda network, images, total: SwAV(network, images, total, args))
