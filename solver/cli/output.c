/*
 * output.c -- output files and number formatting for the reports.  A
 * regular file (or a new name) is written atomically: a temporary file
 * beside it, renamed onto it.  Anything else that exists -- a character
 * device, a FIFO -- is written directly, since a rename would replace the
 * node itself; a symbolic link is followed to the file it names.
 */
#include "output.h"

#include "breakeven.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The file that path finally names: symbolic links followed one by one,
 * dangling ones too (their target is the file to create), at most 40 of
 * them, as the kernel would.  Returns a malloc'd path with *st filled and
 * *exists set, or NULL with errno set (ELOOP, ENOMEM, or lstat's error
 * other than ENOENT, which just means a new name). */
static char *final_target(const char *path, struct stat *st, int *exists)
{
    size_t n = strlen(path);
    char *cur = malloc(n + 1);
    if (!cur)
        return NULL;
    memcpy(cur, path, n + 1);
    for (int hops = 0;; hops++) {
        if (lstat(cur, st) != 0) {
            if (errno == ENOENT) {
                *exists = 0;
                return cur;
            }
            break;
        }
        if (!S_ISLNK(st->st_mode)) {
            *exists = 1;
            return cur;
        }
        if (hops == 40) {
            errno = ELOOP;
            break;
        }
        /* the link's text; st_size may be 0 (procfs) or stale: grow */
        size_t cap = st->st_size > 0 ? (size_t)st->st_size + 1 : 256;
        char *link = NULL;
        ssize_t got;
        for (;;) {
            char *nl = realloc(link, cap);
            if (!nl) {
                free(link);
                link = NULL;
                break;
            }
            link = nl;
            got = readlink(cur, link, cap);
            if (got < 0 || (size_t)got < cap)
                break;
            cap *= 2;
        }
        if (!link)
            break;
        if (got < 0) {
            int e = errno;
            free(link);
            errno = e;
            break;
        }
        /* a relative target is relative to the link's own directory */
        const char *slash = link[0] == '/' ? NULL : strrchr(cur, '/');
        size_t dir = slash ? (size_t)(slash - cur) + 1 : 0;
        char *next = malloc(dir + (size_t)got + 1);
        if (!next) {
            free(link);
            break;
        }
        memcpy(next, cur, dir);
        memcpy(next + dir, link, (size_t)got);
        next[dir + (size_t)got] = '\0';
        free(link);
        free(cur);
        cur = next;
    }
    int e = errno;
    free(cur);
    errno = e;
    return NULL;
}

int out_open(out_file *o, const char *path)
{
    memset(o, 0, sizeof *o);
    if (!path || strcmp(path, "-") == 0) {
        o->fp = stdout;
        return 0;
    }
    struct stat st;
    int exists = 0;
    o->path = final_target(path, &st, &exists);
    if (!o->path)
        goto fail;
    if (exists && !S_ISREG(st.st_mode)) {
        /* A device, a FIFO (a reader waits on it), or something fopen
         * refuses (a directory): renaming a file over it would replace
         * it, so write to it directly, through the name given. */
        o->fp = fopen(path, "w");
        if (!o->fp)
            goto fail;
        return 0;
    }
    /* A regular file or a new name: write a temporary file beside the
     * final target (the same file system, so the rename is atomic) and
     * rename it onto the target, never onto a symbolic link. */
    size_t n = strlen(o->path);
    o->tmp = malloc(n + 16);
    if (!o->tmp)
        goto fail;
    snprintf(o->tmp, n + 16, "%s.tmp-XXXXXX", o->path);
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
    /* fsync only the temporary file: on a FIFO or a terminal it fails */
    if (fflush(o->fp) != 0 || ferror(o->fp) ||
        (o->tmp && fsync(fileno(o->fp)) != 0))
        e = errno ? errno : EIO;
    if (fclose(o->fp) != 0 && !e)
        e = errno;
    o->fp = NULL;
    if (o->tmp && !e && rename(o->tmp, o->path) != 0)
        e = errno;
    if (o->tmp && e)
        unlink(o->tmp);
    if (e)
        rc = -1;
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
    if (o->tmp)
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

char *fmt_gap(double gap, char *buf, size_t size)
{
    if (fabs(gap) <= BE_COST_TOL)
        snprintf(buf, size, "0%%");
    else
        snprintf(buf, size, "%.3g%%", 100.0 * gap);
    return buf;
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

void json_label(FILE *fp, const char *label)
{
    if (label[0])
        json_str(fp, label);
    else
        fputs("null", fp);
}
