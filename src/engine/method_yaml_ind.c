/*
 * method_yaml_ind.c: loading indicators and their parts, inputs, rules,
 * checks and alternatives from a methodology file.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/method_yaml.h"

static const char *const input_keys[] = { "name", "var", "kind", "label",
	"unit", "options", NULL };

int
method_ld_kind(const char *s, enum input_kind *k)
{
	static const char *const names[] = { "count", "amount", "number",
		"yesno", "choice", "text" };
	int i;

	for (i = 0; i < 6; i++) {
		if (strcmp(names[i], s) == 0) {
			*k = (enum input_kind)i;
			return 0;
		}
	}
	return -1;
}

const char *
method_kind_name(enum input_kind k)
{
	static const char *const names[] = { "count", "amount", "number",
		"yesno", "choice", "text" };

	return (unsigned)k < 6 ? names[k] : "?";
}

/*
 * input_new(l, n, name, indicator, general): a new input ${name} (taken,
 * freed with the method) after the checks of its name; its index, or -1
 * (${name} freed) past METHOD_MAX_INPUTS.
 */
static int
input_new(struct ld *l, yaml_node_t *n, char *name, int indicator, int general)
{
	struct method *m = l->l_m;
	struct m_input *in;
	int idx;

	if (!method_ld_is_code(name)) {
		ERR(l, ydoc_get(&l->l_doc, n, general >= 0 ? "code" : "name"),
		    "tên dữ liệu '%s' chỉ gồm chữ, số, '.', '_' và '-'",
		    "input name '%s' may hold only letters, digits, '.', '_' and '-'",
		    name);
	}
	if (m->m_ninputs >= METHOD_MAX_INPUTS) {
		ERR(l, n, "quá nhiều dữ liệu đầu vào (tối đa %d)",
		    "too many inputs (at most %d)", METHOD_MAX_INPUTS);
		free(name);
		return -1;
	}
	if (strmap_get(&m->m_input_map, name, strlen(name)) >= 0)
		ERR(l, ydoc_get(&l->l_doc, n, "name"),
		    "dữ liệu '%s' bị khai báo hai lần",
		    "input '%s' is declared twice", name);
	idx = m->m_ninputs++;
	m->m_inputs = xreallocarray(
	    m->m_inputs, (size_t)m->m_ninputs, sizeof(*m->m_inputs));
	in = &m->m_inputs[idx];
	memset(in, 0, sizeof(*in));
	in->mi_name = name;
	in->mi_indicator = indicator;
	in->mi_general = general;
	in->mi_plaus = -1; /* data rules: method_yaml_rules.c resolves them */
	in->mi_contrib = -1;
	strmap_put(&m->m_input_map, name, strlen(name), idx);
	return idx;
}

/*
 * input_var(l, n, in, owner_code): the identifier rules use for ${in}: its
 * 'var', else its name after the owner's code ("3.3.a" -> "a"), "x" when
 * the name is the code itself.
 */
static void
input_var(
    struct ld *l, yaml_node_t *n, struct m_input *in, const char *owner_code)
{
	size_t cl = strlen(owner_code);
	const char *name = in->mi_name;

	in->mi_var = method_ld_str(l, n, "var", 0, "input");
	if (in->mi_var == NULL) {
		if (strcmp(name, owner_code) == 0)
			in->mi_var = xstrdup("x");
		else if (strncmp(name, owner_code, cl) == 0 && name[cl] == '.')
			in->mi_var = xstrdup(name + cl + 1);
		else
			in->mi_var = xstrdup(name);
	}
	if (!method_ld_is_ident(in->mi_var) ||
	    method_ld_is_reserved(in->mi_var))
		ERR(l, n,
		    "tên biến '%s' của dữ liệu '%s' không dùng được trong công thức; đặt 'var'",
		    "variable '%s' of input '%s' is not a usable identifier; set 'var'",
		    in->mi_var, name);
}

