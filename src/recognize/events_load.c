/* events_load.c: reading the trigger, actor, group and cue lexicons, and
 * spelling out the forms of each trigger word. */
#include <stdio.h>
#include <string.h>

#include "recognize/events_int.h"

static const char *const event_types[] = {
    "Explosions/Remote violence", "Battles", "Violence against civilians", "Riots",
    "Protests", "Strategic developments", "Other",
};

static const char *const actor_types[] = {
    "State forces", "Rebel group", "Political militia", "Identity militia",
    "Rioters", "Protesters", "Civilians", "External/Other",
};

static const char *const cue_names[DS_CUE_COUNT] = {
    [DS_CUE_SOURCE] = "source", [DS_CUE_SAID] = "said", [DS_CUE_HEDGE] = "hedge",
    [DS_CUE_NEGATION] = "negation", [DS_CUE_GENERIC] = "generic",
    [DS_CUE_IRREALIS] = "irrealis", [DS_CUE_STATISTIC] = "statistic",
    [DS_CUE_HISTORY] = "history", [DS_CUE_AGENT] = "agent", [DS_CUE_BE] = "be",
    [DS_CUE_LOCATIVE] = "locative",
};

static int index_of(const char *const *list, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (list[i] && strcmp(list[i], s) == 0)
            return (int)i;
    return -1;
}

static const char *dup(ds_events *ev, const char *s, ds_error *err)
{
    char *d = ds_arena_strdup(ev->arena, s);
    if (!d)
        ds_error_set(err, DS_ENOMEM, "out of memory for the event lexicons");
    return d;
}

static bool all_caps(const char *s)
{
    size_t letters = 0;
    for (; *s; s++) {
        if (*s >= 'a' && *s <= 'z')
            return false;
        letters += *s >= 'A' && *s <= 'Z';
    }
    return letters >= 2;
}

/* Adds one spelling of a name; an abbreviation in capitals ("KIA", "PDF")
 * only matches text in capitals, so it is marked. */
static ds_status add_name(ds_events *ev, const char *s, ds_ev_kind kind, uint32_t value,
                          ds_error *err)
{
    uint32_t v = value | (all_caps(s) ? DS__EV_CAPS : 0);
    return ds__pb_add(ev->pb, s, strlen(s), (int)kind, v, err);
}

/* ---- triggers and their word forms --------------------------------------- */

static bool vowel(char c)
{
    return c && strchr("aeiou", c);
}

/* True for words ending consonant-vowel-consonant ("kidnap", "stab"), whose
 * final letter English may double before -ed and -ing. */
static bool doubles(const char *w, size_t n)
{
    return n >= 3 && !vowel(w[n - 1]) && !strchr("wxy", w[n - 1]) && vowel(w[n - 2]) &&
           !vowel(w[n - 3]);
}

static bool sibilant(const char *w, size_t n)
{
    return (n >= 1 && strchr("sxz", w[n - 1])) ||
           (n >= 2 && (w[n - 1] == 'h' && (w[n - 2] == 'c' || w[n - 2] == 's')));
}

static ds_status add_form(ds_events *ev, const char *head, size_t hn, const char *suffix,
                          const char *rest, uint32_t value, int form, ds_error *err)
{
    char buf[256];
    int m = snprintf(buf, sizeof buf, "%.*s%s%s", (int)hn, head, suffix, rest);
    if (m < 0 || (size_t)m >= sizeof buf)
        return ds_error_set(err, DS_EINVAL, "trigger phrase \"%s%s\" is too long", head, rest);
    return ds__pb_add(ev->pb, buf, (size_t)m, DS_EV_TRIGGER, value | ((uint32_t)form << 24), err);
}

