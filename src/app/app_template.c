/*
 * app_template.c: what an agency owes for a period, and the XLSX work
 * sheet its officials fill (io/xlsx_template.h): its inputs with the
 * values stored, last period's values and the plan's rules.
 */
#include "app/app_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/xlsx_template.h"
#include "util/date.h"

/* The values stored for a unit, by input index. */
struct app_stored {
	const struct method *vs_m;
	char **vs_raw; /* [input]: malloc'd, or NULL */
	enum value_status *vs_status;
};

static int
stored_row(void *ctx, const struct st_value *v)
{
	struct app_stored *st = ctx;
	int in = method_input(st->vs_m, v->sv_input, strlen(v->sv_input));

	if (in < 0 || v->sv_part[0] != '\0')
		return 0; /* another methodology's, or a member's part */
	free(st->vs_raw[in]);
	st->vs_raw[in] = xstrdup(v->sv_raw);
	st->vs_status[in] = v->sv_status;
	return 0;
}

static void
stored_free(struct app_stored *st)
{
	int i;

	for (i = 0; st->vs_raw != NULL && i < st->vs_m->m_ninputs; i++)
		free(st->vs_raw[i]);
	free(st->vs_raw);
	free(st->vs_status);
}

/* The values of period ${period} for unit ${uid}; a store error. */
static int
stored_read(struct store *s, const struct method *m, long period, long uid,
    struct app_stored *st)
{
	st->vs_m = m;
	st->vs_raw = xcalloc((size_t)m->m_ninputs + 1, sizeof(char *));
	st->vs_status =
	    xcalloc((size_t)m->m_ninputs + 1, sizeof(enum value_status));
	return store_unit_values(s, period, uid, stored_row, st);
}

int
app_owed(struct store *s, const struct st_period *p, const struct method *m,
    const char *agency, const char *unit,
    int (*cb)(void *, const struct app_owed *), void *ctx, struct diag *d)
{
	struct app_stored st;
	struct app_cset *parts = NULL;
	const char *last_owner = NULL;
	char code[80];
	long uid;
	int i, in_it = 0, rc = 0, g;

	if (app_unit_in(s, p, unit, code, sizeof(code), &uid, d) != 0 ||
	    app_contrib_owed_load(s, p, m, agency, unit, uid, &parts, d) != 0)
		return -1;
	memset(&st, 0, sizeof(st));
	if (stored_read(s, m, p->sp_id, uid, &st) != 0) {
		stored_free(&st);
		app_cset_free(parts);
		return app_store_error(s, d);
	}
	for (i = 0; i < m->m_ninputs && rc == 0; i++) {
		const char *owner = app_owner(m, i);
		struct app_owed ow;

		if (owner == NULL)
			continue;
		memset(&ow, 0, sizeof(ow));
		ow.ow_input = i;
		/* a member's part of a contributed input, or nothing */
		if (parts != NULL &&
		    (g = app_cset_part(
			 parts, i, agency, &ow.ow_raw, &ow.ow_status)) >= 0) {
			ow.ow_part = agency;
			if (g == 0 && cb(ctx, &ow) != 0)
				break;
			continue;
		}
		/* inputs come in runs of one owner: ask the store once a run */
		if (agency != NULL && owner != last_owner) {
			in_it = store_agency_in(s, agency, owner);
			if (in_it < 0) {
				rc = app_store_error(s, d);
				break;
			}
			last_owner = owner;
		}
		if (agency != NULL && in_it != 1)
			continue;
		ow.ow_raw = st.vs_raw[i];
		ow.ow_status = st.vs_status[i];
		if (cb(ctx, &ow) != 0)
			break;
	}
	stored_free(&st);
	app_cset_free(parts);
	return rc;
}

/* Looking up one agency's or unit's row by code. */
struct app_find {
	const char *fd_code;
	char fd_name[256];
	char fd_kind[32];
};

static int
find_agency(void *ctx, const struct st_agency *ag)
{
	struct app_find *f = ctx;

	if (strcmp(ag->sag_code, f->fd_code) != 0)
		return 0;
	snprintf(f->fd_name, sizeof(f->fd_name), "%s", ag->sag_name);
	snprintf(f->fd_kind, sizeof(f->fd_kind), "%s", ag->sag_kind);
	return 1;
}

