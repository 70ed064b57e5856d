/*
 * output.h -- where the program's results go: atomic files, and the small
 * formatting helpers the reports share (JSON strings, round-trip numbers,
 * grouped money).
 */
#ifndef BE_CLI_OUTPUT_H
#define BE_CLI_OUTPUT_H

#include <stdio.h>

/* An output destination: stdout; for a regular file or a new name, a
 * temporary file next to it that out_commit renames onto it (so a failed
 * run never leaves half a file); for a device or a FIFO, the file itself
 * (a rename would replace the node).  Symbolic links are followed first:
 * the temporary file goes beside the link's final target. */
typedef struct out_file {
    FILE *fp;
    char *path;      /* the final target; NULL for stdout */
    char *tmp;       /* the temporary file; NULL when writing directly */
} out_file;

/* Open path ("-" or NULL: stdout).  Returns 0, or -1 with errno set. */
int out_open(out_file *o, const char *path);
/* Flush, close and rename into place.  Returns 0, or -1 with errno set
 * (the temporary file is removed). */
int out_commit(out_file *o);
/* Close and remove the temporary file (after an error). */
void out_abort(out_file *o);

/* The shortest "%.*g" form of v that reads back as v; "null" if not finite
 * (JSON has no infinities).  Returns buf. */
char *fmt_num(double v, char *buf, size_t size);
/* v rounded to `decimals`, with thousands separators: "12,345,678.90". */
char *fmt_money(double v, int decimals, char *buf, size_t size);
/* A count of units: whole numbers without decimals, else 3 decimals. */
char *fmt_units(double v, char *buf, size_t size);
/* A relative gap as a percentage, "0.004%"; "0%" when it is within
 * BE_COST_TOL (the solver's default relative gap, at which it stops:
 * what is left is rounding, as in "2.79e-14%").  For a finite gap; the
 * callers say what no proven bound means.  Returns buf. */
char *fmt_gap(double gap, char *buf, size_t size);
/* Years, written the short way: "6", "1.5", "0.25". */
char *fmt_years(double years, char *buf, size_t size);
/* A be_write_fn onto the FILE * in ctx: 0, or -1 when fwrite fails. */
int fp_write(void *ctx, const char *text, size_t len);
/* Write s as one CSV field (quoted when it holds , " or a line break). */
void csv_field(FILE *fp, const char *s);
/* Write s as a JSON string literal (with quotes). */
void json_str(FILE *fp, const char *s);
/* A period label as JSON: the string, or null for "" (never). */
void json_label(FILE *fp, const char *label);

#endif
