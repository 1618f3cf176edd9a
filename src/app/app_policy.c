/*
 * app_policy.c: who may do what. The one statement of the policy: the
 * API asks it before answering 403, and every use case that writes asks
 * it again, so no front end can disagree with another.
 */
#include "app/app_int.h"

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
		case APP_USERS: return 0;
		}
	}
	return 0;
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
	return agency != NULL && a->ac_agency != NULL &&
	    a->ac_agency[0] != '\0' &&
	    store_agency_in(s, a->ac_agency, agency) == 1;
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
