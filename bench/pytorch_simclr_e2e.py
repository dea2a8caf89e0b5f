"""The CPU recipe (samples/training/cifar-cpu.json) end to end in PyTorch, as a PyTorch user would run it:
views made per image by transforms inside a Dataset, batched by a DataLoader with 2 worker processes,
the SimCLR step in the main process. The definitions are the workbench's (bench/ssl_common.py: the small
encoder, MLP head 128, simclr-cifar augmentations, per-step cosine rate, kNN k=200 T=0.1); NT-Xent at
tau 0.2, Adam 2e-3 with weight decay 1e-4, batch 128, stopping at --epochs or after --seconds of training.

torchvision's own transforms would be the usual choice, but its local wheels do not load with PyTorch 2.13
(DESIGN.md, "Peers"), so the transforms are ssl_common's plain-PyTorch copies of them, applied to one
image at a time as torchvision applies its own.

    ~/peer/bin/python bench/pytorch_simclr_e2e.py --epochs 3 --seed 1     # seconds per epoch
    ~/peer/bin/python bench/pytorch_simclr_e2e.py --seconds 900 --seed 1  # the recipe's 15 minutes, then kNN
"""
import argparse
import math
import statistics
import time

import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset, get_worker_info

import ssl_common


class TwoViews(Dataset):
    """Two augmented views of image i; each worker draws from its own generator seeded by the loader."""

    def __init__(self, images):
        self.images = images
        self.gen = None

    def __len__(self):
        return len(self.images)

    def __getitem__(self, i):
        if self.gen is None:
            info = get_worker_info()
            self.gen = torch.Generator().manual_seed(info.seed if info else torch.initial_seed())
        image = self.images[i:i + 1]
        return ssl_common.augment(image, self.gen)[0], ssl_common.augment(image, self.gen)[0]


def nt_xent(z, tau):
    """SimCLR's loss over 2n projections, view k of image i at row k * n + i."""
    z = F.normalize(z, dim=1)
    n = z.shape[0] // 2
    logits = z @ z.t() / tau
    logits.fill_diagonal_(float("-inf"))
    targets = torch.cat([torch.arange(n, 2 * n), torch.arange(0, n)])
    return F.cross_entropy(logits, targets)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--data-dir", default="../shared/datasets/cifar10-subset")
    p.add_argument("--epochs", type=int, default=120)
    p.add_argument("--seconds", type=float, default=0, help="stop after this much training time (0: none); the recipe's is 900")
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--lr", type=float, default=2e-3)
    p.add_argument("--temperature", type=float, default=0.2)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--no-eval", action="store_true", help="skip the kNN monitor (timing only)")
    args = p.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    train_x, train_y = ssl_common.load(f"{args.data_dir}/train.bin")
    test_x, test_y = ssl_common.load(f"{args.data_dir}/test.bin")
    network = ssl_common.Network()
    loader = DataLoader(TwoViews(train_x), batch_size=args.batch, shuffle=True, drop_last=True, num_workers=args.workers,
                        persistent_workers=args.workers > 0, generator=torch.Generator().manual_seed(args.seed))
    steps_per_epoch = len(loader)
    total = steps_per_epoch * args.epochs
    opt = torch.optim.Adam(network.parameters(), args.lr, weight_decay=1e-4)
    random_init = None
    if not args.no_eval:
        random_init = ssl_common.knn(ssl_common.features(network.encoder, train_x), train_y,
                                     ssl_common.features(network.encoder, test_x), test_y)
        print(f"random init kNN {random_init:.4f}", flush=True)
    step, trained, epoch_seconds = 0, 0.0, []
    for epoch in range(args.epochs):
        start = time.time()
        losses = []
        for a, b in loader:
            for group in opt.param_groups:
                group["lr"] = args.lr * 0.5 * (1 + math.cos(math.pi * step / total))
            loss = nt_xent(network(torch.cat([a, b])), args.temperature)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            losses.append(loss.item())
            step += 1
        seconds = time.time() - start
        epoch_seconds.append(seconds)
        trained += seconds
        print(f"epoch {epoch + 1}: loss {sum(losses) / len(losses):.4f} in {seconds:.1f} s, "
              f"{2 * args.batch * steps_per_epoch / seconds:.0f} views/s", flush=True)
        if args.seconds and trained >= args.seconds:
            break
    line = (f"RESULT epochs={len(epoch_seconds)} seconds={trained:.1f} median_epoch_seconds={statistics.median(epoch_seconds):.2f}"
            f" impl=pytorch-{torch.__version__} workers={args.workers}")
    if not args.no_eval:
        acc = ssl_common.knn(ssl_common.features(network.encoder, train_x), train_y,
                             ssl_common.features(network.encoder, test_x), test_y)
        line = f"RESULT knn_top1={acc:.4f} random_init_knn_top1={random_init:.4f} " + line[len("RESULT "):]
    print(line, flush=True)


if __name__ == "__main__":
    main()
