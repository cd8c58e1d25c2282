#!/bin/sh
# bench/serve.sh BIN: the web API benchmark (bench/README.md, "Web API").
#
# Makes (or reuses) a register of at least 100,000 incidents: documents and
# claims written by bench/genregister.c through the store, then linked by
# `BIN link`.  Starts `BIN serve --port 0` on it and runs wrk against each
# request in turn (BENCH_SERVE_SECONDS each, default 10, over
# BENCH_SERVE_CONNECTIONS connections, default 1: the server has one
# thread, so more connections only queue, multiplying latency without
# adding throughput): latency p50 and p99 and requests per second, and at
# the end the server's peak RSS.  The peer, in
# the same run: the sqlite3 shell running the SQL of the filtered page (its
# count and its rows) on the same database, per query.  The GeoJSON export
# is timed with curl (a few requests; it is far too large for wrk).
# Figures go to stdout and, as key=value lines, to bench/out/serve.txt.
set -eu

[ $# -eq 1 ] || { echo "usage: sh bench/serve.sh BIN" >&2; exit 2; }
BIN=$1
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
die() { echo "bench serve: $*" >&2; exit 1; }
LIB=$(dirname "$BIN")/libdossier.a
[ -f "$LIB" ] || die "$LIB: no such library (build it first: make all)"
EVENTS=${BENCH_SERVE_EVENTS:-125000}
SECONDS_EACH=${BENCH_SERVE_SECONDS:-10}
CONNECTIONS=${BENCH_SERVE_CONNECTIONS:-1}
MIN_INCIDENTS=100000
AIM_P99_MS=50

if ! command -v wrk >/dev/null 2>&1; then
    [ "$(id -u)" = 0 ] || die "wrk is missing (Debian package wrk; make setup installs it)"
    apt-get install -y -qq wrk >/dev/null 2>&1 ||
        { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; } ||
        die "could not install wrk"
fi
command -v sqlite3 >/dev/null 2>&1 || die "the sqlite3 shell is missing (Debian package sqlite3)"
command -v curl >/dev/null 2>&1 || die "curl is missing (Debian package curl)"
export DOSSIER_DATA="$ROOT/data"
[ -f data/gazetteer.dsg ] || die "no gazetteer index (make gazetteer)"

OUT=bench/out/serve
RESULT=bench/out/serve.txt
DB=$OUT/register.db
mkdir -p "$OUT"

# --- the register ---------------------------------------------------------
PKGS=$(sed -n 's/^PKGS *:= *//p' Makefile)
# shellcheck disable=SC2086
PKG_CFLAGS=$(pkg-config --cflags $PKGS 2>/dev/null || true)
# shellcheck disable=SC2086
PKG_LIBS=$(pkg-config --libs $PKGS 2>/dev/null || true)
GEN=$OUT/genregister
# shellcheck disable=SC2086
${CC:-cc} -std=c17 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wvla -O2 -g \
    -D_GNU_SOURCE -Isrc/core -Isrc $PKG_CFLAGS -o "$GEN" bench/genregister.c "$LIB" \
    $PKG_LIBS -lm
stamp="events=$EVENTS gen=$(cksum < bench/genregister.c) bin=$(cksum < "$BIN")"
if [ -f "$DB" ] && [ -f "$OUT/.stamp" ] && [ "$(cat "$OUT/.stamp")" = "$stamp" ]; then
    echo "bench serve: reusing $DB"
    gen_secs=- link_secs=-
else
    rm -f "$DB" "$DB-wal" "$DB-shm" "$OUT/.stamp"
    echo "bench serve: writing $EVENTS events into $DB, then linking"
    t0=$(date +%s.%N)
    "$GEN" "$DB" "$EVENTS" > "$OUT/gen.txt" || die "genregister failed"
    t1=$(date +%s.%N)
    "$BIN" --db "$DB" link -q || die "link failed"
    t2=$(date +%s.%N)
    gen_secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", b - a}')
    link_secs=$(awk -v a="$t1" -v b="$t2" 'BEGIN {printf "%.1f", b - a}')
    echo "$stamp" > "$OUT/.stamp"
fi
incidents=$("$BIN" --db "$DB" incidents | tail -n 1 | cut -d' ' -f1)
[ "$incidents" -ge "$MIN_INCIDENTS" ] ||
    die "only $incidents incidents (at least $MIN_INCIDENTS needed: raise BENCH_SERVE_EVENTS)"
claims=$(sqlite3 "$DB" "SELECT count(*) FROM claim")
documents=$(sqlite3 "$DB" "SELECT count(*) FROM document")

# Filter values that match thousands of incidents, as a register's busiest
# division and town would: the most frequent plain-letter names.
busiest() {
    sqlite3 "$DB" "SELECT $1 FROM incident WHERE $1 GLOB '[A-Za-z]*' AND $1 NOT GLOB '*[^A-Za-z]*'
                   GROUP BY $1 ORDER BY count(*) DESC LIMIT 1"
}
ADMIN1=$(busiest admin1)
PLACE=$(busiest place)
admin1_n=$(sqlite3 "$DB" "SELECT count(*) FROM incident WHERE admin1 = '$ADMIN1'")
deep=$((incidents - 100))
middle=$((incidents / 2))

# --- the server -----------------------------------------------------------
"$BIN" --db "$DB" serve --port 0 --rate 1000000 > "$OUT/server.log" 2>&1 &
server=$!
stop() { kill "$server" 2>/dev/null || true; }
trap stop EXIT INT TERM
url=''
for _ in $(seq 50); do
    url=$(sed -n 's/^serving //p' "$OUT/server.log")
    [ -n "$url" ] && break
    sleep 0.1
done
[ -n "$url" ] || die "the server did not start: $(cat "$OUT/server.log")"
url=${url%/}

# wrk's latency as milliseconds ("850.00us", "1.20ms", "2.01s").
to_ms() {
    awk -v v="$1" 'BEGIN {
        n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
        if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000
        printf "%.2f", n }'
}

