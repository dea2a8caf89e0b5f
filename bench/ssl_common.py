"""What the bench/pytorch_<method>.py scripts share: the workbench's small encoder and MLP head, its
simclr-cifar augmentations in plain PyTorch (torchvision's wheels do not load with the PyTorch 2.13
here), its per-step cosine learning rate, its kNN monitor (k=200, T=0.1) and its training loop
(whole batches of a fresh shuffle each epoch, both views of every image in one forward pass).
Each method script supplies only its method: its added networks, its loss, its update after the
optimizer's step, exactly as the Java classes of src/main/java/io/simclr/workbench/method define them.

    ~/peer/bin/python bench/pytorch_byol.py --epochs 30 --seed 1 [--data-dir ../shared/datasets/cifar10-subset]
    ~/peer/bin/python bench/pytorch_byol.py --config samples/training/cifar-cpu-byol.json --epochs 20 --seed 1

The shared recipe is Adam 2e-3 (decay 1e-4), batch 128, head 256 -> 256 -> 128, crops from 8 %; --config takes a
method's own recipe from the workbench config that `train --config` reads, and refuses one with anything not written here.
"""
import argparse
import itertools
import math
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def load(path):
    raw = np.fromfile(path, dtype=np.uint8).reshape(-1, 3073)
    images = torch.from_numpy(raw[:, 1:].reshape(-1, 3, 32, 32).copy())
    return images, torch.from_numpy(raw[:, 0].astype(np.int64))


