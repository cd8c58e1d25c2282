/* model.h: the nouns of DESIGN.md §3 that the first stages produce.
 *
 * Ownership: a ds_document owns its strings and its sentence array; release
 * it with ds_document_free.  A ds_source owns its strings; release it with
 * ds_source_free.  Strings that are unknown are NULL, never "".
 */
#ifndef DS_MODEL_H
#define DS_MODEL_H

#include "core.h"

typedef enum ds_precision {
    DS_PREC_NONE = 0, /* no date known */
    DS_PREC_DAY,
    DS_PREC_MONTH,
    DS_PREC_YEAR
} ds_precision;

/* A date range in ISO form ("2025-03-01" .. "2025-03-31").  A date known to
 * the month or year is kept as the whole range it covers, so comparisons and
 * filters never need to know the precision. */
typedef struct ds_date {
    char start[11];
    char end[11];
    ds_precision precision;
} ds_date;

const char *ds_precision_name(ds_precision p); /* "day", "month", "year", NULL */
ds_status ds_precision_parse(const char *s, ds_precision *out);
/* Parses "2025-03-19", "2025-03" or "2025"; with precision NONE the
 * precision follows from the form, otherwise the given one is applied. */
ds_status ds_date_parse_iso(const char *s, ds_precision precision, ds_date *out);
/* Fills a range from a calendar date and a precision. */
void ds_date_from_ymd(ds_date *out, int y, int m, int d, ds_precision p);
bool ds_date_valid_ymd(int y, int m, int d);

/* Calendar arithmetic on day numbers (days since 1970-01-01, proleptic
 * Gregorian).  ds_weekday is 0 for Monday .. 6 for Sunday.  ds_days_from_iso
 * returns INT32_MIN for a string that is not a valid YYYY-MM-DD. */
int32_t ds_days_from_ymd(int y, int m, int d);
void ds_ymd_from_days(int32_t days, int *y, int *m, int *d);
int ds_weekday(int32_t days);
int ds_days_in_month(int y, int m);
void ds_iso_from_days(int32_t days, char out[11]);
int32_t ds_days_from_iso(const char *iso);

/* Kinds of segmented text.  Claims are later drawn only from BODY, HEADING,
 * BULLET and CAPTION; FOOTNOTE text is parsed for citations. */
typedef enum ds_sentence_kind {
    DS_SENT_BODY = 0,
    DS_SENT_HEADING,
    DS_SENT_BULLET,
    DS_SENT_CAPTION,
    DS_SENT_FOOTNOTE,
    DS_SENT_KIND_COUNT
} ds_sentence_kind;

const char *ds_sentence_kind_name(ds_sentence_kind k);

/* A sentence is a byte span [start, end) of its document's text. */
typedef struct ds_sentence {
    size_t start;
    size_t end;
    ds_sentence_kind kind;
} ds_sentence;

/* A recognized span of a document's text with its resolved value as a JSON
 * object (the "mentions" of DESIGN.md §5).  kind is a static string
 * ("place"); the document owns value. */
typedef struct ds_mention {
    size_t start, end;
    const char *kind;
    char *value;
} ds_mention;

/* A claim of the extract stage (DESIGN.md §3): its evidence span (the
 * sentence), that sentence's index, and the claim as a JSON object shaped
 * like the claims of DESIGN.md §5.  The document owns value. */
typedef struct ds_claim {
    size_t start, end;
    size_t sentence;
    char *value;
} ds_claim;

typedef struct ds_document {
    int64_t id;       /* 0 until stored */
    char *file;       /* base name of the file as added */
    char *format;     /* "text", "markdown", "html", "pdf" */
    char *title;
    char *author;
    char *source;     /* the publisher's canonical name */
    char *source_kind;
    char *url;
    char *lang;
    char *notes;
    ds_date published;
    char sha256[65];  /* hex digest of the original bytes */
    char *text;       /* the normalized text, UTF-8 NFC */
    size_t text_len;
    ds_sentence *sentences;
    size_t n_sentences;
    ds_mention *mentions; /* filled by the recognize stage; may be empty */
    size_t n_mentions;
    ds_claim *claims;     /* filled by the extract stage; may be empty */
    size_t n_claims;
    char *added_at;   /* ISO timestamp, set by the store */
} ds_document;

void ds_document_free(ds_document *d); /* frees members, not d itself */
/* The number of d's mentions of one kind ("place", "time", "number"). */
size_t ds_document_mention_count(const ds_document *d, const char *kind);

typedef struct ds_source {
    char *name;
    char *kind;
    char *country;
    char **aliases;
    size_t n_aliases;
} ds_source;

void ds_source_free(ds_source *s);

#endif
