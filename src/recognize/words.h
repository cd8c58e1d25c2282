/* words.h: the word stream and word lexicon that the time and quantity
 * recognizers share (internal to the recognize stage).
 *
 * A ds__words lexicon is built from the data files time_words.tsv,
 * number_words.tsv, quantity_policy.tsv and count_words.tsv.  It owns
 * everything it holds and is immutable once loaded; ds__words_free releases
 * it.  Token arrays come from the caller's arena.
 */
#ifndef DS_RECOGNIZE_WORDS_H
#define DS_RECOGNIZE_WORDS_H
#include "core.h"

enum { DS__TOK_WORD = 1, DS__TOK_NUM, DS__TOK_PUNCT };

/* Word classes a lexicon entry may carry (several at once: "may" is a month
 * and a verb, "second" an ordinal and a unit). */
enum {
    DS__W_MONTH = 1u << 0,
    DS__W_WEEKDAY = 1u << 1,
    DS__W_UNIT = 1u << 2,     /* day, week, month, year, decade */
    DS__W_PART = 1u << 3,     /* morning, evening, night */
    DS__W_FUZZY = 1u << 4,    /* early, mid, late */
    DS__W_SEASON = 1u << 5,
    DS__W_DAYWORD = 1u << 6,  /* yesterday, today, tomorrow */
    DS__W_REL = 1u << 7,      /* last, next, this, ago, later, ... */
    DS__W_CARD = 1u << 8,     /* cardinal number word */
    DS__W_ORD = 1u << 9,      /* ordinal number word */
    DS__W_SCALE = 1u << 10,   /* hundred, thousand, million */
    DS__W_NOUN = 1u << 11,    /* a counted noun with a class */
    DS__W_ROLE = 1u << 12,    /* a casualty role word */
    DS__W_GLUE = 1u << 13,    /* auxiliaries and particles between a count and its role */
    DS__W_MODAL = 1u << 14,   /* non-casualty verbs that close a clause */
};

/* Relative words (DS__W_REL). */
enum {
    DS__REL_LAST = 1, DS__REL_NEXT, DS__REL_THIS, DS__REL_AGO, DS__REL_LATER,
    DS__REL_EARLIER, DS__REL_FOLLOWING, DS__REL_PREVIOUS, DS__REL_SAME, DS__REL_PAST,
    DS__REL_COMING, DS__REL_BEFORE, DS__REL_AFTER, DS__REL_SINCE, DS__REL_UNTIL,
    DS__REL_BETWEEN, DS__REL_FROM, DS__REL_TO, DS__REL_AND, DS__REL_OVER, DS__REL_FOR,
    DS__REL_OF, DS__REL_THE, DS__REL_ON, DS__REL_IN, DS__REL_BY,
    DS__REL_THAT, DS__REL_WITHIN, DS__REL_DURING, DS__REL_REST, DS__REL_COUNT
};

/* Time units (DS__W_UNIT), in increasing size. */
enum { DS__U_DAY = 1, DS__U_WEEK, DS__U_FORTNIGHT, DS__U_MONTH, DS__U_QUARTER,
       DS__U_YEAR, DS__U_DECADE, DS__U_CENTURY };

/* Casualty roles (DS__W_ROLE), in the order a count takes the first. */
enum { DS__ROLE_KILLED = 1, DS__ROLE_INJURED, DS__ROLE_ABDUCTED, DS__ROLE_DETAINED,
       DS__ROLE_DISPLACED, DS__ROLE_COUNT };

typedef struct ds__word {
    uint32_t cls;      /* DS__W_* bits */
    int8_t month;      /* 1..12 */
    int8_t weekday;    /* 0 Monday .. 6 Sunday */
    int8_t unit;       /* DS__U_* */
    int8_t part;       /* index into the part names (DS__W_PART) */
    int8_t fuzzy;      /* 1 early, 2 mid, 3 late (DS__W_FUZZY) */
    int8_t season;     /* 1 spring, 2 summer, 3 autumn, 4 winter */
    int8_t dayoff;     /* yesterday -1, today 0, tomorrow 1 */
    int8_t rel;        /* DS__REL_* */
    int8_t ord;        /* ordinal value, 1..31 (DS__W_ORD) */
    int8_t role;       /* DS__ROLE_* */
    int8_t role_form;  /* bit 1: follows what it counts ("were killed"); bit 2: acts on
                        * what follows ("killing 14"); a word may be both */
    const char *noun;  /* the class of a counted noun: "people", "weapons", ... */
    double value;      /* cardinal or scale value */
} ds__word;

/* Multi-word entries ("at least", "took refuge", "the following day"): a
 * sequence of word ids that starts at one word. */
typedef struct ds__phrase {
    uint32_t *words;
    size_t n;
    int kind;          /* DS__PH_* */
    int arg;           /* index into the policy, or a role, or a REL code */
    struct ds__phrase *next; /* the next phrase with the same first word */
} ds__phrase;

enum { DS__PH_QUAL = 1, DS__PH_VAGUE, DS__PH_ROLE };

