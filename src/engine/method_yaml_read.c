/*
 * method_yaml_read.c: reading the nodes of a methodology file for the
 * loader: scalars, known keys, required fields, numbers, lists, codes and
 * identifiers, agency references, and placing a rule's error at its line
 * and column in the file. Every problem is recorded, and reading goes on.
 */
#include <stdlib.h>
#include <string.h>

#include "engine/method_yaml.h"
#include "util/numfmt.h"

const char *
method_ld_scalar(struct ld *l, yaml_node_t *n, const char *what)
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

/* Unknown keys are errors: a typo must not silently drop a field. */
int
method_ld_keys(struct ld *l, yaml_node_t *map, const char *what,
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
		yaml_node_t *k = yaml_document_get_node(&l->l_doc, p->key);
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

char *
method_ld_str(struct ld *l, yaml_node_t *map, const char *key, int required,
    const char *what)
{
	yaml_node_t *n = ydoc_get(&l->l_doc, map, key);
	const char *s;

	if (n == NULL) {
		if (required)
			ERR(l, map, "'%s' thiếu trường '%s'",
			    "'%s' lacks the field '%s'", what, key);
		return NULL;
	}
	s = method_ld_scalar(l, n, key);
	if (s == NULL)
		return NULL;
	if (required && *s == '\0') {
		ERR(l, n, "'%s' của '%s' không được để trống",
		    "'%s' of '%s' must not be empty", key, what);
		return NULL;
	}
	return xstrdup(s);
}

int
method_ld_num(struct ld *l, yaml_node_t *map, const char *key, int required,
    const char *what, double *out)
{
	yaml_node_t *n = ydoc_get(&l->l_doc, map, key);
	const char *s;

	if (n == NULL) {
		if (required)
			ERR(l, map, "'%s' thiếu trường '%s'",
			    "'%s' lacks the field '%s'", what, key);
		return -1;
	}
	s = method_ld_scalar(l, n, key);
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

int
method_ld_want_seq(struct ld *l, yaml_node_t *n, const char *what)
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

int
method_ld_is_ident(const char *s)
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

int
method_ld_is_reserved(const char *s)
{
	/* the words of the language, and the constant of indicator rules */
	return expr_reserved(s, strlen(s)) || strcmp(s, "points") == 0;
}

/* Codes of indicators and inputs: letters, digits, '.', '_' and '-'. */
int
method_ld_is_code(const char *s)
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
	const char *s = method_ld_scalar(l, n, "agency");
	long i;

	if (s == NULL)
		return -1;
	i = strmap_get(&l->l_agency, s, strlen(s));
	if (i < 0)
		ERR(l, n, "cơ quan '%s' chưa được khai báo trong 'agencies'",
		    "agency '%s' is not declared in 'agencies'", s);
	return (int)i;
}

void
method_ld_roles(struct ld *l, yaml_node_t *map, const char *what, int *lead,
    int **coord, int *ncoord)
{
	yaml_node_t *n = ydoc_get(&l->l_doc, map, "lead");
	yaml_node_t *c = ydoc_get(&l->l_doc, map, "coordinators");
	int i, k;

	*lead = -1;
	*coord = NULL;
	*ncoord = 0;
	if (n == NULL)
		ERR(l, map, "'%s' thiếu cơ quan phụ trách ('lead')",
		    "'%s' lacks its lead agency ('lead')", what);
	else
		*lead = agency_ref(l, n);
	if (c == NULL || method_ld_want_seq(l, c, "coordinators") < 0)
		return;
	*coord = xcalloc((size_t)ydoc_len(c) + 1, sizeof(int));
	for (i = 0; i < ydoc_len(c); i++) {
		k = agency_ref(l, ydoc_at(&l->l_doc, c, i));
		if (k >= 0)
			(*coord)[(*ncoord)++] = k;
	}
}

void
method_ld_add_code(struct ld *l, yaml_node_t *at, const char *code)
{
	if (strmap_get(&l->l_codes, code, strlen(code)) >= 0) {
		ERR(l, at, "mã '%s' bị trùng", "duplicate code '%s'", code);
		return;
	}
	strmap_put(&l->l_codes, code, strlen(code), 1);
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
 * method_ld_compile(l, n, what, code, env): compile the rule in scalar ${n}; NULL
 * (reported) when it does not compile.
 */
struct expr *
method_ld_compile(struct ld *l, yaml_node_t *n, const char *what,
    const char *code, const struct expr_env *env)
{
	struct expr *ex;
	struct diag e;

	diag_init(&e);
	if (expr_compile(&ex, (const char *)n->data.scalar.value, env, &e) < 0)
		rule_err(l, n, what, code, &e);
	diag_free(&e);
	return ex;
}
