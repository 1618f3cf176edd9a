/*
 * app_policy.c: who may do what. The one statement of the policy: the
 * API asks it before answering 403, and every use case that writes asks
 * it again, so no front end can disagree with another.
 */
#include "app/app_int.h"

#include <stdio.h>
#include <string.h>

#include "util/date.h"

void
app_operator(struct app_actor *a, const char *login)
{
	a->ac_login = login;
	a->ac_role = ROLE_ADMIN;
	a->ac_agency = NULL;
}

/* app_may_role(r, perm): what the role allows before any agency check. */
static int
app_may_role(enum role r, enum app_perm perm, int *by_agency)
{
	*by_agency = 0;
	if (perm == APP_READ)
		return 1;
	if (perm == APP_ACCOUNTS || /* others' accounts: admins only */
	    perm == APP_METHOD || /* methodologies: admins only */
	    perm == APP_ORG) /* the organisation: admins only */
		return r == ROLE_ADMIN;
	switch (r) {
	case ROLE_ADMIN:
	case ROLE_COORDINATOR: return 1;
	case ROLE_VIEWER: return 0;
	case ROLE_OFFICER:
		switch (perm) {
		case APP_VALUE_WRITE:
		case APP_SUBMIT:
		case APP_TASK_UPDATE: *by_agency = 1; return 1;
		case APP_READ:
		case APP_AUDIT: return 1; /* app_audit keeps to its agency */
		case APP_REVIEW:
		case APP_REOPEN:
		case APP_PERIOD:
		case APP_METHOD:
		case APP_USERS:
		case APP_ACCOUNTS:
		case APP_ORG: return 0;
		}
	}
	return 0;
}

/* Is agency ${code} still active today (not deactivated, not merged)? */
struct active_find {
	const char *af_code;
	char af_today[11];
	int af_active;
};

static int
active_row(void *ctx, const struct st_agency *ag)
{
	struct active_find *af = ctx;

	if (strcmp(ag->sag_code, af->af_code) != 0)
		return 0;
	af->af_active = app_org_active(NULL, ag->sag_to, af->af_today);
	return 1;
}

int
app_agency_active(struct store *s, const char *code)
{
	struct active_find af;

	af.af_code = code;
	date_format(date_today(), af.af_today);
	af.af_active = 0;
	return store_agency_each(s, active_row, &af) == 0 && af.af_active;
}

int
app_may(struct store *s, const struct app_actor *a, enum app_perm perm,
    const char *agency)
{
	int by_agency;

	if (!app_may_role(a->ac_role, perm, &by_agency))
		return 0;
	if (!by_agency)
		return 1;
	/* an officer acts for their agency or a group it is in */
	if (agency == NULL || a->ac_agency == NULL || a->ac_agency[0] == '\0' ||
	    store_agency_in(s, a->ac_agency, agency) != 1)
		return 0;
	/* ... while their agency exists: one deactivated or merged
	 * (docs/organisation.md) acts no more; its successor does */
	return app_agency_active(s, a->ac_agency);
}

int
app_check(struct store *s, const struct app_actor *a, enum app_perm perm,
    const char *agency, struct diag *d)
{
	if (app_may(s, a, perm, agency))
		return 0;
	diag_add(d, DIAG_ERROR, "forbidden", NULL, 0, 0,
	    "tài khoản %s (%s) không có quyền làm việc này",
	    "account %s (%s) may not do this", a->ac_login,
	    role_name(a->ac_role));
	return -1;
}

/* The kind of one agency, looked up by code. */
struct app_kind_find {
	const char *kf_code;
	char kf_kind[32];
};

static int
kind_row(void *ctx, const struct st_agency *ag)
{
	struct app_kind_find *k = ctx;

	if (strcmp(ag->sag_code, k->kf_code) != 0)
		return 0;
	snprintf(k->kf_kind, sizeof(k->kf_kind), "%s", ag->sag_kind);
	return 1;
}

int
app_may_unit(struct store *s, const struct app_actor *a, const char *unit)
{
	struct app_kind_find k = { a->ac_agency, "" };
	char province[80], own[80], key[160];

	switch (a->ac_role) {
	case ROLE_ADMIN:
	case ROLE_COORDINATOR: return 1;
	case ROLE_VIEWER: return 0;
	case ROLE_OFFICER: break;
	}
	if (a->ac_agency == NULL || a->ac_agency[0] == '\0' ||
	    store_meta_get(s, "province", province, sizeof(province)) != 0 ||
	    province[0] == '\0')
		return 0;
	if (unit == NULL)
		unit = province;
	if (store_agency_each(s, kind_row, &k) != 0 || k.kf_kind[0] == '\0')
		return 0;
	if (strcmp(k.kf_kind, "district") == 0) {
		/* a district's UBND: its own district, nothing else */
		snprintf(
		    key, sizeof(key), "%s%s", APP_DISTRICT_KEY, a->ac_agency);
		return store_meta_get(s, key, own, sizeof(own)) == 0 &&
		    own[0] != '\0' && strcmp(own, unit) == 0;
	}
	if (strcmp(k.kf_kind, "group") == 0)
		return 0;
	/* a province's department, office, central agency ...: the province */
	return strcmp(unit, province) == 0;
}

