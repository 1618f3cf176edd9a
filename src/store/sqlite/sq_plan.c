/*
 * sq_plan.c: plans: their tasks, links, agencies and progress reports,
 * their numeric targets and the hand-entered values of some.
 */
#include "store/sqlite/sq.h"

int
store_task_add(struct store *s, const struct st_task *t)
{
	return sq_exec(s,
	    "INSERT INTO task (plan, code, grp, group_name, text, lead_text,"
	    " coord_text, due_text, due, due_date, note)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    "issssssssss", t->st_plan_id, t->st_code, t->st_group,
	    t->st_group_name, t->st_text, t->st_lead_text, t->st_coord_text,
	    t->st_due_text, t->st_due, t->st_due_date,
	    t->st_note ? t->st_note : "");
}

int
store_task_link_add(struct store *s, const struct st_task_link *l)
{
	const char *task = l->stl_task, *kind = l->stl_kind, *ref = l->stl_ref;

	return sq_exec(s,
	    "INSERT OR IGNORE INTO task_link (task, kind, ref, seq)"
	    " SELECT id, ?, ?, (SELECT count(*) FROM task_link) FROM task"
	    " WHERE code = ? AND plan = ?",
	    "sssi", kind, ref, task, l->stl_plan);
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
	t->st_plan_id = (long)sqlite3_column_int64(st, 15);
	t->st_plan = sq_text(st, 16);
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
	"   WHERE task = t.id AND kind = 'indicator' ORDER BY seq))," \
	" t.plan, pl.code" \
	" FROM task t JOIN plan pl ON pl.id = t.plan"

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
task_strings(struct st_task *t, const char **f[14])
{
	int n = 0;

	f[n++] = &t->st_code, f[n++] = &t->st_group;
	f[n++] = &t->st_group_name, f[n++] = &t->st_text;
	f[n++] = &t->st_lead_text, f[n++] = &t->st_coord_text;
	f[n++] = &t->st_due_text, f[n++] = &t->st_due;
	f[n++] = &t->st_due_date;
	f[n++] = &t->st_leads, f[n++] = &t->st_coordinators;
	f[n++] = &t->st_indicators, f[n++] = &t->st_note;
	f[n++] = &t->st_plan;
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
	const char **f[14];
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

/* The agency's status (the task's, for the whole task) before a report. */
static int
agency_status(struct store *s, const struct st_task_report *r, char old[16])
{
	static const struct sq_missing no_agency = {
		"nhiệm vụ '%s' không giao cho cơ quan '%s'",
		"task '%s' is not one of agency '%s'",
	};
	struct sq_textbuf b = { old, 16 };

	if (r->stp_agency == NULL)
		return sq_one(s, sq_map_text, &b, &no_task,
		    "SELECT status FROM task WHERE plan = ? AND code = ?", "is",
		    r->stp_plan, r->stp_task, r->stp_task);
	return sq_one(s, sq_map_text, &b, &no_agency,
	    "SELECT a.status FROM task_agency a JOIN task t ON t.id = a.task"
	    " WHERE t.plan = ? AND t.code = ? AND a.agency = ?",
	    "iss", r->stp_plan, r->stp_task, r->stp_agency, r->stp_task,
	    r->stp_agency);
}

int
store_task_report(
    struct store *s, const struct st_task_report *r, const char *actor)
{
	struct sq_about ab = { NULL, r->stp_agency, NULL, NULL };
	const char *status;
	char at[21], old[16] = "";
	int rc;

	if ((rc = agency_status(s, r, old)) != 0)
		return rc;
	status = r->stp_set_status ? task_status_name(r->stp_status) : old;
	sq_now(at);
	rc = sq_exec(s,
	    "INSERT INTO task_progress (task, agency, at, by, status, note,"
	    " doc, file_sha256) SELECT id, ?, ?, ?, ?, ?, ?, ? FROM task"
	    " WHERE plan = ? AND code = ?",
	    "sssssssis", r->stp_agency ? r->stp_agency : "", at, actor, status,
	    r->stp_note ? r->stp_note : "", r->stp_doc ? r->stp_doc : "",
	    r->stp_file_sha256, r->stp_plan, r->stp_task);
	/* the whole task: every lead takes the status */
	if (rc == 0)
		rc = sq_exec(s,
		    "UPDATE task_agency SET status = ?1 WHERE"
		    " (agency = ?2 OR (?2 IS NULL AND role = 'lead')) AND"
		    " task = (SELECT id FROM task WHERE plan = ?3 AND code = ?4)",
		    "ssis", status, r->stp_agency, r->stp_plan, r->stp_task);
	if (rc == 0)
		rc = sq_exec(s,
		    "UPDATE task SET status = ? WHERE plan = ? AND code = ?",
		    "sis", task_status_name(r->stp_task_status), r->stp_plan,
		    r->stp_task);
	if (rc == 0)
		rc = sq_audit(s, actor, "task.progress", "task", r->stp_task,
		    old, status, r->stp_note, &ab);
	return rc;
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
	g->spg_agency = sq_text(st, 7);
	g->spg_plan = sq_text(st, 8);
	return NULL;
}

#define PROGRESS_SELECT \
	"SELECT t.code, p.at, p.by, p.status, p.note, p.doc, p.file_sha256," \
	" p.agency, pl.code FROM task_progress p JOIN task t ON t.id = p.task" \
	" JOIN plan pl ON pl.id = t.plan"

int
store_progress_each(struct store *s, const char *code,
    int (*cb)(void *, const struct st_progress *), void *ctx)
{
	sqlite3_stmt *st = sq_query(s,
	    PROGRESS_SELECT " WHERE ?1 IS NULL OR t.code = ?1 ORDER BY p.id",
	    "s", code);

	if (st == NULL)
		return s->sqs_errcode;
	SQ_EACH(s, st, struct st_progress, progress_map, cb, ctx);
}

int
store_task_progress_each(struct store *s, long task,
    int (*cb)(void *, const struct st_progress *), void *ctx)
{
	sqlite3_stmt *st = sq_query(
	    s, PROGRESS_SELECT " WHERE t.id = ? ORDER BY p.id", "i", task);

	if (st == NULL)
		return s->sqs_errcode;
	SQ_EACH(s, st, struct st_progress, progress_map, cb, ctx);
}

int
store_target_add(struct store *s, const struct st_target *t)
{
	return sq_exec(s,
	    "INSERT INTO target (plan, code, text, year, target, target_max,"
	    " unit, indicator, numerator, denominator, score, manual, agency,"
	    " note, source)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    "issiddsssssisss", t->sg_plan_id, t->sg_code, t->sg_text,
	    (long)t->sg_year, t->sg_target, t->sg_target_max, t->sg_unit,
	    t->sg_indicator, t->sg_numerator, t->sg_denominator, t->sg_score,
	    (long)(t->sg_manual != 0), t->sg_agency,
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
	t->sg_id = (long)sqlite3_column_int64(st, 12);
	t->sg_plan_id = (long)sqlite3_column_int64(st, 13);
	t->sg_plan = sq_text(st, 14);
	t->sg_manual = sqlite3_column_int(st, 15);
	t->sg_agency = sq_text(st, 16);
	return NULL;
}

#define TARGET_SELECT \
	"SELECT g.code, g.text, g.year, g.target, g.target_max, g.unit," \
	" g.indicator, g.numerator, g.denominator, g.score, g.note, g.source," \
	" g.id, g.plan, pl.code, g.manual, g.agency" \
	" FROM target g JOIN plan pl ON pl.id = g.plan"

int
store_target_each(
    struct store *s, int (*cb)(void *, const struct st_target *), void *ctx)
{
	sqlite3_stmt *st = sq_query(s, TARGET_SELECT " ORDER BY g.id", "");

	if (st == NULL)
		return s->sqs_errcode;
	SQ_EACH(s, st, struct st_target, target_map, cb, ctx);
}

/* ---- plans (issue 12) ---------------------------------------------------- */

int
store_plan_add(
    struct store *s, const struct st_plan *p, const char *actor, long *id)
{
	char at[21];
	int rc;

	sq_now(at);
	rc = sq_exec(s,
	    "INSERT INTO plan (code, title, issuer, issued, year_from, year_to,"
	    " source, file, loaded_at, loaded_by)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    "ssssiissss", p->spl_code, p->spl_title, p->spl_issuer,
	    p->spl_issued, (long)p->spl_year_from, (long)p->spl_year_to,
	    p->spl_source ? p->spl_source : "", p->spl_file ? p->spl_file : "",
	    at, actor);
	if (rc == STORE_ECONFLICT)
		sq_seterr(s, STORE_ECONFLICT, "kế hoạch '%s' đã được nạp",
		    "plan '%s' is already loaded", p->spl_code);
	if (rc != 0)
		return rc;
	*id = (long)sqlite3_last_insert_rowid(s->sqs_db);
	return sq_audit(s, actor, "plan.load", "plan", p->spl_code, NULL,
	    p->spl_file, p->spl_title, NULL);
}

static const char *
plan_map(sqlite3_stmt *st, void *out)
{
	struct st_plan *p = out;

	p->spl_id = (long)sqlite3_column_int64(st, 0);
	p->spl_code = sq_text(st, 1);
	p->spl_title = sq_text(st, 2);
	p->spl_issuer = sq_text(st, 3);
	p->spl_issued = sq_text(st, 4);
	p->spl_year_from = sqlite3_column_int(st, 5);
	p->spl_year_to = sqlite3_column_int(st, 6);
	p->spl_source = sq_text(st, 7);
	p->spl_file = sq_text(st, 8);
	p->spl_loaded_at = sq_text(st, 9);
	p->spl_loaded_by = sq_text(st, 10);
	p->spl_ntasks = sqlite3_column_int(st, 11);
	p->spl_ntargets = sqlite3_column_int(st, 12);
	return NULL;
}

int
store_plan_each(
    struct store *s, int (*cb)(void *, const struct st_plan *), void *ctx)
{
	sqlite3_stmt *st = sq_query(s,
	    "SELECT p.id, p.code, p.title, p.issuer, p.issued, p.year_from,"
	    " p.year_to, p.source, p.file, p.loaded_at, p.loaded_by,"
	    " (SELECT count(*) FROM task WHERE plan = p.id),"
	    " (SELECT count(*) FROM target WHERE plan = p.id)"
	    " FROM plan p ORDER BY p.id",
	    "");

	if (st == NULL)
		return s->sqs_errcode;
	SQ_EACH(s, st, struct st_plan, plan_map, cb, ctx);
}

int
store_plan_agencies(struct store *s, long plan)
{
	/* leads first: INSERT OR IGNORE keeps the first role */
	return sq_exec(s,
	    "INSERT OR IGNORE INTO task_agency (task, agency, role, via)"
	    " SELECT l.task, coalesce(ma.code, l.ref), l.kind,"
	    " CASE WHEN ma.code IS NULL THEN '' ELSE l.ref END"
	    " FROM task_link l JOIN task t ON t.id = l.task"
	    " LEFT JOIN agency g ON g.code = l.ref"
	    " LEFT JOIN agency_member am ON am.grp = g.id"
	    " LEFT JOIN agency ma ON ma.id = am.member"
	    " WHERE t.plan = ? AND l.kind IN ('lead', 'coordinator')"
	    " ORDER BY l.task, l.kind = 'coordinator', l.seq, am.rowid",
	    "i", plan);
}

int
store_task_each_in(struct store *s, const struct st_task_filter *f,
    int (*cb)(void *, const struct st_task *), void *ctx)
{
	sqlite3_stmt *st = sq_query(s,
	    TASK_SELECT
	    " WHERE (?1 IS NULL OR pl.code = ?1)"
	    " AND (?2 = 0 OR ?2 BETWEEN pl.year_from AND pl.year_to)"
	    " AND (?3 IS NULL OR EXISTS (SELECT 1 FROM task_agency a"
	    "   WHERE a.task = t.id AND a.agency = ?3))"
	    " AND (?4 IS NULL OR t.code = ?4)"
	    " ORDER BY t.id",
	    "siss", f->stf_plan, (long)f->stf_year, f->stf_agency, f->stf_code);

	if (st == NULL)
		return s->sqs_errcode;
	SQ_EACH(s, st, struct st_task, task_map, cb, ctx);
}

static const char *
task_agency_map(sqlite3_stmt *st, void *out)
{
	struct st_task_agency *a = out;

	a->sta_agency = sq_text(st, 0);
	a->sta_role = sq_text(st, 1);
	a->sta_via = sq_text(st, 2);
	if (task_status_parse(sq_text(st, 3), &a->sta_status) != 0)
		return "task_agency.status";
	a->sta_note = sq_text(st, 4);
	a->sta_doc = sq_text(st, 5);
	a->sta_at = sq_text(st, 6);
	return NULL;
}

int
store_task_agency_each(struct store *s, long task,
    int (*cb)(void *, const struct st_task_agency *), void *ctx)
{
	sqlite3_stmt *st = sq_query(s,
	    "SELECT a.agency, a.role, a.via, a.status,"
	    " (SELECT note FROM task_progress p WHERE p.task = a.task"
	    "   AND p.agency = a.agency AND p.note != '' ORDER BY p.id DESC"
	    "   LIMIT 1),"
	    " (SELECT doc FROM task_progress p WHERE p.task = a.task"
	    "   AND p.agency = a.agency AND p.doc != '' ORDER BY p.id DESC"
	    "   LIMIT 1),"
	    " (SELECT at FROM task_progress p WHERE p.task = a.task"
	    "   AND p.agency = a.agency ORDER BY p.id DESC LIMIT 1)"
	    " FROM task_agency a WHERE a.task = ? ORDER BY a.rowid",
	    "i", task);

	if (st == NULL)
		return s->sqs_errcode;
	SQ_EACH(s, st, struct st_task_agency, task_agency_map, cb, ctx);
}

int
store_target_each_in(struct store *s, const struct st_target_filter *f,
    int (*cb)(void *, const struct st_target *), void *ctx)
{
	sqlite3_stmt *st = sq_query(s,
	    TARGET_SELECT " WHERE (?1 IS NULL OR pl.code = ?1)"
			  " AND (?2 = 0 OR g.year = ?2)"
			  " AND (?3 IS NULL OR g.code = ?3) ORDER BY g.id",
	    "sis", f->sgf_plan, (long)f->sgf_year, f->sgf_code);

	if (st == NULL)
		return s->sqs_errcode;
	SQ_EACH(s, st, struct st_target, target_map, cb, ctx);
}

int
store_target_value_put(struct store *s, const struct st_target_value *v,
    const char *action, const char *code, const char *actor)
{
	struct sq_about ab = { NULL, v->stv_agency, NULL, NULL };
	char at[21], old[16] = "";
	struct sq_textbuf b = { old, sizeof(old) };
	int rc;

	rc = sq_one(s, sq_map_text, &b, NULL,
	    "SELECT status FROM target_value WHERE target = ? AND archived = 0",
	    "i", v->stv_target);
	if (rc != 0 && rc != STORE_ENOTFOUND)
		return rc;
	sq_now(at);
	rc = sq_exec(s,
	    "UPDATE target_value SET archived = 1 WHERE target = ?"
	    " AND archived = 0",
	    "i", v->stv_target);
	if (rc == 0)
		rc = sq_exec(s,
		    "INSERT INTO target_value (target, value, status, agency,"
		    " note, doc, comment, file_sha256, by, at)"
		    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		    "idssssssss", v->stv_target, v->stv_value,
		    value_status_name(v->stv_status), v->stv_agency,
		    v->stv_note ? v->stv_note : "",
		    v->stv_doc ? v->stv_doc : "",
		    v->stv_comment ? v->stv_comment : "", v->stv_file_sha256,
		    actor, at);
	if (rc == 0)
		rc = sq_audit(s, actor, action, "target", code,
		    old[0] ? old : NULL, value_status_name(v->stv_status),
		    v->stv_comment, &ab);
	return rc;
}

static const char *
target_value_map(sqlite3_stmt *st, void *out)
{
	struct st_target_value *v = out;

	v->stv_id = (long)sqlite3_column_int64(st, 0);
	v->stv_target = (long)sqlite3_column_int64(st, 1);
	v->stv_value = sqlite3_column_double(st, 2);
	if (value_status_parse(sq_text(st, 3), &v->stv_status) != 0)
		return "target_value.status";
	v->stv_agency = sq_text(st, 4);
	v->stv_note = sq_text(st, 5);
	v->stv_doc = sq_text(st, 6);
	v->stv_comment = sq_text(st, 7);
	v->stv_file_sha256 = sq_text(st, 8);
	v->stv_by = sq_text(st, 9);
	v->stv_at = sq_text(st, 10);
	v->stv_archived = sqlite3_column_int(st, 11);
	return NULL;
}

int
store_target_value_each(struct store *s, long target,
    int (*cb)(void *, const struct st_target_value *), void *ctx)
{
	sqlite3_stmt *st = sq_query(s,
	    "SELECT id, target, value, status, agency, note, doc, comment,"
	    " file_sha256, by, at, archived FROM target_value WHERE target = ?"
	    " ORDER BY id",
	    "i", target);

	if (st == NULL)
		return s->sqs_errcode;
	SQ_EACH(s, st, struct st_target_value, target_value_map, cb, ctx);
}
