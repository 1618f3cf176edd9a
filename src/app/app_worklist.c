/*
 * app_worklist.c: what an agency owes in a period, input by input: the
 * work list. Each item says what the input is (label, kind, unit, its
 * indicator and the plan's rule), what is stored (value, status, the
 * reviewer's comment, the plausibility warnings, the evidence) and what
 * was stored the period before. The review lists of app_review.c are
 * made of the same items.
 */
#include "app/app_int.h"

#include <stdlib.h>
#include <string.h>

#include "util/date.h"

const char *
app_input_unit(const struct m_input *in, enum diag_lang lang)
{
	/* the exchange format's unit of amounts; the methodology's text is
	 * Vietnamese: in English only a sign such as "%" */
	if (in->mi_kind == IK_AMOUNT)
		return lang == LANG_EN ? "billion VND" : "tỷ đồng";
	if (in->mi_unit == NULL || in->mi_unit[0] == '\0')
		return NULL;
	if (lang == LANG_EN && strcmp(in->mi_unit, "%") != 0)
		return NULL;
	return in->mi_unit;
}

/*
 * shown_number(b, raw, en): the stored number ${raw} with its digits
 * grouped by three and a decimal comma (1.234.567,5), or in English
 * 1,234,567.5; a form it does not know (an exponent) as it is.
 */
static void
shown_number(struct buf *b, const char *raw, int en)
{
	const char *s = raw, *dot;
	size_t n, i;

	if (strpbrk(raw, "eE") != NULL) {
		buf_puts(b, raw);
		return;
	}
	if (*s == '-')
		buf_putc(b, *s++);
	dot = strchr(s, '.');
	n = dot != NULL ? (size_t)(dot - s) : strlen(s);
	for (i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			buf_putc(b, en ? ',' : '.');
		buf_putc(b, s[i]);
	}
	if (dot != NULL) {
		buf_putc(b, en ? '.' : ',');
		buf_puts(b, dot + 1);
	}
}

void
app_value_shown(const struct m_input *in, const char *raw, enum diag_lang lang,
    struct buf *out)
{
	const char *unit;
	int k;

	if (raw == NULL)
		return;
	switch (in->mi_kind) {
	case IK_COUNT:
	case IK_AMOUNT:
	case IK_NUMBER:
		shown_number(out, raw, lang == LANG_EN);
		if ((unit = app_input_unit(in, lang)) != NULL)
			buf_printf(
			    out, "%s%s", strcmp(unit, "%") ? " " : "", unit);
		return;
	case IK_YESNO:
		if (strcmp(raw, "1") == 0 || strcmp(raw, "0") == 0) {
			buf_puts(out,
			    strcmp(raw, "1") == 0
				? (lang == LANG_EN ? "yes" : "Có")
				: (lang == LANG_EN ? "no" : "Không"));
			return;
		}
		break;
	case IK_CHOICE:
		for (k = 0; k < in->mi_noptions; k++)
			if (strcmp(in->mi_options[k].mo_code, raw) == 0 &&
			    in->mi_options[k].mo_label != NULL &&
			    lang != LANG_EN) {
				buf_puts(out, in->mi_options[k].mo_label);
				return;
			}
		break;
	case IK_TEXT: break;
	}
	buf_puts(out, raw);
}

/* A value row copied out of its callback. */
static struct st_value *
value_copy(const struct st_value *v)
{
	struct st_value *c = xcalloc(1, sizeof(*c));

	c->sv_id = v->sv_id;
	c->sv_unit = xstrdup(v->sv_unit);
	c->sv_input = xstrdup(v->sv_input);
	c->sv_raw = xstrdup(v->sv_raw);
	c->sv_status = v->sv_status;
	c->sv_by = xstrdup(v->sv_by ? v->sv_by : "");
	c->sv_at = xstrdup(v->sv_at ? v->sv_at : "");
	c->sv_comment = xstrdup(v->sv_comment ? v->sv_comment : "");
	c->sv_warnings = xstrdup(v->sv_warnings ? v->sv_warnings : "");
	c->sv_part = xstrdup(v->sv_part ? v->sv_part : "");
	return c;
}

