/*
 * fuzz_method.c: the methodology loader. The input is a methodology file
 * (YAML); method_load() must accept or reject it without a crash or a leak,
 * and every message it records must format.
 */
#include <stdint.h>
#include <stdlib.h>

#include "engine/method.h"
#include "util/diag.h"

/* A little over the loader's own limit, so that its size check runs too. */
#define FUZZ_MAX_BYTES (METHOD_MAX_BYTES + 16)

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct method *m = NULL;
	struct diag d;
	size_t i;
	int rc;

	if (size > FUZZ_MAX_BYTES)
		return 0;
	diag_init(&d);
	rc = method_load(&m, (const char *)data, size, "fuzz.yaml", &d);
	if ((rc == 0) != (m != NULL) || (rc < 0 && d.d_nerr == 0))
		abort(); /* rejected without an error, or half a result */
	for (i = 0; i < d.d_n; i++) {
		free(diag_format(&d.d_items[i], LANG_VI));
		free(diag_format(&d.d_items[i], LANG_EN));
	}
	if (m != NULL) {
		(void)method_top_level(m);
		method_free(m);
	}
	diag_free(&d);
	return 0;
}
