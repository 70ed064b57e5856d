/*
 * yaml_tree.c -- one YAML document into a small tree, strictly (see
 * yaml_tree.h for what is rejected and why).
 *
 * libyaml's event API is used, never its document API: the document API
 * expands aliases into shared nodes (a "billion laughs" file is a few
 * nodes that a naive walk visits millions of times).  libyaml 0.2.5 has no
 * depth limit, so the depth is counted here and parsing stops at the first
 * collection that is too deep.  Every event is deleted as soon as it has
 * been copied, and parsing stops at the first error (after an error the
 * parser only returns empty events).
 *
 * Memory: nodes, scalar text and child arrays are carved from an arena of
 * large blocks, so a file of many small scalars costs a few dozen bytes per
 * scalar and one free per block.
 */
#include "model/yaml_tree.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

/* ---- arena ---- */

typedef struct block {
    struct block *next;
    size_t size, used;
    /* data follows, aligned as max_align_t */
} block;

#define BLOCK_HEAD ((sizeof(block) + sizeof(max_align_t) - 1) / \
                    sizeof(max_align_t) * sizeof(max_align_t))
#define BLOCK_DATA ((size_t)64 << 10)

struct be_ydoc {
    block *blocks;
};

void *be__yaml_alloc(be_ydoc *d, size_t n)
{
    const size_t align = sizeof(max_align_t);
    if (n > SIZE_MAX - align)
        return NULL;
    n = (n + align - 1) / align * align;
    if (n == 0)
        n = align;
    block *b = d->blocks;
    if (!b || b->size - b->used < n) {
        size_t size = n > BLOCK_DATA ? n : BLOCK_DATA;
        if (size > SIZE_MAX - BLOCK_HEAD)
            return NULL;
        b = malloc(BLOCK_HEAD + size);
        if (!b)
            return NULL;
        b->size = size;
        b->used = 0;
        /* A block bigger than the standard size is put second, so that the
         * current block keeps serving small requests. */
        if (size > BLOCK_DATA && d->blocks) {
            b->next = d->blocks->next;
            d->blocks->next = b;
        } else {
            b->next = d->blocks;
            d->blocks = b;
        }
    }
    void *p = (char *)b + BLOCK_HEAD + b->used;
    b->used += n;
    return p;
}

void be__yaml_free(be_ydoc *d)
{
    if (!d)
        return;
    block *b = d->blocks;
    while (b) {
        block *next = b->next;
        free(b);
        b = next;
    }
    free(d);
}

/* ---- messages ---- */

const char *be__yaml_quote(const char *s, size_t n, char *buf, size_t size)
{
    const size_t max_shown = 48; /* characters */
    size_t o = 0, shown = 0, i = 0;
    buf[0] = '\0';
    if (size < 8)
        return buf;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2
                   : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
        int ok = i + len <= n;
        for (size_t k = 1; ok && k < len; k++)
            ok = ((unsigned char)s[i + k] & 0xC0) == 0x80;
        /* escaped: ASCII controls, DEL, quote, backslash, malformed bytes,
         * C1 controls (U+0080..U+009F) and the separators U+2028/U+2029 */
        int esc = !ok || c < 0x20 || c == 0x7F || c == '\'' || c == '\\' ||
                  (len == 2 && c == 0xC2 && (unsigned char)s[i + 1] < 0xA0) ||
                  (len == 3 && c == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
                   ((unsigned char)s[i + 2] == 0xA8 ||
                    (unsigned char)s[i + 2] == 0xA9));
        if (!ok)
            len = 1;
        size_t need = esc ? 4 * len : len;
        if (shown == max_shown || o + need + 4 > size) {
            snprintf(buf + o, size - o, "...");
            return buf;
        }
        if (esc) {
            for (size_t k = 0; k < len; k++) {
                snprintf(buf + o, size - o, "\\x%02x",
                         (unsigned)(unsigned char)s[i + k]);
                o += 4;
            }
        } else {
            memcpy(buf + o, s + i, len);
            o += len;
            buf[o] = '\0';
        }
        shown++;
        i += len;
    }
    return buf;
}

/* ---- building ---- */

typedef struct frame {
    be_ynode *node;        /* the open collection */
    size_t first;          /* its first child in the pending stack */
} frame;

