/*
 * test_db.c: the province's database (src/store/, src/app/) through its C
 * API and the raw SQLite file. Every database is made by the real program
 * (`dti init`, DTI_BIN) in a fresh temporary directory, then read back
 * and checked against the source files it was made from: the 2022
 * methodology (methodologies/dti-2022-province.yaml) and the organisation
 * of Ninh Thuận (data/ninh-thuan.yaml), both parsed here independently.
 *
 * Run one test with `test_db NAME` (CTest: db.store.NAME); no argument
 * runs them all.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <pthread.h>
#include <time.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <yaml.h>

#include "app/app.h"
#include "dbfx.h"
#include "engine/method.h"
#include "engine/score.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/sha256.h"
#include "util/ydoc.h"

#define METHOD_FILE DTI_SOURCE_DIR "/methodologies/dti-2022-province.yaml"
#define ORG_FILE DTI_SOURCE_DIR "/data/ninh-thuan.yaml"
#define PLAN_FILE DTI_SOURCE_DIR "/plans/ninh-thuan-4233-2022.yaml"
#define DEMO_FILE DTI_SOURCE_DIR "/examples/demo-ninh-thuan.csv"
#define SINGLE_FILE \
	DTI_SOURCE_DIR "/tests/golden/data/single_province.round.csv"

static yaml_node_t *
yaml_load_file(const char *path, yaml_document_t *doc, char **text)
{
	yaml_parser_t p;
	size_t len = 0;

	*text = slurp(path, &len);
	assert_non_null(*text);
	assert_true(yaml_parser_initialize(&p));
	yaml_parser_set_input_string(&p, (const unsigned char *)*text, len);
	assert_true(yaml_parser_load(&p, doc));
	yaml_parser_delete(&p);
	assert_non_null(yaml_document_get_root_node(doc));
	return yaml_document_get_root_node(doc);
}

/* A YAML list of scalars joined by commas ("" for none or null). */
static void
yaml_join(yaml_document_t *doc, yaml_node_t *list, struct buf *b)
{
	int i;

	buf_reset(b);
	for (i = 0; i < ydoc_len(list); i++) {
		if (i > 0)
			buf_putc(b, ',');
		buf_puts(b, ydoc_str(ydoc_at(doc, list, i)));
	}
}

static const char *
nz(const char *s)
{
	return s != NULL ? s : "";
}

static struct method *
load_method_file(void)
{
	struct method *m = NULL;
	struct diag d;
	size_t len = 0;
	char *text = slurp(METHOD_FILE, &len);

	assert_non_null(text);
	diag_init(&d);
	assert_int_equal(method_load(&m, text, len, METHOD_FILE, &d), 0);
	diag_free(&d);
	free(text);
	return m;
}

/* Import ${path} into ${period} with ${status} through the C API. */
static int
import_file(struct fx *x, const char *period, const char *path,
    enum value_status status, long *count)
{
	struct diag d;
	FILE *f = fopen(path, "rb");
	long n = 0;
	int rc;

	assert_non_null(f);
	diag_init(&d);
	rc = app_values_import(x->f_s, dbfx_op("tester"), period, f, path,
	    NUMFMT_MACHINE, status, APP_IMPORT_ADD_UNITS, &n, &d);
	fclose(f);
	if (rc != 0 && d.d_n > 0)
		print_message("import: %s\n", diag_msg(&d.d_items[0], LANG_EN));
	diag_free(&d);
	if (count != NULL)
		*count = n;
	return rc;
}

static void
open_period(struct fx *x, const char *code)
{
	struct diag d;

	diag_init(&d);
	assert_int_equal(app_period_add(x->f_s, dbfx_op("tester"), code, 0,
			     NULL, NULL, NULL, NULL, &d),
	    0);
	diag_free(&d);
}

/* ---- dti init: the organisation ---------------------------------------- */

struct name_list {
	char **nl_v;
	int nl_n;
};

static void
nl_add(struct name_list *l, const char *s)
{
	int i;

	for (i = 0; i < l->nl_n; i++)
		if (strcmp(l->nl_v[i], s) == 0)
			return;
	l->nl_v = xreallocarray(l->nl_v, (size_t)l->nl_n + 1, sizeof(char *));
	l->nl_v[l->nl_n++] = xstrdup(s);
}

static void
nl_free(struct name_list *l)
{
	int i;

	for (i = 0; i < l->nl_n; i++)
		free(l->nl_v[i]);
	free(l->nl_v);
	memset(l, 0, sizeof(*l));
}

static int
count_meth(void *ctx, const struct st_method *m)
{
	(void)m;
	(*(int *)ctx)++;
	return 0;
}

/* Attach evidence to ${input} of 2022, with the file at ${path} if any. */
static int
ev_add_to(struct store *s, const char *input, struct st_evidence *e,
    const char *path, struct diag *d)
{
	char *data = NULL;
	size_t len = 0;
	int rc;

	if (path != NULL) {
		FILE *f = fopen(path, "rb");
		long n;

		assert_non_null(f);
		fseek(f, 0, SEEK_END);
		n = ftell(f);
		fseek(f, 0, SEEK_SET);
		data = malloc((size_t)n + 1);
		assert_non_null(data);
		len = fread(data, 1, (size_t)n, f);
		fclose(f);
	}
	rc = app_evidence_attach(
	    s, dbfx_op("t"), "2022", NULL, input, e, data, len, d);
	free(data);
	return rc;
}

static int
ev_add(struct store *s, struct st_evidence *e, const char *path, struct diag *d)
{
	return ev_add_to(s, "3.3.a", e, path, d);
}

/* Counts, settings, and nothing else yet (no period, no value). */
static void
test_init_counts(void **state)
{
	struct fx *x = *state;
	struct st_counts c;
	char v[64];
	int n = 0;

	assert_int_equal(store_counts(x->f_s, &c), 0);
	assert_int_equal(c.sc_tasks, 40);
	assert_int_equal(c.sc_targets, 14);
	assert_int_equal(c.sc_units, 8); /* the province and 7 districts */
	assert_int_equal(c.sc_periods, 0);
	assert_int_equal(c.sc_values, 0);
	assert_int_equal(store_meta_get(x->f_s, "province", v, sizeof(v)), 0);
	assert_string_equal(v, "ninh-thuan");
	assert_int_equal(store_meta_get(x->f_s, "demo", v, sizeof(v)), 0);
	assert_string_equal(v, "0");
	assert_int_equal(store_method_each(x->f_s, count_meth, &n), 0);
	assert_int_equal(n, 1);
	assert_true(store_schema_version(x->f_s) >= 1);
	assert_int_equal(store_check(x->f_s), 0);
}

struct agency_seen {
	yaml_document_t *as_doc;
	yaml_node_t *as_list; /* the organisation's agencies */
	struct name_list as_codes;
	int as_bad;
};

static int
agency_row(void *ctx, const struct st_agency *a)
{
	struct agency_seen *c = ctx;
	int i;

	nl_add(&c->as_codes, a->sag_code);
	for (i = 0; i < ydoc_len(c->as_list); i++) {
		yaml_node_t *n = ydoc_at(c->as_doc, c->as_list, i);

		if (strcmp(nz(ydoc_getstr(c->as_doc, n, "code")),
			a->sag_code) != 0)
			continue;
		if (strcmp(nz(ydoc_getstr(c->as_doc, n, "kind")),
			a->sag_kind) != 0 ||
		    strcmp(nz(ydoc_getstr(c->as_doc, n, "name")),
			a->sag_name) != 0) {
			print_message("agency %s: kind %s name %s\n",
			    a->sag_code, a->sag_kind, a->sag_name);
			c->as_bad++;
		}
	}
	return 0;
}

struct unit_seen {
	struct name_list us_district;
	int us_province;
	int us_bad;
};

static int
unit_row(void *ctx, const struct st_unit *u)
{
	struct unit_seen *c = ctx;

	if (strcmp(u->su_code, "ninh-thuan") == 0) {
		c->us_province++;
		if (strcmp(u->su_level, "province") != 0 ||
		    u->su_parent != NULL)
			c->us_bad++;
		return 0;
	}
	if (strcmp(u->su_level, "district") != 0 || u->su_parent == NULL ||
	    strcmp(u->su_parent, "ninh-thuan") != 0)
		c->us_bad++;
	nl_add(&c->us_district, u->su_code);
	return 0;
}

/* Every agency of the organisation file with its kind, and the 7 districts. */
static void
test_init_units_agencies(void **state)
{
	struct fx *x = *state;
	struct agency_seen as;
	struct unit_seen us;
	struct name_list want;
	struct method *m = load_method_file();
	yaml_document_t doc;
	yaml_node_t *root, *dl;
	struct st_counts c;
	char *text;
	int i;

	root = yaml_load_file(ORG_FILE, &doc, &text);
	memset(&as, 0, sizeof(as));
	memset(&want, 0, sizeof(want));
	as.as_doc = &doc;
	as.as_list = ydoc_get(&doc, root, "agencies");
	assert_true(ydoc_len(as.as_list) > 0);
	assert_int_equal(store_agency_each(x->f_s, agency_row, &as), 0);
	assert_int_equal(as.as_bad, 0);
	/* the union of the organisation's and the methodology's agencies */
	for (i = 0; i < ydoc_len(as.as_list); i++)
		nl_add(&want,
		    ydoc_getstr(&doc, ydoc_at(&doc, as.as_list, i), "code"));
	for (i = 0; i < m->m_nagencies; i++)
		nl_add(&want, m->m_agencies[i].ma_code);
	assert_int_equal(as.as_codes.nl_n, want.nl_n);
	for (i = 0; i < want.nl_n; i++)
		assert_int_equal(store_agency_exists(x->f_s, want.nl_v[i]), 1);
	assert_int_equal(store_counts(x->f_s, &c), 0);
	assert_int_equal(c.sc_agencies, want.nl_n);

	/* the 7 districts of the file, under the province */
	memset(&us, 0, sizeof(us));
	assert_int_equal(store_unit_each(x->f_s, unit_row, &us), 0);
	assert_int_equal(us.us_province, 1);
	assert_int_equal(us.us_bad, 0);
	dl = ydoc_get(&doc, root, "districts");
	assert_int_equal(ydoc_len(dl), 7);
	assert_int_equal(us.us_district.nl_n, 7);
	for (i = 0; i < 7; i++) {
		long id;

		assert_int_equal(
		    store_unit_find(x->f_s,
			ydoc_getstr(&doc, ydoc_at(&doc, dl, i), "code"), &id),
		    0);
	}
	assert_int_equal(store_unit_find(x->f_s, "bac-ai", &(long){ 0 }), 0);
	assert_int_equal(store_unit_find(x->f_s, "thuan-nam", &(long){ 0 }), 0);

	/* collectives: members belong to their group, others do not */
	assert_int_equal(
	    store_agency_in(x->f_s, "ubnd-bac-ai", "ubnd-huyen"), 1);
	assert_int_equal(
	    store_agency_in(x->f_s, "ubnd-thuan-nam", "ubnd-huyen"), 1);
	assert_int_equal(store_agency_in(x->f_s, "so-tttt", "cac-so-nganh"), 1);
	assert_int_equal(store_agency_in(x->f_s, "so-tttt", "ubnd-huyen"), 0);
	assert_int_equal(
	    store_agency_in(x->f_s, "cong-an-tinh", "cac-so-nganh"), 0);

	nl_free(&as.as_codes);
	nl_free(&want);
	nl_free(&us.us_district);
	yaml_document_delete(&doc);
	free(text);
	method_free(m);
}

