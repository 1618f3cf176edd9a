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
#define METHOD_MAX_RULES 1024 /* entries of one data-rule section */
#define METHOD_MAX_RULE_INPUTS 256 /* inputs one data rule names */

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
	/* the data rules that apply, resolved by the loader */
	int mi_plaus; /* index in m_plaus, or -1 */
	int mi_evidence; /* 1: at least one evidence item is required */
	int mi_contrib; /* index in m_contrib, or -1 */
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

/*
 * Data rules: the optional sections plausibility, consistency, evidence
 * and contributions (docs/methodology-format.md, "Data rules"). They
 * never change a score; app/ applies them at entry, submit and import
 * through the functions of method_rules.c below.
 */

/* A plausible range and change factor, for some inputs or a whole kind. */
struct m_plaus {
	int mpl_kind; /* the enum input_kind it covers, or -1: mpl_inputs */
	int *mpl_inputs;
	int mpl_ninputs;
	int mpl_has_min;
	int mpl_has_max;
	double mpl_min;
	double mpl_max;
	double mpl_change; /* factor against the previous period; 0: none */
	char *mpl_message; /* Vietnamese explanation, may be NULL */
};

enum m_consist_kind {
	MK_SAME, /* every present input equals the others */
	MK_AT_MOST, /* the first is at most the second */
};

/* One rule across inputs of the same unit and period. */
struct m_consist {
	enum m_consist_kind mcs_kind;
	int *mcs_inputs; /* 2 or more (MK_SAME), exactly 2 (MK_AT_MOST) */
	int mcs_ninputs;
	char *mcs_message; /* may be NULL */
};

enum m_evidence_policy { MEV_OPTIONAL, MEV_REQUIRED };

/* An evidence policy for some inputs or a whole kind. */
struct m_evid {
	int mev_kind; /* the enum input_kind it covers, or -1: mev_inputs */
	int *mev_inputs;
	int mev_ninputs;
	enum m_evidence_policy mev_policy;
};

enum m_aggregate {
	MA_SUM, /* numbers: their sum */
	MA_ALL, /* yes/no: 1 when every part is 1 */
	MA_ANY, /* yes/no: 1 when some part is 1 */
	MA_COUNT_YES, /* yes/no parts, a count: how many are 1 */
	MA_MIN, /* numbers: the smallest */
	MA_WORST, /* choice: the option listed last (options go best first) */
};

/*
 * Inputs whose value is the aggregate of parts supplied by the members of
 * collectives (agencies of kind group): the districts, the departments.
 */
struct m_contrib {
	int *mcb_inputs;
	int mcb_ninputs;
	int *mcb_by; /* agency indexes, each a collective */
	int mcb_nby;
	enum m_aggregate mcb_agg;
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
	struct m_plaus *m_plaus;
	int m_nplaus;
	struct m_consist *m_consist;
	int m_nconsist;
	struct m_evid *m_evid;
	int m_nevid;
	struct m_contrib *m_contrib;
	int m_ncontrib;
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

/* method_rules.c: the data rules, pure functions. */
/*
 * method_plausible(m, input, v, prev, warnings): check value ${v} of
 * ${input} against its plausibility rule: the range, and the change
 * factor against ${prev}, the same unit's value of the previous period
 * (NAN when there is none). The change is only compared when both values
 * are non-zero and of the same sign. Add one warning item to ${warnings}
 * per finding (codes "plausibility.range", "plausibility.change"), naming
 * the input, its label, the numbers in the language's format and the
 * unit; return how many were added (0: plausible, or no rule).
 */
int method_plausible(const struct method *, int, double, double, struct diag *);
/* method_plausibility(m, input): the plausibility rule of ${input}, or NULL. */
const struct m_plaus *method_plausibility(const struct method *, int);
/*
 * method_consistent(m, get, ctx, errors): check every consistency rule
 * over one unit's values: ${get}(ctx, input, &v) returns 0 and stores the
 * value when the unit has one for ${input}, -1 when it has none; a rule
 * is checked over the inputs that have a value. Add one error item
 * (code "consistency") per broken pair, naming both inputs with their
 * labels and values; return how many were added (0: consistent).
 */
int method_consistent(const struct method *, int (*)(void *, int, double *),
    void *, struct diag *);
/*
 * method_evidence_required(m, input): 1 when ${input} cannot be submitted
 * without at least one evidence item, else 0.
 */
int method_evidence_required(const struct method *, int);
/*
 * method_contribution(m, input): the contribution rule of ${input} (its
 * value is the aggregate of its parts), or NULL when it is entered whole.
 */
const struct m_contrib *method_contribution(const struct method *, int);
/*
 * method_aggregate(agg, parts, n, out): the aggregate of the ${n} values
 * in ${parts} (yes/no parts are 0 or 1; choice parts are option indexes)
 * into ${out}; 0, or -1 (${out} untouched) when there are no parts, so the
 * input stays missing, or a part does not fit ${agg}.
 */
int method_aggregate(enum m_aggregate, const double *, int, double *);
/* method_aggregate_name(agg): "sum", "all", ... as the YAML writes it. */
const char *method_aggregate_name(enum m_aggregate);

#endif
