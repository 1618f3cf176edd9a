/* org_load.c: the organisation file into the store. */
#include "io/org_load.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "util/buf.h"
#include "util/date.h"
#include "util/numfmt.h"
#include "util/ydoc.h"

struct org {
	yaml_document_t o_doc;
	struct store *o_s;
	const char *o_file;
	const char *o_actor;
	struct diag *o_d;
	int o_errors;
};

static void
oerr(struct org *o, yaml_node_t *n, const char *what)
{
	o->o_errors++;
	diag_add(o->o_d, DIAG_ERROR, "org", o->o_file, ydoc_line(n), 0,
	    "thiếu hoặc sai trường '%s'", "missing or bad field '%s'", what);
}

static void
store_fail(struct org *o, yaml_node_t *n)
{
	const struct store_error *e = store_error(o->o_s);

	o->o_errors++;
	diag_add(o->o_d, DIAG_ERROR, "org.store", o->o_file, ydoc_line(n), 0,
	    "%s%.0s", "%.0s%s", e->se_vi, e->se_en);
}

static const char *
need(struct org *o, yaml_node_t *map, const char *key)
{
	const char *v = ydoc_getstr(&o->o_doc, map, key);

	if (v == NULL)
		oerr(o, map, key);
	return v;
}

int
org_due_date(const char *due, char out[11])
{
	int y, m, q, n = 0;

	if (due == NULL)
		return -1;
	if (sscanf(due, "%4d-Q%1d%n", &y, &q, &n) == 2 && due[n] == '\0' &&
	    q >= 1 && q <= 4) {
		date_format(date_month_end(y, q * 3), out);
		return 0;
	}
	n = 0;
	if (sscanf(due, "%4d-%2d%n", &y, &m, &n) == 2 && due[n] == '\0' &&
	    m >= 1 && m <= 12) {
		date_format(date_month_end(y, m), out);
		return 0;
	}
	return -1;
}

static void
load_agencies(struct org *o, yaml_node_t *root)
{
	yaml_node_t *list = ydoc_get(&o->o_doc, root, "agencies");
	int i;

	for (i = 0; i < ydoc_len(list); i++) {
		yaml_node_t *a = ydoc_at(&o->o_doc, list, i);
		const char *code = need(o, a, "code");
		const char *name = need(o, a, "name");
		const char *kind = need(o, a, "kind");

		if (code == NULL || name == NULL || kind == NULL)
			continue;
		if (store_agency_add(o->o_s, code, name,
			ydoc_getstr(&o->o_doc, a, "short"), kind) != 0)
			store_fail(o, a);
	}
}

static void
load_collectives(struct org *o, yaml_node_t *root)
{
	yaml_node_t *map = ydoc_get(&o->o_doc, root, "collectives");
	yaml_node_pair_t *p;

	if (map == NULL || map->type != YAML_MAPPING_NODE)
		return;
	for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
	     p++) {
		yaml_node_t *k = yaml_document_get_node(&o->o_doc, p->key);
		yaml_node_t *v = yaml_document_get_node(&o->o_doc, p->value);
		const char *grp = ydoc_str(k);
		int i;

		if (grp == NULL)
			continue;
		for (i = 0; i < ydoc_len(v); i++) {
			const char *m = ydoc_str(ydoc_at(&o->o_doc, v, i));

			if (m != NULL &&
			    store_agency_member_add(o->o_s, grp, m) != 0)
				store_fail(o, v);
		}
	}
}

static void
load_units(struct org *o, yaml_node_t *root)
{
	yaml_node_t *prov = ydoc_get(&o->o_doc, root, "province");
	yaml_node_t *list = ydoc_get(&o->o_doc, root, "districts");
	const char *pcode = need(o, prov, "code");
	const char *pname = need(o, prov, "name");
	long id;
	int i;

	if (pcode == NULL || pname == NULL)
		return;
	if (store_unit_add(o->o_s, pcode, pname, "province", NULL, &id) != 0 ||
	    store_meta_set(o->o_s, "province", pcode) != 0 ||
	    store_meta_set(o->o_s, "province_name", pname) != 0)
		store_fail(o, prov);
	for (i = 0; i < ydoc_len(list); i++) {
		yaml_node_t *d = ydoc_at(&o->o_doc, list, i);
		const char *code = need(o, d, "code");
		const char *name = need(o, d, "name");

		if (code != NULL && name != NULL &&
		    store_unit_add(
			o->o_s, code, name, "district", pcode, &id) != 0)
			store_fail(o, d);
	}
}

