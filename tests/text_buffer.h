/*
 * text_buffer.h -- a fixed buffer the tests write model files into, for
 * the random-model generators (random_text.h, test_property.c).  What does
 * not fit is left out and `full` records it: a generator that must fit its
 * buffer checks it.  Each test file includes it once; the definitions are
 * its own (static).
 */
#ifndef BE_TEXT_BUFFER_H
#define BE_TEXT_BUFFER_H

#include <stdarg.h>
#include <stdio.h>

typedef struct text {
    char buf[16384];
    size_t n;
    int full;
} text;

static void add(text *t, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Append to t. */
static void add(text *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int w = vsnprintf(t->buf + t->n, sizeof t->buf - t->n, fmt, ap);
    va_end(ap);
    if (w > 0 && (size_t)w < sizeof t->buf - t->n)
        t->n += (size_t)w;
    else if (w > 0)
        t->full = 1;
}

#endif /* BE_TEXT_BUFFER_H */
