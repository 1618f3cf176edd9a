/* plan_load.c: a plan file (docs/plans.md) parsed into plain structs. */
#include "io/plan_load.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "util/buf.h"
#include "util/date.h"
#include "util/numfmt.h"
#include "util/strmap.h"
#include "util/ydoc.h"

/* The state of one plan_parse(). */
struct plan_ctx {
	yaml_document_t plc_doc;
	struct plan_file *plc_f; /* what is being filled */
	const char *plc_file;
	struct diag *plc_d;
	int plc_errors;
};

static void
perr(struct plan_ctx *c, yaml_node_t *n, const char *what)
{
	c->plc_errors++;
	diag_add(c->plc_d, DIAG_ERROR, "plan", c->plc_file, ydoc_line(n),
	    ydoc_col(n), "thiếu hoặc sai trường '%s'",
	    "missing or bad field '%s'", what);
}

/* Is ${n} (items of ${list}, named ${what}) within ${max}? */
static int
within(
    struct plan_ctx *c, yaml_node_t *list, const char *what, long n, long max)
{
	if (n <= max)
		return 1;
	c->plc_errors++;
	diag_add(c->plc_d, DIAG_ERROR, "plan.limit", c->plc_file,
	    ydoc_line(list), ydoc_col(list),
	    "'%s' có quá nhiều mục (%ld, tối đa %ld)",
	    "'%s' has too many items (%ld, at most %ld)", what, n, max);
	return 0;
}

/* A copy of ${s} that lives as long as the parsed file; NULL for NULL. */
static const char *
pstr(struct plan_ctx *c, const char *s)
{
	struct plan_file *f = c->plc_f;

	if (s == NULL)
		return NULL;
	if (f->pf_nstrs == f->pf_capstrs) {
		f->pf_capstrs = f->pf_capstrs ? f->pf_capstrs * 2 : 256;
		f->pf_strs =
		    xrealloc(f->pf_strs, f->pf_capstrs * sizeof(*f->pf_strs));
	}
	f->pf_strs[f->pf_nstrs] = xstrdup(s);
	return f->pf_strs[f->pf_nstrs++];
}

/* The text under ${key} of ${map}, copied; NULL when absent or null. */
static const char *
opt(struct plan_ctx *c, yaml_node_t *map, const char *key)
{
	return pstr(c, ydoc_getstr(&c->plc_doc, map, key));
}

/* Like opt(), but its absence is an error. */
static const char *
need(struct plan_ctx *c, yaml_node_t *map, const char *key)
{
	const char *v = opt(c, map, key);

	if (v == NULL || v[0] == '\0') {
		perr(c, map, key);
		return NULL;
	}
	return v;
}

int
plan_due_date(const char *due, char out[11])
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

const char *
plan_link_kind_name(enum plan_link_kind k)
{
	switch (k) {
	case PLAN_LINK_LEAD: return "lead";
	case PLAN_LINK_COORDINATOR:
		return "coordinator"; /* layering-ok: a link kind */
	case PLAN_LINK_INDICATOR: return "indicator";
	}
	return "?";
}

/* A year of four digits at most; -1 when ${v} is none. */
static int
year_of(const char *v)
{
	char *end;
	long y;

	if (v == NULL)
		return -1;
	errno = 0;
	y = strtol(v, &end, 10);
	if (end == v || *end != '\0' || errno != 0 || y < 1000 || y > 9999)
		return -1;
	return (int)y;
}

