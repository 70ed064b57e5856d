/*
 * textout.h -- formatted text handed to a caller's be_write_fn, for the
 * library's text writers (gmpl.c, explain.c).  The library never prints:
 * these only format and pass the text on.  Internal: not installed.
 */
#ifndef BE_TEXTOUT_H
#define BE_TEXTOUT_H

#include "model/model.h"

typedef struct be__text {
    be_write_fn write;
    void *ctx;
    int failed;            /* the callback failed or memory ran out */
    int nomem;
} be__text;

/* printf-style output; after a failure further calls do nothing. */
void be__textf(be__text *o, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* BE_OK, or err filled for a failed write (BE_EIO) or memory (BE_ENOMEM). */
be_code be__text_status(const be__text *o, const be_model *m, be_error *err);

#endif /* BE_TEXTOUT_H */
