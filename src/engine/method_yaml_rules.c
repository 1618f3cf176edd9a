/*
 * method_yaml_rules.c: loading the data rules of a methodology file, the
 * optional sections plausibility, consistency, evidence and contributions
 * (docs/methodology-format.md, "Data rules"), and resolving for every
 * input the rules it follows. A file without them loads as before. Every
 * error names the file, line and column; loading goes on after one.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/method_yaml.h"
#include "util/numfmt.h"

#define RULE_NUM_MAX 1e15 /* a bound beyond this is a typo */
#define NKINDS 6 /* enum input_kind */

/* kind_numeric(k): 1 for the kinds ranges, sums and comparisons apply to. */
static int
kind_numeric(enum input_kind k)
{
	return k == IK_COUNT || k == IK_AMOUNT || k == IK_NUMBER;
}

/*
 * rule_inputs(l, list, what, out, n): the inputs that sequence ${list}
 * names, into *${out} (malloc'd, the caller frees it) and *${n}; an
 * unknown or repeated name is reported and left out. -1 when ${list} is
 * not a list of 1 to METHOD_MAX_RULE_INPUTS items (reported).
 */
static int
rule_inputs(
    struct ld *l, yaml_node_t *list, const char *what, int **out, int *n)
{
	int i, j, len;

	*out = NULL;
	*n = 0;
	if (method_ld_want_seq(l, list, what) < 0)
		return -1;
	len = ydoc_len(list);
	if (len == 0 || len > METHOD_MAX_RULE_INPUTS) {
		ERR(l, list, "'%s' cần từ 1 đến %d dữ liệu",
		    "'%s' needs 1 to %d inputs", what, METHOD_MAX_RULE_INPUTS);
		return -1;
	}
	*out = xcalloc((size_t)len + 1, sizeof(int));
	for (i = 0; i < len; i++) {
		yaml_node_t *it = ydoc_at(&l->l_doc, list, i);
		const char *s = method_ld_scalar(l, it, what);
		int in;

		if (s == NULL)
			continue;
		in = method_input(l->l_m, s, strlen(s));
		if (in < 0) {
			ERR(l, it, "dữ liệu '%s' không có trong phương pháp",
			    "unknown input '%s'", s);
			continue;
		}
		for (j = 0; j < *n && (*out)[j] != in; j++)
			;
		if (j < *n) {
			ERR(l, it, "dữ liệu '%s' được nêu hai lần trong '%s'",
			    "input '%s' is named twice in '%s'", s, what);
			continue;
		}
		(*out)[(*n)++] = in;
	}
	return 0;
}

/*
 * rule_target(l, e, what, kind, in, n): what entry ${e} applies to: a
 * whole kind (*${kind}) or a list of inputs (*${in}, *${n}; *${kind} -1).
 * Exactly one of 'kind' and 'inputs'; -1 when neither fits (reported).
 */
static int
rule_target(
    struct ld *l, yaml_node_t *e, const char *what, int *kind, int **in, int *n)
{
	yaml_node_t *kn = ydoc_get(&l->l_doc, e, "kind");
	yaml_node_t *ln = ydoc_get(&l->l_doc, e, "inputs");
	const char *s;
	enum input_kind k;

	*kind = -1;
	*in = NULL;
	*n = 0;
	if ((kn == NULL) == (ln == NULL)) {
		ERR(l, e,
		    "mỗi mục của '%s' có đúng một trong 'kind' và 'inputs'",
		    "each entry of '%s' has exactly one of 'kind' and 'inputs'",
		    what);
		return -1;
	}
	if (ln != NULL)
		return rule_inputs(l, ln, "inputs", in, n);
	s = method_ld_scalar(l, kn, "kind");
	if (s == NULL)
		return -1;
	if (method_ld_kind(s, &k) < 0) {
		ERR(l, kn,
		    "loại dữ liệu '%s' không hợp lệ (count, amount, number, yesno, choice, text)",
		    "unknown input kind '%s' (count, amount, number, yesno, choice, text)",
		    s);
		return -1;
	}
	*kind = (int)k;
	return 0;
}

/*
 * rule_num(l, e, key, out): the number under ${key} of entry ${e} into
 * ${out}: 1, 0 when absent, -1 when it is not a number of the exchange
 * format (numfmt_read(), NUMFMT_MACHINE) of at most 10^15 in size
 * (reported).
 */
