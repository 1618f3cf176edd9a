/*
 * app_org_period.c: the organisation as it was in a period
 * (docs/organisation.md): which agencies and units were active on the
 * period's first day, what they were called, who held a responsibility
 * of a merged agency, and which unit was the province.
 */
#include "app/app_int.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "util/date.h"

#define ORG_CHAIN_MAX 64 /* successors followed at most (a cycle guard) */

void
app_period_start(const struct st_period *p, char out[11])
{
	int month = p->sp_quarter > 0 ? (p->sp_quarter - 1) * 3 + 1 : 1;

	date_format(date_make(p->sp_year, month, 1), out);
}

int
app_org_active(const char *from, const char *to, const char *date)
{
	return (from == NULL || strcmp(from, date) <= 0) &&
	    (to == NULL || strcmp(date, to) < 0);
}

/* One agency's life, looked up by code. */
struct life_find {
	const char *lf_code;
	int lf_found;
	char lf_to[11];
	char lf_successor[64];
};

static int
life_agency(void *ctx, const struct st_agency *a)
{
	struct life_find *lf = ctx;

	if (strcmp(a->sag_code, lf->lf_code) != 0)
		return 0;
	lf->lf_found = 1;
	snprintf(
	    lf->lf_to, sizeof(lf->lf_to), "%s", a->sag_to ? a->sag_to : "");
	snprintf(lf->lf_successor, sizeof(lf->lf_successor), "%s",
	    a->sag_successor ? a->sag_successor : "");
	return 1;
}

static int
life_unit(void *ctx, const struct st_unit *u)
{
	struct life_find *lf = ctx;

	if (strcmp(u->su_code, lf->lf_code) != 0)
		return 0;
	lf->lf_found = 1;
	snprintf(lf->lf_to, sizeof(lf->lf_to), "%s", u->su_to ? u->su_to : "");
	snprintf(lf->lf_successor, sizeof(lf->lf_successor), "%s",
	    u->su_successor ? u->su_successor : "");
	return 1;
}

int
app_org_holder(struct store *s, const char *entity, const char *code,
    const char *date, char *out, size_t size)
{
	char cur[64];
	int n, unit = strcmp(entity, "unit") == 0, rc;

	snprintf(cur, sizeof(cur), "%s", code);
	for (n = 0; n < ORG_CHAIN_MAX; n++) {
		struct life_find lf = { cur, 0, "", "" };

		rc = unit ? store_unit_each(s, life_unit, &lf)
			  : store_agency_each(s, life_agency, &lf);
		if (rc != 0)
			return rc;
		/* merged on or before ${date}: the successor holds it */
		if (!lf.lf_found || lf.lf_successor[0] == '\0' ||
		    lf.lf_to[0] == '\0' || strcmp(lf.lf_to, date) > 0)
			break;
		snprintf(cur, sizeof(cur), "%s", lf.lf_successor);
	}
	snprintf(out, size, "%s", cur);
	return 0;
}

/* The current names of one agency or unit, looked up by code. */
struct name_find {
	const char *nf_code;
	char *nf_name;
	size_t nf_nsize;
	char *nf_short;
	size_t nf_ssize;
	int nf_found;
};

static int
name_agency(void *ctx, const struct st_agency *a)
{
	struct name_find *nf = ctx;

	if (strcmp(a->sag_code, nf->nf_code) != 0)
		return 0;
	nf->nf_found = 1;
	snprintf(nf->nf_name, nf->nf_nsize, "%s", a->sag_name);
	snprintf(nf->nf_short, nf->nf_ssize, "%s",
	    a->sag_short ? a->sag_short : a->sag_name);
	return 1;
}

static int
name_unit(void *ctx, const struct st_unit *u)
{
	struct name_find *nf = ctx;

	if (strcmp(u->su_code, nf->nf_code) != 0)
		return 0;
	nf->nf_found = 1;
	snprintf(nf->nf_name, nf->nf_nsize, "%s", u->su_name);
	return 1;
}

int
app_agency_name(struct store *s, const char *code, char *name, size_t nsize,
    char *shortname, size_t ssize)
{
	struct name_find nf = { code, name, nsize, shortname, ssize, 0 };

	if (store_agency_each(s, name_agency, &nf) != 0 || !nf.nf_found)
		return -1;
	return 0;
}

