/* method.c: look-ups on a loaded methodology and freeing it. */
#include "engine/method.h"

#include <stdlib.h>
#include <string.h>

int
method_input(const struct method *m, const char *name, size_t len)
{
	return (int)strmap_get(&m->m_input_map, name, len);
}

int
method_indicator(const struct method *m, const char *code)
{
	return (int)strmap_get(&m->m_code_map, code, strlen(code));
}

int
method_top_level(const struct method *m)
{
	int i, n = 0;

	for (i = 0; i < m->m_nind; i++)
		n += m->m_ind[i].mn_parent < 0;
	return n;
}

void
method_free(struct method *m)
{
	int i, j;

	if (m == NULL)
		return;
	free(m->m_id);
	free(m->m_name);
	free(m->m_version);
	free(m->m_level);
	free(m->m_source);
	for (i = 0; i < m->m_nagencies; i++) {
		free(m->m_agencies[i].ma_code);
		free(m->m_agencies[i].ma_name);
		free(m->m_agencies[i].ma_short);
	}
	free(m->m_agencies);
	for (i = 0; i < m->m_ngeneral; i++) {
		free(m->m_general[i].ml_code);
		free(m->m_general[i].ml_name);
		free(m->m_general[i].ml_coord);
	}
	free(m->m_general);
	for (i = 0; i < m->m_ngroups; i++) {
		free(m->m_groups[i].mg_code);
		free(m->m_groups[i].mg_name);
		free(m->m_groups[i].mg_indicators);
	}
	free(m->m_groups);
	for (i = 0; i < m->m_nind; i++) {
		struct m_indicator *n = &m->m_ind[i];

		free(n->mn_code);
		free(n->mn_name);
		free(n->mn_coord);
		free(n->mn_inputs);
		free(n->mn_parts);
		free(n->mn_rule);
		free(n->mn_score);
		expr_free(n->mn_expr);
		for (j = 0; j < n->mn_nchecks; j++) {
			free(n->mn_checks[j].mc_src);
			free(n->mn_checks[j].mc_message);
			free(n->mn_checks[j].mc_inputs);
			expr_free(n->mn_checks[j].mc_expr);
		}
		free(n->mn_checks);
		for (j = 0; j < n->mn_nnotes; j++)
			free(n->mn_notes[j]);
		free(n->mn_notes);
		for (j = 0; j < n->mn_nalts; j++) {
			free(n->mn_alts[j].ma_note);
			free(n->mn_alts[j].ma_score);
			expr_free(n->mn_alts[j].ma_expr);
		}
		free(n->mn_alts);
	}
	free(m->m_ind);
	for (i = 0; i < m->m_ninputs; i++) {
		struct m_input *in = &m->m_inputs[i];

		free(in->mi_name);
		free(in->mi_var);
		free(in->mi_label);
		free(in->mi_unit);
		for (j = 0; j < in->mi_noptions; j++) {
			free(in->mi_options[j].mo_code);
			free(in->mi_options[j].mo_label);
		}
		free(in->mi_options);
		free(in->mi_codes);
	}
	free(m->m_inputs);
	for (i = 0; i < m->m_nderived; i++) {
		free(m->m_derived[i].md_code);
		free(m->m_derived[i].md_name);
		free(m->m_derived[i].md_src);
		expr_free(m->m_derived[i].md_expr);
	}
	free(m->m_derived);
	strmap_free(&m->m_input_map);
	strmap_free(&m->m_code_map);
	free(m);
}
