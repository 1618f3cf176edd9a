/*
 * org_load.h: load a province's organisation file (data/ninh-thuan.yaml:
 * agencies, districts, collectives, the plan's tasks and targets, the
 * reporting rules) into a store. Runs inside the caller's transaction.
 */
#ifndef DTI_ORG_LOAD_H
#define DTI_ORG_LOAD_H

#include <stddef.h>

#include "store/store.h"
#include "util/diag.h"

/*
 * org_load(s, text, len, file, actor, d): return 0, or -1 with every error
 * recorded in ${d} (the caller rolls back).
 */
int org_load(struct store *, const char *, size_t, const char *, const char *,
    struct diag *);

/*
 * org_due_date(due, out): the last day of "YYYY-MM" or "YYYY-Qn" as
 * "YYYY-MM-DD"; -1 when ${due} is neither.
 */
int org_due_date(const char *, char[11]);

#endif
