/* diag.c: bilingual error and warning records. */
#include "util/diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

void
diag_init(struct diag *d)
{
	memset(d, 0, sizeof(*d));
}

void
diag_free(struct diag *d)
{
	size_t i;

	if (d == NULL)
		return;
	for (i = 0; i < d->d_n; i++) {
		free(d->d_items[i].di_file);
		free(d->d_items[i].di_vi);
		free(d->d_items[i].di_en);
	}
	free(d->d_items);
	diag_init(d);
}

/* push(d, ...): append one item that takes ${vi} and ${en} (malloc'd). */
static void
push(struct diag *d, enum diag_sev sev, const char *code, const char *file,
    long line, long col, char *vi, char *en)
{
	struct diag_item *it;

	if (d->d_n == d->d_cap) {
		d->d_cap = d->d_cap ? d->d_cap * 2 : 16;
		d->d_items =
		    xreallocarray(d->d_items, d->d_cap, sizeof(*d->d_items));
	}
	it = &d->d_items[d->d_n++];
	it->di_sev = sev;
	it->di_seq = d->d_n - 1;
	it->di_code = code;
	it->di_file = file != NULL ? xstrdup(file) : NULL;
	it->di_line = line;
	it->di_col = col;
	it->di_vi = vi;
	it->di_en = en;
	if (sev == DIAG_ERROR)
		d->d_nerr++;
}

void
diag_vadd(struct diag *d, enum diag_sev sev, const char *code, const char *file,
    long line, long col, const char *vi, const char *en, va_list ap)
{
	struct buf b;
	char *v;
	va_list ap2;

	va_copy(ap2, ap);
	buf_init(&b);
	buf_vprintf(&b, vi, ap2);
	va_end(ap2);
	v = buf_steal(&b);
	va_copy(ap2, ap);
	buf_vprintf(&b, en, ap2);
	va_end(ap2);
	push(d, sev, code, file, line, col, v, buf_steal(&b));
}

void
diag_add(struct diag *d, enum diag_sev sev, const char *code, const char *file,
    long line, long col, const char *vi, const char *en, ...)
{
	va_list ap;

	va_start(ap, en);
	diag_vadd(d, sev, code, file, line, col, vi, en, ap);
	va_end(ap);
}

void
diag_put(struct diag *d, enum diag_sev sev, const char *code, const char *file,
    long line, long col, const char *vi, const char *en)
{
	push(d, sev, code, file, line, col, xstrdup(vi), xstrdup(en));
}

void
diag_wrap(struct diag *d, const struct diag *why, const char *code,
    const char *file, long line, long col, const char *vi, const char *en, ...)
{
	const struct diag_item *r = why->d_n > 0 ? &why->d_items[0] : NULL;
	struct buf b;
	char *v;
	va_list ap, ap2;

	va_start(ap, en);
	va_copy(ap2, ap);
	buf_init(&b);
	buf_vprintf(&b, vi, ap);
	buf_printf(&b, ": %s", r != NULL ? r->di_vi : "?");
	v = buf_steal(&b);
	buf_vprintf(&b, en, ap2);
	buf_printf(&b, ": %s", r != NULL ? r->di_en : "?");
	push(d, r != NULL ? r->di_sev : DIAG_ERROR, code, file, line, col, v,
	    buf_steal(&b));
	va_end(ap2);
	va_end(ap);
}

static int
item_cmp(const void *pa, const void *pb)
{
	const struct diag_item *a = pa, *b = pb;
	int c;

	c = strcmp(a->di_file ? a->di_file : "", b->di_file ? b->di_file : "");
	if (c != 0)
		return c;
	if (a->di_line != b->di_line)
		return a->di_line < b->di_line ? -1 : 1;
	if (a->di_col != b->di_col)
		return a->di_col < b->di_col ? -1 : 1;
	/* qsort is not stable: the sequence number keeps insertion order */
	return a->di_seq < b->di_seq ? -1 : a->di_seq > b->di_seq;
}

void
diag_sort(struct diag *d)
{
	if (d->d_n > 1)
		qsort(d->d_items, d->d_n, sizeof(*d->d_items), item_cmp);
}

const char *
diag_msg(const struct diag_item *it, enum diag_lang lang)
{
	return lang == LANG_EN ? it->di_en : it->di_vi;
}

char *
diag_format(const struct diag_item *it, enum diag_lang lang)
{
	struct buf b;

	buf_init(&b);
	if (it->di_file != NULL) {
		buf_puts(&b, it->di_file);
		if (it->di_line > 0) {
			buf_printf(&b, ":%ld", it->di_line);
			if (it->di_col > 0)
				buf_printf(&b, ":%ld", it->di_col);
		}
		buf_puts(&b, ": ");
	}
	if (it->di_sev == DIAG_ERROR)
		buf_puts(&b, lang == LANG_EN ? "error: " : "lỗi: ");
	else
		buf_puts(&b, lang == LANG_EN ? "warning: " : "cảnh báo: ");
	buf_puts(&b, diag_msg(it, lang));
	return buf_steal(&b);
}

void
diag_print(FILE *f, const struct diag *d, enum diag_lang lang)
{
	size_t i;

	for (i = 0; i < d->d_n; i++) {
		char *s = diag_format(&d->d_items[i], lang);

		fprintf(f, "%s\n", s);
		free(s);
	}
}

enum diag_lang
diag_lang_from_env(void)
{
	const char *l = getenv("DTI_LANG");

	if (l == NULL || *l == '\0')
		l = getenv("LANGUAGE");
	if (l == NULL || *l == '\0')
		l = getenv("LANG");
	if (l != NULL && strncmp(l, "en", 2) == 0)
		return LANG_EN;
	return LANG_VI;
}