/* Link a task to each code of a YAML list. */
static void
link_list(struct org *o, const char *task, yaml_node_t *t, const char *key,
    const char *kind)
{
	yaml_node_t *list = ydoc_get(&o->o_doc, t, key);
	int i;

	for (i = 0; i < ydoc_len(list); i++) {
		const char *ref = ydoc_str(ydoc_at(&o->o_doc, list, i));

		if (ref == NULL)
			continue;
		if (strcmp(kind, "indicator") != 0 &&
		    store_agency_exists(o->o_s, ref) != 1) {
			o->o_errors++;
			diag_add(o->o_d, DIAG_ERROR, "org.agency", o->o_file,
			    ydoc_line(list), 0,
			    "nhiệm vụ %s: cơ quan '%s' chưa khai báo",
			    "task %s: agency '%s' is not declared", task, ref);
			continue;
		}
		if (store_task_link(o->o_s, task, kind, ref) != 0)
			store_fail(o, list);
	}
}

static void
load_tasks(struct org *o, yaml_node_t *root)
{
	yaml_node_t *list = ydoc_get(&o->o_doc, root, "tasks");
	int i;

	for (i = 0; i < ydoc_len(list); i++) {
		yaml_node_t *t = ydoc_at(&o->o_doc, list, i);
		struct st_task task;
		char due_date[11];

		memset(&task, 0, sizeof(task));
		task.st_code = need(o, t, "code");
		task.st_group = need(o, t, "group");
		task.st_group_name = need(o, t, "group_name");
		task.st_text = need(o, t, "text");
		task.st_lead_text = ydoc_getstr(&o->o_doc, t, "lead_text");
		task.st_coord_text =
		    ydoc_getstr(&o->o_doc, t, "coordinators_text");
		task.st_due_text = ydoc_getstr(&o->o_doc, t, "due_text");
		task.st_due = ydoc_getstr(&o->o_doc, t, "due");
		task.st_note = ydoc_getstr(&o->o_doc, t, "note");
		if (task.st_code == NULL || task.st_group == NULL ||
		    task.st_group_name == NULL || task.st_text == NULL)
			continue;
		if (task.st_lead_text == NULL)
			task.st_lead_text = "";
		if (task.st_coord_text == NULL)
			task.st_coord_text = "";
		if (task.st_due_text == NULL)
			task.st_due_text = "";
		if (task.st_due != NULL) {
			if (org_due_date(task.st_due, due_date) < 0) {
				oerr(o, t, "due");
				continue;
			}
			task.st_due_date = due_date;
		}
		if (store_task_add(o->o_s, &task) != 0) {
			store_fail(o, t);
			continue;
		}
		link_list(o, task.st_code, t, "lead", "lead");
		link_list(o, task.st_code, t, "coordinators", "coordinator");
		link_list(o, task.st_code, t, "indicators", "indicator");
	}
}

/* A YAML list of input names as "a,b,c" (NULL for none). */
static char *
joined(struct org *o, yaml_node_t *list)
{
	struct buf b;
	int i;

	if (ydoc_len(list) == 0)
		return NULL;
	buf_init(&b);
	for (i = 0; i < ydoc_len(list); i++) {
		const char *v = ydoc_str(ydoc_at(&o->o_doc, list, i));

		if (v == NULL)
			continue;
		if (b.b_len > 0)
			buf_putc(&b, ',');
		buf_puts(&b, v);
	}
	return buf_steal(&b);
}