struct meth_row {
	long mr_id;
	char mr_code[64];
	char mr_version[64];
	char mr_sha[65];
};

static int
meth_row(void *ctx, const struct st_method *m)
{
	struct meth_row *r = ctx;

	r->mr_id = m->sm_id;
	snprintf(r->mr_code, sizeof(r->mr_code), "%s", m->sm_code);
	snprintf(r->mr_version, sizeof(r->mr_version), "%s", m->sm_version);
	snprintf(r->mr_sha, sizeof(r->mr_sha), "%s", m->sm_sha256);
	return 0;
}

/* The 2022 methodology, byte for byte as the file in the source tree. */
static void
test_init_methodology(void **state)
{
	struct fx *x = *state;
	struct meth_row r;
	char sha[65], *text, *stored;
	size_t len, slen;
	long latest;

	memset(&r, 0, sizeof(r));
	assert_int_equal(store_method_each(x->f_s, meth_row, &r), 0);
	assert_string_equal(r.mr_code, "dti-province-2022");
	assert_string_equal(r.mr_version, "2022");
	text = slurp(METHOD_FILE, &len);
	assert_non_null(text);
	sha256_hex(text, len, sha);
	assert_string_equal(r.mr_sha, sha);
	assert_int_equal(store_method_latest(x->f_s, &latest), 0);
	assert_int_equal(latest, r.mr_id);
	assert_int_equal(store_method_text(x->f_s, r.mr_id, &stored, &slen), 0);
	assert_int_equal(slen, len);
	assert_memory_equal(stored, text, len);
	free(stored);
	free(text);
}

static int
resp_row(void *ctx, const struct st_resp *r)
{
	struct name_list *l = ctx;
	char key[256];

	snprintf(
	    key, sizeof(key), "%s|%s|%s", r->sr_item, r->sr_agency, r->sr_role);
	nl_add(l, key);
	return 0;
}

static int
has(const struct name_list *l, const char *s)
{
	int i;

	for (i = 0; i < l->nl_n; i++)
		if (strcmp(l->nl_v[i], s) == 0)
			return 1;
	return 0;
}

/*
 * The responsibility matrix: exactly the lead and the coordinators of every
 * indicator and of every general item A.x of the methodology file.
 */
static void
test_init_responsibility(void **state)
{
	struct fx *x = *state;
	struct method *m = load_method_file();
	struct name_list got, want;
	char key[256];
	long id;
	int i, k, missing = 0;

	memset(&got, 0, sizeof(got));
	memset(&want, 0, sizeof(want));
	assert_int_equal(store_method_latest(x->f_s, &id), 0);
	assert_int_equal(store_resp_each(x->f_s, id, resp_row, &got), 0);
	for (i = 0; i < m->m_nind; i++) {
		const struct m_indicator *n = &m->m_ind[i];

		if (n->mn_lead >= 0) {
			snprintf(key, sizeof(key), "%s|%s|lead", n->mn_code,
			    m->m_agencies[n->mn_lead].ma_code);
			nl_add(&want, key);
		}
		for (k = 0; k < n->mn_ncoord; k++) {
			snprintf(key, sizeof(key), "%s|%s|coordinator",
			    n->mn_code, m->m_agencies[n->mn_coord[k]].ma_code);
			nl_add(&want, key);
		}
	}
	assert_int_equal(m->m_ngeneral, 20); /* A.1 ... A.20 */
	for (i = 0; i < m->m_ngeneral; i++) {
		const struct m_general *g = &m->m_general[i];

		if (g->ml_lead >= 0) {
			snprintf(key, sizeof(key), "%s|%s|lead", g->ml_code,
			    m->m_agencies[g->ml_lead].ma_code);
			nl_add(&want, key);
		}
		for (k = 0; k < g->ml_ncoord; k++) {
			snprintf(key, sizeof(key), "%s|%s|coordinator",
			    g->ml_code, m->m_agencies[g->ml_coord[k]].ma_code);
			nl_add(&want, key);
		}
	}
	for (i = 0; i < want.nl_n; i++) {
		if (!has(&got, want.nl_v[i])) {
			print_message("missing: %s\n", want.nl_v[i]);
			missing++;
		}
	}
	assert_int_equal(missing, 0);
	assert_int_equal(got.nl_n, want.nl_n); /* and nothing else */
	/* the issue's examples, spelled out */
	assert_true(has(&got, "3.3|so-tttt|lead"));
	assert_true(has(&got, "3.3|dn-vien-thong|coordinator"));
	assert_true(has(&got, "A.4|cuc-thong-ke|lead"));
	assert_false(has(&got, "3.3|dn-vien-thong|lead"));
	nl_free(&got);
	nl_free(&want);
	method_free(m);
}

/* The last day of "YYYY-MM" or "YYYY-Qn", worked out here. */
static void
last_day(const char *due, char *out, size_t size)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
		31 };
	int y = 0, m = 0, q = 0, d;

	if (strchr(due, 'Q') != NULL) {
		assert_int_equal(sscanf(due, "%d-Q%d", &y, &q), 2);
		m = q * 3;
	} else {
		assert_int_equal(sscanf(due, "%d-%d", &y, &m), 2);
	}
	assert_true(m >= 1 && m <= 12);
	d = mdays[m - 1] +
	    (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
	snprintf(out, size, "%04d-%02d-%02d", y, m, d);
}

struct task_check {
	yaml_document_t *tc_doc;
	yaml_node_t *tc_list;
	int tc_n;
	int tc_bad;
};

static int
task_row(void *ctx, const struct st_task *t)
{
	struct task_check *c = ctx;
	struct buf b;
	char want[32];
	int i, found = 0;

	buf_init(&b);
	c->tc_n++;
	for (i = 0; i < ydoc_len(c->tc_list); i++) {
		yaml_node_t *n = ydoc_at(c->tc_doc, c->tc_list, i);
		const char *due = ydoc_getstr(c->tc_doc, n, "due");

		if (strcmp(nz(ydoc_getstr(c->tc_doc, n, "code")), t->st_code) !=
		    0)
			continue;
		found++;
		yaml_join(c->tc_doc, ydoc_get(c->tc_doc, n, "lead"), &b);
		if (strcmp(buf_cstr(&b), nz(t->st_leads)) != 0) {
			print_message("%s: leads %s, want %s\n", t->st_code,
			    nz(t->st_leads), buf_cstr(&b));
			c->tc_bad++;
		}
		yaml_join(
		    c->tc_doc, ydoc_get(c->tc_doc, n, "coordinators"), &b);
		if (strcmp(buf_cstr(&b), nz(t->st_coordinators)) != 0) {
			print_message("%s: coordinators %s, want %s\n",
			    t->st_code, nz(t->st_coordinators), buf_cstr(&b));
			c->tc_bad++;
		}
		yaml_join(c->tc_doc, ydoc_get(c->tc_doc, n, "indicators"), &b);
		if (strcmp(buf_cstr(&b), nz(t->st_indicators)) != 0) {
			print_message("%s: indicators %s, want %s\n",
			    t->st_code, nz(t->st_indicators), buf_cstr(&b));
			c->tc_bad++;
		}
		if (due == NULL) {
			if (t->st_due != NULL || t->st_due_date != NULL)
				c->tc_bad++;
		} else {
			last_day(due, want, sizeof(want));
			if (strcmp(nz(t->st_due), due) != 0 ||
			    strcmp(nz(t->st_due_date), want) != 0) {
				print_message("%s: due %s %s, want %s %s\n",
				    t->st_code, nz(t->st_due),
				    nz(t->st_due_date), due, want);
				c->tc_bad++;
			}
		}
		if (t->st_status != TASK_NOT_STARTED)
			c->tc_bad++;
	}
	if (found != 1) {
		print_message(
		    "task %s found %d times in the file\n", t->st_code, found);
		c->tc_bad++;
	}
	/* the issue's examples, spelled out */
	if (strcmp(t->st_code, "B.I.2") == 0 &&
	    (strcmp(nz(t->st_leads), "so-tttt") != 0 ||
		strcmp(nz(t->st_due), "2022-10") != 0 ||
		strcmp(nz(t->st_due_date), "2022-10-31") != 0))
		c->tc_bad++;
	if (strcmp(t->st_code, "B.III.2") == 0 &&
	    (strcmp(nz(t->st_due), "2022-Q4") != 0 ||
		strcmp(nz(t->st_due_date), "2022-12-31") != 0))
		c->tc_bad++;
	buf_free(&b);
	return 0;
}

/* The 40 tasks: leads, coordinators, indicators, due month and last day. */
static void
test_init_tasks(void **state)
{
	struct fx *x = *state;
	struct task_check c;
	yaml_document_t doc;
	yaml_node_t *root;
	char *text;

	root = yaml_load_file(PLAN_FILE, &doc, &text);
	memset(&c, 0, sizeof(c));
	c.tc_doc = &doc;
	c.tc_list = ydoc_get(&doc, root, "tasks");
	assert_int_equal(ydoc_len(c.tc_list), 40);
	assert_int_equal(store_task_each(x->f_s, task_row, &c), 0);
	assert_int_equal(c.tc_n, 40);
	assert_int_equal(c.tc_bad, 0);
	yaml_document_delete(&doc);
	free(text);
}

static int
task_same(void *ctx, const struct st_task *t)
{
	struct store *s = ctx;
	struct st_task *g = NULL;

	assert_int_equal(store_task_get(s, t->st_code, &g), 0);
	assert_int_equal(g->st_id, t->st_id);
	assert_string_equal(g->st_code, t->st_code);
	assert_string_equal(g->st_group, t->st_group);
	assert_string_equal(g->st_group_name, t->st_group_name);
	assert_string_equal(g->st_text, t->st_text);
	assert_string_equal(g->st_lead_text, t->st_lead_text);
	assert_string_equal(g->st_coord_text, t->st_coord_text);
	assert_string_equal(g->st_due_text, t->st_due_text);
	assert_string_equal(nz(g->st_due), nz(t->st_due));
	assert_true((g->st_due == NULL) == (t->st_due == NULL));
	assert_string_equal(nz(g->st_due_date), nz(t->st_due_date));
	assert_int_equal(g->st_status, t->st_status);
	assert_string_equal(nz(g->st_leads), nz(t->st_leads));
	assert_string_equal(nz(g->st_coordinators), nz(t->st_coordinators));
	assert_string_equal(nz(g->st_indicators), nz(t->st_indicators));
	assert_string_equal(nz(g->st_note), nz(t->st_note));
	store_task_free(g);
	return 0;
}

/* One task by its code is the same task the walk gives; none is named. */
static void
test_task_get(void **state)
{
	struct fx *x = *state;
	struct st_task *g = (struct st_task *)1;
	struct diag d;

	assert_int_equal(store_task_each(x->f_s, task_same, x->f_s), 0);
	assert_int_equal(store_task_get(x->f_s, "Z.9", &g), STORE_ENOTFOUND);
	assert_null(g);
	assert_string_equal(dbfx_store_en(x->f_s), "no task 'Z.9'");
	store_task_free(NULL);
	/* the same error as a diag item, coded, in both languages */
	diag_init(&d);
	assert_int_equal(store_diag(x->f_s, &d), STORE_ENOTFOUND);
	assert_int_equal(d.d_n, 1);
	assert_int_equal(d.d_nerr, 1);
	assert_string_equal(d.d_items[0].di_code, "store.not_found");
	assert_string_equal(d.d_items[0].di_en, "no task 'Z.9'");
	assert_string_equal(d.d_items[0].di_vi, "không có nhiệm vụ 'Z.9'");
	diag_free(&d);
}

