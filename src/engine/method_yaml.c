/*
 * method_yaml.c: build a methodology from YAML text (libyaml) and validate
 * it. Every error names the file, line and column of the node at fault;
 * loading goes on after an error so that one run reports them all.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "engine/method.h"
#include "util/buf.h"
#include "util/numfmt.h"

struct ld {
	yaml_document_t l_doc;
	const char *l_file;
	const char *l_text;
	size_t l_len;
	struct diag *l_d;
	struct method *l_m;
	int l_errors;
	struct strmap l_agency; /* agency code -> index */
	struct strmap l_codes; /* group, indicator, general, derived codes */
	int l_have_total; /* total_points was given */
};

#define ERR(l, node, vi, en, ...) \
	do { \
		(l)->l_errors++; \
		diag_add((l)->l_d, DIAG_ERROR, "method", (l)->l_file, \
		    (node) ? (long)(node)->start_mark.line + 1 : 0, \
		    (node) ? (long)(node)->start_mark.column + 1 : 0, vi, en, \
		    ##__VA_ARGS__); \
	} while (0)

static yaml_node_t *
node_at(struct ld *l, int i)
{
	return yaml_document_get_node(&l->l_doc, i);
}

static const char *
scalar(struct ld *l, yaml_node_t *n, const char *what)
{
	if (n == NULL)
		return NULL;
	if (n->type != YAML_SCALAR_NODE) {
		ERR(l, n, "'%s' phải là một giá trị đơn",
		    "'%s' must be a scalar", what);
		return NULL;
	}
	return (const char *)n->data.scalar.value;
}

static yaml_node_t *
map_get(struct ld *l, yaml_node_t *map, const char *key)
{
	yaml_node_pair_t *p;

	if (map == NULL || map->type != YAML_MAPPING_NODE)
		return NULL;
	for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
	     p++) {
		yaml_node_t *k = node_at(l, p->key);

		if (k != NULL && k->type == YAML_SCALAR_NODE &&
		    strcmp((const char *)k->data.scalar.value, key) == 0)
			return node_at(l, p->value);
	}
	return NULL;
}

/* Unknown keys are errors: a typo must not silently drop a field. */
static int
map_keys(struct ld *l, yaml_node_t *map, const char *what,
    const char *const *allowed)
{
	yaml_node_pair_t *p;
	int bad = 0;

	if (map == NULL)
		return -1;
	if (map->type != YAML_MAPPING_NODE) {
		ERR(l, map, "'%s' phải là một bảng khóa: giá trị",
		    "'%s' must be a mapping", what);
		return -1;
	}
	for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
	     p++) {
		yaml_node_t *k = node_at(l, p->key);
		const char *ks;
		int i, ok = 0;

		if (k == NULL || k->type != YAML_SCALAR_NODE) {
			ERR(l, k, "khóa của '%s' phải là một chuỗi",
			    "keys of '%s' must be strings", what);
			bad = 1;
			continue;
		}
		ks = (const char *)k->data.scalar.value;
		for (i = 0; allowed[i] != NULL; i++)
			ok |= strcmp(allowed[i], ks) == 0;
		if (!ok) {
			ERR(l, k, "khóa không hợp lệ '%s' trong '%s'",
			    "unknown key '%s' in '%s'", ks, what);
			bad = 1;
		}
	}
	return bad ? -1 : 0;
}

static char *
get_str(struct ld *l, yaml_node_t *map, const char *key, int required,
    const char *what)
{
	yaml_node_t *n = map_get(l, map, key);
	const char *s;

	if (n == NULL) {
		if (required)
			ERR(l, map, "'%s' thiếu trường '%s'",
			    "'%s' lacks the field '%s'", what, key);
		return NULL;
	}
	s = scalar(l, n, key);
	if (s == NULL)
		return NULL;
	if (required && *s == '\0') {
		ERR(l, n, "'%s' của '%s' không được để trống",
		    "'%s' of '%s' must not be empty", key, what);
		return NULL;
	}
	return xstrdup(s);
}

static int
get_num(struct ld *l, yaml_node_t *map, const char *key, int required,
    const char *what, double *out)
{
	yaml_node_t *n = map_get(l, map, key);
	const char *s;

	if (n == NULL) {
		if (required)
			ERR(l, map, "'%s' thiếu trường '%s'",
			    "'%s' lacks the field '%s'", what, key);
		return -1;
	}
	s = scalar(l, n, key);
	if (s == NULL)
		return -1;
	/* points beyond a billion are a typo, and would not print exactly */
	if (numfmt_parse(s, strlen(s), out) < 0 || *out < 0 || *out > 1e9) {
		ERR(l, n,
		    "'%s' của '%s' phải là một số từ 0 đến 1.000.000.000, không phải '%s'",
		    "'%s' of '%s' must be a number from 0 to 1000000000, not '%s'",
		    key, what, s);
		return -1;
	}
	return 0;
}

static int
seq_len(yaml_node_t *n)
{
	if (n == NULL || n->type != YAML_SEQUENCE_NODE)
		return 0;
	return (int)(n->data.sequence.items.top - n->data.sequence.items.start);
}

static yaml_node_t *
seq_at(struct ld *l, yaml_node_t *n, int i)
{
	return node_at(l, n->data.sequence.items.start[i]);
}

