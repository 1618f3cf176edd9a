/*
 * method_rules.c: the data rules of a loaded methodology (plausibility,
 * consistency, evidence, contributions): pure functions that app/ calls
 * at entry, review, submit and import. They never change a score.
 * Numbers compare as the rule language compares them (expr_same()).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/method.h"

/* beyond this a number is written in the shortest exact form, 1e+20 */
#define PLAIN_MAX 1e15

/*
 * num_put(b, v, maxdec, en): append ${v} with at most ${maxdec} decimals,
 * grouped by thousands: 1.234.567,5 (Vietnamese) or 1,234,567.5 (${en}).
 */
static void
num_put(struct buf *b, double v, int maxdec, int en)
{
	struct buf t;
	const char *s, *dec;
	size_t i, start, ilen;

	if (!isfinite(v) || fabs(v) >= PLAIN_MAX) {
		char tmp[32];

		numfmt_shortest(tmp, sizeof(tmp), v);
		buf_puts(b, tmp);
		return;
	}
	buf_init(&t);
	numfmt_vi(&t, v, maxdec);
	s = buf_cstr(&t);
	start = s[0] == '-';
	dec = strchr(s, ',');
	ilen = (dec != NULL ? (size_t)(dec - s) : strlen(s)) - start;
	buf_append(b, s, start);
	for (i = 0; i < ilen; i++) {
		if (i > 0 && (ilen - i) % 3 == 0)
			buf_putc(b, en ? ',' : '.');
		buf_putc(b, s[start + i]);
	}
	if (dec != NULL) {
		buf_putc(b, en ? '.' : ',');
		buf_puts(b, dec + 1);
	}
	buf_free(&t);
}

/*
 * The texts of one message in both languages. The methodology's labels,
 * units and messages are Vietnamese: they go into the Vietnamese text
 * only; the English one names the input by its code.
 */
struct bi_text {
	struct buf bt_vi;
	struct buf bt_en;
};

static void
part_init(struct bi_text *p)
{
	buf_init(&p->bt_vi);
	buf_init(&p->bt_en);
}

static void
part_free(struct bi_text *p)
{
	buf_free(&p->bt_vi);
	buf_free(&p->bt_en);
}

/* part_subject(p, in): "A.4 (Số lượng dân số)"; in English "A.4". */
static void
part_subject(struct bi_text *p, const struct m_input *in)
{
	buf_puts(&p->bt_vi, in->mi_name);
	if (in->mi_label != NULL)
		buf_printf(&p->bt_vi, " (%s)", in->mi_label);
	buf_puts(&p->bt_en, in->mi_name);
}

/*
 * part_value(p, in, v, maxdec): ${v} with the unit of ${in}: its 'unit',
 * or tỷ đồng for an amount (the exchange format's unit of amounts).
 */
static void
part_value(struct bi_text *p, const struct m_input *in, double v, int maxdec)
{
	num_put(&p->bt_vi, v, maxdec, 0);
	num_put(&p->bt_en, v, maxdec, 1);
	if (in->mi_unit != NULL)
		buf_printf(&p->bt_vi, " %s", in->mi_unit);
	else if (in->mi_kind == IK_AMOUNT)
		buf_puts(&p->bt_vi, " tỷ đồng");
	if (in->mi_kind == IK_AMOUNT)
		buf_puts(&p->bt_en, " billion VND");
}

/* note(msg): "; " and the rule's own explanation, or "". */
static void
note(struct buf *b, const char *msg)
{
	if (msg != NULL && *msg != '\0')
		buf_printf(b, "; %s", msg);
}

/* range_warn(in, p, v, low, w): one "plausibility.range" warning. */
static void
range_warn(const struct m_input *in, const struct m_plaus *p, double v, int low,
    struct diag *w)
{
	struct bi_text s, val, bound;
	struct buf nt;

