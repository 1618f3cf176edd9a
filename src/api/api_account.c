/*
 * api_account.c: an admin's care of accounts and the sessions of an
 * account (issue 12), and the gate of an account that must change the
 * password an admin set before anything else.
 */
#include <string.h>
#include <time.h>

#include "api/api.h"

int
api_must_change(struct api_req *ar, const char *method, const char *pattern)
{
	if (!ar->ar_authed || !ar->ar_sess.ss_account.sac_must_change)
		return 0;
	/* what changing the password needs: the session, its end, the change */
	if (strcmp(pattern, "/api/v1/session") == 0 ||
	    (strcmp(method, "POST") == 0 &&
		strcmp(pattern, "/api/v1/session/password") == 0))
		return 0;
	api_error(ar, 403, "password_change_required", NULL,
	    "tài khoản %s cần đổi mật khẩu do quản trị viên đặt trước khi làm việc khác",
	    "account %s must change the password an admin set before anything else",
	    ar->ar_sess.ss_account.sac_login);
	return 1;
}

/* answer_error(ar, d): the refusal of a use case of this file. */
static void
answer_error(struct api_req *ar, const struct diag *d)
{
	const struct diag_item *it = d->d_n > 0 ? &d->d_items[0] : NULL;

	if (it != NULL && strcmp(it->di_code, "user.last_admin") == 0)
		api_error(ar, 409, "last_admin", NULL, "%s%.0s", "%.0s%s",
		    it->di_vi, it->di_en);
	else if (it != NULL && strcmp(it->di_code, "auth.password") == 0)
		api_error(ar, 400, "weak_password", "password", "%s%.0s",
		    "%.0s%s", it->di_vi, it->di_en);
	else
		api_diag_flat(ar, d);
}

/* done(ar, rc, d, ok): answer ${ok} (stolen) with 200, or the error. */
static void
done(struct api_req *ar, int rc, struct diag *d, json_t *ok)
{
	if (rc != 0) {
		json_decref(ok);
		answer_error(ar, d);
	} else {
		api_json(ar, 200, ok);
	}
	diag_free(d);
}

/* limiter_forget(ar, login): an admin's reset or enable lifts the limit. */
static void
limiter_forget(struct api_req *ar, const char *login)
{
	char key[96];

	snprintf(key, sizeof(key), "a:%s", login);
	auth_limiter_reset(ar->ar_srv->as_lim, key);
}

/*
 * POST /api/v1/users/{login}/reset {"password"} or {"generate": true} (or
 * {}: generated): the generated password is in the answer, once.
 */
void
api_user_reset(struct api_req *ar)
{
	static const char *const keys[] = { "password", "generate", NULL };
	const char *login = api_param(ar, 0), *pw;
	char shown[64];
	struct diag d;
	json_t *j, *gen, *ok;
	int bad = 0, rc;

	if (!api_allow(ar, APP_ACCOUNTS, NULL) ||
	    (j = api_body(ar, keys)) == NULL)
		return;
	pw = api_str(ar, j, "password", 0, &bad);
	if (bad)
		return;
	gen = json_object_get(j, "generate");
	if (gen != NULL && !json_is_boolean(gen)) {
		api_error(ar, 400, "bad_field", "generate",
		    "trường 'generate' phải là true hoặc false",
		    "field 'generate' must be true or false");
		return;
	}
	if (pw != NULL && json_is_true(gen)) {
		api_error(ar, 400, "bad_field", "generate",
		    "cho mật khẩu hoặc yêu cầu tạo mật khẩu, không cả hai",
		    "give a password or ask for one to be generated, not both");
		return;
	}
	diag_init(&d);
	rc = app_user_reset(
	    ar->ar_s, api_actor(ar), login, pw, shown, sizeof(shown), &d);
	if (rc == 0)
		limiter_forget(ar, login);
	ok = json_pack("{s:s, s:b}", "login", login, "must_change_password", 1);
	if (rc == 0 && pw == NULL)
		json_object_set_new(ok, "password", json_string(shown));
	done(ar, rc, &d, ok);
}

static void
set_disabled(struct api_req *ar, int disabled)
{
	const char *login = api_param(ar, 0);
	struct diag d;
	int rc;

	if (!api_allow(ar, APP_ACCOUNTS, NULL))
		return;
	diag_init(&d);
	rc =
	    app_user_set_disabled(ar->ar_s, api_actor(ar), login, disabled, &d);
	if (rc == 0 && !disabled)
		limiter_forget(ar, login);
	done(ar, rc, &d,
	    json_pack("{s:s, s:b}", "login", login, "disabled", disabled));
}

/* POST /api/v1/users/{login}/disable: it cannot log in; its sessions end. */
void
api_user_disable(struct api_req *ar)
{
	set_disabled(ar, 1);
}

/* POST /api/v1/users/{login}/enable */
void
api_user_enable(struct api_req *ar)
{
	set_disabled(ar, 0);
}

