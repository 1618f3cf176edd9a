/*
 * app_account_admin.c: an admin's care of accounts (issue 12): a password
 * reset (changed at the next login), disabling and enabling, a new role or
 * agency, and the sessions of an account. Each ends the sessions whose
 * rights it changes; each is one transaction and audited; nothing is
 * deleted.
 */
#include "app/app_int.h"

#include <string.h>

#include "auth/auth.h"

/* account_admin(s, a, d): 0 when ${a} may manage accounts, else -1. */
static int
account_admin(struct store *s, const struct app_actor *a, struct diag *d)
{
	return app_check(s, a, APP_ACCOUNTS, NULL, d);
}

/* account_load(s, login, out, d): the account, or "store.not_found". */
static int
account_load(
    struct store *s, const char *login, struct st_account *out, struct diag *d)
{
	if (store_account_get(s, login, out) != 0)
		return app_store_error(s, d);
	return 0;
}

/*
 * last_admin(s, acc, d): -1 with "user.last_admin" when ${acc} is the
 * only admin account not disabled: without it nobody could manage the
 * accounts from the server.
 */
static int
last_admin(struct store *s, const struct st_account *acc, struct diag *d)
{
	long n = 0;

	if (acc->sac_role != ROLE_ADMIN || acc->sac_disabled)
		return 0;
	if (store_account_admins(s, &n) != 0)
		return app_store_error(s, d);
	if (n > 1)
		return 0;
	diag_add(d, DIAG_ERROR, "user.last_admin", NULL, 0, 0,
	    "'%s' là quản trị viên duy nhất còn hoạt động: hãy tạo hoặc bật một quản trị viên khác trước",
	    "'%s' is the last active admin: create or enable another admin first",
	    acc->sac_login);
	return -1;
}

/* commit(s, rc, d): end the transaction begun by the caller. */
static int
commit(struct store *s, int rc, struct diag *d)
{
	if (rc != 0)
		return app_abort(s, d);
	if (store_tx_commit(s) != 0)
		return app_abort(s, d);
	return 0;
}

int
app_user_get(struct store *s, const struct app_actor *a, const char *login,
    struct st_account *out, struct diag *d)
{
	if (account_admin(s, a, d) != 0 || account_load(s, login, out, d) != 0)
		return -1;
	memset(out->sac_pwhash, 0, sizeof(out->sac_pwhash));
	return 0;
}

int
app_user_reset(struct store *s, const struct app_actor *a, const char *login,
    const char *password, char *shown, size_t shown_size, struct diag *d)
{
	struct st_account acc;
	char gen[AUTH_READABLE_SIZE], hash[128];

	if (account_admin(s, a, d) != 0 || account_load(s, login, &acc, d) != 0)
		return -1;
	if (password == NULL) {
		auth_generate_readable(gen);
		password = gen;
	}
	if (auth_password_check(password, d) < 0)
		return -1;
	if (auth_hash(password, hash) < 0) {
		diag_put(d, DIAG_ERROR, "auth.hash", NULL, 0, 0,
		    "không băm được mật khẩu", "cannot hash the password");
		return -1;
	}
	if (store_tx_begin(s) != 0)
		return app_store_error(s, d);
	if (commit(s, store_account_reset(s, login, hash, a->ac_login), d) != 0)
		return -1;
	if (shown != NULL && password == gen)
		snprintf(shown, shown_size, "%s", gen);
	else if (shown != NULL && shown_size > 0)
		shown[0] = '\0';
	return 0;
}

int
app_user_set_disabled(struct store *s, const struct app_actor *a,
    const char *login, int disabled, struct diag *d)
{
	struct st_account acc;

	if (account_admin(s, a, d) != 0 || account_load(s, login, &acc, d) != 0)
		return -1;
	if (!acc.sac_disabled == !disabled)
		return 0; /* already so: nothing to record */
	if (store_tx_begin(s) != 0)
		return app_store_error(s, d);
	/* counted inside the transaction: two admins cannot both go */
	if (disabled && last_admin(s, &acc, d) != 0) {
		store_tx_rollback(s);
		return -1;
	}
	return commit(
	    s, store_account_set_disabled(s, login, disabled, a->ac_login), d);
}

