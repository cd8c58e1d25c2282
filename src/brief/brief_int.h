/* brief_int.h: what the files of src/brief share.  Everything is allocated
 * from one arena per brief (or check, or timeline) and freed with it. */
#ifndef DS_BRIEF_INT_H
#define DS_BRIEF_INT_H

#include <jansson.h>

#include "brief.h"

enum {
    BR_MAX_INCIDENTS = 5000,   /* incidents one brief reads */
    BR_MAX_CITES = 16,         /* documents one footnote cites */
    BR_MAX_CLAIMS = 8,         /* claims of one document behind one footnote */
    BR_OUT_MAX = 64u << 20,    /* bytes of one brief, timeline or working string */
    BR_ARENA_MAX = 512u << 20,
};

/* A house style: the rows of data/brief_NAME.tsv, key, optional sub-key
 * and value. */
typedef struct br_row {
    const char *key, *sub, *value;
} br_row;

typedef struct br_style {
    br_row *rows;
    size_t n, cap;
    const char *months[12];
    ds_arena *arena;
} br_style;

ds_status ds__br_style_load(br_style *st, const char *name, ds_arena *arena, ds_error *err);
/* The value of key (and sub, when not NULL); NULL when the style lacks it. */
const char *ds__br_style_get(const br_style *st, const char *key, const char *sub);

/* Fills a template: "{name}" is replaced by the value paired with name in
 * vars (name, value, ..., NULL), "[...]" is kept only when every variable
 * in it has a non-empty value.  Returns an arena string or NULL. */
const char *ds__br_fill(ds_arena *a, const char *tmpl, const char *const *vars);
/* A date range written in the style's words: "6 March 2025", "March 2025",
 * "between 21 and 28 February 2025"; prep adds "on"/"in" before it. */
const char *ds__br_date(const br_style *st, ds_arena *a, const char *start, const char *end,
                        bool prep);
/* A number with the style's thousands separator. */
const char *ds__br_number(const br_style *st, ds_arena *a, double v);

/* One document as a brief cites it. */
typedef struct br_doc {
    int64_t id;
    const char *name;     /* in prose: the publisher, else the author, else the title */
    const char *citation; /* the footnote and bibliography entry, without url */
    const char *url;
    const char *published; /* ISO first day of the publication date, or NULL */
    const char *published_end; /* its last day: "2025" sorts after "19 March 2025" */
    const char *date_text; /* the publication date in the style's words, or NULL */
} br_doc;

/* One document's part of a footnote: its claims, and the source it relays. */
typedef struct br_cite {
    int64_t doc;
    const char *relay;
    int64_t claims[BR_MAX_CLAIMS];
    size_t n_claims;
} br_cite;

typedef struct br_note {
    br_cite cites[BR_MAX_CITES];
    size_t n;
} br_note;

typedef enum br_kind { BR_HEADING, BR_PARA, BR_STMT, BR_TEXT } br_kind;

/* The findings as a flat list: headings, paragraph breaks, footnoted
 * statements (text then the note's number) and unsourced text. */
typedef struct br_item {
    br_kind kind;
    const char *text;
    size_t note; /* 1-based index into notes for BR_STMT */
} br_item;

/* An evidence sentence: a claim's sentence, or the sentence that set a
 * date or place the claim carries. */
typedef struct br_evidence {
    int64_t claim, doc;
    size_t start, end;
    const char *text;
    bool carried;
    ds_date published;       /* the document's, to read relative dates */
    const char *date_start, *date_end;  /* the claim's date, or NULL */
    const char *place_name, *place_text, *country; /* the claim's place, or NULL */
} br_evidence;

typedef struct br_brief {
    ds_arena *arena;
    br_style style;
    const ds_brief_query *q;
    br_doc *docs;
    size_t n_docs, cap_docs;
    br_note *notes;
    size_t n_notes, cap_notes;
    br_item *items;
    size_t n_items, cap_items;
    const char **closings;
    size_t n_closings, cap_closings;
    const char **origins;
    size_t n_origins, cap_origins;
    char period_from[11], period_to[11];
    size_t n_incidents;
    ds_store *store;
} br_brief;

/* Adds an item; returns false when memory runs out. */
bool ds__br_item(br_brief *b, br_kind kind, const char *text, size_t note);
/* The document with this id, loaded and formatted on first use. */
const br_doc *ds__br_doc(br_brief *b, int64_t id, ds_error *err);
/* A string member of o, or NULL when absent or empty. */
const char *ds__br_str(json_t *o, const char *key);
/* Adds a copy of s to the list unless it is there already. */
bool ds__br_push_unique(br_brief *b, const char ***v, size_t *n, size_t *cap, const char *s);
/* Writes one incident's statements (compose.c). */
typedef struct ds_registry ds_registry;
ds_status ds__br_incident(br_brief *b, json_t *inc, const ds_registry *reg, ds_error *err);
/* Selects the incidents of the query and composes the findings. */
ds_status ds__br_compose(br_brief *b, ds_error *err);
/* The evidence sentences of claims (ids sorted, each once), carried ones
 * included; *out is the caller's to ds_free, the texts are in the arena. */
ds_status ds__br_evidence(ds_store *s, ds_arena *a, const int64_t *claims, size_t n,
                          br_evidence **out, size_t *n_out, ds_error *err);
/* The HTML page up to <body>, and the appendix of evidence sentences. */
ds_status ds__br_html_page_start(br_brief *b, ds_buf *out);
ds_status ds__br_html_evidence(br_brief *b, ds_buf *out, ds_error *err);
/* Writes the composed brief. */
ds_status ds__br_render(br_brief *b, ds_buf *out, ds_error *err);

/* "d3" or "c47" as a number; 0 when it is not one. */
int64_t ds__br_id(const char *s, char prefix);
/* Text escaped for HTML (a NUL-terminated copy in the arena). */
const char *ds__br_html(ds_arena *a, const char *s);
ds_status ds__br_put_html(ds_buf *out, const char *s);

#endif