/* The regular forms of a verb: the phrase's first word inflected. */
static ds_status add_verb(ds_events *ev, const char *phrase, uint32_t value, ds_error *err)
{
    size_t n = strcspn(phrase, " ");
    const char *rest = phrase + n;
    bool e = phrase[n - 1] == 'e', y = n >= 2 && phrase[n - 1] == 'y' && !vowel(phrase[n - 2]);
    size_t stem = (e || y) ? n - 1 : n;
    ds_status rc = add_form(ev, phrase, n, "", rest, value, DS_FORM_BASE, err);
    if (rc == DS_OK)
        rc = add_form(ev, phrase, y ? stem : n, y ? "ies" : sibilant(phrase, n) ? "es" : "s",
                      rest, value, DS_FORM_S, err);
    if (rc == DS_OK)
        rc = add_form(ev, phrase, stem, y ? "ied" : "ed", rest, value, DS_FORM_PAST, err);
    if (rc == DS_OK)
        rc = add_form(ev, phrase, e && n >= 2 && phrase[n - 2] != 'e' ? stem : n, "ing", rest,
                      value, DS_FORM_ING, err);
    if (rc == DS_OK && doubles(phrase, n)) {
        char twice[3] = {phrase[n - 1], 0, 0};
        char ed[8], ing[8];
        snprintf(ed, sizeof ed, "%sed", twice);
        snprintf(ing, sizeof ing, "%sing", twice);
        rc = add_form(ev, phrase, n, ed, rest, value, DS_FORM_PAST, err);
        if (rc == DS_OK)
            rc = add_form(ev, phrase, n, ing, rest, value, DS_FORM_ING, err);
    }
    return rc;
}

/* A noun and its plural: the phrase's last word inflected. */
static ds_status add_noun(ds_events *ev, const char *phrase, uint32_t value, ds_error *err)
{
    size_t n = strlen(phrase);
    bool y = n >= 2 && phrase[n - 1] == 'y' && !vowel(phrase[n - 2]);
    ds_status rc = add_form(ev, phrase, n, "", "", value, DS_FORM_NOUN, err);
    if (rc == DS_OK)
        rc = add_form(ev, phrase, y ? n - 1 : n, y ? "ies" : sibilant(phrase, n) ? "es" : "s", "",
                      value, DS_FORM_NOUN, err);
    return rc;
}

/* Makes room for row n of a table of `size`-byte rows. */
static ds_status grow_rows(void **rows, size_t *cap, size_t n, size_t size, const char *what,
                           ds_error *err)
{
    if (n < *cap)
        return DS_OK;
    if (n >= DS__EV_MAX_ROWS)
        return ds_error_set(err, DS_ETOOBIG, "more than %d %s", DS__EV_MAX_ROWS, what);
    void *grown = ds_grow(*rows, cap, n, size);
    if (!grown)
        return ds_error_set(err, DS_ENOMEM, "out of memory for %s", what);
    *rows = grown;
    return DS_OK;
}

static ds_status trigger_row(void *ud, char **f, size_t nf, size_t line, ds_error *err)
{
    ds_events *ev = ud;
    if (nf == 6 && strcmp(f[0], "phrase") == 0)
        return DS_OK;
    if (nf != 6)
        return ds_error_set(err, DS_EFORMAT, "event_triggers.tsv:%zu: expected 6 columns, got %zu",
                            line, nf);
    int rank = index_of(event_types, sizeof event_types / sizeof *event_types, f[2]);
    ds_count_role role = DS_ROLE_NONE;
    if (strcmp(f[5], "-") != 0)
        for (int r = DS_ROLE_KILLED; r <= DS_ROLE_DISPLACED; r++)
            if (strcmp(f[5], ds_count_role_name((ds_count_role)r)) == 0)
                role = (ds_count_role)r;
    if (rank < 0 || !*f[0] || !*f[3] || (strcmp(f[5], "-") != 0 && role == DS_ROLE_NONE) ||
        (strcmp(f[1], "v") && strcmp(f[1], "n") && strcmp(f[1], "-")) ||
        (strcmp(f[4], "violent") && strcmp(f[4], "-")))
        return ds_error_set(err, DS_EFORMAT,
                            "event_triggers.tsv:%zu: bad row (see the column notes at the top)",
                            line);
    if (grow_rows((void **)&ev->triggers, &ev->cap_triggers, ev->n_triggers,
                  sizeof *ev->triggers, "triggers", err) != DS_OK)
        return err->code;
    uint32_t i = (uint32_t)ev->n_triggers;
    ds_trigger *t = &ev->triggers[i];
    *t = (ds_trigger){.rank = rank, .verb = f[1][0] == 'v', .violent = f[4][0] == 'v',
                      .role = role};
    if (!(t->lemma = dup(ev, f[0], err)) || !(t->type = dup(ev, f[2], err)) ||
        !(t->sub_type = dup(ev, f[3], err)))
        return err->code;
    ev->n_triggers++;
    if (f[1][0] == 'v')
        return add_verb(ev, f[0], i, err);
    if (f[1][0] == 'n')
        return add_noun(ev, f[0], i, err);
    /* An exact form listed for machines without WordNet is a past form
     * when its trigger is a verb ("fled", "shot dead"). */
    return add_form(ev, f[0], strlen(f[0]), "", "", i, DS_FORM_PAST, err);
}

