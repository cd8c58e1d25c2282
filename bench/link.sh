#!/bin/sh
# bench/link.sh BIN: the linking benchmark (bench/README.md, "Linking").
#
# Builds bench/link_bench.c against the libdossier.a beside BIN, then links
# generated sets of BENCH_LINK_SIZES claims (default 100000 300000
# 1000000), one process each, and reports for each the seconds (reading the
# claims and linking them) and the peak RSS, with the growth from the
# smallest set: near-linear growth keeps seconds per claim flat.  Figures
# go to stdout and, as key=value lines, to bench/out/link.txt.
set -eu

[ $# -eq 1 ] || { echo "usage: sh bench/link.sh BIN" >&2; exit 2; }
BIN=$1
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
die() { echo "bench link: $*" >&2; exit 1; }
LIB=$(dirname "$BIN")/libdossier.a
[ -f "$LIB" ] || die "$LIB: no such library (build it first: make all)"
SIZES=${BENCH_LINK_SIZES:-100000 300000 1000000}
AIM_SECONDS=60
AIM_RSS_MB=2000

OUT=bench/out
RESULT=$OUT/link.txt
mkdir -p "$OUT"
PKGS=$(sed -n 's/^PKGS *:= *//p' Makefile)
# shellcheck disable=SC2086
PKG_CFLAGS=$(pkg-config --cflags $PKGS 2>/dev/null || true)
# shellcheck disable=SC2086
PKG_LIBS=$(pkg-config --libs $PKGS 2>/dev/null || true)
LB=$OUT/link_bench
# shellcheck disable=SC2086
${CC:-cc} -std=c17 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wvla -O2 -g \
    -D_GNU_SOURCE -Isrc/core -Isrc $PKG_CFLAGS -o "$LB" bench/link_bench.c "$LIB" \
    $PKG_LIBS -lm
export DOSSIER_DATA="$ROOT/data"

now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')
echo "dossier link bench, $now, $(nproc 2>/dev/null || echo '?') cores"
echo "date=$now" > "$RESULT"
base=''
for n in $SIZES; do
    "$LB" "$n" > "$OUT/link_$n.txt" || die "link_bench $n failed"
    get() { sed -n "s/^$1=//p" "$OUT/link_$n.txt"; }
    secs=$(get seconds) rss=$(get peak_rss_mb) incidents=$(get incidents)
    per=$(awk -v s="$secs" -v n="$n" 'BEGIN {printf "%.2f", s * 1e6 / n}')
    [ -n "$base" ] || base=$per
    growth=$(awk -v p="$per" -v b="$base" 'BEGIN {printf "%.2f", (b > 0) ? p / b : 0}')
    ok=$(awk -v s="$secs" -v r="$rss" -v a="$AIM_SECONDS" -v m="$AIM_RSS_MB" \
        'BEGIN {print (s < a && r < m) ? "yes" : "no"}')
    printf '  %8d claims  %7.2f s  peak RSS %7.1f MB  %6s us/claim (x%s of the smallest)  %d incidents  (aim < %d s, < %d MB: %s)\n' \
        "$n" "$secs" "$rss" "$per" "$growth" "$incidents" "$AIM_SECONDS" "$AIM_RSS_MB" "$ok"
    {
        echo "claims_$n=$n"
        echo "seconds_$n=$secs"
        echo "read_seconds_$n=$(get read_seconds)"
        echo "link_seconds_$n=$(get link_seconds)"
        echo "peak_rss_mb_$n=$rss"
        echo "incidents_$n=$incidents"
        echo "us_per_claim_$n=$per"
        echo "aim_ok_$n=$ok"
    } >> "$RESULT"
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')
echo "  load average $load_before before, $load_after after"
printf 'load_before="%s"\nload_after="%s"\n' "$load_before" "$load_after" >> "$RESULT"
echo "bench link: written $RESULT"