/* input_options(l, n, in): the options of a choice input, and only of one. */
static void
input_options(struct ld *l, yaml_node_t *n, struct m_input *in)
{
	static const char *const okeys[] = { "code", "label", NULL };
	yaml_node_t *opts = ydoc_get(&l->l_doc, n, "options");
	int i, j;

	if (in->mi_kind != IK_CHOICE) {
		if (opts != NULL)
			ERR(l, opts,
			    "chỉ dữ liệu lựa chọn (choice) mới có 'options'",
			    "only choice inputs have 'options'");
		return;
	}
	if (opts == NULL || method_ld_want_seq(l, opts, "options") < 0 ||
	    ydoc_len(opts) == 0) {
		ERR(l, n, "dữ liệu lựa chọn '%s' cần danh sách 'options'",
		    "choice input '%s' needs a list of 'options'", in->mi_name);
		return;
	}
	in->mi_noptions = ydoc_len(opts);
	in->mi_options =
	    xcalloc((size_t)in->mi_noptions, sizeof(*in->mi_options));
	in->mi_codes = xcalloc((size_t)in->mi_noptions + 1, sizeof(char *));
	for (i = 0; i < in->mi_noptions; i++) {
		yaml_node_t *o = ydoc_at(&l->l_doc, opts, i);

		method_ld_keys(l, o, "option", okeys);
		in->mi_options[i].mo_code =
		    method_ld_str(l, o, "code", 1, "option");
		in->mi_options[i].mo_label =
		    method_ld_str(l, o, "label", 0, "option");
		if (in->mi_options[i].mo_code == NULL)
			in->mi_options[i].mo_code = xstrdup("");
		in->mi_codes[i] = in->mi_options[i].mo_code;
		for (j = 0; j < i; j++) {
			if (strcmp(in->mi_codes[j], in->mi_codes[i]) == 0)
				ERR(l, o, "lựa chọn '%s' bị trùng",
				    "duplicate option '%s'", in->mi_codes[i]);
		}
	}
}

int
method_ld_input(struct ld *l, yaml_node_t *n, const char *owner_code,
    int indicator, int general)
{
	struct m_input *in;
	char *name, *kind;
	int idx;

	/* a general item is its own input, named by its code */
	if (general >= 0) {
		name = xstrdup(owner_code);
	} else {
		if (method_ld_keys(l, n, "input", input_keys) < 0 &&
		    n->type != YAML_MAPPING_NODE)
			return -1;
		name = method_ld_str(l, n, "name", 1, "input");
	}
	kind = method_ld_str(l, n, "kind", 1, "input");
	if (name == NULL || kind == NULL) {
		free(name);
		free(kind);
		return -1;
	}
	idx = input_new(l, n, name, indicator, general);
	if (idx < 0) {
		free(kind);
		return -1;
	}
	in = &l->l_m->m_inputs[idx];
	if (method_ld_kind(kind, &in->mi_kind) < 0)
		ERR(l, ydoc_get(&l->l_doc, n, "kind"),
		    "loại dữ liệu '%s' không hợp lệ (count, amount, number, yesno, choice, text)",
		    "unknown input kind '%s' (count, amount, number, yesno, choice, text)",
		    kind);
	free(kind);
	in->mi_label = method_ld_str(l, n, "label", 0, "input");
	if (in->mi_label == NULL && general >= 0)
		in->mi_label = method_ld_str(l, n, "name", 0, "input");
	in->mi_unit = method_ld_str(l, n, "unit", 0, "input");
	input_var(l, n, in, owner_code);
	input_options(l, n, in);
	return idx;
}

/* Identifier resolution for indicator rules: the indicator's inputs. */
struct rule_ctx {
	const struct method *rc_m;
	const struct m_indicator *rc_ind;
	int *rc_used; /* inputs read, in order (checks) */
	int rc_nused;
};

static int
rule_resolve(void *vctx, const char *name, size_t len, struct expr_sym *out)
{
	struct rule_ctx *c = vctx;
	int i, k;

	if (len == 6 && memcmp(name, "points", 6) == 0) {
		out->es_kind = SYM_CONST;
		out->es_value = c->rc_ind->mn_points;
		return 0;
	}
	for (i = 0; i < c->rc_ind->mn_ninputs; i++) {
		const struct m_input *in =
		    &c->rc_m->m_inputs[c->rc_ind->mn_inputs[i]];

		if (strlen(in->mi_var) == len &&
		    memcmp(in->mi_var, name, len) == 0) {
			out->es_kind = SYM_SLOT;
			out->es_slot = c->rc_ind->mn_inputs[i];
			out->es_is_choice = in->mi_kind == IK_CHOICE;
			out->es_is_text = in->mi_kind == IK_TEXT;
			out->es_options = in->mi_codes;
			out->es_noptions = in->mi_noptions;
			if (c->rc_used != NULL) {
				for (k = 0; k < c->rc_nused; k++)
					if (c->rc_used[k] == out->es_slot)
						break;
				if (k == c->rc_nused)
					c->rc_used[c->rc_nused++] =
					    out->es_slot;
			}
			return 0;
		}
	}
	return -1;
}

