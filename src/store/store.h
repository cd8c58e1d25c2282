/* store.h: where documents and sentences live (DESIGN.md §3).
 *
 * The interface speaks of documents, sentences and searches, never of SQL,
 * so that a PostgreSQL backend can stand behind it as well as the embedded
 * SQLite one.  A location is a file path (SQLite) or, later, a
 * "postgres://" URI.
 *
 * Ownership: a ds_store owns its connection; ds_store_close releases it.
 * Documents filled by the store belong to the caller (ds_document_free).
 * Records passed to callbacks are valid only during the call.
 * Every write is one transaction: a document is stored whole or not at all.
 */
#ifndef DS_STORE_H
#define DS_STORE_H

#include "model.h"

typedef struct ds_store ds_store;

typedef enum ds_store_mode {
    DS_STORE_READ,  /* the database must exist; nothing is written */
    DS_STORE_WRITE, /* created and migrated to the current schema if needed */
} ds_store_mode;

ds_status ds_store_open(ds_store **out, const char *location, ds_store_mode mode,
                        ds_error *err);
void ds_store_close(ds_store *s);

/* Stores a document and its sentences in one transaction and sets doc->id.
 * When a document with the same sha256 is already stored, nothing is
 * written, *existed is set and doc->id is the stored one's. */
ds_status ds_store_add_document(ds_store *s, ds_document *doc, bool *existed, ds_error *err);

/* Batches.  Between ds_store_begin and ds_store_commit, added documents
 * share one transaction, which is several times faster for many documents:
 * each commit makes the full-text index write and merge its segments.
 * Nothing in a batch is durable or visible to other connections before
 * ds_store_commit.  If adding a document fails inside a batch, or the
 * commit fails, the whole batch is rolled back and ended: the caller adds
 * its documents again, one transaction each, so that one bad document
 * never takes others down with it.  Without a batch, every
 * ds_store_add_document is a transaction of its own. */
ds_status ds_store_begin(ds_store *s, ds_error *err);
ds_status ds_store_commit(ds_store *s, ds_error *err);
void ds_store_rollback(ds_store *s);
bool ds_store_in_batch(const ds_store *s);

/* Loads one document; with_text also loads its text, sentences and mentions. */
ds_status ds_store_get_document(ds_store *s, int64_t id, bool with_text, ds_document *out,
                                ds_error *err);

typedef struct ds_doc_filter {
    const char *source; /* a canonical source name; NULL for all */
    const char *from;   /* ISO dates; documents whose range overlaps */
    const char *to;
} ds_doc_filter;

/* Calls cb for each document's metadata (no text) in id order; a non-zero
 * return from cb stops the walk. */
typedef int (*ds_document_cb)(void *ud, const ds_document *doc);
ds_status ds_store_each_document(ds_store *s, const ds_doc_filter *filter, ds_document_cb cb,
                                 void *ud, ds_error *err);

typedef struct ds_search_query {
    const char *query;      /* words, "quoted phrases", OR, NOT, prefix* */
    ds_doc_filter filter;
    size_t limit;           /* 0 means 20 */
    size_t offset;
    const char *mark_open;  /* put around matched words in the snippet */
    const char *mark_close;
} ds_search_query;

typedef struct ds_search_hit {
    int64_t doc_id;
    int64_t sentence;   /* the sentence's index in its document */
    size_t start, end;  /* its byte span in the document's text */
    const char *kind;
    const char *snippet; /* the sentence with matches marked */
    const char *file;
    const char *title;
    const char *source;
    ds_date published;
} ds_search_hit;

typedef int (*ds_search_cb)(void *ud, const ds_search_hit *hit);
/* Full-text search over sentences, best matches first.  *total (if not
 * NULL) receives the number of matching sentences. */
ds_status ds_store_search(ds_store *s, const ds_search_query *q, ds_search_cb cb, void *ud,
                          size_t *total, ds_error *err);

/* A stored claim, as the link stage reads it.  value is the claim's JSON
 * object (DESIGN.md §5); the strings are valid only during the callback. */
typedef struct ds_claim_record {
    int64_t id;
    int64_t doc_id;
    size_t sentence;
    size_t start, end;
    const char *value;
} ds_claim_record;

