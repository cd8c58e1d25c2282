/* claims_int.h: one sentence as the claim rules see it (internal to the
 * extract stage). */
#ifndef DS_EXTRACT_CLAIMS_INT_H
#define DS_EXTRACT_CLAIMS_INT_H
#include "extract/claims.h"

typedef struct ds__sent {
    const ds_recognized *r;
    const char *text;
    size_t start, end;        /* byte span */
    const ds__pw *words;      /* the whole text's words */
    size_t w0, w1;            /* this sentence's words */
    const ds_ev_mark *marks;  /* the whole text's marks */
    size_t m0, m1;            /* this sentence's marks */
    bool *in_attribution;     /* by mark - m0: part of "according to X" */
    unsigned cues;            /* bit 1 << ds_cue of each cue among the marks */
    int32_t published;        /* the publication date in days, INT32_MIN when none */
    /* The mentions that start inside the sentence. */
    const ds_place_mention *places;
    size_t n_places;
    const ds_time_mention *times;
    size_t n_times;
    const ds_quantity *quantities;
    size_t n_quantities;
} ds__sent;

/* Finds who the sentence relays ("according to SOHR", "Reuters reported")
 * and marks the words of that phrase so they are not taken as actors. */
void ds__claims_attribution(ds__sent *s, ds_arena *arena, ds_claim_info *c);
/* The claims of one sentence, without place and date, into out[0..max);
 * returns how many (0 when it reports no event). */
size_t ds__claim_sentence(ds__sent *s, ds_arena *arena, ds_claim_info *out, size_t max);
bool ds__claims_has_cue(const ds__sent *s, ds_cue cue);

#endif
