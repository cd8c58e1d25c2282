#!/bin/sh
# bench/run.sh BIN [MB]: the benchmark behind `make bench` (see bench/README.md).
#
# Generates (or reuses) a corpus of MB x 1,000,000 bytes of synthetic reports
# in bench/out/corpus/, then in the same run times
#   1. `BIN add -q` of the whole corpus into a fresh database (one process);
#   2. the sqlite3 shell loading the very sentences dossier stored into a
#      plain FTS5 table with the same tokenizer, in one transaction: the
#      storage floor;
# each BENCH_REPS times (default 3, alternating, fresh database each time),
# and reports median throughput, peak RSS and the ratio of the two.
# Figures go to stdout and, as key=value lines, to bench/out/result.txt.
#
# Then bench/places.sh times place recognition with the world gazetteer
# beside grep -F (see there) on BENCH_PLACES_MB of news text (default: MB,
# at most 50), and bench/times.sh times date and figure recognition beside
# chrono-node (see there) on BENCH_TIMES_MB of news sentences (default: MB,
# at most 20).
#
# Then bench/link.sh links generated sets of 100k, 300k and 1M claims, and
# last bench/serve.sh measures the web API over a register of 100k+
# incidents with wrk.
#
# Environment: BENCH_REPS (default 3; lowered to 1 when 3 would not fit in
# BENCH_BUDGET seconds, default 540), BENCH_KB (file size, default 100),
# BENCH_ONLY (add, places, times, extract, link, pg or serve: run just that
# benchmark),
# BENCH_LINK_SIZES,
# BENCH_PLACES_MB, BENCH_TIMES_MB.
set -eu

usage() { echo "usage: sh bench/run.sh BIN [MB]" >&2; exit 2; }
if [ $# -lt 1 ] || [ $# -gt 2 ]; then usage; fi
BIN=$1
MB=${2:-200}
REPS=${BENCH_REPS:-3}
BUDGET=${BENCH_BUDGET:-540}
KB=${BENCH_KB:-100}
AIM_RATIO=0.7
RSS_LIMIT_MB=300

case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

die() { echo "bench: $*" >&2; exit 1; }
[ -x "$BIN" ] || die "$BIN: no such program (build it first: make all)"
command -v sqlite3 >/dev/null 2>&1 || die "the sqlite3 shell is missing (Debian package sqlite3)"
/usr/bin/time -f '%e %M' true 2>/dev/null >/dev/null ||
    die "/usr/bin/time is not GNU time (Debian package time)"
case $MB in ''|*[!0-9.]*) die "MB must be a number, not '$MB'" ;; esac
case $REPS in ''|*[!0-9]*|0) die "BENCH_REPS must be a positive integer" ;; esac

PLACES_MB=${BENCH_PLACES_MB:-$(awk -v m="$MB" 'BEGIN {print (m > 50) ? 50 : m}')}
TIMES_MB=${BENCH_TIMES_MB:-$(awk -v m="$MB" 'BEGIN {print (m > 20) ? 20 : m}')}
case ${BENCH_ONLY:-} in
    '') ;;
    add) ;;
    places) exec sh bench/places.sh "$BIN" "$PLACES_MB" ;;
    times) exec sh bench/times.sh "$BIN" "$TIMES_MB" ;;
    extract) exec sh bench/extract.sh "$BIN" ;; # its size is EXTRACT_MB (default 500), not MB
    link) exec sh bench/link.sh "$BIN" ;; # its sizes are BENCH_LINK_SIZES, not MB
    pg) exec sh bench/pg.sh "$BIN" ;; # its size is BENCH_PG_MB (default 20), not MB
    serve) exec sh bench/serve.sh "$BIN" ;; # its size is BENCH_SERVE_EVENTS, not MB
    *) die "BENCH_ONLY must be add, places, times, extract, link, pg or serve, not '$BENCH_ONLY'" ;;
esac

OUT=bench/out
CORPUS=$OUT/corpus
DB=$OUT/bench.db
SENT=$OUT/sentences.db
FLOORDB=$OUT/floor.db
RESULT=$OUT/result.txt
mkdir -p "$OUT"

# --- corpus -------------------------------------------------------------
GEN=$OUT/gencorpus
${CC:-cc} -std=c17 -O2 -Wall -Wextra -Werror -o "$GEN" bench/gencorpus.c
stamp="mb=$MB kb=$KB gen=$(cat bench/gencorpus.c bench/gen.h | cksum)"
if [ -f "$CORPUS/.stamp" ] && [ "$(cat "$CORPUS/.stamp")" = "$stamp" ]; then
    echo "bench: reusing the corpus in $CORPUS"
else
    echo "bench: generating a corpus of $MB MB in $CORPUS"
    rm -rf "$CORPUS"
    mkdir -p "$CORPUS"
    "$GEN" "$CORPUS" "$MB" "$KB" >/dev/null
    echo "$stamp" > "$CORPUS/.stamp"