/* Reads the first two words of the line at p into form and lemma, as
 * sscanf("%63s %63s") does.  A line of printable ASCII words separated by
 * spaces is read here; any other (one word only, a word too long, other
 * characters) is left to sscanf itself. */
static bool exc_words(const char *p, const char *eol, char form[64], char lemma[64])
{
    char *word[2] = {form, lemma};
    const char *q = p;
    for (int t = 0; t < 2; t++) {
        while (q < eol && (*q == ' ' || *q == '\t'))
            q++;
        size_t n = 0;
        while (q < eol && *q > ' ' && *q < 0x7f && n < 63)
            word[t][n++] = *q++;
        word[t][n] = '\0';
        if (!n || (q < eol && *q != ' ' && *q != '\t'))
            return sscanf(p, "%63s %63s", form, lemma) == 2;
    }
    return true;
}

/* True when a word of letters and digits is the first word of no trigger
 * phrase: every trigger's base form was added, so its first word is a
 * phrasebook word.  This spares comparing most lines of verb.exc with
 * every trigger. */
static bool no_trigger_starts(const ds_events *ev, const char *w)
{
    size_t n = strlen(w);
    for (size_t i = 0; i < n; i++)
        if (!((w[i] >= 'a' && w[i] <= 'z') || (w[i] >= 'A' && w[i] <= 'Z') ||
              (w[i] >= '0' && w[i] <= '9')))
            return false;
    return ds__pb_word_id(ev->pb, w, n) < 0;
}

/* Irregular verb forms from WordNet's verb.exc ("fled flee"): each form of
 * a trigger verb's first word is added as a past form. */
static ds_status add_irregular(ds_events *ev, const char *exc, size_t len, ds_error *err)
{
    const char *p = exc, *end = exc + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *eol = nl ? nl : end;
        char form[64], lemma[64];
        if (eol - p < 120 && exc_words(p, eol, form, lemma) && !no_trigger_starts(ev, lemma)) {
            for (size_t i = 0, n = ev->n_triggers; i < n; i++) {
                const ds_trigger *t = &ev->triggers[i];
                if (!t->verb || t->lemma[0] != lemma[0])
                    continue;
                size_t k = strcspn(t->lemma, " ");
                if (strlen(lemma) != k || strncmp(t->lemma, lemma, k) != 0)
                    continue;
                ds_status rc = add_form(ev, form, strlen(form), "", t->lemma + k, (uint32_t)i,
                                        DS_FORM_PAST, err);
                if (rc != DS_OK)
                    return rc;
            }
        }
        p = eol + 1;
    }
    return DS_OK;
}

ds_status ds__events_wordnet(ds_events *ev, ds_error *err)
{
    const char *dir = getenv("DOSSIER_WORDNET");
    char path[1024];
    snprintf(path, sizeof path, "%s/verb.exc", dir && *dir ? dir : "/usr/share/wordnet");
    char *text = NULL;
    size_t len = 0;
    ds_error ignored = {0};
    /* WordNet is optional: the trigger file lists the irregular forms that
     * matter most, and WordNet adds those of verbs users add. */
    if (ds_read_file(path, 4u << 20, &text, &len, &ignored) != DS_OK)
        return DS_OK;
    ds_status rc = add_irregular(ev, text, len, err);
    ds_free(text);
    return rc;
}

/* ---- actors, groups, cues ------------------------------------------------ */

static ds_status add_aliases(ds_events *ev, const char *name, char *aliases, ds_ev_kind kind,
                             uint32_t value, ds_error *err)
{
    if (add_name(ev, name, kind, value, err) != DS_OK)
        return err->code;
    for (char *save = NULL, *a = strtok_r(aliases, "|", &save); a;
         a = strtok_r(NULL, "|", &save)) {
        a = ds_str_trim(a);
        if (*a && add_name(ev, a, kind, value, err) != DS_OK)
            return err->code;
    }
    return DS_OK;
}

