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
