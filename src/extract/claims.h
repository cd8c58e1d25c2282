/* claims.h: assembling claims from a document's mentions (the extract
 * stage, DESIGN.md §2 and §3 "Claim").
 *
 * A claim is what one sentence of one document asserts about one event:
 * the event type from its trigger, who did it to whom, the groups hit, the
 * counts with their roles, where and when (from the sentence, or carried
 * from the sentences before it), who the document relays, and whether it
 * hedges or states a pattern rather than one event.
 *
 * Ownership: claims and their arrays are allocated from the caller's arena
 * and point into the inputs (mentions, lexicons), which must outlive them.
 */
#ifndef DS_EXTRACT_CLAIMS_H
#define DS_EXTRACT_CLAIMS_H
#include "model.h"
#include "recognize/events.h"
#include "recognize/places.h"
#include "recognize/quantity.h"
#include "recognize/time.h"

/* Everything the recognize stage found in one text. */
typedef struct ds_recognized {
    const char *text;
    const ds_sentence *sentences;
    size_t n_sentences;
    const ds_place_mention *places;
    size_t n_places;
    const ds_time_mention *times;
    size_t n_times;
    const ds_quantity *quantities;
    size_t n_quantities;
    const ds_ev_scan *scan;
    const ds_events *lexicon;
    ds_date published;   /* DS_PREC_NONE when unknown */
} ds_recognized;

typedef struct ds_claim_actor {
    const char *name, *type;
    bool armed;              /* an actor type that fights */
    size_t start, end;
} ds_claim_actor;

typedef struct ds_claim_count {
    bool set;
    double value, low, high; /* low/high NAN when unbounded */
    const char *qualifier;
} ds_claim_count;

enum { DS_CLAIM_MAX_GROUPS = 8 };

typedef struct ds_claim_info {
    size_t sentence;             /* index into the sentences */
    size_t start, end;           /* the evidence: the sentence's span */
    const ds_trigger *trigger;
    size_t trigger_start, trigger_end;
    const char *event_type, *sub_event_type;
    const ds_time_mention *date; /* NULL when unknown */
    bool date_carried;           /* set by an earlier sentence */
    const ds_place_mention *place;
    bool place_carried;
    ds_claim_actor perpetrator, target; /* name NULL when unknown */
    const char *groups[DS_CLAIM_MAX_GROUPS];
    size_t n_groups;
    ds_claim_count counts[DS_ROLE_DISPLACED + 1]; /* by ds_count_role */
    const char *attributed_to;   /* the source relayed, or NULL */
    size_t attribution_start, attribution_end; /* "according to SOHR" */
    bool hedged, generic;
} ds_claim_info;

/* Assembles the claims of one text, in text order, into an arena array. */
ds_status ds_claims_assemble(const ds_recognized *r, ds_arena *arena, ds_claim_info **out,
                             size_t *n, ds_error *err);

#endif
