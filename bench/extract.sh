#!/bin/sh
# bench/extract.sh BIN [MB]: end-to-end throughput and memory of
# `dossier extract --jsonl` (see bench/README.md, "Extraction").
# bench/run.sh calls it last; `BENCH_ONLY=extract make bench` runs it alone.
#
# Writes two corpora of generated conflict reports, one JSON object
# {"id", "text", "published", "title", "source"} a line (bench/gennews.c
# --jsonl): a large one of MB x 1,000,000 bytes (MB: the argument, else
# EXTRACT_MB, else 500) and a small one of EXTRACT_SMALL_MB (default: a
# tenth of MB, at most 50).  The small one is a prefix of the large one (the
# generator is deterministic), so the two differ only in length: the same
# peak RSS at both sizes is what "memory flat in corpus size" means.
# Then, in the same run, under GNU time (elapsed, CPU, peak RSS):
#   1. BIN extract --jsonl --gazetteer GZ CORPUS, its output piped into wc
#      (a consumer must read it; every input line must give one output line);
#   2. the peer, jq -c '{id, n: (.text|length)}' on the same corpus: it reads
#      the same JSONL, parses every object, decodes every text and writes one
#      small object a line, with no extraction at all;
# alternating, small corpus first, BENCH_REPS times (default 3; fewer when
# the first round shows that they would not fit in BENCH_BUDGET seconds,
# default 540).  Reports
# medians, MB/s, MB per CPU second (extract runs on one thread, so that is
# the figure per core), documents/s, the highest peak RSS at each size, and
# the ratio dossier MB/s / jq MB/s.  Figures go to stdout and, as key=value
# lines, to bench/out/extract/result.txt.
#
# The corpora are large and cheap to regenerate (about 4 s for 500 MB), so
# they go to a temporary directory, deleted on exit: under $TMPDIR when it
# is set, else beside BIN (the build directory, which git ignores).
#
# Environment: EXTRACT_MB, EXTRACT_SMALL_MB, BENCH_REPS, BENCH_BUDGET;
# DOSSIER_DATA and DOSSIER_GAZETTEER as for dossier (defaults: data/ and
# data/gazetteer.dsg of this tree).
set -eu

