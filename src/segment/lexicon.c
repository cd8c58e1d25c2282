/* lexicon.c: loading data/abbreviations.tsv into the segmenter.
 *
 * Words are kept in an open-addressing hash table keyed by their ASCII
 * lower-case form, so one probe answers "is this an abbreviation, a sentence
 * opener, a run-on word" while the splitter scans text.  Caption cues are few
 * and are matched as prefixes of a line, so they live in a plain list.
 */
#include "segment/segment_int.h"

#include <string.h>

typedef struct seg_entry {
    uint32_t hash;
    uint32_t off;        /* key bytes in the pool */
    uint32_t cased_off;  /* the spelling of the abbreviation with capitals */
    uint8_t len;         /* 0 marks an empty slot */
    uint8_t abbr_lower;  /* seg_abbr for the entry written in lower case */
    uint8_t abbr_cased;  /* seg_abbr for the entry written with capitals */
    uint8_t flags;       /* SEG_W_* */
} seg_entry;

typedef struct seg_cue {
    uint32_t off;
    uint8_t len;
    uint8_t head; /* how many ASCII letters it opens with */
    bool phrase; /* several words: matches without a following colon */
} seg_cue;

struct ds_segmenter {
    seg_entry *slots;
    size_t mask; /* number of slots minus one; the count is a power of two */
    size_t used;
    char *pool;
    size_t pool_len, pool_cap;
    seg_cue *cues;
    size_t n_cues, cap_cues;
    bool cue_unindexed; /* a cue opens with no ASCII word, so always walk the list */
    /* Bit n - 1 of lengths[b] is set when an entry of n bytes opens with
     * byte b (folded): most words of a text are no entry, and this rules
     * out many of them before they are hashed. */
    uint64_t lengths[256];
    uint64_t cue_heads[256];   /* the same for the first words of caption cues */
    uint64_t notes_heads[256]; /* and for those of notes phrases */
    bool notes_other[256];     /* the first bytes of notes phrases without one */
};

/* A lexicon is a small hand-edited file; these caps only stop a wrong file
 * (or a fuzzer) from costing much memory. */
enum { LEX_MAX_ROWS = 100000, LEX_MAX_LINE = 1024, LEX_MIN_SLOTS = 256 };

typedef enum lex_kind { LEX_ABBR, LEX_WORD, LEX_PHRASE, LEX_CAPTION } lex_kind;

typedef struct lex_class {
    const char *name;
    lex_kind kind;
    seg_abbr abbr;
    unsigned flags;
} lex_class;

static const lex_class classes[] = {
    {"title", LEX_ABBR, SEG_ABBR_NEVER, 0},
    {"lead", LEX_ABBR, SEG_ABBR_NEVER, 0},
    {"other", LEX_ABBR, SEG_ABBR_STARTER, 0},
    {"month", LEX_ABBR, SEG_ABBR_STARTER, 0},
    {"initialism", LEX_ABBR, SEG_ABBR_STARTER, 0},
    {"starter", LEX_WORD, SEG_ABBR_NONE, SEG_W_STARTER},
    {"wrap", LEX_WORD, SEG_ABBR_NONE, SEG_W_WRAP},
    {"notecue", LEX_WORD, SEG_ABBR_NONE, SEG_W_NOTECUE},
    {"credit", LEX_WORD, SEG_ABBR_NONE, SEG_W_CREDIT},
    {"page", LEX_WORD, SEG_ABBR_NONE, SEG_W_PAGE},
    {"notes", LEX_PHRASE, SEG_ABBR_NONE, SEG_W_NOTES},
    {"caption", LEX_CAPTION, SEG_ABBR_NONE, 0},
};

static char fold(char c) { return seg_is_upper(c) ? (char)(c + 32) : c; }

/* FNV-1a over the folded bytes, so that lookups need no copy. */
static uint32_t hash_fold(const char *p, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)fold(p[i])) * 16777619u;
    return h;
}

static bool ieq(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (fold(a[i]) != fold(b[i]))
            return false;
    return true;
}