	part_init(&s);
	part_init(&val);
	part_init(&bound);
	buf_init(&nt);
	part_subject(&s, in);
	part_value(&val, in, v, 6);
	part_value(&bound, in, low ? p->mpl_min : p->mpl_max, 6);
	note(&nt, p->mpl_message);
	if (low)
		diag_add(w, DIAG_WARNING, "plausibility.range", NULL, 0, 0,
		    "%s%.0s = %s%.0s, nhỏ hơn mức thấp nhất hợp lý %s%.0s%s",
		    "%.0s%s = %.0s%s is below the plausible minimum %.0s%s%.0s",
		    buf_cstr(&s.bt_vi), buf_cstr(&s.bt_en),
		    buf_cstr(&val.bt_vi), buf_cstr(&val.bt_en),
		    buf_cstr(&bound.bt_vi), buf_cstr(&bound.bt_en),
		    buf_cstr(&nt));
	else
		diag_add(w, DIAG_WARNING, "plausibility.range", NULL, 0, 0,
		    "%s%.0s = %s%.0s, lớn hơn mức cao nhất hợp lý %s%.0s%s",
		    "%.0s%s = %.0s%s is above the plausible maximum %.0s%s%.0s",
		    buf_cstr(&s.bt_vi), buf_cstr(&s.bt_en),
		    buf_cstr(&val.bt_vi), buf_cstr(&val.bt_en),
		    buf_cstr(&bound.bt_vi), buf_cstr(&bound.bt_en),
		    buf_cstr(&nt));
	part_free(&s);
	part_free(&val);
	part_free(&bound);
	buf_free(&nt);
}

/*
 * change_warn(in, p, v, prev, ratio, up, w): one "plausibility.change"
 * warning: ${v} is ${ratio} times ${prev} (${up}) or 1/${ratio} of it.
 */
static void
change_warn(const struct m_input *in, const struct m_plaus *p, double v,
    double prev, double ratio, int up, struct diag *w)
{
	struct bi_text s, val, pv, r, f;
	struct buf nt;

	part_init(&s);
	part_init(&val);
	part_init(&pv);
	part_init(&r);
	part_init(&f);
	buf_init(&nt);
	part_subject(&s, in);
	part_value(&val, in, v, 6);
	part_value(&pv, in, prev, 6);
	num_put(&r.bt_vi, ratio, 1, 0);
	num_put(&r.bt_en, ratio, 1, 1);
	num_put(&f.bt_vi, p->mpl_change, 6, 0);
	num_put(&f.bt_en, p->mpl_change, 6, 1);
	note(&nt, p->mpl_message);
	if (up)
		diag_add(w, DIAG_WARNING, "plausibility.change", NULL, 0, 0,
		    "%s%.0s = %s%.0s, gấp %s%.0s lần giá trị kỳ trước (%s%.0s), vượt hệ số %s%.0s: kiểm tra lại đơn vị tính%s",
		    "%.0s%s = %.0s%s is %.0s%s times the previous period's value (%.0s%s), beyond the factor %.0s%s: check the unit%.0s",
		    buf_cstr(&s.bt_vi), buf_cstr(&s.bt_en),
		    buf_cstr(&val.bt_vi), buf_cstr(&val.bt_en),
		    buf_cstr(&r.bt_vi), buf_cstr(&r.bt_en), buf_cstr(&pv.bt_vi),
		    buf_cstr(&pv.bt_en), buf_cstr(&f.bt_vi), buf_cstr(&f.bt_en),
		    buf_cstr(&nt));
	else
		diag_add(w, DIAG_WARNING, "plausibility.change", NULL, 0, 0,
		    "%s%.0s = %s%.0s, chỉ bằng 1/%s%.0s giá trị kỳ trước (%s%.0s), vượt hệ số %s%.0s: kiểm tra lại đơn vị tính%s",
		    "%.0s%s = %.0s%s is 1/%.0s%s of the previous period's value (%.0s%s), beyond the factor %.0s%s: check the unit%.0s",
		    buf_cstr(&s.bt_vi), buf_cstr(&s.bt_en),
		    buf_cstr(&val.bt_vi), buf_cstr(&val.bt_en),
		    buf_cstr(&r.bt_vi), buf_cstr(&r.bt_en), buf_cstr(&pv.bt_vi),
		    buf_cstr(&pv.bt_en), buf_cstr(&f.bt_vi), buf_cstr(&f.bt_en),
		    buf_cstr(&nt));
	part_free(&s);
	part_free(&val);
	part_free(&pv);
	part_free(&r);
	part_free(&f);
	buf_free(&nt);
}

