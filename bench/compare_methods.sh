#!/usr/bin/env bash
# One method's kNN against its plain-PyTorch twin on cifar10-subset, one shared small recipe (small
# encoder, MLP head 128, batch 128, 32 px, simclr-cifar augmentations, Adam 2e-3 with a per-step cosine,
# the method's defaults), over three seeds a side; prints each RESULT and the medians.
#   bench/compare_methods.sh byol [EPOCHS=30] [SEEDS="1 2 3"]
# CONFIG=samples/training/cifar-cpu-<method>.json runs that recipe on both sides instead (its optimizer, rate,
# weight decay, batch, head widths, crop scale and method settings; the epochs still come from the argument).
# THREADS (default 2) sets both sides' engine threads: accuracy does not depend on it, so two instances at
# THREADS=1 can share the two cores when only the scores are wanted.
# Needs `mvn -B package` first (or JAR=path/to/simclr-workbench.jar) and PyTorch 2.13 in ~/peer (DESIGN.md, "Peers").
set -euo pipefail
cd "$(dirname "$0")/.."
method=$1; epochs=${2:-30}; seeds=${3:-1 2 3}; threads=${THREADS:-2}
JAR=${JAR:-target/app/simclr-workbench.jar}
script=bench/pytorch_${method//-/_}.py
if [[ -n "${CONFIG:-}" ]]; then
  recipe=(--config "$CONFIG" --time-budget 0); twin=(--config "$CONFIG")
else
  recipe=(--data cifar10 --data-dir ../shared/datasets/cifar10-subset --method "$method" --batch 128 --lr 2e-3); twin=()
fi
ours=(); theirs=(); random=()
for seed in $seeds; do
  out=runs/bench-methods/$method-seed-$seed
  rm -rf "$out"
  r=$(java -jar "$JAR" train "${recipe[@]}" --epochs "$epochs" --seed "$seed" --log-every 10 --threads "$threads" --out "$out" \
      | grep '^RESULT')
  p=$(~/peer/bin/python "$script" "${twin[@]}" --epochs "$epochs" --seed "$seed" --threads "$threads" | grep '^RESULT')
  echo "seed $seed workbench: $r"
  echo "seed $seed pytorch:   $p"
  ours+=("$(sed -E 's/^RESULT knn_top1=([0-9.]+).*/\1/' <<<"$r")")
  random+=("$(sed -E 's/.*random_init_knn_top1=([0-9.]+).*/\1/' <<<"$r")")
  theirs+=("$(sed -E 's/^RESULT knn_top1=([0-9.]+).*/\1/' <<<"$p")")
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
echo "RESULT method=$method epochs=$epochs median_knn=$(median "${ours[@]}") pytorch_median_knn=$(median "${theirs[@]}")" \
     "random_init_median_knn=$(median "${random[@]}")"