/*
 * A database named by its location: created, refused when it exists,
 * backed up, removed with all it keeps beside it, and created again.
 */
static void
test_create_remove(void **state)
{
	struct fx *x = *state;
	struct st_counts c1, c2;
	struct diag e;
	struct store *s = NULL;
	char loc[400], copy[400];

	diag_init(&e);
	snprintf(loc, sizeof(loc), "%s/made.db", x->f_dir);
	snprintf(copy, sizeof(copy), "%s/copy.db", x->f_dir);
	assert_int_equal(store_create(&s, loc, &e), 0);
	assert_int_equal(store_tx_begin(s), 0);
	assert_int_equal(store_meta_set(s, "province", "Ninh Thuận"), 0);
	assert_int_equal(store_tx_commit(s), 0);
	store_close(s);
	assert_int_equal(store_create(&s, loc, &e), STORE_ECONFLICT);
	assert_null(s);

	/* a backup is a database of its own with the same rows */
	assert_int_equal(store_backup(x->f_s, copy), 0);
	assert_int_equal(store_open(&s, copy, STORE_OPEN, &e), 0);
	assert_int_equal(store_counts(s, &c1), 0);
	assert_int_equal(store_counts(x->f_s, &c2), 0);
	assert_memory_equal(&c1, &c2, sizeof(c1));
	store_close(s);

	assert_int_equal(store_remove(loc, &e), 0);
	assert_int_equal(store_open(&s, loc, STORE_OPEN, &e), STORE_ENOTFOUND);
	assert_int_equal(store_remove(loc, &e), 0); /* gone: not an error */
	assert_int_equal(store_create(&s, loc, &e), 0);
	assert_int_equal(store_schema_version(s), store_schema_version(x->f_s));
	store_close(s);
	assert_int_equal(store_remove(loc, &e), 0);
	assert_int_equal(store_remove(copy, &e), 0);
	/* the two refusals, one item each */
	assert_int_equal(e.d_n, 2);
	assert_string_equal(e.d_items[0].di_code, "store.conflict");
	assert_string_equal(e.d_items[1].di_code, "store.not_found");
	diag_free(&e);
}

/* A writer in its own thread: begins, says so, waits, commits. */
struct writer {
	struct store *w_s;
	pthread_mutex_t w_mu;
	int w_begun; /* store_tx_begin returned (its result in w_rc) */
	int w_rc;
	int w_go; /* the test lets it commit */
};

static void *
writer_run(void *arg)
{
	struct writer *w = arg;
	int rc = store_tx_begin(w->w_s), go = 0;

	pthread_mutex_lock(&w->w_mu);
	w->w_rc = rc;
	w->w_begun = 1;
	pthread_mutex_unlock(&w->w_mu);
	while (!go) {
		struct timespec ts = { 0, 5 * 1000 * 1000 };

		nanosleep(&ts, NULL);
		pthread_mutex_lock(&w->w_mu);
		go = w->w_go;
		pthread_mutex_unlock(&w->w_mu);
	}
	if (rc == 0)
		w->w_rc = store_tx_commit(w->w_s);
	return NULL;
}

/* writer_begun(w, ms): whether the writer has begun within ${ms}. */
static int
writer_begun(struct writer *w, int ms)
{
	int i, begun = 0;

	for (i = 0; i <= ms / 5 && !begun; i++) {
		struct timespec ts = { 0, 5 * 1000 * 1000 };

		pthread_mutex_lock(&w->w_mu);
		begun = w->w_begun;
		pthread_mutex_unlock(&w->w_mu);
		if (!begun)
			nanosleep(&ts, NULL);
	}
	return begun;
}

static void
writer_finish(struct writer *w, pthread_t th)
{
	pthread_mutex_lock(&w->w_mu);
	w->w_go = 1;
	pthread_mutex_unlock(&w->w_mu);
	assert_int_equal(pthread_join(th, NULL), 0);
	assert_int_equal(w->w_rc, 0);
	pthread_mutex_destroy(&w->w_mu);
}

/*
 * One write lock per database: while a transaction is open on one
 * database, a writer of another database in the same process begins at
 * once, and a second connection to the first database waits its turn.
 */
static void
test_write_lock(void **state)
{
	struct fx *x = *state;
	struct store *other = NULL, *again = NULL;
	struct diag e;
	struct writer w;
	pthread_t th;
	char loc[400];

	diag_init(&e);
	snprintf(loc, sizeof(loc), "%s/other.db", x->f_dir);
	assert_int_equal(store_create(&other, loc, &e), 0);
	assert_int_equal(store_open(&again, x->f_db, STORE_OPEN, &e), 0);
	assert_int_equal(store_tx_begin(x->f_s), 0);

	memset(&w, 0, sizeof(w));
	pthread_mutex_init(&w.w_mu, NULL);
	w.w_s = other;
	assert_int_equal(pthread_create(&th, NULL, writer_run, &w), 0);
	assert_true(writer_begun(&w, 5000));
	writer_finish(&w, th);

	memset(&w, 0, sizeof(w));
	pthread_mutex_init(&w.w_mu, NULL);
	w.w_s = again;
	assert_int_equal(pthread_create(&th, NULL, writer_run, &w), 0);
	assert_false(writer_begun(&w, 300));
	assert_int_equal(store_tx_commit(x->f_s), 0);
	assert_true(writer_begun(&w, 5000));
	writer_finish(&w, th);

	store_close(again);
	store_close(other);
	diag_free(&e);
}

static int
audit_found(void *ctx, const struct st_audit *a)
{
	if (strcmp(a->sau_action, "test.row") == 0 &&
	    strcmp(a->sau_actor, "tester") == 0 && a->sau_old == NULL &&
	    strcmp(a->sau_new, "b") == 0)
		(*(int *)ctx)++;
	return 0;
}

static int
resp_found(void *ctx, const struct st_resp *r)
{
	if (strcmp(r->sr_item, "9.9") == 0 &&
	    strcmp(r->sr_agency, "so-tttt") == 0 &&
	    strcmp(r->sr_role, "lead") == 0)
		(*(int *)ctx)++;
	return 0;
}

/* The row-struct forms of the writes, states given as enums. */
static void
test_row_forms(void **state)
{
	struct fx *x = *state;
	struct st_agency ag = { 0, "so-moi", "Sở Mới", NULL, "department" };
	struct st_unit un = { 0, "xa-moi", "Xã Mới", "commune", "ninh-thuan" };
	struct st_period_change pc = { "2022", PERIOD_CLOSED, "done" };
	struct st_audit au = { 0, NULL, "tester", "test.row", "test", "k/1",
		NULL, "b", NULL };
	/* plan 1 (4233): B.I.2 is Sở TTTT's alone */
	struct st_task_link tl = { "B.I.2", "indicator", "9.9", 1 };
	struct st_task_report tr = { "B.I.2", 1, TASK_DONE, "xong", "1/QĐ",
		NULL, 1, "so-tttt", TASK_DONE };
	struct st_account_new an = { "officer1", "$argon2id$x", ROLE_OFFICER,
		"so-tttt" };
	struct st_resp rp = { "9.9", "so-tttt", "lead" };
	struct st_method_text mt;
	struct st_value_in vi;
	struct st_value_change vc;
	struct st_account acc;
	struct st_period p;
	struct st_task *tk;
	long id, id2, unit;
	enum value_status st;
	char *yaml;
	size_t len;
	int n = 0;

	open_period(x, "2022");
	assert_int_equal(store_period_get(x->f_s, "2022", &p), 0);
	assert_int_equal(store_unit_find(x->f_s, "ninh-thuan", &unit), 0);
	assert_int_equal(store_method_latest(x->f_s, &id), 0);
	assert_int_equal(store_method_text(x->f_s, id, &yaml, &len), 0);
	assert_int_equal(store_tx_begin(x->f_s), 0);

	mt = (struct st_method_text){ "x", "x", "x", yaml, len };
	assert_int_equal(store_method_load(x->f_s, &mt, "tester", &id2), 0);
	assert_int_equal(id2, id); /* the same text: the same version */
	assert_int_equal(store_resp_put(x->f_s, id, &rp), 0);
	assert_int_equal(store_resp_each(x->f_s, id, resp_found, &n), 0);
	assert_int_equal(n, 1);

	assert_int_equal(store_agency_put(x->f_s, &ag), 0);
	assert_int_equal(store_agency_exists(x->f_s, "so-moi"), 1);
	assert_int_equal(store_unit_put(x->f_s, &un, &id2), 0);
	assert_int_equal(store_unit_find(x->f_s, "xa-moi", &id), 0);
	assert_int_equal(id, id2);

	vi = (struct st_value_in){ p.sp_id, unit, "A.4", "590000", VALUE_DRAFT,
		"first" };
	assert_int_equal(store_value_write(x->f_s, &vi, "tester"), 0);
	assert_int_equal(
	    store_value_get(x->f_s, p.sp_id, unit, "A.4", NULL, &st), 0);
	assert_int_equal(st, VALUE_DRAFT);
	vc = (struct st_value_change){ p.sp_id, unit, "A.4", VALUE_SUBMITTED,
		"value.submit", NULL };
	assert_int_equal(store_value_change(x->f_s, &vc, "tester"), 0);
	assert_int_equal(
	    store_value_get(x->f_s, p.sp_id, unit, "A.4", NULL, &st), 0);
	assert_int_equal(st, VALUE_SUBMITTED);
	vc.svc_input = "A.5";
	assert_int_equal(
	    store_value_change(x->f_s, &vc, "tester"), STORE_ENOTFOUND);
	assert_string_equal(dbfx_store_en(x->f_s), "no value for A.5");

	assert_int_equal(store_period_change(x->f_s, &pc, "tester"), 0);
	assert_int_equal(store_period_get(x->f_s, "2022", &p), 0);
	assert_int_equal(p.sp_status, PERIOD_CLOSED);
	assert_int_equal(
	    store_period_change(x->f_s, &pc, "tester"), STORE_ECONFLICT);
	assert_string_equal(
	    dbfx_store_en(x->f_s), "period 2022 is already closed");

	n = 0;
	assert_int_equal(store_audit_add(x->f_s, &au), 0);
	{
		struct st_audit_filter f = { .saf_key = "k/" };

		assert_int_equal(
		    store_audit_each(x->f_s, &f, audit_found, &n), 0);
	}
	assert_int_equal(n, 1);

	assert_int_equal(store_task_link_add(x->f_s, &tl), 0);
	assert_int_equal(store_task_report(x->f_s, &tr, "tester"), 0);
	tr.stp_set_status = 0;
	tr.stp_status = TASK_NOT_STARTED; /* ignored */
	assert_int_equal(store_task_report(x->f_s, &tr, "tester"), 0);
	assert_int_equal(store_task_get(x->f_s, "B.I.2", &tk), 0);
	assert_int_equal(tk->st_status, TASK_DONE);
	assert_non_null(strstr(tk->st_indicators, "9.9"));
	store_task_free(tk);
	tr.stp_task = "Z.9";
	assert_int_equal(
	    store_task_report(x->f_s, &tr, "tester"), STORE_ENOTFOUND);

	assert_int_equal(store_account_create(x->f_s, &an, "tester"), 0);
	assert_int_equal(store_account_get(x->f_s, "officer1", &acc), 0);
	assert_int_equal(acc.sac_role, ROLE_OFFICER);
	assert_string_equal(acc.sac_agency, "so-tttt");
	assert_int_equal(
	    store_account_create(x->f_s, &an, "tester"), STORE_ECONFLICT);
	assert_int_equal(store_tx_commit(x->f_s), 0);
	free(yaml);
}