int
app_check_unit(struct store *s, const struct app_actor *a, const char *unit,
    struct diag *d)
{
	char code[80];
	long id;

	/* a unit that does not exist is "not found" for everyone */
	if (app_unit(s, unit, code, sizeof(code), &id, d) != 0)
		return -1;
	if (app_may_unit(s, a, unit))
		return 0;
	diag_add(d, DIAG_ERROR, "forbidden", NULL, 0, 0,
	    "tài khoản %s (%s) không nhập số liệu cho đơn vị %s",
	    "account %s (%s) may not write for unit %s", a->ac_login,
	    a->ac_agency != NULL && a->ac_agency[0] != '\0'
		? a->ac_agency
		: role_name(a->ac_role),
	    unit != NULL ? unit : "(province)");
	return -1;
}

/*
 * in_any(s, agency, m, list, n): 1 when ${agency} is one of the ${n}
 * agencies (indexes of ${m}) of ${list} or a member of one; a store error.
 */
static int
in_any(struct store *s, const char *agency, const struct method *m,
    const int *list, int n)
{
	int k, g;

	for (k = 0; k < n; k++) {
		g = store_agency_in(s, agency, m->m_agencies[list[k]].ma_code);
		if (g != 0)
			return g;
	}
	return 0;
}

int
app_input_role(
    struct store *s, const char *agency, const struct method *m, int input)
{
	const struct m_input *in = &m->m_inputs[input];
	const char *owner = app_owner(m, input);
	const int *coord = NULL;
	int n = 0, g;

	if (agency == NULL || agency[0] == '\0')
		return APP_INPUT_NONE;
	if (owner != NULL) {
		g = store_agency_in(s, agency, owner);
		if (g != 0)
			return g < 0 ? g : APP_INPUT_LEAD;
	}
	if (in->mi_indicator >= 0) {
		coord = m->m_ind[in->mi_indicator].mn_coord;
		n = m->m_ind[in->mi_indicator].mn_ncoord;
	} else if (in->mi_general >= 0) {
		coord = m->m_general[in->mi_general].ml_coord;
		n = m->m_general[in->mi_general].ml_ncoord;
	}
	g = in_any(s, agency, m, coord, n);
	if (g != 0)
		return g < 0 ? g : APP_INPUT_COORD;
	return APP_INPUT_NONE;
}

const char *
app_input_role_name(enum app_input_role r)
{
	switch (r) {
	case APP_INPUT_LEAD: return "lead";
	case APP_INPUT_COORD: return "coordinator"; /* layering-ok: phối hợp */
	case APP_INPUT_NONE: break;
	}
	return NULL;
}

int
app_may_evidence(struct store *s, const struct app_actor *a,
    const struct method *m, int input)
{
	if (app_may(s, a, APP_VALUE_WRITE, app_owner(m, input)))
		return 1;
	/* the plan makes the coordinating agencies supply data: their
	 * documents and comments; the value stays the lead's */
	return a->ac_role == ROLE_OFFICER &&
	    app_input_role(s, a->ac_agency, m, input) == APP_INPUT_COORD;
}

int
app_check_evidence(struct store *s, const struct app_actor *a,
    const struct method *m, int input, struct diag *d)
{
	if (app_may_evidence(s, a, m, input))
		return 0;
	diag_add(d, DIAG_ERROR, "forbidden", NULL, 0, 0,
	    "tài khoản %s (%s) không chủ trì hay phối hợp %s: không thêm được tài liệu kiểm chứng",
	    "account %s (%s) neither leads nor coordinates %s: it may not attach evidence",
	    a->ac_login, role_name(a->ac_role), m->m_inputs[input].mi_name);
	return -1;
}

/*
 * Contributions (docs/rules.md, "Contributions"): an officer of a member
 * writes its own part, at the province; coordinators and admins any part
 * and the whole value.
 */