die() { echo "bench extract: $*" >&2; exit 1; }
if [ $# -lt 1 ] || [ $# -gt 2 ]; then
    echo "usage: sh bench/extract.sh BIN [MB]" >&2
    exit 2
fi
# BIN is made absolute before the script moves to the root of the tree.
ROOT=$(cd "$(dirname "$0")/.." && pwd)
case $1 in /*) BIN=$1 ;; *) BIN=$(pwd)/$1 ;; esac
cd "$ROOT"
MB=${2:-${EXTRACT_MB:-500}}
SMALL_MB=${EXTRACT_SMALL_MB:-$(awk -v m="$MB" 'BEGIN {s = m / 10; print (s > 50) ? 50 : s}')}
REPS=${BENCH_REPS:-3}
BUDGET=${BENCH_BUDGET:-540}
for v in "MB=$MB" "EXTRACT_SMALL_MB=$SMALL_MB"; do
    case ${v#*=} in ''|*[!0-9.]*) die "${v%%=*} must be a number, not '${v#*=}'" ;; esac
done
case $REPS in ''|*[!0-9]*|0) die "BENCH_REPS must be a positive integer" ;; esac
[ -x "$BIN" ] || die "$BIN: no such program (build it first: make all)"
/usr/bin/time -f '%e %M' true 2>/dev/null >/dev/null ||
    die "/usr/bin/time is not GNU time (Debian package time)"
AIM_MB_PER_CORE=20
# "Flat" allows for noise in GNU time's figure: at most 10% more memory for
# ten times the corpus.
FLAT_GROWTH_PCT=10

# The data and the gazetteer of this tree, unless the caller names others.
# The gazetteer is named with --gazetteer so that a missing one stops the
# benchmark instead of silently skipping places (and half the work).
DOSSIER_DATA=${DOSSIER_DATA:-$ROOT/data}
export DOSSIER_DATA
GZ=${DOSSIER_GAZETTEER:-$DOSSIER_DATA/gazetteer.dsg}
[ -f "$GZ" ] || die "$GZ: no gazetteer index (build it: make gazetteer)"

# --- the peer ------------------------------------------------------------------
# jq is a Debian package; like scripts/setup.sh, install it when missing if
# we may (root, or sudo), since only this benchmark needs it.
if ! command -v jq >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then SUDO=
    elif command -v sudo >/dev/null 2>&1; then SUDO=sudo
    else die "jq is missing (Debian package jq) and installing it needs root"
    fi
    echo "bench extract: installing jq (Debian package), the peer"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq || die "apt-get update failed"
    $SUDO apt-get install -y -qq --no-install-recommends jq >/dev/null || die "apt-get install jq failed"
fi
PEER_FILTER='{id, n: (.text|length)}'

OUT=bench/out/extract
RESULT=$OUT/result.txt
mkdir -p "$OUT"

# --- corpora, in a temporary directory -------------------------------------------
TMPBASE=${TMPDIR:-$(dirname "$BIN")}
need_kb=$(awk -v a="$MB" -v b="$SMALL_MB" 'BEGIN {printf "%d", (a + b) * 1e6 * 1.05 / 1024}')
free_kb=$(df -Pk "$TMPBASE" | awk 'NR == 2 {print $4}')
[ "$free_kb" -gt "$need_kb" ] ||
    die "$TMPBASE: $free_kb KiB free, the corpora need $need_kb KiB (set TMPDIR elsewhere)"
TMP=$(mktemp -d "$TMPBASE/dossier-extract.XXXXXX")
# The EXIT trap removes the corpora however the script ends; INT and TERM
# exit first so that the EXIT trap runs.
trap 'rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM

GEN=$TMP/gennews
${CC:-cc} -std=c17 -O2 -Wall -Wextra -Werror -o "$GEN" bench/gennews.c
LARGE=$TMP/large.jsonl
SMALL=$TMP/small.jsonl
echo "bench extract: generating $MB MB and $SMALL_MB MB of JSONL reports in $TMP"
"$GEN" --jsonl "$LARGE" "$MB" > "$OUT/gennews.log"
"$GEN" --jsonl "$SMALL" "$SMALL_MB" >> "$OUT/gennews.log"

# --- runs ------------------------------------------------------------------------
RUNS=$OUT/runs.txt
: > "$RUNS"
calc() { awk "BEGIN {printf \"$1\", $2}"; }

# measure NAME CORPUS PROG: runs PROG (dossier or jq) on CORPUS under GNU
# time, its output piped into wc -l -c, and appends "NAME elapsed-seconds
# cpu-seconds peak-RSS-KiB output-bytes" to $RUNS; `last` is the elapsed
# time.  The pipe's status is wc's, so PROG's own status is read from GNU
# time's report, which notes a non-zero one; the line count proves that
# every document came out.
measure() {
    name=$1 corpus=$2
    case $3 in
        dossier) set -- "$BIN" extract --jsonl --gazetteer "$GZ" "$corpus" ;;
        jq) set -- jq -c "$PEER_FILTER" "$corpus" ;;
    esac
    /usr/bin/time -f '%e %M %U %S' -o "$OUT/time.txt" "$@" 2> "$OUT/$name.err" |
        wc -l -c > "$OUT/$name.wc"
    if grep -q -e 'non-zero status' -e 'terminated by signal' "$OUT/time.txt"; then
        tail -n 20 "$OUT/$name.err" >&2
        die "failed: $* ($(head -n 1 "$OUT/time.txt"))"
    fi
    # extract reports lines it could not process on stderr (and goes on)
    if grep -q 'not processed' "$OUT/$name.err"; then
        cat "$OUT/$name.err" >&2
        die "$*: some documents failed"
    fi
    got=$(awk '{print $1}' "$OUT/$name.wc")
    want=$(wc -l < "$corpus" | tr -d ' ')
    [ "$got" = "$want" ] || die "$*: $got output lines for $want documents"
    tail -n 1 "$OUT/time.txt" | awk -v n="$name" -v o="$(awk '{print $2}' "$OUT/$name.wc")" \
        '{printf "%s %s %.2f %s %s\n", n, $1, $3 + $4, $2, o}' >> "$RUNS"
    last=$(tail -n 1 "$RUNS" | cut -d' ' -f2)
}

echo "bench extract: $REPS repetition(s); dossier extract --jsonl --gazetteer $GZ; peer jq -c '$PEER_FILTER'"
started=$(date +%s)
load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')
reps_note=''
i=1
while [ "$i" -le "$REPS" ]; do
    measure ds "$SMALL" dossier
    r="dossier ${last}s, jq "
    measure js "$SMALL" jq
    r="$r${last}s at $SMALL_MB MB; dossier "
    measure dl "$LARGE" dossier
    r="$r${last}s, jq "
    measure jl "$LARGE" jq
    echo "bench extract: run $i: $r${last}s at $MB MB"
    # After the first round, keep only as many rounds as fit in BUDGET.
    if [ "$i" = 1 ]; then
        spent=$(( $(date +%s) - started + 1 ))
        fit=$(( BUDGET / spent ))
        if [ "$fit" -lt "$REPS" ]; then
            [ "$fit" -ge 1 ] || fit=1
            reps_note="$fit of $REPS repetitions: $REPS would take about $(( spent * REPS ))s, over BENCH_BUDGET ${BUDGET}s"
            echo "bench extract: $reps_note"
            REPS=$fit
        fi
    fi
    i=$(( i + 1 ))
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')

# --- report ------------------------------------------------------------------------
# MB is 10^6 bytes everywhere, RSS included (GNU time reports KiB).
large_bytes=$(wc -c < "$LARGE" | tr -d ' ')
small_bytes=$(wc -c < "$SMALL" | tr -d ' ')
large_docs=$(wc -l < "$LARGE" | tr -d ' ')
small_docs=$(wc -l < "$SMALL" | tr -d ' ')
large_mb=$(calc %.2f "$large_bytes / 1e6")
small_mb=$(calc %.2f "$small_bytes / 1e6")
doc_kb=$(calc %.1f "$large_bytes / $large_docs / 1e3")

# stats NAME BYTES DOCS: MB/s, MB per CPU second, documents/s, the median
# elapsed and CPU seconds and the highest peak RSS (MB) over NAME's runs.  GNU time
# has 10 ms resolution: a tiny corpus must not divide by zero.
stats() {
    awk -v n="$1" -v b="$2" -v d="$3" '
        function median(v, k,   i, j, t) {
            for (i = 2; i <= k; i++)
                for (j = i; j > 1 && v[j - 1] > v[j]; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
            return (k % 2) ? v[(k + 1) / 2] : (v[k / 2] + v[k / 2 + 1]) / 2
        }
        $1 == n { k++; s[k] = $2; c[k] = $3; if ($4 > r) r = $4 }
        END {
            ms = median(s, k); mc = median(c, k)
            if (ms <= 0) ms = 0.01
            if (mc <= 0) mc = 0.01
            printf "%.2f %.2f %.0f %.2f %.2f %.1f\n", b / 1e6 / ms, b / 1e6 / mc, d / ms, ms, mc, r * 1024 / 1e6
        }' "$RUNS"
}
runs() { awk -v n="$1" '$1 == n {printf "%s%s", sep, $2; sep = " "}' "$RUNS"; }

# shellcheck disable=SC2046 # six numbers each
{
    set -- $(stats dl "$large_bytes" "$large_docs")
    dl_mbs=$1 dl_cpu_mbs=$2 dl_docs_s=$3 dl_med=$4 dl_cpu=$5 dl_rss=$6
    set -- $(stats jl "$large_bytes" "$large_docs")
    jl_mbs=$1 jl_cpu_mbs=$2 jl_docs_s=$3 jl_med=$4 jl_cpu=$5 jl_rss=$6
    set -- $(stats ds "$small_bytes" "$small_docs")
    ds_mbs=$1 ds_cpu_mbs=$2 ds_docs_s=$3 ds_med=$4 ds_cpu=$5 ds_rss=$6
    set -- $(stats js "$small_bytes" "$small_docs")
    js_mbs=$1 js_cpu_mbs=$2 js_docs_s=$3 js_med=$4 js_cpu=$5 js_rss=$6
}
dl_out=$(awk '$1 == "dl" {o = $5} END {print o}' "$RUNS")

# The ratios to the peer, the growth of peak RSS from the small corpus to
# the large one, and whether the aims are met.
# shellcheck disable=SC2046 # seven fields
set -- $(awk -v dl="$dl_mbs" -v jl="$jl_mbs" -v dc="$dl_cpu_mbs" -v jc="$jl_cpu_mbs" \
    -v ds="$ds_mbs" -v js="$js_mbs" -v rl="$dl_rss" -v rs="$ds_rss" -v out="$dl_out" \
    -v flat="$FLAT_GROWTH_PCT" -v aim="$AIM_MB_PER_CORE" 'BEGIN {
        g = (rl - rs) * 100 / rs
        printf "%.3f %.3f %.3f %.1f %s %s %.1f\n", dl / jl, dc / jc, ds / js, g,
            (g <= flat) ? "yes" : "no", (dc >= aim) ? "yes" : "no", out / 1e6 }')
ratio=$1 cpu_ratio=$2 ratio_small=$3 growth=$4 flat_ok=$5 speed_ok=$6 out_mb=$7
now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
cores=$(nproc 2>/dev/null || echo 0)
jq_version=$(jq --version 2>/dev/null || echo '?')
row() { printf '  %-22s %8.2f %10.2f %8s %8.2f %13.1f\n' "$@"; }

cat <<EOF

dossier extract --jsonl bench, $now, $cores cores, $jq_version
  corpora       $large_mb MB, $large_docs documents (average line $doc_kb KB); $small_mb MB, $small_docs documents (its first lines)
  repetitions   $REPS (median time, highest peak RSS)${reps_note:+; $reps_note}

                             MB/s   MB/CPU s   docs/s   time s   peak RSS MB
$(row "dossier, $large_mb MB" "$dl_mbs" "$dl_cpu_mbs" "$dl_docs_s" "$dl_med" "$dl_rss")
$(row "jq, $large_mb MB" "$jl_mbs" "$jl_cpu_mbs" "$jl_docs_s" "$jl_med" "$jl_rss")
$(row "dossier, $small_mb MB" "$ds_mbs" "$ds_cpu_mbs" "$ds_docs_s" "$ds_med" "$ds_rss")
$(row "jq, $small_mb MB" "$js_mbs" "$js_cpu_mbs" "$js_docs_s" "$js_med" "$js_rss")

  ratio         dossier / jq $ratio at $large_mb MB (per CPU second $cpu_ratio), $ratio_small at $small_mb MB
  aims          >= $AIM_MB_PER_CORE MB/s per core: $speed_ok ($dl_cpu_mbs MB per CPU second); memory flat: $flat_ok ($ds_rss MB at $small_mb MB, $dl_rss MB at $large_mb MB: ${growth}%)
  output        $out_mb MB of JSONL for the $large_mb MB corpus (counted by wc, then dropped)
  dossier       runs $(runs dl) s at $large_mb MB; $(runs ds) s at $small_mb MB
  jq            runs $(runs jl) s at $large_mb MB; $(runs js) s at $small_mb MB
  load average  $load_before before, $load_after after
EOF

cat > "$RESULT" <<EOF
date=$now
cores=$cores
jq_version=$jq_version
peer_filter='$PEER_FILTER'
corpus_bytes=$large_bytes
corpus_mb=$large_mb
documents=$large_docs
small_corpus_bytes=$small_bytes
small_corpus_mb=$small_mb
small_documents=$small_docs
repetitions=$REPS
repetitions_note="$reps_note"
dossier_seconds=$dl_med
dossier_seconds_runs="$(runs dl)"
dossier_cpu_seconds=$dl_cpu
dossier_mb_per_s=$dl_mbs
dossier_mb_per_cpu_s=$dl_cpu_mbs
dossier_documents_per_s=$dl_docs_s
dossier_peak_rss_mb=$dl_rss
dossier_output_bytes=$dl_out
dossier_small_seconds=$ds_med
dossier_small_cpu_seconds=$ds_cpu
dossier_small_mb_per_s=$ds_mbs
dossier_small_mb_per_cpu_s=$ds_cpu_mbs
dossier_small_peak_rss_mb=$ds_rss
jq_seconds=$jl_med
jq_seconds_runs="$(runs jl)"
jq_cpu_seconds=$jl_cpu
jq_mb_per_s=$jl_mbs
jq_mb_per_cpu_s=$jl_cpu_mbs
jq_documents_per_s=$jl_docs_s
jq_peak_rss_mb=$jl_rss
jq_small_seconds=$js_med
jq_small_cpu_seconds=$js_cpu
jq_small_mb_per_s=$js_mbs
jq_small_peak_rss_mb=$js_rss
ratio=$ratio
cpu_ratio=$cpu_ratio
ratio_small=$ratio_small
aim_mb_per_core=$AIM_MB_PER_CORE
aim_mb_per_core_ok=$speed_ok
rss_growth_pct=$growth
rss_flat_ok=$flat_ok
load_before="$load_before"
load_after="$load_after"
EOF
echo "bench extract: written $RESULT"
