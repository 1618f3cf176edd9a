/*
 * fuzz_org.c: the organisation file parser. The input is an organisation
 * file (YAML); org_parse() must accept or reject it without a crash or a
 * leak, every message it records must format, and what it accepts must
 * hold together (within the limits, the province and receiver named).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io/org_load.h"
#include "util/diag.h"

/* A little over the parser's own limit, so that its size check runs too. */
#define FUZZ_MAX_BYTES (ORG_MAX_BYTES + 16)

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Abort unless the parsed file keeps the promises of org_load.h. */
static void
check(const struct org_file *f)
{
	size_t i;

	if (f->of_province.ou_code == NULL || f->of_province.ou_name == NULL ||
	    f->of_nagencies > ORG_MAX_ITEMS ||
	    f->of_ndistricts > ORG_MAX_ITEMS ||
	    f->of_nmembers > ORG_MAX_MEMBERS ||
	    f->of_reporting.or_receiver == NULL)
		abort();
	/* every change names what it changes; a merge where to */
	for (i = 0; i < f->of_nchanges; i++) {
		const struct org_change *c = &f->of_changes[i];

		if (c->och_code == NULL || c->och_entity == NULL ||
		    (c->och_kind == ORG_CHANGE_MERGE && c->och_into == NULL) ||
		    ((c->och_kind == ORG_CHANGE_RENAME ||
			 c->och_kind == ORG_CHANGE_ADD) &&
			c->och_name == NULL) ||
		    (c->och_effective != NULL &&
			strlen(c->och_effective) != 10))
			abort();
	}
	if (f->of_nchanges > ORG_MAX_ITEMS ||
	    (f->of_effective != NULL && strlen(f->of_effective) != 10))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct org_file *f = NULL;
	struct diag d;
	size_t i;
	int rc;

	if (size > FUZZ_MAX_BYTES)
		return 0;
	diag_init(&d);
	rc = org_parse((const char *)data, size, "fuzz.yaml", &f, &d);
	if ((rc == 0) != (f != NULL) || (rc < 0 && d.d_nerr == 0))
		abort(); /* rejected without an error, or half a result */
	for (i = 0; i < d.d_n; i++) {
		free(diag_format(&d.d_items[i], LANG_VI));
		free(diag_format(&d.d_items[i], LANG_EN));
	}
	if (f != NULL) {
		check(f);
		org_file_free(f);
	}
	diag_free(&d);
	return 0;
}