now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')
{
    echo "date=$now"
    echo "incidents=$incidents"
    echo "claims=$claims"
    echo "documents=$documents"
    echo "generate_seconds=$gen_secs"
    echo "link_seconds=$link_secs"
    echo "admin1=$ADMIN1"
    echo "place=$PLACE"
} > "$RESULT"
echo "dossier serve bench, $now, $(nproc 2>/dev/null || echo '?') cores"
echo "  register: $incidents incidents from $claims claims in $documents documents (seconds to generate: $gen_secs, to link: $link_secs; - when reused)"
echo "  wrk: ${SECONDS_EACH}s per request, $CONNECTIONS connection(s), 1 thread; pages of 100 (the API's default)"
printf '  %-14s %9s %9s %9s %9s  %s\n' request p50_ms p99_ms req/s cpu_ms path

# The server's CPU seconds so far (user + system), in clock ticks.
ticks() { awk '{print $14 + $15}' "/proc/$server/stat"; }
HZ=$(getconf CLK_TCK)

# One request under wrk; its figures are printed and kept as name_* keys.
# cpu_ms is the server's CPU time per answer: unlike latency, other work
# on the machine hardly moves it.
measure() {
    name=$1 path=$2
    t0=$(ticks)
    wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" --timeout 30s --latency "$url$path" \
        > "$OUT/wrk_$name.txt" 2>&1 || die "wrk failed on $path"
    if grep -q 'Non-2xx\|Socket errors' "$OUT/wrk_$name.txt"; then
        cat "$OUT/wrk_$name.txt" >&2
        die "$path: failed requests"
    fi
    # Requests wrk left behind are answered before this one: the next
    # request starts on an idle server.
    curl -s -o /dev/null "$url/api/incidents/i1"
    grep -q '^ *0 requests in' "$OUT/wrk_$name.txt" && die "$path: no answer in ${SECONDS_EACH}s"
    # wrk's count, and the request that drained the server.
    answered=$(awk '/requests in/ {print $1 + 1}' "$OUT/wrk_$name.txt")
    cpu=$(awk -v a="$t0" -v b="$(ticks)" -v n="$answered" -v hz="$HZ" \
        'BEGIN {printf "%.2f", (b - a) * 1000 / hz / n}')
    p50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$OUT/wrk_$name.txt")")
    p99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$OUT/wrk_$name.txt")")
    rps=$(awk '$1 == "Requests/sec:" {print $2}' "$OUT/wrk_$name.txt")
    printf '  %-14s %9s %9s %9s %9s  %s\n' "$name" "$p50" "$p99" "$rps" "$cpu" "$path"
    printf '%s_path=%s\n%s_p50_ms=%s\n%s_p99_ms=%s\n%s_rps=%s\n%s_cpu_ms=%s\n' "$name" "$path" \
        "$name" "$p50" "$name" "$p99" "$name" "$rps" "$name" "$cpu" >> "$RESULT"
}

