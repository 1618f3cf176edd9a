/*
 * fuzz_plan.c: the plan file parser. The input is a plan file (YAML);
 * plan_parse() must accept or reject it without a crash or a leak, every
 * message it records must format, and what it accepts must hold together
 * (a header, codes unique, every task led, target years within the plan's).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io/plan_load.h"
#include "util/diag.h"

/* A little over the parser's own limit, so that its size check runs too. */
#define FUZZ_MAX_BYTES (PLAN_MAX_BYTES + 16)

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Abort unless the parsed file keeps the promises of plan_load.h. */
static void
check(const struct plan_file *f)
{
	size_t i, j, leads;

	if (f->pf_code == NULL || f->pf_title == NULL || f->pf_issued == NULL ||
	    f->pf_year_from < 1000 || f->pf_year_to < f->pf_year_from ||
	    f->pf_ntasks > PLAN_MAX_ITEMS || f->pf_ntargets > PLAN_MAX_ITEMS)
		abort();
	for (i = 0; i < f->pf_ntasks; i++) {
		const struct plan_task *t = &f->pf_tasks[i];

		if (t->pt_code == NULL || t->pt_text == NULL ||
		    t->pt_lead_text == NULL ||
		    (t->pt_due == NULL) != (t->pt_due_date == NULL))
			abort();
		for (j = leads = 0; j < t->pt_nlinks; j++)
			leads += t->pt_links[j].plk_kind == PLAN_LINK_LEAD;
		if (leads == 0)
			abort();
		for (j = 0; j < i; j++)
			if (strcmp(f->pf_tasks[j].pt_code, t->pt_code) == 0)
				abort();
	}
	for (i = 0; i < f->pf_ntargets; i++) {
		const struct plan_target *g = &f->pf_targets[i];

		if (g->px_year < f->pf_year_from ||
		    g->px_year > f->pf_year_to ||
		    (g->px_manual && g->px_agency == NULL))
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct plan_file *f = NULL;
	struct diag d;
	size_t i;
	int rc;

	if (size > FUZZ_MAX_BYTES)
		return 0;
	diag_init(&d);
	rc = plan_parse((const char *)data, size, "fuzz.yaml", &f, &d);
	if ((rc == 0) != (f != NULL) || (rc < 0 && d.d_nerr == 0))
		abort(); /* rejected without an error, or half a result */
	for (i = 0; i < d.d_n; i++) {
		free(diag_format(&d.d_items[i], LANG_VI));
		free(diag_format(&d.d_items[i], LANG_EN));
	}
	if (f != NULL) {
		check(f);
		plan_file_free(f);
	}
	diag_free(&d);
	return 0;
}
