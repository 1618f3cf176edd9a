/* org_load.c: the organisation file parsed into plain structs. */
#include "io/org_load.h"

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

#define ORG_BLOCK_BYTES 65536 /* strings are copied in blocks of this */

/* A block of copied strings; a parsed file frees its chain at once. */
struct org_block {
	struct org_block *ob_next;
	size_t ob_used; /* bytes of ob_data in use */
	size_t ob_cap; /* bytes of ob_data */
	char ob_data[];
};

/* The state of one org_parse(). */
struct org_ctx {
	yaml_document_t oc_doc;
	struct org_file *oc_f; /* what is being filled */
	const char *oc_file;
	struct diag *oc_d;
	int oc_errors;
	struct strmap oc_agencies; /* the codes of the declared agencies */
};

static void
oerr(struct org_ctx *c, yaml_node_t *n, const char *what)
{
	c->oc_errors++;
	diag_add(c->oc_d, DIAG_ERROR, "org", c->oc_file, ydoc_line(n),
	    ydoc_col(n), "thiếu hoặc sai trường '%s'",
	    "missing or bad field '%s'", what);
}

/* Is ${n} (items of ${list}, named ${what}) within ${max}? */
static int
within(struct org_ctx *c, yaml_node_t *list, const char *what, long n, long max)
{
	if (n <= max)
		return 1;
	c->oc_errors++;
	diag_add(c->oc_d, DIAG_ERROR, "org.limit", c->oc_file, ydoc_line(list),
	    ydoc_col(list), "'%s' có quá nhiều mục (%ld, tối đa %ld)",
	    "'%s' has too many items (%ld, at most %ld)", what, n, max);
	return 0;
}

/* A copy of ${s} that lives as long as the parsed file; NULL for NULL. */
static const char *
ostr(struct org_ctx *c, const char *s)
{
	struct org_file *f = c->oc_f;
	struct org_block *b = f->of_blocks;
	size_t n;

	if (s == NULL)
		return NULL;
	n = strlen(s) + 1;
	if (b == NULL || b->ob_cap - b->ob_used < n) {
		size_t cap = n > ORG_BLOCK_BYTES ? n : ORG_BLOCK_BYTES;

		b = xmalloc(sizeof(*b) + cap);
		b->ob_next = f->of_blocks;
		b->ob_used = 0;
		b->ob_cap = cap;
		f->of_blocks = b;
	}
	memcpy(b->ob_data + b->ob_used, s, n);
	b->ob_used += n;
	return b->ob_data + b->ob_used - n;
}

/* The text under ${key} of ${map}, copied; NULL when absent or null. */
static const char *
opt(struct org_ctx *c, yaml_node_t *map, const char *key)
{
	return ostr(c, ydoc_getstr(&c->oc_doc, map, key));
}

/* Like opt(), but its absence is an error. */
static const char *
need(struct org_ctx *c, yaml_node_t *map, const char *key)
{
	const char *v = opt(c, map, key);

	if (v == NULL)
		oerr(c, map, key);
	return v;
}

/* The date under ${key} of ${map} as ISO (either form); NULL when absent. */
static const char *
org_date(struct org_ctx *c, yaml_node_t *map, const char *key)
{
	const char *v = ydoc_getstr(&c->oc_doc, map, key);
	char iso[11];

	if (v == NULL)
		return NULL;
	if (date_iso(v, iso) < 0) {
		c->oc_errors++;
		diag_add(c->oc_d, DIAG_ERROR, "org.date", c->oc_file,
		    ydoc_line(map), ydoc_col(map),
		    "ngày '%.40s' của '%s' không hợp lệ (dd/mm/yyyy hoặc yyyy-mm-dd)",
		    "bad date '%.40s' for '%s' (dd/mm/yyyy or yyyy-mm-dd)", v,
		    key);
		return NULL;
	}
	return ostr(c, iso);
}

static void
parse_agencies(struct org_ctx *c, yaml_node_t *root)
{
	struct org_file *f = c->oc_f;
	yaml_node_t *list = ydoc_get(&c->oc_doc, root, "agencies");
	int i, n = ydoc_len(list);

	if (!within(c, list, "agencies", n, ORG_MAX_ITEMS))
		return;
	f->of_agencies = xcalloc((size_t)n + 1, sizeof(*f->of_agencies));
	for (i = 0; i < n; i++) {
		yaml_node_t *a = ydoc_at(&c->oc_doc, list, i);
		struct org_agency *oa = &f->of_agencies[f->of_nagencies];

		memset(oa, 0, sizeof(*oa));
		oa->oa_code = need(c, a, "code");
		oa->oa_name = need(c, a, "name");
		oa->oa_kind = need(c, a, "kind");
		if (oa->oa_code == NULL || oa->oa_name == NULL ||
		    oa->oa_kind == NULL)
			continue;
		oa->oa_short = opt(c, a, "short");
		oa->oa_district = opt(c, a, "district");
		if (oa->oa_district != NULL &&
		    (strcmp(oa->oa_district, "null") == 0 ||
			oa->oa_district[0] == '\0'))
			oa->oa_district = NULL;
		oa->oa_effective = org_date(c, a, "effective");
		oa->oa_line = ydoc_line(a);
		oa->oa_col = ydoc_col(a);
		strmap_put(&c->oc_agencies, oa->oa_code, strlen(oa->oa_code),
		    (long)f->of_nagencies);
		f->of_nagencies++;
	}
}

