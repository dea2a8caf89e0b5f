#!/usr/bin/env python3
"""MoCo v2 as `train --method moco` defines it (MoCoMethod.java), in plain PyTorch, for comparing kNN.

Symmetrised: each view's query against the other view's key and a FIFO queue of 4096 normalised keys,
InfoNCE at tau 0.2; key encoder and head a moving average of the network (momentum 0.99, a cosine ramp
to --momentum-end); split batch norm over 8 groups per view, the key batch shuffled before it is split.

    ~/peer/bin/python bench/pytorch_moco.py --epochs 30 --seed 1
"""
import copy

import torch
import torch.nn.functional as F

import ssl_common as ssl


class MoCo:
    def __init__(self, network, images, total, a):
        self.network, self.total, self.a = network, total, a
        self.keys = copy.deepcopy(network).requires_grad_(False)
        self.queue = F.normalize(torch.randn(a.queue_size, network.head_dim), dim=1)
        self.next = 0

    def parameters(self):
        return []

    def project(self, net, views):
        return torch.cat([net(g) for g in views.chunk(2 * self.a.bn_splits)])

    def info_nce(self, q, k):
        q = F.normalize(q, dim=1)
        logits = torch.cat([(q * k).sum(1, keepdim=True), q @ self.queue.t()], 1) / self.a.temperature
        return F.cross_entropy(logits, torch.zeros(len(q), dtype=torch.long))

    def loss(self, views, indices, step):
        queries = self.project(self.network, views)
        order = torch.randperm(len(views))
        with torch.no_grad():
            keys = torch.empty_like(queries)
            keys[order] = self.project(self.keys, views[order])
            self.k1, self.k2 = F.normalize(keys, dim=1).chunk(2)
        q1, q2 = queries.chunk(2)
        return (self.info_nce(q1, self.k2) + self.info_nce(q2, self.k1)) / 2

    def after_update(self, step):
        ssl.ema(self.keys, self.network, ssl.momentum_at(self.a.momentum, self.a.momentum_end, step, self.total))
        for k in (self.k1, self.k2):
            self.queue[self.next:self.next + len(k)] = k
            self.next = (self.next + len(k)) % len(self.queue)


def options(p):
    p.add_argument("--temperature", type=float, default=0.2)
    p.add_argument("--queue-size", type=int, default=4096)
    p.add_argument("--momentum", type=float, default=0.99)
    p.add_argument("--momentum-end", type=float, default=0.99)
    p.add_argument("--bn-splits", type=int, default=8)


if __name__ == "__main__":
    args = ssl.arguments("moco", options)
    ssl.train("moco", args, lambda network, images, total: MoCo(network, images, total, args))
