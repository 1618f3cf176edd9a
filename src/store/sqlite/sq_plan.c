/*
 * sq_plan.c: the plan: tasks, their links, progress reports, numeric targets.
 */
#include "store/sqlite/sq.h"

int
store_task_add(struct store *s, const struct st_task *t)
{
	return sq_exec(s,
	    "INSERT INTO task (code, grp, group_name, text, lead_text,"
	    " coord_text, due_text, due, due_date, note)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    "ssssssssss", t->st_code, t->st_group, t->st_group_name, t->st_text,
	    t->st_lead_text, t->st_coord_text, t->st_due_text, t->st_due,
	    t->st_due_date, t->st_note ? t->st_note : "");
}

int
store_task_link_add(struct store *s, const struct st_task_link *l)
{
	const char *task = l->stl_task, *kind = l->stl_kind, *ref = l->stl_ref;

	return sq_exec(s,
	    "INSERT OR IGNORE INTO task_link (task, kind, ref, seq)"
	    " SELECT id, ?, ?, (SELECT count(*) FROM task_link) FROM task"
	    " WHERE code = ?",
	    "sss", kind, ref, task);
}

static const struct sq_missing no_task = {
	"không có nhiệm vụ '%s'",
	"no task '%s'",
};

static const char *
task_map(sqlite3_stmt *st, void *out)
{
	struct st_task *t = out;

	t->st_id = (long)sqlite3_column_int64(st, 0);
	t->st_code = sq_text(st, 1);
	t->st_group = sq_text(st, 2);
	t->st_group_name = sq_text(st, 3);
	t->st_text = sq_text(st, 4);
	t->st_lead_text = sq_text(st, 5);
	t->st_coord_text = sq_text(st, 6);
	t->st_due_text = sq_text(st, 7);
	t->st_due = sq_text(st, 8);
	t->st_due_date = sq_text(st, 9);
	if (task_status_parse(sq_text(st, 10), &t->st_status) != 0)
		return "task.status";
	t->st_note = sq_text(st, 11);
	t->st_leads = sq_text(st, 12);
	t->st_coordinators = sq_text(st, 13);
	t->st_indicators = sq_text(st, 14);
	return NULL;
}

#define TASK_SELECT \
	"SELECT t.id, t.code, t.grp, t.group_name, t.text, t.lead_text," \
	" t.coord_text, t.due_text, t.due, t.due_date, t.status, t.note," \
	" (SELECT group_concat(ref, ',') FROM (SELECT ref FROM task_link" \
	"   WHERE task = t.id AND kind = 'lead' ORDER BY seq))," \
	" (SELECT group_concat(ref, ',') FROM (SELECT ref FROM task_link" \
	"   WHERE task = t.id AND kind = 'coordinator' ORDER BY seq))," \
	" (SELECT group_concat(ref, ',') FROM (SELECT ref FROM task_link" \
	"   WHERE task = t.id AND kind = 'indicator' ORDER BY seq))" \
	" FROM task t"

int
store_task_each(
    struct store *s, int (*cb)(void *, const struct st_task *), void *ctx)
{
	sqlite3_stmt *st = sq_query(s, TASK_SELECT " ORDER BY t.id", "");

	if (st == NULL)
		return s->sqs_errcode;
	SQ_EACH(s, st, struct st_task, task_map, cb, ctx);
}

/* task_strings(t, f): the addresses of the string fields of ${t}. */
static int
task_strings(struct st_task *t, const char **f[13])
{
	int n = 0;

	f[n++] = &t->st_code, f[n++] = &t->st_group;
	f[n++] = &t->st_group_name, f[n++] = &t->st_text;
	f[n++] = &t->st_lead_text, f[n++] = &t->st_coord_text;
	f[n++] = &t->st_due_text, f[n++] = &t->st_due;
	f[n++] = &t->st_due_date;
	f[n++] = &t->st_leads, f[n++] = &t->st_coordinators;
	f[n++] = &t->st_indicators, f[n++] = &t->st_note;
	return n;
}

/*
 * task_own_map(st, out): the row as one malloc'd block, its strings after
 * the struct, into a struct st_task **.
 */
static const char *
task_own_map(sqlite3_stmt *st, void *out)
{
	struct st_task t, *o;
	const char **f[13];
	const char *bad = task_map(st, &t);
	size_t len = sizeof(t), n;
	char *p;
	int i, nf;

	if (bad != NULL)
		return bad;
	nf = task_strings(&t, f);
	for (i = 0; i < nf; i++)
		len += *f[i] != NULL ? strlen(*f[i]) + 1 : 0;
	o = xmalloc(len);
	*o = t;
	p = (char *)(o + 1);
	nf = task_strings(o, f);
	for (i = 0; i < nf; i++) {
		if (*f[i] == NULL)
			continue;
		n = strlen(*f[i]) + 1;
		memcpy(p, *f[i], n);
		*f[i] = p;
		p += n;
	}
	*(struct st_task **)out = o;
	return NULL;
}