static void
value_free(struct st_value *v)
{
	if (v == NULL)
		return;
	free((char *)v->sv_unit);
	free((char *)v->sv_input);
	free((char *)v->sv_raw);
	free((char *)v->sv_by);
	free((char *)v->sv_at);
	free((char *)v->sv_comment);
	free((char *)v->sv_warnings);
	free((char *)v->sv_part);
	free(v);
}

static char *
dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

/* An evidence row copied into ${c}. */
static void
evidence_copy(struct st_evidence *c, const struct st_evidence *e)
{
	memset(c, 0, sizeof(*c));
	c->sev_id = e->sev_id;
	c->sev_unit = dup_or_null(e->sev_unit);
	c->sev_input = dup_or_null(e->sev_input);
	c->sev_doc_number = dup_or_null(e->sev_doc_number);
	c->sev_doc_date = dup_or_null(e->sev_doc_date);
	c->sev_note = dup_or_null(e->sev_note);
	c->sev_file_sha256 = dup_or_null(e->sev_file_sha256);
	c->sev_file_name = dup_or_null(e->sev_file_name);
	c->sev_file_type = dup_or_null(e->sev_file_type);
	c->sev_file_size = e->sev_file_size;
	c->sev_by = dup_or_null(e->sev_by);
	c->sev_at = dup_or_null(e->sev_at);
	c->sev_agency = dup_or_null(e->sev_agency);
	c->sev_part = dup_or_null(e->sev_part);
}

static void
evidence_free(struct st_evidence *e)
{
	free((char *)e->sev_unit);
	free((char *)e->sev_input);
	free((char *)e->sev_doc_number);
	free((char *)e->sev_doc_date);
	free((char *)e->sev_note);
	free((char *)e->sev_file_sha256);
	free((char *)e->sev_file_name);
	free((char *)e->sev_file_type);
	free((char *)e->sev_by);
	free((char *)e->sev_at);
	free((char *)e->sev_agency);
	free((char *)e->sev_part);
}

/* What a list is made of: one unit's rows of a period, by input. */
struct work_rows {
	const struct method *wr_m;
	const char *wr_unit; /* unit code */
	struct st_value **wr_value; /* [input]: the current whole value */
	char **wr_prev; /* [input]: the previous period's, stored text */
	struct st_evidence *wr_ev; /* the unit's current evidence */
	int wr_nev;
	int wr_cap;
	const char *wr_part; /* a member's own parts are its values, or NULL */
};

/*
 * other_part(w, part): ${part} is another member's part (or evidence),
 * not the list's agency's own (docs/rules.md, "Contributions").
 */
static int
other_part(const struct work_rows *w, const char *part)
{
	return part != NULL && part[0] != '\0' &&
	    (w->wr_part == NULL || strcmp(part, w->wr_part) != 0);
}

/*
 * The current whole values; in a member's list its own part of a
 * contributed input is its value (the two never stand together).
 */
static int
rows_value(void *ctx, const struct st_value *v)
{
	struct work_rows *w = ctx;
	int in;

	if (other_part(w, v->sv_part))
		return 0;
	in = method_input(w->wr_m, v->sv_input, strlen(v->sv_input));
	if (in < 0)
		return 0;
	value_free(w->wr_value[in]);
	w->wr_value[in] = value_copy(v);
	return 0;
}

static int
rows_prev(void *ctx, const struct st_value *v)
{
	struct work_rows *w = ctx;
	int in;

	if (other_part(w, v->sv_part))
		return 0;
	in = method_input(w->wr_m, v->sv_input, strlen(v->sv_input));
	if (in < 0)
		return 0;
	free(w->wr_prev[in]);
	w->wr_prev[in] = xstrdup(v->sv_raw);
	return 0;
}

