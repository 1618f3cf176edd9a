/*
 * app_contrib.c: contributions (docs/rules.md, "Contributions"): an input
 * whose value is the aggregate of parts that the members of collectives
 * (the districts, the departments) supply. A part is a value at the unit
 * of the aggregate with part = the member's agency code. Who may write
 * which part is app_policy.c's (app_may_part); here: the members, the
 * parts of a period and their aggregates, and what entry, review, status,
 * scores and export do with them.
 */
#include "app/app_int.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "io/csv_quote.h"
#include "util/date.h"

/* ---- pure: the part's kind, the aggregate, the status ----------------- */

const struct m_input *
app_part_input(const struct method *m, int in, struct m_input *tmp)
{
	const struct m_contrib *c = method_contribution(m, in);

	if (c == NULL || c->mcb_agg != MA_COUNT_YES)
		return &m->m_inputs[in];
	/* each member says yes or no; the value counts the yes */
	*tmp = m->m_inputs[in];
	tmp->mi_kind = IK_YESNO;
	return tmp;
}

/* value_text(in, x, out, size): ${x} written as a value of ${in} is. */
static int
value_text(const struct m_input *in, double x, char *out, size_t size)
{
	switch (in->mi_kind) {
	case IK_CHOICE:
		if (x < 0 || x >= in->mi_noptions || x != floor(x))
			return -1;
		snprintf(out, size, "%s", in->mi_options[(int)x].mo_code);
		return 0;
	case IK_YESNO: snprintf(out, size, "%s", x != 0 ? "1" : "0"); return 0;
	case IK_COUNT:
	case IK_AMOUNT:
	case IK_NUMBER: numfmt_shortest(out, size, x); return 0;
	case IK_TEXT: break;
	}
	return -1;
}

int
app_part_aggregate(const struct method *m, int in, const char *const *raws,
    int n, double *x, char *out, size_t size)
{
	const struct m_contrib *c = method_contribution(m, in);
	const struct m_input *pin;
	struct m_input tmp;
	struct diag why;
	double *v;
	int i, rc = 0;

	out[0] = '\0';
	if (c == NULL || n <= 0)
		return -1;
	pin = app_part_input(m, in, &tmp);
	v = xcalloc((size_t)n, sizeof(*v));
	diag_init(&why);
	for (i = 0; i < n && rc == 0; i++)
		rc = method_value_parse(
		    pin, raws[i], strlen(raws[i]), NUMFMT_STORED, &v[i], &why);
	diag_free(&why);
	if (rc == 0)
		rc = method_aggregate(c->mcb_agg, v, n, x);
	if (rc == 0)
		rc = value_text(&m->m_inputs[in], *x, out, size);
	free(v);
	if (rc != 0)
		out[0] = '\0';
	return rc != 0 ? -1 : 0;
}

/* How far a value has come: a returned one first, it waits for its agency. */
static int
status_rank(enum value_status st)
{
	switch (st) {
	case VALUE_RETURNED: return 0;
	case VALUE_DRAFT: return 1;
	case VALUE_SUBMITTED: return 2;
	case VALUE_APPROVED: return 3;
	}
	return 0;
}

enum value_status
app_parts_status(const enum value_status *st, int n)
{
	enum value_status low = VALUE_DRAFT;
	int i;

	for (i = 0; i < n; i++)
		if (i == 0 || status_rank(st[i]) < status_rank(low))
			low = st[i];
	return low;
}

/* ---- the members --------------------------------------------------------- */

int
app_contrib_member(
    struct store *s, const struct method *m, int in, const char *agency)
{
	const struct m_contrib *c = method_contribution(m, in);
	int k, r;

	if (c == NULL || agency == NULL || agency[0] == '\0')
		return 0;
	for (k = 0; k < c->mcb_nby; k++) {
		const char *by = m->m_agencies[c->mcb_by[k]].ma_code;

		/* the collective itself supplies no part */
		if (strcmp(by, agency) == 0)
			continue;
		if ((r = store_agency_in(s, agency, by)) != 0)
			return r;
	}
	return 0;
}

/* Every agency of the store, read before membership is asked. */
struct agency_list {
	char **agl_code;
	char **agl_kind;
	int agl_n;
	const char *agl_on; /* only those active on this day; NULL: all */
};

static int
agency_list_row(void *ctx, const struct st_agency *a)
{
	struct agency_list *l = ctx;

	if (l->agl_on != NULL &&
	    !app_org_active(a->sag_from, a->sag_to, l->agl_on))
		return 0;
	l->agl_code = xreallocarray(
	    l->agl_code, (size_t)l->agl_n + 1, sizeof(*l->agl_code));
	l->agl_kind = xreallocarray(
	    l->agl_kind, (size_t)l->agl_n + 1, sizeof(*l->agl_kind));
	l->agl_code[l->agl_n] = xstrdup(a->sag_code);
	l->agl_kind[l->agl_n++] = xstrdup(a->sag_kind ? a->sag_kind : "");
	return 0;
}

static void
agency_list_free(struct agency_list *l)
{
	int i;

	for (i = 0; i < l->agl_n; i++) {
		free(l->agl_code[i]);
		free(l->agl_kind[i]);
	}
	free(l->agl_code);
	free(l->agl_kind);
}

/* ---- the parts of a period ------------------------------------------------ */

/* A current value of a contributed input: a part, or a whole value. */
struct cb_part {
	char *cbp_unit;
	int cbp_input;
	char *cbp_agency; /* "" for a whole value */
	char *cbp_raw;
	char *cbp_comment;
	char *cbp_by;
	char *cbp_at;
	enum value_status cbp_status;
};

/* The parts of one contributed input at one unit. */
struct cb_group {
	const char *cbg_unit; /* borrowed from a part */
	int cbg_input;
	int cbg_whole; /* index of the unit's whole value, or -1 */
	int *cbg_part; /* per member: index of its part, or -1 */
	int cbg_taken; /* app_cset_export wrote it */
};