static int
rule_num(struct ld *l, yaml_node_t *e, const char *key, double *out)
{
	yaml_node_t *n = ydoc_get(&l->l_doc, e, key);
	struct diag why;
	const char *s;
	int rc = -1;

	if (n == NULL)
		return 0;
	s = method_ld_scalar(l, n, key);
	if (s == NULL)
		return -1;
	/* the exchange format's numbers: "1.000" is ambiguous, refused */
	diag_init(&why);
	if (numfmt_read(s, strlen(s), NUMFMT_MACHINE, out, &why) < 0)
		ERR(l, n,
		    "'%s' phải là một số (dấu chấm thập phân, không quá 10^15), không phải '%s': %s%.0s",
		    "'%s' must be a number (decimal point, at most 10^15), not '%s': %.0s%s",
		    key, s, why.d_items[0].di_vi, why.d_items[0].di_en);
	else if (!(fabs(*out) <= RULE_NUM_MAX))
		ERR(l, n,
		    "'%s' phải là một số (dấu chấm thập phân, không quá 10^15), không phải '%s'",
		    "'%s' must be a number (decimal point, at most 10^15), not '%s'",
		    key, s);
	else
		rc = 1;
	diag_free(&why);
	return rc;
}

/*
 * claim(l, at, seen, idx, what, name): record that an entry at ${at}
 * covers item ${idx} of ${seen} (lines of earlier entries, 0: none);
 * report a second entry for the same input or kind ${name}.
 */
static void
claim(struct ld *l, yaml_node_t *at, long *seen, int idx, const char *what,
    const char *name)
{
	if (seen[idx] != 0)
		ERR(l, at,
		    "'%s' đã có một mục của '%s' ở dòng %ld: mỗi dữ liệu hay loại chỉ có một",
		    "'%s' already has an entry of '%s' at line %ld: one per input or kind",
		    name, what, seen[idx]);
	else
		seen[idx] = ydoc_line(at);
}

/* section(l, list, what): the number of entries of section ${list}, or -1. */
static int
section(struct ld *l, yaml_node_t *list, const char *what)
{
	if (list == NULL || method_ld_want_seq(l, list, what) < 0)
		return -1;
	if (ydoc_len(list) > METHOD_MAX_RULES) {
		ERR(l, list, "'%s' có quá nhiều mục (tối đa %d)",
		    "'%s' has too many entries (at most %d)", what,
		    METHOD_MAX_RULES);
		return -1;
	}
	return ydoc_len(list);
}

/* plaus_bounds(l, e, p): min, max and change of entry ${e}; -1 if bad. */
static int
plaus_bounds(struct ld *l, yaml_node_t *e, struct m_plaus *p)
{
	int rmin = rule_num(l, e, "min", &p->mpl_min);
	int rmax = rule_num(l, e, "max", &p->mpl_max);
	int rch = rule_num(l, e, "change", &p->mpl_change);

	if (rmin < 0 || rmax < 0 || rch < 0)
		return -1;
	p->mpl_has_min = rmin;
	p->mpl_has_max = rmax;
	if (rch == 0)
		p->mpl_change = 0;
	if (!rmin && !rmax && !rch) {
		ERR(l, e,
		    "mục của 'plausibility' cần ít nhất một trong min, max, change",
		    "a 'plausibility' entry needs at least one of min, max, change");
		return -1;
	}
	if (rmin && rmax && p->mpl_min > p->mpl_max) {
		ERR(l, ydoc_get(&l->l_doc, e, "min"),
		    "min (%g) lớn hơn max (%g)", "min (%g) is above max (%g)",
		    p->mpl_min, p->mpl_max);
		return -1;
	}
	/* a factor of 1 or less would warn on every value that moves */
	if (rch && !(p->mpl_change > 1)) {
		ERR(l, ydoc_get(&l->l_doc, e, "change"),
		    "hệ số thay đổi 'change' phải lớn hơn 1, không phải %g",
		    "the change factor must be above 1, not %g", p->mpl_change);
		return -1;
	}
	return 0;
}

/*
 * plaus_fits(l, e, p): a range and change factor apply to numbers only:
 * the kind or every input of ${p} must be count, amount or number.
 */
