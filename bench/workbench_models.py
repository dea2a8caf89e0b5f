#!/usr/bin/env python3
"""The workbench's ResNet encoders in plain PyTorch, with torchvision's layer names.

`export RUN --to pytorch` writes a ResNet's weights as conv1, bn1, layer<s>.<b>.conv<i>/bn<i> and
layer<s>.<b>.downsample.0/1, as torchvision.models.resnet18/50 name them. torchvision has no twin of
the workbench's `small` encoder (a ResNet-10 of widths 32-256) nor of the small-image stems, so this
file defines them (no torchvision needed: it also runs on a plain `pip install torch`):

    from workbench_models import small_encoder
    model = small_encoder(stem="light")          # or resnet18_encoder(stem="cifar"), resnet50_encoder(...)
    model.load_state_dict(safetensors.torch.load_file("encoder.safetensors"))

Stems: "imagenet" (7x7 stride 2, then 3x3 max-pool stride 2: torchvision's), "cifar" (3x3 stride 1,
no max-pool) and "light" (3x3 stride 2, no max-pool). Input: RGB in [0, 1] (image / 255), no
mean/std normalisation. Output: h, the global-average-pooled representation (fc is Identity).
"""
import torch
from torch import nn


class BasicBlock(nn.Module):
    expansion = 1

    def __init__(self, cin, width, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, width, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(width)
        self.conv2 = nn.Conv2d(width, width, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(width)
        self.relu = nn.ReLU(inplace=True)
        self.downsample = _shortcut(cin, width, stride)

    def forward(self, x):
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return self.relu(out + (x if self.downsample is None else self.downsample(x)))


class Bottleneck(nn.Module):
    """torchvision's v1.5: the stride sits on the 3x3 convolution."""
    expansion = 4

    def __init__(self, cin, width, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, width, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(width)
        self.conv2 = nn.Conv2d(width, width, 3, stride, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(width)
        self.conv3 = nn.Conv2d(width, 4 * width, 1, bias=False)
        self.bn3 = nn.BatchNorm2d(4 * width)
        self.relu = nn.ReLU(inplace=True)
        self.downsample = _shortcut(cin, 4 * width, stride)

    def forward(self, x):
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.relu(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(out))
        return self.relu(out + (x if self.downsample is None else self.downsample(x)))


def _shortcut(cin, cout, stride):
    if stride == 1 and cin == cout:
        return None
    return nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))


class ResNetEncoder(nn.Module):
    def __init__(self, block, blocks, widths, stem):
        super().__init__()
        if stem == "imagenet":
            self.conv1 = nn.Conv2d(3, widths[0], 7, 2, 3, bias=False)
            self.maxpool = nn.MaxPool2d(3, 2, 1)
        elif stem in ("cifar", "light"):
            self.conv1 = nn.Conv2d(3, widths[0], 3, 1 if stem == "cifar" else 2, 1, bias=False)
            self.maxpool = nn.Identity()
        else:
            raise ValueError(f"unknown stem {stem!r}: imagenet, cifar or light")
        self.bn1 = nn.BatchNorm2d(widths[0])
        self.relu = nn.ReLU(inplace=True)
        cin = widths[0]
        for s, (n, width) in enumerate(zip(blocks, widths)):
            layers = []
            for b in range(n):
                layers.append(block(cin, width, 2 if s > 0 and b == 0 else 1))
                cin = width * block.expansion
            setattr(self, f"layer{s + 1}", nn.Sequential(*layers))
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Identity()

    def forward(self, x):
        x = self.maxpool(self.relu(self.bn1(self.conv1(x))))
        x = self.layer4(self.layer3(self.layer2(self.layer1(x))))
        return self.fc(torch.flatten(self.avgpool(x), 1))


def small_encoder(stem="light"):
    return ResNetEncoder(BasicBlock, [1, 1, 1, 1], [32, 64, 128, 256], stem)


def resnet18_encoder(stem="imagenet"):
    return ResNetEncoder(BasicBlock, [2, 2, 2, 2], [64, 128, 256, 512], stem)


def resnet50_encoder(stem="imagenet"):
    return ResNetEncoder(Bottleneck, [3, 4, 6, 3], [64, 128, 256, 512], stem)
