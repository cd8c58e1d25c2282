#!/bin/sh
# bench/places_compare.sh OLD_BIN NEW_BIN [SENTENCES]: runs `dossier places`
# of two builds on each sentence of SENTENCES (default
# tests/data/place_sentences.txt, one a line) and prints every sentence whose
# mentions differ (span text, entry, country, admin1, precision, parent),
# then how many differ.  Which answer is right is for a reader to judge:
# the script only finds where two builds part.  Needs jq.
set -eu
usage() { echo "usage: sh bench/places_compare.sh OLD_BIN NEW_BIN [SENTENCES]" >&2; exit 2; }
[ $# -ge 2 ] && [ $# -le 3 ] || usage
OLD=$1
NEW=$2
LIST=${3:-tests/data/place_sentences.txt}
for b in "$OLD" "$NEW"; do [ -x "$b" ] || { echo "places_compare: $b: no such program" >&2; exit 1; }; done
[ -f "$LIST" ] || { echo "places_compare: $LIST: no such file" >&2; exit 1; }
command -v jq >/dev/null 2>&1 || { echo "places_compare: jq is missing (apt install jq)" >&2; exit 1; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
show() {
    printf '%s\n' "$2" | "$1" places - | jq -r '.mentions[] | "\(.text) -> \(.name) [\(.country)/\(.admin1)] \(.precision)\(if .parent then " parent=\(.parent.name)" else "" end)"'
}
n=0 differ=0
while IFS= read -r s; do
    case $s in '#'*|'') continue ;; esac
    n=$((n + 1))
    show "$OLD" "$s" > "$TMP/old"
    show "$NEW" "$s" > "$TMP/new"
    if ! cmp -s "$TMP/old" "$TMP/new"; then
        differ=$((differ + 1))
        printf '### %s\n-- old:\n' "$s"; sed 's/^/   /' "$TMP/old"
        printf -- '-- new:\n'; sed 's/^/   /' "$TMP/new"
    fi
done < "$LIST"
echo "places_compare: $differ of $n sentences differ"