/* One qualifier or vague quantity of quantity_policy.tsv.  The bounds are
 * small formulas over the stated numbers x and y. */
typedef struct ds__formula {
    bool unbounded;  /* "-": no bound */
    double a, b, c;  /* a*x + b*y + c */
} ds__formula;

typedef struct ds__policy {
    char *phrase;     /* as written in the file, the qualifier's canonical name */
    int relation;     /* the index of eq, ge, gt, le, lt, approx, range, vague: the
                       * order of ds_qty_relation */
    bool after;       /* a qualifier that follows the number ("or more") */
    ds__formula value, low, high;
} ds__policy;

/* Words the grammars test by spelling ("few", "than", "aged").  Each is
 * interned in the lexicon when it loads (with no class when no data file
 * names it), so a token is that word exactly when it carries its id: one
 * integer comparison instead of a string comparison per test. */
#define DS__SPECIAL_WORDS(X)                                                                   \
    X(A, "a") X(AGE, "age") X(AGED, "aged") X(ALONG, "along") X(AN, "an") X(AND, "and")       \
    X(ANOTHER, "another") X(ANY, "any") X(APRIL, "april") X(AS, "as") X(AT, "at")             \
    X(AUGUST, "august") X(BEGINNING, "beginning") X(BN, "bn") X(C, "c")                       \
    X(COMMENCING, "commencing") X(EACH, "each") X(EARLY, "early") X(EVERY, "every")           \
    X(FEW, "few") X(HALF, "half") X(HER, "her") X(HIS, "his") X(IN, "in")                     \
    X(INCLUDING, "including") X(ITS, "its") X(JUNE, "june") X(K, "k") X(LATE, "late")         \
    X(M, "m") X(MAR, "mar") X(MARCH, "march") X(MAY, "may") X(MID, "mid") X(MN, "mn")         \
    X(MONTH, "month") X(MY, "my") X(ND, "nd") X(NEAR, "near") X(NO, "no")                     \
    X(NOUGHTIES, "noughties") X(NOW, "now") X(OF, "of") X(OH, "oh") X(ON, "on")               \
    X(ONE, "one") X(OUR, "our") X(PER, "per") X(QUARTER, "quarter") X(RD, "rd")               \
    X(SOME, "some") X(ST, "st") X(STARTING, "starting") X(TENS, "tens") X(TH, "th")           \
    X(THAN, "than") X(THAT, "that") X(THE, "the") X(THEIR, "their") X(THESE, "these")         \
    X(THIS, "this") X(THOSE, "those") X(THOUSANDS, "thousands") X(TO, "to")                   \
    X(TOGETHER, "together") X(W, "w") X(WEEK, "week") X(WELL, "well") X(WITH, "with")         \
    X(YEAR, "year") X(YOUR, "your") X(ZERO, "zero")

#define DS__SPECIAL_ENUM(id, s) DS__SP_##id,
enum { DS__SPECIAL_WORDS(DS__SPECIAL_ENUM) DS__SP_COUNT };
#undef DS__SPECIAL_ENUM

/* A word of at most 8 * DS__WORD_CHUNKS bytes, folded to lower case and
 * padded with zero bytes, read as 64-bit chunks: the lexicon hashes and
 * compares words a chunk at a time. */
enum { DS__WORD_CHUNKS = 4 };
typedef struct ds__chunks {
    uint64_t c[DS__WORD_CHUNKS];
} ds__chunks;

/* How a word may start a quantity (ds__words.starts_quantity).  A number
 * word, an article or the first word of a qualifier ("at least N") or vague
 * quantity starts one; a start that is not complete alone (an article, "at
 * least", but not "seven" or "dozens") needs a word of the lexicon, a number
 * or punctuation after it. */
enum { DS__QS_START = 1, DS__QS_NEEDS_NEXT = 2 };

typedef struct ds__words ds__words;

struct ds__words {
    char **keys;        /* lower-case spelling of each word id */
    uint8_t *key_len;   /* strlen of each key (at most 8 * DS__WORD_CHUNKS) */
    ds__chunks *key_chunks; /* each key, as the tokenizer compares it */
    ds__word *info;     /* by word id */
    ds__phrase **first; /* phrases starting with each word id, or NULL */
    size_t n, cap;
    uint32_t *slots;    /* open addressing: 1 + word id, 0 empty */
    uint32_t *slot_hash; /* the low 32 bits of each slot's hash, to skip most compares */
    size_t mask;
    ds__policy *policy;
    size_t n_policy;
    char *part_names[16];
    size_t n_parts;
    ds_arena *arena;    /* phrases and strings */
    int32_t special[DS__SP_COUNT]; /* word ids of DS__SPECIAL_WORDS */
    size_t n_files;     /* ids below this come from the data files; the rest are
                         * specials that no file names */
    int32_t number_slot; /* id of "N", the number slot of policy phrases, or -1 */
    int32_t punct_id[128]; /* word id of each one-byte punctuation token, or -1 */
    unsigned char letter[256]; /* each ASCII letter in lower case; 0 for other bytes */
    unsigned char fold[256];   /* each byte with ASCII letters in lower case */
    uint8_t *starts_quantity; /* by word id: DS__QS_* bits */
    uint32_t *time_starts; /* by word id: the rules of the time grammar a word may
                            * start (ds__time_word_starts) */
    bool *starts_any;      /* by word id: a word of the files whose time_starts or
                            * starts_quantity is set */
    bool *counting_only;   /* by word id: a word whose only classes are those of
                            * count_words.tsv (a counted noun, a role, an
                            * auxiliary, a modal), with no relative code, and not
                            * one of DS__SPECIAL_WORDS; no time rule reads one
                            * after a relative word or an article */
};