/* The header: code, title, issuer, issued date, years, source. */
static void
parse_header(struct plan_ctx *c, yaml_node_t *root)
{
	struct plan_file *f = c->plc_f;
	yaml_node_t *h = ydoc_get(&c->plc_doc, root, "plan");
	yaml_node_t *years;
	long day;
	int i, n, y;

	f->pf_line = ydoc_line(h);
	f->pf_col = ydoc_col(h);
	if (h == NULL || h->type != YAML_MAPPING_NODE) {
		perr(c, root, "plan");
		return;
	}
	f->pf_code = need(c, h, "code");
	f->pf_title = need(c, h, "title");
	f->pf_issuer = need(c, h, "issuer");
	f->pf_issued = need(c, h, "issued");
	f->pf_source = opt(c, h, "source");
	if (f->pf_source == NULL)
		f->pf_source = "";
	if (f->pf_issued != NULL &&
	    (strlen(f->pf_issued) != 10 || date_parse(f->pf_issued, &day) != 0))
		perr(c, h, "issued");
	years = ydoc_get(&c->plc_doc, h, "years");
	n = ydoc_len(years);
	if (n == 0) {
		perr(c, h, "years");
		return;
	}
	if (!within(c, years, "years", n, PLAN_MAX_YEARS))
		return;
	for (i = 0; i < n; i++) {
		y = year_of(ydoc_str(ydoc_at(&c->plc_doc, years, i)));
		if (y < 0) {
			perr(c, years, "years");
			return;
		}
		if (f->pf_year_from == 0 || y < f->pf_year_from)
			f->pf_year_from = y;
		if (y > f->pf_year_to)
			f->pf_year_to = y;
	}
	if (f->pf_year_to - f->pf_year_from >= PLAN_MAX_YEARS)
		perr(c, years, "years");
}

/* The lists of a task that link it, and to what. */
static const struct {
	const char *lk_key;
	enum plan_link_kind lk_kind;
} link_keys[] = {
	{ "lead", PLAN_LINK_LEAD },
	{ "coordinators", PLAN_LINK_COORDINATOR },
	{ "indicators", PLAN_LINK_INDICATOR },
};
#define NLINK_KEYS (sizeof(link_keys) / sizeof(link_keys[0]))

/* The links of task ${pt} (node ${t}); a task has a lead. */
static void
parse_links(struct plan_ctx *c, struct plan_task *pt, yaml_node_t *t)
{
	size_t k, total = 0, leads = 0;
	int i;

	for (k = 0; k < NLINK_KEYS; k++) {
		yaml_node_t *list =
		    ydoc_get(&c->plc_doc, t, link_keys[k].lk_key);

		if (!within(c, list, link_keys[k].lk_key, ydoc_len(list),
			PLAN_MAX_LIST))
			return;
		total += (size_t)ydoc_len(list);
	}
	pt->pt_links = xcalloc(total + 1, sizeof(*pt->pt_links));
	for (k = 0; k < NLINK_KEYS; k++) {
		yaml_node_t *list =
		    ydoc_get(&c->plc_doc, t, link_keys[k].lk_key);

		for (i = 0; i < ydoc_len(list); i++) {
			const char *ref =
			    ydoc_str(ydoc_at(&c->plc_doc, list, i));
			struct plan_link *pl;

			if (ref == NULL || ref[0] == '\0') {
				perr(c, list, link_keys[k].lk_key);
				continue;
			}
			pl = &pt->pt_links[pt->pt_nlinks++];
			pl->plk_kind = link_keys[k].lk_kind;
			pl->plk_ref = pstr(c, ref);
			pl->plk_line = ydoc_line(list);
			pl->plk_col = ydoc_col(list);
			leads += pl->plk_kind == PLAN_LINK_LEAD;
		}
	}
	if (leads == 0)
		perr(c, t, "lead");
}

/* Is ${code} new in ${seen}? Else an error at ${n}. */
static int
fresh(struct plan_ctx *c, struct strmap *seen, const char *code, yaml_node_t *n,
    int task)
{
	if (strmap_get(seen, code, strlen(code)) < 0) {
		strmap_put(seen, code, strlen(code), 1);
		return 1;
	}
	c->plc_errors++;
	if (task)
		diag_add(c->plc_d, DIAG_ERROR, "plan.duplicate", c->plc_file,
		    ydoc_line(n), ydoc_col(n),
		    "nhiệm vụ '%s' có hai lần trong kế hoạch",
		    "task '%s' appears twice in the plan", code);
	else
		diag_add(c->plc_d, DIAG_ERROR, "plan.duplicate", c->plc_file,
		    ydoc_line(n), ydoc_col(n),
		    "chỉ tiêu '%s' có hai lần trong kế hoạch",
		    "target '%s' appears twice in the plan", code);
	return 0;
}