struct app_cset {
	const struct method *cbs_m;
	char **cbs_member; /* agency codes, in the store's order */
	int cbs_nmember;
	unsigned char *cbs_in; /* [contribution * cbs_nmember + member] */
	struct cb_part *cbs_val;
	int cbs_nval;
	struct cb_group *cbs_grp; /* in the order the parts were entered */
	int cbs_ngrp;
	int cbs_province; /* loaded for the province's unit */
};

/* The members of ${m}'s contributions into ${c}; a store error. */
static int
cset_members(struct store *s, const struct st_period *p, const struct method *m,
    struct app_cset *c)
{
	struct agency_list l = { NULL, NULL, 0, NULL };
	char on[11];
	unsigned char *in, *used;
	int k, b, j, n, r, rc = 0;

	/* the members of the period: a district UBND deactivated when the
	 * district level went owes no part of a later period */
	if (p != NULL) {
		app_period_start(p, on);
		l.agl_on = on;
	}
	if (store_agency_each(s, agency_list_row, &l) != 0) {
		agency_list_free(&l);
		return -1;
	}
	in = xcalloc((size_t)m->m_ncontrib * (size_t)l.agl_n + 1, 1);
	used = xcalloc((size_t)l.agl_n + 1, 1);
	for (k = 0; k < m->m_ncontrib && rc == 0; k++) {
		const struct m_contrib *mc = &m->m_contrib[k];

		for (b = 0; b < mc->mcb_nby && rc == 0; b++) {
			const char *by = m->m_agencies[mc->mcb_by[b]].ma_code;

			for (j = 0; j < l.agl_n && rc == 0; j++) {
				/* a collective answers through its members */
				if (strcmp(l.agl_code[j], by) == 0 ||
				    strcmp(l.agl_kind[j], "group") == 0)
					continue;
				r = store_agency_in(s, l.agl_code[j], by);
				if (r < 0)
					rc = -1;
				else if (r == 1)
					in[(size_t)k * (size_t)l.agl_n +
					    (size_t)j] = used[j] = 1;
			}
		}
	}
	n = 0;
	c->cbs_member = xcalloc((size_t)l.agl_n + 1, sizeof(char *));
	c->cbs_in = xcalloc((size_t)m->m_ncontrib * (size_t)l.agl_n + 1, 1);
	for (j = 0; j < l.agl_n; j++) {
		if (!used[j])
			continue;
		for (k = 0; k < m->m_ncontrib; k++)
			c->cbs_in[(size_t)k * (size_t)l.agl_n + (size_t)n] =
			    in[(size_t)k * (size_t)l.agl_n + (size_t)j];
		c->cbs_member[n++] = xstrdup(l.agl_code[j]);
	}
	/* rows are l.agl_n wide; members are the first n of each */
	c->cbs_nmember = n;
	for (k = 0; k < m->m_ncontrib; k++)
		memmove(c->cbs_in + (size_t)k * (size_t)n,
		    c->cbs_in + (size_t)k * (size_t)l.agl_n, (size_t)n);
	free(in);
	free(used);
	agency_list_free(&l);
	return rc;
}

/* member_index(c, agency): the member's index, or -1. */
static int
member_index(const struct app_cset *c, const char *agency)
{
	int j;

	for (j = 0; j < c->cbs_nmember; j++)
		if (strcmp(c->cbs_member[j], agency) == 0)
			return j;
	return -1;
}

/* member_in(c, in, j): member ${j} contributes to input ${in}. */
static int
member_in(const struct app_cset *c, int in, int j)
{
	int k = c->cbs_m->m_inputs[in].mi_contrib;

	return k >= 0 &&
	    c->cbs_in[(size_t)k * (size_t)c->cbs_nmember + (size_t)j];
}

static int
cset_row(void *ctx, const struct st_value *v)
{
	struct app_cset *c = ctx;
	struct cb_part *p;
	int in = method_input(c->cbs_m, v->sv_input, strlen(v->sv_input));

	if (in < 0 || c->cbs_m->m_inputs[in].mi_contrib < 0)
		return 0;
	c->cbs_val = xreallocarray(
	    c->cbs_val, (size_t)c->cbs_nval + 1, sizeof(*c->cbs_val));
	p = &c->cbs_val[c->cbs_nval++];
	p->cbp_unit = xstrdup(v->sv_unit);
	p->cbp_input = in;
	p->cbp_agency = xstrdup(v->sv_part);
	p->cbp_raw = xstrdup(v->sv_raw);
	p->cbp_comment = xstrdup(v->sv_comment);
	p->cbp_by = xstrdup(v->sv_by);
	p->cbp_at = xstrdup(v->sv_at);
	p->cbp_status = v->sv_status;
	return 0;
}

/* The group of (unit, input), added when ${add}; NULL. */
static struct cb_group *
cset_group(struct app_cset *c, const char *unit, int in, int add)
{
	struct cb_group *g;
	int i;

	for (i = 0; i < c->cbs_ngrp; i++)
		if (c->cbs_grp[i].cbg_input == in &&
		    strcmp(c->cbs_grp[i].cbg_unit, unit) == 0)
			return &c->cbs_grp[i];
	if (!add)
		return NULL;
	c->cbs_grp = xreallocarray(
	    c->cbs_grp, (size_t)c->cbs_ngrp + 1, sizeof(*c->cbs_grp));
	g = &c->cbs_grp[c->cbs_ngrp++];
	g->cbg_unit = unit;
	g->cbg_input = in;
	g->cbg_whole = -1;
	g->cbg_taken = 0;
	g->cbg_part = xreallocarray(
	    NULL, (size_t)c->cbs_nmember + 1, sizeof(*g->cbg_part));
	for (i = 0; i < c->cbs_nmember; i++)
		g->cbg_part[i] = -1;
	return g;
}

/* The current values of one input of one unit: its whole value, its parts. */
struct one_input {
	const char *oi_input;
	int oi_whole; /* a whole value is there */
	char oi_raw[128]; /* its text, cut */
	enum value_status oi_status;
	struct buf oi_parts; /* "a, b": the agencies with a part */
};

