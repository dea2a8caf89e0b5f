#!/usr/bin/env bash
# Side by side, in one run: `bench augment` against torchvision's PIL pipeline, per core.
# Needs `mvn -B package` first and Debian's python3-torchvision.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${DATA:-../shared/datasets/cifar10-subset}
for size in 32 96; do
  ours=$(java -jar target/app/simclr-workbench.jar bench augment --size "$size" --threads 1 --data-dir "$DATA" | grep '^RESULT')
  theirs=$(/usr/bin/python3 bench/torchvision_augment.py --size "$size" --data-dir "$DATA" | grep '^RESULT')
  a=$(sed -E 's/.*views_per_s=([0-9]+).*/\1/' <<<"$ours")
  b=$(sed -E 's/.*views_per_s=([0-9]+).*/\1/' <<<"$theirs")
  echo "size $size: workbench $a views/s, torchvision $b views/s, ratio $(awk "BEGIN{printf \"%.1f\", $a/$b}")x"
done
