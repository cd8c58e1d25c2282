/* places_int.h: what the place scanner hands the resolver (internal).
 * Everything here lives in the caller's arena for one call. */
#ifndef DS_RECOGNIZE_PLACES_INT_H
#define DS_RECOGNIZE_PLACES_INT_H
#include "gazetteer/index.h"
#include "normalize/lexicon.h"
#include "places.h"

#include <string.h>

typedef enum ds__cue {
    DS__CUE_NONE = 0,
    DS__CUE_ADMIN1,
    DS__CUE_ADMIN2,
    DS__CUE_AREA,
    DS__CUE_NEAR,
    DS__CUE_IN,
    DS__CUE_FEATURE,
    DS__CUE_DIRECTION,
    DS__CUE_GENERIC,
    DS__CUE_MILITARY,
    DS__CUE_LANDFORM,
    DS__CUE_STREET,
    DS__CUE_ORGANISATION,
} ds__cue;

/* A phrase of the cue, stoplist or area lexicons (places_phrases.c). */
typedef struct ds__phrase {
    uint64_t key; /* the chain of its words' hashes; 0 marks an empty slot */
    char *words;  /* folded as the lexicons fold keys: words joined by one space,
                   * then DS__PHRASE_PAD zero bytes */
    uint8_t cue;  /* its ds__cue in place_cues.tsv, DS__CUE_NONE if absent */
    bool stop;    /* on place_stoplist.tsv */
    char *area;   /* its value in place_areas.tsv, or NULL */
} ds__phrase;

/* The zero bytes after a phrase's words, so that a word of up to sixteen
 * bytes is compared with a phrase from two eight-byte loads (scan.c,
 * same_lower). */
enum { DS__PHRASE_PAD = 16 };

typedef struct ds__phrases {
    ds__phrase *items; /* open addressing, mask + 1 slots */
    size_t n, mask;
    /* Bit (a << 8 | b): some area phrase starts with the bytes a, b. */
    uint64_t area_pair[1024];
    uint64_t *vocab; /* the words' hashes (0 read as 1), open addressing */
    uint8_t *vocab_bits; /* each word's DS__WORD_ bits, beside vocab */
    const struct ds__phrase **vocab_alone; /* the phrase that is the word alone, or NULL */
    uint64_t area_bloom[64]; /* bit (hash >> 52) for the hash of each word that starts an
                              * area phrase: most words are told apart by one bit (4,096
                              * bits: "north", "south", "central" and the like start
                              * some, and 256 let one word in six through) */
    uint64_t area_chain_bloom[64]; /* bit (chain >> 52) for the chain of the first words
                                    * of every area phrase, one word to all of them */
    uint64_t area_whole_bloom[64]; /* bit (key >> 52) for the key of every area phrase:
                                    * "the" starts one ("the coast") but is none */
    uint64_t vocab_bloom[64]; /* bit (hash >> 52) for the hash of every word of the
                               * vocabulary, likewise */
    size_t vocab_mask;
} ds__phrases;

/* What the phrases say of one of their words. */
enum {
    DS__WORD_KNOWN = 1,      /* some phrase has the word */
    DS__WORD_AREA_FIRST = 2, /* some area phrase starts with it */
    DS__WORD_FEATURE_FIRST = 4, /* some feature cue ("village", "the town of") starts with it */
};

ds_status ds__places_phrases_load(ds__phrases *t, ds_error *err);
void ds__places_phrases_free(ds__phrases *t);
/* A cue's role from its value in place_cues.tsv ("admin1", "near", ...). */
ds__cue ds__places_role(const char *v);
/* A word's hash for the chain, the same for a word of the text in any case
 * of ASCII letters and for its folded form.  It takes eight bytes at a
 * time, each OR 0x20: that lower-cases ASCII letters and keeps digits, so
 * a plain word of the text hashes as its folded form does.  Other bytes
 * change too, but then on both sides alike.  The steps are here so that
 * the tokenizer, which has a short word's bytes in hand, hashes it as
 * ds__places_word_hash does. */