/*
 * PATCH /api/v1/users/{login} {"role", "agency"}: a role not given stays;
 * an agency not given stays for an officer or a coordinator (null: none).
 */
void
api_user_patch(struct api_req *ar)
{
	static const char *const keys[] = { "role", "agency", NULL };
	const char *login = api_param(ar, 0), *role, *agency;
	struct st_account acc;
	struct diag d;
	enum role r;
	json_t *j;
	int bad = 0, rc;

	if (!api_allow(ar, APP_ACCOUNTS, NULL) ||
	    (j = api_body(ar, keys)) == NULL)
		return;
	role = api_str(ar, j, "role", 0, &bad);
	agency = bad ? NULL : api_str(ar, j, "agency", 0, &bad);
	if (bad)
		return;
	diag_init(&d);
	if (app_user_get(ar->ar_s, api_actor(ar), login, &acc, &d) != 0) {
		answer_error(ar, &d);
		diag_free(&d);
		return;
	}
	r = acc.sac_role;
	if (role != NULL && role_parse(role, &r) != 0) {
		diag_free(&d);
		api_error(ar, 400, "bad_role", "role",
		    "vai trò '%s' không hợp lệ (admin, coordinator, officer, viewer)",
		    "unknown role '%s' (admin, coordinator, officer, viewer)",
		    role);
		return;
	}
	if (json_object_get(j, "agency") == NULL && acc.sac_agency[0] &&
	    (r == ROLE_OFFICER || r == ROLE_COORDINATOR))
		agency = acc.sac_agency;
	rc = app_user_set_role(ar->ar_s, api_actor(ar), login, r, agency, &d);
	done(ar, rc, &d,
	    json_pack("{s:s, s:s, s:s?}", "login", login, "role", role_name(r),
		"agency", agency && agency[0] ? agency : NULL));
}

struct session_list {
	json_t *sl_list;
	const char *sl_current; /* the caller's session's id */
};

static int
session_row(void *ctx, const struct st_session_info *si)
{
	struct session_list *sl = ctx;
	json_t *o = json_pack("{s:s, s:I, s:I, s:I, s:b, s:b}", "id",
	    si->sse_id, "created_at", (json_int_t)si->sse_created, "last_seen",
	    (json_int_t)si->sse_last_seen, "expires_at",
	    (json_int_t)si->sse_expires, "ended", si->sse_ended, "current",
	    strcmp(si->sse_id, sl->sl_current) == 0);

	json_object_set_new(o, "ended_at",
	    si->sse_ended_at ? json_integer(si->sse_ended_at) : json_null());
	json_object_set_new(o, "address",
	    si->sse_address[0] ? json_string(si->sse_address) : json_null());
	json_object_set_new(o, "user_agent",
	    si->sse_agent[0] ? json_string(si->sse_agent) : json_null());
	json_array_append_new(sl->sl_list, o);
	return 0;
}

/*
 * GET /api/v1/users/{login}/sessions: its sessions (one's own, or an
 * admin's view of anyone's); live ones are those not ended whose expiry
 * and idle time have not passed.
 */
void
api_user_sessions(struct api_req *ar)
{
	const char *login = api_param(ar, 0);
	struct session_list sl = { json_array(), ar->ar_sess.ss_id };
	long now = (long)time(NULL);
	struct diag d;
	size_t i;
	json_t *o;
	int rc;

	diag_init(&d);
	rc = app_sessions(ar->ar_s, api_actor(ar), login, session_row, &sl, &d);
	/* "live": usable now (expired or idle ones were never marked) */
	json_array_foreach(sl.sl_list, i, o)
	{
		json_int_t seen = json_integer_value(
			       json_object_get(o, "last_seen")),
			   exp = json_integer_value(
			       json_object_get(o, "expires_at"));

		json_object_set_new(o, "live",
		    json_boolean(!json_is_true(json_object_get(o, "ended")) &&
			now < exp && now - seen < AUTH_IDLE_TTL));
	}
	done(ar, rc, &d,
	    json_pack("{s:s, s:o}", "login", login, "sessions", sl.sl_list));
}

/* DELETE /api/v1/users/{login}/sessions/{id} */
void
api_user_session_end(struct api_req *ar)
{
	struct diag d;
	int rc;

	diag_init(&d);
	rc = app_session_end_id(
	    ar->ar_s, api_actor(ar), api_param(ar, 0), api_param(ar, 1), &d);
	done(ar, rc, &d, json_pack("{s:I}", "ended", (json_int_t)1));
}

/* DELETE /api/v1/users/{login}/sessions: every open one. */
void
api_user_sessions_end(struct api_req *ar)
{
	struct diag d;
	long n = 0;
	int rc;

	diag_init(&d);
	rc = app_session_end_all(
	    ar->ar_s, api_actor(ar), api_param(ar, 0), &n, &d);
	done(ar, rc, &d, json_pack("{s:I}", "ended", (json_int_t)n));
}