static int
find_unit(void *ctx, const struct st_unit *u)
{
	struct app_find *f = ctx;

	if (strcmp(u->su_code, f->fd_code) != 0)
		return 0;
	snprintf(f->fd_name, sizeof(f->fd_name), "%s", u->su_name);
	return 1;
}

/*
 * vi_number(b, raw): the stored number ${raw} as people read it in
 * Vietnam: "1.234.567,5" (the text's digits, not a rounded double).
 */
static void
vi_number(struct buf *b, const char *raw)
{
	char tmp[64];
	const char *s = raw;
	size_t n, i;
	double v;

	if (strpbrk(raw, "eE") != NULL) {
		if (numfmt_parse(raw, strlen(raw), &v) != 0) {
			buf_puts(b, raw);
			return;
		}
		numfmt_shortest(tmp, sizeof(tmp), v);
		if (strpbrk(tmp, "eE") != NULL) {
			buf_puts(b, tmp);
			return;
		}
		s = tmp;
	}
	if (*s == '-')
		buf_putc(b, *s++);
	n = strcspn(s, ".");
	for (i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			buf_putc(b, '.');
		buf_putc(b, s[i]);
	}
	if (s[n] == '.') {
		buf_putc(b, ',');
		buf_puts(b, s + n + 1);
	}
}

/* A stored value of ${mi} as the sheet shows it. */
static char *
value_shown(const struct m_input *mi, const char *raw)
{
	struct buf b;
	int k;

	buf_init(&b);
	switch (mi->mi_kind) {
	case IK_COUNT:
	case IK_AMOUNT:
	case IK_NUMBER: vi_number(&b, raw); break;
	case IK_YESNO:
		buf_puts(&b,
		    strcmp(raw, "1") == 0 ? XLSX_TEMPLATE_YES
					  : XLSX_TEMPLATE_NO);
		break;
	case IK_CHOICE:
		for (k = 0; k < mi->mi_noptions; k++)
			if (strcmp(mi->mi_options[k].mo_code, raw) == 0 &&
			    mi->mi_options[k].mo_label != NULL)
				break;
		buf_puts(
		    &b, k < mi->mi_noptions ? mi->mi_options[k].mo_label : raw);
		break;
	case IK_TEXT: buf_puts(&b, raw); break;
	}
	return buf_steal(&b);
}

/* What the sheet is made of, collected from app_owed. */
struct app_sheet {
	const struct method *sh_m;
	unsigned char *sh_owed; /* [input] */
	char **sh_value; /* [input]: the value stored, copied */
	enum value_status *sh_status;
};

static int
sheet_owed(void *ctx, const struct app_owed *ow)
{
	struct app_sheet *sh = ctx;

	/* a part is entered one by one (dti value set --part, PUT) */
	if (ow->ow_part != NULL)
		return 0;
	sh->sh_owed[ow->ow_input] = 1;
	if (ow->ow_raw != NULL) {
		sh->sh_value[ow->ow_input] = xstrdup(ow->ow_raw);
		sh->sh_status[ow->ow_input] = ow->ow_status;
	}
	return 0;
}

/* The row list of the sheet, in the methodology's order. */
struct app_rows {
	struct xlsx_trow *rw_rows;
	size_t rw_n;
	size_t rw_cap;
	char **rw_owned; /* strings the rows point to */
	size_t rw_nowned;
};

static struct xlsx_trow *
row_add(struct app_rows *rw, enum xlsx_trow_kind kind)
{
	struct xlsx_trow *t;

	if (rw->rw_n == rw->rw_cap) {
		rw->rw_cap = rw->rw_cap ? rw->rw_cap * 2 : 64;
		rw->rw_rows =
		    xreallocarray(rw->rw_rows, rw->rw_cap, sizeof(*t));
	}
	t = &rw->rw_rows[rw->rw_n++];
	memset(t, 0, sizeof(*t));
	t->xt_kind = kind;
	return t;
}

