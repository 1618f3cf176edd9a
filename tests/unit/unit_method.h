/*
 * unit_method.h: what the methodology unit tests share: unit_file.h, and
 * loading a methodology that must load.
 * Included by one test program each (static functions).
 */
#ifndef DTI_UNIT_METHOD_H
#define DTI_UNIT_METHOD_H

#include <stdio.h>
#include <stdlib.h>

#include "engine/method.h"
#include "unit_file.h"
#include "util/buf.h"
#include "util/diag.h"

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
