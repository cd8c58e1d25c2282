#!/bin/sh
# bench/places_instructions.sh [BYTES]: the instructions that place
# recognition takes inside ds_places_find on the first BYTES (default
# 3,000,000) of the place benchmark's news corpus, counted by
# valgrind's callgrind.  Unlike time, the count does not move with the
# machine's load, so two builds are compared by it (bench/README.md, "Where
# the time went").  Needs the places_bench and corpus that
# `sh bench/places.sh BIN` leaves in bench/out/places/, and valgrind.
set -eu
BYTES=${1:-3000000}
OUT=bench/out/places
PB=$OUT/places_bench
[ -x "$PB" ] && [ -f "$OUT/news.txt" ] ||
    { echo "places_instructions: run sh bench/places.sh build/dossier first" >&2; exit 1; }
command -v valgrind >/dev/null 2>&1 ||
    { echo "places_instructions: valgrind is missing (apt install valgrind)" >&2; exit 1; }
SLICE=$OUT/slice.txt
head -c "$BYTES" "$OUT/news.txt" > "$SLICE"
DOSSIER_DATA=${DOSSIER_DATA:-data} valgrind --tool=callgrind --callgrind-out-file="$OUT/callgrind.out" \
    --toggle-collect=ds_places_find "$PB" --opens 1 "$SLICE" > /dev/null 2> "$OUT/callgrind.err" ||
    { echo "places_instructions: valgrind failed; see $OUT/callgrind.err" >&2; exit 1; }
n=$(sed -n 's/.*Collected : *\([0-9]*\).*/\1/p' "$OUT/callgrind.err")
echo "instructions in ds_places_find on the first $BYTES bytes: $n ($(awk -v n="$n" -v b="$BYTES" 'BEGIN { printf "%.1f", n / b }') a byte)"