measure first_page "/api/incidents"
measure admin1 "/api/incidents?admin1=$ADMIN1"
admin1_p50=$p50 admin1_p99=$p99
measure type "/api/incidents?type=Attack"
measure dates "/api/incidents?from=2023-01-01&to=2023-03-31"
measure corroborated "/api/incidents?status=corroborated"
measure min_origins "/api/incidents?min_origins=2"
measure place "/api/incidents?place=$PLACE"
measure combined "/api/incidents?admin1=$ADMIN1&type=Attack&min_origins=2"
measure deep_offset "/api/incidents?offset=$deep"
measure actor "/api/incidents?actor=gunmen"
measure one "/api/incidents/i$middle"
measure search "/api/search?q=$PLACE"

# The GeoJSON export of the whole register: seconds per answer by curl.
geo_secs='' geo_bytes=0
for _ in 1 2 3; do
    line=$(curl -s -o /dev/null -w '%{http_code} %{time_total} %{size_download}' \
        "$url/api/incidents.geojson")
    [ "${line%% *}" = 200 ] || die "geojson: HTTP ${line%% *}"
    geo_secs="$geo_secs $(echo "$line" | cut -d' ' -f2)"
    geo_bytes=$(echo "$line" | cut -d' ' -f3)
done
geo_med=$(echo "$geo_secs" | tr ' ' '\n' | grep . | sort -n | sed -n 2p)
geo_mb=$(awk -v b="$geo_bytes" 'BEGIN {printf "%.1f", b / 1e6}')
echo "  geojson: ${geo_med}s per answer of $geo_mb MB (median of 3, curl)"
rss_mb=$(awk '/^VmHWM/ {printf "%.1f", $2 * 1024 / 1e6}' "/proc/$server/status")
stop
trap - EXIT INT TERM
echo "  server peak RSS: $rss_mb MB"

# --- the peer: the filtered page's SQL in the sqlite3 shell ---------------
# The same two statements the server runs for ?admin1=ADMIN1 (the count
# and the page of 100 with its JSON), REPS times in one shell process,
# with the page cache the server sets.
REPS=50
folded=$(echo "$ADMIN1" | tr '[:upper:]' '[:lower:]')
where="instr(i.admin1_key, '$folded')"
echo "PRAGMA cache_size = -32768;" > "$OUT/peer.sql"
for _ in $(seq $REPS); do
    cat >> "$OUT/peer.sql" <<EOF
SELECT count(*) FROM incident i WHERE $where;
SELECT i.*, v.value FROM incident i JOIN incident_value v ON v.id = i.id WHERE i.id IN
  (SELECT i.id FROM incident i WHERE $where ORDER BY i.id LIMIT 100 OFFSET 0) ORDER BY i.id;
EOF
done
t0=$(date +%s.%N)
sqlite3 -bail "$DB" < "$OUT/peer.sql" > /dev/null || die "the peer's SQL failed"
t1=$(date +%s.%N)
peer_ms=$(awk -v a="$t0" -v b="$t1" -v n="$REPS" 'BEGIN {printf "%.2f", (b - a) * 1000 / n}')
ratio=$(awk -v a="$admin1_p50" -v b="$peer_ms" 'BEGIN {printf "%.2f", (b > 0) ? a / b : 0}')
ok=$(awk -v p="$admin1_p99" -v a="$AIM_P99_MS" 'BEGIN {print (p < a) ? "yes" : "no"}')
load_after=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')
echo "  peer: sqlite3 shell, the admin1=$ADMIN1 page's SQL: $peer_ms ms per query ($REPS runs)"
echo "  admin1=$ADMIN1 ($admin1_n incidents): p50 $admin1_p50 ms = x$ratio the sqlite3 shell; p99 $admin1_p99 ms (aim < $AIM_P99_MS ms: $ok)"
echo "  load average $load_before before, $load_after after"
{
    echo "geojson_seconds=$geo_med"
    echo "geojson_mb=$geo_mb"
    echo "server_peak_rss_mb=$rss_mb"
    echo "peer_sqlite3_ms=$peer_ms"
    echo "admin1_ratio_to_peer=$ratio"
    echo "aim_p99_ms=$AIM_P99_MS"
    echo "aim_ok=$ok"
    echo "load_before=\"$load_before\""
    echo "load_after=\"$load_after\""
} >> "$RESULT"
echo "bench serve: written $RESULT"
