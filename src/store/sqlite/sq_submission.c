/*
 * sq_submission.c: submission events, append-only (the schema's triggers
 * refuse UPDATE and DELETE).
 */
#include "store/sqlite/sq.h"

int
store_submission_add(struct store *s, const struct st_submission_in *e,
    const char *actor, long *id)
{
	char at[21];
	int rc;

	sq_now(at);
	rc = sq_exec(s,
	    "INSERT INTO submission (period, unit, agency, event, inputs,"
	    " count, partial, at, by, late)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    "iisssiissi", e->ssi_period, e->ssi_unit, e->ssi_agency,
	    review_event_name(e->ssi_event),
	    e->ssi_inputs != NULL ? e->ssi_inputs : "", (long)e->ssi_count,
	    (long)(e->ssi_partial != 0), at, actor, (long)(e->ssi_late != 0));
	if (rc == 0 && id != NULL)
		*id = (long)sqlite3_last_insert_rowid(s->sqs_db);
	return rc;
}

static const char *
submission_map(sqlite3_stmt *st, void *out)
{
	struct st_submission *e = out;

	e->ssu_id = (long)sqlite3_column_int64(st, 0);
	e->ssu_period = sq_text(st, 1);
	e->ssu_unit = sq_text(st, 2);
	e->ssu_agency = sq_text(st, 3);
	if (review_event_parse(sq_text(st, 4), &e->ssu_event) != 0)
		return "submission.event";
	e->ssu_inputs = sq_text(st, 5);
	e->ssu_count = sqlite3_column_int(st, 6);
	e->ssu_partial = sqlite3_column_int(st, 7);
	e->ssu_at = sq_text(st, 8);
	e->ssu_by = sq_text(st, 9);
	e->ssu_late = sqlite3_column_int(st, 10);
	return NULL;
}

int
store_submission_each(struct store *s, long period,
    int (*cb)(void *, const struct st_submission *), void *ctx)
{
	sqlite3_stmt *st = sq_query(s,
	    "SELECT e.id, p.code, u.code, e.agency, e.event, e.inputs, e.count,"
	    " e.partial, e.at, e.by, e.late FROM submission e"
	    " JOIN period p ON p.id = e.period JOIN unit u ON u.id = e.unit"
	    " WHERE e.period = ? ORDER BY e.id",
	    "i", period);

	if (st == NULL)
		return s->sqs_errcode;
	SQ_EACH(s, st, struct st_submission, submission_map, cb, ctx);
}
