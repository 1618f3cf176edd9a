/*
 * api_worklist.c: what an agency owes and the review lists: the work
 * list of an agency and period, the values for review with their
 * warnings and evidence, and the warnings of a value as JSON.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"

json_t *
api_warnings(const struct diag *d)
{
	json_t *list = json_array();
	size_t k;

	for (k = 0; k < d->d_n; k++) {
		const struct diag_item *it = &d->d_items[k];

		/* the data rules' (an import's skipped values are listed
		 * apart) */
		if (it->di_sev != DIAG_WARNING ||
		    (strncmp(it->di_code, "plausibility", 12) != 0 &&
			strcmp(it->di_code, "import.consistency") != 0))
			continue;
		json_array_append_new(list,
		    json_pack("{s:s, s:{s:s, s:s}}", "code", it->di_code,
			"message", "vi", it->di_vi, "en", it->di_en));
	}
	return list;
}

json_t *
api_warnings_stored(const char *stored)
{
	struct diag d;
	json_t *list;

	diag_init(&d);
	app_warnings_parse(stored, &d);
	list = api_warnings(&d);
	diag_free(&d);
	return list;
}