static struct expr *
compile_at(struct ld *l, yaml_node_t *n, const char *what,
    const struct m_indicator *ind, int allow_cross, struct rule_ctx *rc)
{
	struct expr_env env;

	if (method_ld_scalar(l, n, what) == NULL)
		return NULL;
	rc->rc_m = l->l_m;
	rc->rc_ind = ind;
	env.ee_resolve = rule_resolve;
	env.ee_ctx = rc;
	env.ee_allow_cross = allow_cross;
	return method_ld_compile(l, n, what, ind->mn_code, &env);
}

static const char *const ind_keys[] = { "code", "name", "points", "lead",
	"coordinators", "inputs", "rule", "score", "checks", "notes",
	"alternatives", "parts", NULL };

static void
load_checks(struct ld *l, yaml_node_t *list, int idx)
{
	struct m_indicator *ind;
	int i, n;

	if (list == NULL || method_ld_want_seq(l, list, "checks") < 0)
		return;
	n = ydoc_len(list);
	ind = &l->l_m->m_ind[idx];
	ind->mn_checks = xcalloc((size_t)n + 1, sizeof(*ind->mn_checks));
	for (i = 0; i < n; i++) {
		static const char *const ckeys[] = { "expr", "message", NULL };
		yaml_node_t *c = ydoc_at(&l->l_doc, list, i), *src = c;
		struct m_check *ck;
		struct rule_ctx rc;
		int used[EXPR_MAX_NODES];

		ind = &l->l_m->m_ind[idx];
		ck = &ind->mn_checks[ind->mn_nchecks];
		memset(ck, 0, sizeof(*ck));
		if (c->type == YAML_MAPPING_NODE) {
			method_ld_keys(l, c, "check", ckeys);
			src = ydoc_get(&l->l_doc, c, "expr");
			ck->mc_message =
			    method_ld_str(l, c, "message", 0, "check");
			if (src == NULL) {
				ERR(l, c, "điều kiện kiểm tra thiếu 'expr'",
				    "check lacks 'expr'");
				free(ck->mc_message);
				continue;
			}
		}
		memset(&rc, 0, sizeof(rc));
		rc.rc_used = used;
		ck->mc_expr = compile_at(l, src, "checks", ind, 0, &rc);
		if (ck->mc_expr == NULL) {
			free(ck->mc_message);
			continue;
		}
		ck->mc_src = xstrdup((const char *)src->data.scalar.value);
		ck->mc_ninputs = rc.rc_nused;
		ck->mc_inputs = xcalloc((size_t)rc.rc_nused + 1, sizeof(int));
		memcpy(ck->mc_inputs, used, (size_t)rc.rc_nused * sizeof(int));
		ind->mn_nchecks++;
	}
}

static void
load_alts(struct ld *l, yaml_node_t *list, int idx)
{
	struct m_indicator *ind = &l->l_m->m_ind[idx];
	int i, n;

	if (list == NULL || method_ld_want_seq(l, list, "alternatives") < 0)
		return;
	n = ydoc_len(list);
	ind->mn_alts = xcalloc((size_t)n + 1, sizeof(*ind->mn_alts));
	for (i = 0; i < n; i++) {
		static const char *const akeys[] = { "note", "score", NULL };
		yaml_node_t *a = ydoc_at(&l->l_doc, list, i), *sc;
		struct m_alt *alt = &ind->mn_alts[ind->mn_nalts];
		struct rule_ctx rc;

		if (method_ld_keys(l, a, "alternative", akeys) < 0 &&
		    a->type != YAML_MAPPING_NODE)
			continue;
		alt->mt_note = method_ld_str(l, a, "note", 1, "alternative");
		sc = ydoc_get(&l->l_doc, a, "score");
		if (sc == NULL) {
			ERR(l, a, "cách đọc khác thiếu 'score'",
			    "alternative lacks 'score'");
			free(alt->mt_note);
			continue;
		}
		memset(&rc, 0, sizeof(rc));
		alt->mt_expr = compile_at(l, sc, "alternatives", ind, 1, &rc);
		alt->mt_score = xstrdup(sc->type == YAML_SCALAR_NODE
			? (const char *)sc->data.scalar.value
			: "");
		ind->mn_nalts++;
	}
}