static inline uint64_t ds__places_word_start(size_t n) { return 0x9e3779b97f4a7c15ULL ^ n; }
static inline uint64_t ds__places_word_add(uint64_t h, uint64_t eight)
{
    h = (h ^ (eight | 0x2020202020202020ULL)) * 0xff51afd7ed558ccdULL;
    return h ^ (h >> 32);
}
static inline uint64_t ds__places_word_end(uint64_t h) { return h ^ (h >> 29); }
uint64_t ds__places_word_hash(const char *s, size_t n);
/* Eight bytes as a number whose lowest byte is the first, on any machine. */
static inline uint64_t ds__places_load8(const void *p)
{
    uint64_t x;
    memcpy(&x, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    x = __builtin_bswap64(x);
#endif
    return x;
}
/* Whether a word hash may be that of a word that starts an area phrase
 * (false: it is not). */
static inline bool ds__places_may_start_area(const ds__phrases *t, uint64_t word)
{
    unsigned b = (unsigned)(word >> 52);
    return (t->area_bloom[b >> 6] >> (b & 63) & 1) != 0;
}
/* Whether a final chain of word hashes (key.h) may be that of the first
 * words of an area phrase (false: it is not). */
static inline bool ds__places_may_begin_area(const ds__phrases *t, uint64_t chain)
{
    unsigned b = (unsigned)(chain >> 52);
    return (t->area_chain_bloom[b >> 6] >> (b & 63) & 1) != 0;
}
/* Whether a final chain of word hashes may be the key of an area phrase
 * (false: it is not). */
static inline bool ds__places_may_be_area(const ds__phrases *t, uint64_t chain)
{
    unsigned b = (unsigned)(chain >> 52);
    return (t->area_whole_bloom[b >> 6] >> (b & 63) & 1) != 0;
}
/* Whether a word hash may be that of a word some phrase has (false: it is
 * not). */
static inline bool ds__places_may_know(const ds__phrases *t, uint64_t word)
{
    unsigned b = (unsigned)(word >> 52);
    return (t->vocab_bloom[b >> 6] >> (b & 63) & 1) != 0;
}
/* The DS__WORD_ bits of a word hash: 0 when no phrase has the word.
 * *alone gets the phrase that is the word alone, or NULL; the caller checks
 * its words, as a hash tells nothing for sure. */
unsigned ds__places_word_bits(const ds__phrases *t, uint64_t word, const ds__phrase **alone);

/* A plain word's keys, as hash_token (scan.c) made them, kept by the
 * recognizer for the word's next occurrence in this or a later document.
 * Direct-mapped by the word's hash; a clash only costs a recomputation.
 * Words longer than DS__PWORD_MAX bytes are not kept.  16,384 entries of
 * 32 bytes (512 KB), two to a cache line: a batch of news names more
 * distinct capitalised words than 4,096 entries held without clashes, and
 * the entry of a word is read as soon as the word is (tokenize). */
enum { DS__PWORDS = 16384, DS__PWORD_MAX = 13 };
typedef struct ds__pword {
    uint64_t skel, exact;
    char low[DS__PWORD_MAX]; /* its bytes, each OR 0x20: the word in lower case */
    uint8_t len;         /* 0 for an empty entry */
    int8_t common;       /* as ds__ptok.common */
    uint8_t fl;          /* the article flags its fold gave */
} ds__pword;

/* An index look-up the recognizer made (scan.c, find_slot), kept for the
 * next with the same key.  Direct-mapped by the key; 32,768 entries
 * (512 KB), for the same reason as DS__PWORDS. */
enum { DS__PSEEN = 32768 };

enum { DS__EXP_WHOLE = 128 }; /* exp(-128) is below 1e-55 */
typedef struct ds__pseen {
    uint64_t key; /* 0 for an empty entry */
    const ds__gz_slot *slot;
} ds__pseen;

/* What fold_word (scan.c) found for a token that is not plain (accents,
 * Arabic, curly apostrophes), kept by the token's bytes for its next
 * occurrence: ds_fold costs thousands of instructions a word, and such
 * names repeat ("São Paulo").  Direct-mapped by the bytes' hash; a clash
 * or a longer token costs a recomputation. */
enum { DS__PFOLDS = 1024, DS__PFOLD_MAX = 29 };
typedef struct ds__pfold {
    uint8_t len;       /* the token's length; 0 for an empty entry */
    int8_t folded;     /* fold_word's ds__ptok.folded: 0, 1 or 2 */
    uint8_t word_bits; /* and, where folded > 0, its ds__ptok.word_bits */
    char bytes[DS__PFOLD_MAX];
} ds__pfold;

/* A named area's location as area_output (resolve.c) works it out from its
 * value in place_areas.tsv, kept by the value's address: "Africa" has
 * fifty-odd parts.  Direct-mapped; a clash costs a recomputation. */
enum { DS__PAREAS = 256 };
typedef struct ds__parea {
    const char *value; /* NULL for an empty entry */
    size_t n;          /* parts located: 0 when none is */
    double lat, lon;   /* the mean of their points */
    const char *admin1; /* the first part's name where it is an admin1, else NULL */
    char cc[2];         /* the parts' country, where one_country */
    bool one_country;
} ds__parea;

/* Compass parts located so far, and the places by country they are
 * worked out from (parts.c). */
typedef struct ds__pparts ds__pparts;
ds__pparts *ds__places_parts_new(void);
void ds__places_parts_free(ds__pparts *p);

/* AVX code paths, chosen at run time: GCC and Clang on x86-64. */
#if defined(__x86_64__) && defined(__GNUC__)
#define DS__PLACES_AVX 1
#else
#define DS__PLACES_AVX 0
#endif

struct ds_places {
    const ds_gazetteer *gz;
    ds_lexicon *cues;     /* place_cues.tsv: word -> role */
    ds_lexicon *stop;     /* place_stoplist.tsv */
    ds_lexicon *areas;    /* place_areas.tsv: phrase -> "CC|CODE,CODE" */
    ds_lexicon *abbrevs;  /* admin1_abbreviations.tsv: "Ill." -> "US.IL" (apposition.c) */
    ds_lexicon *given;    /* given_names.tsv: place names that are also given names (scan.c) */
    size_t area_words; /* the most words in an area phrase */
    ds__phrases phrases; /* the three lexicons' phrases, keyed by word hashes */
    /* Lookup tables built once by ds_places_new, so that resolving never
     * scans the whole gazetteer: countries by code, admin1 entries sorted
     * by code, and point places bucketed in a grid of GRID_DEG cells. */
    uint32_t country[26 * 26];
    uint32_t *admin1; /* sorted by code string */
    size_t n_admin1;
    uint32_t *cell_start; /* GRID_ROWS * GRID_COLS + 1 offsets into cell_items */
    uint32_t *cell_items;
    /* One block (places.c, alloc_hot) holds the tables that every name or
     * word reads at random: prior, common, common_filter, words, gathered,
     * seen and folds. */
    void *hot;
    double *prior;    /* every entry's prior score, by entry index */
    uint64_t *common; /* the index's common words, open addressing; 0 is empty */
    size_t common_mask;
    /* Two bits of each common word's key in one word of this filter, small
     * enough to stay in cache, where the set is not: most capitalised words
     * are not common, and the filter says so without reading the set. */
    uint64_t *common_filter;
    size_t common_filter_mask;
    /* DS__PWORDS entries, written while text is scanned: what they hold
     * changes no answer, only how soon it comes (hence one document at a
     * time, places.h). */
    ds__pword *words;
    struct ds__pgathered *gathered; /* DS__PGATHERED entries, likewise (resolve.c, gather) */
    ds__pseen *seen; /* DS__PSEEN entries, likewise */
    ds__pfold *folds; /* DS__PFOLDS entries, likewise (scan.c, fold_word) */
    ds__parea *areas_kept; /* DS__PAREAS entries, likewise */
    ds__pparts *parts;     /* likewise (parts.c) */
    /* exp(-i) and exp(-j / 64), for ds__places_exp_neg. */
    double exp_whole[DS__EXP_WHOLE];
    double exp_64th[64];
#if DS__PLACES_AVX
    bool avx; /* the CPU runs AVX: resolve.c measures nearest neighbours four at a time */
#endif
};

/* exp(-y) for y >= 0 (0 from DS__EXP_WHOLE): y = i + j / 64 + f with
 * f < 1 / 64, exp(-i) and exp(-j / 64) from the tables ds_places_new
 * fills with exp, and exp(-f) from its series to the sixth power (the
 * first term left out is below 1e-16 of it).  Proximity scoring takes an
 * exponential for most candidates; this one needs no call. */
static inline double ds__places_exp_neg(const ds_places *r, double y)
{
    if (!(y < DS__EXP_WHOLE))
        return 0;
    unsigned n = (unsigned)(y * 64);
    double f = y - n * (1.0 / 64);
    double e = 1 - f * (1 - f * (1.0 / 2 - f * (1.0 / 6 - f * (1.0 / 24 -
                                                                f * (1.0 / 120 - f / 720)))));
    return r->exp_whole[n >> 6] * r->exp_64th[n & 63] * e;
}

enum { DS__GRID_ROWS = 360, DS__GRID_COLS = 720 }; /* half-degree cells */

/* A counting sort of the gazetteer's located point places into n buckets
 * by bucket(place), which leaves a place out with a value of n or more:
 * *start gets n + 1 offsets into *items.  Both are the caller's to free
 * with ds_free; on failure both are NULL. */
ds_status ds__places_buckets(const ds_gazetteer *gz, size_t n,
                             size_t (*bucket)(const ds__gz_place *), uint32_t **start,
                             uint32_t **items);
/* The grid cell of a point (clamped to the grid). */
size_t ds__places_cell(double lat, double lon);
/* The admin1 entry with a code ("SY.14"), or DS_PLACE_NONE. */
uint32_t ds__places_admin1(const ds_places *r, const char *code, size_t n);
/* Whether a single folded word is a common English word (ds__gz_is_common). */
bool ds__places_is_common(const ds_places *r, uint64_t exact_key);
/* The country entry of an ISO code, or DS_PLACE_NONE. */
uint32_t ds__places_country(const ds_places *r, const char *cc);

typedef struct ds__ptok {
    uint32_t s, e;
    unsigned fl;
    uint32_t sentence;
    uint64_t word;        /* ds__places_word_hash of a plain token (set by the tokenizer) */
    uint64_t skel, exact; /* token hashes, once hashed */
    const ds__phrase *alone; /* plain, and a phrase is its word alone */
    /* The tokenizer sets the fields above, and these next to each other. */
    bool sent_start;
    bool ascii_gap; /* the bytes since the previous token are ASCII without a letter
                     * or a digit (a plain gap; false tells nothing) */
    bool hashed;
    int8_t common;        /* a common lower-case English word: 1 yes, 0 no, -1 not known yet */
    int8_t plain;         /* only ASCII letters and digits (DS__TK_PLAIN): 0 no, 1 yes,
                           * 2 yes and a word of some cue, stoplist or area phrase;
                           * -1 not known yet */
    int8_t folded;        /* a token that is not plain, by its ds_fold: 0 not one word
                           * (or not known), 1 one word that no phrase has, 2 one word
                           * of some phrase; -1 not known yet */
    uint8_t word_bits;    /* plain or folded to one word: that word's DS__WORD_ bits */
    bool seen;            /* a capitalised word whose first key the recognizer has
                           * looked up before (find_slot; set by prefetch_slots) */
    const ds__gz_slot *slot; /* where seen, the slot that look-up found (NULL: none) */
} ds__ptok;

enum { DS__MAX_CANDS = 24 };

typedef struct ds__pmatch {
    size_t a, b;            /* tokens [a, b) of the name */
    size_t span_s, span_e;  /* bytes, cue words included */
    size_t name_s, name_e;  /* bytes of the name (article included when attached) */
    uint32_t sentence;
    const ds__gz_slot *slot; /* NULL for an unknown place or an area phrase */
    uint32_t exact;
    /* context */
    ds__cue admin_cue; /* ADMIN1 or ADMIN2 named beside it */
    bool area;         /* countryside, rural, outskirts, a direction */
    bool city;         /* "city of X", "X city" */
    bool near;         /* a reference point: "near X", "east of X" */
    bool weak;         /* followed by a capitalised word that is not a cue */
    bool unknown;      /* a feature noun marks an unlisted place ("the village of X") */
    bool unknown_ok;   /* also marked as an unlisted place, if no candidate fits */
    bool kept;         /* the recognizer kept its candidates when resolving began
                        * (resolve.c, gather; a hint for prefetching) */
    bool possessive;   /* "Hama's Salamiyah": may name the division of what follows */
    bool country;      /* some candidate is a country */
    bool country_unheld; /* its division reading holds a place of its sentence and
                          * its country reading none ("Georgia" beside Savannah):
                          * the country casts no focus vote (conamed.c, resolve.c) */
    bool if_holding;   /* a common word kept only if it holds the place before it
                        * ("Flint, Wales,"; scan.c, apposition.c) */
    bool landform;     /* beside a landform word ("the Bekaa valley", "the Nuba
                        * Mountains"): only a division of the name is meant */
    bool if_focus_division; /* a common word kept only as a first-level division
                             * of the text's country ("Storms hit Wales"; scan.c,
                             * resolve.c) */
    bool if_held;      /* a common word kept only if the division after it holds
                        * it ("Independence, Missouri,"; scan.c, apposition.c) */
    bool holds_next;    /* it and the match after it are a place and what holds it
                         * ("Jableh, Latakia"; set by apposition.c, read by lists.c) */
    bool stated_parent; /* parent is the division an abbreviation after it names,
                         * which holds none of its candidates (apposition.c) */
    char held_cc[2];    /* the country of a division after a comma that holds some
                         * candidate ("Santa Cruz, California": US), whose
                         * candidates stay plausible in a text about another
                         * country (apposition.c, resolve.c); zero for none */
    uint32_t parent;
    const char *area_value; /* an area phrase's "CC|codes" */
    /* resolution */
    struct ds__pcands *c; /* its candidates, once the text is scanned */
    int best; /* index into c->cands, -1 none */
    /* the chosen place's unit vector, if it counts as a neighbour (here, not
     * in c, as the scoring of every match around it reads it) */
    const double *near_v;
} ds__pmatch;

/* What the country focus (resolve.c, focus_match) and conamed.c read of
 * the places of a candidate list, worked out when the list is gathered and
 * kept with it, so that those passes need not read every candidate's
 * record again for most names. */
typedef struct ds__pfocus {
    unsigned known : 1,  /* 0: read the records instead (the list is empty, or
                          * apposition.c changed it since) */
        one_country : 1, /* every candidate lies in cc0's country */
        exact_one_country : 1, /* every exact candidate lies in exact_cc's country */
        division : 1,    /* some exact candidate is an admin1 or admin2 */
        countries : 2,   /* exact candidates that are countries: 0, 1, 2 for more */
        containers : DS__MAX_CANDS; /* ds__places_containers of the list */
    char cc0[2];         /* the first candidate's country */
    char exact_cc[2];    /* the first exact candidate's country */
} ds__pfocus;

/* A match's candidates, apart from the match: the scanner copies matches
 * while it reads, and these arrays are filled only after it. */
typedef struct ds__pcands {
    uint32_t cands[DS__MAX_CANDS];
    double score[DS__MAX_CANDS]; /* priors */
    double final[DS__MAX_CANDS]; /* the last pass's scores; -inf when implausible */
    bool cexact[DS__MAX_CANDS];
    size_t nc;
    ds__pfocus focus;
} ds__pcands;

/* A name's candidates and priors as gather (resolve.c) found them, for
 * the name's next occurrence in this or a later document: they depend on
 * the name's slot and exact key alone.  Direct-mapped by both; a clash
 * only costs a recomputation.  4,096 entries (1.6 MB): a batch of news
 * names more distinct places than 1,024 held without clashes. */
enum { DS__PGATHERED = 4096 };
typedef struct ds__pgathered {
    const ds__gz_slot *slot; /* NULL for an empty entry */
    uint32_t exact;
    uint32_t nc;
    ds__pfocus focus;
    /* Each candidate's fields side by side: most names have a few
     * candidates, which then lie in one or two cache lines. */
    struct {
        double score;
        uint32_t place;
        bool exact;
    } cand[DS__MAX_CANDS];
} ds__pgathered;
/* The entry a name's candidates are kept in, by its slot and exact key. */
static inline ds__pgathered *ds__places_gathered_at(const ds_places *r, const ds__gz_slot *slot,
                                                    uint32_t exact)
{
    uint64_t h = ((uint64_t)(slot - r->gz->slots) << 32 | exact) * 0x9e3779b97f4a7c15ULL;
    return &r->gathered[h >> 52 & (DS__PGATHERED - 1)]; /* the hash's top 12 bits */
}

/* A division's abbreviation after a place ("Paris, Tenn."): a mention of
 * that division (apposition.c finds it, resolve.c emits it).  A text
 * keeps DS__ABBREVS_PER_TEXT; past them an abbreviation still picks its
 * place's namesake but is no mention of its own. */
typedef struct ds__pabbrev {
    size_t s, e;
    uint32_t admin1;
} ds__pabbrev;
enum { DS__ABBREVS_PER_TEXT = 32 };

typedef struct ds__pscan {
    ds__ptok *toks;
    size_t n_toks;
    uint32_t *starts; /* the tokens that may start a name (scan.c, can_start) */
    size_t n_starts;
    ds__pmatch *m;
    size_t n, cap;
    const char *text; /* the text scanned, which the matches' spans index */
    size_t len;       /* its length in bytes */
    char demonym_cc[64][3]; /* demonyms seen, for country focus */
    size_t n_demonyms;
    size_t demonym_at; /* 1 + the first token of the last demonym read, 0 none */
    ds__pabbrev abbrevs[DS__ABBREVS_PER_TEXT];
    size_t n_abbrevs;
} ds__pscan;

/* Tokenizes text and collects the matches; sc's arrays are heap-allocated
 * and freed by the caller with ds_free. */
ds_status ds__places_scan(const ds_places *r, const char *text, size_t len, ds__pscan *sc,
                          ds_error *err);
/* Whether text[from, to) only joins a list: ", ", " and ", ", and ", " or ". */
bool ds__places_list_gap(const char *text, size_t from, size_t to);
ds__cue ds__places_cue(const ds_places *r, const char *text, size_t s, size_t e);
/* Whether place is among a match's candidates. */
static inline bool ds__places_has_candidate(const ds__pcands *c, uint32_t place)
{
    for (size_t k = 0; k < c->nc; k++)
        if (c->cands[k] == place)
            return true;
    return false;
}

/* Whether an entry is a first- or second-order division. */
static inline bool ds__places_is_division(const ds__gz_place *p)
{
    return p->kind == DS_PLACE_ADMIN1 || p->kind == DS_PLACE_ADMIN2;
}

/* Whether a match names gazetteer entries and has candidates left: not an
 * area phrase, an unlisted place or a match set aside. */
static inline bool ds__places_resolvable(const ds__pmatch *m)
{
    return m->slot && m->c && m->c->nc > 0 && !m->area_value;
}

/* A posting's score as a candidate of match m: the place's prior, and
 * more when the text spells one of its names exactly, or its own name. */
static inline double ds__places_posting_score(const ds_places *r, const ds__pmatch *m,
                                              const ds__gz_posting *p)
{
    return r->prior[p->place] + (p->exact == m->exact ? 0.6 : 0) +
           ((p->flags & DS__PF_MAIN) ? 0.2 : 0);
}

/* Whether place p lies in place q: q's division or country holds it. */
bool ds__places_holds(const ds_gazetteer *gz, uint32_t q, uint32_t p);
/* Whether a match, as written, names a division of the same kind as
 * place q (and, below the country, in q's country): then the two names
 * are more likely items of a list ("Idlib, Hama and Latakia", "Jordan,
 * Lebanon") than a place and what holds it. */
bool ds__places_lists_with(const ds_gazetteer *gz, const ds__pmatch *m, uint32_t q);
/* Raises the scores of a place and of the division or country named after
 * it with a comma ("Lima, Ohio") where one holds the other (apposition.c);
 * called once candidates are gathered, before they are chosen. */
void ds__places_appositions(const ds_places *r, const char *text, size_t len, ds__pscan *sc);
/* Lowers, in a list of names ("Georgia, Alabama and Texas"), the division
 * readings of a name that the other items do not share (lists.c); called
 * with ds__places_appositions. */
void ds__places_list_kinds(const ds_places *r, const char *text, ds__pscan *sc);
/* Raises the scores of a place and of a division that holds it when both
 * are named in one sentence, not side by side ("Cumbria Police said ...
 * near Kendal"; conamed.c); called after ds__places_appositions. */
void ds__places_co_named(const ds_places *r, ds__pscan *sc);
/* Bit d for each candidate d of a list that ds__places_co_named lets gain
 * as a division holding another name's place.  It depends on the list
 * alone, as the answer is kept with the list (ds__pfocus). */
uint32_t ds__places_containers(const ds_gazetteer *gz, const ds__pcands *c);
/* Where a resolved match names a compass part of a country or division
 * ("northern Syria", "the eastern countryside of Homs", "the north of
 * Mali", "ريف حلب الشمالي"; parts.c): returns the division, whose part
 * lies around *lat, *lon, and sets *part to the part's name ("north-east",
 * "centre").  DS_PLACE_NONE when the match names no part, its part has no
 * places, or the text has asked for DS__PARTS_PER_TEXT parts already
 * (*asked counts them). */
enum { DS__PARTS_PER_TEXT = 64 };
uint32_t ds__places_part(const ds_places *r, const char *text, size_t len, const ds__pmatch *m,
                         size_t *asked, double *lat, double *lon, const char **part);

#endif
