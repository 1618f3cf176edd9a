/*
 * app_account.c: accounts of the server and their sessions: creating an
 * account, logging in and out, and the session of a request.
 */
#include "app/app_int.h"

#include <string.h>

#include "auth/auth.h"
#include "util/sha256.h"

#define APP_TOUCH_EVERY 60 /* seconds between updates of a session's use */

int
app_user_may_add(const struct app_actor *a, enum role role)
{
	switch (role) {
	case ROLE_ADMIN: return a->ac_role == ROLE_ADMIN;
	case ROLE_COORDINATOR:
	case ROLE_OFFICER:
	case ROLE_VIEWER: return 1;
	}
	return 0;
}

int
app_user_create(struct store *s, const char *login, enum role role,
    const char *agency, const char *given, const char *actor, char *shown,
    size_t shown_size, struct diag *d)
{
	struct st_account_new n;
	char pw[32], hash[128];

	if (given == NULL) {
		auth_generate_password(pw, 17);
		given = pw;
	}
	if (auth_password_check(given, d) < 0)
		return -1;
	if (auth_hash(given, hash) < 0) {
		diag_put(d, DIAG_ERROR, "auth.hash", NULL, 0, 0,
		    "không băm được mật khẩu", "cannot hash the password");
		return -1;
	}
	n.san_login = login;
	n.san_pwhash = hash;
	n.san_role = role;
	n.san_agency = agency;
	if (store_account_create(s, &n, actor) != 0)
		return app_store_error(s, d);
	if (shown != NULL)
		snprintf(shown, shown_size, "%s", given);
	return 0;
}

int
app_user_add(struct store *s, const struct app_actor *a, const char *login,
    enum role role, const char *agency, const char *password, char *shown,
    size_t shown_size, struct diag *d)
{
	int rc;

	if (app_check(s, a, APP_USERS, NULL, d) != 0)
		return -1;
	if (!app_user_may_add(a, role)) {
		diag_put(d, DIAG_ERROR, "forbidden", NULL, 0, 0,
		    "chỉ quản trị viên tạo được tài khoản quản trị",
		    "only an admin may create an admin");
		return -1;
	}
	if (role == ROLE_OFFICER && agency == NULL) {
		diag_put(d, DIAG_ERROR, "user.agency", NULL, 0, 0,
		    "tài khoản cán bộ cần có cơ quan",
		    "an officer account needs an agency");
		return -1;
	}
	/* a viewer acts for no agency: one with an agency would look, to the
	 * next reader of the policy, like an officer who may write */
	if (role == ROLE_VIEWER && agency != NULL && agency[0] != '\0') {
		diag_put(d, DIAG_ERROR, "user.agency", NULL, 0, 0,
		    "người xem không thuộc cơ quan nào: đừng ghi cơ quan",
		    "a viewer belongs to no agency: give none");
		return -1;
	}
	if (store_tx_begin(s) != 0)
		return app_store_error(s, d);
	rc = app_user_create(s, login, role, agency, password, a->ac_login,
	    shown, shown_size, d);
	if (rc != 0) {
		store_tx_rollback(s);
		return rc;
	}
	if (store_tx_commit(s) != 0)
		return app_abort(s, d);
	return 0;
}

int
app_users(struct store *s, int (*cb)(void *, const struct st_account *),
    void *ctx, struct diag *d)
{
	if (store_account_each(s, cb, ctx) != 0)
		return app_store_error(s, d);
	return 0;
}

void
app_actor_of(struct app_actor *a, const struct st_account *acc)
{
	a->ac_login = acc->sac_login;
	a->ac_agency = acc->sac_agency[0] != '\0' ? acc->sac_agency : NULL;
	a->ac_role = acc->sac_role;
}

int
app_login(struct store *s, const char *login, const char *pw, const char *dummy,
    const char *ip, const char *agent, long now, struct st_account *acc,
    char token[65], char csrf[65], struct diag *d)
{
	struct st_audit log = { .sau_action = "session.login",
		.sau_entity = "account",
		.sau_reason = ip };
	struct st_session_new n;
	char hash[65], id[17];
	int found, ok;

	found = store_account_get(s, login, acc) == 0;
	ok = auth_verify(found ? acc->sac_pwhash : dummy, pw) && found &&
	    !acc->sac_disabled;
	if (!ok)
		return 1;
	auth_token(token);
	auth_token(csrf);
	auth_session_id(id);
	sha256_hex(token, 64, hash);
	log.sau_actor = acc->sac_login;
	log.sau_key = acc->sac_login;
	if (store_tx_begin(s) != 0)
		return app_store_error(s, d);
	n.ssn_token_hash = hash;
	n.ssn_id = id;
	n.ssn_account = acc->sac_id;
	n.ssn_csrf = csrf;
	n.ssn_address = ip;
	n.ssn_agent = agent;
	n.ssn_now = now;
	n.ssn_expires = now + AUTH_SESSION_TTL;
	if (store_session_add(s, &n) != 0 || store_audit_add(s, &log) != 0 ||
	    store_tx_commit(s) != 0)
		return app_abort(s, d);
	return 0;
}

int
app_session(
    struct store *s, const char *token_hash, long now, struct st_session *out)
{
	if (store_session_get(s, token_hash, out) != 0)
		return 0;
	if (out->ss_account.sac_disabled || now >= out->ss_expires ||
	    now - out->ss_last_seen >= AUTH_IDLE_TTL)
		return 0;
	if (now - out->ss_last_seen >= APP_TOUCH_EVERY &&
	    store_session_touch(s, token_hash, now) == 0)
		out->ss_last_seen = now;
	return 1;
}

int
app_logout(struct store *s, const char *token_hash, struct diag *d)
{
	if (store_session_end(s, token_hash) != 0)
		return app_store_error(s, d);
	return 0;
}

int
app_password_change(struct store *s, const char *login, const char *current,
    const char *next, const char *keep, struct diag *d)
{
	struct st_account a;
	char hash[128];

	if (store_account_get(s, login, &a) != 0)
		return app_store_error(s, d);
	if (!auth_verify(a.sac_pwhash, current))
		return 1;
	if (auth_password_check(next, d) < 0)
		return -1;
	/* a password an admin set is known to two people: a new one */
	if (a.sac_must_change && auth_verify(a.sac_pwhash, next)) {
		diag_put(d, DIAG_ERROR, "auth.same", NULL, 0, 0,
		    "mật khẩu mới phải khác mật khẩu tạm thời",
		    "the new password must differ from the temporary one");
		return -1;
	}
	if (auth_hash(next, hash) < 0) {
		diag_put(d, DIAG_ERROR, "auth.hash", NULL, 0, 0,
		    "không băm được mật khẩu", "cannot hash the password");
		return -1;
	}
	if (store_tx_begin(s) != 0)
		return app_store_error(s, d);
	if (store_account_set_password(s, login, hash, keep) != 0 ||
	    store_tx_commit(s) != 0)
		return app_abort(s, d);
	return 0;
}