struct target_check {
	yaml_document_t *gc_doc;
	yaml_node_t *gc_list;
	int gc_n;
	int gc_bad;
};

static int
same_num(const char *yaml, double v)
{
	if (yaml == NULL)
		return isnan(v);
	return !isnan(v) && fabs(strtod(yaml, NULL) - v) < 1e-9;
}

static int
target_row(void *ctx, const struct st_target *t)
{
	struct target_check *c = ctx;
	struct buf b;
	int i, found = 0;

	buf_init(&b);
	c->gc_n++;
	for (i = 0; i < ydoc_len(c->gc_list); i++) {
		yaml_node_t *n = ydoc_at(c->gc_doc, c->gc_list, i);
		yaml_node_t *ms = ydoc_get(c->gc_doc, n, "measure");

		if (strcmp(nz(ydoc_getstr(c->gc_doc, n, "code")), t->sg_code) !=
		    0)
			continue;
		found++;
		if (strcmp(nz(ydoc_getstr(c->gc_doc, n, "indicator")),
			nz(t->sg_indicator)) != 0 ||
		    strcmp(nz(ydoc_getstr(c->gc_doc, n, "unit")),
			nz(t->sg_unit)) != 0 ||
		    atoi(nz(ydoc_getstr(c->gc_doc, n, "year"))) != t->sg_year ||
		    !same_num(
			ydoc_getstr(c->gc_doc, n, "target"), t->sg_target) ||
		    !same_num(ydoc_getstr(c->gc_doc, n, "target_max"),
			t->sg_target_max)) {
			print_message(
			    "target %s differs from the file\n", t->sg_code);
			c->gc_bad++;
		}
		if (ms != NULL && ms->type == YAML_MAPPING_NODE) {
			yaml_join(c->gc_doc,
			    ydoc_get(c->gc_doc, ms, "numerator"), &b);
			if (strcmp(buf_cstr(&b), nz(t->sg_numerator)) != 0)
				c->gc_bad++;
			if (strcmp(nz(ydoc_getstr(c->gc_doc, ms, "score")),
				nz(t->sg_score)) != 0)
				c->gc_bad++;
		}
	}
	if (found != 1)
		c->gc_bad++;
	if (strcmp(t->sg_code, "households-fibre") == 0 &&
	    strcmp(nz(t->sg_indicator), "3.3") != 0)
		c->gc_bad++;
	buf_free(&b);
	return 0;
}

/* The 14 numeric targets with their indicators and measures. */
static void
test_init_targets(void **state)
{
	struct fx *x = *state;
	struct target_check c;
	yaml_document_t doc;
	yaml_node_t *root;
	char *text;

	root = yaml_load_file(PLAN_FILE, &doc, &text);
	memset(&c, 0, sizeof(c));
	c.gc_doc = &doc;
	c.gc_list = ydoc_get(&doc, root, "targets");
	assert_int_equal(ydoc_len(c.gc_list), 14);
	assert_int_equal(store_target_each(x->f_s, target_row, &c), 0);
	assert_int_equal(c.gc_n, 14);
	assert_int_equal(c.gc_bad, 0);
	yaml_document_delete(&doc);
	free(text);
}

struct status_count {
	long sc_all;
	long sc_approved;
};

static int
value_count(void *ctx, const struct st_value *v)
{
	struct status_count *c = ctx;

	c->sc_all++;
	if (v->sv_status == VALUE_APPROVED)
		c->sc_approved++;
	return 0;
}

static long
lines_of(const char *path)
{
	size_t len = 0, i;
	char *t = slurp(path, &len);
	long n = 0;

	assert_non_null(t);
	for (i = 0; i < len; i++)
		n += t[i] == '\n';
	if (len > 0 && t[len - 1] != '\n')
		n++;
	free(t);
	return n;
}

/* --demo: an illustrative year 2022 (period 2022-demo), labelled as such, approved. */
static void
test_init_demo(void **state)
{
	struct fx *x = *state;
	struct status_count c = { 0, 0 };
	struct st_period p;
	char v[16];
	long latest;

	assert_int_equal(store_period_get(x->f_s, APP_DEMO_PERIOD, &p), 0);
	assert_string_equal(p.sp_kind, "year");
	assert_int_equal(p.sp_status, PERIOD_OPEN);
	assert_non_null(strstr(p.sp_label, "MINH HỌA"));
	assert_int_equal(store_method_latest(x->f_s, &latest), 0);
	assert_int_equal(p.sp_method, latest);
	assert_int_equal(store_meta_get(x->f_s, "demo", v, sizeof(v)), 0);
	assert_string_equal(v, "1");
	assert_int_equal(
	    store_value_each(x->f_s, p.sp_id, NULL, value_count, &c), 0);
	/* every line of the illustrative round, approved */
	assert_int_equal(c.sc_all, lines_of(DEMO_FILE) - 1);
	assert_int_equal(c.sc_approved, c.sc_all);
}

/* ---- periods ------------------------------------------------------------ */

static void
check_period(struct fx *x, const char *code, const char *agency,
    const char *sotttt, const char *kind)
{
	struct st_period p;

	assert_int_equal(store_period_get(x->f_s, code, &p), 0);
	assert_string_equal(p.sp_agency_due, agency);
	assert_string_equal(p.sp_sotttt_due, sotttt);
	assert_string_equal(p.sp_kind, kind);
	assert_int_equal(p.sp_status, PERIOD_OPEN);
}

/* The plan's deadlines (section V), overrides, and bad periods. */
static void
test_period_deadlines(void **state)
{
	struct st_census cs;
	struct fx *x = *state;
	struct diag d;
	long n_audit;

	open_period(x, "2022-Q3");
	check_period(x, "2022-Q3", "2022-09-25", "2022-09-30", "quarter");
	open_period(x, "2022");
	check_period(x, "2022", "2022-12-20", "2022-12-25", "year");
	open_period(x, "2023-Q1");
	check_period(x, "2023-Q1", "2023-03-25", "2023-03-30", "quarter");
	diag_init(&d);
	assert_int_equal(app_period_add(x->f_s, dbfx_op("tester"), "2022-Q4", 0,
			     "2022-12-01", "2022-12-05", NULL, NULL, &d),
	    0);
	check_period(x, "2022-Q4", "2022-12-01", "2022-12-05", "quarter");
	assert_int_equal(store_census(x->f_s, &cs), 0);
	n_audit = cs.sx_audit;
	/* refused: a period twice, a bad code, a date that does not exist */
	assert_int_not_equal(app_period_add(x->f_s, dbfx_op("t"), "2022", 0,
				 NULL, NULL, NULL, NULL, &d),
	    0);
	assert_int_not_equal(app_period_add(x->f_s, dbfx_op("t"), "2022-Q5", 0,
				 NULL, NULL, NULL, NULL, &d),
	    0);
	assert_int_not_equal(app_period_add(x->f_s, dbfx_op("t"), "2024", 0,
				 "2024-02-30", NULL, NULL, NULL, &d),
	    0);
	assert_int_equal(
	    store_period_get(x->f_s, "2024", &(struct st_period){ 0 }),
	    STORE_ENOTFOUND);
	assert_int_equal(store_census(x->f_s, &cs), 0);
	assert_int_equal(cs.sx_audit, n_audit);
	diag_free(&d);
}

/* What must not move when a write is refused: everything (malloc'd). */
static char *
footprint(struct fx *x)
{
	char sha[65];

	assert_int_equal(store_digest(x->f_s, sha), 0);
	return xstrdup(sha);
}

static int
diag_says_closed(const struct diag *d)
{
	size_t i;

	for (i = 0; i < d->d_n; i++)
		if (strstr(diag_msg(&d->d_items[i], LANG_EN), "closed"))
			return 1;
	return 0;
}

/* A closed period refuses every write of the C API and changes nothing. */
static void
test_closed_period(void **state)
{
	struct fx *x = *state;
	struct st_evidence e;
	struct diag d;
	char *before, *after, path[300];
	FILE *f;
	long n;

	open_period(x, "2022");
	assert_int_equal(
	    import_file(x, "2022", SINGLE_FILE, VALUE_DRAFT, &n), 0);
	assert_int_equal(n, lines_of(SINGLE_FILE) - 1);
	diag_init(&d);
	/* counts: the yes/no inputs of so-tttt would need evidence */
	assert_int_equal(app_values_submit(x->f_s, dbfx_op("tester"), "2022",
			     NULL, "so-tttt", "3.3.a,3.3.b", &d),
	    0);
	assert_int_equal(app_values_submit(x->f_s, dbfx_op("tester"), "2022",
			     NULL, "cuc-thong-ke", NULL, &d),
	    0);
	assert_int_equal(app_values_approve(x->f_s, dbfx_op("tester"), "2022",
			     NULL, "cuc-thong-ke", NULL, &d),
	    0);
	assert_int_equal(app_period_set_status(x->f_s, dbfx_op("tester"),
			     "2022", PERIOD_CLOSED, "done", &d),
	    0);
	diag_free(&d);
	before = footprint(x);

	snprintf(path, sizeof(path), "%s/doc.pdf", x->f_dir);
	spit(path, "%PDF-1.4 closed\n", 16);
	memset(&e, 0, sizeof(e));
	e.sev_doc_number = "1/QĐ";
	e.sev_doc_date = "2022-10-01";
#define REFUSED(call) \
	do { \
		diag_init(&d); \
		assert_int_not_equal((call), 0); \
		assert_true(diag_says_closed(&d)); \
		diag_free(&d); \
	} while (0)
	REFUSED(app_value_put(x->f_s, dbfx_op("t"), "2022", NULL, "2.1", "1",
	    NUMFMT_MACHINE, NULL, NULL, NULL, &d));
	f = fopen(SINGLE_FILE, "rb");
	assert_non_null(f);
	REFUSED(app_values_import(x->f_s, dbfx_op("t"), "2022", f, SINGLE_FILE,
	    NUMFMT_MACHINE, VALUE_DRAFT, 0, &n, &d));
	fclose(f);
	REFUSED(app_values_submit(
	    x->f_s, dbfx_op("t"), "2022", NULL, "so-noi-vu", NULL, &d));
	REFUSED(app_values_approve(
	    x->f_s, dbfx_op("t"), "2022", NULL, "so-tttt", NULL, &d));
	REFUSED(app_values_return(
	    x->f_s, dbfx_op("t"), "2022", NULL, "so-tttt", NULL, "sai", &d));
	REFUSED(app_values_reopen(x->f_s, dbfx_op("t"), "2022", NULL,
	    "cuc-thong-ke", NULL, "sai", &d));
	REFUSED(ev_add(x->f_s, &e, path, &d));
#undef REFUSED
	after = footprint(x);
	assert_string_equal(before, after);
	free(before);
	free(after);
}