class Basic(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.main = nn.Sequential(nn.Conv2d(cin, cout, 3, stride, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(),
                                  nn.Conv2d(cout, cout, 3, 1, 1, bias=False), nn.BatchNorm2d(cout))
        self.short = nn.Identity() if stride == 1 and cin == cout else nn.Sequential(
            nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        return F.relu(self.main(x) + self.short(x))


def small_encoder():
    """The workbench's `small` encoder with its light stem: 3x3 stride-2 stem, one basic block per stage, widths 32-256."""
    widths = [32, 64, 128, 256]
    layers = [nn.Conv2d(3, 32, 3, 2, 1, bias=False), nn.BatchNorm2d(32), nn.ReLU()]
    cin = 32
    for stage, w in enumerate(widths):
        layers.append(Basic(cin, w, 2 if stage > 0 else 1))
        cin = w
    return nn.Sequential(*layers, nn.AdaptiveAvgPool2d(1), nn.Flatten()), cin


def mlp(dim, hidden, out):
    """The workbench's MLP head (and predictor): Linear, BN, ReLU, Linear."""
    return nn.Sequential(nn.Linear(dim, hidden, bias=False), nn.BatchNorm1d(hidden), nn.ReLU(), nn.Linear(hidden, out))


class Network(nn.Module):
    """Encoder f and head g; forward gives the projection z."""

    def __init__(self, head_dim=128, hidden_dim=0):
        super().__init__()
        self.encoder, dim = small_encoder()
        self.head = mlp(dim, hidden_dim or dim, head_dim)
        self.hidden = dim
        self.head_hidden, self.head_dim = hidden_dim or dim, head_dim

    def forward(self, x):
        return self.head(self.encoder(x))


# --- simclr-cifar augmentations: crop 0.08-1, flip 0.5, colour jitter 0.4/0.4/0.4/0.1 with p 0.8, grayscale 0.2 ---

def crop_boxes(n, size, gen, scale, ratio=(3 / 4, 4 / 3)):
    """torchvision's RandomResizedCrop sampling: ten tries, then the centre crop of the allowed ratio."""
    boxes = []
    area = size * size
    for _ in range(n):
        for _ in range(10):
            target = area * float(torch.empty(1).uniform_(*scale, generator=gen))
            aspect = math.exp(float(torch.empty(1).uniform_(math.log(ratio[0]), math.log(ratio[1]), generator=gen)))
            w = int(round(math.sqrt(target * aspect)))
            h = int(round(math.sqrt(target / aspect)))
            if 0 < w <= size and 0 < h <= size:
                i = int(torch.randint(0, size - h + 1, (1,), generator=gen))
                j = int(torch.randint(0, size - w + 1, (1,), generator=gen))
                boxes.append((i, j, h, w))
                break
        else:
            boxes.append((0, 0, size, size))
    return boxes


def gray(x):
    return (0.299 * x[:, 0:1] + 0.587 * x[:, 1:2] + 0.114 * x[:, 2:3])


def rgb_to_hsv(x):
    r, g, b = x[:, 0], x[:, 1], x[:, 2]
    maxc, _ = x.max(1)
    minc, _ = x.min(1)
    delta = maxc - minc
    s = torch.where(maxc > 0, delta / maxc.clamp_min(1e-12), torch.zeros_like(maxc))
    d = delta.clamp_min(1e-12)
    h = torch.where(maxc == r, ((g - b) / d) % 6, torch.where(maxc == g, (b - r) / d + 2, (r - g) / d + 4)) / 6
    h = torch.where(delta > 0, h, torch.zeros_like(h))
    return torch.stack([h % 1.0, s, maxc], 1)


def hsv_to_rgb(x):
    h, s, v = x[:, 0], x[:, 1], x[:, 2]
    i = torch.floor(h * 6)
    f = h * 6 - i
    p, q, t = v * (1 - s), v * (1 - s * f), v * (1 - s * (1 - f))
    i = i.long() % 6
    r = torch.stack([v, q, p, p, t, v], 1).gather(1, i.unsqueeze(1)).squeeze(1)
    g = torch.stack([t, v, v, q, p, p], 1).gather(1, i.unsqueeze(1)).squeeze(1)
    b = torch.stack([p, p, t, v, v, q], 1).gather(1, i.unsqueeze(1)).squeeze(1)
    return torch.stack([r, g, b], 1)


def jitter_op(x, op, f):
    if op == 0:
        return (x * f).clamp(0, 1)
    if op == 1:
        return (f * x + (1 - f) * gray(x).mean((1, 2, 3), keepdim=True)).clamp(0, 1)
    if op == 2:
        return (f * x + (1 - f) * gray(x)).clamp(0, 1)
    hsv = rgb_to_hsv(x)
    hsv[:, 0] = (hsv[:, 0] + f.view(-1, 1, 1)) % 1.0
    return hsv_to_rgb(hsv)


def augment(images, gen, crop_min=0.08, strength=(0.4, 0.4, 0.4, 0.1)):
    """One view of each uint8 image (B, 3, 32, 32), as floats in [0, 1]; crops cover crop_min to all of the image."""
    n, size = images.shape[0], images.shape[-1]
    x = images.float() / 255
    out = torch.empty_like(x)
    for k, (i, j, h, w) in enumerate(crop_boxes(n, size, gen, (crop_min, 1.0))):
        out[k] = F.interpolate(x[k:k + 1, :, i:i + h, j:j + w], size=(size, size), mode="bilinear", align_corners=False)[0]
    flip = torch.rand(n, generator=gen) < 0.5
    out[flip] = out[flip].flip(-1)
    apply = torch.rand(n, generator=gen) < 0.8
    b, c, s, hue = strength
    factors = [torch.empty(n).uniform_(1 - b, 1 + b, generator=gen), torch.empty(n).uniform_(1 - c, 1 + c, generator=gen),
               torch.empty(n).uniform_(1 - s, 1 + s, generator=gen), torch.empty(n).uniform_(-hue, hue, generator=gen)]
    orders = list(itertools.permutations(range(4)))
    order = torch.randint(0, len(orders), (n,), generator=gen)
    for o, perm in enumerate(orders):  # each image's four operations in its own random order, as torchvision
        rows = (apply & (order == o)).nonzero().flatten()
        if len(rows) == 0:
            continue
        y = out[rows]
        for op in perm:
            f = factors[op][rows].view(-1, 1, 1, 1) if op < 3 else factors[op][rows]
            y = jitter_op(y, op, f)
        out[rows] = y
    grey = torch.rand(n, generator=gen) < 0.2
    out[grey] = gray(out[grey]).expand(-1, 3, -1, -1)
    return out


# --- the kNN monitor and the loop ---

@torch.no_grad()
def features(encoder, images):
    encoder.eval()
    out = torch.cat([encoder(images[i:i + 256].float() / 255) for i in range(0, len(images), 256)])
    encoder.train()
    return F.normalize(out, dim=1)


def knn(bank, bank_labels, queries, query_labels, k=200, t=0.1):
    top, idx = (queries @ bank.t()).topk(k, dim=1)
    votes = torch.zeros(len(queries), 10).scatter_add_(1, bank_labels[idx], (top / t).exp())
    return (votes.argmax(1) == query_labels).float().mean().item()


def momentum_at(start, end, step, total):
    """The workbench's MomentumSchedule: start, rising on a half cosine to end at the last step."""
    if start == end or total <= 0:
        return start
    return end - (end - start) * (math.cos(math.pi * min(1.0, step / total)) + 1) / 2


@torch.no_grad()
def ema(target, online, m):
    for t, o in zip(target.parameters(), online.parameters()):
        t.mul_(m).add_(o, alpha=1 - m)


def arguments(method, extra=None):
    p = argparse.ArgumentParser(description=f"{method} on cifar10-subset, as the workbench's `train --method {method}` defines it")
    p.add_argument("--data-dir", default="../shared/datasets/cifar10-subset")
    p.add_argument("--epochs", type=int, default=30)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--lr", type=float, default=2e-3)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--config", help="a workbench training config (as `train --config` reads, e.g. samples/training/"
                   "cifar-cpu-simsiam.json): its optimizer, rate, weight decay, batch, head widths, crop scale and "
                   "method settings replace the shared recipe's; --epochs, --seed and --threads still apply")
    if extra:
        extra(p)
    args = p.parse_args()
    args.optimizer, args.weight_decay, args.head_dim, args.hidden_dim, args.crop_min = "adam", 1e-4, 128, 0, 0.08
    if args.config:
        apply_config(args, method)
    return args


# The simclr-cifar augmentations these scripts implement, apart from the crop's smallest scale.
SIMCLR_CIFAR = {"flip": {"enabled": True, "p": 0.5},
                "colorJitter": {"enabled": True, "p": 0.8, "brightness": 0.4, "contrast": 0.4, "saturation": 0.4, "hue": 0.1},
                "grayscale": {"enabled": True, "p": 0.2}}
UNSUPPORTED_OPERATIONS = ("rotation", "blur", "noise", "cutout", "sobel")


def apply_config(args, method):
    import json
    with open(args.config) as f:
        config = json.load(f)
    problems = []
    if config["method"]["name"] != method:
        problems.append(f"method.name is {config['method']['name']!r}, but this script trains {method!r}")
    if config["model"]["encoder"] != "small" or config["model"]["head"] != "mlp":
        problems.append("only the small encoder with the mlp head is written here")
    augmentation = config["augmentation"]
    for name, expected in SIMCLR_CIFAR.items():
        if any(augmentation[name][k] != v for k, v in expected.items()):
            problems.append(f"augmentation.{name} differs from simclr-cifar's {expected}")
    problems += [f"augmentation.{name} is on; only crop, flip, colour jitter and grayscale are written here"
                 for name in UNSUPPORTED_OPERATIONS if augmentation[name]["enabled"]]
    crop = augmentation["crop"]
    if not crop["enabled"] or crop["scaleMax"] != 1.0 or abs(crop["ratioMin"] - 0.75) > 1e-9 or abs(crop["ratioMax"] - 4 / 3) > 1e-9:
        problems.append("augmentation.crop must be on with scaleMax 1 and ratios 3/4 to 4/3")
    if config["data"]["source"] != "cifar10" or config["data"]["imageSize"] not in (0, 32):
        problems.append("only cifar10 at 32 px is read here (from --data-dir)")
    schedule = config["schedule"]
    if any(schedule[k] != 0 for k in ("warmupEpochs", "holdEpochs", "decayEpochs")):
        problems.append("only a cosine over the whole run is written here: schedule.warmupEpochs, holdEpochs and decayEpochs must be 0")
    optimization = config["optimization"]
    if optimization["optimizer"] not in ("adam", "sgd"):
        problems.append(f"optimization.optimizer {optimization['optimizer']!r}: only adam and sgd are written here")
    if problems:
        raise SystemExit(f"{args.config}: " + "; ".join(problems))
    args.optimizer = optimization["optimizer"]
    args.lr, args.batch = optimization["learningRate"], optimization["batchSize"]
    decay = optimization["weightDecay"]
    args.weight_decay = decay if decay >= 0 else (1e-4 if args.optimizer == "adam" else 5e-4)  # OptimizationConfig's defaults
    args.head_dim, args.hidden_dim, args.crop_min = config["model"]["headDim"], config["model"]["hiddenDim"], crop["scaleMin"]
    for key, value in config["method"].get(method, {}).items():
        set_method_option(args, key, value)


# The config keys whose option here has another name, or the opposite sense.
RENAMED = {"finalMomentum": "momentum_end", "batchNormSplits": "bn_splits", "lambda": "lambda_"}
NEGATED = {"stopGradient": "no_stop_gradient", "predictor": "no_predictor"}


def set_method_option(args, key, value):
    """Sets the method's option named by a config key (`queueSize` -> --queue-size); refuses one not written here."""
    if key in NEGATED:
        setattr(args, NEGATED[key], not value)
        return
    name = RENAMED.get(key) or "".join("_" + c.lower() if c.isupper() else c for c in key)
    if not hasattr(args, name):
        if value in (0, False):  # an optional part left off, e.g. SwAV's queue
            return
        raise SystemExit(f"{args.config}: method setting {key} = {value} is not written in this script")
    setattr(args, name, type(getattr(args, name))(value))


def train(name, args, make_method):
    """Trains `make_method(network, train_images, total_steps)` and ends with its RESULT line.

    A method has `parameters()` (what it trains beside the network), `loss(views, indices, step)`
    and `after_update(step)`.
    """
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    gen = torch.Generator().manual_seed(args.seed)
    train_x, train_y = load(f"{args.data_dir}/train.bin")
    test_x, test_y = load(f"{args.data_dir}/test.bin")
    network = Network(args.head_dim, args.hidden_dim)
    steps_per_epoch = len(train_x) // args.batch
    total = steps_per_epoch * args.epochs
    method = make_method(network, len(train_x), total)
    params = list(network.parameters()) + list(method.parameters())
    opt = (torch.optim.Adam(params, args.lr, weight_decay=args.weight_decay) if args.optimizer == "adam"
           else torch.optim.SGD(params, args.lr, momentum=0.9, weight_decay=args.weight_decay))
    random_init = knn(features(network.encoder, train_x), train_y, features(network.encoder, test_x), test_y)
    print(f"random init kNN {random_init:.4f}", flush=True)
    step, start = 0, time.time()
    for epoch in range(args.epochs):
        order = torch.randperm(len(train_x), generator=gen)
        losses = []
        for b in range(steps_per_epoch):
            indices = order[b * args.batch:(b + 1) * args.batch]
            batch = train_x[indices]
            views = torch.cat([augment(batch, gen, args.crop_min), augment(batch, gen, args.crop_min)])
            for group in opt.param_groups:
                group["lr"] = args.lr * 0.5 * (1 + math.cos(math.pi * step / total))
            loss = method.loss(views, indices, step)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            method.after_update(step)
            losses.append(loss.item())
            step += 1
        print(f"epoch {epoch + 1}: loss {np.mean(losses):.4f}, {time.time() - start:.0f} s", flush=True)
    acc = knn(features(network.encoder, train_x), train_y, features(network.encoder, test_x), test_y)
    print(f"RESULT knn_top1={acc:.4f} random_init_knn_top1={random_init:.4f} epochs={args.epochs} seconds={time.time() - start:.1f}"
          f" impl=pytorch method={name}")
