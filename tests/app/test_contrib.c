/*
 * test_contrib.c: contributions through app/ (docs/rules.md,
 * "Contributions"). The pure functions: a part's kind, the aggregate of
 * parts as a value is written, the least advanced status, who reads a
 * part. Then, on a database made by app_init (no demo), the officers'
 * rule (app_may_part), entry of an implied part, what each actor sees of
 * the aggregate, what a member owes (app_owed), the status and the audit
 * log of parts.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/app.h"
#include "auth/auth.h"
#include "engine/method.h"

#define METHOD_FILE DTI_SOURCE_DIR "/methodologies/dti-2022-province.yaml"
#define DISTRICT_FILE DTI_SOURCE_DIR "/methodologies/district-demo.yaml"

static const struct app_actor admin = { "t-admin", ROLE_ADMIN, NULL };
static const struct app_actor coord = { "t-coord", ROLE_COORDINATOR,
	"so-tttt" };
static const struct app_actor viewer = { "t-viewer", ROLE_VIEWER, NULL };
static const struct app_actor nh = { "t-nh", ROLE_OFFICER, "ubnd-ninh-hai" };
static const struct app_actor ba = { "t-ba", ROLE_OFFICER, "ubnd-bac-ai" };
static const struct app_actor dep = { "t-dep", ROLE_OFFICER, "so-tttt" };

/* ---- the pure functions ------------------------------------------------- */

