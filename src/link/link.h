/* link.h: claims into incidents across documents (DESIGN.md §2 "link").
 *
 * A linker is given the documents' metadata and their claims (as the JSON
 * objects the extract stage stores), groups the claims that describe one
 * event into incidents, makes region-wide episodes the parents of the
 * town-level incidents they contain, and assesses each incident: figures
 * by document, independent origins, status and contradictions.  It knows
 * nothing of storage: the result is a list of ds_incident_record that the
 * caller hands to ds_store_replace_incidents.
 *
 * The weights and thresholds are read from data/link_policy.tsv.
 *
 * The result depends on the content given, not on ids or the order of
 * the calls: documents are ordered by sha256 and claims by document, span
 * and JSON before linking (link_order.c), and every tie falls by that
 * order.  Ids appear only in the records' labels ("d12", "c40").
 *
 * Ownership: a ds_link_policy owns its strings; a ds_linker borrows its
 * policy and registry (both must outlive it) and owns copies of everything
 * it is given and every record it returns; records stay valid until
 * ds_linker_free.
 */
#ifndef DS_LINK_H
#define DS_LINK_H

#include "model.h"
#include "sources/sources.h"
#include "store/store.h"

typedef struct ds_link_policy ds_link_policy;

/* Loads path, or data/link_policy.tsv through ds_data_path when NULL. */
ds_status ds_link_policy_load(ds_link_policy **out, const char *path, ds_error *err);
/* Parses policy text in memory; name is used in messages. */
ds_status ds_link_policy_parse(ds_link_policy **out, const char *text, size_t len,
                               const char *name, ds_error *err);
void ds_link_policy_free(ds_link_policy *p);

typedef struct ds_linker ds_linker;

/* registry (may be NULL) resolves attributions ("according to SOHR") to
 * the canonical names of known sources. */
ds_status ds_linker_new(ds_linker **out, const ds_link_policy *policy,
                        const ds_registry *registry, ds_error *err);
void ds_linker_free(ds_linker *l);

/* Every document whose claims are added must be added first (its id,
 * publisher, author and publication date are read). */
ds_status ds_linker_add_document(ds_linker *l, const ds_document *doc, ds_error *err);
/* One stored claim: its id, its document's id and its JSON object.  A
 * claim that is not such an object is an error naming the claim. */
ds_status ds_linker_add_claim(ds_linker *l, int64_t claim_id, int64_t doc_id, const char *json,
                              ds_error *err);
/* Declares that document `from` cites document `to` (a footnote or a
 * reference resolved to it, citation.h).  In an incident, from's own
 * reporting counts as the origin of the documents it cites that tell the
 * incident too, or, when none does and it cites just one, as that one's:
 * a copy is not a second witness.  A document may cite several. */
ds_status ds_linker_add_relay(ds_linker *l, int64_t from, int64_t to, ds_error *err);

/* A place mention of document doc at [start, end) that the text puts in
 * another division than the gazetteer (the mention's warning); an
 * incident whose claim's sentence holds it lists it as a contradiction. */
ds_status ds_linker_add_place_warning(ds_linker *l, int64_t doc, size_t start, size_t end,
                                      const char *warning, ds_error *err);

/* A human decision of the review log, with its claims named by their
 * current ids (claims no longer stored are left out by the caller).
 * Decisions are given oldest first; a later one wins over an earlier. */
typedef enum ds_review_action {
    DS_REVIEW_CONFIRM, /* claims[0] is right as extracted */
    DS_REVIEW_REJECT,  /* claims[0] is wrong: it joins no incident */
    DS_REVIEW_MERGE,   /* claims and others are one incident */
    DS_REVIEW_SPLIT,   /* claims are an incident apart from others */
    DS_REVIEW_EDIT,    /* the incident holding most of claims has field = value */
} ds_review_action;

typedef struct ds_review_decision {
    ds_review_action action;
    const int64_t *claims;
    size_t n_claims;
    const int64_t *others;
    size_t n_others;
    const char *field; /* edit: event_type, sub_event_type, date, place, admin1, status */
    const char *value;
} ds_review_decision;

/* Whether an edit's field and value are acceptable; a message otherwise. */
ds_status ds_review_check_edit(const char *field, const char *value, ds_error *err);
ds_status ds_linker_add_decision(ds_linker *l, const ds_review_decision *d, ds_error *err);

/* Called now and then while linking: what is being done, how far. */
typedef void (*ds_link_progress_fn)(void *ud, const char *phase, size_t done, size_t total);

/* Links every claim added.  May be called once. */
ds_status ds_linker_run(ds_linker *l, ds_link_progress_fn progress, void *ud, ds_error *err);

/* The incidents found, parents before their children; record i has id
 * i + 1.  Valid until ds_linker_free. */
size_t ds_linker_count(const ds_linker *l);
const ds_incident_record *ds_linker_record(const ds_linker *l, size_t i);
/* How many claims were linked into some incident, how many were left out
 * (generic, or without date and place), and how many a reviewer rejected
 * (rejected may be NULL). */
void ds_linker_totals(const ds_linker *l, size_t *linked, size_t *left_out, size_t *rejected);

/* One decision of `dossier review` or POST /api/review, recorded in the
 * review log.  body is a JSON object with "action" and what it needs:
 *   {"action": "confirm" | "reject", "claim": "c12"}
 *   {"action": "merge", "incidents": ["i3", "i5"]}
 *   {"action": "split", "incident": "i7", "claims": ["c40", "c41"]}
 *   {"action": "edit", "incident": "i7", "field": "date", "value": "2025-03-06"}
 * and optionally "why" (required for edit) and "user"; user is who decides
 * when the body names no one.  Writes {"event", "action", "target", "user"}
 * into out; DS_EINVAL for a malformed request (err says why), DS_ENOTFOUND
 * for an unknown claim or incident.  The caller links again afterwards. */
ds_status ds_review_request(ds_store *s, const char *body, size_t len, const char *user,
                            ds_buf *out, ds_error *err);

#endif
