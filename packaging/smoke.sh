#!/usr/bin/env bash
# Smoke test of the packaged app (after `mvn -B -Pinstaller package`): with HOME pointed at a fresh
# empty folder and, where the kernel allows, no network at all, the app-image's launcher and the
# .deb's launcher (extracted with dpkg -x) each run `info` and a one-epoch `train` on the built-in
# dataset, and their RESULT lines are checked.
set -euo pipefail
cd "$(dirname "$0")/.."
installer=target/installer
deb=$(ls "$installer"/*.deb)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# No network: a new network namespace when we may make one, else the app's own offline mode only.
offline=()
if unshare -rn true 2> /dev/null; then offline=(unshare -rn); fi

check() {
    local name=$1 launcher=$2
    local home="$scratch/home-$name"
    mkdir -p "$home"
    echo "== $name: $launcher (HOME=$home${offline:+, no network})"
    # Java takes user.home from the password database, not $HOME: point it at the fresh folder too.
    export JAVA_TOOL_OPTIONS="-Duser.home=$home"
    HOME="$home" "${offline[@]}" "$launcher" info | tee "$scratch/info-$name.txt"
    grep -q "^RESULT " "$scratch/info-$name.txt" || grep -q "PyTorch" "$scratch/info-$name.txt"
    HOME="$home" "${offline[@]}" "$launcher" train --data shapes --shapes-count 200 --batch 20 --epochs 1 --threads 2 \
        --out "$home/runs/smoke" | tee "$scratch/train-$name.txt"
    grep -Eq "^RESULT knn_top1=[0-9.]+ random_init_knn_top1=[0-9.]+ epochs=1 " "$scratch/train-$name.txt"
    test -d "$home/.djl.ai/pytorch" || { echo "the engine's natives were not extracted under the fresh home"; exit 1; }
    echo "native cache: $(du -sh "$home/.djl.ai" | cut -f1)"
    unset JAVA_TOOL_OPTIONS
}

check app-image "$installer/simclr-workbench/bin/simclr-workbench"
dpkg -x "$deb" "$scratch/deb"
check deb "$scratch/deb/opt/simclr-workbench/bin/simclr-workbench"
echo "deb: $(du -h "$deb" | cut -f1), installed footprint: $(du -sh "$scratch/deb/opt/simclr-workbench" | cut -f1)"
echo "smoke test passed"
