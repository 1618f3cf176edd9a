/* api_session.c: login, logout, the current session, accounts. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "api/api.h"
#include "util/sha256.h"

static json_t *
user_json(const struct st_account *a)
{
	return json_pack("{s:s, s:s, s:s?}", "login", a->sa_login, "role",
	    a->sa_role, "agency", a->sa_agency[0] ? a->sa_agency : NULL);
}

static void
set_cookie(struct api_req *ar, const char *token, long max_age)
{
	char c[256];

	snprintf(c, sizeof(c),
	    "dti_session=%s; Path=/; Max-Age=%ld; HttpOnly; SameSite=Strict%s",
	    token, max_age, ar->ar_srv->as_secure_cookies ? "; Secure" : "");
	http_set_header(ar->ar_rs, "Set-Cookie", c);
}

void
api_login(struct api_req *ar)
{
	static const char *const keys[] = { "login", "password", NULL };
	/* a valid hash to verify against when the login is unknown, so that
	 * the answer takes as long either way */
	static char dummy[128];
	struct st_account a;
	char kacc[96], kip[96], token[65], hash[65], csrf[65];
	const char *login, *pw;
	long now = (long)time(NULL), wait;
	json_t *j = api_body(ar, keys);
	int bad = 0, found, ok;

	if (j == NULL)
		return;
	if (!origin_ok(ar)) { /* no logging in from another site's page */
		api_error(ar, 403, "csrf", NULL,
		    "yêu cầu đến từ trang khác (Origin)%s",
		    "the request comes from another site (Origin)%s", "");
		return;
	}
	login = api_str(ar, j, "login", 1, &bad);
	if (bad)
		return;
	pw = api_str(ar, j, "password", 1, &bad);
	if (bad)
		return;
	snprintf(kacc, sizeof(kacc), "a:%s", login);
	snprintf(kip, sizeof(kip), "i:%s", ar->ar_rq->rq_ip);
	wait = auth_limiter_wait(
	    ar->ar_srv->as_lim, kacc, AUTH_FAILS_ACCOUNT, now);
	if (wait == 0)
		wait = auth_limiter_wait(
		    ar->ar_srv->as_lim, kip, AUTH_FAILS_IP, now);
	if (wait > 0) {
		char ra[32];

		snprintf(ra, sizeof(ra), "%ld", wait);
		http_set_header(ar->ar_rs, "Retry-After", ra);
		api_error(ar, 429, "too_many_attempts", NULL,
		    "đăng nhập sai quá nhiều lần; thử lại sau %ld giây",
		    "too many failed logins; try again in %ld seconds", wait);
		return;
	}
	if (dummy[0] == '\0')
		auth_hash("not a real password, only for timing", dummy);
	found = store_account_get(ar->ar_s, login, &a) == 0;
	ok = auth_verify(found ? a.sa_pwhash : dummy, pw) && found &&
	    !a.sa_disabled;
	if (!ok) {
		auth_limiter_fail(ar->ar_srv->as_lim, kacc, now);
		auth_limiter_fail(ar->ar_srv->as_lim, kip, now);
		api_error(ar, 401, "invalid_credentials", NULL,
		    "sai tên đăng nhập hoặc mật khẩu%s",
		    "wrong login or password%s", "");
		return;
	}
	auth_limiter_reset(ar->ar_srv->as_lim, kacc);
	auth_token(token);
	auth_token(csrf);
	sha256_hex(token, 64, hash);
	if (store_tx_begin(ar->ar_s) != 0 ||
	    store_session_add(ar->ar_s, hash, a.sa_id, csrf, now,
		now + AUTH_SESSION_TTL) != 0 ||
	    store_audit(ar->ar_s, a.sa_login, "session.login", "account",
		a.sa_login, NULL, NULL, ar->ar_rq->rq_ip) != 0 ||
	    store_tx_commit(ar->ar_s) != 0) {
		api_store_error(ar);
		store_tx_rollback(ar->ar_s);
		return;
	}
	set_cookie(ar, token, AUTH_SESSION_TTL);
	snprintf(
	    ar->ar_rq->rq_user, sizeof(ar->ar_rq->rq_user), "%s", a.sa_login);
	api_json(ar, 200,
	    json_pack("{s:o, s:s, s:I}", "user", user_json(&a), "csrf", csrf,
		"expires_in", (json_int_t)AUTH_SESSION_TTL));
}

void
api_session_get(struct api_req *ar)
{
	api_json(ar, 200,
	    json_pack("{s:o, s:s, s:I, s:I}", "user",
		user_json(&ar->ar_sess.ss_account), "csrf", ar->ar_sess.ss_csrf,
		"expires_at", (json_int_t)ar->ar_sess.ss_expires,
		"idle_timeout", (json_int_t)AUTH_IDLE_TTL));
}