struct one_value {
	int ov_n;
	char ov_raw[64];
	enum value_status ov_status;
};

static int
one_value(void *ctx, const struct st_value *v)
{
	struct one_value *c = ctx;

	if (strcmp(v->sv_input, "A.4") == 0) {
		c->ov_n++;
		snprintf(c->ov_raw, sizeof(c->ov_raw), "%s", v->sv_raw);
		c->ov_status = v->sv_status;
	}
	return 0;
}

struct audit_chain {
	struct buf ac_b;
};

static int
audit_chain(void *ctx, const struct st_audit *a)
{
	struct audit_chain *c = ctx;

	buf_printf(&c->ac_b, "%s:%s:%s>%s:%s;", a->sau_actor, a->sau_action,
	    a->sau_old ? a->sau_old : "-", a->sau_new ? a->sau_new : "-",
	    a->sau_reason ? a->sau_reason : "-");
	return 0;
}

/* Replaced values are archived, never deleted, and each change is audited. */
static void
test_values_archived(void **state)
{
	struct fx *x = *state;
	struct one_value ov;
	struct audit_chain ac;
	struct st_period p;
	struct st_census cs;
	struct diag d;

	open_period(x, "2022");
	dbfx_a4_versions(x);
	diag_init(&d);
	/* not the lead of A.4: refused, nothing written */
	assert_int_not_equal(
	    app_value_put(x->f_s, dbfx_op("dung"), "2022", NULL, "A.4", "1",
		NUMFMT_MACHINE, "so-noi-vu", "wrong", NULL, &d),
	    0);
	diag_free(&d);

	assert_int_equal(store_period_get(x->f_s, "2022", &p), 0);
	memset(&ov, 0, sizeof(ov));
	assert_int_equal(
	    store_value_each(x->f_s, p.sp_id, NULL, one_value, &ov), 0);
	assert_int_equal(ov.ov_n, 1);
	assert_string_equal(ov.ov_raw, "596000");
	assert_int_equal(ov.ov_status, VALUE_DRAFT);

	buf_init(&ac.ac_b);
	assert_int_equal(
	    store_audit_each(x->f_s,
		&(struct st_audit_filter){ .saf_key = "ninh-thuan/A.4" },
		audit_chain, &ac),
	    0);
	assert_string_equal(buf_cstr(&ac.ac_b),
	    "an:value.set:->590000:first;"
	    "binh:value.set:590000>595000:corrected;"
	    "chi:value.set:595000>596000:final;");
	buf_free(&ac.ac_b);

	/* three versions kept, two of them archived (only A.4 was set) */
	assert_int_equal(store_census(x->f_s, &cs), 0);
	assert_int_equal(cs.sx_values, 3);
	assert_int_equal(cs.sx_values_current, 1);
	assert_int_equal(store_check(x->f_s), 0);
}

/* ---- evidence ------------------------------------------------------------ */

struct ev_seen {
	int es_n;
	struct buf es_b;
};

static int
ev_row(void *ctx, const struct st_evidence *e)
{
	struct ev_seen *c = ctx;

	c->es_n++;
	buf_printf(&c->es_b, "%s|%s|%s|%s|%.12s|%ld;", e->sev_input,
	    e->sev_doc_number, e->sev_doc_date, nz(e->sev_file_name),
	    nz(e->sev_file_sha256), e->sev_file_size);
	return 0;
}

/*
 * Evidence: document number and date, files stored once by content hash,
 * several files per value.
 */
static int
count_ev_add(void *ctx, const struct st_audit *a)
{
	if (strcmp(a->sau_action, "evidence.add") == 0)
		(*(int *)ctx)++;
	return 0;
}

/*
 * A file attached from a FILE * (the server's spooled upload): stored by
 * pieces (sqlite3_blob_write), byte for byte, under its SHA-256, once;
 * a file shorter than it claims stores nothing.
 */
static void
test_evidence_stream(void **state)
{
	struct fx *x = *state;
	size_t n = 300 * 1000 + 7, len = 0, i; /* several 64 KiB pieces */
	char sha[65], sha2[65];
	struct st_evidence e;
	unsigned char *big;
	struct diag d;
	void *back;
	FILE *f;

	open_period(x, "2022");
	big = malloc(n);
	assert_non_null(big);
	for (i = 0; i < n; i++)
		big[i] = (unsigned char)(i * 7 + i / 251);
	memcpy(big, "%PDF-", 5); /* its type is read from its content */
	sha256_hex(big, n, sha);
	f = tmpfile();
	assert_non_null(f);
	assert_int_equal(fwrite(big, 1, n, f), n);
	diag_init(&d);
	memset(&e, 0, sizeof(e));
	e.sev_doc_number = "7/BC";
	e.sev_file_name = "report.pdf";
	e.sev_file_type = "application/pdf";
	assert_int_equal(app_evidence_attach_file(x->f_s, dbfx_op("t"), "2022",
			     NULL, "3.3.a", &e, f, n, &d),
	    0);
	assert_string_equal(e.sev_file_sha256, sha);
	assert_int_equal(store_file_get(x->f_s, sha, &back, &len), 0);
	assert_int_equal(len, n);
	assert_memory_equal(back, big, n);
	free(back);
	/* the same bytes from memory: the same file, stored once */
	memset(&e, 0, sizeof(e));
	e.sev_file_name = "copy.pdf";
	assert_int_equal(app_evidence_attach(x->f_s, dbfx_op("t"), "2022", NULL,
			     "3.3.a", &e, big, n, &d),
	    0);
	assert_string_equal(e.sev_file_sha256, sha);
	/* a file shorter than it claims: refused, nothing stored */
	big[100] ^= 1;
	rewind(f);
	assert_int_equal(fwrite(big, 1, 1000, f), 1000);
	fflush(f);
	assert_int_equal(ftruncate(fileno(f), 1000), 0);
	sha256_hex(big, 1000, sha2);
	memset(&e, 0, sizeof(e));
	e.sev_note = "short";
	e.sev_file_name = "short.pdf";
	assert_int_not_equal(app_evidence_attach_file(x->f_s, dbfx_op("t"),
				 "2022", NULL, "3.3.a", &e, f, 2000, &d),
	    0);
	assert_int_not_equal(store_file_get(x->f_s, sha2, &back, &len), 0);
	diag_free(&d);
	fclose(f);
	free(big);
}

static void
test_evidence_files(void **state)
{
	struct fx *x = *state;
	static const char pdf[] = "%PDF-1.4\nQuyết định 123/QĐ-UBND\n";
	static const char img[] = "\x89PNG\r\n\x1a\nbiên bản";
	char pa[300], pb[300], pc[300], sha_a[65], sha_b[65], want[1024];
	struct st_evidence e;
	struct st_file_meta fm;
	struct st_census cs;
	struct ev_seen seen;
	struct st_period p;
	struct diag d;
	int n = 0;
	void *data;
	size_t len = 0;

	open_period(x, "2022");
	snprintf(pa, sizeof(pa), "%s/qd-123.pdf", x->f_dir);
	snprintf(pb, sizeof(pb), "%s/bien-ban.png", x->f_dir);
	snprintf(pc, sizeof(pc), "%s/copy-of-qd.pdf", x->f_dir);
	spit(pa, pdf, sizeof(pdf) - 1);
	spit(pb, img, sizeof(img) - 1);
	spit(pc, pdf, sizeof(pdf) - 1); /* the same bytes, another name */
	sha256_hex(pdf, sizeof(pdf) - 1, sha_a);
	sha256_hex(img, sizeof(img) - 1, sha_b);

	diag_init(&d);
	memset(&e, 0, sizeof(e));
	e.sev_doc_number = "123/QĐ-UBND";
	e.sev_doc_date = "2022-10-05";
	e.sev_file_name = "qd-123.pdf";
	assert_int_equal(ev_add(x->f_s, &e, pa, &d), 0);
	memset(&e, 0, sizeof(e));
	e.sev_doc_number = "45/BB";
	e.sev_doc_date = "2022-10-06";
	e.sev_file_name = "bien-ban.png";
	assert_int_equal(ev_add(x->f_s, &e, pb, &d), 0);
	memset(&e, 0, sizeof(e));
	e.sev_doc_number = "123/QĐ-UBND";
	e.sev_doc_date = "2022-10-05";
	e.sev_file_name = "copy-of-qd.pdf";
	assert_int_equal(ev_add(x->f_s, &e, pc, &d), 0);
	memset(&e, 0, sizeof(e));
	e.sev_doc_number = "123/QĐ-UBND";
	e.sev_doc_date = "2022-10-05";
	e.sev_file_name = "qd-123.pdf";
	assert_int_equal(ev_add_to(x->f_s, "3.3.b", &e, pa, &d), 0);
	/* refused: a date that does not exist, an unknown input */
	memset(&e, 0, sizeof(e));
	e.sev_doc_number = "9/X";
	e.sev_doc_date = "2022-02-30";
	assert_int_not_equal(ev_add(x->f_s, &e, pa, &d), 0);
	e.sev_doc_date = "2022-02-28";
	assert_int_not_equal(ev_add_to(x->f_s, "9.9.z", &e, pa, &d), 0);
	diag_free(&d);

	/* three items for 3.3.a, two files, in the order added */
	assert_int_equal(store_period_get(x->f_s, "2022", &p), 0);
	memset(&seen, 0, sizeof(seen));
	buf_init(&seen.es_b);
	assert_int_equal(
	    store_evidence_each(x->f_s, p.sp_id, "3.3.a", ev_row, &seen), 0);
	assert_int_equal(seen.es_n, 3);
	snprintf(want, sizeof(want),
	    "3.3.a|123/QĐ-UBND|2022-10-05|qd-123.pdf|%.12s|%zu;"
	    "3.3.a|45/BB|2022-10-06|bien-ban.png|%.12s|%zu;"
	    "3.3.a|123/QĐ-UBND|2022-10-05|copy-of-qd.pdf|%.12s|%zu;",
	    sha_a, sizeof(pdf) - 1, sha_b, sizeof(img) - 1, sha_a,
	    sizeof(pdf) - 1);
	assert_string_equal(buf_cstr(&seen.es_b), want);
	buf_free(&seen.es_b);

	/* the bytes come back exactly */
	assert_int_equal(store_file_get(x->f_s, sha_a, &data, &len), 0);
	assert_int_equal(len, sizeof(pdf) - 1);
	assert_memory_equal(data, pdf, len);
	free(data);
	assert_int_equal(store_file_get(x->f_s, sha_b, &data, &len), 0);
	assert_int_equal(len, sizeof(img) - 1);
	assert_memory_equal(data, img, len);
	free(data);

	/* a file's metadata without its bytes: the first evidence names it */
	assert_int_equal(store_file_meta(x->f_s, sha_a, &fm), 0);
	assert_string_equal(fm.sfm_sha256, sha_a);
	assert_int_equal(fm.sfm_size, (long)sizeof(pdf) - 1);
	assert_string_equal(fm.sfm_name, "qd-123.pdf");
	assert_int_equal(strlen(fm.sfm_created_at), 20);
	assert_int_equal(store_file_meta(x->f_s, sha_b, &fm), 0);
	assert_int_equal(fm.sfm_size, (long)sizeof(img) - 1);
	assert_string_equal(fm.sfm_name, "bien-ban.png");
	memset(want, '0', 64);
	want[64] = '\0';
	assert_int_equal(store_file_meta(x->f_s, want, &fm), STORE_ENOTFOUND);
	assert_non_null(strstr(dbfx_store_en(x->f_s), "no file 000"));

	/* the same file added three times is stored once */
	assert_int_equal(store_census(x->f_s, &cs), 0);
	assert_int_equal(cs.sx_files, 2);
	assert_int_equal(cs.sx_evidence, 4);
	assert_int_equal(cs.sx_evidence_current, 4);
	assert_int_equal(store_audit_each(x->f_s, NULL, count_ev_add, &n), 0);
	assert_int_equal(n, 4);
}

