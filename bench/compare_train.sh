#!/usr/bin/env bash
# Side by side, in one run: `bench train` against PyTorch eager on the same model and machine, 2 threads,
# 32 px. Needs `mvn -B package` first.
#
#   bench/compare_train.sh                                   # ResNet-18, ImageNet and CIFAR stems, 256 views per step
#   bench/compare_train.sh inception-v3 inception-resnet-v2 xception   # the new encoders, 64 views per step
#
# The new encoders run bench/pytorch_encoders.py's definitions (the same layers, the same resize up to
# their smallest input) under PEER_PYTHON, by default PyTorch 2.13 in ~/peer; the ResNet-18 lines use
# Debian's PyTorch 1.13 (/usr/bin/python3), as the README's figures were measured, unless PEER_PYTHON is set.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=target/app/simclr-workbench.jar
peer=${PEER_PYTHON:-$HOME/peer/bin/python}
ratio() {  # name, our RESULT line, their RESULT line, their python
  local a b
  a=$(sed -E 's/.*views_per_s=([0-9]+).*/\1/' <<<"$2")
  b=$(sed -E 's/.*views_per_s=([0-9]+).*/\1/' <<<"$3")
  echo "$1: workbench $a views/s ($2), pytorch $("$4" -c 'import torch; print(torch.__version__)') $b views/s, ratio $(awk "BEGIN{printf \"%.2f\", $a/$b}")x"
}
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(resnet18-imagenet resnet18-cifar)
for target in "${targets[@]}"; do
  case "$target" in
    resnet18-imagenet|resnet18-cifar)
      stem=${target#resnet18-}; steps=10; [ "$stem" = cifar ] && steps=3
      py=${PEER_PYTHON:-/usr/bin/python3}
      ours=$(java -jar "$jar" bench train --encoder resnet18 --stem "$stem" --size 32 --batch 128 --threads 2 --steps "$steps" | grep '^RESULT')
      theirs=$("$py" bench/pytorch_train_step.py --arch resnet18 --stem "$stem" --size 32 --batch 128 --threads 2 --steps "$steps" | grep '^RESULT')
      ratio "resnet18 $stem stem" "$ours" "$theirs" "$py" ;;
    inception-v3|inception-resnet-v2|xception)
      ours=$(java -jar "$jar" bench train --encoder "$target" --size 32 --batch 32 --threads 2 --warmup 2 --steps 5 | grep '^RESULT')
      theirs=$("$peer" bench/pytorch_train_step.py --arch "$target" --size 32 --batch 32 --threads 2 --warmup 2 --steps 5 | grep '^RESULT')
      ratio "$target (32 px resized up)" "$ours" "$theirs" "$peer" ;;
    *) echo "unknown target $target: resnet18-imagenet, resnet18-cifar, inception-v3, inception-resnet-v2 or xception" >&2; exit 2 ;;
  esac
done
