#!/usr/bin/env bash
# Side by side, in one run: `bench train` against PyTorch eager (bench/pytorch_train_step.py) on the same
# definitions, the same machine and 2 threads: SimCLR steps (forward, MLP head 128, NT-Xent, backward, Adam)
# on 32 px input. Each row alternates the two sides for ROUNDS rounds of STEPS timed steps after 2 warm-up
# steps, so a machine whose speed drifts slows both alike; the figures are medians over all timed steps.
# Prints a Markdown table. Needs `mvn -B package` first.
#
#   bench/compare_train.sh                      # every encoder the workbench offers, 256 views per step
#   bench/compare_train.sh resnet18-imagenet small-light
#   bench/compare_train.sh inception-v3 inception-resnet-v2 xception   # 64 views per step (resized up to 75/71 px)
#
# PEER_PYTHON picks the peer: by default PyTorch 2.13 from the local wheels in ~/peer (DESIGN.md, "Peers");
# ROUNDS (default 2) and STEPS (default 10) set the sampling.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=target/app/simclr-workbench.jar
peer=${PEER_PYTHON:-$HOME/peer/bin/python}
rounds=${ROUNDS:-2}
steps=${STEPS:-10}
median() { tr ' ,[]' '\n' | grep -E '^[0-9.]+$' | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(resnet18-imagenet resnet18-cifar resnet18-light small-light resnet50-imagenet efficientnet-b0-cifar)
version=$("$peer" -c 'import torch; print(torch.__version__)')
echo "| encoder, stem | views per step | workbench views/s | PyTorch $version views/s | ratio |"
echo "| --- | --- | --- | --- | --- |"
for target in "${targets[@]}"; do
  case "$target" in
    resnet18-imagenet|resnet18-cifar|resnet18-light|small-light|resnet50-imagenet|efficientnet-b0-cifar)
      encoder=${target%-*}; stem=${target##*-}; batch=128 ;;
    inception-v3|inception-resnet-v2|xception)
      encoder=$target; stem=imagenet; batch=32 ;;
    *) echo "unknown target $target: resnet18-imagenet, resnet18-cifar, resnet18-light, small-light, resnet50-imagenet," \
            "efficientnet-b0-cifar, inception-v3, inception-resnet-v2 or xception" >&2; exit 2 ;;
  esac
  ours="" theirs=""
  for _ in $(seq "$rounds"); do
    ours+=" $(java -jar "$jar" bench train --encoder "$encoder" --stem "$stem" --size 32 --batch "$batch" --threads 2 --warmup 2 \
        --steps "$steps" 2> /dev/null | sed -n 's/^step seconds: //p')"
    theirs+=" $("$peer" bench/pytorch_train_step.py --arch "$encoder" --stem "$stem" --size 32 --batch "$batch" --threads 2 --warmup 2 \
        --steps "$steps" | sed -n 's/.*step times //p')"
  done
  a=$(median <<< "$ours")
  b=$(median <<< "$theirs")
  awk -v t="$encoder, $stem" -v n=$((2 * batch)) -v a="$a" -v b="$b" \
      'BEGIN { printf "| %s | %d | %.0f | %.0f | %.2fx |\n", t, n, n / a, n / b, b / a }'
done
