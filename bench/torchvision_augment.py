#!/usr/bin/env python3
"""Reference for `bench augment`: torchvision's PIL-based SimCLR pipeline on the same images.

Mirrors the simclr-imagenet preset: RandomResizedCrop, flip, colour jitter (0.8, 0.8, 0.8, 0.2)
with p=0.8, grayscale p=0.2, Gaussian blur (kernel ~10% of the side, sigma 0.1-2) with p=0.5,
then ToTensor. One process, one thread, so the figure is per core.

    python3 bench/torchvision_augment.py --size 32 [--data-dir ../shared/datasets/cifar10-subset]
Debian: apt-get install python3-torchvision
"""
import argparse
import statistics
import time

import numpy as np
import torch
import torchvision
from PIL import Image
from torchvision import transforms


def load_cifar(path, size):
    raw = np.fromfile(path, dtype=np.uint8).reshape(-1, 3073)
    images = raw[:, 1:].reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1)
    out = [Image.fromarray(img) for img in images]
    if size != 32:
        out = [img.resize((size, size), Image.BILINEAR) for img in out]
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=32)
    parser.add_argument("--data-dir", default="../shared/datasets/cifar10-subset")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    torch.set_num_threads(1)
    images = load_cifar(f"{args.data_dir}/train.bin", args.size)
    kernel = max(3, int(0.1 * args.size))
    kernel += 1 - kernel % 2
    pipeline = transforms.Compose([
        transforms.RandomResizedCrop(args.size),
        transforms.RandomHorizontalFlip(),
        transforms.RandomApply([transforms.ColorJitter(0.8, 0.8, 0.8, 0.2)], p=0.8),
        transforms.RandomGrayscale(p=0.2),
        transforms.RandomApply([transforms.GaussianBlur(kernel, sigma=(0.1, 2.0))], p=0.5),
        transforms.ToTensor(),
    ])
    def timed(seconds):
        views, i = 0, 0
        start = time.perf_counter()
        while time.perf_counter() - start < seconds:
            img = images[i % len(images)]
            pipeline(img)
            pipeline(img)
            views += 2
            i += 1
        return views / (time.perf_counter() - start)
    timed(1.0)
    rates = [timed(args.seconds) for _ in range(args.rounds)]
    print(f"torch {torch.__version__}, torchvision {torchvision.__version__}; rounds {[round(r) for r in rates]}")
    print(f"RESULT views_per_s={statistics.median(rates):.0f} size={args.size} threads=1 impl=torchvision")


if __name__ == "__main__":
    main()