static seg_entry *probe(const ds_segmenter *seg, const char *p, size_t n, uint32_t h)
{
    for (size_t i = h & seg->mask;; i = (i + 1) & seg->mask) {
        seg_entry *s = &seg->slots[i];
        if (s->len == 0 || (s->hash == h && s->len == n && ieq(seg->pool + s->off, p, n)))
            return s;
    }
}

static const seg_entry *find(const ds_segmenter *seg, const char *p, size_t n)
{
    if (n == 0 || n > SEG_MAX_ENTRY || !seg->slots ||
        !(seg->lengths[(unsigned char)fold(*p)] >> (n - 1) & 1))
        return NULL;
    const seg_entry *s = probe(seg, p, n, hash_fold(p, n));
    return s->len ? s : NULL;
}

typedef enum shape { SHAPE_LOWER, SHAPE_TITLE, SHAPE_UPPER, SHAPE_MIXED } shape;

/* The letter case of a token: "etc", "Etc", "ETC" or "eTc". */
static shape shape_of(const char *p, size_t n)
{
    size_t upper = 0, lower = 0;
    bool first_upper = false, seen = false;
    for (size_t i = 0; i < n; i++) {
        if (!seg_is_alpha(p[i]))
            continue;
        if (!seen)
            first_upper = seg_is_upper(p[i]);
        seen = true;
        upper += seg_is_upper(p[i]);
        lower += seg_is_lower(p[i]);
    }
    if (upper == 0)
        return SHAPE_LOWER;
    if (lower == 0)
        return SHAPE_UPPER;
    return first_upper && upper == 1 ? SHAPE_TITLE : SHAPE_MIXED;
}

bool ds__seg_notes_start(const ds_segmenter *seg, const char *p, const char *e)
{
    const char *w = p;
    while (w < e && w - p <= SEG_MAX_ENTRY && seg_is_alpha(*w))
        w++;
    size_t run = (size_t)(w - p);
    if (run == 0)
        return seg->notes_other[(unsigned char)*p];
    return run <= SEG_MAX_ENTRY && (seg->notes_heads[(unsigned char)fold(*p)] >> (run - 1) & 1);
}

/* An entry written with capitals ("Gen", "U.S", "PhD") matches that exact
 * spelling or the token in capitals throughout; one written in lower case
 * ("etc", "vol") matches lower case, a capital first letter or capitals
 * throughout, but not a mixed spelling such as "VoL". */
seg_abbr ds__seg_abbr(const ds_segmenter *seg, const char *p, size_t n)
{
    const seg_entry *s = find(seg, p, n);
    if (!s)
        return SEG_ABBR_NONE;
    shape sh = shape_of(p, n);
    if (s->abbr_cased && (sh == SHAPE_UPPER || memcmp(seg->pool + s->cased_off, p, n) == 0))
        return (seg_abbr)s->abbr_cased;
    if (s->abbr_lower && sh != SHAPE_MIXED)
        return (seg_abbr)s->abbr_lower;
    return SEG_ABBR_NONE;
}

unsigned ds__seg_word(const ds_segmenter *seg, const char *p, size_t n)
{
    const seg_entry *s = find(seg, p, n);
    return s ? s->flags : 0;
}

/* Compares a cue with the text at p; a space in the cue matches any run of
 * spaces or tabs.  Returns the end of the match or NULL. */
static const char *match_cue(const char *cue, size_t n, const char *p, const char *e)
{
    for (size_t i = 0; i < n; i++) {
        if (p >= e)
            return NULL;
        if (cue[i] == ' ') {
            if (*p != ' ' && *p != '\t')
                return NULL;
            while (p < e && (*p == ' ' || *p == '\t'))
                p++;
            continue;
        }
        if (fold(*p) != fold(cue[i]))
            return NULL;
        p++;
    }
    return p;
}

/* After a one-word cue, a caption needs a colon, perhaps after a short
 * label: "Photo:", "Image 3:", "Fig. 2:". */