typedef int (*ds_claim_cb)(void *ud, const ds_claim_record *c);
/* Calls cb for every claim in id order; a non-zero return stops the walk.
 * *total (if not NULL) first receives the number of claims. */
ds_status ds_store_each_claim(ds_store *s, ds_claim_cb cb, void *ud, size_t *total,
                              ds_error *err);

/* An incident of the link stage.  The columns a register filters on are
 * fields of their own; value is the whole incident as a JSON object shaped
 * as in DESIGN.md §5 (claims included).  ids are 1.. in the order the
 * incidents are stored, and parent is 0 or the id of an earlier one. */
typedef struct ds_incident_record {
    int64_t id;
    int64_t parent;
    bool episode;           /* spans a region over days; may have children */
    const char *event_type, *sub_event_type;
    const char *date_start, *date_end, *precision; /* ISO dates; NULL when undated */
    const char *country, *admin1, *place;
    const char *status;     /* "single-source", "corroborated", "contested" */
    int origins;            /* independent origins */
    int documents;
    const char *groups;     /* "|Alawite|Ismaili|": every group, for filtering */
    const char *value;      /* the incident's JSON object */
    const int64_t *claims;  /* its claims' ids (not filled when reading) */
    size_t n_claims;
    /* Read only: the killed figure of value (figures.killed low, high and
     * best; a member that is not a number is 0), which the store keeps in
     * columns of its own when it stores value, so that a page of the
     * register shows it without parsing each incident's JSON.  has_killed
     * is false when value has no killed object. */
    bool has_killed;
    double killed_low, killed_high, killed_best;
} ds_incident_record;

/* Replaces every stored incident by these, in one transaction: readers see
 * the old set or the new one, never a mix. */
ds_status ds_store_replace_incidents(ds_store *s, const ds_incident_record *v, size_t n,
                                     ds_error *err);

typedef struct ds_incident_filter {
    const char *type;     /* event type or sub-type, case-insensitive substring */
    const char *from;     /* ISO dates: incidents whose dates overlap */
    const char *to;
    const char *admin1;   /* substrings, case-insensitive */
    const char *place;
    const char *group;    /* one identity group, exactly */
    const char *actor;    /* an actor's name, case-insensitive substring */
    const char *status;
    int min_origins;
} ds_incident_filter;

typedef int (*ds_incident_cb)(void *ud, const ds_incident_record *r);
/* Calls cb for each incident matching the filter (NULL for all), in id
 * order; records are valid only during the call. */
ds_status ds_store_each_incident(ds_store *s, const ds_incident_filter *filter,
                                 ds_incident_cb cb, void *ud, ds_error *err);
/* One page of the incidents matching the filter (NULL for all), in id
 * order: cb is called for at most limit of them, after the first offset
 * are skipped, and *total (if not NULL) receives how many match in all.
 * A backend reads only the page's JSON, so a page costs far less than a
 * walk of every incident. */
ds_status ds_store_page_incidents(ds_store *s, const ds_incident_filter *filter, size_t limit,
                                  size_t offset, ds_incident_cb cb, void *ud, size_t *total,
                                  ds_error *err);
/* Calls cb once with incident id; DS_ENOTFOUND when there is none. */
ds_status ds_store_get_incident(ds_store *s, int64_t id, ds_incident_cb cb, void *ud,
                                ds_error *err);

/* A cited work of a document's note (link/citation.h reads and resolves
 * them).  to is the cited document, or 0 when it is not in the dossier. */
typedef struct ds_citation_record {
    int64_t from, to;
    size_t sentence;       /* the note's sentence index in from */
    const char *note;      /* the footnote's number, or NULL */
    const char *text;      /* the cited work as written */
    const char *author, *title, *publisher, *url;
    ds_date date;
    double score;          /* how well `to` matched, 0..1 */
} ds_citation_record;

/* A sentence that may cite: a footnote or reference entry, or another
 * sentence holding a link.  Valid during the callback only. */
typedef struct ds_note_record {
    int64_t doc_id;
    size_t sentence;
    bool footnote;
    const char *text;
    size_t len;
} ds_note_record;