static int
one_input_row(void *ctx, const struct st_value *v)
{
	struct one_input *o = ctx;

	if (strcmp(v->sv_input, o->oi_input) != 0)
		return 0;
	if (v->sv_part[0] == '\0') {
		o->oi_whole = 1;
		snprintf(o->oi_raw, sizeof(o->oi_raw), "%s", v->sv_raw);
		o->oi_status = v->sv_status;
	} else {
		buf_printf(&o->oi_parts, "%s%s", o->oi_parts.b_len ? ", " : "",
		    v->sv_part);
	}
	return 0;
}

/* is_province(s, uid, out): whether unit ${uid} is the province's. */
static int
is_province(struct store *s, long uid, int *out)
{
	char province[80];
	long id;
	int g;

	*out = 0;
	if (store_meta_get(s, "province", province, sizeof(province)) != 0)
		return -1;
	if (province[0] == '\0')
		return 0;
	g = store_unit_find(s, province, &id);
	if (g != 0 && g != STORE_ENOTFOUND)
		return g;
	*out = g == 0 && id == uid;
	return 0;
}

int
app_contrib_by_parts(struct store *s, const struct st_period *p,
    const struct method *m, long uid, int in)
{
	struct one_input o;
	int rc, prov;

	if (method_contribution(m, in) == NULL)
		return 0;
	if ((rc = is_province(s, uid, &prov)) != 0)
		return rc;
	if (prov)
		return 1;
	memset(&o, 0, sizeof(o));
	o.oi_input = m->m_inputs[in].mi_name;
	buf_init(&o.oi_parts);
	rc = store_unit_values(s, p->sp_id, uid, one_input_row, &o);
	if (rc == 0)
		rc = o.oi_parts.b_len > 0;
	buf_free(&o.oi_parts);
	return rc;
}

int
app_cset_load(struct store *s, const struct st_period *p,
    const struct method *m, long uid, struct app_cset **out, struct diag *d)
{
	struct app_cset *c = xcalloc(1, sizeof(*c));
	struct cb_group *g;
	int i, j, rc;

	*out = c;
	c->cbs_m = m;
	if (m->m_ncontrib == 0) /* nothing to read */
		return 0;
	rc = cset_members(s, p, m, c);
	if (rc == 0 && uid > 0)
		rc = is_province(s, uid, &c->cbs_province);
	if (rc == 0)
		rc = uid > 0 ? store_unit_values(s, p->sp_id, uid, cset_row, c)
			     : store_value_each(s, p->sp_id, NULL, cset_row, c);
	if (rc != 0) {
		app_cset_free(c);
		*out = NULL;
		return app_store_error(s, d);
	}
	/* parts group by unit and input; a part of no member is left out */
	for (i = 0; i < c->cbs_nval; i++) {
		const struct cb_part *v = &c->cbs_val[i];

		if (v->cbp_agency[0] == '\0')
			continue;
		j = member_index(c, v->cbp_agency);
		if (j >= 0 && member_in(c, v->cbp_input, j))
			cset_group(c, v->cbp_unit, v->cbp_input, 1)
			    ->cbg_part[j] = i;
	}
	for (i = 0; i < c->cbs_nval; i++) {
		const struct cb_part *v = &c->cbs_val[i];

		if (v->cbp_agency[0] == '\0' &&
		    (g = cset_group(c, v->cbp_unit, v->cbp_input, 0)) != NULL)
			g->cbg_whole = i;
	}
	return 0;
}

void
app_cset_free(struct app_cset *c)
{
	int i;

	if (c == NULL)
		return;
	for (i = 0; i < c->cbs_nmember; i++)
		free(c->cbs_member[i]);
	free(c->cbs_member);
	free(c->cbs_in);
	for (i = 0; i < c->cbs_nval; i++) {
		free(c->cbs_val[i].cbp_unit);
		free(c->cbs_val[i].cbp_agency);
		free(c->cbs_val[i].cbp_raw);
		free(c->cbs_val[i].cbp_comment);
		free(c->cbs_val[i].cbp_by);
		free(c->cbs_val[i].cbp_at);
	}
	free(c->cbs_val);
	for (i = 0; i < c->cbs_ngrp; i++)
		free(c->cbs_grp[i].cbg_part);
	free(c->cbs_grp);
	free(c);
}

int
app_cset_nmembers(const struct app_cset *c)
{
	return c->cbs_nmember;
}

/* What the parts of one group come to. */
struct cb_sum {
	int cbx_members; /* members that contribute */
	int cbx_parts; /* of them, with a part (of the status asked) */
	int cbx_complete; /* every member has one */
	double cbx_x; /* the aggregate, when complete */
	char cbx_text[64]; /* and as a value is written; else "" */
	enum value_status cbx_status; /* the least advanced part's */
	int cbx_bad; /* a part does not read: damage */
};

/* The aggregate of group ${g} over parts (approved ones if ${approved}). */
static void
group_sum(const struct app_cset *c, const struct cb_group *g, int approved,
    struct cb_sum *sum)
{
	const char **raws = xcalloc((size_t)c->cbs_nmember + 1, sizeof(char *));
	enum value_status *st =
	    xcalloc((size_t)c->cbs_nmember + 1, sizeof(*st));
	int j, n = 0;

	memset(sum, 0, sizeof(*sum));
	for (j = 0; j < c->cbs_nmember; j++) {
		const struct cb_part *v;

		if (!member_in(c, g->cbg_input, j))
			continue;
		sum->cbx_members++;
		if (g->cbg_part[j] < 0)
			continue;
		v = &c->cbs_val[g->cbg_part[j]];
		if (approved && v->cbp_status != VALUE_APPROVED)
			continue;
		raws[n] = v->cbp_raw;
		st[n++] = v->cbp_status;
	}
	sum->cbx_parts = n;
	sum->cbx_status = app_parts_status(st, n);
	if (n > 0 && n == sum->cbx_members) {
		if (app_part_aggregate(c->cbs_m, g->cbg_input, raws, n,
			&sum->cbx_x, sum->cbx_text, sizeof(sum->cbx_text)) == 0)
			sum->cbx_complete = 1;
		else
			sum->cbx_bad = 1;
	}
	free(raws);
	free(st);
}

/* ---- scores, export --------------------------------------------------- */

