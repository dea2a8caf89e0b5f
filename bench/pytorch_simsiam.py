#!/usr/bin/env python3
"""SimSiam as `train --method simsiam` defines it (SimSiamMethod.java), in plain PyTorch.

One network, a bottleneck predictor (hidden a quarter of the projection unless set), loss -cos(p, stopgrad(z))
of each view against the other, symmetrised; --no-stop-gradient and --no-predictor take the guards away.

    ~/peer/bin/python bench/pytorch_simsiam.py --epochs 30 --seed 1
"""
import torch.nn as nn
import torch.nn.functional as F

import ssl_common as ssl


class SimSiam:
    def __init__(self, network, images, total, a):
        self.network, self.a = network, a
        d = network.head_dim
        self.predictor = nn.Identity() if a.no_predictor else ssl.mlp(d, a.predictor_hidden_dim or d // 4, d)

    def parameters(self):
        return self.predictor.parameters()

    def loss(self, views, indices, step):
        z = self.network(views)
        p1, p2 = self.predictor(z).chunk(2)
        z1, z2 = (z if self.a.no_stop_gradient else z.detach()).chunk(2)
        return -(F.cosine_similarity(p1, z2).mean() + F.cosine_similarity(p2, z1).mean()) / 2

    def after_update(self, step):
        pass


def options(p):
    p.add_argument("--no-stop-gradient", action="store_true")
    p.add_argument("--no-predictor", action="store_true")
    p.add_argument("--predictor-hidden-dim", type=int, default=0, help="0 = a quarter of the projection's width")


if __name__ == "__main__":
    args = ssl.arguments("simsiam", options)
    ssl.train("simsiam", args, lambda network, images, total: SimSiam(network, images, total, args))
