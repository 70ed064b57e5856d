/*
 * test_teach.c -- the teaching writers: be_write_gmpl and be_explain pass
 * their text to the caller's function, stop when it fails, and truncate.
 */
#include "check.h"

#include <stdlib.h>
#include <string.h>

#include "breakeven.h"

void suite_teach(void);

/* One machine, two years: price 1000, O&M 100, resale 600 after a year.
 * Cohorts: bought in 2025 and in 2026.  Columns: buy[m,2025],
 * hold[m,a0,2025], hold[m,a1,2026], retire[m,a1,2026], buy[m,2026],
 * hold[m,a0,2026]: 6.  Rows: 3 flow + 2 demand. */
static const char tiny[] =
    "breakeven: 1\nhorizon: {start: 2025, periods: 2}\ndemand: 1\n"
    "devices:\n  - {name: m, throughput: 1, lifetime: 2, price: 1000, "
    "om: 100, resale: [600, 300]}\n";

typedef struct sink { char buf[65536]; size_t len; int fail_after; } sink;

static int to_sink(void *ctx, const char *text, size_t len)
{
    sink *s = ctx;
    if (s->fail_after >= 0 && s->len + len > (size_t)s->fail_after)
        return -1;
    if (s->len + len >= sizeof s->buf)
        return -1;
    memcpy(s->buf + s->len, text, len);
    s->len += len;
    s->buf[s->len] = '\0';
    return 0;
}

static void test_teach_writers(void)
{
    be_error err;
    be_model *m = be_model_load_string(tiny, strlen(tiny), "tiny", NULL, &err);
    CHECK(m != NULL);
    if (!m)
        return;
    sink *s = calloc(1, sizeof *s);
    s->fail_after = -1;
    CHECK(be_write_gmpl(m, NULL, to_sink, s, &err) == BE_OK);
    CHECK(strstr(s->buf, "s.t. flow{(k,g,t) in HOLD union RETIRE}:") != NULL);
    CHECK(strstr(s->buf, "var hold{HOLD} >= 0, integer;") != NULL);
    /* hold in the last period carries the salvage: bought in 2026, age 0:
     * 100 - 600 = -500; bought in 2025, age 1: 100 - 300 = -200 */
    CHECK(strstr(s->buf, "'m' 2026 2026 -500") != NULL);
    CHECK(strstr(s->buf, "'m' 2025 2026 -200") != NULL);

    memset(s, 0, sizeof *s);
    s->fail_after = -1;
    CHECK(be_explain(m, NULL, 0, to_sink, s, &err) == BE_OK);
    CHECK(strstr(s->buf, "choose 6 variables") != NULL);
    CHECK(strstr(s->buf, "  demand[2026]: 1·hold[m,a1,2026] + "
                         "1·hold[m,a0,2026] >= 1\n") != NULL);

    memset(s, 0, sizeof *s);
    s->fail_after = -1;
    CHECK(be_explain(m, NULL, 1, to_sink, s, &err) == BE_OK);
    CHECK(strstr(s->buf, "... and 5 more variables") != NULL);
    CHECK(strstr(s->buf, "(1 more term)") != NULL);

    /* The caller's function fails: the writers stop with BE_EIO. */
    memset(s, 0, sizeof *s);
    s->fail_after = 100;
    CHECK(be_write_gmpl(m, NULL, to_sink, s, &err) == BE_EIO);
    CHECK(be_explain(m, NULL, 0, to_sink, s, &err) == BE_EIO);
    CHECK(be_explain(m, NULL, -1, to_sink, s, &err) == BE_EARG);
    free(s);
    be_model_free(m);
}

void suite_teach(void)
{
    RUN(test_teach_writers);
}
