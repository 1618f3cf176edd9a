/* api_session.c: login, logout, the current session, accounts. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "api/api.h"
#include "util/utf8.h"

static json_t *
user_json(const struct st_account *a)
{
	return json_pack("{s:s, s:s, s:s?}", "login", a->sac_login, "role",
	    role_name(a->sac_role), "agency",
	    a->sac_agency[0] ? a->sac_agency : NULL);
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

/*
 * limiter_gate(ar, login, now, kacc, kip, change): count one attempt of
 * ${login} from the request's address (keys into ${kacc}, ${kip}) before
 * the password is checked, so concurrent attempts cannot pass the limit
 * between the check and the count; 1 with a 429 and Retry-After when the
 * limit is reached (${change}: a password change's wording).
 */
static int
limiter_gate(struct api_req *ar, const char *login, long now, char kacc[96],
    char kip[96], int change)
{
	long wait;
	char ra[32];

	snprintf(kacc, 96, "a:%s", login);
	snprintf(kip, 96, "i:%s", ar->ar_rq->rq_ip);
	wait = auth_limiter_take(ar->ar_srv->as_lim, kacc, kip, now);
	if (wait <= 0)
		return 0;
	snprintf(ra, sizeof(ra), "%ld", wait);
	http_set_header(ar->ar_rs, "Retry-After", ra);
	if (change)
		api_error(ar, 429, "too_many_attempts", NULL,
		    "nhập sai mật khẩu quá nhiều lần; thử lại sau %ld giây",
		    "too many wrong passwords; try again in %ld seconds", wait);
	else
		api_error(ar, 429, "too_many_attempts", NULL,
		    "đăng nhập sai quá nhiều lần; thử lại sau %ld giây",
		    "too many failed logins; try again in %ld seconds", wait);
	return 1;
}

/*
 * user_agent(ar, out): the request's User-Agent kept with its session, to
 * tell one's sessions apart: at most APP_MAX_AGENT bytes, cut at a
 * character, controls as '?'; NULL when absent or not UTF-8.
 */
