#!/usr/bin/env bash
# Export → PyTorch, checked on every encoder: a short run on the built-in shapes, `export --to pytorch
# --include-head`, `bench features` (64 test images and the workbench's h and z for them), then
# bench/check_export.py loads the file the way the export's JSON says (torchvision's model where it has a
# twin, strict load_state_dict) and prints the largest difference in h and z. Needs `mvn -B package`
# first, and Python with torch, torchvision and safetensors (PY=..., default ~/wt20-venv/bin/python:
# `python3 -m venv --system-site-packages` over Debian's python3-torchvision, plus the safetensors wheel).
set -euo pipefail
cd "$(dirname "$0")/.."
WB=${WB:-java -jar target/app/simclr-workbench.jar}
PY=${PY:-$HOME/wt20-venv/bin/python}
OUT=${OUT:-$(mktemp -d)}
# encoder stem image-size
while read -r encoder stem size; do
  run="$OUT/$encoder-$stem"
  $WB train --data shapes --shapes-count 320 --image-size "$size" --encoder "$encoder" --stem "$stem" --batch 32 --epochs 1 \
      --threads 2 --no-eval --out "$run" > "$run.log" 2>&1
  $WB export "$run" --to pytorch --include-head --out "$run.safetensors" >> "$run.log" 2>&1
  $WB bench features "$run" --images 64 --out "$run-features.safetensors" >> "$run.log" 2>&1
  "$PY" bench/check_export.py "$run.safetensors" "$run-features.safetensors" | grep '^RESULT' | sed "s/\$/ size=$size/"
done <<'CASES'
resnet18 imagenet 64
resnet50 imagenet 64
efficientnet-b0 imagenet 64
resnet18 cifar 32
efficientnet-b0 cifar 32
small light 32
CASES
