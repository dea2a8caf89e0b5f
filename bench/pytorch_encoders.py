#!/usr/bin/env python3
"""The workbench's Inception-v3, Inception-ResNet-v2, Xception and EfficientNet-B0 encoders in plain PyTorch.

Layer for layer the definitions of src/main/java/io/simclr/workbench/model/{InceptionV3,
InceptionResNetV2,Xception,EfficientNetB0}.java: h = global-average-pooled features, no classifier, images smaller
than the encoder's minimum resized up (bilinear, align_corners=False) at the input.

- inception-v3: torchvision.models.inception_v3 without AuxLogits and fc (BasicConv2d: conv without
  bias, BatchNorm2d eps 0.001, ReLU; torchvision's padding). Minimum 75 px.
- inception-resnet-v2: keras.applications.InceptionResNetV2(include_top=False) (conv2d_bn: conv
  without bias, BatchNormalization(scale=False) eps 0.001 momentum 0.99, ReLU; residual up-projections
  with bias and no norm; 'same' average pool excluding padding). Minimum 75 px.
- xception: keras.applications.Xception(include_top=False) (separable = depthwise 3x3 + pointwise 1x1,
  BatchNormalization eps 0.001 momentum 0.99; stride-2 max pools with TensorFlow's 'same' padding).
  Minimum 71 px.
- efficientnet-b0: the paper's Table 1 (MBConv: 1x1 expansion, depthwise k x k, squeeze-excitation to a
  quarter of the block's input width, 1x1 projection, residual where shapes allow; SiLU; PyTorch's
  batch-norm defaults; no stochastic depth), 1x1 to 1280 channels. Its stem is stride 1 for the CIFAR
  stem (the workbench's choice at 32 px), else stride 2. No minimum.

Keras's momentum 0.99 (share of the running statistics kept) is PyTorch's momentum 0.01. Written
for the local PyTorch (no torchvision needed): bench/count_parameters.py counts them,
bench/pytorch_train_step.py times them.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F

REPRESENTATION_DIM = {"inception-v3": 2048, "inception-resnet-v2": 1536, "xception": 2048, "efficientnet-b0": 1280}
MINIMUM_SIZE = {"inception-v3": 75, "inception-resnet-v2": 75, "xception": 71, "efficientnet-b0": 1}


class ResizeUp(nn.Module):
    def __init__(self, minimum):
        super().__init__()
        self.minimum = minimum

    def forward(self, x):
        h, w = x.shape[2], x.shape[3]
        if h >= self.minimum and w >= self.minimum:
            return x
        return F.interpolate(x, size=(max(h, self.minimum), max(w, self.minimum)), mode="bilinear", align_corners=False)


class ConvBnRelu(nn.Sequential):
    def __init__(self, cin, cout, kernel, stride=1, padding=0, eps=1e-3, momentum=0.1, affine_scale=True):
        bn = nn.BatchNorm2d(cout, eps=eps, momentum=momentum)
        if not affine_scale:
            bn.weight.requires_grad_(False)  # Keras scale=False: gamma stays 1, untrained
        super().__init__(nn.Conv2d(cin, cout, kernel, stride, padding, bias=False), bn, nn.ReLU(inplace=True))


class Concat(nn.Module):
    def __init__(self, *branches):
        super().__init__()
        self.branches = nn.ModuleList(branches)

    def forward(self, x):
        return torch.cat([b(x) for b in self.branches], 1)


# ---------------------------------------------------------------- Inception-v3 (torchvision)

def tv(cin, cout, kernel, stride=1, padding=0):
    return ConvBnRelu(cin, cout, kernel, stride, padding, eps=1e-3, momentum=0.1)


class AvgPoolBranch(nn.Sequential):
    def __init__(self, conv, count_include_pad):
        super().__init__(nn.AvgPool2d(3, 1, 1, count_include_pad=count_include_pad), conv)


def inception_a(cin, pool_features):
    return Concat(tv(cin, 64, 1),
                  nn.Sequential(tv(cin, 48, 1), tv(48, 64, 5, padding=2)),
                  nn.Sequential(tv(cin, 64, 1), tv(64, 96, 3, padding=1), tv(96, 96, 3, padding=1)),
                  AvgPoolBranch(tv(cin, pool_features, 1), True))


def inception_b(cin):
    return Concat(tv(cin, 384, 3, stride=2),
                  nn.Sequential(tv(cin, 64, 1), tv(64, 96, 3, padding=1), tv(96, 96, 3, stride=2)),
                  nn.MaxPool2d(3, 2))


def inception_c(cin, c7):
    return Concat(tv(cin, 192, 1),
                  nn.Sequential(tv(cin, c7, 1), tv(c7, c7, (1, 7), padding=(0, 3)), tv(c7, 192, (7, 1), padding=(3, 0))),
                  nn.Sequential(tv(cin, c7, 1), tv(c7, c7, (7, 1), padding=(3, 0)), tv(c7, c7, (1, 7), padding=(0, 3)),
                                tv(c7, c7, (7, 1), padding=(3, 0)), tv(c7, 192, (1, 7), padding=(0, 3))),
                  AvgPoolBranch(tv(cin, 192, 1), True))


def inception_d(cin):
    return Concat(nn.Sequential(tv(cin, 192, 1), tv(192, 320, 3, stride=2)),
                  nn.Sequential(tv(cin, 192, 1), tv(192, 192, (1, 7), padding=(0, 3)), tv(192, 192, (7, 1), padding=(3, 0)),
                                tv(192, 192, 3, stride=2)),
                  nn.MaxPool2d(3, 2))


def inception_e(cin):
    split = lambda: Concat(tv(384, 384, (1, 3), padding=(0, 1)), tv(384, 384, (3, 1), padding=(1, 0)))
    return Concat(tv(cin, 320, 1),
                  nn.Sequential(tv(cin, 384, 1), split()),
                  nn.Sequential(tv(cin, 448, 1), tv(448, 384, 3, padding=1), split()),
                  AvgPoolBranch(tv(cin, 192, 1), True))


def inception_v3():
    return nn.Sequential(
        ResizeUp(75),
        tv(3, 32, 3, stride=2), tv(32, 32, 3), tv(32, 64, 3, padding=1), nn.MaxPool2d(3, 2),
        tv(64, 80, 1), tv(80, 192, 3), nn.MaxPool2d(3, 2),
        inception_a(192, 32), inception_a(256, 64), inception_a(288, 64),
        inception_b(288),
        inception_c(768, 128), inception_c(768, 160), inception_c(768, 160), inception_c(768, 192),
        inception_d(768), inception_e(1280), inception_e(2048),
        nn.AdaptiveAvgPool2d(1), nn.Flatten())


# ---------------------------------------------------------------- Inception-ResNet-v2 (Keras)

def kb(cin, cout, kernel, stride=1, valid=False):
    """conv2d_bn: padding 'same' (stride 1 everywhere it is used) or 'valid'."""
    kernel = (kernel, kernel) if isinstance(kernel, int) else kernel
    padding = (0, 0) if valid else (kernel[0] // 2, kernel[1] // 2)
    return ConvBnRelu(cin, cout, kernel, stride, padding, eps=1e-3, momentum=0.01, affine_scale=False)


class ScaledResidual(nn.Module):
    def __init__(self, branches, mixed, channels, scale, relu=True):
        super().__init__()
        self.branches = branches
        self.up = nn.Conv2d(mixed, channels, 1, bias=True)
        self.scale = scale
        self.relu = relu

    def forward(self, x):
        x = x + self.up(self.branches(x)) * self.scale
        return F.relu(x) if self.relu else x


def block35():
    return ScaledResidual(Concat(kb(320, 32, 1), nn.Sequential(kb(320, 32, 1), kb(32, 32, 3)),
                                 nn.Sequential(kb(320, 32, 1), kb(32, 48, 3), kb(48, 64, 3))), 128, 320, 0.17)


def block17():
    return ScaledResidual(Concat(kb(1088, 192, 1), nn.Sequential(kb(1088, 128, 1), kb(128, 160, (1, 7)), kb(160, 192, (7, 1)))),
                          384, 1088, 0.1)


def block8(scale=0.2, relu=True):
    return ScaledResidual(Concat(kb(2080, 192, 1), nn.Sequential(kb(2080, 192, 1), kb(192, 224, (1, 3)), kb(224, 256, (3, 1)))),
                          448, 2080, scale, relu)


def inception_resnet_v2():
    layers = [ResizeUp(75),
              kb(3, 32, 3, 2, valid=True), kb(32, 32, 3, valid=True), kb(32, 64, 3), nn.MaxPool2d(3, 2),
              kb(64, 80, 1, valid=True), kb(80, 192, 3, valid=True), nn.MaxPool2d(3, 2),
              Concat(kb(192, 96, 1), nn.Sequential(kb(192, 48, 1), kb(48, 64, 5)),
                     nn.Sequential(kb(192, 64, 1), kb(64, 96, 3), kb(96, 96, 3)), AvgPoolBranch(kb(192, 64, 1), False))]
    layers += [block35() for _ in range(10)]
    layers.append(Concat(kb(320, 384, 3, 2, valid=True), nn.Sequential(kb(320, 256, 1), kb(256, 256, 3), kb(256, 384, 3, 2, valid=True)),
                         nn.MaxPool2d(3, 2)))
    layers += [block17() for _ in range(20)]
    layers.append(Concat(nn.Sequential(kb(1088, 256, 1), kb(256, 384, 3, 2, valid=True)),
                         nn.Sequential(kb(1088, 256, 1), kb(256, 288, 3, 2, valid=True)),
                         nn.Sequential(kb(1088, 256, 1), kb(256, 288, 3), kb(288, 320, 3, 2, valid=True)),
                         nn.MaxPool2d(3, 2)))
    layers += [block8() for _ in range(9)]
    layers += [block8(1.0, False), kb(2080, 1536, 1), nn.AdaptiveAvgPool2d(1), nn.Flatten()]
    return nn.Sequential(*layers)


# ---------------------------------------------------------------- Xception (Keras)

def bn(c):
    return nn.BatchNorm2d(c, eps=1e-3, momentum=0.01)


def separable(cin, cout):
    return nn.Sequential(nn.Conv2d(cin, cin, 3, 1, 1, groups=cin, bias=False), nn.Conv2d(cin, cout, 1, bias=False))


class SamePaddedMaxPool(nn.Module):
    """MaxPooling2D(3, 2, padding='same'): odd sides padded one each side, even sides one after only."""

    def forward(self, x):
        odd = x.shape[2] % 2 == 1
        return F.max_pool2d(x, 3, 2, 1 if odd else 0, ceil_mode=not odd)


class Residual(nn.Module):
    def __init__(self, body, shortcut=None):
        super().__init__()
        self.body = body
        self.shortcut = shortcut

    def forward(self, x):
        return self.body(x) + (x if self.shortcut is None else self.shortcut(x))


def entry_block(cin, cout, leading_relu):
    body = ([nn.ReLU()] if leading_relu else []) + [separable(cin, cout), bn(cout), nn.ReLU(), separable(cout, cout), bn(cout),
                                                     SamePaddedMaxPool()]
    return Residual(nn.Sequential(*body), nn.Sequential(nn.Conv2d(cin, cout, 1, 2, bias=False), bn(cout)))


def xception():
    k = lambda cin, cout, stride: nn.Sequential(nn.Conv2d(cin, cout, 3, stride, bias=False), bn(cout), nn.ReLU())
    layers = [ResizeUp(71), k(3, 32, 2), k(32, 64, 1), entry_block(64, 128, False), entry_block(128, 256, True), entry_block(256, 728, True)]
    for _ in range(8):
        body = []
        for _ in range(3):
            body += [nn.ReLU(), separable(728, 728), bn(728)]
        layers.append(Residual(nn.Sequential(*body)))
    layers.append(Residual(nn.Sequential(nn.ReLU(), separable(728, 728), bn(728), nn.ReLU(), separable(728, 1024), bn(1024), SamePaddedMaxPool()),
                           nn.Sequential(nn.Conv2d(728, 1024, 1, 2, bias=False), bn(1024))))
    layers += [separable(1024, 1536), bn(1536), nn.ReLU(), separable(1536, 2048), bn(2048), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten()]
    return nn.Sequential(*layers)


# ---------------------------------------------------------------- EfficientNet-B0 (Tan and Le, 2019)

# expand ratio, output channels, repeats, first stride, kernel: Table 1, as EfficientNetB0.java's STAGES
EFFICIENTNET_STAGES = [(1, 16, 1, 1, 3), (6, 24, 2, 2, 3), (6, 40, 2, 2, 5), (6, 80, 3, 2, 3),
                       (6, 112, 3, 1, 5), (6, 192, 4, 2, 5), (6, 320, 1, 1, 3)]


def conv_bn(cin, cout, kernel, stride=1, groups=1, act=True):
    layers = [nn.Conv2d(cin, cout, kernel, stride, kernel // 2, groups=groups, bias=False), nn.BatchNorm2d(cout)]
    return nn.Sequential(*(layers + [nn.SiLU()] if act else layers))


class SqueezeExcitation(nn.Module):
    def __init__(self, channels, squeezed):
        super().__init__()
        self.fc1, self.fc2 = nn.Linear(channels, squeezed), nn.Linear(squeezed, channels)

    def forward(self, x):
        s = torch.sigmoid(self.fc2(F.silu(self.fc1(x.mean((2, 3))))))
        return x * s[:, :, None, None]


class MBConv(nn.Module):
    def __init__(self, cin, cout, expand, kernel, stride):
        super().__init__()
        mid = cin * expand
        layers = [conv_bn(cin, mid, 1)] if expand != 1 else []
        layers += [conv_bn(mid, mid, kernel, stride, groups=mid), SqueezeExcitation(mid, max(1, cin // 4)), conv_bn(mid, cout, 1, act=False)]
        self.body = nn.Sequential(*layers)
        self.residual = stride == 1 and cin == cout

    def forward(self, x):
        return x + self.body(x) if self.residual else self.body(x)


def efficientnet_b0(stem="cifar"):
    layers, cin = [conv_bn(3, 32, 3, 1 if stem == "cifar" else 2)], 32
    for expand, cout, repeats, stride, kernel in EFFICIENTNET_STAGES:
        for r in range(repeats):
            layers.append(MBConv(cin, cout, expand, kernel, stride if r == 0 else 1))
            cin = cout
    layers += [conv_bn(cin, 1280, 1), nn.AdaptiveAvgPool2d(1), nn.Flatten()]
    return nn.Sequential(*layers)


BUILDERS = {"inception-v3": inception_v3, "inception-resnet-v2": inception_resnet_v2, "xception": xception,
            "efficientnet-b0": efficientnet_b0}


def build(name, stem="cifar"):
    return efficientnet_b0(stem) if name == "efficientnet-b0" else BUILDERS[name]()


def trainable_parameters(module):
    return sum(p.numel() for p in module.parameters() if p.requires_grad)


def all_parameters(module):
    """Trained weights and batch-norm running statistics: what Keras's model.count_params() counts (a norm
    built with scale=False has no gamma in Keras; here it is a frozen 1, left out)."""
    running = sum(b.numel() for name, b in module.named_buffers() if name.endswith("running_mean") or name.endswith("running_var"))
    return trainable_parameters(module) + running