static void
parse_tasks(struct plan_ctx *c, yaml_node_t *root)
{
	struct plan_file *f = c->plc_f;
	yaml_node_t *list = ydoc_get(&c->plc_doc, root, "tasks");
	struct strmap seen;
	int i, n = ydoc_len(list);

	if (!within(c, list, "tasks", n, PLAN_MAX_ITEMS))
		return;
	strmap_init(&seen);
	f->pf_tasks = xcalloc((size_t)n + 1, sizeof(*f->pf_tasks));
	for (i = 0; i < n; i++) {
		yaml_node_t *t = ydoc_at(&c->plc_doc, list, i);
		struct plan_task *pt = &f->pf_tasks[f->pf_ntasks];
		char due_date[11];

		memset(pt, 0, sizeof(*pt));
		pt->pt_code = need(c, t, "code");
		pt->pt_group = need(c, t, "group");
		pt->pt_group_name = need(c, t, "group_name");
		pt->pt_text = need(c, t, "text");
		if (pt->pt_code == NULL || pt->pt_group == NULL ||
		    pt->pt_group_name == NULL || pt->pt_text == NULL)
			continue;
		if (!fresh(c, &seen, pt->pt_code, t, 1))
			continue;
		pt->pt_lead_text = opt(c, t, "lead_text");
		pt->pt_coord_text = opt(c, t, "coordinators_text");
		pt->pt_due_text = opt(c, t, "due_text");
		pt->pt_due = opt(c, t, "due");
		pt->pt_note = opt(c, t, "note");
		pt->pt_line = ydoc_line(t);
		pt->pt_col = ydoc_col(t);
		if (pt->pt_lead_text == NULL)
			pt->pt_lead_text = "";
		if (pt->pt_coord_text == NULL)
			pt->pt_coord_text = "";
		if (pt->pt_due_text == NULL)
			pt->pt_due_text = "";
		if (pt->pt_due != NULL) {
			if (plan_due_date(pt->pt_due, due_date) < 0) {
				perr(c, t, "due");
				continue;
			}
			pt->pt_due_date = pstr(c, due_date);
		}
		f->pf_ntasks++;
		parse_links(c, pt, t);
	}
	strmap_free(&seen);
}

/* A YAML list of input names as "a,b,c" (NULL for none). */
static const char *
joined(struct plan_ctx *c, yaml_node_t *list, const char *what)
{
	struct buf b;
	const char *s;
	int i;

	if (ydoc_len(list) == 0 ||
	    !within(c, list, what, ydoc_len(list), PLAN_MAX_LIST))
		return NULL;
	buf_init(&b);
	for (i = 0; i < ydoc_len(list); i++) {
		const char *v = ydoc_str(ydoc_at(&c->plc_doc, list, i));

		if (v == NULL || v[0] == '\0' || strchr(v, ',') != NULL) {
			perr(c, list, what);
			continue;
		}
		if (b.b_len > 0)
			buf_putc(&b, ',');
		buf_puts(&b, v);
	}
	s = pstr(c, buf_cstr(&b));
	buf_free(&b);
	return s;
}

static double
num_or_nan(struct plan_ctx *c, yaml_node_t *t, const char *key)
{
	const char *v = ydoc_getstr(&c->plc_doc, t, key);
	double x;

	if (v == NULL)
		return NAN;
	if (numfmt_parse(v, strlen(v), &x) < 0 || !isfinite(x)) {
		perr(c, t, key);
		return NAN;
	}
	return x;
}

/* measure: {numerator, denominator} | {score} | manual | null */
static void
parse_measure(struct plan_ctx *c, struct plan_target *g, yaml_node_t *t)
{
	yaml_node_t *ms = ydoc_get(&c->plc_doc, t, "measure");
	const char *word = ydoc_str(ms);

	if (ms != NULL && ms->type == YAML_MAPPING_NODE) {
		g->px_numerator = joined(
		    c, ydoc_get(&c->plc_doc, ms, "numerator"), "numerator");
		g->px_denominator = joined(
		    c, ydoc_get(&c->plc_doc, ms, "denominator"), "denominator");
		g->px_score = opt(c, ms, "score");
		if (g->px_denominator != NULL && g->px_numerator == NULL)
			perr(c, ms, "numerator");
	} else if (word != NULL && strcmp(word, "manual") == 0) {
		g->px_manual = 1;
		if (g->px_agency == NULL)
			perr(c, t, "agency");
	} else if (ms != NULL && ms->type != YAML_SCALAR_NODE) {
		perr(c, t, "measure");
	} else if (word != NULL) {
		perr(c, ms, "measure");
	}
}

