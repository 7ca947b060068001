#!/bin/bash
# The real window opening an article whose lead picture is a 24-megapixel JPEG, under Xvfb
# (README, Pictures): time until the window's title is set (the first frame sets it) and
# VmRSS 1/3/6 s after launch plus VmHWM (peak), against the same article without the
# picture. Needs a release build, Xvfb, xdotool, ImageMagick and bc.
# Usage: benches/pictures_window.sh [runs]   (display :97)
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=$ROOT/target/release/newsdesk
RUNS=${1:-3}
WORK=$(mktemp -d)
mkdir -p "$WORK/pictures"
convert -size 6000x4000 gradient:'#335577-#ddeeff' -attenuate 0.3 +noise Gaussian \
    -quality 85 "$WORK/pictures/big.jpg"
cp "$ROOT/samples/harbor-ferry.ron" "$WORK/a.ron"
sed 's|^    language: "en",$|    language: "en",\n    pictures: [(source: "pictures/big.jpg", caption: "A 24-megapixel lead picture.", credit: "Newsdesk", alt: "A blue gradient with noise", width: 6000, height: 4000)],|' \
    "$WORK/a.ron" > "$WORK/b.ron"
Xvfb :97 -screen 0 1280x800x24 >/dev/null 2>&1 & XVFB=$!
trap 'kill $XVFB' EXIT
sleep 1
export DISPLAY=:97
measure() {
    export NEWSDESK_DATA_DIR
    NEWSDESK_DATA_DIR=$(mktemp -d)
    local name start t pid r1 r3 r6 hwm
    name=$(basename "$1")
    start=$(date +%s.%N)
    "$BIN" "$1" & pid=$!
    until xdotool search --name "$name" >/dev/null 2>&1; do sleep 0.01; done
    t=$(echo "$(date +%s.%N) - $start" | bc)
    sleep 1; r1=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
    sleep 2; r3=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
    sleep 3; r6=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
    hwm=$(awk '/VmHWM/ {print $2}' /proc/$pid/status)
    echo "$name title_after_s=$t rss_1s_kb=$r1 rss_3s_kb=$r3 rss_6s_kb=$r6 hwm_kb=$hwm"
    kill $pid; wait $pid 2>/dev/null || true
}
for _ in $(seq "$RUNS"); do
    measure "$WORK/a.ron"
    measure "$WORK/b.ron"
done
