#!/usr/bin/env bash
# Screenshots of every screen as a person sees them: the real window under Xvfb at a laptop's
# 1366x768, light, dark and zoomed three steps (a projector), into OUT (default /tmp/screens).
#
#   mvn -B -q package -DskipTests && bash bench/screenshots.sh [OUT] [RUNS]
#
# RUNS is the runs folder the window opens on (default: a fresh empty one). Needs xvfb, xdotool and
# imagemagick (apt-get install xvfb xdotool imagemagick).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-/tmp/screens}
RUNS=${2:-$(mktemp -d)}
JAR=${JAR:-target/app/simclr-workbench.jar}
mkdir -p "$OUT"
DISPLAY_NUMBER=:97
Xvfb $DISPLAY_NUMBER -screen 0 1366x768x24 -nolisten tcp > /dev/null 2>&1 &
XVFB=$!
trap 'kill $APP $XVFB 2> /dev/null || true' EXIT
export DISPLAY=$DISPLAY_NUMBER
sleep 1
PREFS="simclr/screenshots/$$"
shot() { sleep "${2:-4}"; import -window root "$OUT/$1.png"; }
key() { xdotool search --sync --name "SimCLR Workbench" windowfocus --sync key --clearmodifiers "$@"; }

for theme in light dark zoom; do
    java -Dsimclr.workbench.prefs="$PREFS/$theme" -Dsimclr.workbench.runs="$RUNS" -Djava.awt.headless=false -jar "$JAR" > "$OUT/app-$theme.log" 2>&1 &
    APP=$!
    xdotool search --sync --name "SimCLR Workbench" > /dev/null
    sleep 4
    [ "$theme" = dark ] && key ctrl+d
    if [ "$theme" = zoom ]; then key ctrl+plus ctrl+plus ctrl+plus; fi
    key F1
    shot "$theme-0-start"
    names=(x augmentations train evaluate embeddings temperature study runs)
    for i in 1 2 3 4 5 6 7; do
        key "ctrl+$i"
        shot "$theme-$i-${names[$i]}"
        if [ "$i" = 6 ] && [ "$theme" != zoom ]; then  # the Study screen's other tabs, by their headers at 100 %
            for tab in "503 compare" "631 backbone" "750 map"; do
                xdotool mousemove ${tab% *} 18 click 1
                shot "$theme-6-study-${tab#* }" 2
            done
        fi
    done
    kill $APP
    wait $APP 2> /dev/null || true
done
echo "screenshots in $OUT"