/* indicator_notes(l, notes, ind): the list of notes of ${ind}, if any. */
static void
indicator_notes(struct ld *l, yaml_node_t *notes, struct m_indicator *ind)
{
	int i;

	if (notes == NULL || method_ld_want_seq(l, notes, "notes") != 0)
		return;
	ind->mn_notes = xcalloc((size_t)ydoc_len(notes) + 1, sizeof(char *));
	for (i = 0; i < ydoc_len(notes); i++) {
		const char *s =
		    method_ld_scalar(l, ydoc_at(&l->l_doc, notes, i), "notes");

		if (s != NULL)
			ind->mn_notes[ind->mn_nnotes++] = xstrdup(s);
	}
}

/*
 * indicator_new(l, n, group, parent): a new indicator from mapping ${n},
 * with its code, name, points, agencies, rule text and notes; its index,
 * or -1 when ${n} cannot be one.
 */
static int
indicator_new(struct ld *l, yaml_node_t *n, int group, int parent)
{
	struct method *m = l->l_m;
	struct m_indicator *ind;
	char *code;
	int idx;

	if (n->type != YAML_MAPPING_NODE) {
		ERR(l, n, "mỗi chỉ số phải là một bảng khóa: giá trị",
		    "each indicator must be a mapping");
		return -1;
	}
	method_ld_keys(l, n, "indicator", ind_keys);
	code = method_ld_str(l, n, "code", 1, "indicator");
	if (code == NULL)
		return -1;
	if (!method_ld_is_code(code))
		ERR(l, ydoc_get(&l->l_doc, n, "code"),
		    "mã chỉ số '%s' chỉ gồm chữ, số, '.', '_' và '-'",
		    "indicator code '%s' may hold only letters, digits, '.', '_' and '-'",
		    code);
	if (m->m_nind >= METHOD_MAX_INDICATORS) {
		ERR(l, n, "quá nhiều chỉ số (tối đa %d)",
		    "too many indicators (at most %d)", METHOD_MAX_INDICATORS);
		free(code);
		return -1;
	}
	method_ld_add_code(l, ydoc_get(&l->l_doc, n, "code"), code);
	idx = m->m_nind++;
	m->m_ind =
	    xreallocarray(m->m_ind, (size_t)m->m_nind, sizeof(*m->m_ind));
	ind = &m->m_ind[idx];
	memset(ind, 0, sizeof(*ind));
	ind->mn_code = code;
	ind->mn_group = group;
	ind->mn_parent = parent;
	strmap_put(&m->m_code_map, code, strlen(code), idx);
	ind->mn_name = method_ld_str(l, n, "name", 1, code);
	method_ld_num(l, n, "points", 1, code, &ind->mn_points);
	method_ld_roles(
	    l, n, code, &ind->mn_lead, &ind->mn_coord, &ind->mn_ncoord);
	ind->mn_rule = method_ld_str(l, n, "rule", 0, code);
	indicator_notes(l, ydoc_get(&l->l_doc, n, "notes"), ind);
	return idx;
}

/*
 * indicator_inputs(l, inputs, idx): the inputs of indicator ${idx}, whose
 * variables must differ from each other.
 */