static int
plaus_fits(struct ld *l, yaml_node_t *e, const struct m_plaus *p)
{
	const struct method *m = l->l_m;
	int i, ok = 1;

	if (p->mpl_kind >= 0 && !kind_numeric((enum input_kind)p->mpl_kind)) {
		ERR(l, ydoc_get(&l->l_doc, e, "kind"),
		    "'plausibility' chỉ dùng cho dữ liệu số (count, amount, number), không cho '%s'",
		    "'plausibility' applies to numbers (count, amount, number), not to '%s'",
		    method_kind_name((enum input_kind)p->mpl_kind));
		return 0;
	}
	for (i = 0; i < p->mpl_ninputs; i++) {
		const struct m_input *in = &m->m_inputs[p->mpl_inputs[i]];

		if (!kind_numeric(in->mi_kind)) {
			ERR(l, ydoc_get(&l->l_doc, e, "inputs"),
			    "'plausibility' chỉ dùng cho dữ liệu số (count, amount, number); '%s' là '%s'",
			    "'plausibility' applies to numbers (count, amount, number); '%s' is '%s'",
			    in->mi_name, method_kind_name(in->mi_kind));
			ok = 0;
		}
	}
	return ok;
}

static void
load_plaus(struct ld *l, yaml_node_t *list)
{
	static const char *const keys[] = { "inputs", "kind", "min", "max",
		"change", "message", NULL };
	struct method *m = l->l_m;
	long *seen, kseen[NKINDS] = { 0 };
	int i, j, n = section(l, list, "plausibility");

	if (n < 0)
		return;
	m->m_plaus = xcalloc((size_t)n + 1, sizeof(*m->m_plaus));
	seen = xcalloc((size_t)m->m_ninputs + 1, sizeof(long));
	for (i = 0; i < n; i++) {
		yaml_node_t *e = ydoc_at(&l->l_doc, list, i);
		struct m_plaus *p = &m->m_plaus[m->m_nplaus];

		if (method_ld_keys(l, e, "plausibility", keys) < 0 &&
		    e->type != YAML_MAPPING_NODE)
			continue;
		if (rule_target(l, e, "plausibility", &p->mpl_kind,
			&p->mpl_inputs, &p->mpl_ninputs) < 0 ||
		    plaus_bounds(l, e, p) < 0 || !plaus_fits(l, e, p)) {
			free(p->mpl_inputs);
			memset(p, 0, sizeof(*p));
			continue;
		}
		if (p->mpl_kind >= 0)
			claim(l, e, kseen, p->mpl_kind, "plausibility",
			    method_kind_name((enum input_kind)p->mpl_kind));
		for (j = 0; j < p->mpl_ninputs; j++)
			claim(l, e, seen, p->mpl_inputs[j], "plausibility",
			    m->m_inputs[p->mpl_inputs[j]].mi_name);
		p->mpl_message =
		    method_ld_str(l, e, "message", 0, "plausibility");
		m->m_nplaus++;
	}
	free(seen);
}

/*
 * consist_fits(l, at, c): the inputs of rule ${c} are of one kind, numbers
 * for at_most, not text or choice for same; 0 when they are not (reported).
 */
static int
consist_fits(struct ld *l, yaml_node_t *at, const struct m_consist *c)
{
	const struct m_input *in = l->l_m->m_inputs;
	enum input_kind k = in[c->mcs_inputs[0]].mi_kind;
	int i;

	for (i = 1; i < c->mcs_ninputs; i++) {
		const struct m_input *o = &in[c->mcs_inputs[i]];

		if (o->mi_kind != k) {
			ERR(l, at,
			    "'%s' là '%s' còn '%s' là '%s': một quy tắc so sánh dữ liệu cùng loại",
			    "'%s' is '%s' but '%s' is '%s': a rule compares inputs of one kind",
			    in[c->mcs_inputs[0]].mi_name, method_kind_name(k),
			    o->mi_name, method_kind_name(o->mi_kind));
			return 0;
		}
	}
	if (c->mcs_kind == MK_AT_MOST ? !kind_numeric(k)
				      : (k == IK_TEXT || k == IK_CHOICE)) {
		ERR(l, at, "'%s' không dùng được cho dữ liệu loại '%s'",
		    "'%s' cannot compare inputs of kind '%s'",
		    c->mcs_kind == MK_AT_MOST ? "at_most" : "same",
		    method_kind_name(k));
		return 0;
	}
	return 1;
}

