/*
 * fuzz_org.c: the organisation file parser. The input is an organisation
 * file (YAML); org_parse() must accept or reject it without a crash or a
 * leak, every message it records must format, and what it accepts must
 * hold together (every task agency declared by the file).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io/org_load.h"
#include "util/diag.h"

/* A little over the parser's own limit, so that its size check runs too. */
#define FUZZ_MAX_BYTES (ORG_MAX_BYTES + 16)

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Is ${code} one of the agencies ${f} declares? */
static int
declared(const struct org_file *f, const char *code)
{
	size_t i;

	for (i = 0; i < f->of_nagencies; i++)
		if (strcmp(f->of_agencies[i].oa_code, code) == 0)
			return 1;
	return 0;
}

/* Abort unless the parsed file keeps the promises of org_load.h. */
static void
check(const struct org_file *f)
{
	size_t i, j;

	if (f->of_province.ou_code == NULL || f->of_province.ou_name == NULL ||
	    f->of_nagencies > ORG_MAX_ITEMS || f->of_ntasks > ORG_MAX_ITEMS ||
	    f->of_ndistricts > ORG_MAX_ITEMS ||
	    f->of_ntargets > ORG_MAX_ITEMS ||
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
	for (i = 0; i < f->of_ntasks; i++) {
		const struct org_task *t = &f->of_tasks[i];

		if (t->ot_code == NULL || t->ot_text == NULL ||
		    t->ot_lead_text == NULL ||
		    (t->ot_due == NULL) != (t->ot_due_date == NULL))
			abort();
		for (j = 0; j < t->ot_nlinks; j++)
			if (t->ot_links[j].ol_kind != ORG_LINK_INDICATOR &&
			    !declared(f, t->ot_links[j].ol_ref))
				abort();
	}
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