/* ---- foreign files -------------------------------------------------------- */

static void
refused_unchanged(const char *path, int want_code)
{
	struct diag e;
	struct store *s = NULL;
	size_t l0, l1;
	char *b0 = slurp(path, &l0), *b1;

	assert_non_null(b0);
	diag_init(&e);
	assert_int_equal(store_open(&s, path, STORE_OPEN, &e), want_code);
	assert_null(s);
	assert_int_equal(e.d_n, 1);
	assert_true(
	    e.d_items[0].di_vi[0] != '\0' && e.d_items[0].di_en[0] != '\0');
	/* and init refuses to overwrite it */
	assert_int_equal(store_create(&s, path, &e), STORE_ECONFLICT);
	assert_null(s);
	b1 = slurp(path, &l1);
	assert_non_null(b1);
	assert_int_equal(l0, l1);
	assert_memory_equal(b0, b1, l0);
	free(b0);
	free(b1);
	diag_free(&e);
}

/*
 * A file that is not a dti database is refused and left as it was (the
 * SQLite backend's own cases, a foreign SQLite file, a newer schema and an
 * overwritten header, are in test_sqlite.c).
 */
static void
test_open_refuses(void **state)
{
	struct fx *x = *state;
	char path[400];
	char *text;

	/* a text file */
	snprintf(path, sizeof(path), "%s/notes.txt", x->f_dir);
	text = xstrdup("unit,input,value\nninh-thuan,A.4,595000\n");
	spit(path, text, strlen(text));
	free(text);
	refused_unchanged(path, STORE_ENOTDB);
}

/* ---- status ----------------------------------------------------------------- */

struct agency_count {
	char ac_code[64];
	int ac_owned;
	int ac_filled;
};

static struct agency_count *
agency_slot(struct agency_count *v, int *n, const char *code)
{
	int i;

	for (i = 0; i < *n; i++)
		if (strcmp(v[i].ac_code, code) == 0)
			return &v[i];
	snprintf(v[*n].ac_code, sizeof(v[*n].ac_code), "%s", code);
	return &v[(*n)++];
}

/* The lead of the indicator or general item an input belongs to. */
static const char *
lead_of(const struct method *m, int in)
{
	const struct m_input *i = &m->m_inputs[in];
	int lead = -1;

	if (i->mi_indicator >= 0)
		lead = m->m_ind[i->mi_indicator].mn_lead;
	else if (i->mi_general >= 0)
		lead = m->m_general[i->mi_general].ml_lead;
	return lead >= 0 ? m->m_agencies[lead].ma_code : NULL;
}

/*
 * dti status --format csv: per agency, the inputs it leads and how many
 * are missing, draft, submitted, approved, after a partial import, one
 * submission and one approval; and per district UBND (a member of
 * ubnd-huyen) the parts it owes of the contributed inputs the file has
 * no whole value of (4.1, 4.2), all missing.
 */
static void
test_status_counts(void **state)
{
	struct fx *x = *state;
	struct method *m = load_method_file();
	struct agency_count *ac =
	    xcalloc((size_t)m->m_nagencies + 1, sizeof(*ac));
	char path[400], cmd[1200], line[512];
	char *text, *cut;
	size_t len = 0;
	int nac = 0, i, rows = 0, owed = 0, members = 0;
	FILE *p;

	/* the first 58 lines of a complete round: A.x, groups 1, 2, 3 */
	text = slurp(SINGLE_FILE, &len);
	assert_non_null(text);
	cut = text;
	for (i = 0; i < 59 && cut != NULL; i++) {
		cut = strchr(cut, '\n');
		if (cut != NULL)
			cut++;
	}
	assert_non_null(cut);
	snprintf(path, sizeof(path), "%s/part.csv", x->f_dir);
	spit(path, text, (size_t)(cut - text));
	*cut = '\0';
	for (i = 0; i < m->m_ninputs; i++) {
		const char *lead = lead_of(m, i);
		char needle[96];

		if (lead == NULL)
			continue;
		agency_slot(ac, &nac, lead)->ac_owned++;
		snprintf(needle, sizeof(needle), "\nninh-thuan,%s,",
		    m->m_inputs[i].mi_name);
		if (strstr(text, needle) != NULL)
			agency_slot(ac, &nac, lead)->ac_filled++;
		else if (m->m_inputs[i].mi_contrib >= 0)
			owed++; /* no whole value: each member owes a part */
	}
	free(text);
	assert_int_equal(owed, 2); /* 4.1, 4.2 */

	open_period(x, "2022");
	assert_int_equal(import_file(x, "2022", path, VALUE_DRAFT, NULL), 0);
	store_close(x->f_s);
	x->f_s = NULL;
	assert_int_equal(dti(x,
			     "submit --db '%s' --period 2022 --agency"
			     " cuc-thong-ke",
			     x->f_db),
	    0);
	assert_int_equal(
	    dti(x, "approve --db '%s' --period 2022 --inputs A.4", x->f_db), 0);

	snprintf(cmd, sizeof(cmd),
	    "'%s' status --db '%s' --period 2022 --format csv", DTI_BIN,
	    x->f_db);
	p = popen(cmd, "r");
	assert_non_null(p);
	assert_non_null(fgets(line, sizeof(line), p));
	assert_string_equal(line,
	    "agency,inputs,filled,missing,draft,submitted,approved,deadline,"
	    "days_left,overdue,returned,submitted_first,submitted_last,"
	    "approved_at,on_time,late\n");
	while (fgets(line, sizeof(line), p) != NULL) {
		char code[64], deadline[16];
		int owned, filled, missing, draft, sub, appr;
		struct agency_count *a;
		int want_sub = 0, want_appr = 0;

		assert_int_equal(
		    sscanf(line, "%63[^,],%d,%d,%d,%d,%d,%d,%15[^,],", code,
			&owned, &filled, &missing, &draft, &sub, &appr,
			deadline),
		    8);
		rows++;
		if (strncmp(code, "ubnd-", 5) == 0 &&
		    strcmp(code, "ubnd-huyen") != 0) {
			/* a district's parts: none entered */
			members++;
			assert_int_equal(owned, owed);
			assert_int_equal(missing, owed);
			assert_int_equal(filled + draft + sub + appr, 0);
			continue;
		}
		a = agency_slot(ac, &nac, code);
		if (strcmp(code, "cuc-thong-ke") == 0) {
			want_sub = 2; /* A.5, A.6 */
			want_appr = 1; /* A.4 */
		}
		if (owned != a->ac_owned || filled != a->ac_filled ||
		    missing != a->ac_owned - a->ac_filled ||
		    draft != a->ac_filled - want_sub - want_appr ||
		    sub != want_sub || appr != want_appr)
			print_message("status row: %s", line);
		assert_int_equal(owned, a->ac_owned);
		assert_int_equal(filled, a->ac_filled);
		assert_int_equal(missing, a->ac_owned - a->ac_filled);
		assert_int_equal(draft, a->ac_filled - want_sub - want_appr);
		assert_int_equal(sub, want_sub);
		assert_int_equal(appr, want_appr);
		assert_string_equal(deadline, "2022-12-20");
	}
	assert_int_equal(pclose(p), 0);
	/* one row per agency that leads inputs, and per district */
	assert_int_equal(members, 7);
	assert_int_equal(rows, nac + members);
	free(ac);
	method_free(m);
}

/* ---- methodology versions ------------------------------------------------- */

/* Each period keeps the methodology it was opened with. */
static void
test_method_versions(void **state)
{
	struct st_census cs;
	struct fx *x = *state;
	struct st_period p;
	struct buf b;
	char path[400], *text, *at;
	size_t len = 0;
	long first, second;

	assert_int_equal(store_method_latest(x->f_s, &first), 0);
	open_period(x, "2022");
	store_close(x->f_s);
	x->f_s = NULL;

	/* a new version: another version string, 3.3 always full points */
	text = slurp(METHOD_FILE, &len);
	assert_non_null(text);
	at = strstr(text, "  version: \"2022\"\n");
	assert_non_null(at);
	memcpy(at, "  version: \"2099\"\n", 18);
	at = strstr(text, "- code: \"3.3\"");
	assert_non_null(at);
	at = strstr(at, "score: \"a / b * points\"");
	assert_non_null(at);
	buf_init(&b);
	buf_append(&b, text, (size_t)(at - text));
	buf_puts(&b, "score: \"points\"");
	buf_puts(&b, at + strlen("score: \"a / b * points\""));
	free(text);
	len = b.b_len;
	text = buf_steal(&b);
	snprintf(path, sizeof(path), "%s/dti-2099.yaml", x->f_dir);
	spit(path, text, len);
	free(text);
	assert_int_equal(
	    dti(x, "methodology load --db '%s' '%s'", x->f_db, path), 0);
	/* loading the same text again is not a new version */
	assert_int_equal(
	    dti(x, "methodology load --db '%s' '%s'", x->f_db, path), 0);
	assert_int_equal(dti(x, "period open --db '%s' 2023", x->f_db), 0);

	assert_int_equal(store_open(&x->f_s, x->f_db, STORE_OPEN, NULL), 0);
	assert_int_equal(store_census(x->f_s, &cs), 0);
	assert_int_equal(cs.sx_methods, 2);
	assert_int_equal(store_method_latest(x->f_s, &second), 0);
	assert_int_not_equal(first, second);
	assert_int_equal(store_period_get(x->f_s, "2022", &p), 0);
	assert_int_equal(p.sp_method, first);
	assert_int_equal(store_period_get(x->f_s, "2023", &p), 0);
	assert_int_equal(p.sp_method, second);
}

/*
 * Withdrawing evidence archives it once: a second withdrawal of the same
 * item is STORE_ENOTFOUND and adds nothing to the audit log.
 */
static void
test_evidence_archive_once(void **state)
{
	struct fx *x = *state;
	struct st_evidence e;
	struct st_counts c0, c1, c2;
	struct diag d;

	open_period(x, "2022");
	diag_init(&d);
	memset(&e, 0, sizeof(e));
	e.sev_doc_number = "12/QĐ-UBND";
	e.sev_note = "sẽ rút lại";
	assert_int_equal(ev_add(x->f_s, &e, NULL, &d), 0);
	diag_free(&d);
	assert_true(e.sev_id > 0);
	assert_int_equal(store_counts(x->f_s, &c0), 0);
	assert_int_equal(store_tx_begin(x->f_s), 0);
	assert_int_equal(
	    store_evidence_archive(x->f_s, e.sev_id, "t", "sai"), 0);
	assert_int_equal(store_tx_commit(x->f_s), 0);
	assert_int_equal(store_counts(x->f_s, &c1), 0);
	assert_int_equal(c1.sc_audit, c0.sc_audit + 1);
	assert_int_equal(store_tx_begin(x->f_s), 0);
	assert_int_equal(store_evidence_archive(x->f_s, e.sev_id, "t", "lại"),
	    STORE_ENOTFOUND);
	store_tx_rollback(x->f_s);
	assert_int_equal(store_counts(x->f_s, &c2), 0);
	assert_int_equal(c2.sc_audit, c1.sc_audit);
}

