#!/usr/bin/env bash
# End to end, in one run: the CPU recipe (samples/training/cifar-cpu.json) trained by `train` against the same
# recipe in PyTorch with a DataLoader of 2 worker processes making the views (bench/pytorch_simclr_e2e.py),
# same data (../shared/datasets/cifar10-subset), same machine. The sides alternate seed by seed, so a machine
# whose speed drifts slows both alike; prints every epoch's seconds, the median seconds per epoch of each side
# and their ratio, and with EVAL=1 each side's kNN after the same epochs (medians over the seeds).
#
#   bench/compare_e2e.sh [EPOCHS=3] [SEEDS="1 2 3"]          # timing only
#   EVAL=1 bench/compare_e2e.sh 30 "1 2 3"                   # timing and kNN at equal epochs
#
# Needs `mvn -B package` first (or JAR=…) and PyTorch 2.13 in ~/peer (PEER_PYTHON=… for another; DESIGN.md, "Peers").
set -euo pipefail
cd "$(dirname "$0")/.."
epochs=${1:-3}; seeds=${2:-1 2 3}
JAR=${JAR:-target/app/simclr-workbench.jar}
peer=${PEER_PYTHON:-$HOME/peer/bin/python}
eval_flag=--no-eval; [ "${EVAL:-0}" = 1 ] && eval_flag=
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
ours_s=(); theirs_s=(); ours_knn=(); theirs_knn=()
for seed in $seeds; do
  out=runs/bench-e2e/seed-$seed
  rm -rf "$out"
  # --time-budget 0: the recipe's 900 s budget would end a slowed run before its epochs, and the kNN would then compare
  # unequal epochs.
  log=$(java -Dai.djl.offline=true -jar "$JAR" train --config samples/training/cifar-cpu.json --epochs "$epochs" --time-budget 0 \
      --seed "$seed" $eval_flag --out "$out" 2>/dev/null)
  mapfile -t s < <(sed -n -E 's/^epoch [0-9]+: .* in ([0-9.]+) s,.*/\1/p' <<<"$log")
  echo "seed $seed workbench epoch seconds: ${s[*]}"
  ours_s+=("${s[@]}")
  [ -n "$eval_flag" ] || ours_knn+=("$(sed -n -E 's/^RESULT knn_top1=([0-9.]+).*/\1/p' <<<"$log")")
  log=$("$peer" bench/pytorch_simclr_e2e.py --epochs "$epochs" --seed "$seed" $eval_flag 2>/dev/null)
  mapfile -t s < <(sed -n -E 's/^epoch [0-9]+: .* in ([0-9.]+) s,.*/\1/p' <<<"$log")
  echo "seed $seed pytorch   epoch seconds: ${s[*]}"
  theirs_s+=("${s[@]}")
  [ -n "$eval_flag" ] || theirs_knn+=("$(sed -n -E 's/^RESULT knn_top1=([0-9.]+).*/\1/p' <<<"$log")")
done
a=$(median "${ours_s[@]}"); b=$(median "${theirs_s[@]}")
version=$("$peer" -c 'import torch; print(torch.__version__)')
line=$(awk -v a="$a" -v b="$b" 'BEGIN { printf "workbench_epoch_seconds=%.2f pytorch_epoch_seconds=%.2f speedup=%.2fx", a, b, b / a }')
if [ -z "$eval_flag" ]; then
  line+=" workbench_median_knn=$(median "${ours_knn[@]}") pytorch_median_knn=$(median "${theirs_knn[@]}")"
fi
echo "RESULT epochs=$epochs seeds=\"$seeds\" $line peer=pytorch-$version"
