#!/bin/sh
# bench/places_pairs.sh OLD_BENCH OLD_DATA NEW_BENCH NEW_DATA [PAIRS]: times
# two builds of bench/places_bench over the place benchmark's corpus
# (bench/out/places/news.txt, which `sh bench/places.sh BIN` leaves), in
# PAIRS alternated pairs in each order (default 8), each build with its own
# data folder and gazetteer, and prints the medians of MB/s per CPU second
# and how often the new build was faster.  On a shared machine whose speed
# moves by the hour, only such pairs tell two builds apart (bench/README.md).
# Give both the same folder when they read the same index version: two
# byte-identical copies of the index ran 7% apart (a copy made by cp lies on
# small pages, the file the builder wrote on huge pages), which a
# comparison with a copy for each build measures as well.
set -eu
usage() { echo "usage: sh bench/places_pairs.sh OLD_BENCH OLD_DATA NEW_BENCH NEW_DATA [PAIRS]" >&2; exit 2; }
[ $# -ge 4 ] && [ $# -le 5 ] || usage
PAIRS=${5:-8}
case $PAIRS in ''|*[!0-9]*|0) usage ;; esac
CORPUS=bench/out/places/news.txt
[ -f "$CORPUS" ] || { echo "places_pairs: $CORPUS is missing; run sh bench/places.sh build/dossier first" >&2; exit 1; }
for b in "$1" "$3"; do [ -x "$b" ] || { echo "places_pairs: $b: no such program" >&2; exit 1; }; done
for d in "$2" "$4"; do [ -f "$d/gazetteer.dsg" ] || { echo "places_pairs: $d/gazetteer.dsg is missing" >&2; exit 1; }; done
one() { DOSSIER_DATA=$2 "$1" --opens 1 --gazetteer "$2/gazetteer.dsg" "$CORPUS" | sed -n 's/^mb_per_cpu_s=//p'; }
OUT=$(mktemp)
trap 'rm -f "$OUT"' EXIT
i=0
while [ $i -lt "$PAIRS" ]; do
    a=$(one "$1" "$2"); b=$(one "$3" "$4"); echo "$a $b" >> "$OUT"  # old first
    b=$(one "$3" "$4"); a=$(one "$1" "$2"); echo "$a $b" >> "$OUT"  # new first
    i=$((i + 1))
done
awk '{ o[NR] = $1; n[NR] = $2; if ($2 > $1) f++ }
     function median(v, k,   i, j, t) {
         for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
         return k % 2 ? v[(k + 1) / 2] : (v[k / 2] + v[k / 2 + 1]) / 2
     }
     END { mo = median(o, NR); mn = median(n, NR)
           printf "old %.2f MB/s per CPU second, new %.2f (%+.1f%%), new faster in %d of %d pairs\n", mo, mn, 100 * (mn / mo - 1), f, NR }' "$OUT"
