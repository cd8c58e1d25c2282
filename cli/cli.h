/* cli.h: what the subcommands of the dossier program share.  The CLI is a
 * thin layer: it parses arguments, calls libdossier, prints, and chooses
 * exit codes (0 success, 1 failure, 2 usage error). */
#ifndef DS_CLI_H
#define DS_CLI_H

#include <stdio.h>

#include "core.h"
#include "store/store.h"

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };
/* Returned by option parsers when --help was printed: stop, exit 0. */
enum { CLI_HELP_SHOWN = -1 };

typedef struct cli_globals {
    const char *db; /* --db, $DOSSIER_DB or ./dossier.db */
} cli_globals;

typedef int (*cli_command_fn)(cli_globals *g, int argc, char **argv);

int cmd_add(cli_globals *g, int argc, char **argv);
int cmd_ls(cli_globals *g, int argc, char **argv);
int cmd_doc(cli_globals *g, int argc, char **argv);
int cmd_search(cli_globals *g, int argc, char **argv);
int cmd_names(cli_globals *g, int argc, char **argv);
int cmd_export(cli_globals *g, int argc, char **argv);
int cmd_segment(cli_globals *g, int argc, char **argv);
int cmd_places(cli_globals *g, int argc, char **argv);
int cmd_gazetteer(cli_globals *g, int argc, char **argv);
int cmd_times(cli_globals *g, int argc, char **argv);
int cmd_numbers(cli_globals *g, int argc, char **argv);
int cmd_extract(cli_globals *g, int argc, char **argv);
int cmd_link(cli_globals *g, int argc, char **argv);
int cmd_incidents(cli_globals *g, int argc, char **argv);
int cmd_show(cli_globals *g, int argc, char **argv);
int cmd_brief(cli_globals *g, int argc, char **argv);
int cmd_timeline(cli_globals *g, int argc, char **argv);
int cmd_review(cli_globals *g, int argc, char **argv);
int cmd_sources(cli_globals *g, int argc, char **argv);
int cmd_serve(cli_globals *g, int argc, char **argv);
int cmd_migrate(cli_globals *g, int argc, char **argv);

/* Where `export` writes and what it counted. */
typedef struct cli_export_state {
    FILE *out;
    size_t count;
    bool failed;
} cli_export_state;
/* The incidents as CSV (ACLED's columns and dossier's) and as GeoJSON. */
ds_status cli_export_csv(ds_store *s, cli_export_state *st, ds_error *err);
ds_status cli_export_geojson(ds_store *s, cli_export_state *st, ds_error *err);

/* Links every claim of the store into incidents and replaces the stored
 * ones (policy_path NULL: data/link_policy.tsv); prints a summary unless
 * quiet.  Returns an exit code. */
int cli_link_all(ds_store *s, const char *policy_path, bool quiet);

/* Prints "dossier: <msg>" on stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void cli_warnings(ds_warnings *w);
/* Prints the usage text of a command and returns EXIT_USAGE. */
int cli_usage(const char *text, const char *problem);
/* Ends a command that built its output in out: prints err when rc failed,
 * else writes out to path (standard output when NULL).  Frees out;
 * returns the exit code. */
int cli_write_result(ds_status rc, const ds_error *err, ds_buf *out, const char *path);
/* Opens the store named by the globals, printing the error on failure. */
ds_store *cli_open(cli_globals *g, ds_store_mode mode);
/* Parses "d3" or "3" into 3; false when it is neither. */
bool cli_parse_doc_id(const char *s, int64_t *id);
/* Parses a --from/--to date into the first or last day it covers. */
bool cli_parse_bound(const char *s, bool end, char out[11]);
/* Replaces a --source value by the registry's canonical name when known. */
const char *cli_canonical_source(const char *name, char *buf, size_t size);
/* Writes a date as "2025-03-19", "2025-03" or "2025" after its precision. */
const char *cli_date_text(const ds_date *d, char buf[11]);
/* Handles --source (S), --from (F) and --to (T) for ls and search;
 * returns EXIT_OK, a usage exit code, or -2 for an option it does not own. */
int cli_filter_option(int c, ds_doc_filter *f, char bufs[3][256], const char *usage);
/* Prints text[start..end) on one line: newlines inside it are shown as ⏎,
 * so that one sentence is one output line. */
void cli_print_span(const char *text, size_t start, size_t end);
/* Opens the place index at path, or the default one when path is NULL;
 * prints the error and returns NULL on failure. */
typedef struct ds_gazetteer ds_gazetteer;
ds_gazetteer *cli_open_gazetteer(const char *path);
/* Reads a report (a path, or - for text on stdin) as `add` would, without
 * storing it; prints the error and returns EXIT_FAIL on failure. */
typedef struct ds_document ds_document;
int cli_read_document(const char *path, ds_document *out);
/* Long options common to every command that opens the database. */
#define CLI_DB_OPTION {"db", required_argument, NULL, 'D'}, {"help", no_argument, NULL, 'h'}

#endif
