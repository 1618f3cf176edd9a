/* method.c: look-ups on a loaded methodology and freeing it. */
#include "engine/method.h"

#include <stdlib.h>
#include <math.h>
#include <string.h>

#include "util/numfmt.h"
#include "util/utf8.h"

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

/* indicator_free(n): what one indicator owns (not ${n} itself). */
static void
indicator_free(struct m_indicator *n)
{
	int j;

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
		free(n->mn_alts[j].mt_note);
		free(n->mn_alts[j].mt_score);
		expr_free(n->mn_alts[j].mt_expr);
	}
	free(n->mn_alts);
}

/* input_free(in): what one input owns (not ${in} itself). */
static void
input_free(struct m_input *in)
{
	int j;

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

/* rules_free(m): the data rules of ${m}. */
static void
rules_free(struct method *m)
{
	int i;

	for (i = 0; i < m->m_nplaus; i++) {
		free(m->m_plaus[i].mpl_inputs);
		free(m->m_plaus[i].mpl_message);
	}
	free(m->m_plaus);
	for (i = 0; i < m->m_nconsist; i++) {
		free(m->m_consist[i].mcs_inputs);
		free(m->m_consist[i].mcs_message);
	}
	free(m->m_consist);
	for (i = 0; i < m->m_nevid; i++)
		free(m->m_evid[i].mev_inputs);
	free(m->m_evid);
	for (i = 0; i < m->m_ncontrib; i++) {
		free(m->m_contrib[i].mcb_inputs);
		free(m->m_contrib[i].mcb_by);
	}
	free(m->m_contrib);
}

void
method_free(struct method *m)
{
	int i;

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
	for (i = 0; i < m->m_nind; i++)
		indicator_free(&m->m_ind[i]);
	free(m->m_ind);
	for (i = 0; i < m->m_ninputs; i++)
		input_free(&m->m_inputs[i]);
	free(m->m_inputs);
	for (i = 0; i < m->m_nderived; i++) {
		free(m->m_derived[i].md_code);
		free(m->m_derived[i].md_name);
		free(m->m_derived[i].md_src);
		expr_free(m->m_derived[i].md_expr);
	}
	free(m->m_derived);
	rules_free(m);
	strmap_free(&m->m_input_map);
	strmap_free(&m->m_code_map);
	free(m);
}

/* choice_refused(mi, why): the reason that lists the options. */
static int
choice_refused(const struct m_input *mi, struct diag *why)
{
	struct buf opts;
	int k;

	buf_init(&opts);
	for (k = 0; k < mi->mi_noptions; k++) {
		buf_puts(&opts, k > 0 ? ", " : "");
		buf_puts(&opts, mi->mi_codes[k]);
	}
	diag_add(why, DIAG_ERROR, "value.choice", NULL, 0, 0,
	    "lựa chọn không hợp lệ (chọn một trong: %s)",
	    "unknown option (one of: %s)", buf_cstr(&opts));
	buf_free(&opts);
	return -1;
}

/* refused(why, code, vi, en): one fixed reason, and -1. */
static int
refused(struct diag *why, const char *code, const char *vi, const char *en)
{
	diag_put(why, DIAG_ERROR, code, NULL, 0, 0, vi, en);
	return -1;
}

/*
 * number_parse(mi, v, len, st, out, why): method_value_parse() of a count,
 * amount or number: read in ${st} by numfmt_read(), whole for a count, not
 * negative for a count or an amount. An amount's reason names its unit.
 */
static int
number_parse(const struct m_input *mi, const char *v, size_t len,
    enum numfmt_style st, double *out, struct diag *why)
{
	struct diag r;
	int rc = -1;

	diag_init(&r);
	if (numfmt_read(v, len, st, out, &r) < 0)
		rc = -1;
	else if (*out < 0 && mi->mi_kind != IK_NUMBER)
		diag_put(&r, DIAG_ERROR, "value.negative", NULL, 0, 0,
		    mi->mi_kind == IK_COUNT ? "số lượng không được âm"
					    : "số tiền không được âm",
		    mi->mi_kind == IK_COUNT ? "a count cannot be negative"
					    : "an amount cannot be negative");
	else if (mi->mi_kind == IK_COUNT && *out != floor(*out))
		diag_put(&r, DIAG_ERROR, "value.whole", NULL, 0, 0,
		    "số lượng phải là số nguyên", "a count is a whole number");
	else
		rc = 0;
	if (rc == 0) {
		diag_free(&r);
		return 0;
	}
	*out = 0.0;
	/*
	 * Amounts say their unit wherever they are asked for: the
	 * methodology's (Vietnamese text, in the Vietnamese message only),
	 * else the exchange format's tỷ đồng; in English, billion VND.
	 */
	if (mi->mi_kind == IK_AMOUNT)
		diag_add(why, DIAG_ERROR, r.d_items[0].di_code, NULL, 0, 0,
		    "số tiền tính bằng %s: %s%.0s",
		    "%.0s%.0s%s; amounts are in billion VND",
		    mi->mi_unit != NULL ? mi->mi_unit : "tỷ đồng",
		    r.d_items[0].di_vi, r.d_items[0].di_en);
	else if (mi->mi_unit != NULL && strcmp(mi->mi_unit, "%") == 0)
		diag_add(why, DIAG_ERROR, r.d_items[0].di_code, NULL, 0, 0,
		    "tỷ lệ phần trăm (%%): %s%.0s",
		    "%.0s%s; a percentage, in %%", r.d_items[0].di_vi,
		    r.d_items[0].di_en);
	else
		diag_put(why, DIAG_ERROR, r.d_items[0].di_code, NULL, 0, 0,
		    r.d_items[0].di_vi, r.d_items[0].di_en);
	diag_free(&r);
	return -1;
}

int
method_value_parse(const struct m_input *mi, const char *v, size_t len,
    enum numfmt_style st, double *out, struct diag *why)
{
	int k;

	*out = 0.0;
	switch (mi->mi_kind) {
	case IK_TEXT:
		if (!utf8_valid(v, len) || memchr(v, '\0', len) != NULL)
			return refused(why, "value.text",
			    "giá trị không phải văn bản UTF-8",
			    "the value is not UTF-8 text");
		return 0;
	case IK_CHOICE:
		for (k = 0; k < mi->mi_noptions; k++) {
			if (strlen(mi->mi_codes[k]) == len &&
			    memcmp(mi->mi_codes[k], v, len) == 0) {
				*out = k;
				return 0;
			}
		}
		return choice_refused(mi, why);
	case IK_YESNO:
		if (len != 1 || (v[0] != '0' && v[0] != '1'))
			return refused(why, "value.yesno",
			    "dữ liệu có/không phải là 0 hoặc 1",
			    "a yes/no value must be 0 or 1");
		*out = v[0] == '1';
		return 0;
	case IK_COUNT:
	case IK_AMOUNT:
	case IK_NUMBER: return number_parse(mi, v, len, st, out, why);
	}
	return refused(why, "value.kind", "kiểu dữ liệu không rõ",
	    "unknown kind of input");
}