static int
rows_evidence(void *ctx, const struct st_evidence *e)
{
	struct work_rows *w = ctx;

	if (strcmp(e->sev_unit, w->wr_unit) != 0 || other_part(w, e->sev_part))
		return 0;
	if (w->wr_nev == w->wr_cap) {
		w->wr_cap = w->wr_cap ? 2 * w->wr_cap : 16;
		w->wr_ev = xreallocarray(
		    w->wr_ev, (size_t)w->wr_cap, sizeof(*w->wr_ev));
	}
	evidence_copy(&w->wr_ev[w->wr_nev++], e);
	return 0;
}

static void
rows_free(struct work_rows *w)
{
	int i;

	for (i = 0; i < w->wr_m->m_ninputs; i++) {
		value_free(w->wr_value[i]);
		free(w->wr_prev[i]);
	}
	for (i = 0; i < w->wr_nev; i++)
		evidence_free(&w->wr_ev[i]);
	free(w->wr_value);
	free(w->wr_prev);
	free(w->wr_ev);
}

/* The rows of unit ${uid} (code ${unit}) of ${p} and its previous period. */
static int
rows_read(struct store *s, const struct st_period *p, const struct method *m,
    long uid, const char *unit, const char *part, struct work_rows *w,
    char prev_code[16])
{
	struct st_period prev;
	int g;

	memset(w, 0, sizeof(*w));
	w->wr_m = m;
	w->wr_unit = unit;
	w->wr_part = part;
	w->wr_value = xcalloc((size_t)m->m_ninputs + 1, sizeof(*w->wr_value));
	w->wr_prev = xcalloc((size_t)m->m_ninputs + 1, sizeof(*w->wr_prev));
	if ((g = store_unit_values(s, p->sp_id, uid, rows_value, w)) != 0 ||
	    (g = store_evidence_each(s, p->sp_id, NULL, rows_evidence, w)) != 0)
		return g;
	app_rules_prev_code(p, prev_code);
	g = store_period_get(s, prev_code, &prev);
	if (g == STORE_ENOTFOUND)
		return 0;
	if (g != 0)
		return g;
	return store_unit_values(s, prev.sp_id, uid, rows_prev, w);
}

static int
evidence_cmp(const void *a, const void *b)
{
	const struct st_evidence *x = a, *y = b;
	int c = strcmp(x->sev_input, y->sev_input);

	if (c != 0)
		return c;
	return x->sev_id < y->sev_id ? -1 : x->sev_id > y->sev_id;
}

