#!/usr/bin/env python3
"""The sthalles/SimCLR reference recipe in PyTorch eager, on the same CIFAR-10 files, for comparing
`train` with it: ResNet-18 (torchvision, 7x7 stem), head Linear-ReLU-Linear(128), batch 256,
temperature 0.07, Adam 3e-4 (wd 1e-4), crop/flip/jitter(0.8, p 0.8)/grayscale(0.2)/blur(k=3),
constant rate for 10 epochs then cosine. Logs loss and mean positive / negative cosine like
metrics.csv, and ends with the same kNN monitor (k=200, T=0.1) on the frozen backbone.

    python3 bench/pytorch_simclr_reference.py --epochs 10 [--data-dir ../shared/datasets/cifar10-subset]
Debian: apt-get install python3-torchvision
"""
import argparse
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision
from PIL import Image
from torchvision import transforms


def load(path):
    raw = np.fromfile(path, dtype=np.uint8).reshape(-1, 3073)
    return raw[:, 1:].reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1), raw[:, 0].astype(np.int64)


class Pairs(torch.utils.data.Dataset):
    def __init__(self, images):
        self.images = images
        self.t = transforms.Compose([
            transforms.RandomResizedCrop(32), transforms.RandomHorizontalFlip(),
            transforms.RandomApply([transforms.ColorJitter(0.8, 0.8, 0.8, 0.2)], p=0.8),
            transforms.RandomGrayscale(p=0.2), transforms.GaussianBlur(3, sigma=(0.1, 2.0)), transforms.ToTensor()])

    def __len__(self):
        return len(self.images)

    def __getitem__(self, i):
        img = Image.fromarray(self.images[i])
        return self.t(img), self.t(img)


@torch.no_grad()
def features(backbone, images):
    backbone.eval()
    x = torch.from_numpy(images.transpose(0, 3, 1, 2).copy()).float() / 255
    out = torch.cat([backbone(x[i:i + 256]) for i in range(0, len(x), 256)])
    backbone.train()
    return F.normalize(out, dim=1)


def knn(bank, bank_labels, queries, query_labels, k=200, t=0.1):
    sims = queries @ bank.t()
    top, idx = sims.topk(k, dim=1)
    votes = torch.zeros(len(queries), 10).scatter_add_(1, bank_labels[idx], (top / t).exp())
    return (votes.argmax(1) == query_labels).float().mean().item()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data-dir", default="../shared/datasets/cifar10-subset")
    p.add_argument("--epochs", type=int, default=10)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    train_x, train_y = load(f"{a.data_dir}/train.bin")
    test_x, test_y = load(f"{a.data_dir}/test.bin")
    model = torchvision.models.resnet18(num_classes=128)
    dim = model.fc.in_features
    model.fc = nn.Sequential(nn.Linear(dim, dim), nn.ReLU(), model.fc)
    backbone = nn.Sequential(*list(model.children())[:-1], nn.Flatten())
    loader = torch.utils.data.DataLoader(Pairs(train_x), batch_size=256, shuffle=True, drop_last=True, num_workers=1)
    opt = torch.optim.Adam(model.parameters(), 3e-4, weight_decay=1e-4)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=len(loader), eta_min=0)
    bank_labels, query_labels = torch.from_numpy(train_y), torch.from_numpy(test_y)
    print(f"random init kNN {knn(features(backbone, train_x), bank_labels, features(backbone, test_x), query_labels):.4f}", flush=True)
    step, start = 0, time.time()
    for epoch in range(a.epochs):
        for v1, v2 in loader:
            z = F.normalize(model(torch.cat([v1, v2])), dim=1)
            n = z.shape[0]
            cos = z @ z.t()
            logits = (cos / 0.07).masked_fill(torch.eye(n, dtype=torch.bool), float("-inf"))
            target = (torch.arange(n) + n // 2) % n
            loss = F.cross_entropy(logits, target)
            opt.zero_grad()
            loss.backward()
            opt.step()
            if step % 10 == 0:
                with torch.no_grad():
                    pos = cos[torch.arange(n), target].mean().item()
                    neg = (cos.sum() - cos.diag().sum() - cos[torch.arange(n), target].sum()).item() / (n * (n - 2))
                print(f"epoch {epoch} step {step} loss {loss.item():.4f} pos_sim {pos:.3f} neg_sim {neg:.3f}", flush=True)
            step += 1
        if epoch >= 10:
            sched.step()
    acc = knn(features(backbone, train_x), bank_labels, features(backbone, test_x), query_labels)
    print(f"RESULT knn_top1={acc:.4f} epochs={a.epochs} seconds={time.time() - start:.1f} impl=pytorch")


if __name__ == "__main__":
    main()
