/* schema.c: the SQLite schema and its migrations.
 *
 * Each migration moves the database from version i to i+1 and runs in its
 * own transaction together with the update of PRAGMA user_version, so a
 * database is always at exactly one version.  Migrations are only ever
 * appended; a released one is never edited. */
#include "sqlite_internal.h"

static const char *const migrations[] = {
    /* 1: sources, documents, sentences and the full-text index. */
    "CREATE TABLE source ("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL UNIQUE,"
    "  kind TEXT,"
    "  country TEXT);"
    "CREATE TABLE document ("
    "  id INTEGER PRIMARY KEY,"
    "  sha256 TEXT NOT NULL UNIQUE,"
    "  file TEXT NOT NULL,"
    "  format TEXT NOT NULL,"
    "  title TEXT, author TEXT,"
    "  source_id INTEGER REFERENCES source(id),"
    "  url TEXT, lang TEXT, notes TEXT,"
    "  pub_start TEXT, pub_end TEXT, pub_precision TEXT,"
    "  added_at TEXT NOT NULL,"
    "  text TEXT NOT NULL);"
    "CREATE INDEX document_source ON document(source_id);"
    "CREATE INDEX document_published ON document(pub_start, pub_end);"
    /* Sentences keep only their span; their text is read out of the
     * document through the view below, so no text is stored twice.  A
     * sentence's id is (doc_id << 20) | idx: a document's sentences are one
     * range of the primary key, so no second index is needed to find them
     * (an index costs ingestion time on every sentence).  doc_id and idx
     * are kept as columns for readable SQL. */
    "CREATE TABLE sentence ("
    "  id INTEGER PRIMARY KEY,"
    "  doc_id INTEGER NOT NULL REFERENCES document(id),"
    "  idx INTEGER NOT NULL,"
    "  start INTEGER NOT NULL,"
    "  end INTEGER NOT NULL,"
    "  kind TEXT NOT NULL);"
    /* substr() counts characters in TEXT but bytes in a BLOB; spans are
     * byte offsets, so the text is cut as a BLOB and cast back. */
    "CREATE VIEW sentence_text AS"
    "  SELECT s.id AS id, s.doc_id AS doc_id, s.idx AS idx, s.kind AS kind,"
    "         s.start AS start, s.end AS end,"
    "         CAST(substr(CAST(d.text AS BLOB), s.start + 1, s.end - s.start) AS TEXT) AS text"
    "  FROM sentence s JOIN document d ON d.id = s.doc_id;"
    /* An external-content index: FTS5 keeps only its index and reads the
     * text from the view when it highlights.  remove_diacritics 2 folds
     * Ţarţūs to tartus. */
    "CREATE VIRTUAL TABLE sentence_fts USING fts5("
    "  text, content='sentence_text', content_rowid='id',"
    "  tokenize='unicode61 remove_diacritics 2');",
    /* 2: mentions found by the recognize stage.  The resolved value is a
     * JSON object, so new kinds and fields need no migration; a span is
     * byte offsets into the document's text. */
    "CREATE TABLE mention ("
    "  id INTEGER PRIMARY KEY,"
    "  doc_id INTEGER NOT NULL REFERENCES document(id),"
    "  start INTEGER NOT NULL,"
    "  end INTEGER NOT NULL,"
    "  kind TEXT NOT NULL,"
    "  value TEXT NOT NULL);"
    "CREATE INDEX mention_doc ON mention(doc_id, start);",
    /* 3: claims of the extract stage.  Like a mention, a claim is a JSON
     * object (DESIGN.md §5); the event type is a column of its own because
     * the register filters on it. */
    "CREATE TABLE claim ("
    "  id INTEGER PRIMARY KEY,"
    "  doc_id INTEGER NOT NULL REFERENCES document(id),"
    "  sentence_idx INTEGER NOT NULL,"
    "  start INTEGER NOT NULL,"
    "  end INTEGER NOT NULL,"
    "  event_type TEXT NOT NULL,"
    "  value TEXT NOT NULL);"
    "CREATE INDEX claim_doc ON claim(doc_id, start);"
    "CREATE INDEX claim_type ON claim(event_type);",
    /* 4: incidents of the link stage.  Linking is re-run over the whole
     * database and replaces this table's rows in one transaction; the
     * columns are those the register filters on (names holds the place
     * and admin1 folded, so "Qadmus" finds Qadmūs), the rest is the JSON
     * object of DESIGN.md §5.  incident_claim says which claims an
     * incident holds (a claim is in at most one). */
    "CREATE TABLE incident ("
    "  id INTEGER PRIMARY KEY,"
    "  parent INTEGER REFERENCES incident(id),"
    "  episode INTEGER NOT NULL,"
    "  event_type TEXT, sub_event_type TEXT,"
    "  date_start TEXT, date_end TEXT, precision TEXT,"
    "  country TEXT, admin1 TEXT, place TEXT,"
    "  names TEXT NOT NULL,"      /* place and admin1 folded, for filters */
    "  status TEXT NOT NULL,"
    "  origins INTEGER NOT NULL,"
    "  documents INTEGER NOT NULL,"
    "  groups TEXT NOT NULL,"
    "  value TEXT NOT NULL);"
    "CREATE INDEX incident_date ON incident(date_start, date_end);"
    "CREATE TABLE incident_claim ("
    "  incident_id INTEGER NOT NULL REFERENCES incident(id),"
    "  claim_id INTEGER NOT NULL REFERENCES claim(id),"
    "  PRIMARY KEY (claim_id));"
    "CREATE INDEX incident_claim_incident ON incident_claim(incident_id);",
    /* 5: citations and the review log.  Citations are read from the notes
     * and resolved again by every link (a document added later may be the
     * cited one), so the table is replaced as the incidents are; to_doc is
     * NULL when the cited work is not in the dossier.  review_event is the
     * append-only audit log of human decisions: the triggers make any
     * UPDATE or DELETE of it fail, whoever issues it.  Claims are named in
     * it by their identity (document sha256, span, rank), not by row id. */
    "CREATE TABLE citation ("
    "  id INTEGER PRIMARY KEY,"
    "  doc_id INTEGER NOT NULL REFERENCES document(id),"
    "  sentence_idx INTEGER NOT NULL,"
    "  note TEXT, text TEXT NOT NULL,"
    "  author TEXT, title TEXT, publisher TEXT, url TEXT,"
    "  date_start TEXT, date_end TEXT, date_precision TEXT,"
    "  to_doc INTEGER REFERENCES document(id),"
    "  score REAL NOT NULL);"
    "CREATE INDEX citation_doc ON citation(doc_id);"
    "CREATE TABLE review_event ("
    "  id INTEGER PRIMARY KEY,"
    "  at TEXT NOT NULL, user TEXT NOT NULL,"
    "  action TEXT NOT NULL, target TEXT NOT NULL,"
    "  claims TEXT NOT NULL, others TEXT NOT NULL,"
    "  field TEXT, before TEXT, after TEXT, why TEXT);"
    "CREATE TRIGGER review_event_no_update BEFORE UPDATE ON review_event"
    "  BEGIN SELECT RAISE(ABORT, 'the review log is append-only'); END;"
    "CREATE TRIGGER review_event_no_delete BEFORE DELETE ON review_event"
    "  BEGIN SELECT RAISE(ABORT, 'the review log is append-only'); END;",
    /* 6: an incident's JSON in a table of its own.  A page of the register
     * counts every incident the filters match and skips to its offset,
     * which reads every row of incident; with the JSON in those rows (a few
     * kilobytes each, most of the table) that read most of the file.
     * Now incident holds only the columns filters read, and the JSON is
     * read for the incidents shown.  DROP COLUMN needs SQLite 3.35.
     * incident_parent serves the foreign key of parent: without it, the
     * DELETE of every incident before a link stores the new ones scanned
     * the whole table once per incident (hours at 100k incidents). */
    "CREATE TABLE incident_value ("
    "  id INTEGER PRIMARY KEY REFERENCES incident(id),"
    "  value TEXT NOT NULL);"
    "INSERT INTO incident_value(id, value) SELECT id, value FROM incident;"
    "ALTER TABLE incident DROP COLUMN value;"
    "CREATE INDEX incident_parent ON incident(parent);"
    /* The folded place and admin1 as columns of their own, in place of
     * names ("|place|admin1|"): the filters matched them after cutting
     * names apart with substr() in every row, which cost three times as
     * much as the match.  Folded names hold no '|', so a folded filter is
     * in a key exactly when it was in that key's part of names. */
    "ALTER TABLE incident ADD COLUMN place_key TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE incident ADD COLUMN admin1_key TEXT NOT NULL DEFAULT '';"
    "UPDATE incident SET"
    "  place_key = substr(names, 2, instr(substr(names, 2), '|') - 1),"
    "  admin1_key = substr(names, instr(substr(names, 2), '|') + 2,"
    "                      length(names) - instr(substr(names, 2), '|') - 2);"
    "ALTER TABLE incident DROP COLUMN names;"
    /* A page counts its matches: for a place or admin1 substring, a scan
     * of the key's index (a fifth of the row) instead of the table is
     * three times faster, and for types half as fast again; a status or a
     * minimum of origins is one range of its index. */
    "CREATE INDEX incident_place_key ON incident(place_key);"
    "CREATE INDEX incident_admin1_key ON incident(admin1_key);"
    "CREATE INDEX incident_type ON incident(event_type, sub_event_type);"
    "CREATE INDEX incident_status ON incident(status);"
    "CREATE INDEX incident_origins ON incident(origins);"
    /* The actors' names, one a line, which the actor filter tests before it
     * parses an incident's JSON (sqlite_incident.c, ACTOR_NAMES). */
    "ALTER TABLE incident ADD COLUMN actors TEXT NOT NULL DEFAULT '';"
    "UPDATE incident SET actors = (SELECT CASE WHEN json_valid(v.value) THEN"
    "  coalesce((SELECT group_concat(json_extract(a.value, '$.name'), char(10))"
    "            FROM json_each(v.value, '$.actors') a), '') ELSE '' END"
    "  FROM incident_value v WHERE v.id = incident.id);",
    /* 7: the killed figure of an incident's JSON in columns of its own.  A
     * page of the register shows it for each row; parsing each row's JSON
     * for it took most of a page's time (5 of 6.5 ms for a first page
     * over 108k incidents). */
    "ALTER TABLE incident ADD COLUMN killed_low REAL;"
    "ALTER TABLE incident ADD COLUMN killed_high REAL;"
    "ALTER TABLE incident ADD COLUMN killed_best REAL;"
    "UPDATE incident SET (killed_low, killed_high, killed_best) = (SELECT "
    DS_SQLITE_KILLED("v.value", "low") ", " DS_SQLITE_KILLED("v.value", "high") ", "
    DS_SQLITE_KILLED("v.value", "best")
    " FROM incident_value v WHERE v.id = incident.id);",
};

int ds__sqlite_migration_count(void) { return (int)(sizeof migrations / sizeof *migrations); }

const char *ds__sqlite_migration(int i)
{
    return i >= 0 && i < ds__sqlite_migration_count() ? migrations[i] : NULL;
}