static void
load_consist(struct ld *l, yaml_node_t *list)
{
	static const char *const keys[] = { "same", "at_most", "message",
		NULL };
	struct method *m = l->l_m;
	int i, before, n = section(l, list, "consistency");

	if (n < 0)
		return;
	m->m_consist = xcalloc((size_t)n + 1, sizeof(*m->m_consist));
	for (i = 0; i < n; i++) {
		yaml_node_t *e = ydoc_at(&l->l_doc, list, i), *same, *most;
		struct m_consist *c = &m->m_consist[m->m_nconsist];

		if (method_ld_keys(l, e, "consistency", keys) < 0 &&
		    e->type != YAML_MAPPING_NODE)
			continue;
		same = ydoc_get(&l->l_doc, e, "same");
		most = ydoc_get(&l->l_doc, e, "at_most");
		if ((same == NULL) == (most == NULL)) {
			ERR(l, e,
			    "mỗi mục của 'consistency' có đúng một trong 'same' và 'at_most'",
			    "each entry of 'consistency' has exactly one of 'same' and 'at_most'");
			continue;
		}
		c->mcs_kind = same != NULL ? MK_SAME : MK_AT_MOST;
		before = l->l_errors;
		/* an unknown name is reported; not again as too few inputs */
		if (rule_inputs(l, same != NULL ? same : most,
			same != NULL ? "same" : "at_most", &c->mcs_inputs,
			&c->mcs_ninputs) < 0 ||
		    l->l_errors != before) {
			free(c->mcs_inputs);
			memset(c, 0, sizeof(*c));
			continue;
		}
		if ((same != NULL && c->mcs_ninputs < 2) ||
		    (most != NULL && c->mcs_ninputs != 2)) {
			ERR(l, same != NULL ? same : most,
			    same != NULL
				? "'same' cần ít nhất hai dữ liệu khác nhau"
				: "'at_most' cần đúng hai dữ liệu: [nhỏ hơn hoặc bằng, lớn hơn hoặc bằng]",
			    same != NULL
				? "'same' needs at least two different inputs"
				: "'at_most' needs exactly two inputs: [lower or equal, greater or equal]");
			free(c->mcs_inputs);
			memset(c, 0, sizeof(*c));
			continue;
		}
		if (!consist_fits(l, same != NULL ? same : most, c)) {
			free(c->mcs_inputs);
			memset(c, 0, sizeof(*c));
			continue;
		}
		c->mcs_message =
		    method_ld_str(l, e, "message", 0, "consistency");
		m->m_nconsist++;
	}
}

static void
load_evid(struct ld *l, yaml_node_t *list)
{
	static const char *const keys[] = { "inputs", "kind", "policy", NULL };
	struct method *m = l->l_m;
	long *seen, kseen[NKINDS] = { 0 };
	int i, j, n = section(l, list, "evidence");

	if (n < 0)
		return;
	m->m_evid = xcalloc((size_t)n + 1, sizeof(*m->m_evid));
	seen = xcalloc((size_t)m->m_ninputs + 1, sizeof(long));
	for (i = 0; i < n; i++) {
		yaml_node_t *e = ydoc_at(&l->l_doc, list, i);
		struct m_evid *v = &m->m_evid[m->m_nevid];
		char *pol;

		if (method_ld_keys(l, e, "evidence", keys) < 0 &&
		    e->type != YAML_MAPPING_NODE)
			continue;
		pol = method_ld_str(l, e, "policy", 1, "evidence");
		if (rule_target(l, e, "evidence", &v->mev_kind, &v->mev_inputs,
			&v->mev_ninputs) < 0 ||
		    pol == NULL) {
			free(pol);
			free(v->mev_inputs);
			memset(v, 0, sizeof(*v));
			continue;
		}
		if (strcmp(pol, "required") == 0)
			v->mev_policy = MEV_REQUIRED;
		else if (strcmp(pol, "optional") == 0)
			v->mev_policy = MEV_OPTIONAL;
		else
			ERR(l, ydoc_get(&l->l_doc, e, "policy"),
			    "chính sách minh chứng '%s' không hợp lệ (required, optional)",
			    "evidence policy '%s' is not required or optional",
			    pol);
		free(pol);
		if (v->mev_kind >= 0)
			claim(l, e, kseen, v->mev_kind, "evidence",
			    method_kind_name((enum input_kind)v->mev_kind));
		for (j = 0; j < v->mev_ninputs; j++)
			claim(l, e, seen, v->mev_inputs[j], "evidence",
			    m->m_inputs[v->mev_inputs[j]].mi_name);
		m->m_nevid++;
	}
	free(seen);
}