static bool label_then_colon(const char *p, const char *e)
{
    for (int i = 0; i < 12 && p < e; i++, p++) {
        if (*p == ':')
            return true;
        if (!strchr(" .#()-0123456789ivxIVX", *p) || *p == '\0')
            return false;
    }
    return false;
}

/* Whether a cue can match a line whose ASCII letters run for run bytes
 * (counted up to SEG_MAX_ENTRY): the cue's own letters must all be
 * matched by letters, and a character after them, which is no letter,
 * must be matched by a character that is none either.  This rules out
 * most of the list before any byte is compared: a line opening with "In"
 * need only be compared with "In this photo" and its like. */
static bool head_fits(const seg_cue *c, size_t run)
{
    return c->head < c->len ? run == c->head : run >= c->head;
}

bool ds__seg_caption_cue(const ds_segmenter *seg, const char *p, const char *e)
{
    /* Most lines do not open with a cue's first word; a bit test of its
     * first letter and length, then one probe of the table, rule them out
     * before the list is walked. */
    const char *w = p;
    while (w < e && w - p < SEG_MAX_ENTRY && seg_is_alpha(*w))
        w++;
    size_t run = (size_t)(w - p);
    if (!seg->cue_unindexed &&
        (run == 0 || !(seg->cue_heads[(unsigned char)fold(*p)] >> (run - 1) & 1) ||
         !(ds__seg_word(seg, p, run) & SEG_W_CAPTION)))
        return false;
    for (size_t i = 0; i < seg->n_cues; i++) {
        const seg_cue *c = &seg->cues[i];
        if (!head_fits(c, run))
            continue;
        const char *q = match_cue(seg->pool + c->off, c->len, p, e);
        if (!q)
            continue;
        if (c->phrase ? q == e || !seg_is_alpha(*q) : label_then_colon(q, e))
            return true;
    }
    return false;
}

/* ---- Loading ---- */

typedef struct loader {
    ds_segmenter *seg;
    const char *name;
    size_t rows;
} loader;

static ds_status oom(const loader *ld, ds_error *err)
{
    return ds_error_set(err, DS_ENOMEM, "%s: out of memory while loading the lexicon", ld->name);
}

static bool pool_add(ds_segmenter *seg, const char *p, size_t n, uint32_t *off)
{
    if (seg->pool_len + n > seg->pool_cap) {
        size_t cap = seg->pool_cap ? seg->pool_cap * 2 : 4096;
        while (cap < seg->pool_len + n)
            cap *= 2;
        char *np = ds_realloc(seg->pool, cap);
        if (!np)
            return false;
        seg->pool = np;
        seg->pool_cap = cap;
    }
    memcpy(seg->pool + seg->pool_len, p, n);
    *off = (uint32_t)seg->pool_len;
    seg->pool_len += n;
    return true;
}

/* Doubles the table once it is half full, so probes stay short and there
 * is always an empty slot to end them. */
static bool grow_table(ds_segmenter *seg)
{
    size_t cap = seg->slots ? (seg->mask + 1) * 2 : LEX_MIN_SLOTS;
    seg_entry *slots = ds_calloc(cap, sizeof *slots);
    if (!slots)
        return false;
    seg_entry *old = seg->slots;
    size_t old_cap = old ? seg->mask + 1 : 0;
    seg->slots = slots;
    seg->mask = cap - 1;
    for (size_t i = 0; i < old_cap; i++)
        if (old[i].len)
            *probe(seg, seg->pool + old[i].off, old[i].len, old[i].hash) = old[i];
    ds_free(old);
    return true;
}

static seg_entry *entry_for(ds_segmenter *seg, const char *p, size_t n)
{
    if ((!seg->slots || (seg->used + 1) * 2 > seg->mask + 1) && !grow_table(seg))
        return NULL;
    uint32_t h = hash_fold(p, n);
    seg_entry *s = probe(seg, p, n, h);
    if (s->len)
        return s;
    uint32_t off;
    if (!pool_add(seg, p, n, &off))
        return NULL;
    *s = (seg_entry){.hash = h, .off = off, .len = (uint8_t)n};
    seg->used++;
    if (n >= 1 && n <= SEG_MAX_ENTRY)
        seg->lengths[(unsigned char)fold(*p)] |= UINT64_C(1) << (n - 1);
    return s;
}

