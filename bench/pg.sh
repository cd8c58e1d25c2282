#!/bin/sh
# bench/pg.sh BIN: `dossier add` into PostgreSQL with 1, 2 and 4 concurrent
# workers, beside one writer into a SQLite file, in the same run
# (docs/postgres.md; bench/README.md, "PostgreSQL").
#
# Generates a corpus of BENCH_PG_MB megabytes (default 20) with
# bench/gencorpus.c, starts a throwaway PostgreSQL 15 cluster on a unix
# socket in a temporary directory (as nobody when run as root; PostgreSQL
# refuses root), and times `dossier add -q --no-link` of the whole corpus:
# once into SQLite, then for each worker count into a fresh database, the
# files dealt to the workers in turn.  Reports documents per second; the
# figures also go to bench/out/pg.txt as key=value lines.
set -eu

[ $# -eq 1 ] || { echo "usage: sh bench/pg.sh BIN" >&2; exit 2; }
BIN=$1
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
die() { echo "bench pg: $*" >&2; exit 1; }
[ -x "$BIN" ] || die "$BIN: no such program (build it first: make all)"
PGBIN=${DOSSIER_PG_BINDIR:-/usr/lib/postgresql/15/bin}
[ -x "$PGBIN/initdb" ] || die "PostgreSQL 15 is not installed (no $PGBIN/initdb)"
MB=${BENCH_PG_MB:-20}
WORKERS=${BENCH_PG_WORKERS:-1 2 4}
export DOSSIER_DATA="$ROOT/data"

OUT=bench/out
CORPUS=$OUT/pg_corpus
RESULT=$OUT/pg.txt
mkdir -p "$OUT"
GEN=$OUT/gencorpus
${CC:-cc} -std=c17 -O2 -Wall -Wextra -Werror -o "$GEN" bench/gencorpus.c
rm -rf "$CORPUS"
mkdir -p "$CORPUS"
"$GEN" "$CORPUS" "$MB" 100 >/dev/null
docs=$(find "$CORPUS" -name '*.txt' | wc -l)

# The cluster: fsync stays on, as on a server, so that commits cost what
# they cost there.
PGDIR=$(mktemp -d /tmp/dossier-pgbench-XXXXXX)
AS=''
if [ "$(id -u)" = 0 ]; then
    chown nobody "$PGDIR"
    AS='runuser -u nobody --'
fi
stop() { $AS "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast stop >/dev/null 2>&1 || true; rm -rf "$PGDIR"; }
trap stop EXIT INT TERM
$AS "$PGBIN/initdb" -D "$PGDIR/data" -U dossier -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
$AS "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/log" -w \
    -o "-k $PGDIR -c listen_addresses=''" start >/dev/null

now() { date +%s.%N; }
rate() { awk -v n="$docs" -v a="$1" -v b="$2" 'BEGIN {printf "%.1f", n / (b - a)}'; }

# One writer into SQLite.
rm -f "$OUT/pg_bench.db" "$OUT/pg_bench.db-wal" "$OUT/pg_bench.db-shm"
t0=$(now)
"$BIN" --db "$OUT/pg_bench.db" add -q --no-link "$CORPUS"/*.txt >/dev/null
sqlite_rate=$(rate "$t0" "$(now)")

echo "dossier add into PostgreSQL, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, $docs documents ($MB MB)"
printf '%-28s %10s\n' "" "docs/s"
printf '%-28s %10s\n' "SQLite, one writer" "$sqlite_rate"
echo "docs=$docs" > "$RESULT"
echo "sqlite_docs_per_s=$sqlite_rate" >> "$RESULT"
for w in $WORKERS; do
    db=w$w
    $AS "$PGBIN/createdb" -h "$PGDIR" -U dossier "$db"
    uri="postgresql://dossier@/$db?host=$PGDIR"
    # The schema is made before the clock starts, by linking the empty database.
    "$BIN" --db "$uri" link -q
    find "$CORPUS" -name '*.txt' | sort > "$OUT/pg_files"
    t0=$(now)
    pids=''
    k=0
    while [ "$k" -lt "$w" ]; do
        awk -v w="$w" -v k="$k" 'NR % w == k' "$OUT/pg_files" |
            xargs "$BIN" --db "$uri" add -q --no-link >/dev/null &
        pids="$pids $!"
        k=$((k + 1))
    done
    for p in $pids; do wait "$p" || die "a worker failed"; done
    r=$(rate "$t0" "$(now)")
    stored=$("$BIN" --db "$uri" ls 2>&1 >/dev/null | awk '{print $1}')
    [ "$stored" = "$docs" ] || die "$w workers stored $stored documents, not $docs"
    printf '%-28s %10s\n' "PostgreSQL, $w worker(s)" "$r"
    echo "pg_${w}_docs_per_s=$r" >> "$RESULT"
done
