/*
 * textout.c -- formatted text for a caller's callback (see textout.h).
 */
#include "program/textout.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

void be__textf(be__text *o, const char *fmt, ...)
{
    if (o->failed)
        return;
    char small[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) {
        o->failed = 1;
        return;
    }
    char *text = small;
    if ((size_t)n >= sizeof small) {
        text = malloc((size_t)n + 1);
        if (!text) {
            o->failed = o->nomem = 1;
            return;
        }
        va_start(ap, fmt);
        vsnprintf(text, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    if (n > 0 && o->write(o->ctx, text, (size_t)n) != 0)
        o->failed = 1;
    if (text != small)
        free(text);
}

be_code be__text_status(const be__text *o, const be_model *m, be_error *err)
{
    be_pos nowhere = {0, 0};
    if (!o->failed)
        return BE_OK;
    if (o->nomem)
        return be__fail(err, BE_ENOMEM, m->file, nowhere,
                        "out of memory while writing");
    return be__fail(err, BE_EIO, m->file, nowhere, "the output could not be "
                    "written");
}