static bool add_cue(ds_segmenter *seg, const char *p, size_t n)
{
    seg_cue *v = ds_grow(seg->cues, &seg->cap_cues, seg->n_cues, sizeof *v);
    if (!v)
        return false;
    seg->cues = v;
    seg_cue *c = &seg->cues[seg->n_cues];
    if (!pool_add(seg, p, n, &c->off))
        return false;
    c->len = (uint8_t)n;
    c->head = 0;
    while (c->head < n && seg_is_alpha(p[c->head]))
        c->head++;
    c->phrase = memchr(p, ' ', n) != NULL;
    seg->n_cues++;
    return true;
}

static char *trim_field(char *s)
{
    while (*s == ' ')
        s++;
    size_t n = strlen(s);
    while (n && s[n - 1] == ' ')
        s[--n] = '\0';
    return s;
}

static const lex_class *find_class(const char *name)
{
    for (size_t i = 0; i < sizeof classes / sizeof *classes; i++)
        if (strcmp(classes[i].name, name) == 0)
            return &classes[i];
    return NULL;
}

/* Checks the entry of a row against its class; returns NULL when it is
 * fine, else a reason for the error message. */
static const char *entry_problem(const char *entry, size_t n, lex_kind kind)
{
    if (n == 0)
        return "the entry is empty";
    if (n > SEG_MAX_ENTRY)
        return "the entry is longer than 64 bytes";
    bool spaces = strpbrk(entry, " \t\r\v\f") != NULL;
    if (spaces && (kind == LEX_ABBR || kind == LEX_WORD))
        return "the entry of this class must be a single word without spaces";
    if (strstr(entry, "  "))
        return "the entry has repeated spaces";
    return NULL;
}

/* Marks the first word of a caption cue in the table, for the quick test
 * in ds__seg_caption_cue. */
static ds_status add_caption(loader *ld, const char *entry, size_t n, ds_error *err)
{
    size_t w = 0;
    while (w < n && seg_is_alpha(entry[w]))
        w++;
    seg_entry *s = w ? entry_for(ld->seg, entry, w) : NULL;
    if (w && !s)
        return oom(ld, err);
    if (s) {
        s->flags |= SEG_W_CAPTION;
        ld->seg->cue_heads[(unsigned char)fold(*entry)] |= UINT64_C(1) << (w - 1);
    } else {
        ld->seg->cue_unindexed = true;
    }
    return add_cue(ld->seg, entry, n) ? DS_OK : oom(ld, err);
}

/* Records how a notes phrase opens, for ds__seg_notes_start. */
static void note_notes_head(ds_segmenter *seg, const char *p, size_t n)
{
    size_t head = 0;
    while (head < n && seg_is_alpha(p[head]))
        head++;
    if (head)
        seg->notes_heads[(unsigned char)fold(*p)] |= UINT64_C(1) << (head - 1);
    else
        seg->notes_other[(unsigned char)*p] = true;
}

static ds_status add_entry(loader *ld, const lex_class *cl, const char *entry, size_t n,
                           ds_error *err)
{
    if (cl->kind == LEX_CAPTION)
        return add_caption(ld, entry, n, err);
    seg_entry *s = entry_for(ld->seg, entry, n);
    if (!s)
        return oom(ld, err);
    if (cl->flags & SEG_W_NOTES)
        note_notes_head(ld->seg, entry, n);
    /* A later row overrides an earlier one for the same entry, so a user
     * can append corrections at the end of the file. */
    if (cl->kind != LEX_ABBR) {
        s->flags |= (uint8_t)cl->flags;
    } else if (shape_of(entry, n) == SHAPE_LOWER) {
        s->abbr_lower = (uint8_t)cl->abbr;
    } else {
        if (!pool_add(ld->seg, entry, n, &s->cased_off))
            return oom(ld, err);
        s->abbr_cased = (uint8_t)cl->abbr;
    }
    return DS_OK;
}