/*
 * role_agency_check(s, role, agency, d): an officer needs an existing
 * agency; a coordinator may have one (it must exist); an admin or a viewer
 * acts for none.
 */
static int
role_agency_check(
    struct store *s, enum role role, const char *agency, struct diag *d)
{
	switch (role) {
	case ROLE_OFFICER:
		if (agency == NULL) {
			diag_put(d, DIAG_ERROR, "user.agency", NULL, 0, 0,
			    "tài khoản cán bộ cần có cơ quan",
			    "an officer account needs an agency");
			return -1;
		}
		break;
	case ROLE_COORDINATOR:
		if (agency == NULL)
			return 0;
		break;
	case ROLE_ADMIN:
	case ROLE_VIEWER:
		if (agency == NULL)
			return 0;
		diag_add(d, DIAG_ERROR, "user.agency", NULL, 0, 0,
		    "vai trò %s không thuộc cơ quan nào: đừng ghi cơ quan",
		    "the role %s belongs to no agency: give none",
		    role_name(role));
		return -1;
	}
	if (!app_agency_exists(s, agency)) {
		diag_add(d, DIAG_ERROR, "user.agency", NULL, 0, 0,
		    "không có cơ quan '%s'", "no agency '%s'", agency);
		return -1;
	}
	/* a deactivated or merged agency acts no more: its successor does */
	if (!app_agency_active(s, agency)) {
		diag_add(d, DIAG_ERROR, "user.agency", NULL, 0, 0,
		    "cơ quan '%s' đã ngừng hoạt động hoặc đã hợp nhất",
		    "agency '%s' is deactivated or merged", agency);
		return -1;
	}
	return 0;
}

int
app_user_set_role(struct store *s, const struct app_actor *a, const char *login,
    enum role role, const char *agency, struct diag *d)
{
	struct st_account acc;

	if (agency != NULL && agency[0] == '\0')
		agency = NULL;
	if (account_admin(s, a, d) != 0 || account_load(s, login, &acc, d) != 0)
		return -1;
	if (role_agency_check(s, role, agency, d) != 0)
		return -1;
	if (store_tx_begin(s) != 0)
		return app_store_error(s, d);
	if (role != ROLE_ADMIN && last_admin(s, &acc, d) != 0) {
		store_tx_rollback(s);
		return -1;
	}
	return commit(
	    s, store_account_set_role(s, login, role, agency, a->ac_login), d);
}

/*
 * sessions_may(s, a, login, d): an account reads and ends its own
 * sessions; an admin anyone's.
 */
static int
sessions_may(struct store *s, const struct app_actor *a, const char *login,
    struct diag *d)
{
	if (a->ac_login != NULL && strcmp(a->ac_login, login) == 0)
		return 0;
	return account_admin(s, a, d);
}

int
app_sessions(struct store *s, const struct app_actor *a, const char *login,
    int (*cb)(void *, const struct st_session_info *), void *ctx,
    struct diag *d)
{
	if (sessions_may(s, a, login, d) != 0)
		return -1;
	if (store_session_each(s, login, cb, ctx) != 0)
		return app_store_error(s, d);
	return 0;
}

int
app_session_end_id(struct store *s, const struct app_actor *a,
    const char *login, const char *id, struct diag *d)
{
	if (sessions_may(s, a, login, d) != 0)
		return -1;
	if (store_tx_begin(s) != 0)
		return app_store_error(s, d);
	return commit(s, store_session_end_id(s, login, id, a->ac_login), d);
}

int
app_session_end_all(struct store *s, const struct app_actor *a,
    const char *login, long *n, struct diag *d)
{
	if (sessions_may(s, a, login, d) != 0)
		return -1;
	*n = 0;
	if (store_tx_begin(s) != 0)
		return app_store_error(s, d);
	return commit(s, store_session_end_all(s, login, a->ac_login, n), d);
}