/* What word id offers the time grammar as the first word of an expression
 * (time_parse.c): the lexicon keeps it by word id, as most tokens are
 * words of the lexicon that start nothing. */
unsigned ds__time_word_starts(const ds__words *w, uint32_t id);

/* Loads the four data files through ds_data_path. */
ds_status ds__words_load(ds__words **out, ds_error *err);
/* Builds from TSV texts in memory (fuzzing and tests): each may be NULL. */
ds_status ds__words_parse(ds__words **out, const char *time_tsv, const char *number_tsv,
                          const char *policy_tsv, const char *count_tsv, ds_error *err);
void ds__words_free(ds__words *w);

/* The word id of s[0..n) compared case-insensitively, or -1. */
int32_t ds__words_find(const ds__words *w, const char *s, size_t n);

typedef struct ds__tok {
    uint32_t start, end;
    int32_t word;      /* word id, or -1 */
    uint8_t kind;      /* DS__TOK_* */
    bool space;        /* whitespace before the token */
    bool cap;          /* starts with an upper-case letter */
    bool brk;          /* a sentence ends before this token */
} ds__tok;

/* Cuts text into words, digit runs and single punctuation characters
 * (one UTF-8 sequence each), with word ids looked up.  *out is an arena
 * array of *n tokens. */
ds_status ds__tokenize(const ds__words *w, const char *text, size_t len, ds_arena *a,
                       ds__tok **out, size_t *n, ds_error *err);

/* Tokens, and the indexes of those where a time expression or a quantity
 * may start: digit runs, words of the files that start a time rule or a
 * quantity, and the shapes the time grammar reads by spelling ("Q3",
 * "w/c", "a").  Most tokens are none of these, and the recognizers visit
 * only the live ones. */
typedef struct ds__toks {
    ds__tok *t;
    size_t n;
    uint32_t *live; /* increasing token indexes */
    size_t n_live;
} ds__toks;

/* ds__tokenize, with the live tokens; all arrays come from the arena. */
ds_status ds__tokenize_live(const ds__words *w, const char *text, size_t len, ds_arena *a,
                            ds__toks *out, ds_error *err);

/* The word record of a token, or NULL for an unknown word. */
static inline const ds__word *ds__tok_word(const ds__words *w, const ds__tok *t)
{
    return t->word >= 0 ? &w->info[t->word] : NULL;
}

/* True when the token is a word of the data files (not a special that
 * only the grammars name). */
static inline bool ds__tok_known(const ds__words *w, const ds__tok *t)
{
    return t->word >= 0 && (size_t)t->word < w->n_files;
}

/* True when the token is the word DS__SP_* sp, in any case. */
static inline bool ds__tok_spelled(const ds__words *w, const ds__tok *t, int sp)
{
    return t->word == w->special[sp] && t->kind == DS__TOK_WORD;
}

/* True when the token is exactly the ASCII character c. */
static inline bool ds__tok_is(const char *text, const ds__tok *t, char c)
{
    return t->kind == DS__TOK_PUNCT && t->end - t->start == 1 && text[t->start] == c;
}

/* Matches the longest phrase of one of the given kinds (bit 1 << kind)
 * starting at token i; returns the phrase and sets *end to the token after
 * it, or NULL. */
const ds__phrase *ds__phrase_at(const ds__words *w, const ds__tok *t, size_t n, size_t i,
                                unsigned kinds, size_t *end);

/* Evaluates a policy formula for the stated numbers. */
double ds__formula_eval(const ds__formula *f, double x, double y);



/* A number read from tokens: digits ("1,500", "1.2 million", "250 000",
 * "5k"), words ("six hundred", "twenty-first", "a dozen") or a digit
 * ordinal ("21st"). */
enum { DS__NUM_WORDS = 1, DS__NUM_ORDINAL = 2, DS__NUM_DECIMAL = 4, DS__NUM_GROUPED = 8 };
typedef struct ds__number {
    double value;
    size_t end;     /* the token after the number */
    unsigned flags; /* DS__NUM_* */
    unsigned digits; /* digits in a bare digit run ("2025" has 4), else 0 */
} ds__number;

/* Reads a number starting at token i; false when there is none. */
bool ds__number_at(const ds__words *w, const char *text, const ds__tok *t, size_t n, size_t i,
                   ds__number *out);
#endif
