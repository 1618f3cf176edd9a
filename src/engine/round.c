/* round.c: storage of a round's values and the methodology's checks. */
#include "engine/round.h"

#include <math.h>

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/numfmt.h"

struct round *
round_new(const struct method *m)
{
	struct round *r = xcalloc(1, sizeof(*r));
	int i;

	r->r_m = m;
	strmap_init(&r->r_unit_map);
	r->r_text_slot = xcalloc((size_t)m->m_ninputs + 1, sizeof(int));
	for (i = 0; i < m->m_ninputs; i++)
		r->r_text_slot[i] =
		    m->m_inputs[i].mi_kind == IK_TEXT ? r->r_ntext++ : -1;
	return r;
}

void
round_free(struct round *r)
{
	size_t i, n;

	if (r == NULL)
		return;
	for (i = 0; i < (size_t)r->r_nunits; i++)
		free(r->r_units[i]);
	n = (size_t)r->r_nunits * (size_t)r->r_ntext;
	for (i = 0; i < n; i++)
		free(r->r_text[i]);
	free(r->r_units);
	free(r->r_vals);
	free(r->r_have);
	free(r->r_line);
	free(r->r_text);
	free(r->r_lo);
	free(r->r_hi);
	if (r->r_raw != NULL) {
		n = (size_t)r->r_nunits * (size_t)r->r_m->m_ninputs;
		for (i = 0; i < n; i++)
			free(r->r_raw[i]);
		free(r->r_raw);
	}
	free(r->r_text_slot);
	strmap_free(&r->r_unit_map);
	free(r);
}

/* Grow to twice the units. calloc'd arrays stay untouched (no page is
 * faulted in) until a value is stored. */
static void *
regrow(void *old, size_t oldn, size_t newn, size_t size)
{
	void *p = xcalloc(newn, size);

	if (old != NULL)
		memcpy(p, old, oldn * size);
	free(old);
	return p;
}

static void
grow(struct round *r)
{
	size_t ni = (size_t)r->r_m->m_ninputs, old = (size_t)r->r_cap, cap;

	cap = old ? old * 2 : 16;
	r->r_units = xreallocarray(r->r_units, cap, sizeof(char *));
	r->r_vals = regrow(r->r_vals, old * ni, cap * ni, sizeof(double));
	r->r_have = regrow(r->r_have, old * ni, cap * ni, 1);
	r->r_line = regrow(r->r_line, old * ni, cap * ni, sizeof(uint32_t));
	if (r->r_ntext > 0)
		r->r_text = regrow(r->r_text, old * (size_t)r->r_ntext,
		    cap * (size_t)r->r_ntext, sizeof(char *));
	if (r->r_raw != NULL)
		r->r_raw = regrow(r->r_raw, old * ni, cap * ni, sizeof(char *));
	r->r_cap = (int)cap;
}

int
round_unit(struct round *r, const char *id, size_t len)
{
	long i = strmap_get(&r->r_unit_map, id, len);

	if (i >= 0)
		return (int)i;
	if (r->r_nunits >= ROUND_MAX_UNITS)
		return -1;
	if (r->r_nunits == r->r_cap)
		grow(r);
	r->r_units[r->r_nunits] = xstrndup(id, len);
	strmap_put(&r->r_unit_map, id, len, r->r_nunits);
	return r->r_nunits++;
}

int
round_find(const struct round *r, const char *id)
{
	return (int)strmap_get(&r->r_unit_map, id, strlen(id));
}

void
round_set(struct round *r, int u, int in, double v, uint32_t line)
{
	size_t k = (size_t)u * (size_t)r->r_m->m_ninputs + (size_t)in;

	r->r_vals[k] = v;
	r->r_have[k] = 1;
	r->r_line[k] = line;
}

void
round_set_text(struct round *r, int u, int in, const char *s, uint32_t line)
{
	size_t k;

	round_set(r, u, in, 0.0, line);
	if (r->r_text_slot[in] < 0)
		return;
	k = (size_t)u * (size_t)r->r_ntext + (size_t)r->r_text_slot[in];
	free(r->r_text[k]);
	r->r_text[k] = xstrdup(s);
}

void
round_set_raw(struct round *r, int u, int in, const char *s)
{
	size_t ni = (size_t)r->r_m->m_ninputs, k = (size_t)u * ni + (size_t)in;

	if (r->r_raw == NULL)
		r->r_raw = xcalloc((size_t)r->r_cap * ni + 1, sizeof(char *));
	free(r->r_raw[k]);
	r->r_raw[k] = xstrdup(s);
}

const char *
round_raw(const struct round *r, int u, int in)
{
	if (r->r_raw == NULL)
		return NULL;
	return r->r_raw[(size_t)u * (size_t)r->r_m->m_ninputs + (size_t)in];
}

int
round_has(const struct round *r, int u, int in)
{
	return r->r_have[(size_t)u * (size_t)r->r_m->m_ninputs + (size_t)in];
}

double
round_get(const struct round *r, int u, int in)
{
	return r->r_vals[(size_t)u * (size_t)r->r_m->m_ninputs + (size_t)in];
}

const char *
round_text(const struct round *r, int u, int in)
{
	if (r->r_text_slot[in] < 0 || !round_has(r, u, in))
		return NULL;
	return r->r_text[(size_t)u * (size_t)r->r_ntext +
	    (size_t)r->r_text_slot[in]];
}

