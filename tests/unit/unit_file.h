/*
 * unit_file.h: what the file-parser unit tests share: reading a file
 * whole, printing a diag, and a text with one part replaced. Included by
 * one test program each (static functions; cmocka before it).
 */
#ifndef DTI_UNIT_FILE_H
#define DTI_UNIT_FILE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/diag.h"

static char *
read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct buf b;
	char chunk[4096];
	size_t n;

	if (f == NULL) {
		print_error("cannot open %s\n", path);
		fail();
	}
	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(&b, chunk, n);
	fclose(f);
	*len = b.b_len;
	return buf_steal(&b);
}

static void
print_diag(const struct diag *d)
{
	size_t i;

	for (i = 0; i < d->d_n; i++) {
		char *s = diag_format(&d->d_items[i], LANG_EN);

		print_message("  %s\n", s);
		free(s);
	}
}

/* ${text} with its first ${from} replaced by ${to}, malloc'd. */
/* inline: not every includer uses it, and gcc warns of unused statics */
static inline char *
replaced(const char *text, const char *from, const char *to)
{
	const char *at = strstr(text, from);
	struct buf b;

	assert_non_null(at);
	buf_init(&b);
	buf_append(&b, text, (size_t)(at - text));
	buf_puts(&b, to);
	buf_puts(&b, at + strlen(from));
	return buf_steal(&b);
}

#endif