static void
parse_collectives(struct org_ctx *c, yaml_node_t *root)
{
	struct org_file *f = c->oc_f;
	yaml_node_t *map = ydoc_get(&c->oc_doc, root, "collectives");
	yaml_node_pair_t *p, *start, *top;
	long total = 0;

	if (map == NULL || map->type != YAML_MAPPING_NODE)
		return;
	start = map->data.mapping.pairs.start;
	top = map->data.mapping.pairs.top;
	for (p = start; p < top; p++) {
		yaml_node_t *v = yaml_document_get_node(&c->oc_doc, p->value);

		if (!within(c, v, "collectives", ydoc_len(v), ORG_MAX_LIST))
			return;
		total += ydoc_len(v);
	}
	if (!within(c, map, "collectives", total, ORG_MAX_MEMBERS))
		return;
	f->of_members = xcalloc((size_t)total + 1, sizeof(*f->of_members));
	for (p = start; p < top; p++) {
		yaml_node_t *k = yaml_document_get_node(&c->oc_doc, p->key);
		yaml_node_t *v = yaml_document_get_node(&c->oc_doc, p->value);
		const char *grp = ostr(c, ydoc_str(k));
		int i;

		if (grp == NULL)
			continue;
		for (i = 0; i < ydoc_len(v); i++) {
			const char *m = ydoc_str(ydoc_at(&c->oc_doc, v, i));
			struct org_member *om;

			if (m == NULL)
				continue;
			om = &f->of_members[f->of_nmembers++];
			om->om_group = grp;
			om->om_member = ostr(c, m);
			om->om_line = ydoc_line(v);
			om->om_col = ydoc_col(v);
		}
	}
}

static void
parse_units(struct org_ctx *c, yaml_node_t *root)
{
	struct org_file *f = c->oc_f;
	yaml_node_t *prov = ydoc_get(&c->oc_doc, root, "province");
	yaml_node_t *list = ydoc_get(&c->oc_doc, root, "districts");
	int i, n = ydoc_len(list);

	f->of_province.ou_code = need(c, prov, "code");
	f->of_province.ou_name = need(c, prov, "name");
	f->of_province.ou_line = ydoc_line(prov);
	f->of_province.ou_col = ydoc_col(prov);
	if (f->of_province.ou_code == NULL || f->of_province.ou_name == NULL)
		return;
	if (!within(c, list, "districts", n, ORG_MAX_ITEMS))
		return;
	f->of_districts = xcalloc((size_t)n + 1, sizeof(*f->of_districts));
	for (i = 0; i < n; i++) {
		yaml_node_t *d = ydoc_at(&c->oc_doc, list, i);
		struct org_unit *u = &f->of_districts[f->of_ndistricts];

		memset(u, 0, sizeof(*u));
		u->ou_code = need(c, d, "code");
		u->ou_name = need(c, d, "name");
		if (u->ou_code == NULL || u->ou_name == NULL)
			continue;
		u->ou_line = ydoc_line(d);
		u->ou_col = ydoc_col(d);
		f->of_ndistricts++;
	}
}

static void
parse_reporting(struct org_ctx *c, yaml_node_t *root)
{
	struct org_reporting *r = &c->oc_f->of_reporting;
	yaml_node_t *node = ydoc_get(&c->oc_doc, root, "reporting");

	r->or_line = ydoc_line(node);
	r->or_col = ydoc_col(node);
	r->or_agency_quarter_day = need(c, node, "agency_quarter_day");
	r->or_agency_year = need(c, node, "agency_year");
	r->or_sotttt_quarter_day = need(c, node, "sotttt_quarter_day");
	r->or_sotttt_year = need(c, node, "sotttt_year");
	r->or_receiver = need(c, node, "receiver");
}

/* The keys that name a change's kind and its code. */
static const struct {
	const char *ck_key;
	enum org_change_kind ck_kind;
} change_keys[] = {
	{ "add", ORG_CHANGE_ADD },
	{ "rename", ORG_CHANGE_RENAME },
	{ "deactivate", ORG_CHANGE_DEACTIVATE },
	{ "reactivate", ORG_CHANGE_REACTIVATE },
	{ "merge", ORG_CHANGE_MERGE },
};
#define NCHANGE_KEYS (sizeof(change_keys) / sizeof(change_keys[0]))