typedef struct builder {
    be_ydoc *doc;
    const char *file;
    be_error *err;
    int max_depth;
    frame *frames;
    size_t n_frames, cap_frames;
    be_ynode **pending;    /* children of open collections, in order */
    size_t n_pending, cap_pending;
    const be_ynode *root;
    int documents;
} builder;

static be_pos mark_pos(yaml_mark_t mk)
{
    be_pos p;
    p.line = mk.line < INT32_MAX ? (int)mk.line + 1 : INT32_MAX;
    p.column = mk.column < INT32_MAX ? (int)mk.column + 1 : INT32_MAX;
    return p;
}

static be_code nomem(builder *b)
{
    be_pos nowhere = {0, 0};
    return be__fail(b->err, BE_ENOMEM, b->file, nowhere, "out of memory");
}

/* Attach a finished node to its parent (or make it the root). */
static be_code add_child(builder *b, be_ynode *node)
{
    if (b->n_frames == 0) {
        b->root = node;
        return BE_OK;
    }
    if (!be__grow((void **)&b->pending, &b->cap_pending, b->n_pending + 1,
              sizeof *b->pending))
        return nomem(b);
    b->pending[b->n_pending++] = node;
    return BE_OK;
}

static be_code open_collection(builder *b, be_ynode_kind kind,
                               yaml_mark_t mk)
{
    be_pos pos = mark_pos(mk);
    if (b->n_frames >= (size_t)b->max_depth)
        return be__fail(b->err, BE_ELIMIT, b->file, pos,
                        "the file nests deeper than %d levels", b->max_depth);
    be_ynode *node = be__yaml_alloc(b->doc, sizeof *node);
    if (!node || !be__grow((void **)&b->frames, &b->cap_frames, b->n_frames + 1,
                       sizeof *b->frames))
        return nomem(b);
    memset(node, 0, sizeof *node);
    node->kind = kind;
    node->pos = pos;
    b->frames[b->n_frames].node = node;
    b->frames[b->n_frames].first = b->n_pending;
    b->n_frames++;
    return BE_OK;
}

static int key_cmp(const be_ynode *a, const be_ynode *b)
{
    if (a->n != b->n)
        return a->n < b->n ? -1 : 1;
    int c = memcmp(a->u.text, b->u.text, a->n);
    if (c)
        return c;
    /* equal keys: document order, so that the first stays first */
    if (a->pos.line != b->pos.line)
        return a->pos.line < b->pos.line ? -1 : 1;
    return a->pos.column < b->pos.column ? -1 : a->pos.column > b->pos.column;
}

static int key_ptr_cmp(const void *x, const void *y)
{
    return key_cmp(*(be_ynode *const *)x, *(be_ynode *const *)y);
}

static int pos_before(be_pos a, be_pos b)
{
    return a.line < b.line || (a.line == b.line && a.column < b.column);
}

/* Reject duplicate keys, reporting the first repeated key in document
 * order.  Sorting keeps this O(n log n) for mappings with many keys. */
static be_code check_duplicates(builder *b, const be_ynode *map)
{
    size_t n = map->n;
    if (n < 2)
        return BE_OK;
    be_ynode **keys = malloc(n * sizeof *keys);
    if (!keys)
        return nomem(b);
    for (size_t i = 0; i < n; i++)
        keys[i] = map->u.items[2 * i];
    qsort(keys, n, sizeof *keys, key_ptr_cmp);
    const be_ynode *dup = NULL, *first = NULL;
    size_t run = 0;
    for (size_t i = 1; i < n; i++) {
        if (keys[i]->n == keys[run]->n &&
            memcmp(keys[i]->u.text, keys[run]->u.text, keys[i]->n) == 0) {
            if (!dup || pos_before(keys[i]->pos, dup->pos)) {
                dup = keys[i];
                first = keys[run];
            }
        } else {
            run = i;
        }
    }
    free(keys);
    if (!dup)
        return BE_OK;
    char q[256];
    return be__fail(b->err, BE_EMODEL, b->file, dup->pos,
                    "duplicate key '%s' (first at line %d)",
                    be__yaml_quote(dup->u.text, dup->n, q, sizeof q),
                    first->pos.line);
}