/* beyond(x, limit): ${x} is above ${limit}, not merely by rounding. */
static int
beyond(double x, double limit)
{
	return x > limit && !expr_same(x, limit);
}

const struct m_plaus *
method_plausibility(const struct method *m, int input)
{
	if (input < 0 || input >= m->m_ninputs ||
	    m->m_inputs[input].mi_plaus < 0)
		return NULL;
	return &m->m_plaus[m->m_inputs[input].mi_plaus];
}

int
method_plausible(
    const struct method *m, int input, double v, double prev, struct diag *w)
{
	const struct m_plaus *p = method_plausibility(m, input);
	const struct m_input *in;
	double up, down;
	int n = 0;

	if (p == NULL || !isfinite(v))
		return 0;
	in = &m->m_inputs[input];
	if (p->mpl_has_min && beyond(p->mpl_min, v)) {
		range_warn(in, p, v, 1, w);
		n++;
	}
	if (p->mpl_has_max && beyond(v, p->mpl_max)) {
		range_warn(in, p, v, 0, w);
		n++;
	}
	/*
	 * From or to 0, or across 0, there is no factor: a count that starts
	 * this year is not a unit mistake.
	 */
	if (p->mpl_change > 0 && isfinite(prev) && prev != 0 && v != 0 &&
	    (prev > 0) == (v > 0)) {
		up = fabs(v) / fabs(prev);
		down = fabs(prev) / fabs(v);
		if (beyond(up, p->mpl_change)) {
			change_warn(in, p, v, prev, up, 1, w);
			n++;
		} else if (beyond(down, p->mpl_change)) {
			change_warn(in, p, v, prev, down, 0, w);
			n++;
		}
	}
	return n;
}

/*
 * consist_err(m, c, a, va, b, vb, w): one "consistency" error naming
 * inputs ${a} and ${b} of rule ${c} with their values.
 */
static void
consist_err(const struct method *m, const struct m_consist *c, int a, double va,
    int b, double vb, struct diag *e)
{
	struct bi_text sa, sb, xa, xb;
	struct buf nt;

	part_init(&sa);
	part_init(&sb);
	part_init(&xa);
	part_init(&xb);
	buf_init(&nt);
	part_subject(&sa, &m->m_inputs[a]);
	part_subject(&sb, &m->m_inputs[b]);
	part_value(&xa, &m->m_inputs[a], va, 6);
	part_value(&xb, &m->m_inputs[b], vb, 6);
	note(&nt, c->mcs_message);
	if (c->mcs_kind == MK_SAME)
		diag_add(e, DIAG_ERROR, "consistency", NULL, 0, 0,
		    "%s%.0s = %s%.0s khác %s%.0s = %s%.0s: hai dữ liệu này là cùng một số liệu, phải bằng nhau%s",
		    "%.0s%s = %.0s%s differs from %.0s%s = %.0s%s: both are the same quantity and must be equal%.0s",
		    buf_cstr(&sa.bt_vi), buf_cstr(&sa.bt_en),
		    buf_cstr(&xa.bt_vi), buf_cstr(&xa.bt_en),
		    buf_cstr(&sb.bt_vi), buf_cstr(&sb.bt_en),
		    buf_cstr(&xb.bt_vi), buf_cstr(&xb.bt_en), buf_cstr(&nt));
	else
		diag_add(e, DIAG_ERROR, "consistency", NULL, 0, 0,
		    "%s%.0s = %s%.0s lớn hơn %s%.0s = %s%.0s: số thứ nhất không được vượt quá số thứ hai%s",
		    "%.0s%s = %.0s%s is greater than %.0s%s = %.0s%s: the first cannot exceed the second%.0s",
		    buf_cstr(&sa.bt_vi), buf_cstr(&sa.bt_en),
		    buf_cstr(&xa.bt_vi), buf_cstr(&xa.bt_en),
		    buf_cstr(&sb.bt_vi), buf_cstr(&sb.bt_en),
		    buf_cstr(&xb.bt_vi), buf_cstr(&xb.bt_en), buf_cstr(&nt));
	part_free(&sa);
	part_free(&sb);
	part_free(&xa);
	part_free(&xb);
	buf_free(&nt);
}