/* Section changes: (optional) and effective: (optional). */
static void
parse_changes(struct org_ctx *c, yaml_node_t *root)
{
	struct org_file *f = c->oc_f;
	yaml_node_t *list = ydoc_get(&c->oc_doc, root, "changes");
	int i, n = ydoc_len(list);
	size_t k;

	f->of_effective = org_date(c, root, "effective");
	if (!within(c, list, "changes", n, ORG_MAX_ITEMS))
		return;
	f->of_changes = xcalloc((size_t)n + 1, sizeof(*f->of_changes));
	for (i = 0; i < n; i++) {
		yaml_node_t *x = ydoc_at(&c->oc_doc, list, i);
		struct org_change *oc = &f->of_changes[f->of_nchanges];
		int found = 0;

		memset(oc, 0, sizeof(*oc));
		for (k = 0; k < NCHANGE_KEYS; k++) {
			const char *v = opt(c, x, change_keys[k].ck_key);

			if (v == NULL)
				continue;
			found++;
			oc->och_kind = change_keys[k].ck_kind;
			oc->och_code = v;
		}
		oc->och_line = ydoc_line(x);
		oc->och_col = ydoc_col(x);
		if (found != 1) {
			c->oc_errors++;
			diag_put(c->oc_d, DIAG_ERROR, "org.change", c->oc_file,
			    oc->och_line, oc->och_col,
			    "mỗi thay đổi có đúng một trong add, rename, deactivate, reactivate, merge",
			    "each change has exactly one of add, rename, deactivate, reactivate, merge");
			continue;
		}
		oc->och_entity = opt(c, x, "entity");
		if (oc->och_entity == NULL)
			oc->och_entity = "agency";
		else if (strcmp(oc->och_entity, "agency") != 0 &&
		    strcmp(oc->och_entity, "unit") != 0) {
			oerr(c, x, "entity");
			continue;
		}
		oc->och_into = opt(c, x, "into");
		oc->och_name = opt(c, x, "name");
		oc->och_short = opt(c, x, "short");
		oc->och_kind_text = opt(c, x, "kind");
		oc->och_effective = org_date(c, x, "effective");
		if ((oc->och_kind == ORG_CHANGE_MERGE &&
			oc->och_into == NULL) ||
		    ((oc->och_kind == ORG_CHANGE_RENAME ||
			 oc->och_kind == ORG_CHANGE_ADD) &&
			oc->och_name == NULL) ||
		    (oc->och_kind == ORG_CHANGE_ADD &&
			oc->och_kind_text == NULL)) {
			oerr(c, x,
			    oc->och_kind == ORG_CHANGE_MERGE ? "into"
				: oc->och_name == NULL       ? "name"
							     : "kind");
			continue;
		}
		f->of_nchanges++;
	}
}

int
org_parse(const char *text, size_t len, const char *file, struct org_file **out,
    struct diag *d)
{
	struct ydoc_limits lim;
	yaml_node_t *root;
	struct org_ctx c;

	*out = NULL;
	memset(&c, 0, sizeof(c));
	c.oc_file = file;
	c.oc_d = d;
	lim.yl_file = file;
	lim.yl_code_yaml = "org.yaml";
	lim.yl_code_size = "org.size";
	lim.yl_what_vi = "tệp tổ chức";
	lim.yl_what_en = "organisation file";
	lim.yl_max_bytes = ORG_MAX_BYTES;
	lim.yl_max_depth = ORG_MAX_DEPTH;
	if (ydoc_load(&c.oc_doc, text, len, &lim, d) < 0)
		return -1;
	c.oc_f = xcalloc(1, sizeof(*c.oc_f));
	c.oc_f->of_file = ostr(&c, file);
	strmap_init(&c.oc_agencies);
	root = yaml_document_get_root_node(&c.oc_doc);
	if (root == NULL || root->type != YAML_MAPPING_NODE) {
		oerr(&c, root, "province");
	} else {
		parse_agencies(&c, root);
		parse_collectives(&c, root);
		parse_units(&c, root);
		parse_reporting(&c, root);
		parse_changes(&c, root);
	}
	yaml_document_delete(&c.oc_doc);
	strmap_free(&c.oc_agencies);
	if (c.oc_errors > 0) {
		org_file_free(c.oc_f);
		return -1;
	}
	*out = c.oc_f;
	return 0;
}

void
org_file_free(struct org_file *f)
{
	struct org_block *b, *next;

	if (f == NULL)
		return;
	free(f->of_agencies);
	free(f->of_members);
	free(f->of_districts);
	free(f->of_changes);
	for (b = f->of_blocks; b != NULL; b = next) {
		next = b->ob_next;
		free(b);
	}
	free(f);
}
