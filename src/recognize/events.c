/* events.c: building the event lexicons and finding their phrases in text. */
#include <string.h>

#include "jsonw.h"
#include "recognize/events_int.h"

static const char *const files[] = {"event_triggers.tsv", "actors.tsv", "identity_groups.tsv",
                                    "claim_cues.tsv"};

static ds_status create(ds_events **out, ds_error *err)
{
    *out = NULL;
    ds_events *ev = ds_calloc(1, sizeof *ev);
    if (!ev)
        return ds_error_set(err, DS_ENOMEM, "out of memory for the event lexicons");
    ev->arena = ds_arena_new(16u << 20);
    if (!ev->arena || ds__pb_new(&ev->pb, err) != DS_OK) {
        ds_events_free(ev);
        return ds_error_set(err, DS_ENOMEM, "out of memory for the event lexicons");
    }
    *out = ev;
    return DS_OK;
}

/* Copies the members w wrote, after the "{" that members_begin opened,
 * into the lexicon's arena; NULL when memory runs out. */
static const char *members_copy(ds_events *ev, ds_jw *w)
{
    const char *s =
        w->st == DS_OK ? ds_arena_strndup(ev->arena, w->b->p + 1, w->b->len - 1) : NULL;
    ds_buf_reset(w->b);
    ds_jw_init(w, w->b);
    ds_jw_object(w);
    return s;
}

/* Writes each entry's mention members once (see events.h), each inside an
 * object that is never closed, as they go inside the mention's. */
static ds_status render_members(ds_events *ev, ds_error *err)
{
    ds_buf b;
    ds_buf_init(&b, 1 << 16);
    ds_jw w;
    ds_jw_init(&w, &b);
    ds_jw_object(&w);
    bool ok = true;
    for (size_t i = 0; ok && i < ev->n_triggers; i++) {
        ds_trigger *t = &ev->triggers[i];
        ds_jw_kstr(&w, "lemma", t->lemma);
        ds_jw_kstr(&w, "event_type", t->type);
        ds_jw_kstr(&w, "sub_event_type", t->sub_type);
        ok = (t->json = members_copy(ev, &w)) != NULL;
    }
    for (size_t i = 0; ok && i < ev->n_actors; i++) {
        ds_actor *a = &ev->actors[i];
        ds_jw_kstr(&w, "name", a->name);
        ds_jw_kstr(&w, "type", a->type);
        ds_jw_kbool(&w, "generic", a->generic);
        ok = (a->json = members_copy(ev, &w)) != NULL;
    }
    for (size_t i = 0; ok && i < ev->n_groups; i++) {
        ds_group *g = &ev->groups[i];
        ds_jw_kstr(&w, "name", g->name);
        ok = (g->json = members_copy(ev, &w)) != NULL;
    }
    ds_buf_free(&b);
    return ok ? DS_OK : ds_error_set(err, DS_ENOMEM, "out of memory for the event lexicons");
}

ds_status ds_events_new(ds_events **out, const ds_registry *registry, ds_error *err)
{
    ds_events *ev;
    if (create(&ev, err) != DS_OK)
        return err->code;
    ds_status rc = DS_OK;
    for (int i = 0; i < 4 && rc == DS_OK; i++)
        rc = ds__events_load_tsv(ev, i, NULL, files[i], err);
    if (rc == DS_OK)
        rc = ds__events_wordnet(ev, err);
    if (rc == DS_OK)
        rc = ds__events_add_sources(ev, registry, err);
    if (rc == DS_OK)
        rc = render_members(ev, err);
    if (rc != DS_OK) {
        ds_events_free(ev);
        return rc;
    }
    *out = ev;
    return DS_OK;
}

ds_status ds_events_parse(ds_events **out, const char *triggers_tsv, const char *actors_tsv,
                          const char *groups_tsv, const char *cues_tsv, ds_error *err)
{
    ds_events *ev;
    if (create(&ev, err) != DS_OK)
        return err->code;
    const char *texts[] = {triggers_tsv, actors_tsv, groups_tsv, cues_tsv};
    ds_status rc = DS_OK;
    for (int i = 0; i < 4 && rc == DS_OK; i++)
        if (texts[i])
            rc = ds__events_load_tsv(ev, i, texts[i], files[i], err);
    if (rc == DS_OK)
        rc = render_members(ev, err);
    if (rc != DS_OK) {
        ds_events_free(ev);
        return rc;
    }
    *out = ev;
    return DS_OK;
}

void ds_events_free(ds_events *ev)
{
    if (!ev)
        return;
    ds__pb_free(ev->pb);
    ds_free(ev->triggers);
    ds_free(ev->actors);
    ds_free(ev->groups);
    ds_arena_free(ev->arena);
    ds_free(ev);
}