void
app_unit_name(struct store *s, const char *code, char *out, size_t size)
{
	struct name_find nf = { code, out, size, NULL, 0, 0 };

	out[0] = '\0';
	(void)store_unit_each(s, name_unit, &nf);
}

int
app_org_name_at(struct store *s, const char *entity, const char *code,
    const char *date, char *name, size_t nsize, char *shortname, size_t ssize)
{
	return store_org_name_at(
	    s, entity, code, date, name, nsize, shortname, ssize);
}

/* The agencies in force on one day, with the names then. */
struct at_ctx {
	struct store *atc_s;
	const char *atc_date;
	int (*atc_agency)(void *, const struct st_agency *);
	int (*atc_unit)(void *, const struct st_unit *);
	void *atc_ctx;
};

static int
agency_at_row(void *ctx, const struct st_agency *a)
{
	struct at_ctx *c = ctx;
	struct st_agency x = *a;
	char name[256], shortname[128];

	if (c->atc_date == NULL)
		return c->atc_agency(c->atc_ctx, a);
	if (!app_org_active(a->sag_from, a->sag_to, c->atc_date))
		return 0;
	if (store_org_name_at(c->atc_s, "agency", a->sag_code, c->atc_date,
		name, sizeof(name), shortname, sizeof(shortname)) == 0) {
		x.sag_name = name;
		x.sag_short = shortname;
	}
	return c->atc_agency(c->atc_ctx, &x);
}

static int
unit_at_row(void *ctx, const struct st_unit *u)
{
	struct at_ctx *c = ctx;
	struct st_unit x = *u;
	char name[256], shortname[128];

	if (c->atc_date == NULL)
		return c->atc_unit(c->atc_ctx, u);
	if (!app_org_active(u->su_from, u->su_to, c->atc_date))
		return 0;
	if (store_org_name_at(c->atc_s, "unit", u->su_code, c->atc_date, name,
		sizeof(name), shortname, sizeof(shortname)) == 0)
		x.su_name = name;
	return c->atc_unit(c->atc_ctx, &x);
}

int
app_agencies_at(struct store *s, const char *date,
    int (*cb)(void *, const struct st_agency *), void *ctx, struct diag *d)
{
	struct at_ctx c = { s, date, cb, NULL, ctx };

	if (store_agency_each(s, agency_at_row, &c) != 0)
		return app_store_error(s, d);
	return 0;
}

int
app_units_at(struct store *s, const char *date,
    int (*cb)(void *, const struct st_unit *), void *ctx, struct diag *d)
{
	struct at_ctx c = { s, date, NULL, cb, ctx };

	if (store_unit_each(s, unit_at_row, &c) != 0)
		return app_store_error(s, d);
	return 0;
}

int
app_province_at(struct store *s, const char *date, char *out, size_t size)
{
	char hist[1024], *p, *save = NULL;

	/* "CODE:UNTIL,CODE:UNTIL": the provinces before the current one */
	if (store_meta_get(s, APP_PROVINCE_HISTORY, hist, sizeof(hist)) != 0)
		return -1;
	for (p = strtok_r(hist, ",", &save); p != NULL;
	     p = strtok_r(NULL, ",", &save)) {
		char *colon = strchr(p, ':');

		if (colon == NULL)
			continue;
		*colon = '\0';
		if (strcmp(date, colon + 1) < 0) {
			snprintf(out, size, "%s", p);
			return 0;
		}
	}
	return store_meta_get(s, "province", out, size) == 0 ? 0 : -1;
}

void
app_province_name_at(struct store *s, const char *date, char *out, size_t size)
{
	char code[80], shortname[128];
	long id;

	out[0] = '\0';
	if (app_province_at(s, date, code, sizeof(code)) != 0 ||
	    code[0] == '\0' || store_unit_find(s, code, &id) != 0)
		return;
	if (store_org_name_at(s, "unit", code, date, out, size, shortname,
		sizeof(shortname)) == 0)
		return;
	app_unit_name(s, code, out, size);
}

int
app_period_province(
    struct store *s, const struct st_period *p, char *out, size_t size)
{
	char start[11];

	app_period_start(p, start);
	return app_province_at(s, start, out, size);
}