int
round_valid_unit_id(const char *s, size_t len)
{
	size_t i;

	if (len == 0 || len > ROUND_MAX_UNIT_ID)
		return 0;
	for (i = 0; i < len; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			(c >= '0' && c <= '9') || c == '-' || c == '_'))
			return 0;
	}
	return 1;
}

/* show_input(b, r, u, in): "3.3.a = 412.000" in Vietnamese number format. */
static void
show_input(struct buf *b, const struct round *r, int u, int in)
{
	buf_printf(b, "%s = ", r->r_m->m_inputs[in].mi_name);
	numfmt_vi(b, round_get(r, u, in), 6);
}

/* show_input_en(b, r, u, in): "3.3.a = 412000", a decimal point, no zeros. */
static void
show_input_en(struct buf *b, const struct round *r, int u, int in)
{
	char tmp[64];
	char *p, *e;

	numfmt_fixed(tmp, sizeof(tmp), round_get(r, u, in), 6);
	/* trim zeros for reading: 700.000000 -> 700 */
	p = strchr(tmp, '.');
	e = tmp + strlen(tmp) - 1;
	if (p != NULL) {
		while (e > p && *e == '0')
			*e-- = '\0';
		if (e == p)
			*e = '\0';
	}
	buf_printf(b, "%s = %s", r->r_m->m_inputs[in].mi_name, tmp);
}

/*
 * check_broken(r, u, ind, ck, file, d): record that unit ${u} breaks check
 * ${ck} of indicator ${ind}, at the line of the check's first input that
 * came from a line. The
 * check's own message is methodology text in Vietnamese: only the
 * Vietnamese line carries it.
 */
static void
check_broken(const struct round *r, int u, const struct m_indicator *ind,
    const struct m_check *ck, const char *file, struct diag *d)
{
	size_t ni = (size_t)r->r_m->m_ninputs;
	struct buf vi, en;
	uint32_t line = 0;
	int k;

	buf_init(&vi);
	buf_init(&en);
	buf_printf(&vi, "đơn vị %s, chỉ số %s: ", r->r_units[u], ind->mn_code);
	buf_printf(&en, "unit %s, indicator %s: ", r->r_units[u], ind->mn_code);
	for (k = 0; k < ck->mc_ninputs; k++) {
		if (k > 0) {
			buf_puts(&vi, "; ");
			buf_puts(&en, ", ");
		}
		show_input(&vi, r, u, ck->mc_inputs[k]);
		show_input_en(&en, r, u, ck->mc_inputs[k]);
	}
	buf_printf(&vi, " không thỏa điều kiện \"%s\"", ck->mc_src);
	buf_printf(&en, " breaks the condition \"%s\"", ck->mc_src);
	if (ck->mc_message != NULL)
		buf_printf(&vi, ": %s", ck->mc_message);
	/* the line of its first input that has one (a stored value has none) */
	for (k = 0; k < ck->mc_ninputs; k++)
		if ((line = r->r_line[(size_t)u * ni +
			 (size_t)ck->mc_inputs[k]]) != 0)
			break;
	diag_put(d, DIAG_ERROR, "round.check", file, (long)line, 0,
	    buf_cstr(&vi), buf_cstr(&en));
	buf_free(&vi);
	buf_free(&en);
}

int
round_check(const struct round *r, const char *file, struct diag *d)
{
	return round_check_touching(r, file, NULL, d);
}

int
round_check_touching(const struct round *r, const char *file,
    const unsigned char *touched, struct diag *d)
{
	const struct method *m = r->r_m;
	size_t ni = (size_t)m->m_ninputs;
	struct expr_eval ev;
	int u, i, c, k, errors = 0;

	memset(&ev, 0, sizeof(ev));
	for (u = 0; u < r->r_nunits; u++) {
		ev.ev_slots = r->r_vals + (size_t)u * ni;
		for (i = 0; i < m->m_nind; i++) {
			const struct m_indicator *ind = &m->m_ind[i];

			for (c = 0; c < ind->mn_nchecks; c++) {
				const struct m_check *ck = &ind->mn_checks[c];
				int have = 1, hit = touched == NULL;

				for (k = 0; k < ck->mc_ninputs; k++) {
					have &=
					    round_has(r, u, ck->mc_inputs[k]);
					hit |= touched != NULL &&
					    touched[(size_t)u * ni +
						(size_t)ck->mc_inputs[k]];
				}
				if (!have || !hit || ck->mc_ninputs == 0 ||
				    expr_eval(ck->mc_expr, &ev) != 0.0)
					continue;
				check_broken(r, u, ind, ck, file, d);
				errors++;
			}
		}
	}
	return errors;
}

void
round_set_bounds(struct round *r, int ind, double lo, double hi)
{
	int i, n = r->r_m->m_nind;

	if (ind < 0 || ind >= n)
		return;
	if (r->r_lo == NULL) {
		r->r_lo = xcalloc((size_t)n + 1, sizeof(double));
		r->r_hi = xcalloc((size_t)n + 1, sizeof(double));
		for (i = 0; i < n; i++)
			r->r_lo[i] = r->r_hi[i] = NAN;
	}
	r->r_lo[ind] = lo < hi ? lo : hi;
	r->r_hi[ind] = lo < hi ? hi : lo;
}