static be_code close_collection(builder *b)
{
    frame *f = &b->frames[--b->n_frames];
    be_ynode *node = f->node;
    size_t count = b->n_pending - f->first;
    if (count) {
        node->u.items = be__yaml_alloc(b->doc, count * sizeof *node->u.items);
        if (!node->u.items)
            return nomem(b);
        memcpy(node->u.items, b->pending + f->first,
               count * sizeof *node->u.items);
    }
    b->n_pending = f->first;
    if (node->kind == BE_YMAPPING) {
        /* libyaml guarantees pairs; an odd count cannot happen */
        node->n = count / 2;
        be_code rc = check_duplicates(b, node);
        if (rc)
            return rc;
    } else {
        node->n = count;
    }
    return add_child(b, node);
}

/* Keys must be scalars: is the next child of the innermost open mapping a
 * key? */
static int expecting_key(const builder *b)
{
    if (b->n_frames == 0)
        return 0;
    const frame *f = &b->frames[b->n_frames - 1];
    return f->node->kind == BE_YMAPPING && (b->n_pending - f->first) % 2 == 0;
}

static be_code add_scalar(builder *b, const yaml_event_t *ev)
{
    size_t n = ev->data.scalar.length;
    be_ynode *node = be__yaml_alloc(b->doc, sizeof *node);
    char *text = n < SIZE_MAX ? be__yaml_alloc(b->doc, n + 1) : NULL;
    if (!node || !text)
        return nomem(b);
    memset(node, 0, sizeof *node);
    if (n)
        memcpy(text, ev->data.scalar.value, n);
    text[n] = '\0';
    node->kind = BE_YSCALAR;
    node->pos = mark_pos(ev->start_mark);
    node->n = n;
    node->u.text = text;
    switch (ev->data.scalar.style) {
    case YAML_SINGLE_QUOTED_SCALAR_STYLE:
    case YAML_DOUBLE_QUOTED_SCALAR_STYLE:
        node->style = BE_YQUOTED;
        break;
    case YAML_LITERAL_SCALAR_STYLE:
    case YAML_FOLDED_SCALAR_STYLE:
        node->style = BE_YBLOCK;
        /* `name: >` or `|` ends its text with a line break (more than one
         * with `|+`): part of the notation, not of the value.  Breaks inside
         * the text stay, for the loader to judge. */
        while (node->n && text[node->n - 1] == '\n')
            text[--node->n] = '\0';
        break;
    default:
        node->style = BE_YPLAIN;
        break;
    }
    return add_child(b, node);
}

/* Line and column (1-based, in characters) of a byte offset, for the
 * reader errors for which libyaml gives only an offset. */
static be_pos offset_pos(const char *text, size_t len, size_t offset)
{
    be_pos p = {1, 1};
    if (offset > len)
        offset = len;
    for (size_t i = 0; i < offset; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == '\n' || (c == '\r' && (i + 1 >= len || text[i + 1] != '\n'))) {
            p.line++;
            p.column = 1;
        } else if ((c & 0xC0) != 0x80 && c != '\r') {
            p.column++;
        }
    }
    return p;
}

static be_code parser_error(builder *b, const yaml_parser_t *p,
                            const char *text, size_t len)
{
    be_pos pos;
    const char *problem = p->problem ? p->problem : "unknown YAML error";
    switch (p->error) {
    case YAML_MEMORY_ERROR:
        return nomem(b);
    case YAML_READER_ERROR:
        pos = offset_pos(text, len, p->problem_offset);
        if (p->problem_value >= 0)
            return be__fail(b->err, BE_ESYNTAX, b->file, pos,
                            "%s (byte 0x%02x); the file must be UTF-8 text",
                            problem, (unsigned)p->problem_value & 0xFFu);
        return be__fail(b->err, BE_ESYNTAX, b->file, pos,
                        "%s; the file must be UTF-8 text", problem);
    default:
        pos = mark_pos(p->problem_mark);
        if (p->context) {
            be_pos c = mark_pos(p->context_mark);
            return be__fail(b->err, BE_ESYNTAX, b->file, pos,
                            "%s (%s at line %d, column %d)", problem,
                            p->context, c.line, c.column);
        }
        return be__fail(b->err, BE_ESYNTAX, b->file, pos, "%s", problem);
    }
}