int
app_contrib_round(struct store *s, const struct st_period *p, int approved_only,
    const struct method *m, struct round *r, struct diag *d)
{
	struct app_cset *c;
	struct cb_sum sum;
	int i, u, bad = 0;

	if (m->m_ncontrib == 0)
		return 0;
	if (app_cset_load(s, p, m, 0, &c, d) != 0)
		return -1;
	for (i = 0; i < c->cbs_ngrp; i++) {
		const struct cb_group *g = &c->cbs_grp[i];
		const char *name = m->m_inputs[g->cbg_input].mi_name;

		if (g->cbg_whole >= 0) /* the whole value is the value */
			continue;
		group_sum(c, g, approved_only, &sum);
		if (sum.cbx_bad) {
			diag_add(d, DIAG_ERROR, "store.value", NULL, 0, 0,
			    "các phần lưu trữ của %s/%s không hợp lệ",
			    "the stored parts of %s/%s are invalid",
			    g->cbg_unit, name);
			bad++;
			continue;
		}
		if (!sum.cbx_complete)
			continue; /* a missing member: the input is missing */
		u = round_unit(r, g->cbg_unit, strlen(g->cbg_unit));
		if (u < 0) {
			bad++;
			continue;
		}
		if (!round_has(r, u, g->cbg_input))
			round_set(r, u, g->cbg_input, sum.cbx_x, 0);
	}
	app_cset_free(c);
	return bad > 0 ? -1 : 0;
}

int
app_cset_export(struct app_cset *c, const char *unit, const char *input,
    char *out, size_t size)
{
	struct cb_group *g;
	struct cb_sum sum;
	int in = method_input(c->cbs_m, input, strlen(input));

	out[0] = '\0';
	if (in < 0 || (g = cset_group(c, unit, in, 0)) == NULL ||
	    g->cbg_taken || g->cbg_whole >= 0)
		return 0;
	g->cbg_taken = 1;
	group_sum(c, g, 0, &sum);
	if (!sum.cbx_complete)
		return 0;
	snprintf(out, size, "%s", sum.cbx_text);
	return 1;
}

/* The parts file of an export: every part, as the store holds it. */
struct parts_out {
	FILE *po_f;
	const struct method *po_m;
	const struct app_actor *po_a;
	int po_err;
};

static int
parts_row(void *ctx, const struct st_value *v)
{
	struct parts_out *o = ctx;
	int in;

	if (v->sv_part[0] == '\0' || !app_may_see_part(o->po_a, v->sv_part))
		return 0;
	in = method_input(o->po_m, v->sv_input, strlen(v->sv_input));
	if (in < 0 || method_contribution(o->po_m, in) == NULL)
		return 0;
	csvq_fput(o->po_f, v->sv_unit);
	fputc(',', o->po_f);
	csvq_fput(o->po_f, v->sv_input);
	fputc(',', o->po_f);
	csvq_fput(o->po_f, v->sv_raw);
	fputc(',', o->po_f);
	csvq_fput(o->po_f, v->sv_part);
	fprintf(o->po_f, ",%s\n", value_status_name(v->sv_status));
	if (ferror(o->po_f)) {
		o->po_err = errno ? errno : EIO;
		return 1;
	}
	return 0;
}

int
app_export_parts(struct store *s, const struct app_actor *a, const char *period,
    FILE *f, struct diag *d)
{
	struct parts_out o = { f, NULL, a, 0 };
	struct st_period p;

	if (app_period(s, period, &p, d) != 0 ||
	    app_period_method(s, &p, &o.po_m, d) < 0)
		return -1;
	fputs("unit,input,value,part,status\n", f);
	if (store_value_each(s, p.sp_id, NULL, parts_row, &o) != 0)
		return app_store_error(s, d);
	if (o.po_err != 0 || fflush(f) != 0) {
		diag_add(d, DIAG_ERROR, "export.write", NULL, 0, 0,
		    "không ghi được tệp các phần: %s",
		    "cannot write the parts file: %s",
		    strerror(o.po_err ? o.po_err : errno));
		return -1;
	}
	return 0;
}

/* ---- lists ------------------------------------------------------------ */

int
app_aggregates(struct store *s, const struct app_actor *a,
    const struct st_period *p, const char *unit,
    int (*cb)(void *, const struct app_aggregate *), void *ctx, struct diag *d)
{
	const struct method *m = NULL;
	struct app_cset *c;
	struct app_aggregate ag;
	struct app_part *parts;
	const char **missing;
	struct cb_sum sum;
	long uid = 0;
	int i, j, rc = 0, g;

	if (app_period_method(s, p, &m, d) < 0)
		return -1;
	if (m->m_ncontrib == 0)
		return 0;
	if (unit != NULL) {
		g = store_unit_find(s, unit, &uid);
		if (g == STORE_ENOTFOUND)
			return 0; /* an unknown unit has no values either */
		if (g != 0)
			return app_store_error(s, d);
	}
	if (app_cset_load(s, p, m, uid, &c, d) != 0)
		return -1;
	parts = xcalloc((size_t)c->cbs_nmember + 1, sizeof(*parts));
	missing = xcalloc((size_t)c->cbs_nmember + 1, sizeof(*missing));
	for (i = 0; i < c->cbs_ngrp && rc == 0; i++) {
		const struct cb_group *gr = &c->cbs_grp[i];

		if (gr->cbg_whole >= 0)
			continue;
		group_sum(c, gr, 0, &sum);
		memset(&ag, 0, sizeof(ag));
		ag.agr_unit = gr->cbg_unit;
		ag.agr_input = m->m_inputs[gr->cbg_input].mi_name;
		ag.agr_how = method_aggregate_name(
		    method_contribution(m, gr->cbg_input)->mcb_agg);
		ag.agr_complete = sum.cbx_complete;
		snprintf(
		    ag.agr_value, sizeof(ag.agr_value), "%s", sum.cbx_text);
		ag.agr_status = sum.cbx_status;
		ag.agr_nmembers = sum.cbx_members;
		ag.agr_nparts = sum.cbx_parts;
		for (j = 0; j < c->cbs_nmember; j++) {
			const struct cb_part *v;

			if (!member_in(c, gr->cbg_input, j))
				continue;
			if (gr->cbg_part[j] < 0) {
				missing[ag.agr_nmissing++] = c->cbs_member[j];
				continue;
			}
			/* who answered is public; what, only to its own */
			if (!app_may_see_part(a, c->cbs_member[j]))
				continue;
			v = &c->cbs_val[gr->cbg_part[j]];
			parts[ag.agr_nshown].apt_agency = v->cbp_agency;
			parts[ag.agr_nshown].apt_raw = v->cbp_raw;
			parts[ag.agr_nshown].apt_status = v->cbp_status;
			parts[ag.agr_nshown].apt_comment = v->cbp_comment;
			parts[ag.agr_nshown].apt_by = v->cbp_by;
			parts[ag.agr_nshown++].apt_at = v->cbp_at;
		}
		ag.agr_parts = parts;
		ag.agr_missing = missing;
		if (cb(ctx, &ag) != 0)
			rc = 1;
	}
	free(parts);
	free(missing);
	app_cset_free(c);
	return 0;
}

