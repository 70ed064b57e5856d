/*
 * random_text.h -- what the random-model tests share: a small
 * deterministic generator (xorshift64*, seeded by each test through rng)
 * and a text buffer to write a model file into (text_buffer.h).  Each
 * test file includes it once; the definitions are its own (static).
 */
#ifndef BE_RANDOM_TEXT_H
#define BE_RANDOM_TEXT_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>

#include "text_buffer.h"

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

#endif /* BE_RANDOM_TEXT_H */
