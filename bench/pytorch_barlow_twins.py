#!/usr/bin/env python3
"""Barlow Twins as `train --method barlow-twins` defines it (BarlowTwinsMethod.java), in plain PyTorch.

Each view's projections standardised per dimension over the batch (biased variance, eps 1e-5), their
cross-correlation C = z1^T z2 / N, loss sum (1 - C_ii)^2 + lambda sum_{i != j} C_ij^2, lambda 0.0051.

    ~/peer/bin/python bench/pytorch_barlow_twins.py --epochs 30 --seed 1
"""
import torch

import ssl_common as ssl


class BarlowTwins:
    def __init__(self, network, images, total, a):
        self.network, self.a = network, a

    def parameters(self):
        return []

    @staticmethod
    def standardised(z):
        z = z - z.mean(0, keepdim=True)
        return z / (z.pow(2).mean(0, keepdim=True) + 1e-5).sqrt()

    def loss(self, views, indices, step):
        z1, z2 = self.network(views).chunk(2)
        c = self.standardised(z1).t() @ self.standardised(z2) / len(z1)
        eye = torch.eye(len(c))
        return (torch.diagonal(c) - 1).pow(2).sum() + self.a.lambda_ * (c.pow(2) * (1 - eye)).sum()

    def after_update(self, step):
        pass


def options(p):
    p.add_argument("--lambda", dest="lambda_", type=float, default=0.0051)


if __name__ == "__main__":
    args = ssl.arguments("barlow-twins", options)
    ssl.train("barlow-twins", args, lambda network, images, total: BarlowTwins(network, images, total, args))