static ds_status add_row(void *ud, char **f, size_t nf, size_t line, ds_error *err)
{
    loader *ld = ud;
    size_t total = nf - 1;
    for (size_t i = 0; i < nf; i++)
        total += strlen(f[i]);
    if (total > LEX_MAX_LINE)
        return ds_error_set(err, DS_EFORMAT, "%s:%zu: line longer than %d bytes", ld->name,
                            line, LEX_MAX_LINE);
    if (++ld->rows > LEX_MAX_ROWS)
        return ds_error_set(err, DS_ETOOBIG, "%s:%zu: more than %d entries", ld->name, line,
                            LEX_MAX_ROWS);
    if (nf < 2)
        return ds_error_set(err, DS_EFORMAT,
                            "%s:%zu: expected an entry and a class separated by a tab",
                            ld->name, line);
    const char *cname = trim_field(f[1]);
    const lex_class *cl = find_class(cname);
    if (!cl)
        return ds_error_set(err, DS_EFORMAT,
                            "%s:%zu: unknown class \"%.40s\" (expected title, lead, other, "
                            "month, initialism, starter, wrap, notecue, credit, page, notes "
                            "or caption)",
                            ld->name, line, cname);
    char *entry = trim_field(f[0]);
    size_t n = strlen(entry);
    /* Abbreviations are written without their final dot, but a dot left
     * there by habit is forgiven. */
    if (cl->kind == LEX_ABBR && n > 1 && entry[n - 1] == '.')
        entry[--n] = '\0';
    const char *why = entry_problem(entry, n, cl->kind);
    if (why)
        return ds_error_set(err, DS_EFORMAT, "%s:%zu: %s", ld->name, line, why);
    return add_entry(ld, cl, entry, n, err);
}

void ds_segmenter_free(ds_segmenter *seg)
{
    if (!seg)
        return;
    ds_free(seg->slots);
    ds_free(seg->pool);
    ds_free(seg->cues);
    ds_free(seg);
}

/* An empty table still answers lookups, so a lexicon without rows works. */
static ds_status finish(ds_segmenter *seg, ds_status rc, ds_segmenter **out,
                        const char *name, ds_error *err)
{
    if (rc == DS_OK && !seg->slots && !grow_table(seg))
        rc = ds_error_set(err, DS_ENOMEM, "%s: out of memory", name);
    if (rc) {
        ds_segmenter_free(seg);
        return rc;
    }
    *out = seg;
    return DS_OK;
}

ds_status ds_segmenter_from_text(ds_segmenter **out, const char *tsv, size_t len,
                                 const char *name, ds_error *err)
{
    *out = NULL;
    if (!name)
        name = "lexicon";
    ds_segmenter *seg = ds_calloc(1, sizeof *seg);
    if (!seg)
        return ds_error_set(err, DS_ENOMEM, "%s: out of memory", name);
    loader ld = {seg, name, 0};
    ds_status rc = ds_tsv_parse(tsv ? tsv : "", tsv ? len : 0, name, add_row, &ld, err);
    return finish(seg, rc, out, name, err);
}

ds_status ds_segmenter_new(ds_segmenter **out, const char *path, ds_error *err)
{
    *out = NULL;
    char found[4096];
    if (!path) {
        ds_status rc = ds_data_path("abbreviations.tsv", found, sizeof found, err);
        if (rc)
            return rc;
        path = found;
    }
    ds_segmenter *seg = ds_calloc(1, sizeof *seg);
    if (!seg)
        return ds_error_set(err, DS_ENOMEM, "%s: out of memory", path);
    loader ld = {seg, path, 0};
    ds_status rc = ds_tsv_read(path, add_row, &ld, err);
    return finish(seg, rc, out, path, err);
}