static void
parse_targets(struct plan_ctx *c, yaml_node_t *root)
{
	struct plan_file *f = c->plc_f;
	yaml_node_t *list = ydoc_get(&c->plc_doc, root, "targets");
	struct strmap seen;
	int i, n = ydoc_len(list);

	if (!within(c, list, "targets", n, PLAN_MAX_ITEMS))
		return;
	strmap_init(&seen);
	f->pf_targets = xcalloc((size_t)n + 1, sizeof(*f->pf_targets));
	for (i = 0; i < n; i++) {
		yaml_node_t *t = ydoc_at(&c->plc_doc, list, i);
		const char *year = need(c, t, "year");
		struct plan_target *g = &f->pf_targets[f->pf_ntargets];

		memset(g, 0, sizeof(*g));
		g->px_code = need(c, t, "code");
		g->px_text = need(c, t, "text");
		g->px_unit = need(c, t, "unit");
		if (g->px_code == NULL || g->px_text == NULL ||
		    g->px_unit == NULL || year == NULL)
			continue;
		if (!fresh(c, &seen, g->px_code, t, 0))
			continue;
		g->px_year = year_of(year);
		if (g->px_year < 0 ||
		    (f->pf_year_from > 0 &&
			(g->px_year < f->pf_year_from ||
			    g->px_year > f->pf_year_to))) {
			perr(c, t, "year");
			continue;
		}
		g->px_target = num_or_nan(c, t, "target");
		g->px_target_max = num_or_nan(c, t, "target_max");
		g->px_indicator = opt(c, t, "indicator");
		g->px_agency = opt(c, t, "agency");
		g->px_note = opt(c, t, "note");
		g->px_source = opt(c, t, "source");
		g->px_line = ydoc_line(t);
		g->px_col = ydoc_col(t);
		parse_measure(c, g, t);
		f->pf_ntargets++;
	}
	strmap_free(&seen);
}

int
plan_parse(const char *text, size_t len, const char *file,
    struct plan_file **out, struct diag *d)
{
	struct ydoc_limits lim;
	yaml_node_t *root;
	struct plan_ctx c;

	*out = NULL;
	memset(&c, 0, sizeof(c));
	c.plc_file = file;
	c.plc_d = d;
	lim.yl_file = file;
	lim.yl_code_yaml = "plan.yaml";
	lim.yl_code_size = "plan.size";
	lim.yl_what_vi = "tệp kế hoạch";
	lim.yl_what_en = "plan file";
	lim.yl_max_bytes = PLAN_MAX_BYTES;
	lim.yl_max_depth = PLAN_MAX_DEPTH;
	if (ydoc_load(&c.plc_doc, text, len, &lim, d) < 0)
		return -1;
	c.plc_f = xcalloc(1, sizeof(*c.plc_f));
	c.plc_f->pf_file = pstr(&c, file);
	root = yaml_document_get_root_node(&c.plc_doc);
	if (root == NULL || root->type != YAML_MAPPING_NODE) {
		perr(&c, root, "plan");
	} else {
		parse_header(&c, root);
		parse_tasks(&c, root);
		parse_targets(&c, root);
		if (c.plc_f->pf_ntasks == 0 && c.plc_f->pf_ntargets == 0)
			perr(&c, root, "tasks");
	}
	yaml_document_delete(&c.plc_doc);
	if (c.plc_errors > 0) {
		plan_file_free(c.plc_f);
		return -1;
	}
	*out = c.plc_f;
	return 0;
}

void
plan_file_free(struct plan_file *f)
{
	size_t i;

	if (f == NULL)
		return;
	for (i = 0; i < f->pf_ntasks; i++)
		free(f->pf_tasks[i].pt_links);
	for (i = 0; i < f->pf_nstrs; i++)
		free(f->pf_strs[i]);
	free(f->pf_strs);
	free(f->pf_tasks);
	free(f->pf_targets);
	free(f);
}
