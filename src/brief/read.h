/* read.h: reading a brief back for the check (read.c); internal. */
#ifndef DS_BRIEF_READ_H
#define DS_BRIEF_READ_H

#include "brief_int.h"

enum {
    BR_READ_MAX_PARAS = 100000,
    BR_READ_MAX_PARA = 1u << 20,
    BR_READ_MAX_CLAIMS = 1000000,
};

/* A claim a footnote's evidence mark names. */
typedef struct br_read_claim {
    size_t note;
    int64_t doc, claim;
} br_read_claim;

typedef struct br_read {
    char **paras; /* plain text with "[^N]" references */
    size_t n_paras, cap_paras;
    br_read_claim *claims; /* sorted by note */
    size_t n_claims, cap_claims;
    ds_buf cur;
} br_read;

/* Reads a brief; DS_EFORMAT when it has no findings marks. */
ds_status ds__br_read(br_read *r, const char *text, size_t len, ds_error *err);
void ds__br_read_free(br_read *r);
/* The claims of one footnote (*n of them; claims are sorted by note). */
const br_read_claim *ds__br_read_note(const br_read *r, size_t note, size_t *n);

#endif