/* keep(rw, s): ${s} (malloc'd) is freed with the rows; returns it. */
static char *
keep(struct app_rows *rw, char *s)
{
	rw->rw_owned = xreallocarray(
	    rw->rw_owned, rw->rw_nowned + 1, sizeof(*rw->rw_owned));
	rw->rw_owned[rw->rw_nowned++] = s;
	return s;
}

static void
rows_free(struct app_rows *rw)
{
	size_t i;

	for (i = 0; i < rw->rw_nowned; i++)
		free(rw->rw_owned[i]);
	free(rw->rw_owned);
	free(rw->rw_rows);
}

/* The input rows of the owed inputs ${ins} (${n} of them). */
static void
input_rows(struct app_rows *rw, const struct app_sheet *sh,
    const struct app_stored *last, const int *ins, int n, const char *unit)
{
	const struct method *m = sh->sh_m;
	int k;

	for (k = 0; k < n; k++) {
		int i = ins[k];
		const struct m_input *mi = &m->m_inputs[i];
		struct xlsx_trow *t;

		if (!sh->sh_owed[i])
			continue;
		t = row_add(rw, XLSX_ROW_INPUT);
		t->xt_code = mi->mi_name;
		t->xt_label = mi->mi_label;
		t->xt_input = mi;
		t->xt_unit = unit;
		if (last != NULL && last->vs_raw[i] != NULL)
			t->xt_last = keep(rw, value_shown(mi, last->vs_raw[i]));
		t->xt_value = sh->sh_value[i];
		if (sh->sh_value[i] != NULL) {
			t->xt_status =
			    value_status_label(sh->sh_status[i], LANG_VI);
			t->xt_locked = sh->sh_status[i] != VALUE_DRAFT;
		}
	}
}

/* 1 when indicator ${n} or one of its parts has an owed input. */
static int
ind_owes(const struct method *m, const struct app_sheet *sh, int n)
{
	const struct m_indicator *ind = &m->m_ind[n];
	int k;

	for (k = 0; k < ind->mn_ninputs; k++)
		if (sh->sh_owed[ind->mn_inputs[k]])
			return 1;
	for (k = 0; k < ind->mn_nparts; k++)
		if (ind_owes(m, sh, ind->mn_parts[k]))
			return 1;
	return 0;
}

/* The rows: general items, then each group's indicators and parts. */
static void
build_rows(struct app_rows *rw, const struct app_sheet *sh,
    const struct app_stored *last, const char *unit)
{
	const struct method *m = sh->sh_m;
	int g = -1, i, k, any = 0;

	for (i = 0; i < m->m_ngeneral; i++)
		any |= sh->sh_owed[m->m_general[i].ml_input];
	if (any) {
		struct xlsx_trow *t = row_add(rw, XLSX_ROW_GROUP);

		t->xt_code = "A";
		t->xt_label = "Thông tin chung";
		for (i = 0; i < m->m_ngeneral; i++)
			input_rows(
			    rw, sh, last, &m->m_general[i].ml_input, 1, unit);
	}
	for (i = 0; i < m->m_nind; i++) {
		const struct m_indicator *ind = &m->m_ind[i];
		struct xlsx_trow *t;
		struct buf b;

		if (!ind_owes(m, sh, i))
			continue;
		if (ind->mn_group != g) {
			g = ind->mn_group;
			t = row_add(rw, XLSX_ROW_GROUP);
			t->xt_code = m->m_groups[g].mg_code;
			t->xt_label = m->m_groups[g].mg_name;
		}
		buf_init(&b);
		buf_printf(&b, "%s (tối đa ", ind->mn_name);
		numfmt_vi(&b, ind->mn_points, 2);
		buf_puts(&b, " điểm)");
		t = row_add(rw, XLSX_ROW_ITEM);
		t->xt_code = ind->mn_code;
		t->xt_label = keep(rw, buf_steal(&b));
		if (ind->mn_rule != NULL) {
			char *r = keep(rw, xstrdup(ind->mn_rule));
			size_t n = strlen(r);

			while (n > 0 && strchr(" \n\r\t", r[n - 1]) != NULL)
				r[--n] = '\0';
			t->xt_rule = r;
		}
		k = ind->mn_ninputs;
		input_rows(rw, sh, last, ind->mn_inputs, k, unit);
	}
}