/* ---- schema 3: comments, warnings, parts, audit subjects, events ------------ */

/* The current values of a period, as "INPUT@PART=RAW:STATUS:COMMENT:WARN;". */
static int
value_text(void *ctx, const struct st_value *v)
{
	buf_printf(ctx, "%s@%s=%s:%s:%s:%s;", v->sv_input, v->sv_part,
	    v->sv_raw, value_status_name(v->sv_status), v->sv_comment,
	    v->sv_warnings);
	return 0;
}

/* Audit rows as "ACTION PERIOD AGENCY UNIT INPUT KEY;" ("-": NULL). */
static int
audit_text(void *ctx, const struct st_audit *a)
{
	buf_printf(ctx, "%s %s %s %s %s %s;", a->sau_action,
	    a->sau_period ? a->sau_period : "-",
	    a->sau_agency ? a->sau_agency : "-",
	    a->sau_unit ? a->sau_unit : "-", a->sau_input ? a->sau_input : "-",
	    a->sau_key);
	return 0;
}

static int
evidence_text(void *ctx, const struct st_evidence *e)
{
	buf_printf(ctx, "%s#%s@%s;", e->sev_input, e->sev_agency, e->sev_part);
	return 0;
}

static int
submission_text(void *ctx, const struct st_submission *e)
{
	buf_printf(ctx, "%s %s %s %s %s %d %d %d %s;", e->ssu_period,
	    e->ssu_unit, e->ssu_agency, review_event_name(e->ssu_event),
	    e->ssu_inputs, e->ssu_count, e->ssu_partial, e->ssu_late,
	    e->ssu_by);
	assert_int_equal(strlen(e->ssu_at), 20);
	return 0;
}

/* The text of walk ${each} into ${b} (emptied first). */
#define WALK(b, call) \
	do { \
		buf_free(b); \
		buf_init(b); \
		assert_int_equal((call), 0); \
	} while (0)

/*
 * The new columns go in and come back: a value's warnings and a return's
 * comment (kept by a status change without one, gone with a new
 * version), a part of a value beside the whole one, evidence's agency and
 * part, the audit rows' period, agency, unit and input (and the filter on
 * them), and submission events.
 */
static void
test_review_columns(void **state)
{
	struct fx *x = *state;
	struct st_value_in vi;
	struct st_value_change vc;
	struct st_audit_filter f;
	struct st_submission_in si;
	struct st_evidence e;
	struct st_period p;
	enum value_status st;
	struct buf b;
	long unit, id;

	open_period(x, "2022");
	assert_int_equal(store_period_get(x->f_s, "2022", &p), 0);
	assert_int_equal(store_unit_find(x->f_s, "ninh-thuan", &unit), 0);
	buf_init(&b);
	assert_int_equal(store_tx_begin(x->f_s), 0);

	memset(&vi, 0, sizeof(vi));
	vi.svi_period = p.sp_id;
	vi.svi_unit = unit;
	vi.svi_input = "A.4";
	vi.svi_raw = "5950000";
	vi.svi_status = VALUE_DRAFT;
	vi.svi_warnings = "gấp 10 lần năm trước";
	vi.svi_agency = "cuc-thong-ke";
	assert_int_equal(store_value_write(x->f_s, &vi, "an"), 0);
	/* a part of 1.9 beside the whole value */
	vi.svi_input = "1.9";
	vi.svi_raw = "1";
	vi.svi_warnings = NULL;
	vi.svi_agency = "ubnd-huyen";
	assert_int_equal(store_value_write(x->f_s, &vi, "an"), 0);
	vi.svi_part = "ubnd-ninh-hai";
	vi.svi_raw = "0";
	assert_int_equal(store_value_write(x->f_s, &vi, "binh"), 0);

	memset(&vc, 0, sizeof(vc));
	vc.svc_period = p.sp_id;
	vc.svc_unit = unit;
	vc.svc_input = "1.9";
	vc.svc_part = "ubnd-ninh-hai";
	vc.svc_status = VALUE_SUBMITTED;
	vc.svc_action = "value.submit";
	assert_int_equal(store_value_change(x->f_s, &vc, "binh"), 0);
	assert_int_equal(
	    store_value_get(x->f_s, p.sp_id, unit, "1.9", NULL, &st), 0);
	assert_int_equal(st, VALUE_DRAFT);
	assert_int_equal(
	    store_value_get(x->f_s, p.sp_id, unit, "1.9", "ubnd-ninh-hai", &st),
	    0);
	assert_int_equal(st, VALUE_SUBMITTED);
	assert_int_equal(store_value_get(x->f_s, p.sp_id, unit, "1.9",
			     "ubnd-ninh-phuoc", &st),
	    STORE_ENOTFOUND);
	/* returned with a comment; resubmitted without one: it stays */
	vc.svc_status = VALUE_RETURNED;
	vc.svc_action = "value.return";
	vc.svc_reason = vc.svc_comment = "thiếu văn bản";
	assert_int_equal(store_value_change(x->f_s, &vc, "chi"), 0);
	vc.svc_status = VALUE_SUBMITTED;
	vc.svc_action = "value.submit";
	vc.svc_reason = vc.svc_comment = NULL;
	assert_int_equal(store_value_change(x->f_s, &vc, "binh"), 0);
	WALK(&b, store_value_each(x->f_s, p.sp_id, NULL, value_text, &b));
	assert_string_equal(buf_cstr(&b),
	    "A.4@=5950000:draft::gấp 10 lần năm trước;"
	    "1.9@=1:draft::;"
	    "1.9@ubnd-ninh-hai=0:submitted:thiếu văn bản:;");
	/* a new version of the part: no comment, its own warnings */
	vi.svi_raw = "1";
	vi.svi_warnings = "đổi từ 0";
	assert_int_equal(store_value_write(x->f_s, &vi, "binh"), 0);
	st = VALUE_DRAFT;
	WALK(&b, store_value_each(x->f_s, p.sp_id, &st, value_text, &b));
	assert_string_equal(buf_cstr(&b),
	    "A.4@=5950000:draft::gấp 10 lần năm trước;"
	    "1.9@=1:draft::;"
	    "1.9@ubnd-ninh-hai=1:draft::đổi từ 0;");

	memset(&e, 0, sizeof(e));
	e.sev_doc_number = "12/CTK";
	e.sev_agency = "cuc-thong-ke";
	assert_int_equal(
	    store_evidence_add(x->f_s, p.sp_id, unit, "A.4", &e, "an", &id), 0);
	e.sev_agency = NULL;
	e.sev_part = "ubnd-ninh-hai";
	assert_int_equal(
	    store_evidence_add(x->f_s, p.sp_id, unit, "1.9", &e, "binh", &id),
	    0);
	WALK(&b, store_evidence_each(x->f_s, p.sp_id, NULL, evidence_text, &b));
	assert_string_equal(
	    buf_cstr(&b), "A.4#cuc-thong-ke@;1.9#@ubnd-ninh-hai;");
	assert_int_equal(store_evidence_archive(x->f_s, id, "chi", "sai"), 0);

	/* every row about the period names it; the filters */
	memset(&f, 0, sizeof(f));
	f.saf_period = "2022";
	WALK(&b, store_audit_each(x->f_s, &f, audit_text, &b));
	assert_string_equal(buf_cstr(&b),
	    "period.open 2022 - - - 2022;"
	    "value.set 2022 cuc-thong-ke ninh-thuan A.4 ninh-thuan/A.4;"
	    "value.set 2022 ubnd-huyen ninh-thuan 1.9 ninh-thuan/1.9;"
	    "value.set 2022 ubnd-ninh-hai ninh-thuan 1.9"
	    " ninh-thuan/1.9@ubnd-ninh-hai;"
	    "value.submit 2022 ubnd-ninh-hai ninh-thuan 1.9"
	    " ninh-thuan/1.9@ubnd-ninh-hai;"
	    "value.return 2022 ubnd-ninh-hai ninh-thuan 1.9"
	    " ninh-thuan/1.9@ubnd-ninh-hai;"
	    "value.submit 2022 ubnd-ninh-hai ninh-thuan 1.9"
	    " ninh-thuan/1.9@ubnd-ninh-hai;"
	    "value.set 2022 ubnd-ninh-hai ninh-thuan 1.9"
	    " ninh-thuan/1.9@ubnd-ninh-hai;"
	    "evidence.add 2022 cuc-thong-ke ninh-thuan A.4 ninh-thuan/A.4#1;"
	    "evidence.add 2022 - ninh-thuan 1.9 ninh-thuan/1.9#2;"
	    "evidence.archive 2022 - ninh-thuan 1.9 2;");
	f.saf_agency = "cuc-thong-ke";
	WALK(&b, store_audit_each(x->f_s, &f, audit_text, &b));
	assert_string_equal(buf_cstr(&b),
	    "value.set 2022 cuc-thong-ke ninh-thuan A.4 ninh-thuan/A.4;"
	    "evidence.add 2022 cuc-thong-ke ninh-thuan A.4 ninh-thuan/A.4#1;");
	memset(&f, 0, sizeof(f));
	f.saf_input = "1.9";
	f.saf_unit = "ninh-thuan";
	f.saf_key = "ninh-thuan/1.9@";
	WALK(&b, store_audit_each(x->f_s, &f, audit_text, &b));
	assert_non_null(strstr(buf_cstr(&b), "value.return"));
	assert_null(strstr(buf_cstr(&b), "evidence"));
	f.saf_unit = "ninh-son";
	WALK(&b, store_audit_each(x->f_s, &f, audit_text, &b));
	assert_string_equal(buf_cstr(&b), "");
	f.saf_unit = NULL;
	f.saf_key = NULL;
	f.saf_period = "2023";
	WALK(&b, store_audit_each(x->f_s, &f, audit_text, &b));
	assert_string_equal(buf_cstr(&b), "");

	/* submission events: in order, as recorded */
	memset(&si, 0, sizeof(si));
	si.ssi_period = p.sp_id;
	si.ssi_unit = unit;
	si.ssi_agency = "cuc-thong-ke";
	si.ssi_event = REVIEW_SUBMIT;
	si.ssi_inputs = "A.4";
	si.ssi_count = 1;
	si.ssi_partial = 1;
	assert_int_equal(store_submission_add(x->f_s, &si, "an", &id), 0);
	assert_true(id > 0);
	si.ssi_event = REVIEW_RETURN;
	si.ssi_partial = 0;
	si.ssi_late = 1;
	assert_int_equal(store_submission_add(x->f_s, &si, "chi", NULL), 0);
	assert_int_equal(store_tx_commit(x->f_s), 0);
	WALK(&b, store_submission_each(x->f_s, p.sp_id, submission_text, &b));
	assert_string_equal(buf_cstr(&b),
	    "2022 ninh-thuan cuc-thong-ke submit A.4 1 1 0 an;"
	    "2022 ninh-thuan cuc-thong-ke return A.4 1 0 1 chi;");
	WALK(&b,
	    store_submission_each(x->f_s, p.sp_id + 1000, submission_text, &b));
	assert_string_equal(buf_cstr(&b), "");
	buf_free(&b);
}

