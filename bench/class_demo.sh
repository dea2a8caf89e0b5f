#!/usr/bin/env bash
# The classroom story timed through the window, as a teacher does it: a cold start of the app, the Start
# page's "Run the class demo", then the Train screen's "Map this run" once the kNN score is in; prints the
# seconds to each step and leaves timed screenshots in OUT (default /tmp/class-demo).
#
#   mvn -B -q package -DskipTests && bash bench/class_demo.sh [OUT]
#
# Clicks by position on a 1366x768 Xvfb screen at 100 % zoom. Needs xvfb, xdotool and imagemagick.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-/tmp/class-demo}
JAR=${JAR:-target/app/simclr-workbench.jar}
RUNS=$(mktemp -d)
mkdir -p "$OUT"
rm -f "$OUT"/*.png
Xvfb :95 -screen 0 1366x768x24 -nolisten tcp > /dev/null 2>&1 &
XVFB=$!
trap 'kill $APP $XVFB 2> /dev/null || true' EXIT
export DISPLAY=:95
sleep 1
t0=$(date +%s.%N)
since() { echo "$(date +%s.%N) - $t0" | bc | cut -c1-6; }
java -Dsimclr.workbench.prefs="simclr/class-demo/$$" -Dsimclr.workbench.runs="$RUNS" -jar "$JAR" > "$OUT/app.log" 2>&1 &
APP=$!
xdotool search --sync --name "SimCLR Workbench" > /dev/null
sleep 2
echo "window shown            $(since) s"
xdotool mousemove 1224 170 click 1   # Start page: "Run the class demo"
until ls "$RUNS"/*/eval.json > /dev/null 2>&1; do
    sleep 1
    kill -0 $APP 2> /dev/null || { echo "the app ended; see $OUT/app.log"; exit 1; }
done
echo "trained and scored      $(since) s ($(grep -ho '"knnTop1": [0-9.]*' "$RUNS"/*/eval.json | head -1))"
awk -F, 'NR > 1 { print $14 }' "$RUNS"/*/metrics.csv | sort -n | awk '{ v[NR] = $1 } END { print "median views/s per step " v[int((NR + 1) / 2)] }'
sleep 2
import -window root "$OUT/train-done.png"
xdotool mousemove 765 634 click 1    # Train screen: "Map this run"
for i in $(seq 1 10); do
    sleep 1
    import -window root "$OUT/map-$(since | cut -d. -f1).png"
done
echo "screenshots in $OUT: the first map-*.png whose status line reads 't-SNE of … points' is the first map"
