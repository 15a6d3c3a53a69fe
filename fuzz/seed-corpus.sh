#!/usr/bin/env bash
# Seeds fuzz/corpus/intake from the repository's fixtures (each file prefixed with the byte that picks
# its own extension in fuzz_targets/intake.rs). Run from the repository root.
set -euo pipefail
out=fuzz/corpus/intake
mkdir -p "$out"
i=0
for f in fixtures/returns/* fixtures/bad/* fixtures/hostile/*; do
  case "$f" in
    *.xlsx) b='\x00' ;; *.xls) b='\x01' ;; *.xlsb) b='\x02' ;; *.ods) b='\x03' ;; *.xlsm) b='\x04' ;;
    *) continue ;;
  esac
  { printf "$b"; cat "$f"; } > "$out/seed-$i"
  i=$((i + 1))
done
echo "$i seeds in $out"