int
store_task_get(struct store *s, const char *code, struct st_task **out)
{
	*out = NULL;
	return sq_one(s, task_own_map, out, &no_task,
	    TASK_SELECT " WHERE t.code = ?", "s", code, code);
}

void
store_task_free(struct st_task *t)
{
	free(t);
}

/* task_progress(s, code, status or NULL, note, doc, file_sha, actor). */
static int
task_progress(struct store *s, const char *code, const char *status,
    const char *note, const char *doc, const char *file_sha, const char *actor)
{
	char at[21], old[16] = "";
	struct sq_textbuf b = { old, sizeof(old) };
	int rc;

	rc = sq_one(s, sq_map_text, &b, &no_task,
	    "SELECT status FROM task WHERE code = ?", "s", code, code);
	if (rc != 0)
		return rc;
	if (status == NULL)
		status = old;
	sq_now(at);
	rc = sq_exec(s,
	    "INSERT INTO task_progress (task, at, by, status, note, doc,"
	    " file_sha256) SELECT id, ?, ?, ?, ?, ?, ? FROM task WHERE code = ?",
	    "sssssss", at, actor, status, note ? note : "", doc ? doc : "",
	    file_sha, code);
	if (rc == 0)
		rc = sq_exec(s, "UPDATE task SET status = ? WHERE code = ?",
		    "ss", status, code);
	if (rc == 0)
		rc = sq_audit(s, actor, "task.progress", "task", code, old,
		    status, note, NULL);
	return rc;
}

int
store_task_report(
    struct store *s, const struct st_task_report *r, const char *actor)
{
	return task_progress(s, r->stp_task,
	    r->stp_set_status ? task_status_name(r->stp_status) : NULL,
	    r->stp_note, r->stp_doc, r->stp_file_sha256, actor);
}

static const char *
progress_map(sqlite3_stmt *st, void *out)
{
	struct st_progress *g = out;

	g->spg_task = sq_text(st, 0);
	g->spg_at = sq_text(st, 1);
	g->spg_by = sq_text(st, 2);
	if (task_status_parse(sq_text(st, 3), &g->spg_status) != 0)
		return "task_progress.status";
	g->spg_note = sq_text(st, 4);
	g->spg_doc = sq_text(st, 5);
	g->spg_file_sha256 = sq_text(st, 6);
	return NULL;
}

int
store_progress_each(struct store *s, const char *code,
    int (*cb)(void *, const struct st_progress *), void *ctx)
{
	sqlite3_stmt *st = sq_query(s,
	    "SELECT t.code, p.at, p.by, p.status, p.note, p.doc, p.file_sha256"
	    " FROM task_progress p JOIN task t ON t.id = p.task"
	    " WHERE ?1 IS NULL OR t.code = ?1 ORDER BY p.id",
	    "s", code);

	if (st == NULL)
		return s->sqs_errcode;
	SQ_EACH(s, st, struct st_progress, progress_map, cb, ctx);
}

int
store_target_add(struct store *s, const struct st_target *t)
{
	return sq_exec(s,
	    "INSERT INTO target (code, text, year, target, target_max, unit,"
	    " indicator, numerator, denominator, score, note, source)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    "ssiddsssssss", t->sg_code, t->sg_text, (long)t->sg_year,
	    t->sg_target, t->sg_target_max, t->sg_unit, t->sg_indicator,
	    t->sg_numerator, t->sg_denominator, t->sg_score,
	    t->sg_note ? t->sg_note : "", t->sg_source ? t->sg_source : "");
}

static const char *
target_map(sqlite3_stmt *st, void *out)
{
	struct st_target *t = out;

	t->sg_code = sq_text(st, 0);
	t->sg_text = sq_text(st, 1);
	t->sg_year = sqlite3_column_int(st, 2);
	t->sg_target = sqlite3_column_type(st, 3) == SQLITE_NULL
	    ? NAN
	    : sqlite3_column_double(st, 3);
	t->sg_target_max = sqlite3_column_type(st, 4) == SQLITE_NULL
	    ? NAN
	    : sqlite3_column_double(st, 4);
	t->sg_unit = sq_text(st, 5);
	t->sg_indicator = sq_text(st, 6);
	t->sg_numerator = sq_text(st, 7);
	t->sg_denominator = sq_text(st, 8);
	t->sg_score = sq_text(st, 9);
	t->sg_note = sq_text(st, 10);
	t->sg_source = sq_text(st, 11);
	return NULL;
}

int
store_target_each(
    struct store *s, int (*cb)(void *, const struct st_target *), void *ctx)
{
	sqlite3_stmt *st = sq_query(s,
	    "SELECT code, text, year, target, target_max, unit, indicator,"
	    " numerator, denominator, score, note, source FROM target"
	    " ORDER BY id",
	    "");

	if (st == NULL)
		return s->sqs_errcode;
	SQ_EACH(s, st, struct st_target, target_map, cb, ctx);
}