static struct method *
load(const char *path)
{
	struct method *m = NULL;
	struct diag d;
	char *text;
	long n;
	FILE *f = fopen(path, "rb");

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	rewind(f);
	text = malloc((size_t)n + 1);
	assert_int_equal(fread(text, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	diag_init(&d);
	assert_int_equal(method_load(&m, text, (size_t)n, path, &d), 0);
	diag_free(&d);
	free(text);
	return m;
}

/* agg(m, input, raws..., NULL): app_part_aggregate's text, or "ERR". */
static const char *
agg(const struct method *m, const char *input, ...)
{
	static char out[64];
	const char *raws[16];
	va_list ap;
	double x;
	int n = 0, in = method_input(m, input, strlen(input));

	assert_true(in >= 0);
	va_start(ap, input);
	while (n < 16 && (raws[n] = va_arg(ap, const char *)) != NULL)
		n++;
	va_end(ap);
	if (app_part_aggregate(m, in, raws, n, &x, out, sizeof(out)) != 0) {
		assert_string_equal(out, "");
		return "ERR";
	}
	return out;
}

static void
test_aggregate(void **state)
{
	struct method *m = load(METHOD_FILE), *dm = load(DISTRICT_FILE);

	(void)state;
	/* all: 1 when every part is 1; nothing is no value */
	assert_string_equal(agg(m, "1.9", "1", "1", "1", NULL), "1");
	assert_string_equal(agg(m, "1.9", "1", "0", "1", NULL), "0");
	assert_string_equal(agg(m, "1.9", NULL), "ERR");
	assert_string_equal(agg(m, "1.9", "1", "2", NULL), "ERR");
	assert_string_equal(agg(m, "4.2", "0", NULL), "0");
	/* worst: the option listed last among the parts */
	assert_string_equal(
	    agg(m, "1.10", "weekly", "monthly", "weekly", NULL), "monthly");
	assert_string_equal(
	    agg(m, "1.10", "weekly", "less_than_monthly", "monthly", NULL),
	    "less_than_monthly");
	assert_string_equal(agg(m, "1.10", "weekly", NULL), "weekly");
	assert_string_equal(agg(m, "1.10", "weekly", "daily", NULL), "ERR");
	/* not contributed: no aggregate */
	assert_string_equal(agg(m, "1.1", "leader", NULL), "ERR");
	/* the district demo: a count of yes, a sum */
	assert_string_equal(agg(dm, "2.1.a", "1", "0", "1", "1", NULL), "3");
	assert_string_equal(agg(dm, "2.1.a", "0", NULL), "0");
	assert_string_equal(agg(dm, "2.1.a", "3", NULL), "ERR");
	assert_string_equal(agg(dm, "3.2", "12", "3", "0", NULL), "15");
	/* a part reads as the input does: a count of classes is whole */
	assert_string_equal(agg(dm, "3.2", "12", "3.5", NULL), "ERR");
	method_free(m);
	method_free(dm);
}

static void
test_part_input(void **state)
{
	struct method *m = load(METHOD_FILE), *dm = load(DISTRICT_FILE);
	struct m_input tmp;
	int in;

	(void)state;
	/* a count of yes: each part is yes or no, the input a count */
	in = method_input(dm, "2.1.a", 5);
	assert_int_equal(dm->m_inputs[in].mi_kind, IK_COUNT);
	assert_int_equal(app_part_input(dm, in, &tmp)->mi_kind, IK_YESNO);
	assert_ptr_equal(app_part_input(dm, in, &tmp), &tmp);
	in = method_input(dm, "3.2", 3);
	assert_ptr_equal(app_part_input(dm, in, &tmp), &dm->m_inputs[in]);
	in = method_input(m, "1.10", 4);
	assert_ptr_equal(app_part_input(m, in, &tmp), &m->m_inputs[in]);
	method_free(m);
	method_free(dm);
}

static void
test_parts_status(void **state)
{
	enum value_status a[] = { VALUE_APPROVED, VALUE_SUBMITTED };
	enum value_status b[] = { VALUE_APPROVED, VALUE_DRAFT, VALUE_RETURNED };
	enum value_status c[] = { VALUE_SUBMITTED, VALUE_DRAFT };
	enum value_status e[] = { VALUE_APPROVED, VALUE_APPROVED };

	(void)state;
	assert_int_equal(app_parts_status(NULL, 0), VALUE_DRAFT);
	assert_int_equal(app_parts_status(a, 2), VALUE_SUBMITTED);
	assert_int_equal(app_parts_status(b, 3), VALUE_RETURNED);
	assert_int_equal(app_parts_status(c, 2), VALUE_DRAFT);
	assert_int_equal(app_parts_status(e, 2), VALUE_APPROVED);
}

static void
test_may_see(void **state)
{
	(void)state;
	assert_int_equal(app_may_see_part(&nh, ""), 1);
	assert_int_equal(app_may_see_part(&nh, NULL), 1);
	assert_int_equal(app_may_see_part(&nh, "ubnd-ninh-hai"), 1);
	assert_int_equal(app_may_see_part(&nh, "ubnd-bac-ai"), 0);
	assert_int_equal(app_may_see_part(&dep, "ubnd-bac-ai"), 0);
	assert_int_equal(app_may_see_part(&viewer, "ubnd-bac-ai"), 1);
	assert_int_equal(app_may_see_part(&coord, "ubnd-bac-ai"), 1);
	assert_int_equal(app_may_see_part(&admin, "ubnd-bac-ai"), 1);
}

/* ---- on a database ------------------------------------------------------ */

struct fixture {
	char f_dir[256];
	char f_db[300];
	struct store *f_s;
	const struct method *f_m;
	struct st_period f_p;
};

static int
setup(void **state)
{
	struct fixture *x = calloc(1, sizeof(*x));
	struct app_init_out out;
	struct diag d;
	const char *tmp = getenv("TMPDIR");

	snprintf(x->f_dir, sizeof(x->f_dir), "%s/dti-contrib-XXXXXX",
	    tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
	assert_non_null(mkdtemp(x->f_dir));
	snprintf(x->f_db, sizeof(x->f_db), "%s/dti.db", x->f_dir);
	diag_init(&d);
	assert_int_equal(app_init(x->f_db, &admin, 0, &out, &d), 0);
	assert_int_equal(app_open(&x->f_s, x->f_db, &d), 0);
	assert_int_equal(app_period_add(x->f_s, &admin, "2030", 0, NULL, NULL,
			     NULL, &x->f_p, &d),
	    0);
	assert_int_equal(app_method(x->f_s, x->f_p.sp_method, &x->f_m, &d), 0);
	diag_free(&d);
	*state = x;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *x = *state;
	char path[400];

	app_close(x->f_s);
	remove(x->f_db);
	snprintf(path, sizeof(path), "%s-wal", x->f_db);
	remove(path);
	snprintf(path, sizeof(path), "%s-shm", x->f_db);
	remove(path);
	rmdir(x->f_dir);
	free(x);
	return 0;
}

/* put(x, a, unit, input, part, raw, written): app_value_put_part's rc. */
static int
put(struct fixture *x, const struct app_actor *a, const char *unit,
    const char *input, const char *part, const char *raw, char *written,
    const char **code)
{
	static char last[64];
	struct diag d;
	int rc;

	diag_init(&d);
	rc = app_value_put_part(x->f_s, a, "2030", unit, input, part, raw,
	    NUMFMT_MACHINE, NULL, NULL, NULL, written, &d);
	snprintf(
	    last, sizeof(last), "%s", d.d_n > 0 ? d.d_items[0].di_code : "");
	if (code != NULL)
		*code = last;
	diag_free(&d);
	return rc;
}

static void
test_may_part(void **state)
{
	struct fixture *x = *state;
	struct store *s = x->f_s;
	const struct method *m = x->f_m;
	int i19 = method_input(m, "1.9", 3), i11 = method_input(m, "1.1", 3);

	/* an officer of a member: its own part, at the province only */
	assert_int_equal(
	    app_may_part(s, &nh, m, i19, NULL, "ubnd-ninh-hai"), 1);
	assert_int_equal(
	    app_may_part(s, &nh, m, i19, "ninh-thuan", "ubnd-ninh-hai"), 1);
	assert_int_equal(
	    app_may_part(s, &nh, m, i19, "ninh-hai", "ubnd-ninh-hai"), 0);
	assert_int_equal(app_may_part(s, &nh, m, i19, NULL, "ubnd-bac-ai"), 0);
	assert_int_equal(app_may_part(s, &nh, m, i19, NULL, ""), 0);
	/* its district's own value is its unit's: the unit rule decides */
	assert_int_equal(app_may_part(s, &nh, m, i19, "ninh-hai", ""), 1);
	/* a department is no member of ubnd-huyen; a viewer writes nothing */
	assert_int_equal(app_may_part(s, &dep, m, i19, NULL, "so-tttt"), 0);
	assert_int_equal(app_may_part(s, &dep, m, i19, NULL, ""), 0);
	assert_int_equal(
	    app_may_part(s, &viewer, m, i19, NULL, "ubnd-ninh-hai"), 0);
	/* coordinators and admins: any part, the whole value */
	assert_int_equal(
	    app_may_part(s, &coord, m, i19, NULL, "ubnd-bac-ai"), 1);
	assert_int_equal(app_may_part(s, &coord, m, i19, "bac-ai", ""), 1);
	assert_int_equal(app_may_part(s, &admin, m, i19, NULL, ""), 1);
	/* an input that is not contributed has no parts */
	assert_int_equal(
	    app_may_part(s, &coord, m, i11, NULL, "ubnd-bac-ai"), 0);
	assert_int_equal(app_may_part(s, &dep, m, i11, NULL, ""), 1);
}

static void
test_implied_part(void **state)
{
	struct fixture *x = *state;
	char written[APP_MAX_PART];
	const char *code;

	/* the officer names no part: its own, implied */
	assert_int_equal(
	    put(x, &nh, NULL, "1.9", NULL, "1", written, &code), 0);
	assert_string_equal(written, "ubnd-ninh-hai");
	assert_int_equal(
	    put(x, &ba, NULL, "1.9", NULL, "0", written, &code), 0);
	assert_string_equal(written, "ubnd-bac-ai");
	/* not another's, not the whole value, not another unit */
	assert_int_not_equal(
	    put(x, &nh, NULL, "1.9", "ubnd-bac-ai", "1", NULL, &code), 0);
	assert_string_equal(code, "forbidden");
	assert_int_not_equal(put(x, &nh, NULL, "1.9", "", "1", NULL, &code), 0);
	assert_string_equal(code, "forbidden");
	assert_int_not_equal(
	    put(x, &nh, "bac-ai", "1.9", NULL, "1", NULL, &code), 0);
	assert_string_equal(code, "forbidden");
	/* its own district's value: a whole value of that unit */
	assert_int_equal(
	    put(x, &nh, "ninh-hai", "1.9", NULL, "1", written, &code), 0);
	assert_string_equal(written, "");
	/* the coordinator: a part it names; not beside a whole value */
	assert_int_equal(
	    put(x, &coord, NULL, "1.9", "ubnd-ninh-son", "1", written, &code),
	    0);
	assert_string_equal(written, "ubnd-ninh-son");
	assert_int_not_equal(
	    put(x, &coord, NULL, "1.9", NULL, "1", written, &code), 0);
	assert_string_equal(code, "contrib.conflict");
	assert_int_equal(
	    put(x, &coord, NULL, "4.1", NULL, "1", written, &code), 0);
	assert_string_equal(written, "");
	assert_int_not_equal(
	    put(x, &nh, NULL, "4.1", NULL, "1", written, &code), 0);
	assert_string_equal(code, "contrib.conflict");
	/* not a member, not contributed */
	assert_int_not_equal(
	    put(x, &coord, NULL, "1.9", "so-tttt", "1", NULL, &code), 0);
	assert_string_equal(code, "contrib.part");
	assert_int_not_equal(
	    put(x, &coord, NULL, "1.1", "ubnd-bac-ai", "leader", NULL, &code),
	    0);
	assert_string_equal(code, "contrib.part");
}

/* What app_aggregates gives one actor for 1.9, as text. */
struct agg_seen {
	char as_text[512];
};

static int
agg_row(void *ctx, const struct app_aggregate *g)
{
	struct agg_seen *a = ctx;
	size_t n = strlen(a->as_text);
	int i;

	if (strcmp(g->agr_input, "1.9") != 0)
		return 0;
	n += (size_t)snprintf(a->as_text + n, sizeof(a->as_text) - n,
	    "%s=%s %d/%d:", g->agr_how, g->agr_complete ? g->agr_value : "?",
	    g->agr_nparts, g->agr_nmembers);
	for (i = 0; i < g->agr_nshown && n < sizeof(a->as_text); i++)
		n += (size_t)snprintf(a->as_text + n, sizeof(a->as_text) - n,
		    " %s=%s", g->agr_parts[i].apt_agency,
		    g->agr_parts[i].apt_raw);
	return 0;
}

static const char *
seen(struct fixture *x, const struct app_actor *a)
{
	static struct agg_seen as;
	struct diag d;

	memset(&as, 0, sizeof(as));
	diag_init(&d);
	assert_int_equal(
	    app_aggregates(x->f_s, a, &x->f_p, "ninh-thuan", agg_row, &as, &d),
	    0);
	diag_free(&d);
	return as.as_text;
}

static void
test_aggregates_seen(void **state)
{
	struct fixture *x = *state;
	static const char *const rest[] = { "ubnd-phan-rang-thap-cham",
		"ubnd-ninh-phuoc", "ubnd-ninh-son", "ubnd-thuan-bac",
		"ubnd-thuan-nam" };
	size_t i;

	assert_int_equal(put(x, &nh, NULL, "1.9", NULL, "1", NULL, NULL), 0);
	assert_int_equal(put(x, &ba, NULL, "1.9", NULL, "1", NULL, NULL), 0);
	assert_string_equal(seen(x, &nh), "all=? 2/7: ubnd-ninh-hai=1");
	assert_string_equal(seen(x, &ba), "all=? 2/7: ubnd-bac-ai=1");
	assert_string_equal(seen(x, &dep), "all=? 2/7:");
	assert_string_equal(
	    seen(x, &coord), "all=? 2/7: ubnd-bac-ai=1 ubnd-ninh-hai=1");
	for (i = 0; i < sizeof(rest) / sizeof(rest[0]); i++)
		assert_int_equal(
		    put(x, &coord, NULL, "1.9", rest[i], "1", NULL, NULL), 0);
	assert_string_equal(seen(x, &nh), "all=1 7/7: ubnd-ninh-hai=1");
	assert_string_equal(seen(x, &viewer),
	    "all=1 7/7: ubnd-phan-rang-thap-cham=1 ubnd-bac-ai=1 "
	    "ubnd-ninh-hai=1 ubnd-ninh-phuoc=1 ubnd-ninh-son=1 "
	    "ubnd-thuan-bac=1 ubnd-thuan-nam=1");
}

/* app_owed's rows as "INPUT[@PART]=RAW;". */
struct owed_text {
	struct buf ot_b;
	const struct method *ot_m;
};

static int
owed_row(void *ctx, const struct app_owed *ow)
{
	struct owed_text *o = ctx;

	buf_printf(&o->ot_b, "%s%s%s=%s;",
	    o->ot_m->m_inputs[ow->ow_input].mi_name, ow->ow_part ? "@" : "",
	    ow->ow_part ? ow->ow_part : "", ow->ow_raw ? ow->ow_raw : "-");
	return 0;
}

static void
test_owed(void **state)
{
	struct fixture *x = *state;
	struct owed_text o;
	struct diag d;

	assert_int_equal(put(x, &nh, NULL, "1.9", NULL, "1", NULL, NULL), 0);
	assert_int_equal(
	    put(x, &ba, NULL, "1.10", NULL, "weekly", NULL, NULL), 0);
	assert_int_equal(put(x, &coord, NULL, "4.1", NULL, "1", NULL, NULL), 0);
	assert_int_equal(
	    put(x, &nh, "ninh-hai", "4.2", NULL, "0", NULL, NULL), 0);
	diag_init(&d);
	buf_init(&o.ot_b);
	o.ot_m = x->f_m;
	/* at the province: its parts (4.1 has a whole value: none owed) */
	assert_int_equal(app_owed(x->f_s, &x->f_p, x->f_m, "ubnd-ninh-hai",
			     NULL, owed_row, &o, &d),
	    0);
	assert_string_equal(buf_cstr(&o.ot_b),
	    "1.9@ubnd-ninh-hai=1;1.10@ubnd-ninh-hai=-;4.2@ubnd-ninh-hai=-;");
	/* at its district: the district's own values, whole */
	buf_reset(&o.ot_b);
	assert_int_equal(app_owed(x->f_s, &x->f_p, x->f_m, "ubnd-ninh-hai",
			     "ninh-hai", owed_row, &o, &d),
	    0);
	assert_string_equal(buf_cstr(&o.ot_b), "1.9=-;1.10=-;4.1=-;4.2=0;");
	/* the lead collective and every agency: whole values */
	buf_reset(&o.ot_b);
	assert_int_equal(app_owed(x->f_s, &x->f_p, x->f_m, "ubnd-huyen", NULL,
			     owed_row, &o, &d),
	    0);
	assert_string_equal(buf_cstr(&o.ot_b), "1.9=-;1.10=-;4.1=1;4.2=-;");
	buf_free(&o.ot_b);
	diag_free(&d);
}

static void
test_status_and_audit(void **state)
{
	struct fixture *x = *state;
	struct app_agency_status *st = NULL;
	struct diag d;
	int n = 0, i, seen_nh = 0, seen_lead = 0;

	assert_int_equal(put(x, &nh, NULL, "1.9", NULL, "1", NULL, NULL), 0);
	assert_int_equal(put(x, &ba, NULL, "1.9", NULL, "0", NULL, NULL), 0);
	diag_init(&d);
	assert_int_equal(
	    app_status(x->f_s, &x->f_p, NULL, x->f_m, 0, &st, &n, &d), 0);
	for (i = 0; i < n; i++) {
		if (strcmp(st[i].ag_agency, "ubnd-ninh-hai") == 0) {
			seen_nh++;
			assert_int_equal(st[i].ag_owned, 4);
			assert_int_equal(st[i].ag_missing, 3);
			assert_int_equal(st[i].ag_draft, 1);
		}
		if (strcmp(st[i].ag_agency, "ubnd-huyen") == 0) {
			seen_lead++;
			/* 1.9 has two parts of seven: still missing */
			assert_int_equal(st[i].ag_owned, 4);
			assert_int_equal(st[i].ag_missing, 4);
		}
	}
	free(st);
	assert_int_equal(seen_nh, 1);
	assert_int_equal(seen_lead, 1);
	/* at a district's unit no part is owed: its values are whole */
	assert_int_equal(
	    app_status(x->f_s, &x->f_p, "ninh-hai", x->f_m, 0, &st, &n, &d), 0);
	for (i = 0; i < n; i++)
		assert_string_not_equal(st[i].ag_agency, "ubnd-ninh-hai");
	free(st);
	assert_int_not_equal(app_values_submit(x->f_s, &nh, "2030", "ninh-hai",
				 "ubnd-ninh-hai", NULL, &d),
	    0);
	assert_string_equal(d.d_items[0].di_code, "review.none");
	diag_free(&d);
	diag_init(&d);
	/* its district's whole set: 1.9 missing there is missing */
	assert_int_not_equal(app_values_submit(x->f_s, &nh, "2030", "ninh-hai",
				 "ubnd-huyen", NULL, &d),
	    0);
	assert_string_equal(d.d_items[0].di_code, "submit.missing");
	diag_free(&d);
	diag_init(&d);
	/* the submission of Ninh Hải's parts, at the province */
	assert_int_not_equal(app_values_submit(x->f_s, &nh, "2030", NULL,
				 "ubnd-bac-ai", NULL, &d),
	    0);
	diag_free(&d);
	diag_init(&d);
	assert_int_not_equal(app_values_submit(x->f_s, &nh, "2030", NULL,
				 "ubnd-ninh-hai", "1.9", &d),
	    0);
	/* 1.9 needs evidence; Ninh Hải attaches it to its part */
	assert_string_equal(d.d_items[0].di_code, "submit.evidence");
	diag_free(&d);
	diag_init(&d);
	{
		struct st_evidence e;

		memset(&e, 0, sizeof(e));
		e.sev_doc_number = "12/BC";
		assert_int_equal(app_evidence_attach(x->f_s, &nh, "2030", NULL,
				     "1.9", &e, NULL, 0, &d),
		    0);
		e.sev_part = "ubnd-ninh-hai";
		assert_int_not_equal(app_evidence_attach(x->f_s, &ba, "2030",
					 NULL, "1.9", &e, NULL, 0, &d),
		    0);
	}
	diag_free(&d);
	diag_init(&d);
	assert_int_equal(app_values_submit(x->f_s, &nh, "2030", NULL,
			     "ubnd-ninh-hai", "1.9", &d),
	    0);
	diag_free(&d);
}

/* The audit rows an actor reads about 1.9, as "ACTION AGENCY;". */
static int
audit_row(void *ctx, const struct st_audit *a)
{
	if (a->sau_input != NULL && strcmp(a->sau_input, "1.9") == 0)
		buf_printf(ctx, "%s %s;", a->sau_action,
		    a->sau_agency ? a->sau_agency : "-");
	return 0;
}

static void
test_audit(void **state)
{
	struct fixture *x = *state;
	struct buf b;
	struct diag d;

	assert_int_equal(put(x, &nh, NULL, "1.9", NULL, "1", NULL, NULL), 0);
	assert_int_equal(
	    put(x, &coord, NULL, "1.9", "ubnd-bac-ai", "0", NULL, NULL), 0);
	assert_int_equal(
	    put(x, &nh, "ninh-hai", "1.9", NULL, "1", NULL, NULL), 0);
	diag_init(&d);
	buf_init(&b);
	assert_int_equal(app_audit(x->f_s, &nh, NULL, audit_row, &b, &d), 0);
	/* its part, its district's value; not Bác Ái's part */
	assert_string_equal(
	    buf_cstr(&b), "value.set ubnd-ninh-hai;value.set ubnd-huyen;");
	buf_reset(&b);
	assert_int_equal(app_audit(x->f_s, &ba, NULL, audit_row, &b, &d), 0);
	assert_string_equal(
	    buf_cstr(&b), "value.set ubnd-bac-ai;value.set ubnd-huyen;");
	buf_reset(&b);
	assert_int_equal(app_audit(x->f_s, &coord, NULL, audit_row, &b, &d), 0);
	assert_string_equal(buf_cstr(&b),
	    "value.set ubnd-ninh-hai;value.set ubnd-bac-ai;"
	    "value.set ubnd-huyen;");
	buf_free(&b);
	diag_free(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_aggregate),
		cmocka_unit_test(test_part_input),
		cmocka_unit_test(test_parts_status),
		cmocka_unit_test(test_may_see),
		cmocka_unit_test_setup_teardown(test_may_part, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_implied_part, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_aggregates_seen, setup, teardown),
		cmocka_unit_test_setup_teardown(test_owed, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_status_and_audit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_audit, setup, teardown),
	};

	if (auth_init() != 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
