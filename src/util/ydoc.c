/* ydoc.c: libyaml document helpers. */
#include "util/ydoc.h"

#include <string.h>

yaml_node_t *
ydoc_get(yaml_document_t *doc, yaml_node_t *map, const char *key)
{
	yaml_node_pair_t *p;

	if (map == NULL || map->type != YAML_MAPPING_NODE)
		return NULL;
	for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
	     p++) {
		yaml_node_t *k = yaml_document_get_node(doc, p->key);

		if (k != NULL && k->type == YAML_SCALAR_NODE &&
		    strcmp((const char *)k->data.scalar.value, key) == 0)
			return yaml_document_get_node(doc, p->value);
	}
	return NULL;
}

const char *
ydoc_str(yaml_node_t *n)
{
	const char *v;

	if (n == NULL || n->type != YAML_SCALAR_NODE)
		return NULL;
	v = (const char *)n->data.scalar.value;
	if (n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
	    (strcmp(v, "null") == 0 || strcmp(v, "~") == 0 || *v == '\0'))
		return NULL;
	return v;
}

const char *
ydoc_getstr(yaml_document_t *doc, yaml_node_t *map, const char *key)
{
	return ydoc_str(ydoc_get(doc, map, key));
}

int
ydoc_len(yaml_node_t *n)
{
	if (n == NULL || n->type != YAML_SEQUENCE_NODE)
		return 0;
	return (int)(n->data.sequence.items.top - n->data.sequence.items.start);
}

yaml_node_t *
ydoc_at(yaml_document_t *doc, yaml_node_t *n, int i)
{
	return yaml_document_get_node(doc, n->data.sequence.items.start[i]);
}

long
ydoc_line(const yaml_node_t *n)
{
	return n != NULL ? (long)n->start_mark.line + 1 : 0;
}

long
ydoc_col(const yaml_node_t *n)
{
	return n != NULL ? (long)n->start_mark.column + 1 : 0;
}

/*
 * Before the document is built: one document, no aliases (an alias makes
 * one node count many times), nesting within the limit.
 */
static int
prescan(
    const char *text, size_t len, const struct ydoc_limits *lim, struct diag *d)
{
	yaml_parser_t p;
	yaml_event_t ev;
	const char *vi = NULL, *en = NULL;
	int depth = 0, docs = 0, done = 0;
	long line = 0, col = 0;

	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	while (!done && vi == NULL) {
		if (!yaml_parser_parse(&p, &ev))
			break; /* the loader says why, and where */
		line = (long)ev.start_mark.line + 1;
		col = (long)ev.start_mark.column + 1;
		switch (ev.type) {
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			if (++depth > lim->yl_max_depth) {
				vi = "lồng quá sâu";
				en = "nested too deeply";
			}
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT: depth--; break;
		case YAML_ALIAS_EVENT:
			vi = "không dùng bí danh YAML (*tên)";
			en = "YAML aliases (*name) are not allowed";
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++docs > 1) {
				vi = "tệp chỉ được chứa một tài liệu YAML "
				     "(không dùng '---' lần hai)";
				en = "the file must hold one YAML document "
				     "(no second '---')";
			}
			break;
		case YAML_STREAM_END_EVENT: done = 1; break;
		default: break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	if (vi == NULL)
		return 0;
	diag_put(
	    d, DIAG_ERROR, lim->yl_code_yaml, lim->yl_file, line, col, vi, en);
	return -1;
}

int
ydoc_load(yaml_document_t *doc, const char *text, size_t len,
    const struct ydoc_limits *lim, struct diag *d)
{
	yaml_parser_t p;

	if (len > lim->yl_max_bytes) {
		/* one argument list for both languages: each skips the other's */
		diag_add(d, DIAG_ERROR, lim->yl_code_size, lim->yl_file, 0, 0,
		    "%s%.0s quá lớn (%zu byte, tối đa %zu)",
		    "%.0s%s too large (%zu bytes, at most %zu)",
		    lim->yl_what_vi, lim->yl_what_en, len, lim->yl_max_bytes);
		return -1;
	}
	if (memchr(text, '\0', len) != NULL) {
		diag_put(d, DIAG_ERROR, lim->yl_code_yaml, lim->yl_file, 0, 0,
		    "tệp chứa byte NUL: không phải văn bản YAML",
		    "file holds a NUL byte: not YAML text");
		return -1;
	}
	if (prescan(text, len, lim, d) < 0)
		return -1;
	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	if (!yaml_parser_load(&p, doc)) {
		diag_add(d, DIAG_ERROR, lim->yl_code_yaml, lim->yl_file,
		    (long)p.problem_mark.line + 1,
		    (long)p.problem_mark.column + 1, "YAML không hợp lệ: %s",
		    "invalid YAML: %s", p.problem ? p.problem : "?");
		yaml_parser_delete(&p);
		return -1;
	}
	yaml_parser_delete(&p);
	return 0;
}