static ds_status actor_row(void *ud, char **f, size_t nf, size_t line, ds_error *err)
{
    ds_events *ev = ud;
    if (nf == 5 && strcmp(f[0], "name") == 0)
        return DS_OK;
    int type = nf == 5 ? index_of(actor_types, 8, f[2]) : -1;
    if (type < 0 || !*f[0] || (strcmp(f[4], "named") && strcmp(f[4], "generic")))
        return ds_error_set(err, DS_EFORMAT,
                            "actors.tsv:%zu: expected name, aliases, one of ACLED's actor types, "
                            "country, named|generic",
                            line);
    if (grow_rows((void **)&ev->actors, &ev->cap_actors, ev->n_actors, sizeof *ev->actors,
                  "actors", err) != DS_OK)
        return err->code;
    ds_actor *a = &ev->actors[ev->n_actors];
    /* Civilians, protesters and rioters are not parties to a battle. */
    *a = (ds_actor){.type = actor_types[type], .generic = f[4][0] == 'g', .armed = type < 4 || type == 7};
    if (!(a->name = dup(ev, f[0], err)) || !(a->country = dup(ev, f[3], err)))
        return err->code;
    return add_aliases(ev, f[0], f[1], DS_EV_ACTOR, (uint32_t)ev->n_actors++, err);
}

static ds_status group_row(void *ud, char **f, size_t nf, size_t line, ds_error *err)
{
    ds_events *ev = ud;
    if (nf == 4 && strcmp(f[0], "name") == 0)
        return DS_OK;
    if (nf != 4 || !*f[0] || !*f[2])
        return ds_error_set(err, DS_EFORMAT,
                            "identity_groups.tsv:%zu: expected name, aliases, kind, region", line);
    if (grow_rows((void **)&ev->groups, &ev->cap_groups, ev->n_groups, sizeof *ev->groups,
                  "groups", err) != DS_OK)
        return err->code;
    ds_group *g = &ev->groups[ev->n_groups];
    if (!(g->name = dup(ev, f[0], err)) || !(g->kind = dup(ev, f[2], err)))
        return err->code;
    return add_aliases(ev, f[0], f[1], DS_EV_GROUP, (uint32_t)ev->n_groups++, err);
}

static ds_status cue_row(void *ud, char **f, size_t nf, size_t line, ds_error *err)
{
    ds_events *ev = ud;
    if (nf == 2 && strcmp(f[0], "phrase") == 0)
        return DS_OK;
    int cue = nf == 2 ? index_of(cue_names, DS_CUE_COUNT, f[1]) : -1;
    if (cue <= 0 || !*f[0])
        return ds_error_set(err, DS_EFORMAT, "claim_cues.tsv:%zu: expected a phrase and a cue "
                                            "(source, said, hedge, negation, generic, irrealis, "
                                            "statistic, history, agent, be, locative)",
                            line);
    return ds__pb_add(ev->pb, f[0], strlen(f[0]), DS_EV_CUE, (uint32_t)cue, err);
}

ds_status ds__events_load_tsv(ds_events *ev, int which, const char *text, const char *name,
                              ds_error *err)
{
    static const ds_tsv_row_fn rows[] = {trigger_row, actor_row, group_row, cue_row};
    if (text)
        return ds_tsv_parse(text, strlen(text), name, rows[which], ev, err);
    char path[1024];
    if (ds_data_path(name, path, sizeof path, err) != DS_OK)
        return err->code;
    return ds_tsv_read(path, rows[which], ev, err);
}

ds_status ds__events_add_sources(ds_events *ev, const ds_registry *reg, ds_error *err)
{
    size_t n = reg ? ds_registry_count(reg) : 0;
    if (!n)
        return DS_OK;
    ev->sources = ds_arena_alloc(ev->arena, n * sizeof *ev->sources);
    if (!ev->sources)
        return ds_error_set(err, DS_ENOMEM, "out of memory for sources");
    for (size_t i = 0; i < n; i++) {
        const ds_source *s = ds_registry_at(reg, i);
        if (!(ev->sources[i] = dup(ev, s->name, err)) ||
            add_name(ev, s->name, DS_EV_SOURCE, (uint32_t)i, err) != DS_OK)
            return err->code;
        for (size_t k = 0; k < s->n_aliases; k++)
            if (add_name(ev, s->aliases[k], DS_EV_SOURCE, (uint32_t)i, err) != DS_OK)
                return err->code;
        ev->n_sources++;
    }
    return DS_OK;
}
