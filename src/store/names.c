/* names.c: fuzzy name look-ups as pg_trgm defines similarity, in C, so
 * that the SQLite backend (and PostgreSQL without the extension) gives
 * the list PostgreSQL's similarity() gives.
 *
 * Names are compared by their keys (names_key.c).  Each word of a key is
 * padded with two blanks before and one after, and the set of its
 * three-character runs taken; the similarity of two keys is the number of
 * trigrams their sets share over the size of their union. */
#include <stdlib.h>
#include <string.h>

#include "backend.h"

enum { NAME_MAX_BYTES = 512, TRIGRAMS_MAX = NAME_MAX_BYTES + 64, NAMES_MAX = 1000000 };

typedef struct {
    char t[3 * 4 + 1]; /* three UTF-8 characters */
} trigram;

static size_t char_len(const char *p)
{
    unsigned char c = (unsigned char)*p;
    size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    for (size_t i = 1; i < n; i++)
        if (!p[i])
            return i;
    return n;
}

static int by_text(const void *a, const void *b)
{
    return strcmp(((const trigram *)a)->t, ((const trigram *)b)->t);
}

/* The sorted, distinct trigrams of a folded string; their number. */
static size_t trigrams(const char *folded, trigram *out)
{
    size_t n = 0;
    char padded[NAME_MAX_BYTES + 4];
    for (const char *p = folded; *p && n + NAME_MAX_BYTES / 2 < TRIGRAMS_MAX;) {
        while (*p == ' ')
            p++;
        size_t len = strcspn(p, " ");
        if (!len)
            break;
        if (len > NAME_MAX_BYTES - 4)
            len = NAME_MAX_BYTES - 4;
        padded[0] = padded[1] = ' ';
        memcpy(padded + 2, p, len);
        padded[len + 2] = ' ';
        padded[len + 3] = '\0';
        for (const char *c = padded; *c && n < TRIGRAMS_MAX; c += char_len(c)) {
            const char *e = c;
            int chars = 0;
            for (; chars < 3 && *e; chars++)
                e += char_len(e);
            if (chars < 3)
                break;
            memcpy(out[n].t, c, (size_t)(e - c));
            out[n++].t[e - c] = '\0';
        }
        p += len;
    }
    if (n)
        qsort(out, n, sizeof *out, by_text);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (!k || strcmp(out[k - 1].t, out[i].t))
            out[k++] = out[i];
    return k;
}

double ds__names_similarity(const char *a, const char *b)
{
    trigram *x = ds_malloc(2 * TRIGRAMS_MAX * sizeof *x), *y = x ? x + TRIGRAMS_MAX : NULL;
    if (!x)
        return 0;
    size_t na = trigrams(a, x), nb = trigrams(b, y), common = 0;
    for (size_t i = 0, j = 0; i < na && j < nb;) {
        int c = strcmp(x[i].t, y[j].t);
        common += c == 0;
        i += c <= 0;
        j += c >= 0;
    }
    ds_free(x);
    return na + nb ? (double)common / (double)(na + nb - common) : 0;
}

typedef struct {
    char *kind, *name;
    double score;
} scored;

struct ds__name_list {
    const char *kind;
    char *query; /* folded */
    scored *v;
    size_t n, cap;
};

ds__name_list *ds__names_new(const char *kind, const char *query)
{
    ds__name_list *l = ds_calloc(1, sizeof *l);
    if (l && !(l->query = ds__names_fold(query))) {
        ds_free(l);
        return NULL;
    }
    if (l)
        l->kind = kind;
    return l;
}

ds_status ds__names_add(ds__name_list *l, const char *kind, const char *name)
{
    if ((l->kind && strcmp(l->kind, kind)) || !name || !*name || l->n >= NAMES_MAX)
        return DS_OK;
    char *folded = ds__names_fold(name);
    if (!folded)
        return DS_ENOMEM;
    double s = ds__names_similarity(folded, l->query);
    ds_free(folded);
    if (s < DS_NAME_MIN_SCORE)
        return DS_OK;
    scored *v = ds_grow(l->v, &l->cap, l->n, sizeof *v);
    if (!v)
        return DS_ENOMEM;
    l->v = v;
    v[l->n] = (scored){ds_strdup(kind), ds_strdup(name), s};
    if (!v[l->n].kind || !v[l->n].name) {
        ds_free(v[l->n].kind);
        ds_free(v[l->n].name);
        return DS_ENOMEM;
    }
    l->n++;
    return DS_OK;
}

/* Best first; PostgreSQL computes similarity() in single precision, so
 * scores are compared as floats there and here alike. */
static int by_score(const void *pa, const void *pb)
{
    const scored *a = pa, *b = pb;
    float x = (float)a->score, y = (float)b->score;
    if (x != y)
        return x > y ? -1 : 1;
    int c = strcmp(a->name, b->name);
    return c ? c : strcmp(a->kind, b->kind);
}

ds_status ds__names_emit(ds__name_list *l, size_t limit, ds_name_cb cb, void *ud,
                         ds_error *err)
{
    (void)err;
    if (l->n)
        qsort(l->v, l->n, sizeof *l->v, by_score);
    for (size_t i = 0, shown = 0; i < l->n && shown < limit; i++) {
        if (i && !by_score(&l->v[i - 1], &l->v[i]))
            continue; /* the same name again */
        ds_name_hit h = {l->v[i].kind, l->v[i].name, (float)l->v[i].score};
        shown++;
        if (cb(ud, &h))
            break;
    }
    return DS_OK;
}

void ds__names_free(ds__name_list *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->n; i++) {
        ds_free(l->v[i].kind);
        ds_free(l->v[i].name);
    }
    ds_free(l->v);
    ds_free(l->query);
    ds_free(l);
}