/* The first of ${w}'s evidence items of ${input} (sorted), and how many. */
static const struct st_evidence *
rows_evidence_of(const struct work_rows *w, const char *input, int *n)
{
	int lo = 0, hi = w->wr_nev, first;

	while (lo < hi) {
		int mid = (lo + hi) / 2;

		if (strcmp(w->wr_ev[mid].sev_input, input) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	first = lo;
	while (lo < w->wr_nev && strcmp(w->wr_ev[lo].sev_input, input) == 0)
		lo++;
	*n = lo - first;
	return *n > 0 ? &w->wr_ev[first] : NULL;
}

/* The indicator or general item of ${in}: code, name and rule text. */
static void
item_of(
    const struct method *m, const struct m_input *in, struct app_work_item *it)
{
	if (in->mi_indicator >= 0) {
		const struct m_indicator *ind = &m->m_ind[in->mi_indicator];

		it->wki_item = ind->mn_code;
		it->wki_item_name = ind->mn_name;
		it->wki_rule = ind->mn_rule;
	} else if (in->mi_general >= 0) {
		it->wki_item = m->m_general[in->mi_general].ml_code;
		it->wki_item_name = m->m_general[in->mi_general].ml_name;
	}
}

int
app_work_each(struct store *s, const struct st_period *p,
    const struct method *m, long uid, const char *unit,
    const unsigned char *roles, struct app_worklist *wl,
    int (*cb)(void *, const struct app_work_item *), void *ctx, struct diag *d)
{
	struct work_rows w;
	struct buf shown, prev;
	struct diag warn;
	long today = date_today(), due = today;
	int pass, i, rc = 0;

	/* the list's agency: its own parts, if it is a member */
	if (rows_read(s, p, m, uid, unit,
		wl->wkl_agency[0] != '\0' ? wl->wkl_agency : NULL, &w,
		wl->wkl_prev) != 0) {
		rows_free(&w);
		return app_store_error(s, d);
	}
	if (w.wr_nev > 1)
		qsort(
		    w.wr_ev, (size_t)w.wr_nev, sizeof(*w.wr_ev), evidence_cmp);
	wl->wkl_period = *p;
	snprintf(wl->wkl_unit, sizeof(wl->wkl_unit), "%s", unit);
	date_parse(p->sp_agency_due, &due);
	wl->wkl_days_left = due - today;
	buf_init(&shown);
	buf_init(&prev);
	/* two passes: the counts first, so the head is whole before any item */
	for (pass = 0; pass < 2 && rc == 0; pass++) {
		/* what the agency leads, then what it coordinates */
		for (int r = APP_INPUT_NONE; r <= APP_INPUT_COORD && rc == 0;
		     r++) {
			for (i = 0; i < m->m_ninputs && rc == 0; i++) {
				const struct m_input *in = &m->m_inputs[i];
				struct app_work_item it;

				if (roles[i] == 0 || roles[i] - 1 != r)
					continue;
				memset(&it, 0, sizeof(it));
				it.wki_input = i;
				it.wki_in = in;
				it.wki_role = (enum app_input_role)r;
				it.wki_lead = app_owner(m, i);
				it.wki_evidence_required =
				    method_evidence_required(m, i);
				it.wki_value = w.wr_value[i];
				it.wki_evidence = rows_evidence_of(
				    &w, in->mi_name, &it.wki_nevidence);
				it.wki_prev = w.wr_prev[i];
				item_of(m, in, &it);
				diag_init(&warn);
				if (it.wki_value != NULL)
					app_warnings_parse(
					    it.wki_value->sv_warnings, &warn);
				it.wki_warnings = &warn;
				if (pass == 0) {
					app_worklist_count(wl, &it);
					diag_free(&warn);
					continue;
				}
				buf_reset(&shown);
				buf_reset(&prev);
				if (it.wki_value != NULL)
					app_value_shown(in,
					    it.wki_value->sv_raw, LANG_VI,
					    &shown);
				app_value_shown(
				    in, it.wki_prev, LANG_VI, &prev);
				it.wki_shown = buf_cstr(&shown);
				it.wki_prev_shown = it.wki_prev != NULL
				    ? buf_cstr(&prev)
				    : NULL;
				rc = cb(ctx, &it) != 0;
				diag_free(&warn);
			}
		}
	}
	buf_free(&shown);
	buf_free(&prev);
	rows_free(&w);
	return 0;
}

void
app_worklist_count(struct app_worklist *wl, const struct app_work_item *it)
{
	wl->wkl_items++;
	if (it->wki_role == APP_INPUT_COORD) {
		wl->wkl_coord++;
		return; /* read-only: the lead's to send */
	}
	if (it->wki_role == APP_INPUT_LEAD)
		wl->wkl_lead++;
	if (it->wki_value == NULL)
		wl->wkl_missing++;
	else
		wl->wkl_status[it->wki_value->sv_status]++;
	if (it->wki_warnings->d_n > 0)
		wl->wkl_warned++;
	if (it->wki_evidence_required && it->wki_nevidence == 0)
		wl->wkl_no_evidence++;
}

/* One agency's kind, looked up by code. */
struct work_agency {
	const char *wa_code;
	char wa_kind[32];
	int wa_found;
};

static int
work_agency_row(void *ctx, const struct st_agency *ag)
{
	struct work_agency *wa = ctx;

	if (strcmp(ag->sag_code, wa->wa_code) != 0)
		return 0;
	snprintf(wa->wa_kind, sizeof(wa->wa_kind), "%s", ag->sag_kind);
	wa->wa_found = 1;
	return 1;
}

/*
 * The unit of a work list: ${unit}, else for an officer of a district's
 * UBND its district, else the province (NULL).
 */
static const char *
work_unit(struct store *s, const struct app_actor *a, const char *unit,
    char *buf, size_t size)
{
	struct work_agency own = { a->ac_agency, "", 0 };
	char key[160];

	if (unit != NULL || a->ac_role != ROLE_OFFICER || a->ac_agency == NULL)
		return unit;
	if (store_agency_each(s, work_agency_row, &own) != 0 ||
	    strcmp(own.wa_kind, "district") != 0)
		return NULL;
	snprintf(key, sizeof(key), "%s%s", APP_DISTRICT_KEY, a->ac_agency);
	if (store_meta_get(s, key, buf, size) != 0 || buf[0] == '\0')
		return NULL;
	return buf;
}

/* Marking what an agency owes, from app_owed. */
struct work_owed {
	unsigned char *wo_roles;
};

static int
work_owed_row(void *ctx, const struct app_owed *ow)
{
	struct work_owed *wo = ctx;

	wo->wo_roles[ow->ow_input] = 1 + APP_INPUT_LEAD;
	return 0;
}

int
app_worklist(struct store *s, const struct app_actor *a, const char *period,
    const char *agency, const char *unit, struct app_worklist *wl,
    int (*cb)(void *, const struct app_work_item *), void *ctx, struct diag *d)
{
	const struct method *m = NULL;
	struct work_owed wo = { NULL };
	struct st_period p;
	struct app_worklist local;
	char code[80], ubuf[80];
	long uid;
	int i, g, rc = -1;

	if (wl == NULL)
		wl = &local;
	memset(wl, 0, sizeof(*wl));
	if (agency == NULL && a->ac_role == ROLE_OFFICER)
		agency = a->ac_agency; /* an officer's own list */
	/* what an agency has to do: a viewer has nothing to do */
	if (a->ac_role == ROLE_VIEWER ||
	    (a->ac_role == ROLE_OFFICER &&
		(agency == NULL || a->ac_agency == NULL ||
		    strcmp(agency, a->ac_agency) != 0))) {
		diag_add(d, DIAG_ERROR, "forbidden", NULL, 0, 0,
		    "tài khoản %s (%s) chỉ xem được danh sách việc của cơ quan mình",
		    "account %s (%s) may see its own agency's work list only",
		    a->ac_login, role_name(a->ac_role));
		return -1;
	}
	if (agency != NULL) {
		struct work_agency wa = { agency, "", 0 };

		if (store_agency_each(s, work_agency_row, &wa) != 0)
			return app_store_error(s, d);
		if (!wa.wa_found) {
			diag_add(d, DIAG_ERROR, "worklist.agency", NULL, 0, 0,
			    "không có cơ quan '%s'", "no agency '%s'", agency);
			return -1;
		}
		snprintf(wl->wkl_agency, sizeof(wl->wkl_agency), "%s", agency);
	}
	unit = work_unit(s, a, unit, ubuf, sizeof(ubuf));
	if (app_period(s, period, &p, d) != 0 ||
	    app_period_method(s, &p, &m, d) != 0 ||
	    app_unit_in(s, &p, unit, code, sizeof(code), &uid, d) != 0)
		return -1;
	wo.wo_roles = xcalloc((size_t)m->m_ninputs + 1, 1);
	if (app_owed(s, &p, m, agency, code, work_owed_row, &wo, d) != 0)
		goto out;
	for (i = 0; i < m->m_ninputs; i++) {
		if (agency == NULL) {
			/* every agency's: no role of its own */
			if (wo.wo_roles[i])
				wo.wo_roles[i] = 1 + APP_INPUT_NONE;
			continue;
		}
		if (wo.wo_roles[i])
			continue;
		g = app_input_role(s, agency, m, i);
		if (g < 0) {
			rc = app_store_error(s, d);
			goto out;
		}
		if (g == APP_INPUT_COORD)
			wo.wo_roles[i] = 1 + APP_INPUT_COORD;
	}
	rc = app_work_each(s, &p, m, uid, code, wo.wo_roles, wl, cb, ctx, d);
out:
	free(wo.wo_roles);
	return rc;
}
