#!/bin/sh
# The main job: ingest the bundled example corpus into the database and say
# what is in it and how to search it.  Usage: run-examples.sh BIN
set -eu
bin=$1
db=${DOSSIER_DB:-dossier.db}
echo "== Adding examples/ (metadata from examples/manifest.csv) to $db"
"$bin" --db "$db" add --manifest examples/manifest.csv
echo
echo "== Documents in $db"
"$bin" --db "$db" ls
echo
echo "== A search: tartus (case and diacritics are folded, so Ţarţūs matches)"
"$bin" --db "$db" search --limit 3 tartus
echo
echo "== Incidents: claims linked across documents (add links them; so does \`dossier link\`)"
"$bin" --db "$db" link
"$bin" --db "$db" incidents --min-origins 2
cat <<MSG

Next steps:
  $bin --db $db search killed --from 2025-03 --to 2025-03   sentences that say "killed" in March 2025 reports
  $bin --db $db search '"at least"' --source Meridian       a phrase, in one publisher's documents
  $bin --db $db doc d1                                      a document's metadata, places, dates, figures, claims, sentences
  $bin --db $db incidents --type Attack --from 2025-03      the register, filtered (--admin1 --place --group --status --min-origins)
  $bin --db $db show i1                                     one incident: figures by document, origins, contradictions, evidence
  $bin --db $db export --format json > register.json        documents and incidents as JSON (DESIGN.md §5)
  $bin --db $db export --format csv > register.csv          incidents with ACLED's columns; --format geojson for a map
  $bin --db $db brief --about Alawites -o brief.md          a COI-style brief with footnotes; --format html, --check
  $bin --db $db timeline --format svg > timeline.svg        incidents along time, imprecise dates as bars
  $bin --db $db sources                                     who reports, who cites whom
  $bin --db $db review log                                  the audit trail of human decisions (review --help)
  $bin places examples/01_meridian_wire_safita.txt          the places a report names, resolved (JSON)
  $bin numbers examples/01_meridian_wire_safita.txt         its figures: value, qualifier, killed/injured/...
  $bin times examples/01_meridian_wire_safita.txt           its dates, resolved against the publication date
  $bin extract examples/01_meridian_wire_safita.txt         its claims: event type, date, place, actors, counts (JSON)
  $bin gazetteer lookup Tartous                             a name's candidates in the gazetteer
  $bin --help                                               every command
MSG