static int
want_seq(struct ld *l, yaml_node_t *n, const char *what)
{
	if (n == NULL)
		return 0;
	if (n->type != YAML_SEQUENCE_NODE) {
		ERR(l, n, "'%s' phải là một danh sách", "'%s' must be a list",
		    what);
		return -1;
	}
	return 0;
}

static int
is_ident(const char *s)
{
	size_t i;

	if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z') ||
		s[0] == '_'))
		return 0;
	for (i = 1; s[i]; i++) {
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
			(s[i] >= 'A' && s[i] <= 'Z') || s[i] == '_' ||
			(s[i] >= '0' && s[i] <= '9')))
			return 0;
	}
	return 1;
}

static int
is_reserved(const char *s)
{
	/* the words of the language, and the constant of indicator rules */
	return expr_reserved(s, strlen(s)) || strcmp(s, "points") == 0;
}

/* Codes of indicators and inputs: letters, digits, '.', '_' and '-'. */
static int
is_code(const char *s)
{
	size_t i;

	if (*s == '\0' || strlen(s) > 64)
		return 0;
	for (i = 0; s[i]; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			(c >= '0' && c <= '9') || c == '.' || c == '_' ||
			c == '-'))
			return 0;
	}
	return 1;
}

static int
agency_ref(struct ld *l, yaml_node_t *n)
{
	const char *s = scalar(l, n, "agency");
	long i;

	if (s == NULL)
		return -1;
	i = strmap_get(&l->l_agency, s, strlen(s));
	if (i < 0)
		ERR(l, n, "cơ quan '%s' chưa được khai báo trong 'agencies'",
		    "agency '%s' is not declared in 'agencies'", s);
	return (int)i;
}

static void
load_roles(struct ld *l, yaml_node_t *map, const char *what, int *lead,
    int **coord, int *ncoord)
{
	yaml_node_t *n = map_get(l, map, "lead");
	yaml_node_t *c = map_get(l, map, "coordinators");
	int i, k;

	*lead = -1;
	*coord = NULL;
	*ncoord = 0;
	if (n == NULL)
		ERR(l, map, "'%s' thiếu cơ quan phụ trách ('lead')",
		    "'%s' lacks its lead agency ('lead')", what);
	else
		*lead = agency_ref(l, n);
	if (c == NULL || want_seq(l, c, "coordinators") < 0)
		return;
	*coord = xcalloc((size_t)seq_len(c) + 1, sizeof(int));
	for (i = 0; i < seq_len(c); i++) {
		k = agency_ref(l, seq_at(l, c, i));
		if (k >= 0)
			(*coord)[(*ncoord)++] = k;
	}
}

static void
add_code(struct ld *l, yaml_node_t *at, const char *code)
{
	if (strmap_get(&l->l_codes, code, strlen(code)) >= 0) {
		ERR(l, at, "mã '%s' bị trùng", "duplicate code '%s'", code);
		return;
	}
	strmap_put(&l->l_codes, code, strlen(code), 1);
}

static const char *const input_keys[] = { "name", "var", "kind", "label",
	"unit", "options", NULL };

static int
parse_kind(const char *s, enum input_kind *k)
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

