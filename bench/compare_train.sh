#!/usr/bin/env bash
# Side by side, in one run: `bench train` against PyTorch eager (Debian's python3-torch) on the same
# model, 2 threads, 32 px, 256 views per step. Needs `mvn -B package` first.
set -euo pipefail
cd "$(dirname "$0")/.."
for stem in imagenet cifar; do
  steps=10; [ "$stem" = cifar ] && steps=3
  ours=$(java -jar target/app/simclr-workbench.jar bench train --encoder resnet18 --stem "$stem" --size 32 --batch 128 --threads 2 --steps "$steps" | grep '^RESULT')
  theirs=$(/usr/bin/python3 bench/pytorch_train_step.py --arch resnet18 --stem "$stem" --size 32 --batch 128 --threads 2 --steps "$steps" | grep '^RESULT')
  a=$(sed -E 's/.*views_per_s=([0-9]+).*/\1/' <<<"$ours")
  b=$(sed -E 's/.*views_per_s=([0-9]+).*/\1/' <<<"$theirs")
  echo "resnet18 $stem stem: workbench $a views/s ($ours), pytorch $b views/s, ratio $(awk "BEGIN{printf \"%.2f\", $a/$b}")x"
done