static double
num_or_nan(struct org *o, yaml_node_t *t, const char *key)
{
	const char *v = ydoc_getstr(&o->o_doc, t, key);
	double x;

	if (v == NULL)
		return NAN;
	if (numfmt_parse(v, strlen(v), &x) < 0) {
		oerr(o, t, key);
		return NAN;
	}
	return x;
}

static void
load_targets(struct org *o, yaml_node_t *root)
{
	yaml_node_t *list = ydoc_get(&o->o_doc, root, "targets");
	int i;

	for (i = 0; i < ydoc_len(list); i++) {
		yaml_node_t *t = ydoc_at(&o->o_doc, list, i);
		yaml_node_t *ms = ydoc_get(&o->o_doc, t, "measure");
		const char *year = need(o, t, "year");
		char *num = NULL, *den = NULL;
		struct st_target g;

		memset(&g, 0, sizeof(g));
		g.sg_code = need(o, t, "code");
		g.sg_text = need(o, t, "text");
		g.sg_unit = need(o, t, "unit");
		if (g.sg_code == NULL || g.sg_text == NULL ||
		    g.sg_unit == NULL || year == NULL)
			continue;
		g.sg_year = atoi(year);
		g.sg_target = num_or_nan(o, t, "target");
		g.sg_target_max = num_or_nan(o, t, "target_max");
		g.sg_indicator = ydoc_getstr(&o->o_doc, t, "indicator");
		g.sg_note = ydoc_getstr(&o->o_doc, t, "note");
		g.sg_source = ydoc_getstr(&o->o_doc, t, "source");
		if (ms != NULL && ms->type == YAML_MAPPING_NODE) {
			num = joined(o, ydoc_get(&o->o_doc, ms, "numerator"));
			den = joined(o, ydoc_get(&o->o_doc, ms, "denominator"));
			g.sg_score = ydoc_getstr(&o->o_doc, ms, "score");
		}
		g.sg_numerator = num;
		g.sg_denominator = den;
		if (store_target_add(o->o_s, &g) != 0)
			store_fail(o, t);
		free(num);
		free(den);
	}
}

static void
load_reporting(struct org *o, yaml_node_t *root)
{
	static const char *const keys[] = { "agency_quarter_day", "agency_year",
		"sotttt_quarter_day", "sotttt_year", "receiver", NULL };
	yaml_node_t *r = ydoc_get(&o->o_doc, root, "reporting");
	char key[64];
	int i;

	for (i = 0; keys[i] != NULL; i++) {
		const char *v = need(o, r, keys[i]);

		snprintf(key, sizeof(key), "reporting.%s", keys[i]);
		if (v != NULL && store_meta_set(o->o_s, key, v) != 0)
			store_fail(o, r);
	}
}

int
org_load(struct store *s, const char *text, size_t len, const char *file,
    const char *actor, struct diag *d)
{
	yaml_parser_t p;
	yaml_node_t *root;
	struct org o;

	memset(&o, 0, sizeof(o));
	o.o_s = s;
	o.o_file = file;
	o.o_actor = actor;
	o.o_d = d;
	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	if (!yaml_parser_load(&p, &o.o_doc)) {
		diag_add(d, DIAG_ERROR, "org.yaml", file,
		    (long)p.problem_mark.line + 1,
		    (long)p.problem_mark.column + 1, "YAML không hợp lệ: %s",
		    "invalid YAML: %s", p.problem ? p.problem : "?");
		yaml_parser_delete(&p);
		return -1;
	}
	yaml_parser_delete(&p);
	root = yaml_document_get_root_node(&o.o_doc);
	if (root == NULL || root->type != YAML_MAPPING_NODE) {
		oerr(&o, root, "province");
	} else {
		load_agencies(&o, root);
		load_collectives(&o, root);
		load_units(&o, root);
		load_tasks(&o, root);
		load_targets(&o, root);
		load_reporting(&o, root);
	}
	yaml_document_delete(&o.o_doc);
	if (o.o_errors == 0)
		store_audit(
		    s, actor, "org.load", "org", file, NULL, NULL, NULL);
	return o.o_errors > 0 ? -1 : 0;
}