/* ---- contributions: parts through app/ and back ----------------------------- */

/* put_part(x, input, part, raw): app_value_put_part as the operator. */
static void
put_part(struct fx *x, const char *input, const char *part, const char *raw)
{
	char written[APP_MAX_PART];
	struct diag d;

	diag_init(&d);
	if (app_value_put_part(x->f_s, dbfx_op("tester"), "2030", NULL, input,
		part, raw, NUMFMT_MACHINE, NULL, NULL, NULL, written, &d) != 0)
		print_message("put %s@%s: %s\n", input, part,
		    diag_msg(&d.d_items[0], LANG_EN));
	diag_free(&d);
	assert_string_equal(written, part);
}

/* The text of an export (${parts}: the parts file), malloc'd. */
static char *
export_text(struct fx *x, int parts)
{
	struct diag d;
	char *text = NULL, *out;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	assert_non_null(f);
	diag_init(&d);
	assert_int_equal(parts
		? app_export_parts(x->f_s, dbfx_op("t"), "2030", f, &d)
		: app_export(x->f_s, "2030", f, &d),
	    0);
	diag_free(&d);
	fclose(f);
	/* a copy: gcc 12 takes open_memstream's pointer for a dangling one */
	out = strdup(text);
	free(text);
	assert_non_null(out);
	return out;
}

/*
 * Parts written through app/ come back as they went in: each a current
 * value of the province's unit with its part (a new version archives the
 * old), its evidence with its part and its district; the round reads
 * their aggregate once every district has its part, the export writes
 * the aggregate once where the first part was entered, and the parts
 * file every part with its status.
 */
static void
test_contrib_parts(void **state)
{
	static const char *const districts[] = { "ubnd-phan-rang-thap-cham",
		"ubnd-bac-ai", "ubnd-ninh-hai", "ubnd-ninh-phuoc",
		"ubnd-ninh-son", "ubnd-thuan-bac", "ubnd-thuan-nam" };
	struct fx *x = *state;
	const struct method *m = NULL;
	struct st_evidence e;
	struct st_period p;
	struct round *r = NULL;
	struct st_census cs;
	struct diag d;
	struct buf b;
	char *text, *cut;
	size_t i;
	int u, in;

	open_period(x, "2030");
	diag_init(&d);
	assert_int_equal(app_period(x->f_s, "2030", &p, &d), 0);
	assert_int_equal(app_method(x->f_s, p.sp_method, &m, &d), 0);
	put_part(x, "A.7", "", "66");
	put_part(x, "1.9", "ubnd-ninh-hai", "0");
	put_part(x, "1.9", "ubnd-ninh-hai", "1"); /* a new version */
	put_part(x, "1.10", "ubnd-bac-ai", "monthly");
	buf_init(&b);
	WALK(&b, store_value_each(x->f_s, p.sp_id, NULL, value_text, &b));
	assert_string_equal(buf_cstr(&b),
	    "A.7@=66:draft::;1.9@ubnd-ninh-hai=1:draft::;"
	    "1.10@ubnd-bac-ai=monthly:draft::;");
	text = export_text(x, 0);
	cut = strchr(text, '\n');
	assert_non_null(cut);
	assert_string_equal(cut + 1, "ninh-thuan,A.7,66\n");
	free(text);
	/* the round: no part is a value; the aggregate once complete */
	assert_int_equal(app_round(x->f_s, &p, 0, m, &r, &d), 0);
	u = round_find(r, "ninh-thuan");
	in = method_input(m, "1.9", 3);
	assert_true(u >= 0);
	assert_false(round_has(r, u, in));
	round_free(r);
	for (i = 0; i < sizeof(districts) / sizeof(districts[0]); i++) {
		put_part(x, "1.9", districts[i], "1");
		put_part(x, "1.10", districts[i], "weekly");
	}
	put_part(x, "1.10", "ubnd-thuan-nam", "less_than_monthly");
	assert_int_equal(app_round(x->f_s, &p, 0, m, &r, &d), 0);
	assert_true(round_has(r, u, in));
	assert_true(round_get(r, u, in) == 1);
	in = method_input(m, "1.10", 4);
	assert_true(round_get(r, u, in) == 2); /* less_than_monthly */
	round_free(r);
	/* approved only: nothing is approved */
	assert_int_equal(app_round(x->f_s, &p, 1, m, &r, &d), 0);
	assert_int_equal(r->r_nunits, 0);
	round_free(r);
	text = export_text(x, 0);
	assert_string_equal(text,
	    "unit,input,value\nninh-thuan,A.7,66\nninh-thuan,1.9,1\n"
	    "ninh-thuan,1.10,less_than_monthly\n");
	free(text);
	text = export_text(x, 1);
	/* in the order first entered */
	assert_non_null(strstr(text,
	    "unit,input,value,part,status\n"
	    "ninh-thuan,1.9,1,ubnd-ninh-hai,draft\n"
	    "ninh-thuan,1.10,weekly,ubnd-bac-ai,draft\n"));
	assert_non_null(strstr(
	    text, "ninh-thuan,1.10,less_than_monthly,ubnd-thuan-nam,draft\n"));
	for (i = 0, cut = text; (cut = strchr(cut, '\n')) != NULL; cut++)
		i++;
	assert_int_equal(i, 15); /* the header, 14 parts */
	free(text);
	/* every earlier version archived: Ninh Hải's 1.9 twice (0, then 1
	 * in the loop), Bác Ái's and Thuận Nam's 1.10 once each */
	assert_int_equal(store_census(x->f_s, &cs), 0);
	assert_int_equal(cs.sx_values - cs.sx_values_current, 4);
	assert_int_equal(cs.sx_values_current, 15);
	/* evidence of a part: its part, its district */
	memset(&e, 0, sizeof(e));
	e.sev_doc_number = "12/BC";
	e.sev_part = "ubnd-ninh-son";
	assert_int_equal(app_evidence_attach(x->f_s, dbfx_op("tester"), "2030",
			     NULL, "1.9", &e, NULL, 0, &d),
	    0);
	assert_string_equal(e.sev_part, "ubnd-ninh-son");
	WALK(&b, store_evidence_each(x->f_s, p.sp_id, NULL, evidence_text, &b));
	assert_string_equal(buf_cstr(&b), "1.9#ubnd-ninh-son@ubnd-ninh-son;");
	buf_free(&b);
	diag_free(&d);
}

/* ---- issue 11: the analyses read, never write ----------------------------- */

/*
 * What-if (with every target met), points lost, sensitivity and year on
 * year on the demo database: real numbers, and the database's digest
 * the same before and after.
 */
static void
test_analysis_readonly(void **state)
{
	struct fx *x = *state;
	static const struct app_whatif_value vals[] = { { "2.6", "1" },
		{ "7.2.a", "1.200" } };
	struct app_whatif w;
	struct app_losses l;
	struct app_sensitivity se;
	struct diag d;
	char *before = footprint(x), *after;
	int i, k;

	diag_init(&d);
	assert_int_equal(app_whatif(x->f_s, APP_DEMO_PERIOD, 0, vals, 2,
			     NUMFMT_VI, 0, &w, &d),
	    0);
	/* 2.6 (0 -> 10 points) and 7.2 (0,47 -> 20) */
	/* demo: 536,0009 points; 2.6 gains 10, 7.2 gains 20 - 0,4748 */
	assert_true(fabs(w.wi_index_before - 0.536000917) < 1e-9);
	assert_true(fabs(w.wi_index_after - 0.565525917) < 1e-9);
	for (k = -1, i = 0; i < w.wi_ncols; i++)
		if (strcmp(w.wi_cols[i].dl_code, "2.6") == 0)
			k = i;
	assert_true(k >= 0);
	assert_true(w.wi_cols[k].dl_before == 0 && w.wi_cols[k].dl_after == 10);
	app_whatif_free(&w);
	assert_int_equal(app_whatif(x->f_s, APP_DEMO_PERIOD, 0, NULL, 0,
			     NUMFMT_VI, APP_WHATIF_TARGETS, &w, &d),
	    0);
	assert_true(w.wi_index_after > w.wi_index_before + 0.005);
	app_whatif_free(&w);
	/* an unknown input changes nothing and says which */
	assert_int_not_equal(app_whatif(x->f_s, APP_DEMO_PERIOD, 0,
				 &(struct app_whatif_value){ "9.99.z", "1" }, 1,
				 NUMFMT_VI, 0, &w, &d),
	    0);
	assert_non_null(strstr(diag_msg(&d.d_items[0], LANG_EN), "9.99.z"));
	diag_free(&d);
	diag_init(&d);
	assert_int_equal(app_losses(x->f_s, APP_DEMO_PERIOD, 0, &l, &d), 0);
	assert_true(fabs(l.lss_total - 536.000917) < 1e-6);
	assert_string_equal(l.lss_ind[0].lo_code, "3.5");
	assert_true(fabs(l.lss_ind[0].lo_lost - 22.5) < 1e-9);
	assert_string_equal(l.lss_wins[0].qw_name, "3.5.gov_cloud");
	assert_true(fabs(l.lss_wins[0].qw_points - 15) < 1e-9);
	assert_string_equal(l.lss_wins[0].qw_agency, "so-tttt");
	assert_string_equal(l.lss_wins[0].qw_tasks, "B.III.2");
	app_losses_free(&l);
	assert_int_equal(
	    app_sensitivity(x->f_s, APP_DEMO_PERIOD, 0, &se, &d), 0);
	assert_true(se.sen_n > 10);
	for (i = 0; i < se.sen_n; i++) {
		assert_true(se.sen_steps[i].sst_points > 0);
		if (i > 0)
			assert_true(se.sen_steps[i - 1].sst_per_effort >=
			    se.sen_steps[i].sst_per_effort);
	}
	app_sensitivity_free(&se);
	diag_free(&d);
	after = footprint(x);
	assert_string_equal(before, after);
	free(before);
	free(after);
}

/* ---- main ----------------------------------------------------------------- */

#define T(name, setup) \
	cmocka_unit_test_setup_teardown(test_##name, setup, teardown)

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		T(init_counts, setup_plain),
		T(init_units_agencies, setup_plain),
		T(init_methodology, setup_plain),
		T(init_responsibility, setup_plain),
		T(init_tasks, setup_plain),
		T(init_targets, setup_plain),
		T(init_demo, setup_demo),
		T(period_deadlines, setup_plain),
		T(closed_period, setup_plain),
		T(values_archived, setup_plain),
		T(evidence_files, setup_plain),
		T(evidence_stream, setup_plain),
		T(open_refuses, setup_empty),
		T(status_counts, setup_plain),
		T(method_versions, setup_plain),
		T(task_get, setup_plain),
		T(create_remove, setup_plain),
		T(write_lock, setup_plain),
		T(row_forms, setup_plain),
		T(evidence_archive_once, setup_plain),
		T(review_columns, setup_plain),
		T(contrib_parts, setup_plain),
		T(analysis_readonly, setup_demo),
	};

	return dbfx_run(
	    "db", tests, sizeof(tests) / sizeof(tests[0]), argc, argv);
}