void
api_logout(struct api_req *ar)
{
	if (store_session_end(ar->ar_s, ar->ar_token_hash) != 0) {
		api_store_error(ar);
		return;
	}
	set_cookie(ar, "", 0);
	api_json(ar, 200, json_pack("{s:b}", "ok", 1));
}

static int
user_row(void *ctx, const struct st_account *a)
{
	json_array_append_new(ctx,
	    json_pack("{s:s, s:s, s:s?, s:b}", "login", a->sa_login, "role",
		a->sa_role, "agency", a->sa_agency[0] ? a->sa_agency : NULL,
		"disabled", a->sa_disabled));
	return 0;
}

void
api_users(struct api_req *ar)
{
	json_t *list = json_array();

	if (!api_allow(ar, PERM_USERS, NULL)) {
		json_decref(list);
		return;
	}
	if (store_account_each(ar->ar_s, user_row, list) != 0) {
		json_decref(list);
		api_store_error(ar);
		return;
	}
	api_json(ar, 200, json_pack("{s:o}", "users", list));
}

/* Logins: 3 to 64 of a-z, 0-9, '.', '_', '-'. */
static int
login_valid(const char *s)
{
	size_t n = strlen(s), i;

	if (n < 3 || n > 64)
		return 0;
	for (i = 0; i < n; i++) {
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
			(s[i] >= '0' && s[i] <= '9') || s[i] == '.' ||
			s[i] == '_' || s[i] == '-'))
			return 0;
	}
	return 1;
}

void
api_user_add(struct api_req *ar)
{
	static const char *const keys[] = { "login", "password", "role",
		"agency", NULL };
	const char *login, *pw, *role, *agency;
	struct buf vi, en;
	char hash[128];
	json_t *j;
	int bad = 0;

	if (!api_allow(ar, PERM_USERS, NULL) ||
	    (j = api_body(ar, keys)) == NULL)
		return;
	login = api_str(ar, j, "login", 1, &bad);
	pw = bad ? NULL : api_str(ar, j, "password", 1, &bad);
	role = bad ? NULL : api_str(ar, j, "role", 1, &bad);
	agency = bad ? NULL : api_str(ar, j, "agency", 0, &bad);
	if (bad)
		return;
	if (!login_valid(login)) {
		api_error(ar, 400, "bad_login", "login",
		    "tên đăng nhập gồm 3–64 ký tự a-z, 0-9, '.', '_', '-'%s",
		    "a login is 3-64 of a-z, 0-9, '.', '_', '-'%s", "");
		return;
	}
	if (!auth_role_valid(role)) {
		api_error(ar, 400, "bad_role", "role",
		    "vai trò '%s' không hợp lệ (admin, coordinator, officer, viewer)",
		    "unknown role '%s' (admin, coordinator, officer, viewer)",
		    role);
		return;
	}
	if (strcmp(role, "admin") == 0 &&
	    strcmp(ar->ar_sess.ss_account.sa_role, "admin") != 0) {
		api_error(ar, 403, "forbidden", "role",
		    "chỉ quản trị viên tạo được tài khoản quản trị%s",
		    "only an admin may create an admin%s", "");
		return;
	}
	if (strcmp(role, "officer") == 0 &&
	    (agency == NULL || store_agency_exists(ar->ar_s, agency) != 1)) {
		api_error(ar, 400, "bad_agency", "agency",
		    "cán bộ cần một cơ quan có thật (agency)%s",
		    "an officer needs an existing agency%s", "");
		return;
	}
	buf_init(&vi);
	buf_init(&en);
	if (auth_password_check(pw, &vi, &en) < 0) {
		api_error(ar, 400, "weak_password", "password", "%s%.0s",
		    "%.0s%s", buf_cstr(&vi), buf_cstr(&en));
		buf_free(&vi);
		buf_free(&en);
		return;
	}
	buf_free(&vi);
	buf_free(&en);
	if (auth_hash(pw, hash) < 0) {
		api_error(ar, 500, "internal", NULL,
		    "không băm được mật khẩu%s", "cannot hash the password%s",
		    "");
		return;
	}
	if (store_tx_begin(ar->ar_s) != 0 ||
	    store_account_add(
		ar->ar_s, login, hash, role, agency, api_actor(ar)) != 0 ||
	    store_tx_commit(ar->ar_s) != 0) {
		api_store_error(ar);
		store_tx_rollback(ar->ar_s);
		return;
	}
	api_json(ar, 201,
	    json_pack("{s:s, s:s, s:s?}", "login", login, "role", role,
		"agency", agency));
}