typedef int (*ds_note_cb)(void *ud, const ds_note_record *n);
/* Calls cb for each such sentence, by document and sentence order. */
ds_status ds_store_each_note(ds_store *s, ds_note_cb cb, void *ud, ds_error *err);
/* Replaces every stored citation, in one transaction. */
ds_status ds_store_replace_citations(ds_store *s, const ds_citation_record *v, size_t n,
                                     ds_error *err);
typedef int (*ds_citation_cb)(void *ud, const ds_citation_record *c);
ds_status ds_store_each_citation(ds_store *s, ds_citation_cb cb, void *ud, ds_error *err);

/* A place mention whose text contradicts the gazetteer (its warning). */
typedef struct ds_place_warning {
    int64_t doc_id;
    size_t start, end;
    const char *warning;
} ds_place_warning;
typedef int (*ds_place_warning_cb)(void *ud, const ds_place_warning *w);
ds_status ds_store_each_place_warning(ds_store *s, ds_place_warning_cb cb, void *ud,
                                      ds_error *err);

/* One human decision of the review log (DESIGN.md §3, Review event).  The
 * log is append-only: the store refuses to change or delete an event.
 * Claims are named by their identity (ds_store_claim_key), not by row id,
 * so that a decision still finds its claims after any re-link. */
typedef struct ds_review_event {
    int64_t id;             /* set when stored */
    const char *at;         /* UTC time; NULL: now, set when stored
                             * (a migration passes the original time) */
    const char *user;
    const char *action;     /* confirm, reject, merge, split, edit */
    const char *target;     /* what the user named: "c12", "i3 i5" */
    const char *claims;     /* JSON array of claim keys */
    const char *others;     /* merge: the second incident's; split: those left */
    const char *field, *before, *after, *why;
} ds_review_event;

ds_status ds_store_add_review(ds_store *s, ds_review_event *e, ds_error *err);
typedef int (*ds_review_cb)(void *ud, const ds_review_event *e);
/* Every review event, oldest first. */
ds_status ds_store_each_review(ds_store *s, ds_review_cb cb, void *ud, ds_error *err);
/* A claim's identity: its document's sha256, its span and its rank among
 * claims of that span ("<sha256>:<start>-<end>:<k>"); DS_ENOTFOUND. */
ds_status ds_store_claim_key(ds_store *s, int64_t claim_id, char *key, size_t size,
                             ds_error *err);
/* The claim with that identity now; *id is 0 when there is none. */
ds_status ds_store_claim_by_key(ds_store *s, const char *key, int64_t *id, ds_error *err);
/* The incident that holds a claim now, *incident 0 when none does (the
 * claim was rejected or left out by the link); DS_ENOTFOUND without the
 * claim.  A decision re-links the register, which numbers the incidents
 * afresh while claims keep their ids, so this is how a claim is followed. */
ds_status ds_store_claim_incident(ds_store *s, int64_t claim_id, int64_t *incident,
                                  ds_error *err);
/* The claims incident id holds, ds_malloc'd; DS_ENOTFOUND without it. */
ds_status ds_store_incident_claims(ds_store *s, int64_t incident, int64_t **ids, size_t *n,
                                   ds_error *err);

/* A name the register uses (a place, an actor or a group named by a
 * stored claim) and how like the query it is: pg_trgm's similarity of the
 * two folded strings (names.c), 0..1. */
typedef struct ds_name_hit {
    const char *kind; /* "place", "actor" or "group" */
    const char *name;
    double score;
} ds_name_hit;

typedef int (*ds_name_cb)(void *ud, const ds_name_hit *h);
/* The names of one kind (NULL: all) at least DS_NAME_MIN_SCORE like
 * query, best first (then by name and kind), at most limit of them;
 * both backends give the same list. */
#define DS_NAME_MIN_SCORE 0.3
ds_status ds_store_names(ds_store *s, const char *kind, const char *query, size_t limit,
                         ds_name_cb cb, void *ud, ds_error *err);

typedef struct ds_store_stats {
    size_t documents;
    size_t sentences;
    size_t sources;
    size_t text_bytes;
} ds_store_stats;

ds_status ds_store_stats_get(ds_store *s, ds_store_stats *out, ds_error *err);

/* The schema version this build writes. */
int ds_store_schema_version(void);

#endif
