/*
 * random_text.h -- what the random-model tests share: a small
 * deterministic generator (xorshift64*, seeded by each test through rng)
 * and a text buffer to write a model file into.  Each test file includes
 * it once; the definitions are its own (static).
 */
#ifndef BE_RANDOM_TEXT_H
#define BE_RANDOM_TEXT_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>

static uint64_t rng = 1;

static double uniform(void)      /* [0, 1), xorshift64* */
{
    rng ^= rng >> 12;
    rng ^= rng << 25;
    rng ^= rng >> 27;
    return (double)((rng * 2685821657736338717ull) >> 11) / 9007199254740992.0;
}

static int pick(int lo, int hi) /* lo .. hi */
{
    return lo + (int)(uniform() * (hi - lo + 1));
}

typedef struct text {
    char buf[16384];
    size_t n;
} text;

#if defined(__GNUC__)
static void add(text *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
#endif

/* Append to t; what does not fit is left out. */
static void add(text *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(t->buf + t->n, sizeof t->buf - t->n, fmt, ap);
    va_end(ap);
    if (k > 0 && (size_t)k < sizeof t->buf - t->n)
        t->n += (size_t)k;
}

#endif /* BE_RANDOM_TEXT_H */
