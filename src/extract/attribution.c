/* attribution.c: who a sentence relays.  "According to X" names the source
 * outright; "X said" or "X told" names it beside a reporting verb; and a
 * known publisher or monitor anywhere in an event sentence is taken as its
 * source, since reports name them for nothing else. */
#include <string.h>

#include "extract/claims_int.h"

enum { SOURCE_WORDS_MAX = 6 };

static const char *mark_name(const ds__sent *s, const ds_ev_mark *m)
{
    const ds_events *lx = s->r->lexicon;
    if (m->kind == DS_EV_SOURCE)
        return ds_events_source(lx, m->value);
    if (m->kind == DS_EV_ACTOR && !ds_events_actor(lx, m->value)->generic)
        return ds_events_actor(lx, m->value)->name;
    return NULL;
}

/* The first source or named actor starting within `most` words of w. */
static size_t named_after(const ds__sent *s, size_t w, size_t most)
{
    for (size_t k = s->m0; k < s->m1; k++) {
        const ds_ev_mark *m = &s->marks[k];
        if (m->w >= w && m->w - w <= most && mark_name(s, m))
            return k;
    }
    return SIZE_MAX;
}

static size_t named_before(const ds__sent *s, size_t w, size_t most)
{
    size_t best = SIZE_MAX;
    for (size_t k = s->m0; k < s->m1; k++) {
        const ds_ev_mark *m = &s->marks[k];
        if (m->w_end <= w && w - m->w_end <= most && mark_name(s, m))
            best = k;
    }
    return best;
}

static void take(ds__sent *s, size_t k, size_t from_word, ds_claim_info *c)
{
    const ds_ev_mark *m = &s->marks[k];
    c->attributed_to = mark_name(s, m);
    s->in_attribution[k - s->m0] = true;
    size_t a = from_word < m->w ? from_word : m->w;
    size_t b = from_word > m->w_end ? from_word : m->w_end;
    c->attribution_start = s->words[a].start;
    c->attribution_end = s->words[b - 1].end;
}

/* "according to local activists": no lexicon names them, so the words up
 * to the next punctuation are the source as written. */
static void take_words(ds__sent *s, size_t w, ds_arena *arena, ds_claim_info *c, size_t cue)
{
    size_t e = w;
    while (e < s->w1 && !s->words[e].punct && e - w < SOURCE_WORDS_MAX)
        e++;
    if (e == w)
        return;
    size_t start = s->words[w].start, end = s->words[e - 1].end;
    c->attributed_to = ds_arena_strndup(arena, s->text + start, end - start);
    c->attribution_start = s->words[cue].start;
    c->attribution_end = end;
}

void ds__claims_attribution(ds__sent *s, ds_arena *arena, ds_claim_info *c)
{
    for (size_t k = s->m0; k < s->m1; k++) {
        const ds_ev_mark *m = &s->marks[k];
        if (m->kind != DS_EV_CUE)
            continue;
        if (m->value == DS_CUE_SOURCE) {
            size_t x = named_after(s, m->w_end, 2);
            if (x != SIZE_MAX)
                take(s, x, m->w, c);
            else
                take_words(s, m->w_end, arena, c, m->w);
            return;
        }
        if (m->value == DS_CUE_SAID) {
            size_t x = named_before(s, m->w, 2);
            if (x == SIZE_MAX)
                x = named_after(s, m->w_end, 1);
            if (x != SIZE_MAX) {
                take(s, x, x < k ? m->w_end : m->w, c);
                return;
            }
        }
    }
    for (size_t k = s->m0; k < s->m1; k++)
        if (s->marks[k].kind == DS_EV_SOURCE) {
            take(s, k, s->marks[k].w, c);
            return;
        }
}