/* What kind of input each aggregation needs, for the error. */
static const struct {
	const char *need_vi;
	const char *need_en;
} aggs[] = {
	[MA_SUM] = { "cần dữ liệu số (count, amount, number)",
	    "needs a number input (count, amount, number)" },
	[MA_ALL] = { "cần dữ liệu có/không (yesno)",
	    "needs a yes/no input (yesno)" },
	[MA_ANY] = { "cần dữ liệu có/không (yesno)",
	    "needs a yes/no input (yesno)" },
	[MA_COUNT_YES] = { "cần dữ liệu đếm (count), các phần là có/không",
	    "needs a count input, whose parts are yes/no" },
	[MA_MIN] = { "cần dữ liệu số (count, amount, number)",
	    "needs a number input (count, amount, number)" },
	[MA_WORST] = { "cần dữ liệu lựa chọn (choice)",
	    "needs a choice input" },
};

/* agg_fits(a, k): 1 when aggregation ${a} gives a value of kind ${k}. */
static int
agg_fits(enum m_aggregate a, enum input_kind k)
{
	switch (a) {
	case MA_SUM:
	case MA_MIN: return kind_numeric(k);
	case MA_ALL:
	case MA_ANY: return k == IK_YESNO;
	case MA_COUNT_YES: return k == IK_COUNT;
	case MA_WORST: return k == IK_CHOICE;
	}
	return 0;
}

/*
 * contrib_by(l, n, c): the collectives of ${n}, one code or a list, into
 * ${c}; each must be an agency of kind group. -1 when none is (reported).
 */
static int
contrib_by(struct ld *l, yaml_node_t *n, struct m_contrib *c)
{
	int i, j, len = n->type == YAML_SEQUENCE_NODE ? ydoc_len(n) : 1;

	if (len == 0 || len > METHOD_MAX_RULE_INPUTS) {
		ERR(l, n, "'by' cần từ 1 đến %d tập thể",
		    "'by' needs 1 to %d collectives", METHOD_MAX_RULE_INPUTS);
		return -1;
	}
	c->mcb_by = xcalloc((size_t)len + 1, sizeof(int));
	for (i = 0; i < len; i++) {
		yaml_node_t *it = n->type == YAML_SEQUENCE_NODE
		    ? ydoc_at(&l->l_doc, n, i)
		    : n;
		const char *s = method_ld_scalar(l, it, "by");
		long a;

		if (s == NULL)
			continue;
		a = strmap_get(&l->l_agency, s, strlen(s));
		if (a < 0) {
			ERR(l, it,
			    "cơ quan '%s' chưa được khai báo trong 'agencies'",
			    "agency '%s' is not declared in 'agencies'", s);
			continue;
		}
		if (!l->l_m->m_agencies[a].ma_is_group) {
			ERR(l, it,
			    "'%s' không phải một tập thể (kind: group): chỉ thành viên của một tập thể mới góp phần",
			    "'%s' is not a collective (kind: group): only the members of a collective contribute parts",
			    s);
			continue;
		}
		for (j = 0; j < c->mcb_nby && c->mcb_by[j] != (int)a; j++)
			;
		if (j < c->mcb_nby) {
			ERR(l, it, "tập thể '%s' được nêu hai lần trong 'by'",
			    "collective '%s' is named twice in 'by'", s);
			continue;
		}
		c->mcb_by[c->mcb_nby++] = (int)a;
	}
	return c->mcb_nby > 0 ? 0 : -1;
}

/* contrib_agg(l, e, c): the 'aggregate' of entry ${e}; -1 if bad. */
static int
contrib_agg(struct ld *l, yaml_node_t *e, struct m_contrib *c)
{
	yaml_node_t *an = ydoc_get(&l->l_doc, e, "aggregate");
	const char *s;
	int a, i, ok = 1;

	if (an == NULL) {
		ERR(l, e, "'contributions' thiếu trường 'aggregate'",
		    "'contributions' lacks the field 'aggregate'");
		return -1;
	}
	s = method_ld_scalar(l, an, "aggregate");
	if (s == NULL)
		return -1;
	for (a = 0; a <= MA_WORST &&
	     strcmp(method_aggregate_name((enum m_aggregate)a), s) != 0;
	     a++)
		;
	if (a > MA_WORST) {
		ERR(l, an,
		    "cách tổng hợp '%s' không hợp lệ (sum, all, any, count_yes, min, worst)",
		    "unknown aggregate '%s' (sum, all, any, count_yes, min, worst)",
		    s);
		return -1;
	}
	c->mcb_agg = (enum m_aggregate)a;
	for (i = 0; i < c->mcb_ninputs; i++) {
		const struct m_input *in = &l->l_m->m_inputs[c->mcb_inputs[i]];

		if (!agg_fits(c->mcb_agg, in->mi_kind)) {
			ERR(l, an,
			    "cách tổng hợp '%s' không dùng được cho dữ liệu '%s' (%s): %s%.0s",
			    "aggregate '%s' does not fit input '%s' (%s): %.0s%s",
			    s, in->mi_name, method_kind_name(in->mi_kind),
			    aggs[a].need_vi, aggs[a].need_en);
			ok = 0;
		}
	}
	return ok ? 0 : -1;
}

