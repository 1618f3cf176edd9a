/*
 * app_rules.c: the methodology's data rules (engine/method_rules.c) as
 * the use cases apply them: plausibility warnings at entry and import,
 * stored with the value; consistency between inputs at submit and
 * import; the evidence policy at submit. One unit's values are read here
 * as numbers by input, whole values only: the seam where a contributed
 * input's parts are to be aggregated is vals_row().
 */
#include "app/app_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void
app_rules_prev_code(const struct st_period *p, char out[16])
{
	/* the tag stays: 2022-demo -> 2021-demo, 2023-Q1-huyen -> 2022-Q4-huyen */
	const char *tag = app_period_tag(p->sp_code);

	if (p->sp_quarter == 0)
		snprintf(out, 16, "%d%s", p->sp_year - 1, tag);
	else if (p->sp_quarter > 1)
		snprintf(
		    out, 16, "%d-Q%d%s", p->sp_year, p->sp_quarter - 1, tag);
	else
		snprintf(out, 16, "%d-Q4%s", p->sp_year - 1, tag);
}

void
app_diag_move(struct diag *to, const struct diag *from, enum diag_sev sev)
{
	size_t k;

	for (k = 0; k < from->d_n; k++) {
		const struct diag_item *it = &from->d_items[k];

		diag_put(to, sev, it->di_code, it->di_file, it->di_line,
		    it->di_col, it->di_vi, it->di_en);
	}
}

void
app_vals_init(struct app_vals *v, const struct method *m)
{
	int i;

	v->avs_m = m;
	v->avs_v = xcalloc((size_t)m->m_ninputs + 1, sizeof(double));
	v->avs_status =
	    xcalloc((size_t)m->m_ninputs + 1, sizeof(enum value_status));
	for (i = 0; i < m->m_ninputs; i++)
		v->avs_v[i] = NAN;
	v->avs_only = NULL;
}

void
app_vals_free(struct app_vals *v)
{
	free(v->avs_v);
	free(v->avs_status);
	v->avs_v = NULL;
	v->avs_status = NULL;
}

/*
 * vals_row(ctx, v): one stored value into the numbers. A part of a
 * contributed input (sv_part) is not the input's value: the whole value
 * alone counts here, and this is where an aggregation of the parts
 * (method_aggregate) is to come in. A stored text that no longer parses
 * counts as no value: it was checked when entered.
 */
static int
vals_row(void *ctx, const struct st_value *v)
{
	struct app_vals *av = ctx;
	const struct method *m = av->avs_m;
	struct diag why;
	double x;
	int in;

	if (v->sv_part[0] != '\0')
		return 0;
	if (av->avs_only != NULL && !av->avs_only[v->sv_status])
		return 0;
	in = method_input(m, v->sv_input, strlen(v->sv_input));
	if (in < 0 || m->m_inputs[in].mi_kind == IK_TEXT)
		return 0;
	diag_init(&why);
	if (method_value_parse(&m->m_inputs[in], v->sv_raw, strlen(v->sv_raw),
		NUMFMT_STORED, &x, &why) == 0) {
		av->avs_v[in] = x;
		av->avs_status[in] = v->sv_status;
	}
	diag_free(&why);
	return 0;
}

int
app_vals_read(struct store *s, long period, long uid, struct app_vals *v)
{
	return store_unit_values(s, period, uid, vals_row, v);
}

int
app_rules_prev(
    struct store *s, const struct st_period *p, long uid, struct app_vals *v)
{
	struct st_period prev;
	char code[16];
	int g;

	app_rules_prev_code(p, code);
	g = store_period_get(s, code, &prev);
	if (g == STORE_ENOTFOUND)
		return 0; /* the first period: nothing to compare with */
	if (g != 0)
		return g;
	return app_vals_read(s, prev.sp_id, uid, v);
}

/* flat(b, s): ${s} with tabs and line breaks made spaces (one field). */
static void
flat(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++)
		buf_putc(b, *s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
}

int
app_rules_warn(const struct method *m, int in, double v, double prev,
    struct buf *stored, struct diag *w, const char *file, long line)
{
	struct diag found;
	size_t k;
	int n;

	diag_init(&found);
	n = method_plausible(m, in, v, prev, &found);
	for (k = 0; k < found.d_n; k++) {
		const struct diag_item *it = &found.d_items[k];

		/* one line a warning: code, Vietnamese, English */
		buf_puts(stored, it->di_code);
		buf_putc(stored, '\t');
		flat(stored, it->di_vi);
		buf_putc(stored, '\t');
		flat(stored, it->di_en);
		buf_putc(stored, '\n');
		if (w != NULL)
			diag_put(w, DIAG_WARNING, it->di_code, file, line, 0,
			    it->di_vi, it->di_en);
	}
	diag_free(&found);
	return n;
}