/*
 * owes(c, in): the members owe parts of ${in} at the unit of ${c}: the
 * province's unit, or one where a part of it was entered (a coordinator's,
 * e.g. a district demo's); never where a whole value stands.
 */
static int
owes(const struct app_cset *c, int in)
{
	int i, part = 0;

	for (i = 0; i < c->cbs_nval; i++) {
		if (c->cbs_val[i].cbp_input != in)
			continue;
		if (c->cbs_val[i].cbp_agency[0] == '\0')
			return 0;
		part = 1;
	}
	return part || c->cbs_province;
}

/* has_whole(c, in): the unit of ${c} has a whole value of ${in}. */
static int
has_whole(const struct app_cset *c, int in)
{
	int i;

	for (i = 0; i < c->cbs_nval; i++)
		if (c->cbs_val[i].cbp_input == in &&
		    c->cbs_val[i].cbp_agency[0] == '\0')
			return 1;
	return 0;
}

/* ---- status ----------------------------------------------------------- */

void
app_cset_status_add(
    const struct app_cset *c, struct app_agency_status *st, int *n)
{
	const struct method *m = c->cbs_m;
	int j, in, k;

	for (j = 0; j < c->cbs_nmember; j++) {
		struct app_agency_status *a = NULL;

		for (in = 0; in < m->m_ninputs; in++) {
			/* where a whole value stands, no part is owed */
			if (!member_in(c, in, j) || !owes(c, in))
				continue;
			for (k = 0; a == NULL && k < *n; k++)
				if (strcmp(st[k].ag_agency, c->cbs_member[j]) ==
				    0)
					a = &st[k];
			if (a == NULL) {
				a = &st[(*n)++];
				snprintf(a->ag_code, sizeof(a->ag_code), "%s",
				    c->cbs_member[j]);
				a->ag_agency = a->ag_code;
			}
			a->ag_owned++;
			a->ag_missing++;
		}
	}
}

/* count(a, st): one more value of status ${st}, one fewer missing. */
static void
status_count(struct app_agency_status *a, enum value_status st)
{
	a->ag_missing--;
	switch (st) {
	case VALUE_DRAFT: a->ag_draft++; break;
	case VALUE_SUBMITTED: a->ag_submitted++; break;
	case VALUE_RETURNED: a->ag_returned++; break;
	case VALUE_APPROVED: a->ag_approved++; break;
	}
}

/* The entry of agency ${code} in ${st}, or NULL. */
static struct app_agency_status *
status_entry(struct app_agency_status *st, int n, const char *code)
{
	int k;

	for (k = 0; code != NULL && k < n; k++)
		if (strcmp(st[k].ag_agency, code) == 0)
			return &st[k];
	return NULL;
}

void
app_cset_status_count(
    const struct app_cset *c, struct app_agency_status *st, int n)
{
	const struct method *m = c->cbs_m;
	struct app_agency_status *a;
	struct cb_sum sum;
	int i, j;

	for (i = 0; i < c->cbs_ngrp; i++) {
		const struct cb_group *g = &c->cbs_grp[i];

		/* a whole value is counted as a value, its lead's */
		if (g->cbg_whole >= 0)
			continue;
		for (j = 0; j < c->cbs_nmember; j++) {
			if (g->cbg_part[j] >= 0 &&
			    (a = status_entry(st, n, c->cbs_member[j])) != NULL)
				status_count(
				    a, c->cbs_val[g->cbg_part[j]].cbp_status);
		}
		/* the lead's value is there once every member's part is */
		group_sum(c, g, 0, &sum);
		if (sum.cbx_complete &&
		    (a = status_entry(st, n, app_owner(m, g->cbg_input))) !=
			NULL)
			status_count(a, sum.cbx_status);
	}
}

/* ---- entry ------------------------------------------------------------ */

/* at_province(s, unit): ${unit} (NULL: the province) is the province's. */
static int
at_province(struct store *s, const char *unit)
{
	char province[80];

	return unit == NULL ||
	    (store_meta_get(s, "province", province, sizeof(province)) == 0 &&
		strcmp(unit, province) == 0);
}

int
app_part_of(struct store *s, const struct app_actor *a, const struct method *m,
    int in, const char *unit, const char *given, char part[APP_MAX_PART],
    struct diag *d)
{
	const struct m_contrib *c = method_contribution(m, in);
	const char *name = m->m_inputs[in].mi_name;
	int r;