/* One event; sets *done at the end of the stream. */
static be_code on_event(builder *b, const yaml_event_t *ev, int *done)
{
    be_pos pos = mark_pos(ev->start_mark);
    const yaml_char_t *anchor = NULL, *tag = NULL;
    switch (ev->type) {
    case YAML_SCALAR_EVENT:
        anchor = ev->data.scalar.anchor;
        tag = ev->data.scalar.tag;
        break;
    case YAML_SEQUENCE_START_EVENT:
        anchor = ev->data.sequence_start.anchor;
        tag = ev->data.sequence_start.tag;
        break;
    case YAML_MAPPING_START_EVENT:
        anchor = ev->data.mapping_start.anchor;
        tag = ev->data.mapping_start.tag;
        break;
    default:
        break;
    }
    if (ev->type == YAML_ALIAS_EVENT || anchor)
        return be__fail(b->err, BE_EMODEL, b->file, pos,
                        "anchors and aliases are not supported");
    if (tag)
        return be__fail(b->err, BE_EMODEL, b->file, pos,
                        "tags are not supported (found '%s')",
                        (const char *)tag);
    if ((ev->type == YAML_SEQUENCE_START_EVENT ||
         ev->type == YAML_MAPPING_START_EVENT) && expecting_key(b))
        return be__fail(b->err, BE_EMODEL, b->file, pos,
                        "a key must be a name, found a %s",
                        ev->type == YAML_SEQUENCE_START_EVENT ? "list"
                                                              : "mapping");

    switch (ev->type) {
    case YAML_DOCUMENT_START_EVENT:
        if (++b->documents > 1)
            return be__fail(b->err, BE_EMODEL, b->file, pos,
                            "the file holds more than one document; a model "
                            "is a single document");
        return BE_OK;
    case YAML_SCALAR_EVENT:
        return add_scalar(b, ev);
    case YAML_SEQUENCE_START_EVENT:
        return open_collection(b, BE_YSEQUENCE, ev->start_mark);
    case YAML_MAPPING_START_EVENT:
        return open_collection(b, BE_YMAPPING, ev->start_mark);
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        return close_collection(b);
    case YAML_STREAM_END_EVENT:
        *done = 1;
        return BE_OK;
    default:
        return BE_OK;
    }
}

be_code be__yaml_parse(const char *text, size_t len, int max_depth,
                       const char *file, be_ydoc **doc,
                       const be_ynode **root, be_error *err)
{
    builder b;
    memset(&b, 0, sizeof b);
    b.file = file;
    b.err = err;
    b.max_depth = max_depth;
    *doc = NULL;
    *root = NULL;

    be_pos start = {1, 1};
    if (len >= 2 && (((unsigned char)text[0] == 0xFF &&
                      (unsigned char)text[1] == 0xFE) ||
                     ((unsigned char)text[0] == 0xFE &&
                      (unsigned char)text[1] == 0xFF)))
        return be__fail(err, BE_ESYNTAX, file, start,
                        "the file is UTF-16; save it as UTF-8");

    b.doc = calloc(1, sizeof *b.doc);
    if (!b.doc)
        return nomem(&b);
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) {
        free(b.doc);
        return nomem(&b);
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);

    be_code rc = BE_OK;
    int done = 0;
    while (!done && rc == BE_OK) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&parser, &ev)) {
            rc = parser_error(&b, &parser, text, len);
            break;
        }
        rc = on_event(&b, &ev, &done);
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&parser);
    free(b.frames);
    free(b.pending);

    if (rc == BE_OK && !b.root)
        rc = be__fail(err, BE_EMODEL, file, start, "the file is empty");
    if (rc == BE_OK && b.root->kind == BE_YSCALAR &&
        b.root->style == BE_YPLAIN && b.root->n == 0)
        rc = be__fail(err, BE_EMODEL, file, start, "the file is empty");
    if (rc != BE_OK) {
        be__yaml_free(b.doc);
        return rc;
    }
    *doc = b.doc;
    *root = b.root;
    return BE_OK;
}

/* The one number grammar of model and plan files (see yaml_tree.h). */
int be__yaml_number_syntax(const char *s, size_t n)
{
    size_t i = 0, start;
#define DIGIT(c) ((c) >= '0' && (c) <= '9')
    if (i < n && (s[i] == '-' || s[i] == '+'))
        i++;
    if (i >= n)
        return 0;
    if (s[i] == '0')
        i++;
    else if (s[i] >= '1' && s[i] <= '9')
        while (i < n && DIGIT(s[i]))
            i++;
    else
        return 0;
    if (i < n && s[i] == '.') {
        start = ++i;
        while (i < n && DIGIT(s[i]))
            i++;
        if (i == start)
            return 0;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            i++;
        start = i;
        while (i < n && DIGIT(s[i]))
            i++;
        if (i == start)
            return 0;
    }
#undef DIGIT
    return i == n;
}
