/*
 * method.h: an index methodology held in memory: agencies, general
 * information items, groups, indicators (with parts), inputs, compiled
 * rules and derived figures. Built by method_load() from a YAML text; no I/O.
 */
#ifndef DTI_METHOD_H
#define DTI_METHOD_H

#include <stddef.h>

#include "engine/expr.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/numfmt.h"
#include "util/strmap.h"

#define METHOD_MAX_BYTES (4u << 20) /* a methodology file */
#define METHOD_MAX_DEPTH 32 /* YAML nesting */
#define METHOD_MAX_GROUPS 64
#define METHOD_MAX_INDICATORS 2048
#define METHOD_MAX_INPUTS 8192
#define METHOD_MAX_DERIVED 256 /* derived figures (TOTAL, INDEX, ...) */

enum input_kind {
	IK_COUNT, /* number >= 0 */
	IK_AMOUNT, /* number >= 0, tỷ đồng */
	IK_NUMBER, /* any number */
	IK_YESNO, /* 0 or 1 */
	IK_CHOICE, /* one of the options; stored as the option's index */
	IK_TEXT, /* free text; not usable in rules */
};

struct m_option {
	char *mo_code;
	char *mo_label;
};

struct m_input {
	char *mi_name; /* global name in data files: "3.3.a" */
	char *mi_var; /* identifier in rules: "a" */
	enum input_kind mi_kind;
	char *mi_label; /* Vietnamese description */
	char *mi_unit; /* display unit, may be NULL */
	struct m_option *mi_options;
	const char **mi_codes; /* option codes, for the rule compiler */
	int mi_noptions;
	int mi_indicator; /* owning indicator, or -1 */
	int mi_general; /* owning general item, or -1 */
};

struct m_check {
	char *mc_src;
	char *mc_message; /* may be NULL */
	struct expr *mc_expr;
	int *mc_inputs; /* inputs the check reads, in order of first use */
	int mc_ninputs;
};

struct m_alt {
	char *mt_note;
	char *mt_score;
	struct expr *mt_expr;
};

struct m_indicator {
	char *mn_code;
	char *mn_name;
	double mn_points;
	int mn_group; /* index of the group */
	int mn_parent; /* indicator index of the parent, or -1 */
	int mn_lead; /* agency index, or -1 */
	int *mn_coord; /* agency indexes */
	int mn_ncoord;
	int *mn_inputs; /* input indexes */
	int mn_ninputs;
	int *mn_parts; /* indicator indexes of parts */
	int mn_nparts;
	char *mn_rule; /* the plan's text */
	char *mn_score; /* rule source; NULL for a sum of parts */
	struct expr *mn_expr;
	struct m_check *mn_checks;
	int mn_nchecks;
	char **mn_notes;
	int mn_nnotes;
	struct m_alt *mn_alts;
	int mn_nalts;
};

struct m_group {
	char *mg_code;
	char *mg_name;
	double mg_points;
	int *mg_indicators; /* top-level indicators of the group */
	int mg_n;
};

struct m_general {
	char *ml_code;
	char *ml_name;
	int ml_input;
	int ml_lead;
	int *ml_coord;
	int ml_ncoord;
};

struct m_agency {
	char *ma_code;
	char *ma_name;
	char *ma_short;
	int ma_is_group; /* a collective, e.g. "UBND các huyện, thành phố" */
};

struct m_derived {
	char *md_code;
	char *md_name;
	double md_points;
	char *md_src;
	struct expr *md_expr; /* slots: groups, then earlier derived */
};

struct method {
	char *m_id;
	char *m_name;
	char *m_version;
	char *m_level;
	char *m_source;
	double m_total; /* total_points, or the sum of groups */
	struct m_agency *m_agencies;
	int m_nagencies;
	struct m_general *m_general;
	int m_ngeneral;
	struct m_group *m_groups;
	int m_ngroups;
	struct m_indicator *m_ind; /* document order, parts after parent */
	int m_nind;
	struct m_input *m_inputs;
	int m_ninputs;
	struct m_derived *m_derived;
	int m_nderived;
	struct strmap m_input_map; /* input name -> index */
	struct strmap m_code_map; /* indicator code -> index */
	int m_has_cross; /* some rule compares units */
};

/*
 * method_load(out, text, len, file, d): parse and validate a methodology
 * from ${text} (${len} bytes, borrowed); ${file} names it in messages. On
 * success store a new methodology in ${out}, which the caller frees with
 * method_free(), and return 0. On failure set ${out} to NULL, record every
 * error found in ${d} and return -1.
 */
int method_load(
    struct method **, const char *, size_t, const char *, struct diag *);
/* method_free(m): free ${m} and all it holds; method_free(NULL) does nothing. */
void method_free(struct method *);

/* method_input(m, name, len): the index of input ${name}, or -1. */
int method_input(const struct method *, const char *, size_t);
/* method_indicator(m, code): the index of indicator ${code}, or -1. */
int method_indicator(const struct method *, const char *);
/* method_kind_name(k): "count", "amount", ... (static text). */
const char *method_kind_name(enum input_kind);
/*
 * method_value_parse(in, v, len, style, out, why): check the text of a
 * value against its input's kind (a number read in ${style} by
 * numfmt_read(), a whole count >= 0, an amount >= 0, 0/1, option code,
 * UTF-8 text) and store its number (an option's index) in ${out}; on failure
 * add one item to ${why} that holds the reason alone (for the caller's
 * own message, see diag_wrap) and return -1.
 */
int method_value_parse(const struct m_input *, const char *, size_t,
    enum numfmt_style, double *, struct diag *);
/* method_top_level(m): the number of indicators that are not parts. */
int method_top_level(const struct method *);

#endif