	part[0] = '\0';
	if (given != NULL && given[0] != '\0') {
		r = 0;
		if (c == NULL) {
			diag_add(d, DIAG_ERROR, "contrib.part", NULL, 0, 0,
			    "%s không do các thành viên đóng góp từng phần: không có phần '%s'",
			    "%s is not contributed in parts: it has no part '%s'",
			    name, given);
			return -1;
		}
		/* no agency's code is that long: not a member */
		if (strlen(given) < APP_MAX_PART &&
		    (r = app_contrib_member(s, m, in, given)) < 0)
			return app_store_error(s, d);
		if (r == 0) {
			diag_add(d, DIAG_ERROR, "contrib.part", NULL, 0, 0,
			    "'%s' không phải thành viên đóng góp %s (%s)",
			    "'%s' is not a member contributing %s (%s)", given,
			    name, m->m_agencies[c->mcb_by[0]].ma_code);
			return -1;
		}
		snprintf(part, APP_MAX_PART, "%s", given);
	} else if (given == NULL && c != NULL && a->ac_role == ROLE_OFFICER &&
	    a->ac_agency != NULL && strlen(a->ac_agency) < APP_MAX_PART &&
	    at_province(s, unit)) {
		/* parts make the province's value; a district's own is its
		 * unit's: an officer of a member writes its own part there */
		if ((r = app_contrib_member(s, m, in, a->ac_agency)) < 0)
			return app_store_error(s, d);
		if (r == 1)
			snprintf(part, APP_MAX_PART, "%s", a->ac_agency);
	}
	return 0;
}

int
app_check_write(struct store *s, const struct app_actor *a,
    const struct method *m, int in, const char *unit, const char *given,
    char part[APP_MAX_PART], struct diag *d)
{
	if (app_part_of(s, a, m, in, unit, given, part, d) != 0)
		return -1;
	if (method_contribution(m, in) != NULL &&
	    (part[0] != '\0' || at_province(s, unit)))
		return app_check_part(s, a, m, in, unit, part, d);
	if (app_check(s, a, APP_VALUE_WRITE, app_owner(m, in), d) != 0 ||
	    app_check_unit(s, a, unit, d) != 0)
		return -1;
	return 0;
}

int
app_contrib_exclusive(struct store *s, const struct st_period *p,
    const struct method *m, long uid, const char *unit, int in,
    const char *part, struct diag *d)
{
	struct one_input o;
	int rc = 0;

	if (method_contribution(m, in) == NULL)
		return 0;
	memset(&o, 0, sizeof(o));
	o.oi_input = m->m_inputs[in].mi_name;
	buf_init(&o.oi_parts);
	if (store_unit_values(s, p->sp_id, uid, one_input_row, &o) != 0) {
		buf_free(&o.oi_parts);
		return app_store_error(s, d);
	}
	if (part[0] != '\0' && o.oi_whole) {
		diag_add(d, DIAG_ERROR, "contrib.conflict", NULL, 0, 0,
		    "%s của đơn vị %s đã có giá trị chung = %s (%s%.0s): không nhập phần của %s bên cạnh giá trị chung",
		    "%s of unit %s has a whole value = %s (%.0s%s): %s's part is not entered beside it",
		    o.oi_input, unit, o.oi_raw,
		    value_status_label(o.oi_status, LANG_VI),
		    value_status_name(o.oi_status), part);
		rc = -1;
	} else if (part[0] == '\0' && o.oi_parts.b_len > 0) {
		diag_add(d, DIAG_ERROR, "contrib.conflict", NULL, 0, 0,
		    "%s của đơn vị %s đã có phần của %s: giá trị là tổng hợp các phần, không nhập giá trị chung bên cạnh",
		    "%s of unit %s has parts from %s: its value is their aggregate, a whole value is not entered beside them",
		    o.oi_input, unit, buf_cstr(&o.oi_parts));
		rc = -1;
	}
	buf_free(&o.oi_parts);
	return rc;
}

int
app_contrib_import(struct store *s, const struct st_period *p,
    const struct round *r, const long *units, const unsigned char *skip,
    const char *file, struct diag *d)
{
	const struct method *m = r->r_m;
	struct one_input o;
	int u, i, bad = 0;

	for (u = 0; u < r->r_nunits; u++) {
		for (i = 0; i < m->m_ninputs; i++) {
			if (!round_has(r, u, i) ||
			    method_contribution(m, i) == NULL ||
			    (skip != NULL &&
				skip[(size_t)u * (size_t)m->m_ninputs +
				    (size_t)i]))
				continue;
			memset(&o, 0, sizeof(o));
			o.oi_input = m->m_inputs[i].mi_name;
			buf_init(&o.oi_parts);
			if (store_unit_values(s, p->sp_id, units[u],
				one_input_row, &o) != 0) {
				buf_free(&o.oi_parts);
				return app_store_error(s, d);
			}
			if (o.oi_parts.b_len > 0) {
				diag_add(d, DIAG_ERROR, "contrib.conflict",
				    file,
				    (long)r->r_line[(size_t)u *
					    (size_t)m->m_ninputs +
					(size_t)i],
				    0,
				    "đơn vị %s, %s: đã có phần của %s; giá trị là tổng hợp các phần, không nhập giá trị chung bên cạnh",
				    "unit %s, %s: has parts from %s; its value is their aggregate, a whole value is not imported beside them",
				    r->r_units[u], o.oi_input,
				    buf_cstr(&o.oi_parts));
				bad++;
			}
			buf_free(&o.oi_parts);
		}
	}
	return bad > 0 ? -1 : 0;
}

/* ---- review ------------------------------------------------------------ */

int
app_contrib_check_unit(struct store *s, const struct app_actor *a,
    const char *period, const char *unit, const char *agency, struct diag *d)
{
	const struct method *m = NULL;
	struct st_period p;
	struct diag quiet;
	int in, ok = 0;

	/* an officer of a member sends its parts, at the province */
	if (a->ac_role == ROLE_OFFICER && agency != NULL &&
	    a->ac_agency != NULL && strcmp(a->ac_agency, agency) == 0) {
		diag_init(&quiet);
		if (app_period(s, period, &p, &quiet) == 0 &&
		    app_period_method(s, &p, &m, &quiet) == 0)
			for (in = 0; in < m->m_ninputs && !ok; in++)
				ok = method_contribution(m, in) != NULL &&
				    app_may_part(s, a, m, in, unit, agency) ==
					1;
		diag_free(&quiet);
		if (ok)
			return 0;
	}
	return app_check_unit(s, a, unit, d);
}

