/*
 * unit_method.h: what the methodology unit tests share: reading a file
 * whole, printing a diag, and loading a methodology that must load.
 * Included by one test program each (static functions).
 */
#ifndef DTI_UNIT_METHOD_H
#define DTI_UNIT_METHOD_H

#include <stdio.h>
#include <stdlib.h>

#include "engine/method.h"
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

/* load_ok(text, len): a methodology that must load without a message. */
static struct method *
load_ok(const char *text, size_t len, const char *file)
{
	struct method *m = NULL;
	struct diag d;

	diag_init(&d);
	if (method_load(&m, text, len, file, &d) != 0 || d.d_n != 0) {
		print_error("%s does not load cleanly:\n", file);
		print_diag(&d);
		diag_free(&d);
		method_free(m);
		fail();
	}
	diag_free(&d);
	assert_non_null(m);
	return m;
}

#endif
