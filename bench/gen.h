/* gen.h: what the benchmark corpus generators share (gencorpus.c and
 * gennews.c): a small deterministic PRNG and a growable text buffer.
 * Standalone programs, so everything is static and out of memory exits. */
#ifndef DS_BENCH_GEN_H
#define DS_BENCH_GEN_H
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N(a) (sizeof(a) / sizeof *(a))

/* --- PRNG: xorshift64*, seeded by the caller (never 0) ----------------- */

static uint64_t rng_state = 0x6e657773626e6368ULL;

static uint64_t rnd(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545F4914F6CDD1DULL;
}

/* Uniform in [0, n). */
static unsigned below(unsigned n) { return (unsigned)((rnd() >> 32) * n >> 32); }
static int chance(unsigned percent) { return below(100) < percent; }
#define PICK(a) ((a)[below((unsigned)N(a))])

/* --- output buffer ------------------------------------------------------ */

typedef struct {
    char *p;
    size_t len, cap;
} buf;

static void reserve(buf *b, size_t more)
{
    if (b->len + more + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 1 << 16;
    while (cap < b->len + more + 1)
        cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p) {
        fputs("bench generator: out of memory\n", stderr);
        exit(1);
    }
    b->p = p;
    b->cap = cap;
}

static void put(buf *b, const char *s)
{
    size_t n = strlen(s);
    reserve(b, n);
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void putc_(buf *b, char c)
{
    reserve(b, 1);
    b->p[b->len++] = c;
    b->p[b->len] = '\0';
}

static void putf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void putf(buf *b, const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    put(b, tmp);
}

#endif