/* What one call asks of the parts, and what it did. */
struct part_move {
	struct store *prm_s;
	const struct st_period *prm_p;
	const struct method *prm_m;
	const struct app_cset *prm_c; /* of the unit prm_uid */
	long prm_uid;
	const char *prm_unit; /* its code */
	const char *prm_inputs; /* NULL: every one */
	enum review_event prm_ev;
	enum value_status prm_to;
	const char *prm_action; /* for the audit log */
	const char *prm_reason;
	const struct app_comment *prm_comments;
	int prm_ncomments;
	const char *prm_login;
	struct buf *prm_names; /* the inputs moved, for the caller */
	int prm_refused; /* parts that could not be moved */
	struct diag *prm_d;
};

/* blank(t): ${t} is NULL, empty or only blanks. */
static int
blank(const char *t)
{
	while (t != NULL && (*t == ' ' || *t == '\t'))
		t++;
	return t == NULL || *t == '\0';
}

/* The comment of a returned part: its input's own, else the call's. */
static const char *
part_comment(const struct part_move *pm, const char *input)
{
	int i;

	for (i = 0; i < pm->prm_ncomments; i++)
		if (strcmp(pm->prm_comments[i].acm_input, input) == 0 &&
		    !blank(pm->prm_comments[i].acm_text))
			return pm->prm_comments[i].acm_text;
	return blank(pm->prm_reason) ? NULL : pm->prm_reason;
}

/* Evidence of one part, counted. */
struct part_evidence {
	const char *pe_unit;
	const char *pe_part;
	int pe_n;
};

static int
part_evidence_row(void *ctx, const struct st_evidence *e)
{
	struct part_evidence *pe = ctx;

	if (strcmp(e->sev_unit, pe->pe_unit) == 0 && e->sev_part != NULL &&
	    strcmp(e->sev_part, pe->pe_part) == 0)
		pe->pe_n++;
	return 0;
}

/*
 * -1 with an error when part ${member} of ${in} cannot be moved by
 * ${pm} (status ${g}/${cur}): a submission's missing part, an approved
 * one named in a partial submission, required evidence without any; 0 to
 * go on; a store error.
 */
static int
part_refuses(struct part_move *pm, int in, const char *member, int g,
    enum value_status cur)
{
	const struct m_input *mi = &pm->prm_m->m_inputs[in];
	struct part_evidence pe = { pm->prm_unit, member, 0 };

	if (pm->prm_ev != REVIEW_SUBMIT)
		return 0;
	if (g == STORE_ENOTFOUND) {
		diag_add(pm->prm_d, DIAG_ERROR, "submit.missing", NULL, 0, 0,
		    "còn thiếu phần của %s cho %s (%s)",
		    "still missing: %s's part of %s (%s)", member, mi->mi_name,
		    mi->mi_label ? mi->mi_label : "");
		return -1;
	}
	if (pm->prm_inputs != NULL && cur == VALUE_APPROVED) {
		diag_add(pm->prm_d, DIAG_ERROR, "submit.approved", NULL, 0, 0,
		    "phần của %s cho %s đã được duyệt: không gửi lại (Sở TTTT mở lại trước)",
		    "%s's part of %s is approved already: it is not sent again (Sở TTTT reopens it first)",
		    member, mi->mi_name);
		return -1;
	}
	if (!value_status_may(cur, pm->prm_to) ||
	    !method_evidence_required(pm->prm_m, in))
		return 0;
	/* required evidence: per part, the member's own */
	if (store_evidence_each(pm->prm_s, pm->prm_p->sp_id, mi->mi_name,
		part_evidence_row, &pe) != 0)
		return STORE_EIO;
	if (pe.pe_n == 0) {
		diag_add(pm->prm_d, DIAG_ERROR, "submit.evidence", NULL, 0, 0,
		    "phần của %s cho %s cần ít nhất một tài liệu kiểm chứng trước khi gửi",
		    "%s's part of %s needs at least one evidence item before it is sent",
		    member, mi->mi_name);
		return -1;
	}
	return 0;
}

/*
 * Whether the event of member ${j} leaves its parts partial, as
 * event_partial() of app_review.c says for an agency's set: 1, 0, or a
 * store error.
 */
static int
member_partial(const struct part_move *pm, int j, int moved)
{
	const struct method *m = pm->prm_m;
	enum value_status cur;
	int in, g, owed = 0, unready = 0;

	for (in = 0; in < m->m_ninputs; in++) {
		if (!member_in(pm->prm_c, in, j) || !owes(pm->prm_c, in))
			continue;
		owed++;
		g = store_value_get(pm->prm_s, pm->prm_p->sp_id, pm->prm_uid,
		    m->m_inputs[in].mi_name, pm->prm_c->cbs_member[j], &cur);
		if (g != 0 && g != STORE_ENOTFOUND)
			return g;
		if (g == STORE_ENOTFOUND ||
		    (pm->prm_ev == REVIEW_SUBMIT
			    ? cur != VALUE_SUBMITTED && cur != VALUE_APPROVED
			    : cur != VALUE_APPROVED))
			unready++;
	}
	switch (pm->prm_ev) {
	case REVIEW_SUBMIT:
	case REVIEW_APPROVE: return unready > 0;
	case REVIEW_RETURN:
	case REVIEW_REOPEN: return moved < owed;
	}
	return 1;
}

/*
 * Move the parts of member ${j} and record its submission event. How
 * many moved (refusals counted in prm_refused), or a store error.
 */
