#!/usr/bin/env bash
# Fault injection: what a careful user (or a bad day) does to a run, and what must happen.
# Prints one row per scenario (expected, observed, PASS/FAIL) and exits 1 if any failed.
#
#   mvn -B -q package -DskipTests && bash bench/faults.sh [trials]
#
# Needs the built jar; the disk-full scenario needs root (a 12 MB tmpfs) and is skipped without it.
set -uo pipefail
cd "$(dirname "$0")/.."
JAR=${JAR:-target/app/simclr-workbench.jar}
[ -f "$JAR" ] || { echo "build first: mvn -B -q package -DskipTests"; exit 2; }
TRIALS=${1:-10}
WORK=$(mktemp -d /tmp/simclr-faults.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
APP=(java -Xmx1g -jar "$JAR")
# A small job that takes ~15 s here: 400 shapes, batch 32 (12 steps an epoch), 3 epochs, one engine thread.
JOB_EVAL=(--data shapes --shapes-count 400 --batch 32 --epochs 3 --seed 5 --threads 1 --augment-threads 1)
JOB=("${JOB_EVAL[@]}" --no-eval)
failed=0
rows=()

row() { # scenario expected observed ok
    local status=PASS
    [ "$4" = 1 ] || { status=FAIL; failed=1; }
    rows+=("$(printf '%-46s | %-44s | %-52s | %s' "$1" "$2" "$3" "$status")")
    printf '%-46s %s\n' "$1" "$status" >&2
}

one_line_no_trace() { # file: exactly one non-empty line, no stack trace
    [ "$(grep -c . "$1")" = 1 ] && ! grep -qE 'Exception|^\s+at ' "$1"
}

losses() { cut -d, -f3,4 "$1/metrics.csv" | tail -n +2; }

same_losses() { # run reference: every logged step's loss equal to the uninterrupted run's (6 decimals)
    diff -q <(losses "$1") <(losses "$2") > /dev/null
}

echo "reference run (uninterrupted) …" >&2
start=$(date +%s.%N)
"${APP[@]}" train "${JOB[@]}" --out "$WORK/reference" > "$WORK/reference.log" 2>&1
seconds=$(echo "$(date +%s.%N) - $start" | bc)
ref_rows=$(losses "$WORK/reference" | wc -l)
row "uninterrupted run" "completes, 36 rows" "$(tail -1 "$WORK/reference.log" | cut -c1-40), $ref_rows rows" \
    "$([ "$ref_rows" = 36 ] && grep -q '^completed' "$WORK/reference.log" && echo 1)"

# 1. kill -9 at random moments, then resume: the run completes and matches the reference step for step.
ok=0
for t in $(seq 1 "$TRIALS"); do
    dir="$WORK/kill-$t"
    "${APP[@]}" train "${JOB[@]}" --out "$dir" > "$dir.log" 2>&1 &
    pid=$!
    sleep "$(awk -v s="$seconds" -v r="$RANDOM" 'BEGIN { printf "%.2f", 1 + (s - 2) * r / 32767 }')"
    kill -9 "$pid" 2> /dev/null
    wait "$pid" 2> /dev/null
    if [ -f "$dir/config.json" ]; then
        "${APP[@]}" train --resume "$dir" --no-eval > "$dir.resume.log" 2>&1
        grep -q '^completed' "$dir.resume.log" && same_losses "$dir" "$WORK/reference" && ok=$((ok + 1))
    else
        ok=$((ok + 1)) # killed before the run folder was made: nothing to resume, nothing left behind
    fi
done
row "kill -9 at a random moment, then --resume" "$TRIALS of $TRIALS complete, losses = reference" "$ok of $TRIALS" "$([ $ok = "$TRIALS" ] && echo 1)"

# 2. kill -9 while a checkpoint is being written (its .tmp exists), then resume.
ok=0
for t in $(seq 1 5); do
    dir="$WORK/kill-write-$t"
    "${APP[@]}" train "${JOB[@]}" --out "$dir" > "$dir.log" 2>&1 &
    pid=$!
    for _ in $(seq 1 200000); do
        compgen -G "$dir/checkpoints/.*.tmp" > /dev/null && break
        kill -0 "$pid" 2> /dev/null || break
    done
    kill -9 "$pid" 2> /dev/null
    wait "$pid" 2> /dev/null
    "${APP[@]}" train --resume "$dir" --no-eval > "$dir.resume.log" 2>&1
    if grep -q '^completed' "$dir.resume.log" && same_losses "$dir" "$WORK/reference" \
        && ! compgen -G "$dir/checkpoints/.*.tmp" > /dev/null; then ok=$((ok + 1)); fi
done
row "kill -9 during a checkpoint write" "5 of 5 complete, .tmp removed" "$ok of 5" "$([ $ok = 5 ] && echo 1)"

# 3. The state a kill between the rename and the update of 'latest' leaves: latest names the older one.
dir="$WORK/pointer"
cp -r "$WORK/kill-write-1" "$dir"
newest=$(ls "$dir/checkpoints" | grep ckpt$ | sort | tail -1)
older=$(ls "$dir/checkpoints" | grep ckpt$ | sort | head -1)
echo "$older" > "$dir/checkpoints/latest"
"${APP[@]}" eval "$dir" --probe knn > "$dir.eval.log" 2>&1
row "'latest' one behind (kill after rename)" "eval uses $newest" "$(grep -o 'checkpoint epoch[^,]*' "$dir.eval.log")" \
    "$(grep -q "checkpoint $newest" "$dir.eval.log" && echo 1)"

# 4. A truncated newest checkpoint, then an empty one: readers fall back and say so; none left is one line.
dir="$WORK/truncated"
cp -r "$WORK/reference" "$dir"
newest=$(ls "$dir/checkpoints" | grep ckpt$ | sort | tail -1)
older=$(ls "$dir/checkpoints" | grep ckpt$ | sort | head -1)
truncate -s 1000000 "$dir/checkpoints/$newest"
"${APP[@]}" tsne "$dir" --points 50 --iterations 100 > "$dir.tsne.log" 2>&1
row "truncated newest checkpoint: tsne" "uses $older, says it skipped $newest" "$(grep -o 'warning: using [^;]*; skipped [a-z0-9-]*.ckpt is truncated' "$dir.tsne.log" | cut -c1-52)" \
    "$(grep -q "warning: using $older; skipped $newest is truncated" "$dir.tsne.log" && echo 1)"
: > "$dir/checkpoints/$older"
"${APP[@]}" eval "$dir" > "$dir.eval.out" 2> "$dir.eval.err"
code=$?
row "no checkpoint left: eval" "exit 2, one line naming both" "exit $code, $(cut -c1-40 "$dir.eval.err")" \
    "$([ $code = 2 ] && one_line_no_trace "$dir.eval.err" && grep -q 'is empty' "$dir.eval.err" && grep -q 'is truncated' "$dir.eval.err" && echo 1)"

# 5. Two writers on one run: the second is refused, naming the first; the first completes.
dir="$WORK/two-writers"
"${APP[@]}" train "${JOB[@]}" --out "$dir" > "$dir.first.log" 2>&1 &
first=$!
for _ in $(seq 1 600); do [ -f "$dir/metrics.csv" ] && break; sleep 0.05; done
"${APP[@]}" train --resume "$dir" --no-eval > "$dir.second.out" 2> "$dir.second.err"
code=$?
wait $first
row "a second train --resume of a running run" "exit 2 naming pid $first; first completes" "exit $code, $(grep -o 'pid [0-9]*' "$dir.second.err"), first: $(tail -1 "$dir.first.log" | cut -c1-9)" \
    "$([ $code = 2 ] && grep -q "pid $first" "$dir.second.err" && grep -q '^completed' "$dir.first.log" && same_losses "$dir" "$WORK/reference" && echo 1)"

# 6. Ctrl-C: stops at once with a checkpoint and no evaluation; resume completes.
dir="$WORK/ctrl-c"
# Without job control bash starts background commands with SIGINT ignored (and Java keeps it so);
# monitor mode starts this one as a terminal would, so the interrupt below reaches the app.
set -m
"${APP[@]}" train "${JOB_EVAL[@]}" --out "$dir" > "$dir.log" 2>&1 &
pid=$!
set +m
sleep "$(echo "$seconds / 2" | bc -l)"
kill -INT "$pid"
t0=$(date +%s.%N)
wait "$pid"
took=$(echo "$(date +%s.%N) - $t0" | bc -l)
"${APP[@]}" train --resume "$dir" --no-eval > "$dir.resume.log" 2>&1
row "Ctrl-C, then --resume" "stops in < 5 s, no kNN; resume completes" "$(printf '%.1f s, %s' "$took" "$(grep -c kNN "$dir.log") kNN lines")" \
    "$(awk -v t="$took" 'BEGIN{exit !(t < 5)}' && ! grep -q kNN "$dir.log" && grep -q '^completed' "$dir.resume.log" && same_losses "$dir" "$WORK/reference" && echo 1)"

# 7. --max-seconds stops one invocation; a resume without it finishes the run.
dir="$WORK/max-seconds"
"${APP[@]}" train "${JOB[@]}" --max-seconds 3 --out "$dir" > "$dir.log" 2>&1
"${APP[@]}" train --resume "$dir" --no-eval > "$dir.resume.log" 2>&1
row "--max-seconds 3, then --resume" "stopped, then completed" "$(tail -1 "$dir.log" | cut -c1-8), then $(tail -1 "$dir.resume.log" | cut -c1-9)" \
    "$(grep -q '^stopped' "$dir.log" && grep -q '^completed' "$dir.resume.log" && same_losses "$dir" "$WORK/reference" && echo 1)"

# 8. Damaged config.json: every command that reads it says which file and what, in one line.
dir="$WORK/config"
cp -r "$WORK/reference" "$dir"
ok=0
for broken in '{ "data": ' '' '[1, 2]' "$(sed 's/"batchSize": 32/"batchSize": "32x"/' "$WORK/reference/config.json")"; do
    printf '%s' "$broken" > "$dir/config.json"
    for cmd in "train --resume $dir" "eval $dir" "tsne $dir" "report $dir"; do
        "${APP[@]}" $cmd > /dev/null 2> "$dir.err"
        code=$?
        [ $code = 2 ] && one_line_no_trace "$dir.err" && grep -q "$dir/config.json" "$dir.err" && ok=$((ok + 1))
    done
done
row "damaged config.json x 4 commands" "16 of 16: exit 2, one line naming it" "$ok of 16" "$([ $ok = 16 ] && echo 1)"

# 9. Bad values for options: refused in one line, nothing written.
ok=0
total=0
for bad in "--image-size -5" "--image-size 5000" "--batch 1" "--batch 100000" "--batch 1000" "--epochs 0" "--temperature 0" \
    "--temperature -1" "--lr -1" "--warmup-epochs 9" "--decay-epochs -2" "--device tpu" "--threads -1" "--log-every 0" \
    "--max-seconds -1" "--time-budget -1" "--knn-k -3" "--knn-temperature 0" "--head-dim 1" "--encoder resnet19" "--optimizer rmsprop" \
    "--preset strong" "--method byol2" "--data cifar10 --data-dir $WORK/nowhere" "--augmentations $WORK/nothing.json"; do
    total=$((total + 1))
    out="$WORK/bad-$total"
    # shellcheck disable=SC2086
    epochs=(--epochs 3); [[ $bad == --epochs* ]] && epochs=()
    "${APP[@]}" train --shapes-count 400 "${epochs[@]}" $bad --out "$out" > /dev/null 2> "$out.err"
    code=$?
    [ $code = 2 ] && one_line_no_trace "$out.err" && [ ! -e "$out" ] && ok=$((ok + 1)) || echo "  refused badly: $bad: $(head -2 "$out.err")" >&2
done
row "bad option values (train)" "$total of $total: exit 2, one line, no folder" "$ok of $total" "$([ $ok = "$total" ] && echo 1)"

# 10. A read-only metrics.csv is not silently replaced.
dir="$WORK/read-only"
cp -r "$WORK/kill-write-2" "$dir"
rm -f "$dir"/checkpoints/epoch-0003*
chmod a-w "$dir/metrics.csv"
"${APP[@]}" train --resume "$dir" --no-eval > "$dir.log" 2>&1
mode=$(stat -c %a "$dir/metrics.csv")
row "read-only metrics.csv, then --resume" "fails naming it; file stays read-only" "mode $mode; $(grep -o 'metrics.csv is read-only' "$dir.log" | head -1)" \
    "$(grep -q 'metrics.csv is read-only' "$dir.log" && [ "${mode:1:1}" != 6 ] && [ "${mode:0:1}" != 6 ] && echo 1)"

# 11. Disk full: the message names the file; nothing is left half-written.
if [ "$(id -u)" = 0 ] && mkdir -p "$WORK/full" && mount -t tmpfs -o size=12m tmpfs "$WORK/full" 2> /dev/null; then
    "${APP[@]}" train "${JOB[@]}" --out "$WORK/full/run" > "$WORK/full.out" 2> "$WORK/full.err"
    code=$?
    leftovers=$(find "$WORK/full/run" -name '*.tmp' | wc -l)
    row "disk full (12 MB tmpfs; a checkpoint is 16 MB)" "exit 1 naming the checkpoint; no .tmp" "exit $code, $(grep -o 'epoch-[0-9a-z-]*.ckpt could not be written' "$WORK/full.err" | head -1), $leftovers .tmp" \
        "$([ $code = 1 ] && grep -q 'ckpt could not be written (No space left on device)' "$WORK/full.err" && [ "$leftovers" = 0 ] && echo 1)"
    umount "$WORK/full"
else
    rows+=("$(printf '%-46s | %-44s | %-52s | %s' "disk full" "(needs root to mount a tmpfs)" "skipped" "SKIP")")
fi

echo
printf '%-46s | %-44s | %-52s | %s\n' "scenario" "expected" "observed" "result"
printf '%s\n' "${rows[@]}"
exit $failed
