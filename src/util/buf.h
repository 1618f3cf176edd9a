/*
 * buf.h: a growable byte string. Allocation failure aborts (as in Kore), so
 * callers never check for NULL.
 */
#ifndef DTI_BUF_H
#define DTI_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *b_data; /* NUL-terminated, or NULL while empty */
	size_t b_len; /* bytes used, without the NUL */
	size_t b_cap; /* bytes allocated */
};

void buf_init(struct buf *);
void buf_free(struct buf *);
void buf_reset(struct buf *);
void buf_append(struct buf *, const char *, size_t);
void buf_puts(struct buf *, const char *);
void buf_putc(struct buf *, char);
void buf_printf(struct buf *, const char *, ...)
    __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *, const char *, va_list);
/* buf_cstr(b): the contents, "" when empty; borrowed. */
const char *buf_cstr(const struct buf *);
/* buf_steal(b): the contents as a malloc'd string; b is left empty. */
char *buf_steal(struct buf *);

/* Allocation that aborts on failure. */
void *xmalloc(size_t);
void *xcalloc(size_t, size_t);
void *xrealloc(void *, size_t);
char *xstrdup(const char *);
char *xstrndup(const char *, size_t);
/* xreallocarray(p, n, size): like reallocarray, aborting on overflow. */
void *xreallocarray(void *, size_t, size_t);

#endif