/* Load one input; returns its index or -1. */
static int
load_input(struct ld *l, yaml_node_t *n, const char *owner_code, int indicator,
    int general)
{
	struct method *m = l->l_m;
	struct m_input *in;
	yaml_node_t *kn, *opts;
	char *name, *kind;
	int idx, i;

	/* a general item is its own input, named by its code */
	if (general >= 0) {
		name = xstrdup(owner_code);
	} else {
		if (map_keys(l, n, "input", input_keys) < 0 &&
		    n->type != YAML_MAPPING_NODE)
			return -1;
		name = get_str(l, n, "name", 1, "input");
	}
	kind = get_str(l, n, "kind", 1, "input");
	if (name == NULL || kind == NULL) {
		free(name);
		free(kind);
		return -1;
	}
	if (!is_code(name)) {
		ERR(l, map_get(l, n, general >= 0 ? "code" : "name"),
		    "tên dữ liệu '%s' chỉ gồm chữ, số, '.', '_' và '-'",
		    "input name '%s' may hold only letters, digits, '.', '_' and '-'",
		    name);
	}
	if (m->m_ninputs >= METHOD_MAX_INPUTS) {
		ERR(l, n, "quá nhiều dữ liệu đầu vào (tối đa %d)",
		    "too many inputs (at most %d)", METHOD_MAX_INPUTS);
		free(name);
		free(kind);
		return -1;
	}
	if (strmap_get(&m->m_input_map, name, strlen(name)) >= 0)
		ERR(l, map_get(l, n, "name"),
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
	strmap_put(&m->m_input_map, name, strlen(name), idx);
	kn = map_get(l, n, "kind");
	if (parse_kind(kind, &in->mi_kind) < 0)
		ERR(l, kn,
		    "loại dữ liệu '%s' không hợp lệ (count, amount, number, yesno, choice, text)",
		    "unknown input kind '%s' (count, amount, number, yesno, choice, text)",
		    kind);
	free(kind);
	in->mi_label = get_str(l, n, "label", 0, "input");
	if (in->mi_label == NULL && general >= 0)
		in->mi_label = get_str(l, n, "name", 0, "input");
	in->mi_unit = get_str(l, n, "unit", 0, "input");
	in->mi_var = get_str(l, n, "var", 0, "input");
	if (in->mi_var == NULL) {
		size_t cl = strlen(owner_code);

		if (strcmp(name, owner_code) == 0)
			in->mi_var = xstrdup("x");
		else if (strncmp(name, owner_code, cl) == 0 && name[cl] == '.')
			in->mi_var = xstrdup(name + cl + 1);
		else
			in->mi_var = xstrdup(name);
	}
	if (!is_ident(in->mi_var) || is_reserved(in->mi_var))
		ERR(l, n,
		    "tên biến '%s' của dữ liệu '%s' không dùng được trong công thức; đặt 'var'",
		    "variable '%s' of input '%s' is not a usable identifier; set 'var'",
		    in->mi_var, name);
	opts = map_get(l, n, "options");
	if (in->mi_kind == IK_CHOICE) {
		if (opts == NULL || want_seq(l, opts, "options") < 0 ||
		    seq_len(opts) == 0) {
			ERR(l, n,
			    "dữ liệu lựa chọn '%s' cần danh sách 'options'",
			    "choice input '%s' needs a list of 'options'",
			    name);
			return idx;
		}
		in->mi_noptions = seq_len(opts);
		in->mi_options =
		    xcalloc((size_t)in->mi_noptions, sizeof(*in->mi_options));
		in->mi_codes =
		    xcalloc((size_t)in->mi_noptions + 1, sizeof(char *));
		for (i = 0; i < in->mi_noptions; i++) {
			static const char *const okeys[] = { "code", "label",
				NULL };
			yaml_node_t *o = seq_at(l, opts, i);
			int j;

			map_keys(l, o, "option", okeys);
			in->mi_options[i].mo_code =
			    get_str(l, o, "code", 1, "option");
			in->mi_options[i].mo_label =
			    get_str(l, o, "label", 0, "option");
			if (in->mi_options[i].mo_code == NULL)
				in->mi_options[i].mo_code = xstrdup("");
			in->mi_codes[i] = in->mi_options[i].mo_code;
			for (j = 0; j < i; j++) {
				if (strcmp(in->mi_codes[j], in->mi_codes[i]) ==
				    0)
					ERR(l, o, "lựa chọn '%s' bị trùng",
					    "duplicate option '%s'",
					    in->mi_codes[i]);
			}
		}
	} else if (opts != NULL) {
		ERR(l, opts, "chỉ dữ liệu lựa chọn (choice) mới có 'options'",
		    "only choice inputs have 'options'");
	}
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

/* Length of one escape sequence of a double-quoted YAML scalar. */
static size_t
escape_len(const char *t, size_t i, size_t len)
{
	if (i + 1 >= len)
		return 1;
	switch (t[i + 1]) {
	case 'x': return 4;
	case 'u': return 6;
	case 'U': return 10;
	default: return 2;
	}
}

/*
 * Map byte ${off} of a scalar's value to its line and column in the file:
 * quotes, escapes ("\"" is two characters in the file, one in the value),
 * and block scalars whose lines are indented and, when folded, joined.
 */
static void
value_pos(struct ld *l, yaml_node_t *n, size_t off, long *line, long *col)
{
	const char *t = l->l_text;
	size_t i = n->start_mark.index, len = l->l_len, v = 0;
	int style = n->data.scalar.style;

	*line = (long)n->start_mark.line + 1;
	*col = (long)n->start_mark.column + 1;
	if (style == YAML_LITERAL_SCALAR_STYLE ||
	    style == YAML_FOLDED_SCALAR_STYLE) {
		size_t indent = 0, lnlen;

		while (i < len && t[i] != '\n') /* the "|" or ">" line */
			i++;
		i++;
		while (i + indent < len && t[i + indent] == ' ')
			indent++;
		/* each content line gives its text and one separator */
		for (;;) {
			(*line)++;
			i += indent;
			lnlen = 0;
			while (i + lnlen < len && t[i + lnlen] != '\n')
				lnlen++;
			if (off <= v + lnlen || i + lnlen >= len)
				break;
			v += lnlen + 1;
			i += lnlen + 1;
		}
		*col = (long)indent + 1;
		for (; v < off && i < len; v++, i++)
			*col += ((unsigned char)t[i] & 0xC0) != 0x80;
		return;
	}
	if (style != YAML_PLAIN_SCALAR_STYLE) {
		i++; /* the opening quote */
		(*col)++;
	}
	while (v < off && i < len) {
		size_t step = 1;

		if (t[i] == '\n') {
			(*line)++;
			*col = 1;
			i++;
			while (i < len && (t[i] == ' ' || t[i] == '\t')) {
				i++;
				(*col)++;
			}
			v++; /* a line break folds into one space */
			continue;
		}
		if (style == YAML_DOUBLE_QUOTED_SCALAR_STYLE && t[i] == '\\')
			step = escape_len(t, i, len);
		else if (style == YAML_SINGLE_QUOTED_SCALAR_STYLE &&
		    t[i] == '\'' && i + 1 < len && t[i + 1] == '\'')
			step = 2;
		if (step > 1) {
			*col += (long)step;
			i += step;
			v++;
			continue;
		}
		*col += ((unsigned char)t[i] & 0xC0) != 0x80;
		i++;
		v++;
	}
}

/*
 * rule_err(l, n, what, code, e): report the compile error in ${e} of the
 * rule in scalar ${n} at its place in the file.
 */
static void
rule_err(struct ld *l, yaml_node_t *n, const char *what, const char *code,
    const struct diag *e)
{
	const struct diag_item *it = &e->d_items[0];
	long line, col;

	value_pos(l, n,
	    expr_src_offset(
		(const char *)n->data.scalar.value, it->di_line, it->di_col),
	    &line, &col);
	l->l_errors++;
	diag_add(l->l_d, DIAG_ERROR, "method.rule", l->l_file, line, col,
	    "%s của %s: %s%.0s", "%s of %s: %.0s%s", what, code, it->di_vi,
	    it->di_en);
}

/*
 * compile(l, n, what, code, env): compile the rule in scalar ${n}; NULL
 * (reported) when it does not compile.
 */
static struct expr *
compile(struct ld *l, yaml_node_t *n, const char *what, const char *code,
    const struct expr_env *env)
{
	struct expr *ex;
	struct diag e;

	diag_init(&e);
	if (expr_compile(&ex, (const char *)n->data.scalar.value, env, &e) < 0)
		rule_err(l, n, what, code, &e);
	diag_free(&e);
	return ex;
}

static struct expr *
compile_at(struct ld *l, yaml_node_t *n, const char *what,
    const struct m_indicator *ind, int allow_cross, struct rule_ctx *rc)
{
	struct expr_env env;

	if (scalar(l, n, what) == NULL)
		return NULL;
	rc->rc_m = l->l_m;
	rc->rc_ind = ind;
	env.ee_resolve = rule_resolve;
	env.ee_ctx = rc;
	env.ee_allow_cross = allow_cross;
	return compile(l, n, what, ind->mn_code, &env);
}

static const char *const ind_keys[] = { "code", "name", "points", "lead",
	"coordinators", "inputs", "rule", "score", "checks", "notes",
	"alternatives", "parts", NULL };

static int load_indicator(struct ld *, yaml_node_t *, int, int);

static void
load_checks(struct ld *l, yaml_node_t *list, int idx)
{
	struct m_indicator *ind;
	int i, n;

	if (list == NULL || want_seq(l, list, "checks") < 0)
		return;
	n = seq_len(list);
	ind = &l->l_m->m_ind[idx];
	ind->mn_checks = xcalloc((size_t)n + 1, sizeof(*ind->mn_checks));
	for (i = 0; i < n; i++) {
		static const char *const ckeys[] = { "expr", "message", NULL };
		yaml_node_t *c = seq_at(l, list, i), *src = c;
		struct m_check *ck;
		struct rule_ctx rc;
		int used[EXPR_MAX_NODES];

		ind = &l->l_m->m_ind[idx];
		ck = &ind->mn_checks[ind->mn_nchecks];
		memset(ck, 0, sizeof(*ck));
		if (c->type == YAML_MAPPING_NODE) {
			map_keys(l, c, "check", ckeys);
			src = map_get(l, c, "expr");
			ck->mc_message = get_str(l, c, "message", 0, "check");
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

	if (list == NULL || want_seq(l, list, "alternatives") < 0)
		return;
	n = seq_len(list);
	ind->mn_alts = xcalloc((size_t)n + 1, sizeof(*ind->mn_alts));
	for (i = 0; i < n; i++) {
		static const char *const akeys[] = { "note", "score", NULL };
		yaml_node_t *a = seq_at(l, list, i), *sc;
		struct m_alt *alt = &ind->mn_alts[ind->mn_nalts];
		struct rule_ctx rc;

		if (map_keys(l, a, "alternative", akeys) < 0 &&
		    a->type != YAML_MAPPING_NODE)
			continue;
		alt->ma_note = get_str(l, a, "note", 1, "alternative");
		sc = map_get(l, a, "score");
		if (sc == NULL) {
			ERR(l, a, "cách đọc khác thiếu 'score'",
			    "alternative lacks 'score'");
			free(alt->ma_note);
			continue;
		}
		memset(&rc, 0, sizeof(rc));
		alt->ma_expr = compile_at(l, sc, "alternatives", ind, 1, &rc);
		alt->ma_score = xstrdup(sc->type == YAML_SCALAR_NODE
			? (const char *)sc->data.scalar.value
			: "");
		ind->mn_nalts++;
	}
}

static int
load_indicator(struct ld *l, yaml_node_t *n, int group, int parent)
{
	struct method *m = l->l_m;
	struct m_indicator *ind;
	yaml_node_t *inputs, *parts, *score, *notes;
	char *code;
	int idx, i;

	if (n->type != YAML_MAPPING_NODE) {
		ERR(l, n, "mỗi chỉ số phải là một bảng khóa: giá trị",
		    "each indicator must be a mapping");
		return -1;
	}
	map_keys(l, n, "indicator", ind_keys);
	code = get_str(l, n, "code", 1, "indicator");
	if (code == NULL)
		return -1;
	if (!is_code(code))
		ERR(l, map_get(l, n, "code"),
		    "mã chỉ số '%s' chỉ gồm chữ, số, '.', '_' và '-'",
		    "indicator code '%s' may hold only letters, digits, '.', '_' and '-'",
		    code);
	if (m->m_nind >= METHOD_MAX_INDICATORS) {
		ERR(l, n, "quá nhiều chỉ số (tối đa %d)",
		    "too many indicators (at most %d)", METHOD_MAX_INDICATORS);
		free(code);
		return -1;
	}
	add_code(l, map_get(l, n, "code"), code);
	idx = m->m_nind++;
	m->m_ind =
	    xreallocarray(m->m_ind, (size_t)m->m_nind, sizeof(*m->m_ind));
	ind = &m->m_ind[idx];
	memset(ind, 0, sizeof(*ind));
	ind->mn_code = code;
	ind->mn_group = group;
	ind->mn_parent = parent;
	strmap_put(&m->m_code_map, code, strlen(code), idx);
	ind->mn_name = get_str(l, n, "name", 1, code);
	get_num(l, n, "points", 1, code, &ind->mn_points);
	load_roles(l, n, code, &ind->mn_lead, &ind->mn_coord, &ind->mn_ncoord);
	ind->mn_rule = get_str(l, n, "rule", 0, code);
	notes = map_get(l, n, "notes");
	if (notes != NULL && want_seq(l, notes, "notes") == 0) {
		ind->mn_notes =
		    xcalloc((size_t)seq_len(notes) + 1, sizeof(char *));
		for (i = 0; i < seq_len(notes); i++) {
			const char *s = scalar(l, seq_at(l, notes, i), "notes");

			if (s != NULL)
				ind->mn_notes[ind->mn_nnotes++] = xstrdup(s);
		}
	}

	inputs = map_get(l, n, "inputs");
	parts = map_get(l, n, "parts");
	score = map_get(l, n, "score");
	if (inputs != NULL && want_seq(l, inputs, "inputs") == 0) {
		int nin = seq_len(inputs);
		int *tmp = xcalloc((size_t)nin + 1, sizeof(int));
		int k = 0;

		for (i = 0; i < nin; i++) {
			int in =
			    load_input(l, seq_at(l, inputs, i), code, idx, -1);

			if (in >= 0)
				tmp[k++] = in;
		}
		ind = &m->m_ind[idx];
		ind->mn_inputs = tmp;
		ind->mn_ninputs = k;
		/* variables must be unique within the indicator */
		for (i = 0; i < k; i++) {
			int j;

			for (j = 0; j < i; j++) {
				if (strcmp(m->m_inputs[tmp[i]].mi_var,
					m->m_inputs[tmp[j]].mi_var) == 0)
					ERR(l, seq_at(l, inputs, i),
					    "biến '%s' bị trùng trong chỉ số %s",
					    "variable '%s' appears twice in indicator %s",
					    m->m_inputs[tmp[i]].mi_var, code);
			}
		}
	}
	if (parts != NULL) {
		double sum = 0;
		int np;

		if (parent >= 0)
			ERR(l, parts, "chỉ số con không có chỉ số con",
			    "a part cannot have parts");
		if (want_seq(l, parts, "parts") < 0)
			return idx;
		if (inputs != NULL || score != NULL)
			ERR(l, n,
			    "chỉ số %s có 'parts' thì không có 'inputs' hay 'score': điểm là tổng các phần",
			    "indicator %s has 'parts', so no 'inputs' or 'score': its score is the sum of its parts",
			    code);
		np = seq_len(parts);
		m->m_ind[idx].mn_parts = xcalloc((size_t)np + 1, sizeof(int));
		for (i = 0; i < np; i++) {
			int p =
			    load_indicator(l, seq_at(l, parts, i), group, idx);

			if (p >= 0) {
				ind = &m->m_ind[idx];
				ind->mn_parts[ind->mn_nparts++] = p;
				sum += m->m_ind[p].mn_points;
			}
		}
		ind = &m->m_ind[idx];
		if (fabs(sum - ind->mn_points) > 1e-9)
			ERR(l, n,
			    "điểm của %s (%g) khác tổng điểm các phần (%g)",
			    "points of %s (%g) differ from the sum of its parts (%g)",
			    code, ind->mn_points, sum);
	} else if (score == NULL) {
		ERR(l, n, "chỉ số %s thiếu công thức 'score'",
		    "indicator %s lacks a 'score' rule", code);
	} else {
		struct rule_ctx rc;

		memset(&rc, 0, sizeof(rc));
		ind = &m->m_ind[idx];
		ind->mn_score = xstrdup(score->type == YAML_SCALAR_NODE
			? (const char *)score->data.scalar.value
			: "");
		ind->mn_expr = compile_at(l, score, "score", ind, 1, &rc);
		if (ind->mn_expr != NULL && expr_ncross(ind->mn_expr) > 0)
			m->m_has_cross = 1;
	}
	load_checks(l, map_get(l, n, "checks"), idx);
	load_alts(l, map_get(l, n, "alternatives"), idx);
	return idx;
}

static void
load_agencies(struct ld *l, yaml_node_t *list)
{
	static const char *const keys[] = { "code", "name", "short", "kind",
		NULL };
	struct method *m = l->l_m;
	int i, n;

	if (list == NULL || want_seq(l, list, "agencies") < 0)
		return;
	n = seq_len(list);
	m->m_agencies = xcalloc((size_t)n + 1, sizeof(*m->m_agencies));
	for (i = 0; i < n; i++) {
		yaml_node_t *a = seq_at(l, list, i);
		struct m_agency *ag = &m->m_agencies[m->m_nagencies];
		char *kind;

		if (map_keys(l, a, "agency", keys) < 0 &&
		    a->type != YAML_MAPPING_NODE)
			continue;
		ag->ma_code = get_str(l, a, "code", 1, "agency");
		if (ag->ma_code == NULL)
			continue;
		ag->ma_name = get_str(l, a, "name", 1, ag->ma_code);
		ag->ma_short = get_str(l, a, "short", 0, ag->ma_code);
		kind = get_str(l, a, "kind", 0, ag->ma_code);
		if (kind != NULL && strcmp(kind, "group") == 0)
			ag->ma_is_group = 1;
		else if (kind != NULL && strcmp(kind, "agency") != 0)
			ERR(l, map_get(l, a, "kind"),
			    "loại cơ quan '%s' không hợp lệ (agency, group)",
			    "agency kind '%s' is not agency or group", kind);
		free(kind);
		if (!is_code(ag->ma_code))
			ERR(l, map_get(l, a, "code"),
			    "mã cơ quan '%s' không hợp lệ",
			    "bad agency code '%s'", ag->ma_code);
		if (strmap_get(
			&l->l_agency, ag->ma_code, strlen(ag->ma_code)) >= 0)
			ERR(l, a, "cơ quan '%s' bị khai báo hai lần",
			    "agency '%s' is declared twice", ag->ma_code);
		strmap_put(&l->l_agency, ag->ma_code, strlen(ag->ma_code),
		    m->m_nagencies);
		m->m_nagencies++;
	}
}

static void
load_general(struct ld *l, yaml_node_t *list)
{
	static const char *const keys[] = { "code", "name", "kind", "unit",
		"lead", "coordinators", "label", "options", "var", NULL };
	struct method *m = l->l_m;
	int i, n;

	if (list == NULL || want_seq(l, list, "general") < 0)
		return;
	n = seq_len(list);
	m->m_general = xcalloc((size_t)n + 1, sizeof(*m->m_general));
	for (i = 0; i < n; i++) {
		yaml_node_t *g = seq_at(l, list, i);
		struct m_general *gi = &m->m_general[m->m_ngeneral];
		int in;

		if (map_keys(l, g, "general", keys) < 0 &&
		    g->type != YAML_MAPPING_NODE)
			continue;
		gi->ml_code = get_str(l, g, "code", 1, "general");
		if (gi->ml_code == NULL)
			continue;
		add_code(l, g, gi->ml_code);
		gi->ml_name = get_str(l, g, "name", 1, gi->ml_code);
		load_roles(l, g, gi->ml_code, &gi->ml_lead, &gi->ml_coord,
		    &gi->ml_ncoord);
		in = load_input(l, g, gi->ml_code, -1, m->m_ngeneral);
		gi->ml_input = in;
		m->m_ngeneral++;
	}
}

/*
 * load_head(l, n, what, keys, code, name, points): the code, name and
 * points of a group or derived figure; its code is an identifier that
 * formulas use. Return -1 when the node cannot be used at all.
 */
static int
load_head(struct ld *l, yaml_node_t *n, const char *what,
    const char *const *keys, char **code, char **name, double *points)
{
	if (map_keys(l, n, what, keys) < 0 && n->type != YAML_MAPPING_NODE)
		return -1;
	*code = get_str(l, n, "code", 1, what);
	if (*code == NULL)
		return -1;
	if (!is_ident(*code) || is_reserved(*code))
		ERR(l, map_get(l, n, "code"),
		    "mã %.0s'%s' phải là một tên dùng được trong công thức (chữ, số, '_')",
		    "%s code '%s' must be an identifier usable in formulas (letters, digits, '_')",
		    what, *code);
	add_code(l, map_get(l, n, "code"), *code);
	*name = get_str(l, n, "name", 1, *code);
	get_num(l, n, "points", 1, *code, points);
	return 0;
}

static const char *const group_keys[] = { "code", "name", "points",
	"indicators", NULL };

static void
load_groups(struct ld *l, yaml_node_t *list)
{
	struct method *m = l->l_m;
	double total = 0;
	int i, j, n;

	if (list == NULL) {
		ERR(l, node_at(l, 1), "phương pháp thiếu 'groups'",
		    "the methodology lacks 'groups'");
		return;
	}
	if (want_seq(l, list, "groups") < 0)
		return;
	n = seq_len(list);
	if (n == 0 || n > METHOD_MAX_GROUPS) {
		ERR(l, list, "cần từ 1 đến %d nhóm",
		    "1 to %d groups are needed", METHOD_MAX_GROUPS);
		return;
	}
	m->m_groups = xcalloc((size_t)n, sizeof(*m->m_groups));
	for (i = 0; i < n; i++) {
		yaml_node_t *g = seq_at(l, list, i), *inds;
		struct m_group *gr = &m->m_groups[m->m_ngroups];
		double sum = 0;

		if (load_head(l, g, "group", group_keys, &gr->mg_code,
			&gr->mg_name, &gr->mg_points) < 0)
			continue;
		total += gr->mg_points;
		m->m_ngroups++;
		inds = map_get(l, g, "indicators");
		if (inds == NULL || want_seq(l, inds, "indicators") < 0) {
			ERR(l, g, "nhóm %s không có chỉ số nào",
			    "group %s has no indicators", gr->mg_code);
			continue;
		}
		gr->mg_indicators =
		    xcalloc((size_t)seq_len(inds) + 1, sizeof(int));
		for (j = 0; j < seq_len(inds); j++) {
			int k = load_indicator(
			    l, seq_at(l, inds, j), m->m_ngroups - 1, -1);

			gr = &m->m_groups[m->m_ngroups - 1];
			if (k >= 0) {
				gr->mg_indicators[gr->mg_n++] = k;
				sum += m->m_ind[k].mn_points;
			}
		}
		if (fabs(sum - gr->mg_points) > 1e-9)
			ERR(l, g,
			    "nhóm %s: tổng điểm các chỉ số (%g) khác điểm của nhóm (%g)",
			    "group %s: its indicators add up to %g points, not %g",
			    gr->mg_code, sum, gr->mg_points);
	}
	if (!l->l_have_total)
		m->m_total = total;
	else if (fabs(total - m->m_total) > 1e-9)
		ERR(l, list, "tổng điểm các nhóm (%g) khác total_points (%g)",
		    "the groups add up to %g points, not total_points %g",
		    total, m->m_total);
}

struct derived_ctx {
	const struct method *dc_m;
	int dc_upto; /* derived figures before this one are visible */
};

static int
derived_resolve(void *vctx, const char *name, size_t len, struct expr_sym *out)
{
	struct derived_ctx *c = vctx;
	const struct method *m = c->dc_m;
	int i;

	for (i = 0; i < m->m_ngroups; i++) {
		if (strlen(m->m_groups[i].mg_code) == len &&
		    memcmp(m->m_groups[i].mg_code, name, len) == 0) {
			out->es_kind = SYM_SLOT;
			out->es_slot = i;
			return 0;
		}
	}
	for (i = 0; i < c->dc_upto; i++) {
		if (strlen(m->m_derived[i].md_code) == len &&
		    memcmp(m->m_derived[i].md_code, name, len) == 0) {
			out->es_kind = SYM_SLOT;
			out->es_slot = m->m_ngroups + i;
			return 0;
		}
	}
	return -1;
}

static void
load_derived(struct ld *l, yaml_node_t *list)
{
	static const char *const keys[] = { "code", "name", "points", "formula",
		NULL };
	struct method *m = l->l_m;
	int i, n;

	if (list == NULL || want_seq(l, list, "derived") < 0)
		return;
	n = seq_len(list);
	if (n > METHOD_MAX_DERIVED) {
		ERR(l, list, "quá nhiều chỉ số tổng hợp (tối đa %d)",
		    "too many derived figures (at most %d)",
		    METHOD_MAX_DERIVED);
		return;
	}
	m->m_derived = xcalloc((size_t)n + 1, sizeof(*m->m_derived));
	for (i = 0; i < n; i++) {
		yaml_node_t *dn = seq_at(l, list, i), *f;
		struct m_derived *d = &m->m_derived[m->m_nderived];
		struct derived_ctx dc;
		struct expr_env env;

		if (load_head(l, dn, "derived", keys, &d->md_code, &d->md_name,
			&d->md_points) < 0)
			continue;
		f = map_get(l, dn, "formula");
		m->m_nderived++;
		if (f == NULL) {
			ERR(l, dn, "%s thiếu 'formula'", "%s lacks 'formula'",
			    d->md_code);
			continue;
		}
		if (scalar(l, f, "formula") == NULL)
			continue;
		d->md_src = xstrdup((const char *)f->data.scalar.value);
		dc.dc_m = m;
		dc.dc_upto = m->m_nderived - 1;
		env.ee_resolve = derived_resolve;
		env.ee_ctx = &dc;
		env.ee_allow_cross = 0;
		d->md_expr = compile(l, f, "formula", d->md_code, &env);
	}
}

/* Check nesting and refuse aliases before building the document. */
static int
prescan(struct ld *l)
{
	yaml_parser_t p;
	yaml_event_t ev;
	int depth = 0, rc = 0, done = 0, docs = 0;

	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(
	    &p, (const unsigned char *)l->l_text, l->l_len);
	while (!done) {
		if (!yaml_parser_parse(&p, &ev)) {
			l->l_errors++;
			diag_add(l->l_d, DIAG_ERROR, "method.yaml", l->l_file,
			    (long)p.problem_mark.line + 1,
			    (long)p.problem_mark.column + 1,
			    "YAML không hợp lệ: %s", "invalid YAML: %s",
			    p.problem ? p.problem : "?");
			rc = -1;
			break;
		}
		switch (ev.type) {
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			if (++depth > METHOD_MAX_DEPTH) {
				l->l_errors++;
				diag_add(l->l_d, DIAG_ERROR, "method.yaml",
				    l->l_file, (long)ev.start_mark.line + 1,
				    (long)ev.start_mark.column + 1,
				    "lồng quá sâu (quá %d mức)",
				    "nested too deeply (over %d levels)",
				    METHOD_MAX_DEPTH);
				rc = -1;
				done = 1;
			}
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT: depth--; break;
		case YAML_ALIAS_EVENT:
			l->l_errors++;
			diag_add(l->l_d, DIAG_ERROR, "method.yaml", l->l_file,
			    (long)ev.start_mark.line + 1,
			    (long)ev.start_mark.column + 1,
			    "không dùng bí danh YAML (*tên)",
			    "YAML aliases (*name) are not allowed");
			rc = -1;
			done = 1;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++docs > 1) {
				l->l_errors++;
				diag_add(l->l_d, DIAG_ERROR, "method.yaml",
				    l->l_file, (long)ev.start_mark.line + 1,
				    (long)ev.start_mark.column + 1,
				    "tệp chỉ được chứa một tài liệu YAML (không dùng '---' lần hai)",
				    "the file must hold one YAML document (no second '---')");
				rc = -1;
				done = 1;
			}
			break;
		case YAML_STREAM_END_EVENT: done = 1; break;
		default: break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	return rc;
}

int
method_load(struct method **out, const char *text, size_t len, const char *file,
    struct diag *d)
{
	static const char *const top_keys[] = { "methodology", "agencies",
		"general", "groups", "derived", NULL };
	static const char *const meta_keys[] = { "id", "name", "version",
		"level", "source", "total_points", NULL };
	yaml_parser_t p;
	yaml_node_t *root, *meta;
	struct ld l;
	struct method *m;

	*out = NULL;
	memset(&l, 0, sizeof(l));
	l.l_file = file;
	l.l_text = text;
	l.l_len = len;
	l.l_d = d;
	if (len > METHOD_MAX_BYTES) {
		diag_add(d, DIAG_ERROR, "method.size", file, 0, 0,
		    "tệp phương pháp quá lớn (%zu byte, tối đa %u)",
		    "methodology file too large (%zu bytes, at most %u)", len,
		    METHOD_MAX_BYTES);
		return -1;
	}
	if (memchr(text, '\0', len) != NULL) {
		diag_add(d, DIAG_ERROR, "method.yaml", file, 0, 0,
		    "tệp chứa byte NUL: không phải văn bản YAML",
		    "file holds a NUL byte: not YAML text");
		return -1;
	}
	if (prescan(&l) < 0)
		return -1;
	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	if (!yaml_parser_load(&p, &l.l_doc)) {
		diag_add(d, DIAG_ERROR, "method.yaml", file,
		    (long)p.problem_mark.line + 1,
		    (long)p.problem_mark.column + 1, "YAML không hợp lệ: %s",
		    "invalid YAML: %s", p.problem ? p.problem : "?");
		yaml_parser_delete(&p);
		return -1;
	}
	yaml_parser_delete(&p);
	m = xcalloc(1, sizeof(*m));
	l.l_m = m;
	strmap_init(&m->m_input_map);
	strmap_init(&m->m_code_map);
	strmap_init(&l.l_agency);
	strmap_init(&l.l_codes);
	root = yaml_document_get_root_node(&l.l_doc);
	if (root == NULL || root->type != YAML_MAPPING_NODE) {
		diag_add(d, DIAG_ERROR, "method.yaml", file, 1, 1,
		    "tệp phương pháp phải là một bảng khóa: giá trị (methodology, agencies, groups, ...)",
		    "a methodology file must be a mapping (methodology, agencies, groups, ...)");
		l.l_errors++;
		goto done;
	}
	map_keys(&l, root, "top level", top_keys);
	meta = map_get(&l, root, "methodology");
	if (meta == NULL) {
		ERR(&l, root, "thiếu phần 'methodology' (id, name, version)",
		    "the 'methodology' section (id, name, version) is missing");
	} else {
		map_keys(&l, meta, "methodology", meta_keys);
		m->m_id = get_str(&l, meta, "id", 1, "methodology");
		m->m_name = get_str(&l, meta, "name", 1, "methodology");
		m->m_version = get_str(&l, meta, "version", 0, "methodology");
		m->m_level = get_str(&l, meta, "level", 0, "methodology");
		m->m_source = get_str(&l, meta, "source", 0, "methodology");
		if (map_get(&l, meta, "total_points") != NULL)
			l.l_have_total = get_num(&l, meta, "total_points", 0,
					     "methodology", &m->m_total) == 0;
		if (m->m_id != NULL && !is_code(m->m_id))
			ERR(&l, map_get(&l, meta, "id"),
			    "mã phương pháp '%s' không hợp lệ",
			    "bad methodology id '%s'", m->m_id);
	}
	load_agencies(&l, map_get(&l, root, "agencies"));
	load_general(&l, map_get(&l, root, "general"));
	load_groups(&l, map_get(&l, root, "groups"));
	load_derived(&l, map_get(&l, root, "derived"));
done:
	yaml_document_delete(&l.l_doc);
	strmap_free(&l.l_agency);
	strmap_free(&l.l_codes);
	if (l.l_errors > 0) {
		method_free(m);
		return -1;
	}
	*out = m;
	return 0;
}