static int
member_move(struct part_move *pm, int j)
{
	const struct method *m = pm->prm_m;
	const char *member = pm->prm_c->cbs_member[j];
	struct buf names;
	enum value_status cur;
	int in, g, r, moved = 0, partial;

	buf_init(&names);
	for (in = 0; in < m->m_ninputs; in++) {
		const char *name = m->m_inputs[in].mi_name, *comment = NULL;

		/* a whole value (older years) stands for the parts */
		if (!member_in(pm->prm_c, in, j) || !owes(pm->prm_c, in))
			continue;
		if (pm->prm_inputs != NULL &&
		    !app_in_list(pm->prm_inputs, name))
			continue;
		g = store_value_get(pm->prm_s, pm->prm_p->sp_id, pm->prm_uid,
		    name, member, &cur);
		if (g != 0 && g != STORE_ENOTFOUND)
			goto fail;
		if ((r = part_refuses(pm, in, member, g, cur)) != 0) {
			if (r != -1)
				goto fail;
			pm->prm_refused++;
			continue;
		}
		if (g == STORE_ENOTFOUND || !value_status_may(cur, pm->prm_to))
			continue;
		if (pm->prm_ev == REVIEW_RETURN &&
		    (comment = part_comment(pm, name)) == NULL) {
			diag_add(pm->prm_d, DIAG_ERROR, "review.reason", NULL,
			    0, 0,
			    "cần ghi nhận xét khi trả lại phần của %s cho %s",
			    "a comment is required to return %s's part of %s",
			    member, name);
			pm->prm_refused++;
			continue;
		}
		struct st_value_change c = { .svc_period = pm->prm_p->sp_id,
			.svc_unit = pm->prm_uid,
			.svc_input = name,
			.svc_status = pm->prm_to,
			.svc_action = pm->prm_action,
			.svc_reason =
			    comment != NULL ? comment : pm->prm_reason,
			.svc_comment = comment,
			.svc_part = member,
			.svc_agency = member };

		if (store_value_change(pm->prm_s, &c, pm->prm_login) != 0)
			goto fail;
		buf_printf(&names, "%s%s", moved > 0 ? "," : "", name);
		buf_printf(pm->prm_names, "%s%s",
		    pm->prm_names->b_len ? "," : "", name);
		moved++;
	}
	if (moved > 0 && pm->prm_refused == 0) {
		if ((partial = member_partial(pm, j, moved)) < 0)
			goto fail;
		struct st_submission_in e = { .ssi_period = pm->prm_p->sp_id,
			.ssi_unit = pm->prm_uid,
			.ssi_agency = member,
			.ssi_event = pm->prm_ev,
			.ssi_inputs = buf_cstr(&names),
			.ssi_count = moved,
			.ssi_partial = partial,
			.ssi_late = app_event_late(pm->prm_p, date_today()) };

		if (store_submission_add(pm->prm_s, &e, pm->prm_login, NULL) !=
		    0)
			goto fail;
	}
	buf_free(&names);
	return moved;
fail:
	buf_free(&names);
	return app_store_error(pm->prm_s, pm->prm_d) == STORE_EBUSY
	    ? STORE_EBUSY
	    : -3;
}

int
app_contrib_move(struct store *s, const struct st_period *p,
    const struct method *m, long uid, const char *unit, const char *agency,
    const char *inputs, enum review_event ev, const char *reason,
    const struct app_comment *comments, int ncomments, const char *login,
    struct buf *names, struct diag *d)
{
	static const struct {
		enum value_status to;
		const char *action;
	} step[REVIEW_NEVENT] = {
		[REVIEW_SUBMIT] = { VALUE_SUBMITTED, "value.submit" },
		[REVIEW_APPROVE] = { VALUE_APPROVED, "value.approve" },
		[REVIEW_RETURN] = { VALUE_RETURNED, "value.return" },
		[REVIEW_REOPEN] = { VALUE_DRAFT, "value.reopen" },
	};
	struct part_move pm;
	struct app_cset *c;
	int j, r, moved = 0;

	if (m->m_ncontrib == 0)
		return 0;
	if (app_cset_load(s, p, m, uid, &c, d) != 0)
		return -3;
	memset(&pm, 0, sizeof(pm));
	pm.prm_s = s;
	pm.prm_p = p;
	pm.prm_m = m;
	pm.prm_c = c;
	pm.prm_uid = uid;
	pm.prm_unit = unit;
	pm.prm_inputs = inputs;
	pm.prm_ev = ev;
	pm.prm_to = step[ev].to;
	pm.prm_action = step[ev].action;
	pm.prm_reason = reason;
	pm.prm_comments = comments;
	pm.prm_ncomments = ncomments;
	pm.prm_login = login;
	pm.prm_names = names;
	pm.prm_d = d;
	for (j = 0; j < c->cbs_nmember; j++) {
		/* an agency named: its parts; none: every member's */
		if (agency != NULL && strcmp(agency, c->cbs_member[j]) != 0)
			continue;
		if ((r = member_move(&pm, j)) < 0) {
			app_cset_free(c);
			return r;
		}
		moved += r;
	}
	app_cset_free(c);
	if (pm.prm_refused > 0) {
		if (ev == REVIEW_SUBMIT)
			diag_add(d, DIAG_ERROR, "submit.incomplete", NULL, 0, 0,
			    "chưa gửi được: %d phần chưa sẵn sàng; không gửi gì",
			    "not submitted: %d parts are not ready; nothing was submitted",
			    pm.prm_refused);
		return -1;
	}
	return moved;
}

/* ---- what a member owes ----------------------------------------------- */

int
app_contrib_owed_load(struct store *s, const struct st_period *p,
    const struct method *m, const char *agency, const char *unit, long uid,
    struct app_cset **out, struct diag *d)
{
	char province[80];

	*out = NULL;
	if (agency == NULL || m->m_ncontrib == 0 ||
	    (unit != NULL &&
		(store_meta_get(s, "province", province, sizeof(province)) !=
			0 ||
		    strcmp(unit, province) != 0)))
		return 0;
	if (app_cset_load(s, p, m, uid, out, d) != 0)
		return -1;
	if (member_index(*out, agency) < 0) {
		app_cset_free(*out);
		*out = NULL;
	}
	return 0;
}

int
app_cset_part(const struct app_cset *c, int in, const char *agency,
    const char **raw, enum value_status *st)
{
	int i, j = member_index(c, agency);

	*raw = NULL;
	if (j < 0 || !member_in(c, in, j))
		return -1;
	if (has_whole(c, in))
		return 1;
	for (i = 0; i < c->cbs_nval; i++) {
		if (c->cbs_val[i].cbp_input == in &&
		    strcmp(c->cbs_val[i].cbp_agency, agency) == 0) {
			*raw = c->cbs_val[i].cbp_raw;
			*st = c->cbs_val[i].cbp_status;
		}
	}
	return 0;
}