/* The file ${path} into ${data} (malloc'd); -1 with the reason. */
static int
slurp(const char *path, char **data, size_t *len, struct diag *d)
{
	FILE *f = fopen(path, "rb");
	long n = -1;

	if (f != NULL && fseek(f, 0, SEEK_END) == 0)
		n = ftell(f);
	if (n < 0 || fseek(f, 0, SEEK_SET) != 0) {
		diag_add(d, DIAG_ERROR, "template.write", NULL, 0, 0,
		    "không đọc lại được phiếu vừa tạo%.0s",
		    "cannot read back the work sheet: %s", strerror(errno));
		if (f != NULL)
			fclose(f);
		return -1;
	}
	*data = xmalloc((size_t)n + 1);
	*len = fread(*data, 1, (size_t)n, f);
	fclose(f);
	if (*len != (size_t)n) {
		free(*data);
		*data = NULL;
		diag_put(d, DIAG_ERROR, "template.write", NULL, 0, 0,
		    "không đọc lại được phiếu vừa tạo",
		    "cannot read back the work sheet");
		return -1;
	}
	return 0;
}

/*
 * write_sheet(info, rw, data, len, d): the workbook through a temporary
 * file (libxlsxwriter writes files only), read back into memory.
 */
static int
write_sheet(const struct xlsx_tinfo *info, const struct app_rows *rw,
    char **data, size_t *len, struct diag *d)
{
	const char *dir = getenv("TMPDIR");
	struct buf path;
	int fd, rc;

	buf_init(&path);
	buf_printf(&path, "%s/dti-template-XXXXXX",
	    dir != NULL && dir[0] != '\0' ? dir : "/tmp");
	fd = mkstemp(path.b_data);
	if (fd < 0) {
		diag_add(d, DIAG_ERROR, "template.write", NULL, 0, 0,
		    "không tạo được tệp tạm%.0s",
		    "cannot create a temporary file: %s", strerror(errno));
		buf_free(&path);
		return -1;
	}
	close(fd);
	rc = xlsx_template_write(
	    buf_cstr(&path), info, rw->rw_rows, rw->rw_n, d);
	if (rc == 0)
		rc = slurp(buf_cstr(&path), data, len, d);
	unlink(buf_cstr(&path));
	buf_free(&path);
	return rc;
}

/*
 * template_unit(s, a, unit, buf, size): the unit of the sheet: ${unit},
 * else an officer of a district's UBND gets its district (whichever
 * agency's sheet it asks for: its own, or its collective's), else the
 * province (NULL).
 */
static const char *
template_unit(struct store *s, const struct app_actor *a, const char *unit,
    char *buf, size_t size)
{
	struct app_find own = { a->ac_agency, "", "" };
	char key[160];

	if (unit != NULL || a->ac_role != ROLE_OFFICER || a->ac_agency == NULL)
		return unit;
	if (store_agency_each(s, find_agency, &own) != 0 ||
	    strcmp(own.fd_kind, "district") != 0)
		return NULL;
	snprintf(key, sizeof(key), "%s%s", APP_DISTRICT_KEY, a->ac_agency);
	if (store_meta_get(s, key, buf, size) != 0 || buf[0] == '\0')
		return NULL;
	return buf;
}

int
app_template(struct store *s, const struct app_actor *a, const char *period,
    const char *agency, const char *unit, char **data, size_t *len,
    struct diag *d)
{
	const struct method *m = NULL;
	struct app_stored last;
	struct app_find ag = { NULL, "", "" }, un = { NULL, "", "" };
	struct app_sheet sh;
	struct app_rows rw;
	struct st_period p, lp;
	struct xlsx_tinfo info;
	char code[80], lcode[16], sha[65], ubuf[80], due[16], made[160];
	char words[40], mname[160];
	int have_last = 0, rc = -1, i;
	long uid;