/* The province's unit code into ${out}; 0, or -1 when there is none. */
static int
province_of(struct store *s, char *out, size_t size)
{
	return store_meta_get(s, "province", out, size) == 0 && out[0] != '\0'
	    ? 0
	    : -1;
}

/*
 * Why ${a} may not write part ${part} of contributed input ${in} at
 * ${unit}: -1 with one "forbidden" error in ${d}, or 0 when it may.
 */
static int
part_refusal(struct store *s, const struct app_actor *a, const struct method *m,
    int in, const char *unit, const char *part, struct diag *d)
{
	const struct m_contrib *c = method_contribution(m, in);
	const char *name = m->m_inputs[in].mi_name, *by;
	const char *own = a->ac_agency != NULL ? a->ac_agency : "";
	char province[80] = "";
	int r, at_province;

	if (c == NULL) {
		if (part == NULL || part[0] == '\0')
			return 0;
		diag_add(d, DIAG_ERROR, "contrib.part", NULL, 0, 0,
		    "%s không do các thành viên đóng góp từng phần: không có phần '%s'",
		    "%s is not contributed in parts: it has no part '%s'", name,
		    part);
		return -1;
	}
	by = m->m_agencies[c->mcb_by[0]].ma_code;
	switch (a->ac_role) {
	case ROLE_ADMIN:
	case ROLE_COORDINATOR: return 0;
	case ROLE_VIEWER:
		diag_add(d, DIAG_ERROR, "forbidden", NULL, 0, 0,
		    "tài khoản %s (%s) không có quyền làm việc này",
		    "account %s (%s) may not do this", a->ac_login,
		    role_name(a->ac_role));
		return -1;
	case ROLE_OFFICER: break;
	}
	at_province = province_of(s, province, sizeof(province)) == 0 &&
	    (unit == NULL || strcmp(unit, province) == 0);
	/* elsewhere the whole value is that unit's own: app_may_unit's */
	if ((part == NULL || part[0] == '\0') && !at_province)
		return 0;
	r = own[0] != '\0' ? app_contrib_member(s, m, in, own) : 0;
	if (r != 1) {
		diag_add(d, DIAG_ERROR, "forbidden", NULL, 0, 0,
		    "tài khoản %s (%s) không nhập %s: các thành viên của %s đóng góp từng phần",
		    "account %s (%s) may not write %s: the members of %s contribute it in parts",
		    a->ac_login, own[0] ? own : role_name(a->ac_role), name,
		    by);
		return -1;
	}
	if (part == NULL || part[0] == '\0') {
		diag_add(d, DIAG_ERROR, "forbidden", NULL, 0, 0,
		    "tài khoản %s (%s) không nhập giá trị chung của %s: giá trị là tổng hợp phần của các thành viên %s; hãy nhập phần của %s",
		    "account %s (%s) may not write the whole value of %s: it is the aggregate of the parts of the members of %s; enter %s's part",
		    a->ac_login, own, name, by, own);
		return -1;
	}
	if (strcmp(part, own) != 0) {
		diag_add(d, DIAG_ERROR, "forbidden", NULL, 0, 0,
		    "tài khoản %s (%s) chỉ nhập phần của %s, không nhập phần của %s (%s)",
		    "account %s (%s) writes only %s's part, not %s's (%s)",
		    a->ac_login, own, own, part, name);
		return -1;
	}
	if (!at_province) {
		diag_add(d, DIAG_ERROR, "forbidden", NULL, 0, 0,
		    "phần của %s cho %s được nhập ở đơn vị tỉnh %s, không phải %s",
		    "%s's part of %s is entered at the province's unit %s, not %s",
		    own, name, province, unit != NULL ? unit : "-");
		return -1;
	}
	return 0;
}

int
app_may_part(struct store *s, const struct app_actor *a, const struct method *m,
    int in, const char *unit, const char *part)
{
	struct diag quiet;
	int r;

	diag_init(&quiet);
	r = part_refusal(s, a, m, in, unit, part, &quiet);
	diag_free(&quiet);
	return r == 0;
}

int
app_check_part(struct store *s, const struct app_actor *a,
    const struct method *m, int in, const char *unit, const char *part,
    struct diag *d)
{
	char code[80];
	long id;

	/* a unit that does not exist is "not found" for everyone */
	if (app_unit(s, unit, code, sizeof(code), &id, d) != 0)
		return -1;
	return part_refusal(s, a, m, in, unit, part, d);
}

int
app_may_see_part(const struct app_actor *a, const char *part)
{
	if (part == NULL || part[0] == '\0' || a->ac_role != ROLE_OFFICER)
		return 1;
	return a->ac_agency != NULL && strcmp(a->ac_agency, part) == 0;
}