static const char *
user_agent(struct api_req *ar, char out[APP_MAX_AGENT + 1])
{
	const char *ua = http_header(ar->ar_rq, "User-Agent");
	size_t n, i;

	if (ua == NULL || ua[0] == '\0')
		return NULL;
	n = strlen(ua);
	if (n > APP_MAX_AGENT) {
		n = APP_MAX_AGENT;
		while (n > 0 && ((unsigned char)ua[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(out, ua, n);
	out[n] = '\0';
	if (!utf8_valid(out, n))
		return NULL;
	for (i = 0; i < n; i++)
		if ((unsigned char)out[i] < 0x20 || out[i] == 0x7F)
			out[i] = '?';
	return out;
}

void
api_login(struct api_req *ar)
{
	static const char *const keys[] = { "login", "password", NULL };
	struct st_account a;
	char kacc[96], kip[96], token[65], csrf[65], agent[APP_MAX_AGENT + 1];
	const char *login, *pw;
	long now = (long)time(NULL);
	json_t *j = api_body(ar, keys);
	struct diag d;
	int bad = 0, rc;

	if (j == NULL)
		return;
	if (!api_origin_ok(ar)) { /* no logging in from another site's page */
		api_error(ar, 403, "csrf", NULL,
		    "yêu cầu đến từ trang khác (Origin)",
		    "the request comes from another site (Origin)");
		return;
	}
	login = api_str(ar, j, "login", 1, &bad);
	if (bad)
		return;
	pw = api_str(ar, j, "password", 1, &bad);
	if (bad)
		return;
	if (limiter_gate(ar, login, now, kacc, kip, 0))
		return;
	diag_init(&d);
	rc = app_login(ar->ar_s, login, pw, ar->ar_srv->as_dummy_hash,
	    ar->ar_rq->rq_ip, user_agent(ar, agent), now, &a, token, csrf, &d);
	if (rc == 1) {
		diag_free(&d);
		api_error(ar, 401, "invalid_credentials", NULL,
		    "sai tên đăng nhập hoặc mật khẩu",
		    "wrong login or password");
		return;
	}
	if (rc != 0) { /* the password was right; the store failed */
		auth_limiter_success(ar->ar_srv->as_lim, kacc, kip, now);
		api_diag_flat(ar, &d);
		diag_free(&d);
		return;
	}
	diag_free(&d);
	auth_limiter_success(ar->ar_srv->as_lim, kacc, kip, now);
	/* the browser's new cookie replaces the old one: its session ends */
	if (ar->ar_authed) {
		diag_init(&d);
		(void)app_logout(ar->ar_s, ar->ar_token_hash, &d);
		diag_free(&d);
	}
	set_cookie(ar, token, AUTH_SESSION_TTL);
	snprintf(
	    ar->ar_rq->rq_user, sizeof(ar->ar_rq->rq_user), "%s", a.sac_login);
	api_json(ar, 200,
	    json_pack("{s:o, s:s, s:I, s:b}", "user", user_json(&a), "csrf",
		csrf, "expires_in", (json_int_t)AUTH_SESSION_TTL,
		"must_change_password", a.sac_must_change));
}

void
api_session_get(struct api_req *ar)
{
	api_json(ar, 200,
	    json_pack("{s:o, s:s, s:I, s:I, s:s, s:b}", "user",
		user_json(&ar->ar_sess.ss_account), "csrf", ar->ar_sess.ss_csrf,
		"expires_at", (json_int_t)ar->ar_sess.ss_expires,
		"idle_timeout", (json_int_t)AUTH_IDLE_TTL, "session_id",
		ar->ar_sess.ss_id, "must_change_password",
		ar->ar_sess.ss_account.sac_must_change));
}

void
api_logout(struct api_req *ar)
{
	struct diag d;

	diag_init(&d);
	if (app_logout(ar->ar_s, ar->ar_token_hash, &d) != 0) {
		api_diag_flat(ar, &d);
		diag_free(&d);
		return;
	}
	diag_free(&d);
	set_cookie(ar, "", 0);
	api_json(ar, 200, json_pack("{s:b}", "ok", 1));
}

static int
user_row(void *ctx, const struct st_account *a)
{
	json_array_append_new(ctx,
	    json_pack("{s:s, s:s, s:s?, s:b, s:b, s:s?, s:s?}", "login",
		a->sac_login, "role", role_name(a->sac_role), "agency",
		a->sac_agency[0] ? a->sac_agency : NULL, "disabled",
		a->sac_disabled, "must_change_password", a->sac_must_change,
		"disabled_at",
		a->sac_disabled_at[0] ? a->sac_disabled_at : NULL,
		"disabled_by",
		a->sac_disabled_by[0] ? a->sac_disabled_by : NULL));
	return 0;
}

void
api_users(struct api_req *ar)
{
	json_t *list;
	struct diag d;

	if (!api_allow(ar, APP_USERS, NULL))
		return;
	list = json_array();
	diag_init(&d);
	if (app_users(ar->ar_s, user_row, list, &d) != 0) {
		json_decref(list);
		api_diag_flat(ar, &d);
		diag_free(&d);
		return;
	}
	diag_free(&d);
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
	enum role r;
	struct diag d;
	json_t *j;
	int bad = 0;

	if (!api_allow(ar, APP_USERS, NULL) || (j = api_body(ar, keys)) == NULL)
		return;
	login = api_str(ar, j, "login", 1, &bad);
	pw = bad ? NULL : api_str(ar, j, "password", 1, &bad);
	role = bad ? NULL : api_str(ar, j, "role", 1, &bad);
	agency = bad ? NULL : api_str(ar, j, "agency", 0, &bad);
	if (bad)
		return;
	if (!login_valid(login)) {
		api_error(ar, 400, "bad_login", "login",
		    "tên đăng nhập gồm 3–64 ký tự a-z, 0-9, '.', '_', '-'",
		    "a login is 3-64 of a-z, 0-9, '.', '_', '-'");
		return;
	}
	if (role_parse(role, &r) != 0) {
		api_error(ar, 400, "bad_role", "role",
		    "vai trò '%s' không hợp lệ (admin, coordinator, officer, viewer)",
		    "unknown role '%s' (admin, coordinator, officer, viewer)",
		    role);
		return;
	}
	if (!app_user_may_add(api_actor(ar), r)) {
		api_error(ar, 403, "forbidden", "role",
		    "chỉ quản trị viên tạo được tài khoản quản trị",
		    "only an admin may create an admin");
		return;
	}
	if (r == ROLE_OFFICER &&
	    (agency == NULL || !app_agency_active(ar->ar_s, agency))) {
		api_error(ar, 400, "bad_agency", "agency",
		    "cán bộ cần một cơ quan có thật, đang hoạt động (agency)",
		    "an officer needs an existing, active agency");
		return;
	}
	diag_init(&d);
	if (auth_password_check(pw, &d) < 0) {
		api_error(ar, 400, "weak_password", "password", "%s%.0s",
		    "%.0s%s", d.d_items[0].di_vi, d.d_items[0].di_en);
		diag_free(&d);
		return;
	}
	if (app_user_add(ar->ar_s, api_actor(ar), login, r, agency, pw, NULL, 0,
		&d) != 0) {
		api_diag_flat(ar, &d);
		diag_free(&d);
		return;
	}
	diag_free(&d);
	api_json(ar, 201,
	    json_pack("{s:s, s:s, s:s?}", "login", login, "role", role_name(r),
		"agency", agency));
}

/*
 * POST /api/v1/session/password {"current", "password"}: the caller's own
 * password. Wrong current passwords count against the login limits (a
 * stolen session cannot guess the password faster than a login could);
 * the caller's other sessions end.
 */
void
api_password(struct api_req *ar)
{
	static const char *const keys[] = { "current", "password", NULL };
	const char *login = ar->ar_sess.ss_account.sac_login;
	const char *cur, *next;
	char kacc[96], kip[96];
	long now = (long)time(NULL);
	json_t *j = api_body(ar, keys);
	struct diag d;
	int bad = 0, rc;

	if (j == NULL)
		return;
	cur = api_str(ar, j, "current", 1, &bad);
	if (bad)
		return;
	next = api_str(ar, j, "password", 1, &bad);
	if (bad)
		return;
	if (limiter_gate(ar, login, now, kacc, kip, 1))
		return;
	diag_init(&d);
	rc = app_password_change(
	    ar->ar_s, login, cur, next, ar->ar_token_hash, &d);
	if (rc == 1) {
		diag_free(&d);
		api_error(ar, 403, "invalid_credentials", "current",
		    "mật khẩu hiện tại không đúng",
		    "the current password is wrong");
		return;
	}
	auth_limiter_success(ar->ar_srv->as_lim, kacc, kip, now);
	if (rc != 0) {
		if (strncmp(d.d_items[0].di_code, "store", 5) == 0)
			api_diag_flat(ar, &d);
		else if (strcmp(d.d_items[0].di_code, "auth.same") == 0)
			api_error(ar, 400, "same_password", "password",
			    "%s%.0s", "%.0s%s", d.d_items[0].di_vi,
			    d.d_items[0].di_en);
		else
			api_error(ar, 400, "weak_password", "password",
			    "%s%.0s", "%.0s%s", d.d_items[0].di_vi,
			    d.d_items[0].di_en);
		diag_free(&d);
		return;
	}
	diag_free(&d);
	api_json(ar, 200, json_pack("{s:b}", "ok", 1));
}
