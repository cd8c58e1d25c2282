/* claims_json.h: claims as JSON objects (DESIGN.md §5), and the actor,
 * group, trigger and attribution mentions of the extract stage.
 *
 * Each function appends one object to a JSON writer (core/jsonw.h: errors
 * latch in it). */
#ifndef DS_EXTRACT_CLAIMS_JSON_H
#define DS_EXTRACT_CLAIMS_JSON_H
#include "extract/claims.h"
#include "gazetteer/gazetteer.h"
#include "jsonw.h"

/* id is the claim's number within its document ("c3"); gz resolves the
 * claim's place and may be NULL when there is none. */
void ds_claim_write(ds_jw *w, const ds_gazetteer *gz, const char *text, const ds_claim_info *c,
                    size_t id);
/* A lexicon mark as a mention (kind actor, group or trigger); false, with
 * nothing written, for a cue or a source, which are not mentions by
 * themselves. */
bool ds_mark_write(ds_jw *w, const ds_events *lx, const char *text, const ds_ev_scan *sc,
                   const ds_ev_mark *m);
/* The attribution of a claim as a mention (kind attribution). */
void ds_attribution_write(ds_jw *w, const char *text, const ds_claim_info *c);

#endif