/* value_of(get, ctx, in, v): 0 and the value when ${in} has a finite one. */
static int
value_of(int (*get)(void *, int, double *), void *ctx, int in, double *v)
{
	return get(ctx, in, v) == 0 && isfinite(*v) ? 0 : -1;
}

int
method_consistent(const struct method *m, int (*get)(void *, int, double *),
    void *ctx, struct diag *e)
{
	int i, j, ref, n = 0;
	double vref, v;

	for (i = 0; i < m->m_nconsist; i++) {
		const struct m_consist *c = &m->m_consist[i];

		if (c->mcs_kind == MK_AT_MOST) {
			if (value_of(get, ctx, c->mcs_inputs[0], &vref) == 0 &&
			    value_of(get, ctx, c->mcs_inputs[1], &v) == 0 &&
			    beyond(vref, v)) {
				consist_err(m, c, c->mcs_inputs[0], vref,
				    c->mcs_inputs[1], v, e);
				n++;
			}
			continue;
		}
		/* the first input with a value is the one the others match */
		ref = -1;
		for (j = 0; j < c->mcs_ninputs; j++) {
			if (value_of(get, ctx, c->mcs_inputs[j], &v) < 0)
				continue;
			if (ref < 0) {
				ref = c->mcs_inputs[j];
				vref = v;
			} else if (!expr_same(vref, v)) {
				consist_err(
				    m, c, ref, vref, c->mcs_inputs[j], v, e);
				n++;
			}
		}
	}
	return n;
}

int
method_evidence_required(const struct method *m, int input)
{
	return input >= 0 && input < m->m_ninputs &&
	    m->m_inputs[input].mi_evidence;
}

const struct m_contrib *
method_contribution(const struct method *m, int input)
{
	if (input < 0 || input >= m->m_ninputs ||
	    m->m_inputs[input].mi_contrib < 0)
		return NULL;
	return &m->m_contrib[m->m_inputs[input].mi_contrib];
}

const char *
method_aggregate_name(enum m_aggregate a)
{
	static const char *const names[] = { "sum", "all", "any", "count_yes",
		"min", "worst" };

	return (unsigned)a <= MA_WORST ? names[a] : "?";
}

int
method_aggregate(enum m_aggregate a, const double *parts, int n, double *out)
{
	double r = 0;
	int i;

	if (parts == NULL || n <= 0)
		return -1;
	for (i = 0; i < n; i++) {
		double x = parts[i];

		if (!isfinite(x))
			return -1;
		switch (a) {
		case MA_SUM: r += x; break;
		case MA_MIN: r = i == 0 || x < r ? x : r; break;
		case MA_ALL:
		case MA_ANY:
		case MA_COUNT_YES:
			if (x != 0 && x != 1)
				return -1;
			if (a == MA_ALL)
				r = i == 0 ? x : (r != 0 && x != 0);
			else if (a == MA_ANY)
				r = r != 0 || x != 0;
			else
				r += x;
			break;
		case MA_WORST:
			if (x < 0 || x != floor(x))
				return -1;
			r = x > r ? x : r;
			break;
		default: return -1;
		}
	}
	*out = r;
	return 0;
}
