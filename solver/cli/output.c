/*
 * output.c -- atomic output files and number formatting for the reports.
 */
#include "output.h"

#include "breakeven.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int out_open(out_file *o, const char *path)
{
    memset(o, 0, sizeof *o);
    if (!path || strcmp(path, "-") == 0) {
        o->fp = stdout;
        return 0;
    }
    size_t n = strlen(path);
    o->path = malloc(n + 1);
    o->tmp = malloc(n + 16);
    if (!o->path || !o->tmp)
        goto fail;
    memcpy(o->path, path, n + 1);
    snprintf(o->tmp, n + 16, "%s.tmp-XXXXXX", path);
    int fd = mkstemp(o->tmp);
    if (fd < 0)
        goto fail;
    /* mkstemp creates the file 0600; give it the mode a plain fopen would
     * (0666 less the umask), since results are meant to be shared */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    o->fp = fdopen(fd, "w");
    if (!o->fp) {
        int e = errno;
        close(fd);
        unlink(o->tmp);
        errno = e;
        goto fail;
    }
    return 0;
fail: {
        int e = errno;
        free(o->path);
        free(o->tmp);
        memset(o, 0, sizeof *o);
        errno = e;
        return -1;
    }
}

int out_commit(out_file *o)
{
    int rc = 0;
    if (!o->path) {
        if (fflush(o->fp) != 0 || ferror(o->fp))
            rc = -1;
        return rc;
    }
    int e = 0;
    if (fflush(o->fp) != 0 || ferror(o->fp) || fsync(fileno(o->fp)) != 0)
        e = errno ? errno : EIO;
    if (fclose(o->fp) != 0 && !e)
        e = errno;
    o->fp = NULL;
    if (!e && rename(o->tmp, o->path) != 0)
        e = errno;
    if (e) {
        unlink(o->tmp);
        rc = -1;
    }
    free(o->path);
    free(o->tmp);
    o->path = o->tmp = NULL;
    errno = e;
    return rc;
}

void out_abort(out_file *o)
{
    if (!o->path)
        return;
    if (o->fp)
        fclose(o->fp);
    unlink(o->tmp);
    free(o->path);
    free(o->tmp);
    memset(o, 0, sizeof *o);
}

char *fmt_num(double v, char *buf, size_t size)
{
    if (!isfinite(v)) {
        snprintf(buf, size, "null");
        return buf;
    }
    return be_format_number(v, buf, size);
}

char *fmt_money(double v, int decimals, char *buf, size_t size)
{
    char raw[64];
    if (!isfinite(v)) {
        snprintf(buf, size, "%s", isnan(v) ? "nan" : v > 0 ? "inf" : "-inf");
        return buf;
    }
    double scale = pow(10.0, decimals);
    double r = round(v * scale) / scale;
    if (r == 0.0)
        r = 0.0;
    snprintf(raw, sizeof raw, "%.*f", decimals, fabs(r));
    const char *dot = strchr(raw, '.');
    size_t int_len = dot ? (size_t)(dot - raw) : strlen(raw);
    size_t o = 0;
    if (r < 0 && o + 1 < size)
        buf[o++] = '-';
    for (size_t i = 0; raw[i] && o + 1 < size; i++) {
        if (i < int_len && i > 0 && (int_len - i) % 3 == 0 && o + 1 < size)
            buf[o++] = ',';
        if (o + 1 < size)
            buf[o++] = raw[i];
    }
    buf[o] = '\0';
    return buf;
}

char *fmt_units(double v, char *buf, size_t size)
{
    return be_format_units(v, buf, size);
}

char *fmt_years(double years, char *buf, size_t size)
{
    snprintf(buf, size, "%.4g", years);
    return buf;
}

int fp_write(void *ctx, const char *text, size_t len)
{
    return fwrite(text, 1, len, (FILE *)ctx) == len ? 0 : -1;
}

void csv_field(FILE *fp, const char *s)
{
    if (!strpbrk(s, ",\"\n\r")) {
        fputs(s, fp);
        return;
    }
    fputc('"', fp);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', fp);
        fputc(*s, fp);
    }
    fputc('"', fp);
}

void json_str(FILE *fp, const char *s)
{
    fputc('"', fp);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"': fputs("\\\"", fp); break;
        case '\\': fputs("\\\\", fp); break;
        case '\n': fputs("\\n", fp); break;
        case '\r': fputs("\\r", fp); break;
        case '\t': fputs("\\t", fp); break;
        default:
            if (*p < 0x20)
                fprintf(fp, "\\u%04x", *p);
            else
                fputc(*p, fp);
        }
    }
    fputc('"', fp);
}
