/* cmd_migrate.c: `dossier migrate` — a dossier copied into another
 * database, a SQLite file to PostgreSQL or back.  Documents travel with
 * their sentences, mentions and claims, one transaction each, and the
 * review log with its original times; incidents and citations are made
 * again by linking, which applies every review decision as before. */
#include <getopt.h>
#include <string.h>

#include "cli.h"

static const char usage_text[] =
    "usage: dossier migrate --from DB --to DB [-q]\n"
    "\n"
    "Copies every document (text, sentences, places, dates, figures, claims) and\n"
    "the review log from one database to another, then links the copy.  DB is a\n"
    "SQLite file or a postgres:// URI.  Documents the target holds already are\n"
    "left as they are, so an interrupted migration can be run again; the review\n"
    "log is copied only into a target that has none, so it is never doubled.\n"
    "\n"
    "Options:\n"
    "  --from DB    the database to copy (read only)\n"
    "  --to DB      the database to copy into (made if needed)\n"
    "  -q, --quiet  print only errors\n";

/* Caps the list of document ids: far more than any dossier holds. */
enum { MAX_DOCUMENTS = 1 << 26 };

typedef struct {
    int64_t *v;
    size_t n, cap;
    bool full;
} id_list;

static int collect(void *ud, const ds_document *d)
{
    id_list *l = ud;
    int64_t *v = l->n < MAX_DOCUMENTS ? ds_grow(l->v, &l->cap, l->n, sizeof *v) : NULL;
    if (!v) {
        l->full = true;
        return 1;
    }
    l->v = v;
    v[l->n++] = d->id;
    return 0;
}

static ds_status copy_documents(ds_store *from, ds_store *to, size_t *added, size_t *present,
                                ds_error *err)
{
    id_list ids = {0};
    ds_status rc = ds_store_each_document(from, NULL, collect, &ids, err);
    if (rc == DS_OK && ids.full)
        rc = ds_error_set(err, DS_ENOMEM, "too many documents to list");
    for (size_t i = 0; rc == DS_OK && i < ids.n; i++) {
        ds_document d = {0}; /* freed whole or emptied by a failed read */
        rc = ds_store_get_document(from, ids.v[i], true, &d, err);
        bool existed = false;
        if (rc == DS_OK)
            rc = ds_store_add_document(to, &d, &existed, err);
        if (rc == DS_OK)
            ++*(existed ? present : added);
        ds_document_free(&d);
    }
    ds_free(ids.v);
    return rc;
}

typedef struct {
    ds_store *to;
    ds_error *err;
    ds_status rc;
    size_t n;
} review_copy;

static int count_review(void *ud, const ds_review_event *e)
{
    (void)e;
    ++((review_copy *)ud)->n;
    return 0;
}

static int copy_review(void *ud, const ds_review_event *e)
{
    review_copy *c = ud;
    ds_review_event copy = *e;
    c->rc = ds_store_add_review(c->to, &copy, c->err);
    c->n += c->rc == DS_OK;
    return c->rc != DS_OK;
}

static ds_status copy_reviews(ds_store *from, ds_store *to, size_t *copied, ds_error *err)
{
    review_copy there = {0}, here = {.to = to, .err = err};
    ds_status rc = ds_store_each_review(to, count_review, &there, err);
    if (rc == DS_OK)
        rc = ds_store_each_review(from, count_review, &here, err);
    if (rc == DS_OK && there.n && here.n)
        return ds_error_set(err, DS_EINVAL, "the target has a review log of its own (%zu "
                            "events); copy the log only into a new database", there.n);
    here.n = 0;
    if (rc == DS_OK)
        rc = ds_store_each_review(from, copy_review, &here, err);
    rc = rc ? rc : here.rc;
    *copied = here.n;
    return rc;
}

static int migrate(const char *from_db, const char *to_db, bool quiet)
{
    ds_store *from = NULL, *to = NULL;
    ds_error err = {0};
    size_t added = 0, present = 0, reviews = 0;
    ds_status rc = ds_store_open(&from, from_db, DS_STORE_READ, &err);
    if (rc == DS_OK)
        rc = ds_store_open(&to, to_db, DS_STORE_WRITE, &err);
    if (rc == DS_OK)
        rc = copy_documents(from, to, &added, &present, &err);
    if (rc == DS_OK)
        rc = copy_reviews(from, to, &reviews, &err);
    int code = EXIT_OK;
    if (rc) {
        cli_error("migrate: %s", err.msg);
        code = EXIT_FAIL;
    } else {
        if (!quiet)
            printf("copied %zu documents (%zu there already) and %zu review events\n", added,
                   present, reviews);
        code = cli_link_all(to, NULL, quiet);
    }
    ds_store_close(to);
    ds_store_close(from);
    return code;
}

int cmd_migrate(cli_globals *g, int argc, char **argv)
{
    (void)g;
    static const struct option opts[] = {
        {"from", required_argument, NULL, 'f'}, {"to", required_argument, NULL, 't'},
        {"quiet", no_argument, NULL, 'q'}, {"help", no_argument, NULL, 'h'}, {0},
    };
    const char *from = NULL, *to = NULL;
    bool quiet = false;
    int c;
    while ((c = getopt_long(argc, argv, "hq", opts, NULL)) != -1) {
        switch (c) {
        case 'h': return cli_usage(usage_text, NULL);
        case 'f': from = optarg; break;
        case 't': to = optarg; break;
        case 'q': quiet = true; break;
        default: return cli_usage(usage_text, "unknown option");
        }
    }
    if (optind < argc)
        return cli_usage(usage_text, "migrate takes no arguments");
    if (!from || !to)
        return cli_usage(usage_text, "migrate needs --from and --to");
    if (!strcmp(from, to))
        return cli_usage(usage_text, "--from and --to name the same database");
    return migrate(from, to, quiet);
}
