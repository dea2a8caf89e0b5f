#!/usr/bin/env python3
"""BYOL as `train --method byol` defines it (ByolMethod.java), in plain PyTorch.

Online network and a predictor (Linear-BN-ReLU-Linear, hidden as the head's) against a target that is a
moving average of the online network, momentum 0.99 rising to 1 on a cosine; loss 2 - 2 cos(p, z') of
each view against the other, symmetrised (the mean of the two).

    ~/peer/bin/python bench/pytorch_byol.py --epochs 30 --seed 1
"""
import copy

import torch
import torch.nn.functional as F

import ssl_common as ssl


class Byol:
    def __init__(self, network, images, total, a):
        self.network, self.total, self.a = network, total, a
        self.target = copy.deepcopy(network).requires_grad_(False)
        d = network.head_dim
        self.predictor = ssl.mlp(d, a.predictor_hidden_dim or network.head_hidden, d)

    def parameters(self):
        return self.predictor.parameters()

    def loss(self, views, indices, step):
        p1, p2 = self.predictor(self.network(views)).chunk(2)
        with torch.no_grad():
            t1, t2 = self.target(views).chunk(2)
        return 2 - F.cosine_similarity(p1, t2).mean() - F.cosine_similarity(p2, t1).mean()

    def after_update(self, step):
        ssl.ema(self.target, self.network, ssl.momentum_at(self.a.momentum, self.a.momentum_end, step, self.total))


def options(p):
    p.add_argument("--momentum", type=float, default=0.99)
    p.add_argument("--momentum-end", type=float, default=1.0)
    p.add_argument("--predictor-hidden-dim", type=int, default=0, help="0 = the head's hidden width")


if __name__ == "__main__":
    args = ssl.arguments("byol", options)
    ssl.train("byol", args, lambda network, images, total: Byol(network, images, total, args))