/* The codes a stored warning may carry (diag keeps codes, not copies). */
static const char *
warning_code(const char *s, size_t n)
{
	static const char *const codes[] = { "plausibility.range",
		"plausibility.change" };
	size_t i;

	for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++)
		if (strlen(codes[i]) == n && memcmp(codes[i], s, n) == 0)
			return codes[i];
	return "plausibility";
}

int
app_warnings_parse(const char *stored, struct diag *out)
{
	const char *p = stored, *end, *t1, *t2;
	int n = 0;

	while (p != NULL && *p != '\0') {
		end = strchr(p, '\n');
		if (end == NULL)
			end = p + strlen(p);
		t1 = memchr(p, '\t', (size_t)(end - p));
		t2 = t1 != NULL ? memchr(t1 + 1, '\t', (size_t)(end - t1 - 1))
				: NULL;
		if (t2 != NULL) {
			char *vi = xstrndup(t1 + 1, (size_t)(t2 - t1 - 1));
			char *en = xstrndup(t2 + 1, (size_t)(end - t2 - 1));

			diag_put(out, DIAG_WARNING,
			    warning_code(p, (size_t)(t1 - p)), NULL, 0, 0, vi,
			    en);
			free(vi);
			free(en);
			n++;
		} else if (end > p) {
			/* a warning stored before this format: its text */
			char *t = xstrndup(p, (size_t)(end - p));

			diag_put(out, DIAG_WARNING, "plausibility", NULL, 0, 0,
			    t, t);
			free(t);
			n++;
		}
		p = *end != '\0' ? end + 1 : end;
	}
	return n;
}

/* A getter of method_consistent over one rule's view. */
struct rules_view {
	int (*rv_get)(void *, int, double *);
	void *rv_ctx;
};

static int
view_get(void *ctx, int in, double *v)
{
	const struct rules_view *rv = ctx;

	return rv->rv_get(rv->rv_ctx, in, v);
}

int
app_rules_consistent(const struct method *m, int (*get)(void *, int, double *),
    void *ctx, const unsigned char *touched, const char *code, const char *unit,
    const char *file, const long *lines, struct diag *d)
{
	struct rules_view rv = { get, ctx };
	struct method one;
	int i, j, bad = 0;

	for (i = 0; i < m->m_nconsist; i++) {
		const struct m_consist *c = &m->m_consist[i];
		struct diag found;
		long line = 0;
		int any = 0;
		size_t k;

		/* only the rules that read a value being written are checked:
		 * an inconsistency stored before blocks nobody who does not
		 * touch it */
		for (j = 0; j < c->mcs_ninputs; j++) {
			int in = c->mcs_inputs[j];

			if (!touched[in])
				continue;
			any = 1;
			if (lines != NULL && lines[in] > 0 &&
			    (line == 0 || lines[in] < line))
				line = lines[in];
		}
		if (!any)
			continue;
		/* the engine checks every rule of a methodology: show it one */
		one = *m;
		one.m_consist = (struct m_consist *)c;
		one.m_nconsist = 1;
		diag_init(&found);
		method_consistent(&one, view_get, &rv, &found);
		for (k = 0; k < found.d_n; k++) {
			const struct diag_item *it = &found.d_items[k];

			diag_add(d, DIAG_ERROR, code, file, line, 0,
			    "đơn vị %s: %s%.0s", "unit %s: %.0s%s", unit,
			    it->di_vi, it->di_en);
			bad++;
		}
		diag_free(&found);
	}
	return bad;
}

/* Counting the current evidence items of one unit, by input. */
struct rules_evid {
	const struct method *re_m;
	const char *re_unit;
	int *re_n;
};

/*
 * An item supporting a part of a contributed input (sev_part) supports
 * the input: the parts' own policy is the contributions' to decide.
 */
static int
evid_row(void *ctx, const struct st_evidence *e)
{
	struct rules_evid *c = ctx;
	int in;

	if (strcmp(e->sev_unit, c->re_unit) != 0)
		return 0;
	in = method_input(c->re_m, e->sev_input, strlen(e->sev_input));
	if (in >= 0)
		c->re_n[in]++;
	return 0;
}

int
app_rules_evidence(struct store *s, long period, const char *unit,
    const struct method *m, int *counts)
{
	struct rules_evid c = { m, unit, counts };

	memset(counts, 0, (size_t)m->m_ninputs * sizeof(int));
	return store_evidence_each(s, period, NULL, evid_row, &c);
}