fi
files=$(find "$CORPUS" -name '*.txt' | wc -l)
bytes=$(find "$CORPUS" -name '*.txt' -printf '%s\n' | awk '{s += $1} END {printf "%d", s}')
corpus_mb=$(awk -v b="$bytes" 'BEGIN {printf "%.2f", b / 1e6}')

# All files go to ONE dossier process.  The glob is used when the argument
# list fits comfortably; otherwise a manifest that names every file.
argmax=$(getconf ARG_MAX 2>/dev/null || echo 131072)
arglen=$(( files * (${#CORPUS} + 12) ))
if [ "$arglen" -lt $(( argmax / 2 )) ]; then
    use_manifest=0
else
    use_manifest=1
    { echo file; find "$CORPUS" -name '*.txt' -printf '%f\n' | sort; } > "$CORPUS/manifest.csv"
fi

fresh() { rm -f "$1" "$1-wal" "$1-shm" "$1-journal"; }

# Runs the command under GNU time; sets `secs` (elapsed), `cpu` (user +
# system seconds) and `rss_kb`.
timed() {
    if ! /usr/bin/time -f '%e %M %U %S' -o "$OUT/time.txt" "$@" > "$OUT/log.txt" 2>&1; then
        echo "bench: failed: $*" >&2
        tail -n 20 "$OUT/log.txt" >&2
        exit 1
    fi
    secs=$(tail -n 1 "$OUT/time.txt" | cut -d' ' -f1)
    rss_kb=$(tail -n 1 "$OUT/time.txt" | cut -d' ' -f2)
    cpu=$(tail -n 1 "$OUT/time.txt" | awk '{printf "%.2f", $3 + $4}')
}

run_dossier() {
    fresh "$DB"
    if [ "$use_manifest" = 1 ]; then
        timed "$BIN" --db "$DB" add -q --manifest "$CORPUS/manifest.csv"
    else
        # shellcheck disable=SC2086
        timed "$BIN" --db "$DB" add -q $CORPUS/*.txt
    fi
    d_secs="$d_secs $secs"
    d_cpu="$d_cpu $cpu"
    d_rss="$d_rss $rss_kb"
}

# The floor: the fastest way the sqlite3 shell has to put the sentences
# into an FTS5 table, one INSERT ... SELECT from an attached database in one
# transaction (no text parsing; .import of a CSV was measured slower).
cat > "$OUT/floor.sql" <<EOF
PRAGMA journal_mode=WAL;
PRAGMA synchronous=NORMAL;
CREATE VIRTUAL TABLE f USING fts5(text, tokenize='unicode61 remove_diacritics 2');
ATTACH '$SENT' AS s;
BEGIN;
INSERT INTO f(text) SELECT text FROM s.s ORDER BY rowid;
COMMIT;
EOF

run_floor() {
    fresh "$FLOORDB"
    timed sqlite3 "$FLOORDB" ".read $OUT/floor.sql"
    f_secs="$f_secs $secs"
    f_cpu="$f_cpu $cpu"
    f_rss="$f_rss $rss_kb"
}

# The sentences exactly as dossier stored them, into a database file (no
# quoting issues with quotes, commas or newlines).  Not timed.
extract() {
    fresh "$SENT"
    sqlite3 "$SENT" "ATTACH '$DB' AS d; CREATE TABLE s(text TEXT);
                     INSERT INTO s SELECT text FROM d.sentence_text ORDER BY id;"
    documents=$(sqlite3 "$DB" "SELECT count(*) FROM document")
    sentences=$(sqlite3 "$DB" "SELECT count(*) FROM sentence")
    extracted=$(sqlite3 "$SENT" "SELECT count(*) FROM s")
    [ "$documents" = "$files" ] ||
        die "dossier stored $documents documents of $files files"
    [ "$extracted" = "$sentences" ] || die "extracted $extracted of $sentences sentences"
}

median() { echo "$1" | tr -s ' ' '\n' | grep . | sort -n | awk '{v[NR] = $1} END {
    if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
maximum() { echo "$1" | tr -s ' ' '\n' | grep . | sort -n | tail -n 1; }
calc() { awk "BEGIN {printf \"$1\", $2}"; }

echo "bench: $files files, $corpus_mb MB; $REPS repetition(s) of each timed step"
started=$(date +%s)
load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')
d_secs='' d_cpu='' d_rss='' f_secs='' f_cpu='' f_rss=''
reps_note=""
i=1
while [ "$i" -le "$REPS" ]; do
    run_dossier
    [ "$i" = 1 ] && extract
    run_floor
    last_d=$(echo "$d_secs" | awk '{print $NF}')
    last_f=$(echo "$f_secs" | awk '{print $NF}')
    echo "bench: run $i: dossier add ${last_d}s, sqlite3 floor ${last_f}s"
    if [ "$i" = 1 ] && [ "$REPS" -gt 1 ]; then
        spent=$(( $(date +%s) - started ))
        per_rep=$(awk -v a="$last_d" -v b="$last_f" 'BEGIN {printf "%d", a + b + 1}')
        if [ $(( spent + (REPS - 1) * per_rep )) -gt "$BUDGET" ]; then
            reps_note="reduced from $REPS to 1 repetition: $REPS would exceed ${BUDGET}s"
            echo "bench: $reps_note"
            REPS=1
        fi
    fi
    i=$(( i + 1 ))
done

load_after=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')
d_med=$(median "$d_secs")
f_med=$(median "$f_secs")
d_cpu_med=$(median "$d_cpu")
f_cpu_med=$(median "$f_cpu")
# GNU time has 10 ms resolution; a tiny corpus must not divide by zero.
nonzero() { calc %s "($1 > 0) ? \"$1\" : \"0.01\""; }
d_med=$(nonzero "$d_med") f_med=$(nonzero "$f_med")
d_cpu_med=$(nonzero "$d_cpu_med") f_cpu_med=$(nonzero "$f_cpu_med")
d_rss_max=$(maximum "$d_rss")
f_rss_max=$(maximum "$f_rss")

# MB is 10^6 bytes everywhere, RSS included (GNU time reports KiB).
d_mbs=$(calc %.2f "$bytes / 1e6 / $d_med")
f_mbs=$(calc %.2f "$bytes / 1e6 / $f_med")
ratio=$(calc %.3f "$f_med / $d_med")
cpu_ratio=$(calc %.3f "$f_cpu_med / $d_cpu_med")
d_rss_mb=$(calc %.1f "$d_rss_max * 1024 / 1e6")
f_rss_mb=$(calc %.1f "$f_rss_max * 1024 / 1e6")
ratio_ok=$(calc %s "($ratio >= $AIM_RATIO) ? \"yes\" : \"no\"")
rss_ok=$(calc %s "($d_rss_mb < $RSS_LIMIT_MB) ? \"yes\" : \"no\"")
d_runs=${d_secs# }
f_runs=${f_secs# }
now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
cores=$(nproc 2>/dev/null || echo 0)
sqlite_version=$(sqlite3 --version | cut -d' ' -f1)

cat <<EOF

dossier bench, $now, $cores cores, sqlite $sqlite_version
  corpus       $corpus_mb MB in $files files; $documents documents, $sentences sentences
  repetitions  $REPS (median time, highest peak RSS)${reps_note:+; $reps_note}
  dossier add  $(printf '%7.2f' "$d_med") s  $(printf '%7.2f' "$d_mbs") MB/s  peak RSS $(printf '%6.1f' "$d_rss_mb") MB   (runs: $d_runs s)
  sqlite3 floor$(printf '%7.2f' "$f_med") s  $(printf '%7.2f' "$f_mbs") MB/s  peak RSS $(printf '%6.1f' "$f_rss_mb") MB   (runs: $f_runs s)
  ratio        $ratio of the floor (aim >= $AIM_RATIO: $ratio_ok)
  CPU time     dossier $d_cpu_med s, floor $f_cpu_med s (user + system): ratio $cpu_ratio
  peak RSS     $d_rss_mb MB (aim < $RSS_LIMIT_MB MB: $rss_ok)
  load average $load_before before, $load_after after (other work on the machine skews both timings)
EOF

cat > "$RESULT" <<EOF
date=$now
cores=$cores
sqlite_version=$sqlite_version
corpus_bytes=$bytes
corpus_mb=$corpus_mb
files=$files
documents=$documents
sentences=$sentences
repetitions=$REPS
repetitions_note="$reps_note"
dossier_seconds=$d_med
dossier_seconds_runs="$d_runs"
dossier_mb_per_s=$d_mbs
dossier_cpu_seconds=$d_cpu_med
dossier_peak_rss_mb=$d_rss_mb
floor_seconds=$f_med
floor_seconds_runs="$f_runs"
floor_mb_per_s=$f_mbs
floor_cpu_seconds=$f_cpu_med
floor_peak_rss_mb=$f_rss_mb
ratio=$ratio
ratio_aim=$AIM_RATIO
ratio_ok=$ratio_ok
cpu_ratio=$cpu_ratio
rss_limit_mb=$RSS_LIMIT_MB
rss_ok=$rss_ok
load_before="$load_before"
load_after="$load_after"
EOF
echo "bench: written $RESULT"

if [ "${BENCH_ONLY:-}" != add ]; then
    echo
    sh bench/places.sh "$BIN" "$PLACES_MB"
    echo
    sh bench/times.sh "$BIN" "$TIMES_MB"
    echo
    sh bench/extract.sh "$BIN"
    echo
    sh bench/link.sh "$BIN"
    echo
    sh bench/serve.sh "$BIN"
fi
