#!/bin/sh
# Towards a national year: provinces built from their counties' 报送包, then their packages gathered into one
# national store one province per run, each run timed (GNU time: seconds, peak memory), to show whether a
# run's cost grows with what the national store already holds. For docs/PERFORMANCE.md.
#
#   target/release/planeval-bench data --out DATA --orgs 282 --year 2023 --mistakes 0.05 --seed 42   # three provinces
#   scripts/bench-national.sh DATA WORK            # B=target/release/planeval by default
#
# Prints one tab-separated line per step: step, files, seconds, peak MB.
set -eu
B=${B:-target/release/planeval}
DATA=$1
WORK=$2
AREAS="$DATA/地区表.txt"
rm -rf "$WORK"
mkdir -p "$WORK/county" "$WORK/packages"

timed() {
    step=$1
    files=$2
    shift 2
    /usr/bin/time -f "%e %M" -o "$WORK/.time" "$@" >/dev/null 2>"$WORK/.err" || {
        code=$?
        if [ "$code" -ne 1 ]; then cat "$WORK/.err" >&2; exit "$code"; fi
    }
    read -r secs kb <<EOF
$(tail -n 1 "$WORK/.time")
EOF
    printf '%s\t%s\t%s\t%s\n' "$step" "$files" "$secs" "$((kb / 1024))"
}

# county -> province code, from the areas file (县 rows name their prefecture, 市 rows their province)
awk -F, '$4 == "市" { prov[$1] = $3 } $4 == "县" { print $2, prov[$3] }' "$AREAS" >"$WORK/county-province"

for d in "$DATA"/县*; do
    c=$(basename "$d")
    "$B" --areas "$AREAS" ingest "$d" --store "$WORK/county/$c" --year 2023 --json >/dev/null || [ $? -eq 1 ]
    p=$(awk -v c="$c" '$1 == c { print $2 }' "$WORK/county-province")
    mkdir -p "$WORK/packages/$p"
    "$B" --areas "$AREAS" export --store "$WORK/county/$c" --area "$c" --year 2023 \
        --out "$WORK/packages/$p/$c.pepkg" --json >/dev/null
done

for dir in "$WORK"/packages/*; do
    p=$(basename "$dir")
    n=$(ls "$dir" | wc -l)
    timed "province $p: ingest its counties' packages" "$n" \
        "$B" --areas "$AREAS" ingest "$dir" --store "$WORK/province-$p" --json
    timed "province $p: export its package" 1 \
        "$B" --areas "$AREAS" export --store "$WORK/province-$p" --area "$p" --year 2023 \
        --out "$WORK/province-$p.pepkg" --json
done

k=0
for pkg in "$WORK"/province-*.pepkg; do
    timed "national: ingest province package $((k + 1)) (store holds $k)" 1 \
        "$B" --areas "$AREAS" ingest --package "$pkg" --store "$WORK/national" --json
    k=$((k + 1))
done
for dir in "$WORK"/packages/*; do
    p=$(basename "$dir")
    timed "national: evaluate --area $p --by-area --out" "$(ls "$dir" | wc -l)" \
        "$B" --areas "$AREAS" evaluate --stage annual --year 2023 --store "$WORK/national" \
        --area "$p" --by-area --out "$WORK/out-$p"
done
