/*
 * app_org_load.c: a new version of the organisation file compared with
 * the stored organisation and applied as changes (docs/organisation.md):
 * what the file adds, what its changes: section renames, merges,
 * deactivates, what it renames by a new name, what it leaves out
 * (deactivated, never deleted), and who joins or leaves a collective.
 * A dry run applies it all and rolls back, so it checks exactly what a
 * real run would. And a unit's lineage: the units merged into it.
 */
#include "app/app_int.h"

#include <stdlib.h>
#include <string.h>

#include "io/org_load.h"
#include "util/strmap.h"

#define ORG_PLAN_MAX 8000 /* changes one file may make */

/* The stored organisation, copied. */
struct cur_ent {
	char *cen_code;
	char *cen_name;
	char *cen_short;
	char *cen_to; /* or NULL */
	char *cen_successor; /* or NULL */
	int cen_unit;
	int cen_own; /* a unit: the province or one of its units */
};

struct cur_org {
	char co_province[80]; /* the current province's code */
	struct cur_ent *co_ents;
	size_t co_n, co_cap;
	struct st_member *co_members; /* current only; strings owned */
	size_t co_nm, co_mcap;
};

static char *
dup0(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

static struct cur_ent *
cur_push(struct cur_org *co, int unit, const char *code, const char *name,
    const char *shortname, const char *to, const char *successor)
{
	struct cur_ent *e;

	if (co->co_n == co->co_cap) {
		co->co_cap = co->co_cap ? co->co_cap * 2 : 64;
		co->co_ents =
		    xrealloc(co->co_ents, co->co_cap * sizeof(*co->co_ents));
	}
	e = &co->co_ents[co->co_n++];
	e->cen_unit = unit;
	e->cen_code = xstrdup(code);
	e->cen_name = xstrdup(name);
	e->cen_short = xstrdup(shortname ? shortname : name);
	e->cen_to = dup0(to);
	e->cen_successor = dup0(successor);
	e->cen_own = 0;
	return e;
}

static int
cur_agency(void *ctx, const struct st_agency *a)
{
	(void)cur_push(ctx, 0, a->sag_code, a->sag_name, a->sag_short,
	    a->sag_to, a->sag_successor);
	return 0;
}

static int
cur_unit(void *ctx, const struct st_unit *u)
{
	struct cur_org *co = ctx;
	struct cur_ent *e = cur_push(
	    co, 1, u->su_code, u->su_name, NULL, u->su_to, u->su_successor);

	e->cen_own = strcmp(u->su_code, co->co_province) == 0 ||
	    (u->su_parent != NULL &&
		strcmp(u->su_parent, co->co_province) == 0);
	return 0;
}

static int
cur_member(void *ctx, const struct st_member *m)
{
	struct cur_org *co = ctx;
	struct st_member *x;

	if (m->smb_to != NULL)
		return 0;
	if (co->co_nm == co->co_mcap) {
		co->co_mcap = co->co_mcap ? co->co_mcap * 2 : 64;
		co->co_members = xrealloc(
		    co->co_members, co->co_mcap * sizeof(*co->co_members));
	}
	x = &co->co_members[co->co_nm++];
	x->smb_group = xstrdup(m->smb_group);
	x->smb_member = xstrdup(m->smb_member);
	x->smb_to = NULL;
	return 0;
}

static void
cur_free(struct cur_org *co)
{
	size_t i;

	for (i = 0; i < co->co_n; i++) {
		free(co->co_ents[i].cen_code);
		free(co->co_ents[i].cen_name);
		free(co->co_ents[i].cen_short);
		free(co->co_ents[i].cen_to);
		free(co->co_ents[i].cen_successor);
	}
	for (i = 0; i < co->co_nm; i++) {
		free((char *)co->co_members[i].smb_group);
		free((char *)co->co_members[i].smb_member);
	}
	free(co->co_ents);
	free(co->co_members);
}

static const struct cur_ent *
cur_find(const struct cur_org *co, int unit, const char *code)
{
	size_t i;

	for (i = 0; i < co->co_n; i++)
		if (co->co_ents[i].cen_unit == unit &&
		    strcmp(co->co_ents[i].cen_code, code) == 0)
			return &co->co_ents[i];
	return NULL;
}

/* The plan: the edits to apply, in order. */
struct plan {
	struct app_org_edit *pln_e;
	size_t pln_n, pln_cap;
	int pln_over; /* more than ORG_PLAN_MAX */
};

static struct app_org_edit *
plan_add(struct plan *p, enum app_org_op op, const char *entity,
    const char *code, const char *date)
{
	struct app_org_edit *e;

	if (p->pln_n >= ORG_PLAN_MAX) {
		p->pln_over = 1;
		return NULL;
	}
	if (p->pln_n == p->pln_cap) {
		p->pln_cap = p->pln_cap ? p->pln_cap * 2 : 64;
		p->pln_e = xrealloc(p->pln_e, p->pln_cap * sizeof(*p->pln_e));
	}
	e = &p->pln_e[p->pln_n++];
	memset(e, 0, sizeof(*e));
	e->oe_op = op;
	e->oe_entity = entity;
	e->oe_code = code;
	e->oe_effective = date;
	return e;
}

/* Codes the changes: section handles itself (no rename or deactivation). */
static int
handled(const struct org_file *f, int unit, const char *code)
{
	size_t i;

	for (i = 0; i < f->of_nchanges; i++)
		if (strcmp(f->of_changes[i].och_code, code) == 0 &&
		    (strcmp(f->of_changes[i].och_entity, "unit") == 0) == unit)
			return 1;
	return 0;
}

/* Does the file declare ${code} (an agency, or the province/a district)? */
static int
in_file(const struct org_file *f, int unit, const char *code)
{
	size_t i;

	if (unit) {
		if (strcmp(f->of_province.ou_code, code) == 0)
			return 1;
		for (i = 0; i < f->of_ndistricts; i++)
			if (strcmp(f->of_districts[i].ou_code, code) == 0)
				return 1;
		return 0;
	}
	for (i = 0; i < f->of_nagencies; i++)
		if (strcmp(f->of_agencies[i].oa_code, code) == 0)
			return 1;
	return 0;
}

static void
plan_unit(struct plan *p, const struct cur_org *co, const struct org_file *f,
    const struct org_unit *u, const char *level, const char *parent,
    const char *date)
{
	const struct cur_ent *e = cur_find(co, 1, u->ou_code);
	struct app_org_edit *x;

	if (e == NULL) {
		if ((x = plan_add(p, APP_ORG_ADD, "unit", u->ou_code, date))) {
			x->oe_name = u->ou_name;
			x->oe_kind = level;
			x->oe_parent = parent;
		}
	} else if (e->cen_to == NULL && strcmp(e->cen_name, u->ou_name) != 0 &&
	    !handled(f, 1, u->ou_code) &&
	    (x = plan_add(p, APP_ORG_RENAME, "unit", u->ou_code, date)))
		x->oe_name = u->ou_name;
}

/* Is change ${c} in force already (a file loaded again)? */
static int
change_done(const struct cur_org *co, const struct org_change *c)
{
	const struct cur_ent *e =
	    cur_find(co, strcmp(c->och_entity, "unit") == 0, c->och_code);

	if (e == NULL)
		return 0;
	switch (c->och_kind) {
	case ORG_CHANGE_ADD: return 1;
	case ORG_CHANGE_RENAME: return strcmp(e->cen_name, c->och_name) == 0;
	case ORG_CHANGE_DEACTIVATE: return e->cen_to != NULL;
	case ORG_CHANGE_REACTIVATE: return e->cen_to == NULL;
	case ORG_CHANGE_MERGE:
		return e->cen_to != NULL && e->cen_successor != NULL &&
		    strcmp(e->cen_successor, c->och_into) == 0;
	}
	return 0;
}

/* The changes: section, in the file's order. */
static void
plan_changes(struct plan *p, const struct cur_org *co, const struct org_file *f,
    const char *date)
{
	static const enum app_org_op ops[] = {
		[ORG_CHANGE_ADD] = APP_ORG_ADD,
		[ORG_CHANGE_RENAME] = APP_ORG_RENAME,
		[ORG_CHANGE_DEACTIVATE] = APP_ORG_DEACTIVATE,
		[ORG_CHANGE_REACTIVATE] = APP_ORG_REACTIVATE,
		[ORG_CHANGE_MERGE] = APP_ORG_MERGE,
	};
	size_t i;

	for (i = 0; i < f->of_nchanges; i++) {
		const struct org_change *c = &f->of_changes[i];
		struct app_org_edit *x;

		if (change_done(co, c))
			continue;
		x = plan_add(p, ops[c->och_kind], c->och_entity, c->och_code,
		    c->och_effective ? c->och_effective : date);
		if (x == NULL)
			return;
		x->oe_into = c->och_into;
		x->oe_name = c->och_name;
		x->oe_short = c->och_short;
		x->oe_kind = c->och_kind_text;
	}
}

static int
member_now(const struct cur_org *co, const char *g, const char *m)
{
	size_t i;

	for (i = 0; i < co->co_nm; i++)
		if (strcmp(co->co_members[i].smb_group, g) == 0 &&
		    strcmp(co->co_members[i].smb_member, m) == 0)
			return 1;
	return 0;
}

static int
member_in_file(const struct org_file *f, const char *g, const char *m)
{
	size_t i;

	for (i = 0; i < f->of_nmembers; i++)
		if (strcmp(f->of_members[i].om_group, g) == 0 &&
		    strcmp(f->of_members[i].om_member, m) == 0)
			return 1;
	return 0;
}

/* Build the whole plan from the file and the stored organisation. */
static void
plan_build(struct plan *p, const struct cur_org *co, const struct org_file *f,
    const char *date)
{
	struct app_org_edit *x;
	size_t i;

	/* 1. what is new: agencies, the province, its districts */
	for (i = 0; i < f->of_nagencies; i++) {
		const struct org_agency *a = &f->of_agencies[i];
		const struct cur_ent *e = cur_find(co, 0, a->oa_code);

		if (e != NULL)
			continue;
		x = plan_add(p, APP_ORG_ADD, "agency", a->oa_code,
		    a->oa_effective ? a->oa_effective : date);
		if (x == NULL)
			return;
		x->oe_name = a->oa_name;
		x->oe_short = a->oa_short;
		x->oe_kind = a->oa_kind;
	}
	plan_unit(p, co, f, &f->of_province, "province", NULL, date);
	for (i = 0; i < f->of_ndistricts; i++)
		plan_unit(p, co, f, &f->of_districts[i], "district",
		    f->of_province.ou_code, date);
	/* 2. what a list cannot say */
	plan_changes(p, co, f, date);
	/* 3. an agency the file lists again, deactivated (not merged) before */
	for (i = 0; i < f->of_nagencies; i++) {
		const struct org_agency *a = &f->of_agencies[i];
		const struct cur_ent *e = cur_find(co, 0, a->oa_code);

		if (e == NULL || e->cen_to == NULL ||
		    e->cen_successor != NULL || handled(f, 0, a->oa_code))
			continue;
		if (plan_add(p, APP_ORG_REACTIVATE, "agency", a->oa_code,
			date) == NULL)
			return;
	}
	/* 4. new names of agencies kept */
	for (i = 0; i < f->of_nagencies; i++) {
		const struct org_agency *a = &f->of_agencies[i];
		const struct cur_ent *e = cur_find(co, 0, a->oa_code);
		const char *sh = a->oa_short ? a->oa_short : a->oa_name;

		if (e == NULL || e->cen_to != NULL ||
		    handled(f, 0, a->oa_code) ||
		    (strcmp(e->cen_name, a->oa_name) == 0 &&
			strcmp(e->cen_short, sh) == 0))
			continue;
		if ((x = plan_add(p, APP_ORG_RENAME, "agency", a->oa_code,
			 date)) == NULL)
			return;
		x->oe_name = a->oa_name;
		x->oe_short = sh;
	}
	/* 5. collectives: who joins, who leaves */
	for (i = 0; i < f->of_nmembers; i++) {
		const struct org_member *m = &f->of_members[i];

		if (member_now(co, m->om_group, m->om_member))
			continue;
		if ((x = plan_add(p, APP_ORG_MEMBER_ADD, "agency", m->om_group,
			 date)) == NULL)
			return;
		x->oe_into = m->om_member;
	}
	for (i = 0; i < co->co_nm; i++) {
		const struct st_member *m = &co->co_members[i];
		const struct cur_ent *g = cur_find(co, 0, m->smb_group);

		/* a collective left out ends as a whole (below) */
		if (g == NULL || g->cen_to != NULL ||
		    !in_file(f, 0, m->smb_group) ||
		    member_in_file(f, m->smb_group, m->smb_member))
			continue;
		if ((x = plan_add(p, APP_ORG_MEMBER_REMOVE, "agency",
			 m->smb_group, date)) == NULL)
			return;
		x->oe_into = m->smb_member;
	}
	/* 6. what the file leaves out: deactivated, never deleted (of units,
	 * the province and its own: other provinces, such as those a
	 * comparison adds, are not the file's) */
	for (i = 0; i < co->co_n; i++) {
		const struct cur_ent *e = &co->co_ents[i];

		if (e->cen_to != NULL || in_file(f, e->cen_unit, e->cen_code) ||
		    handled(f, e->cen_unit, e->cen_code) ||
		    (e->cen_unit && !e->cen_own))
			continue;
		if (plan_add(p, APP_ORG_DEACTIVATE,
			e->cen_unit ? "unit" : "agency", e->cen_code,
			date) == NULL)
			return;
	}
}

/* The line a plan entry prints as (before it is applied). */
static void
plan_line(const struct app_org_edit *e, const struct cur_org *co,
    struct app_org_line *l, char date[11])
{
	const struct cur_ent *c =
	    cur_find(co, strcmp(e->oe_entity, "unit") == 0, e->oe_code);

	memset(l, 0, sizeof(*l));
	l->oln_kind = app_org_op_name(e->oe_op);
	l->oln_entity = e->oe_entity;
	l->oln_code = e->oe_code;
	l->oln_effective = date;
	switch (e->oe_op) {
	case APP_ORG_ADD: l->oln_new = e->oe_name; break;
	case APP_ORG_RENAME:
		l->oln_old = c ? c->cen_name : NULL;
		l->oln_new = e->oe_name;
		break;
	case APP_ORG_MERGE: l->oln_new = e->oe_into; break;
	case APP_ORG_MEMBER_ADD:
		l->oln_entity = "collective";
		l->oln_new = e->oe_into;
		break;
	case APP_ORG_MEMBER_REMOVE:
		l->oln_entity = "collective";
		l->oln_old = e->oe_into;
		break;
	case APP_ORG_DEACTIVATE:
	case APP_ORG_REACTIVATE: break;
	}
}

/* The province: the file's becomes the current one; the old is history. */
static int
province_switch(struct store *s, const char *login, const struct org_file *f,
    const char *date, struct diag *d)
{
	char cur[80], hist[1024], next[1200];
	struct st_audit a = { 0, NULL, login, "org.province", "setting",
		"province", cur, f->of_province.ou_code, date, NULL, NULL, NULL,
		NULL };

	if (store_meta_get(s, "province", cur, sizeof(cur)) != 0 ||
	    store_meta_get(s, APP_PROVINCE_HISTORY, hist, sizeof(hist)) != 0)
		return app_store_error(s, d);
	if (strcmp(cur, f->of_province.ou_code) == 0)
		return 0;
	if (cur[0] != '\0') {
		snprintf(next, sizeof(next), "%s%s%s:%s", hist,
		    hist[0] ? "," : "", cur, date);
		if (strlen(next) >= sizeof(hist)) {
			diag_put(d, DIAG_ERROR, "org.limit", NULL, 0, 0,
			    "quá nhiều lần đổi tỉnh",
			    "too many changes of province");
			return -1;
		}
		if (store_meta_set(s, APP_PROVINCE_HISTORY, next) != 0)
			return app_store_error(s, d);
	}
	if (store_meta_set(s, "province", f->of_province.ou_code) != 0 ||
	    store_meta_set(s, "province_name", f->of_province.ou_name) != 0 ||
	    store_audit_add(s, &a) != 0)
		return app_store_error(s, d);
	return 0;
}

/* The district unit of each new district UBND (app_policy.c). */
static int
district_keys(struct store *s, const struct org_file *f, struct diag *d)
{
	size_t i;

	for (i = 0; i < f->of_nagencies; i++) {
		const struct org_agency *a = &f->of_agencies[i];
		char key[128];

		if (a->oa_district == NULL)
			continue;
		snprintf(
		    key, sizeof(key), "%s%s", APP_DISTRICT_KEY, a->oa_code);
		if (store_meta_set(s, key, a->oa_district) != 0)
			return app_store_error(s, d);
	}
	return 0;
}

int
app_org_load(struct store *s, const struct app_actor *a, const char *text,
    size_t len, const char *file, const char *effective, int dry_run,
    int (*cb)(void *, const struct app_org_line *), void *ctx, struct diag *d)
{
	struct org_file *f = NULL;
	struct cur_org co;
	struct plan p;
	char date[11];
	size_t i;
	int rc = -1;

	if (app_check(s, a, APP_ORG, NULL, d) != 0 ||
	    org_parse(text, len, file, &f, d) != 0)
		return -1;
	if (app_org_date(effective ? effective : f->of_effective, date, d) !=
	    0) {
		org_file_free(f);
		return -1;
	}
	memset(&co, 0, sizeof(co));
	memset(&p, 0, sizeof(p));
	if (store_tx_begin(s) != 0) {
		org_file_free(f);
		return app_store_error(s, d);
	}
	if (store_meta_get(
		s, "province", co.co_province, sizeof(co.co_province)) != 0 ||
	    store_agency_each(s, cur_agency, &co) != 0 ||
	    store_unit_each(s, cur_unit, &co) != 0 ||
	    store_agency_member_each(s, cur_member, &co) != 0) {
		rc = app_abort(s, d);
		goto out;
	}
	plan_build(&p, &co, f, date);
	if (p.pln_over) {
		store_tx_rollback(s);
		diag_add(d, DIAG_ERROR, "org.limit", file, 0, 0,
		    "tệp tạo quá nhiều thay đổi (tối đa %d)",
		    "the file makes too many changes (at most %d)",
		    ORG_PLAN_MAX);
		goto out;
	}
	for (i = 0; i < p.pln_n; i++) {
		struct app_org_line l;
		char when[11];

		if (app_org_date(p.pln_e[i].oe_effective, when, d) != 0 ||
		    app_org_apply(s, a->ac_login, &p.pln_e[i], d) != 0) {
			store_tx_rollback(s);
			goto out;
		}
		plan_line(&p.pln_e[i], &co, &l, when);
		if (cb != NULL && cb(ctx, &l) != 0)
			break;
	}
	if (province_switch(s, a->ac_login, f, date, d) != 0 ||
	    district_keys(s, f, d) != 0) {
		store_tx_rollback(s);
		goto out;
	}
	if (dry_run) {
		store_tx_rollback(s);
		rc = 0;
	} else if (store_tx_commit(s) != 0) {
		rc = app_abort(s, d);
	} else {
		rc = 0;
	}
out:
	free(p.pln_e);
	cur_free(&co);
	org_file_free(f);
	return rc;
}

/* Units as the lineage walk needs them. */
struct lin_unit {
	char *lu_code;
	char *lu_name;
	char *lu_to;
	char *lu_successor;
};

struct lin_all {
	struct lin_unit *la_u;
	size_t la_n, la_cap;
};

static int
lin_row(void *ctx, const struct st_unit *u)
{
	struct lin_all *la = ctx;
	struct lin_unit *x;

	if (la->la_n == la->la_cap) {
		la->la_cap = la->la_cap ? la->la_cap * 2 : 64;
		la->la_u = xrealloc(la->la_u, la->la_cap * sizeof(*la->la_u));
	}
	x = &la->la_u[la->la_n++];
	x->lu_code = xstrdup(u->su_code);
	x->lu_name = xstrdup(u->su_name);
	x->lu_to = dup0(u->su_to);
	x->lu_successor = dup0(u->su_successor);
	return 0;
}

/* ${code} and the units merged into it, depth first; -1 on a cycle. */
static int
lin_walk(const struct lin_all *la, const char *code, int depth,
    int (*cb)(void *, const struct app_lineage *), void *ctx)
{
	size_t i;

	if (depth > 32)
		return 0; /* a cycle guard: merges refuse cycles anyway */
	for (i = 0; i < la->la_n; i++) {
		const struct lin_unit *u = &la->la_u[i];
		struct app_lineage l;

		if (depth == 0 ? strcmp(u->lu_code, code) != 0
			       : (u->lu_successor == NULL ||
				     strcmp(u->lu_successor, code) != 0))
			continue;
		l.ln_code = u->lu_code;
		l.ln_name = u->lu_name;
		l.ln_to = u->lu_to;
		l.ln_successor = u->lu_successor;
		l.ln_depth = depth;
		if (cb(ctx, &l) != 0)
			return 1;
		if (lin_walk(la, u->lu_code, depth + 1, cb, ctx) != 0)
			return 1;
		if (depth == 0)
			break;
	}
	return 0;
}

int
app_org_lineage(struct store *s, const char *unit,
    int (*cb)(void *, const struct app_lineage *), void *ctx, struct diag *d)
{
	struct lin_all la = { NULL, 0, 0 };
	size_t i;
	int found = 0, rc = 0;

	if (store_unit_each(s, lin_row, &la) != 0) {
		rc = app_store_error(s, d);
		goto out;
	}
	for (i = 0; i < la.la_n; i++)
		if (strcmp(la.la_u[i].lu_code, unit) == 0)
			found = 1;
	if (!found) {
		diag_add(d, DIAG_ERROR, "org.unknown", NULL, 0, 0,
		    "không có đơn vị '%s'", "no unit '%s'", unit);
		rc = -1;
		goto out;
	}
	(void)lin_walk(&la, unit, 0, cb, ctx);
out:
	for (i = 0; i < la.la_n; i++) {
		free(la.la_u[i].lu_code);
		free(la.la_u[i].lu_name);
		free(la.la_u[i].lu_to);
		free(la.la_u[i].lu_successor);
	}
	free(la.la_u);
	return rc;
}
