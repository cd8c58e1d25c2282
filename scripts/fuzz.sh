#!/bin/sh
# Runs each libFuzzer target for a number of seconds on a corpus kept in
# fuzz/corpus-NAME (git-ignored), seeded from the example corpus, and
# reports executions and the result.  Usage: fuzz.sh SECONDS BIN...
set -eu
seconds=$1
shift
export DOSSIER_DATA="${DOSSIER_DATA:-$(pwd)/data}"
status=0
for bin in "$@"; do
    name=$(basename "$bin")
    corpus="fuzz/corpus-${name#fuzz_}"
    if [ ! -d "$corpus" ]; then
        mkdir -p "$corpus"
        # The example reports and manifests make a realistic starting point.
        cp examples/*.txt examples/*.md examples/*.html examples/*.csv data/*.tsv "$corpus"/ 2>/dev/null || true
        # Targets with a structured input format keep hand-made seeds.
        if [ -d "fuzz/seeds/${name#fuzz_}" ]; then
            cp "fuzz/seeds/${name#fuzz_}"/* "$corpus"/
        fi
    fi
    log="build-fuzz/$name.log"
    echo "fuzz: $name for ${seconds}s (log $log)"
    if "$bin" -max_total_time="$seconds" -max_len=200000 -timeout=20 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix=build-fuzz/ "$corpus" >"$log" 2>&1; then
        runs=$(grep -a -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
        echo "fuzz: $name clean, $runs executions in ${seconds}s"
    else
        echo "fuzz: $name FAILED; see $log" >&2
        tail -n 30 "$log" >&2
        status=1
    fi
done
exit $status