const ds_trigger *ds_events_trigger(const ds_events *ev, uint32_t i)
{
    return i < ev->n_triggers ? &ev->triggers[i] : NULL;
}

const ds_actor *ds_events_actor(const ds_events *ev, uint32_t i)
{
    return i < ev->n_actors ? &ev->actors[i] : NULL;
}

const ds_group *ds_events_group(const ds_events *ev, uint32_t i)
{
    return i < ev->n_groups ? &ev->groups[i] : NULL;
}

const char *ds_events_source(const ds_events *ev, uint32_t i)
{
    return i < ev->n_sources ? ev->sources[i] : NULL;
}

/* ---- scanning -------------------------------------------------------------- */

static bool caps_word(const char *text, const ds__pw *w)
{
    for (uint32_t i = w->start; i < w->end; i++)
        if (text[i] >= 'a' && text[i] <= 'z')
            return false;
    return true;
}

/* Names of organisations and groups are capitalised in Latin script:
 * "Public Security" is a force, "public security" a concern.  Words in
 * other scripts have no case and pass. */
static bool capitalised(const char *text, const ds__pw *w)
{
    unsigned char c = (unsigned char)text[w->start];
    return w->cap || c >= 0x80 || (c >= '0' && c <= '9');
}

static bool entry_fits(const ds_events *ev, const char *text, const ds__pw *w, size_t i,
                       size_t end, const ds__pb_entry *e)
{
    if (e->value & DS__EV_CAPS) {
        for (size_t k = i; k < end; k++)
            if (!caps_word(text, &w[k]))
                return false;
    }
    if (e->kind == DS_EV_GROUP || e->kind == DS_EV_SOURCE)
        return capitalised(text, &w[i]);
    if (e->kind == DS_EV_ACTOR)
        return ev->actors[DS__EV_INDEX(e->value)].generic || capitalised(text, &w[i]);
    return true;
}

static bool skipped(const ds_span *skip, size_t n_skip, size_t *k, uint32_t pos)
{
    while (*k < n_skip && skip[*k].end <= pos)
        (*k)++;
    return *k < n_skip && skip[*k].start <= pos;
}

static ds_status push(ds_ev_scan *s, size_t *cap, ds_arena *a, ds_ev_mark m, ds_error *err)
{
    if (s->n_marks == *cap) {
        size_t ncap = *cap ? *cap * 2 : 64;
        if (ncap > (1u << 24))
            return ds_error_set(err, DS_ETOOBIG, "more than %u lexicon phrases in one text",
                                1u << 24);
        ds_ev_mark *grown = ds_arena_alloc(a, ncap * sizeof *grown);
        if (!grown)
            return ds_error_set(err, DS_ENOMEM, "out of memory for lexicon phrases");
        if (s->n_marks)
            memcpy(grown, s->marks, s->n_marks * sizeof *grown);
        s->marks = grown;
        *cap = ncap;
    }
    s->marks[s->n_marks++] = m;
    return DS_OK;
}

ds_status ds_events_scan(const ds_events *ev, const char *text, size_t len, const ds_span *skip,
                         size_t n_skip, ds_arena *arena, ds_ev_scan *out, ds_error *err)
{
    *out = (ds_ev_scan){0};
    if (ds__pb_words(ev->pb, text, len, arena, &out->words, &out->n_words, err) != DS_OK)
        return err->code;
    const unsigned all = (1u << DS_EV_KINDS) - 1;
    size_t cap = 0, k = 0;
    const ds__pw *w = out->words;
    for (size_t i = 0; i < out->n_words;) {
        if (w[i].id < 0) { /* most words are in no lexicon */
            i++;
            continue;
        }
        size_t end;
        const ds__pb_entry *e = ds__pb_match(ev->pb, w, out->n_words, i, all, &end);
        bool in_date = e && skipped(skip, n_skip, &k, w[i].start);
        bool any = false;
        for (; e; e = e->next) {
            if ((in_date && e->kind == DS_EV_TRIGGER) || !entry_fits(ev, text, w, i, end, e))
                continue;
            ds_ev_mark m = {.w = (uint32_t)i, .w_end = (uint32_t)end, .kind = (ds_ev_kind)e->kind,
                            .value = e->kind == DS_EV_CUE ? e->value : DS__EV_INDEX(e->value),
                            .form = (uint8_t)((e->value >> 24) & 0xF)};
            if (push(out, &cap, arena, m, err) != DS_OK)
                return err->code;
            any = true;
        }
        i = any ? end : i + 1;
    }
    return DS_OK;
}