	*data = NULL;
	*len = 0;
	if (agency == NULL && a->ac_role == ROLE_OFFICER)
		agency = a->ac_agency; /* an officer's own sheet */
	/* a form to fill: who may not write values may not have one */
	if (app_check(s, a, APP_VALUE_WRITE, agency, d) != 0)
		return -1;
	if (agency != NULL) {
		ag.fd_code = agency;
		if (store_agency_each(s, find_agency, &ag) != 0)
			return app_store_error(s, d);
		if (ag.fd_name[0] == '\0') {
			diag_add(d, DIAG_ERROR, "template.agency", NULL, 0, 0,
			    "không có cơ quan '%s'", "no agency '%s'", agency);
			return -1;
		}
	}
	unit = template_unit(s, a, unit, ubuf, sizeof(ubuf));
	if (app_period(s, period, &p, d) != 0 ||
	    app_period_method(s, &p, &m, d) != 0 ||
	    app_check_unit(s, a, unit, d) != 0 ||
	    app_unit_in(s, &p, unit, code, sizeof(code), &uid, d) != 0 ||
	    store_method_sha(s, p.sp_method, sha) != 0)
		return d->d_nerr > 0 ? -1 : app_store_error(s, d);
	memset(&sh, 0, sizeof(sh));
	memset(&rw, 0, sizeof(rw));
	memset(&last, 0, sizeof(last));
	sh.sh_m = m;
	sh.sh_owed = xcalloc((size_t)m->m_ninputs + 1, 1);
	sh.sh_value = xcalloc((size_t)m->m_ninputs + 1, sizeof(char *));
	sh.sh_status =
	    xcalloc((size_t)m->m_ninputs + 1, sizeof(enum value_status));
	if (app_owed(s, &p, m, agency, code, sheet_owed, &sh, d) != 0)
		goto out;
	app_rules_prev_code(&p, lcode);
	if (store_period_get(s, lcode, &lp) == 0) {
		if (stored_read(s, m, lp.sp_id, uid, &last) != 0) {
			rc = app_store_error(s, d);
			goto out;
		}
		have_last = 1;
	}
	build_rows(&rw, &sh, have_last ? &last : NULL, code);
	un.fd_code = code;
	if (store_unit_each(s, find_unit, &un) != 0) {
		rc = app_store_error(s, d);
		goto out;
	}
	{
		struct app_find prov = { NULL, "", "" };
		char pcode[80];

		if (store_meta_get(s, "province", pcode, sizeof(pcode)) == 0) {
			prov.fd_code = pcode;
			store_unit_each(s, find_unit, &prov);
		}
		memset(&info, 0, sizeof(info));
		info.xi_province = prov.fd_name[0] ? prov.fd_name : pcode;
		if (p.sp_quarter > 0)
			snprintf(words, sizeof(words), "quý %d năm %d",
			    p.sp_quarter, p.sp_year);
		else
			snprintf(words, sizeof(words), "năm %d", p.sp_year);
		info.xi_period = p.sp_code;
		info.xi_period_words = words;
		info.xi_last_period = have_last ? lcode : NULL;
		info.xi_agency = agency != NULL ? agency : "";
		info.xi_agency_name =
		    agency != NULL ? ag.fd_name : "Tất cả cơ quan";
		info.xi_unit = code;
		info.xi_unit_name = un.fd_name[0] ? un.fd_name : code;
		date_vi(p.sp_agency_due, due, sizeof(due));
		info.xi_deadline = due;
		snprintf(mname, sizeof(mname), "%s (%s)", m->m_id,
		    m->m_version ? m->m_version : "");
		info.xi_method = mname;
		info.xi_method_sha = sha;
		{
			char iso[11], vi[16];

			date_format(date_today(), iso);
			date_vi(iso, vi, sizeof(vi));
			snprintf(made, sizeof(made), "%s, %s", vi,
			    a->ac_login != NULL ? a->ac_login : "");
		}
		info.xi_made = made;
		rc = write_sheet(&info, &rw, data, len, d);
	}
out:
	for (i = 0; i < m->m_ninputs; i++)
		free(sh.sh_value[i]);
	free(sh.sh_value);
	free(sh.sh_status);
	free(sh.sh_owed);
	stored_free(&last);
	rows_free(&rw);
	return rc;
}