static void
load_contrib(struct ld *l, yaml_node_t *list)
{
	static const char *const keys[] = { "inputs", "by", "aggregate", NULL };
	struct method *m = l->l_m;
	long *seen;
	int i, j, n = section(l, list, "contributions");

	if (n < 0)
		return;
	m->m_contrib = xcalloc((size_t)n + 1, sizeof(*m->m_contrib));
	seen = xcalloc((size_t)m->m_ninputs + 1, sizeof(long));
	for (i = 0; i < n; i++) {
		yaml_node_t *e = ydoc_at(&l->l_doc, list, i), *in, *by;
		struct m_contrib *c = &m->m_contrib[m->m_ncontrib];

		if (method_ld_keys(l, e, "contributions", keys) < 0 &&
		    e->type != YAML_MAPPING_NODE)
			continue;
		in = ydoc_get(&l->l_doc, e, "inputs");
		by = ydoc_get(&l->l_doc, e, "by");
		if (in == NULL || by == NULL) {
			ERR(l, e, "'contributions' thiếu trường '%s'",
			    "'contributions' lacks the field '%s'",
			    in == NULL ? "inputs" : "by");
			continue;
		}
		if (rule_inputs(
			l, in, "inputs", &c->mcb_inputs, &c->mcb_ninputs) < 0 ||
		    contrib_by(l, by, c) < 0 || contrib_agg(l, e, c) < 0) {
			free(c->mcb_inputs);
			free(c->mcb_by);
			memset(c, 0, sizeof(*c));
			continue;
		}
		for (j = 0; j < c->mcb_ninputs; j++)
			claim(l, e, seen, c->mcb_inputs[j], "contributions",
			    m->m_inputs[c->mcb_inputs[j]].mi_name);
		m->m_ncontrib++;
	}
	free(seen);
}

/*
 * resolve(m): the rules each input follows: an entry that names the input
 * wins over one for its whole kind.
 */
static void
resolve(struct method *m)
{
	int kplaus[NKINDS], kevid[NKINDS], i, j;

	for (i = 0; i < NKINDS; i++)
		kplaus[i] = kevid[i] = -1;
	for (i = 0; i < m->m_nplaus; i++)
		if (m->m_plaus[i].mpl_kind >= 0)
			kplaus[m->m_plaus[i].mpl_kind] = i;
	for (i = 0; i < m->m_nevid; i++)
		if (m->m_evid[i].mev_kind >= 0)
			kevid[m->m_evid[i].mev_kind] =
			    m->m_evid[i].mev_policy == MEV_REQUIRED;
	for (i = 0; i < m->m_ninputs; i++) {
		struct m_input *in = &m->m_inputs[i];

		in->mi_plaus = kplaus[in->mi_kind];
		in->mi_evidence = kevid[in->mi_kind] == 1;
		in->mi_contrib = -1;
	}
	for (i = 0; i < m->m_nplaus; i++)
		for (j = 0; j < m->m_plaus[i].mpl_ninputs; j++)
			m->m_inputs[m->m_plaus[i].mpl_inputs[j]].mi_plaus = i;
	for (i = 0; i < m->m_nevid; i++)
		for (j = 0; j < m->m_evid[i].mev_ninputs; j++)
			m->m_inputs[m->m_evid[i].mev_inputs[j]].mi_evidence =
			    m->m_evid[i].mev_policy == MEV_REQUIRED;
	for (i = 0; i < m->m_ncontrib; i++)
		for (j = 0; j < m->m_contrib[i].mcb_ninputs; j++)
			m->m_inputs[m->m_contrib[i].mcb_inputs[j]].mi_contrib =
			    i;
}

void
method_ld_rules(struct ld *l, yaml_node_t *root)
{
	load_plaus(l, ydoc_get(&l->l_doc, root, "plausibility"));
	load_consist(l, ydoc_get(&l->l_doc, root, "consistency"));
	load_evid(l, ydoc_get(&l->l_doc, root, "evidence"));
	load_contrib(l, ydoc_get(&l->l_doc, root, "contributions"));
	resolve(l->l_m);
}