static void
indicator_inputs(struct ld *l, yaml_node_t *inputs, int idx)
{
	struct method *m = l->l_m;
	int nin = ydoc_len(inputs), k = 0, i, j;
	int *tmp = xcalloc((size_t)nin + 1, sizeof(int));

	for (i = 0; i < nin; i++) {
		int in = method_ld_input(l, ydoc_at(&l->l_doc, inputs, i),
		    m->m_ind[idx].mn_code, idx, -1);

		if (in >= 0)
			tmp[k++] = in;
	}
	m->m_ind[idx].mn_inputs = tmp;
	m->m_ind[idx].mn_ninputs = k;
	for (i = 0; i < k; i++) {
		for (j = 0; j < i; j++) {
			if (strcmp(m->m_inputs[tmp[i]].mi_var,
				m->m_inputs[tmp[j]].mi_var) == 0)
				ERR(l, ydoc_at(&l->l_doc, inputs, i),
				    "biến '%s' bị trùng trong chỉ số %s",
				    "variable '%s' appears twice in indicator %s",
				    m->m_inputs[tmp[i]].mi_var,
				    m->m_ind[idx].mn_code);
		}
	}
}

/*
 * indicator_parts(l, n, parts, idx, group, parent): the parts of indicator
 * ${idx}, whose points must add up to its own.
 */
static void
indicator_parts(struct ld *l, yaml_node_t *n, yaml_node_t *parts, int idx,
    int group, int parent)
{
	struct method *m = l->l_m;
	struct m_indicator *ind;
	double sum = 0;
	int np, i;

	if (parent >= 0)
		ERR(l, parts, "chỉ số con không có chỉ số con",
		    "a part cannot have parts");
	if (method_ld_want_seq(l, parts, "parts") < 0)
		return;
	if (ydoc_get(&l->l_doc, n, "inputs") != NULL ||
	    ydoc_get(&l->l_doc, n, "score") != NULL)
		ERR(l, n,
		    "chỉ số %s có 'parts' thì không có 'inputs' hay 'score': điểm là tổng các phần",
		    "indicator %s has 'parts', so no 'inputs' or 'score': its score is the sum of its parts",
		    m->m_ind[idx].mn_code);
	np = ydoc_len(parts);
	m->m_ind[idx].mn_parts = xcalloc((size_t)np + 1, sizeof(int));
	for (i = 0; i < np; i++) {
		int p = method_ld_indicator(
		    l, ydoc_at(&l->l_doc, parts, i), group, idx);

		if (p >= 0) {
			ind = &m->m_ind[idx]; /* m_ind may have moved */
			ind->mn_parts[ind->mn_nparts++] = p;
			sum += m->m_ind[p].mn_points;
		}
	}
	ind = &m->m_ind[idx];
	if (fabs(sum - ind->mn_points) > 1e-9)
		ERR(l, n, "điểm của %s (%g) khác tổng điểm các phần (%g)",
		    "points of %s (%g) differ from the sum of its parts (%g)",
		    ind->mn_code, ind->mn_points, sum);
}

int
method_ld_indicator(struct ld *l, yaml_node_t *n, int group, int parent)
{
	struct method *m = l->l_m;
	struct m_indicator *ind;
	yaml_node_t *inputs, *parts, *score;
	struct rule_ctx rc;
	int idx = indicator_new(l, n, group, parent);

	if (idx < 0)
		return -1;
	inputs = ydoc_get(&l->l_doc, n, "inputs");
	parts = ydoc_get(&l->l_doc, n, "parts");
	score = ydoc_get(&l->l_doc, n, "score");
	if (inputs != NULL && method_ld_want_seq(l, inputs, "inputs") == 0)
		indicator_inputs(l, inputs, idx);
	ind = &m->m_ind[idx];
	if (parts != NULL) {
		indicator_parts(l, n, parts, idx, group, parent);
		if (parts->type != YAML_SEQUENCE_NODE)
			return idx; /* no checks nor alternatives then */
	} else if (score == NULL) {
		ERR(l, n, "chỉ số %s thiếu công thức 'score'",
		    "indicator %s lacks a 'score' rule", ind->mn_code);
	} else {
		memset(&rc, 0, sizeof(rc));
		ind->mn_score = xstrdup(score->type == YAML_SCALAR_NODE
			? (const char *)score->data.scalar.value
			: "");
		ind->mn_expr = compile_at(l, score, "score", ind, 1, &rc);
		if (ind->mn_expr != NULL && expr_ncross(ind->mn_expr) > 0)
			m->m_has_cross = 1;
	}
	load_checks(l, ydoc_get(&l->l_doc, n, "checks"), idx);
	load_alts(l, ydoc_get(&l->l_doc, n, "alternatives"), idx);
	return idx;
}
