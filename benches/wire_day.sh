#!/usr/bin/env bash
# A day's wire: `newsdesk import` of N items (default 10,000) built from ../shared/feeds
# and the corpus — NewsML-G2, NITF, NewsML 1.2 and raw copy mixed — with --jobs 1 and
# --jobs 2, durable writes included. Prints items per second and peak memory (maximum
# resident set size from /usr/bin/time -v); run it with N=1000 too to see that memory does
# not grow with the number of items. Each setting runs twice; the disk is synced before
# each run so one run's write-back does not slow the next.
#
#   cargo build --release && bash benches/wire_day.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-10000}"
bin="${NEWSDESK:-target/release/newsdesk}"
[ -x "$bin" ] || { echo "build first: cargo build --release" >&2; exit 1; }
[ -d ../shared/feeds ] || { echo "!!!!!!!! SKIPPED: ../shared/feeds is not beside this checkout !!!!!!!!"; exit 0; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/in"
mapfile -t sources < <(find ../shared/feeds -name '*.xml' ! -name 'LISTING_24*' | sort; find ../shared/corpus -name '*.txt' | sort)
# Every generated item differs (a number in its headline), as a real day's items do.
i=0
while [ "$i" -lt "$n" ]; do
  for src in "${sources[@]}"; do
    [ "$i" -lt "$n" ] || break
    ext="${src##*.}"
    dst="$(printf '%s/in/%02d/item-%05d.%s' "$work" $((i % 50)) "$i" "$ext")"
    mkdir -p "$(dirname "$dst")"
    if [ "$ext" = xml ]; then
      sed -e "0,/<\(headline\|hl1\|HeadLine\)\([^>]*\)>/s//&$i /" "$src" > "$dst"
    else
      { printf '%s ' "$i"; cat "$src"; } > "$dst"
    fi
    i=$((i + 1))
  done
done
bytes="$(du -sb "$work/in" | cut -f1)"
echo "== $n items ($((bytes / 1024)) KiB) from ${#sources[@]} sources"
for jobs in 1 2 1 2; do
  rm -rf "$work/out"
  # Start each run with the disk quiet: the last run's deletes and write-back flushed.
  sync
  sleep 2
  /usr/bin/time -v "$bin" import "$work/in" --out "$work/out" --jobs "$jobs" \
    >"$work/stdout" 2>"$work/time" || true
  secs="$(grep 'Elapsed (wall clock)' "$work/time" | sed 's/.*: //' | awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }')"
  rss="$(grep 'Maximum resident set size' "$work/time" | awk '{ print $NF }')"
  cpu="$(grep 'Percent of CPU' "$work/time" | awk '{ print $NF }')"
  written="$(find "$work/out" -type f | wc -l)"
  rate="$(awk -v n="$written" -v s="$secs" 'BEGIN { printf "%.0f", n / s }')"
  echo "--jobs $jobs: $written articles in ${secs}s = $rate items/s, peak memory $((rss / 1024)) MB, CPU $cpu"
  tail -1 "$work/stdout"
done
