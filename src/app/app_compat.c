/*
 * app_compat.c: the use cases as they were called before struct
 * app_actor: the last string names the operator, states are passed by
 * name. Only tests/db/test_db.c and fuzz/fuzz_http.c still use them.
 */
#include "app/app_int.h"

/* A state name the domain does not know. */
static int
bad_state(const char *name, struct diag *d)
{
	diag_add(d, DIAG_ERROR, "state.unknown", NULL, 0, 0,
	    "không có trạng thái '%s'", "no state '%s'", name);
	return -1;
}

int
app_period_open(struct store *s, const char *code, long method,
    const char *agency_due, const char *sotttt_due, const char *label,
    const char *actor, struct diag *d)
{
	struct app_actor a;

	app_operator(&a, actor);
	return app_period_add(
	    s, &a, code, method, agency_due, sotttt_due, label, NULL, d);
}

int
app_period_status(struct store *s, const char *code, const char *status,
    const char *actor, const char *reason, struct diag *d)
{
	struct app_actor a;
	enum period_status st;

	if (period_status_parse(status, &st) != 0)
		return bad_state(status, d);
	app_operator(&a, actor);
	return app_period_set_status(s, &a, code, st, reason, d);
}

int
app_import(struct store *s, const char *period, FILE *f, const char *file,
    const char *status, const char *actor, long *count, struct diag *d)
{
	struct app_actor a;
	enum value_status st;

	*count = 0;
	if (value_status_parse(status, &st) != 0)
		return bad_state(status, d);
	app_operator(&a, actor);
	return app_values_import(s, &a, period, f, file, st, count, d);
}

int
app_value_set(struct store *s, const char *period, const char *unit,
    const char *input, const char *raw, const char *agency, const char *actor,
    const char *reason, struct diag *d)
{
	struct app_actor a;

	app_operator(&a, actor);
	return app_value_put(
	    s, &a, period, unit, input, raw, agency, reason, d);
}

int
app_submit(struct store *s, const char *period, const char *unit,
    const char *agency, const char *actor, struct diag *d)
{
	struct app_actor a;

	app_operator(&a, actor);
	return app_values_submit(s, &a, period, unit, agency, d);
}

int
app_approve(struct store *s, const char *period, const char *unit,
    const char *agency, const char *inputs, const char *actor, struct diag *d)
{
	struct app_actor a;

	app_operator(&a, actor);
	return app_values_approve(s, &a, period, unit, agency, inputs, d);
}

int
app_return(struct store *s, const char *period, const char *unit,
    const char *agency, const char *inputs, const char *comment,
    const char *actor, struct diag *d)
{
	struct app_actor a;

	app_operator(&a, actor);
	return app_values_return(
	    s, &a, period, unit, agency, inputs, comment, d);
}

int
app_reopen(struct store *s, const char *period, const char *unit,
    const char *agency, const char *inputs, const char *reason,
    const char *actor, struct diag *d)
{
	struct app_actor a;

	app_operator(&a, actor);
	return app_values_reopen(
	    s, &a, period, unit, agency, inputs, reason, d);
}

int
app_evidence_add(struct store *s, const char *period, const char *unit,
    const char *input, struct st_evidence *e, const void *data, size_t len,
    const char *actor, struct diag *d)
{
	struct app_actor a;

	app_operator(&a, actor);
	return app_evidence_attach(s, &a, period, unit, input, e, data, len, d);
}