int
app_unit_in(struct store *s, const struct st_period *p, const char *unit,
    char *code, size_t size, long *id, struct diag *d)
{
	char start[11], prov[80];

	if (unit == NULL) {
		app_period_start(p, start);
		if (app_province_at(s, start, prov, sizeof(prov)) != 0)
			return app_store_error(s, d);
		if (prov[0] != '\0')
			unit = prov;
	}
	return app_unit(s, unit, code, size, id, d);
}

/*
 * Methodologies with their agencies as in force in a period: a copy of
 * the stored methodology per (database, methodology, first day, number
 * of organisation changes), freed by app_close.
 */
struct org_method {
	const struct store *ome_s;
	long ome_method;
	char ome_start[11];
	long ome_changes;
	struct method *ome_m;
	struct org_method *ome_next;
};
static struct org_method *org_methods;
static pthread_mutex_t org_mu = PTHREAD_MUTEX_INITIALIZER;

static struct method *
org_method_find(const struct store *s, long id, const char *start, long n)
{
	struct org_method *o;

	for (o = org_methods; o != NULL; o = o->ome_next)
		if (o->ome_s == s && o->ome_method == id &&
		    o->ome_changes == n && strcmp(o->ome_start, start) == 0)
			return o->ome_m;
	return NULL;
}

void
app_org_forget(struct store *s)
{
	struct org_method **pp, *o;

	pthread_mutex_lock(&org_mu);
	for (pp = &org_methods; (o = *pp) != NULL;) {
		if (o->ome_s == s) {
			*pp = o->ome_next;
			method_free(o->ome_m);
			free(o);
		} else {
			pp = &o->ome_next;
		}
	}
	pthread_mutex_unlock(&org_mu);
}

/* The agencies of ${m} replaced by their holders on ${start}. */
static int
org_method_resolve(struct store *s, struct method *m, const char *start)
{
	int k;

	for (k = 0; k < m->m_nagencies; k++) {
		struct m_agency *a = &m->m_agencies[k];
		char holder[64], name[256], shortname[128];

		if (app_org_holder(s, "agency", a->ma_code, start, holder,
			sizeof(holder)) != 0)
			return -1;
		if (strcmp(holder, a->ma_code) != 0) {
			free(a->ma_code);
			a->ma_code = xstrdup(holder);
		}
		if (store_org_name_at(s, "agency", a->ma_code, start, name,
			sizeof(name), shortname, sizeof(shortname)) == 0 ||
		    app_agency_name(s, a->ma_code, name, sizeof(name),
			shortname, sizeof(shortname)) == 0) {
			free(a->ma_name);
			free(a->ma_short);
			a->ma_name = xstrdup(name);
			a->ma_short = xstrdup(shortname);
		}
	}
	return 0;
}

int
app_period_method(struct store *s, const struct st_period *p,
    const struct method **out, struct diag *d)
{
	struct method *m = NULL, *found;
	struct org_method *o;
	char start[11], *text, name[64];
	size_t len;
	long n = 0;
	int rc;

	if (store_org_change_count(s, &n) != 0)
		return app_store_error(s, d);
	if (n == 0) /* never changed: the stored methodology as it is */
		return app_method(s, p->sp_method, out, d);
	app_period_start(p, start);
	pthread_mutex_lock(&org_mu);
	found = org_method_find(s, p->sp_method, start, n);
	pthread_mutex_unlock(&org_mu);
	if (found != NULL) {
		*out = found;
		return 0;
	}
	if (store_method_text(s, p->sp_method, &text, &len) != 0)
		return app_store_error(s, d);
	snprintf(name, sizeof(name), "methodology#%ld", p->sp_method);
	rc = method_load(&m, text, len, name, d);
	free(text);
	if (rc != 0)
		return rc;
	if (org_method_resolve(s, m, start) != 0) {
		method_free(m);
		return app_store_error(s, d);
	}
	o = xcalloc(1, sizeof(*o));
	o->ome_s = s;
	o->ome_method = p->sp_method;
	snprintf(o->ome_start, sizeof(o->ome_start), "%s", start);
	o->ome_changes = n;
	o->ome_m = m;
	pthread_mutex_lock(&org_mu);
	o->ome_next = org_methods;
	org_methods = o;
	pthread_mutex_unlock(&org_mu);
	*out = m;
	return 0;
}
