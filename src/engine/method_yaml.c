/*
 * method_yaml.c: build a methodology from YAML text (libyaml) and validate
 * it. Every error names the file, line and column of the node at fault;
 * loading goes on after an error so that one run reports them all.
 *
 * This file holds the top level: the YAML checks before building the
 * document, the methodology's head, agencies, general items, groups and
 * derived figures. Indicators, inputs and their rules are in
 * method_yaml_ind.c; the data rules (plausibility, consistency, evidence,
 * contributions) in method_yaml_rules.c; reading nodes and placing errors
 * in method_yaml_read.c; method_yaml.h is their private header.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/method_yaml.h"

static void
load_agencies(struct ld *l, yaml_node_t *list)
{
	static const char *const keys[] = { "code", "name", "short", "kind",
		NULL };
	struct method *m = l->l_m;
	int i, n;

	if (list == NULL || method_ld_want_seq(l, list, "agencies") < 0)
		return;
	n = ydoc_len(list);
	m->m_agencies = xcalloc((size_t)n + 1, sizeof(*m->m_agencies));
	for (i = 0; i < n; i++) {
		yaml_node_t *a = ydoc_at(&l->l_doc, list, i);
		struct m_agency *ag = &m->m_agencies[m->m_nagencies];
		char *kind;

		if (method_ld_keys(l, a, "agency", keys) < 0 &&
		    a->type != YAML_MAPPING_NODE)
			continue;
		ag->ma_code = method_ld_str(l, a, "code", 1, "agency");
		if (ag->ma_code == NULL)
			continue;
		ag->ma_name = method_ld_str(l, a, "name", 1, ag->ma_code);
		ag->ma_short = method_ld_str(l, a, "short", 0, ag->ma_code);
		kind = method_ld_str(l, a, "kind", 0, ag->ma_code);
		if (kind != NULL && strcmp(kind, "group") == 0)
			ag->ma_is_group = 1;
		else if (kind != NULL && strcmp(kind, "agency") != 0)
			ERR(l, ydoc_get(&l->l_doc, a, "kind"),
			    "loại cơ quan '%s' không hợp lệ (agency, group)",
			    "agency kind '%s' is not agency or group", kind);
		free(kind);
		if (!method_ld_is_code(ag->ma_code))
			ERR(l, ydoc_get(&l->l_doc, a, "code"),
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

	if (list == NULL || method_ld_want_seq(l, list, "general") < 0)
		return;
	n = ydoc_len(list);
	m->m_general = xcalloc((size_t)n + 1, sizeof(*m->m_general));
	for (i = 0; i < n; i++) {
		yaml_node_t *g = ydoc_at(&l->l_doc, list, i);
		struct m_general *gi = &m->m_general[m->m_ngeneral];
		int in;

		if (method_ld_keys(l, g, "general", keys) < 0 &&
		    g->type != YAML_MAPPING_NODE)
			continue;
		gi->ml_code = method_ld_str(l, g, "code", 1, "general");
		if (gi->ml_code == NULL)
			continue;
		method_ld_add_code(l, g, gi->ml_code);
		gi->ml_name = method_ld_str(l, g, "name", 1, gi->ml_code);
		method_ld_roles(l, g, gi->ml_code, &gi->ml_lead, &gi->ml_coord,
		    &gi->ml_ncoord);
		in = method_ld_input(l, g, gi->ml_code, -1, m->m_ngeneral);
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
	if (method_ld_keys(l, n, what, keys) < 0 &&
	    n->type != YAML_MAPPING_NODE)
		return -1;
	*code = method_ld_str(l, n, "code", 1, what);
	if (*code == NULL)
		return -1;
	if (!method_ld_is_ident(*code) || method_ld_is_reserved(*code))
		ERR(l, ydoc_get(&l->l_doc, n, "code"),
		    "mã %.0s'%s' phải là một tên dùng được trong công thức (chữ, số, '_')",
		    "%s code '%s' must be an identifier usable in formulas (letters, digits, '_')",
		    what, *code);
	method_ld_add_code(l, ydoc_get(&l->l_doc, n, "code"), *code);
	*name = method_ld_str(l, n, "name", 1, *code);
	method_ld_num(l, n, "points", 1, *code, points);
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
		ERR(l, yaml_document_get_node(&l->l_doc, 1),
		    "phương pháp thiếu 'groups'",
		    "the methodology lacks 'groups'");
		return;
	}
	if (method_ld_want_seq(l, list, "groups") < 0)
		return;
	n = ydoc_len(list);
	if (n == 0 || n > METHOD_MAX_GROUPS) {
		ERR(l, list, "cần từ 1 đến %d nhóm",
		    "1 to %d groups are needed", METHOD_MAX_GROUPS);
		return;
	}
	m->m_groups = xcalloc((size_t)n, sizeof(*m->m_groups));
	for (i = 0; i < n; i++) {
		yaml_node_t *g = ydoc_at(&l->l_doc, list, i), *inds;
		struct m_group *gr = &m->m_groups[m->m_ngroups];
		double sum = 0;

		if (load_head(l, g, "group", group_keys, &gr->mg_code,
			&gr->mg_name, &gr->mg_points) < 0)
			continue;
		total += gr->mg_points;
		m->m_ngroups++;
		inds = ydoc_get(&l->l_doc, g, "indicators");
		if (inds == NULL ||
		    method_ld_want_seq(l, inds, "indicators") < 0) {
			ERR(l, g, "nhóm %s không có chỉ số nào",
			    "group %s has no indicators", gr->mg_code);
			continue;
		}
		gr->mg_indicators =
		    xcalloc((size_t)ydoc_len(inds) + 1, sizeof(int));
		for (j = 0; j < ydoc_len(inds); j++) {
			int k = method_ld_indicator(l,
			    ydoc_at(&l->l_doc, inds, j), m->m_ngroups - 1, -1);

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

	if (list == NULL || method_ld_want_seq(l, list, "derived") < 0)
		return;
	n = ydoc_len(list);
	if (n > METHOD_MAX_DERIVED) {
		ERR(l, list, "quá nhiều chỉ số tổng hợp (tối đa %d)",
		    "too many derived figures (at most %d)",
		    METHOD_MAX_DERIVED);
		return;
	}
	m->m_derived = xcalloc((size_t)n + 1, sizeof(*m->m_derived));
	for (i = 0; i < n; i++) {
		yaml_node_t *dn = ydoc_at(&l->l_doc, list, i), *f;
		struct m_derived *d = &m->m_derived[m->m_nderived];
		struct derived_ctx dc;
		struct expr_env env;

		if (load_head(l, dn, "derived", keys, &d->md_code, &d->md_name,
			&d->md_points) < 0)
			continue;
		f = ydoc_get(&l->l_doc, dn, "formula");
		m->m_nderived++;
		if (f == NULL) {
			ERR(l, dn, "%s thiếu 'formula'", "%s lacks 'formula'",
			    d->md_code);
			continue;
		}
		if (method_ld_scalar(l, f, "formula") == NULL)
			continue;
		d->md_src = xstrdup((const char *)f->data.scalar.value);
		dc.dc_m = m;
		dc.dc_upto = m->m_nderived - 1;
		env.ee_resolve = derived_resolve;
		env.ee_ctx = &dc;
		env.ee_allow_cross = 0;
		d->md_expr =
		    method_ld_compile(l, f, "formula", d->md_code, &env);
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
			diag_put(l->l_d, DIAG_ERROR, "method.yaml", l->l_file,
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
				diag_put(l->l_d, DIAG_ERROR, "method.yaml",
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

/* load_meta(l, meta, root): the 'methodology' section: id, name, ... */
static void
load_meta(struct ld *l, yaml_node_t *meta, yaml_node_t *root)
{
	static const char *const meta_keys[] = { "id", "name", "version",
		"level", "source", "total_points", NULL };
	struct method *m = l->l_m;

	if (meta == NULL) {
		ERR(l, root, "thiếu phần 'methodology' (id, name, version)",
		    "the 'methodology' section (id, name, version) is missing");
		return;
	}
	method_ld_keys(l, meta, "methodology", meta_keys);
	m->m_id = method_ld_str(l, meta, "id", 1, "methodology");
	m->m_name = method_ld_str(l, meta, "name", 1, "methodology");
	m->m_version = method_ld_str(l, meta, "version", 0, "methodology");
	m->m_level = method_ld_str(l, meta, "level", 0, "methodology");
	m->m_source = method_ld_str(l, meta, "source", 0, "methodology");
	if (ydoc_get(&l->l_doc, meta, "total_points") != NULL)
		l->l_have_total = method_ld_num(l, meta, "total_points", 0,
				      "methodology", &m->m_total) == 0;
	if (m->m_id != NULL && !method_ld_is_code(m->m_id))
		ERR(l, ydoc_get(&l->l_doc, meta, "id"),
		    "mã phương pháp '%s' không hợp lệ",
		    "bad methodology id '%s'", m->m_id);
}

int
method_load(struct method **out, const char *text, size_t len, const char *file,
    struct diag *d)
{
	static const char *const top_keys[] = { "methodology", "agencies",
		"general", "groups", "derived", "plausibility", "consistency",
		"evidence", "contributions", NULL };
	yaml_parser_t p;
	yaml_node_t *root;
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
		diag_put(d, DIAG_ERROR, "method.yaml", file, 0, 0,
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
		diag_put(d, DIAG_ERROR, "method.yaml", file, 1, 1,
		    "tệp phương pháp phải là một bảng khóa: giá trị (methodology, agencies, groups, ...)",
		    "a methodology file must be a mapping (methodology, agencies, groups, ...)");
		l.l_errors++;
		goto done;
	}
	method_ld_keys(&l, root, "top level", top_keys);
	load_meta(&l, ydoc_get(&l.l_doc, root, "methodology"), root);
	load_agencies(&l, ydoc_get(&l.l_doc, root, "agencies"));
	load_general(&l, ydoc_get(&l.l_doc, root, "general"));
	load_groups(&l, ydoc_get(&l.l_doc, root, "groups"));
	load_derived(&l, ydoc_get(&l.l_doc, root, "derived"));
	method_ld_rules(&l, root);
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
