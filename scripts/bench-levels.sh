#!/bin/sh
# Prefecture and province built from 报送包 and from returns, with the real commands: wall-clock seconds and
# peak memory (GNU time) of each step, for docs/PERFORMANCE.md ("Packages between levels").
#
#   target/release/planeval-bench data --out DATA --orgs 94 --year 2023 --mistakes 0.05 --seed 42
#   scripts/bench-levels.sh DATA WORK            # B=target/release/planeval by default
#
# DATA is a `planeval-bench data` folder (its 地区表.txt places 县001 … in prefectures of 16 under 模拟省); WORK is
# emptied first. Prints one tab-separated line per step: step, files, seconds, peak MB.
set -eu
B=${B:-target/release/planeval}
DATA=$1
WORK=$2
AREAS="$DATA/地区表.txt"
rm -rf "$WORK"
mkdir -p "$WORK/county" "$WORK/packages" "$WORK/packages-prefecture"

# Runs a command under GNU time; prints "step<TAB>files<TAB>seconds<TAB>MB".
timed() {
    step=$1
    files=$2
    shift 2
    /usr/bin/time -f "%e %M" -o "$WORK/.time" "$@" >/dev/null 2>"$WORK/.err" || {
        code=$?
        # exit 1 is "data problems found" (the planted mistakes), not a failure
        if [ "$code" -ne 1 ]; then cat "$WORK/.err" >&2; exit "$code"; fi
    }
    read -r secs kb <<EOF
$(tail -n 1 "$WORK/.time")
EOF
    printf '%s\t%s\t%s\t%s\n' "$step" "$files" "$secs" "$((kb / 1024))"
}

counties=$(ls -d "$DATA"/县* | wc -l)
returns=$(ls "$DATA"/县*/*.xlsx | wc -l)
first_prefecture=$(ls -d "$DATA"/县* | head -16)

# Every county: its own store, then its package (the counties' work, summed).
start=$(date +%s.%N)
for d in "$DATA"/县*; do
    c=$(basename "$d")
    "$B" --areas "$AREAS" ingest "$d" --store "$WORK/county/$c" --year 2023 --json >/dev/null || [ $? -eq 1 ]
done
mid=$(date +%s.%N)
for d in "$DATA"/县*; do
    c=$(basename "$d")
    "$B" --areas "$AREAS" export --store "$WORK/county/$c" --area "$c" --year 2023 \
        --out "$WORK/packages/$c.pepkg" --json >/dev/null
done
end=$(date +%s.%N)
printf 'counties: ingest own returns (sum)\t%s\t%.2f\t\n' "$returns" "$(echo "$mid - $start" | bc)"
printf 'counties: export packages (sum)\t%s\t%.2f\t\n' "$counties" "$(echo "$end - $mid" | bc)"
printf 'package bytes (sum)\t%s\t%s\t\n' "$counties" "$(cat "$WORK"/packages/*.pepkg | wc -c)"

for d in $first_prefecture; do cp "$WORK/packages/$(basename "$d").pepkg" "$WORK/packages-prefecture/"; done

timed "prefecture: ingest 16 packages" 16 \
    "$B" --areas "$AREAS" ingest "$WORK/packages-prefecture" --store "$WORK/pref-pkg" --json
timed "prefecture: ingest packages again (nothing new)" 16 \
    "$B" --areas "$AREAS" ingest "$WORK/packages-prefecture" --store "$WORK/pref-pkg" --json
# shellcheck disable=SC2086 # the 16 county folders, as separate inputs
timed "prefecture: ingest returns" "$(for d in $first_prefecture; do ls "$d"/*.xlsx; done | wc -l)" \
    "$B" --areas "$AREAS" ingest $first_prefecture --store "$WORK/pref-ret" --year 2023 --json
timed "prefecture: evaluate --by-area --out" 16 \
    "$B" --areas "$AREAS" evaluate --stage annual --year 2023 --store "$WORK/pref-pkg" \
    --area 模拟市01 --by-area --out "$WORK/out-pref"
timed "province: ingest $counties packages" "$counties" \
    "$B" --areas "$AREAS" ingest "$WORK/packages" --store "$WORK/prov-pkg" --json
timed "province: ingest returns" "$returns" \
    "$B" --areas "$AREAS" ingest "$DATA" --store "$WORK/prov-ret" --year 2023 --json
timed "province: evaluate --area 模拟省 (rollup)" "$counties" \
    "$B" --areas "$AREAS" evaluate --stage annual --year 2023 --store "$WORK/prov-pkg" --area 模拟省 --json
timed "province: evaluate --by-area --out" "$counties" \
    "$B" --areas "$AREAS" evaluate --stage annual --year 2023 --store "$WORK/prov-pkg" \
    --area 模拟省 --by-area --out "$WORK/out-prov"
timed "province: export its package" 1 \
    "$B" --areas "$AREAS" export --store "$WORK/prov-pkg" --area 模拟省 --year 2023 \
    --out "$WORK/province.pepkg" --json
