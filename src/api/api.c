/*
 * api.c: routing, sessions, CSRF, security headers, JSON errors and the
 * per-thread state (one SQLite connection per server thread, and caches
 * of parsed methodologies).
 */
#include "api/api.h"
#include "api/api_web.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/numfmt.h"
#include "util/sha256.h"
#include "util/utf8.h"

#define SESSION_COOKIE "dti_session"
#define API_LOGIN_PATH "/api/v1/session" /* POST: log in */
#define NCACHED 8

/* A response computed from the data as of one data version. */
struct cached {
	char cc_key[96];
	long cc_version;
	char *cc_text;
	size_t cc_len;
};

/* What each server thread keeps. */
struct api_thread {
	struct store *at_s;
	struct cached at_cache[NCACHED];
	unsigned at_next; /* the cache entry to replace next */
};

static void
thread_free(void *p)
{
	struct api_thread *t = p;
	int i;

	if (t == NULL)
		return;
	for (i = 0; i < NCACHED; i++)
		free(t->at_cache[i].cc_text);
	app_close(t->at_s);
	free(t);
}

int
api_server_init(struct api_server *as, const char *db)
{
	memset(as, 0, sizeof(*as));
	as->as_db = db;
	as->as_lim = auth_limiter_new();
	as->as_log = stderr;
	if (auth_hash("not a real password, only for timing",
		as->as_dummy_hash) < 0) {
		auth_limiter_free(as->as_lim);
		return -1;
	}
	pthread_mutex_init(&as->as_log_mu, NULL);
	return pthread_key_create(&as->as_key, thread_free) == 0 ? 0 : -1;
}

void
api_server_fini(struct api_server *as)
{
	/* the thread that stops the server may hold state too */
	thread_free(pthread_getspecific(as->as_key));
	pthread_setspecific(as->as_key, NULL);
	pthread_key_delete(as->as_key);
	auth_limiter_free(as->as_lim);
	pthread_mutex_destroy(&as->as_log_mu);
}

static struct api_thread *
thread_state(struct api_server *as)
{
	struct api_thread *t = pthread_getspecific(as->as_key);

	if (t == NULL) {
		t = xcalloc(1, sizeof(*t));
		pthread_setspecific(as->as_key, t);
	}
	return t;
}

const struct method *
api_method(struct api_req *ar, long id, struct diag *d)
{
	const struct method *m = NULL;

	if (app_method(ar->ar_s, id, &m, d) != 0)
		return NULL;
	return m;
}

int
api_cached(struct api_req *ar, const char *key, long version)
{
	struct api_thread *t = thread_state(ar->ar_srv);
	int i;

	for (i = 0; i < NCACHED; i++) {
		struct cached *c = &t->at_cache[i];

		if (c->cc_text != NULL && c->cc_version == version &&
		    strcmp(c->cc_key, key) == 0) {
			ar->ar_rs->rs_status = 200;
			ar->ar_rs->rs_type = "application/json; charset=utf-8";
			buf_reset(&ar->ar_rs->rs_body);
			buf_append(&ar->ar_rs->rs_body, c->cc_text, c->cc_len);
			return 1;
		}
	}
	return 0;
}

void
api_cache_put(struct api_req *ar, const char *key, long version)
{
	struct api_thread *t = thread_state(ar->ar_srv);
	struct cached *c;
	int i;

	/* replace this key's entry, else the oldest */
	for (i = 0; i < NCACHED; i++)
		if (strcmp(t->at_cache[i].cc_key, key) == 0)
			break;
	c = &t->at_cache[i < NCACHED ? i : (int)(t->at_next++ % NCACHED)];
	free(c->cc_text);
	snprintf(c->cc_key, sizeof(c->cc_key), "%s", key);
	c->cc_version = version;
	c->cc_len = ar->ar_rs->rs_body.b_len;
	c->cc_text = xstrndup(buf_cstr(&ar->ar_rs->rs_body), c->cc_len);
}

/* put_string(b, s, len): ${s} as a JSON string, escaped as jansson does. */
static void
put_string(struct buf *b, const char *s, size_t len)
{
	size_t i;

	buf_putc(b, '"');
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		switch (c) {
		case '\\': buf_puts(b, "\\\\"); break;
		case '"': buf_puts(b, "\\\""); break;
		case '\b': buf_puts(b, "\\b"); break;
		case '\f': buf_puts(b, "\\f"); break;
		case '\n': buf_puts(b, "\\n"); break;
		case '\r': buf_puts(b, "\\r"); break;
		case '\t': buf_puts(b, "\\t"); break;
		default:
			if (c < 0x20)
				buf_printf(b, "\\u%04X", c);
			else
				buf_putc(b, (char)c);
		}
	}
	buf_putc(b, '"');
}

/*
 * put_real(b, v): ${v} as the shortest text that reads back exactly
 * ("0.85", where jansson's "%.17g" writes 0.84999999999999998), with
 * jansson's marks of a real kept: ".0" after a whole number, an exponent
 * without '+' or leading zeros ("1e21", "1e-7").
 */
static void
put_real(struct buf *b, double v)
{
	char tmp[64], *e;
	size_t n = numfmt_shortest(tmp, sizeof(tmp) - 2, v);

	e = strchr(tmp, 'e');
	if (e == NULL) {
		if (strchr(tmp, '.') == NULL)
			memcpy(tmp + n, ".0", 3);
	} else {
		char *from = e + 1, *to = e + 1;

		if (*from == '+')
			from++;
		else if (*from == '-')
			from = ++to;
		while (*from == '0' && from[1] != '\0')
			from++;
		memmove(to, from, strlen(from) + 1);
	}
	buf_puts(b, tmp);
}

/*
 * put_json(b, j): ${j} as compact JSON, the text json_dumps(JSON_COMPACT)
 * writes except for reals (put_real). Objects keep their insertion order.
 */
static void
put_json(struct buf *b, const json_t *j)
{
	const char *key;
	json_t *v;
	size_t i;
	int first = 1;

	switch (json_typeof(j)) {
	case JSON_OBJECT:
		buf_putc(b, '{');
		json_object_foreach((json_t *)j, key, v)
		{
			if (!first)
				buf_putc(b, ',');
			first = 0;
			put_string(b, key, strlen(key));
			buf_putc(b, ':');
			put_json(b, v);
		}
		buf_putc(b, '}');
		break;
	case JSON_ARRAY:
		buf_putc(b, '[');
		json_array_foreach(j, i, v)
		{
			if (i > 0)
				buf_putc(b, ',');
			put_json(b, v);
		}
		buf_putc(b, ']');
		break;
	case JSON_STRING:
		put_string(b, json_string_value(j), json_string_length(j));
		break;
	case JSON_INTEGER:
		buf_printf(b, "%" JSON_INTEGER_FORMAT, json_integer_value(j));
		break;
	case JSON_REAL: put_real(b, json_real_value(j)); break;
	case JSON_TRUE: buf_puts(b, "true"); break;
	case JSON_FALSE: buf_puts(b, "false"); break;
	case JSON_NULL: buf_puts(b, "null"); break;
	}
}

void
api_json(struct api_req *ar, int status, json_t *j)
{
	if (j == NULL) { /* json_pack refused a value: never answer empty */
		ar->ar_rs->rs_status = 500;
		buf_reset(&ar->ar_rs->rs_body);
		buf_puts(&ar->ar_rs->rs_body,
		    "{\"error\":{\"code\":\"internal\",\"message\":"
		    "{\"vi\":\"lỗi nội bộ\",\"en\":\"internal error\"}}}");
		return;
	}
	ar->ar_rs->rs_status = status;
	ar->ar_rs->rs_type = "application/json; charset=utf-8";
	buf_reset(&ar->ar_rs->rs_body);
	put_json(&ar->ar_rs->rs_body, j);
	json_decref(j);
}

static void
error_json(struct api_req *ar, int status, const char *code, const char *field,
    const char *vi, const char *en)
{
	json_t *e = json_pack(
	    "{s:s, s:{s:s, s:s}}", "code", code, "message", "vi", vi, "en", en);

	if (field != NULL)
		json_object_set_new(e, "field", json_string(field));
	api_json(ar, status, json_pack("{s:o}", "error", e));
}

/* Replace the bytes of ${s} that break UTF-8 (or control bytes) by '?'. */
static void
ascii_safe(char *s)
{
	size_t i, n = strlen(s);

	if (utf8_valid(s, n)) {
		for (i = 0; i < n; i++)
			if ((unsigned char)s[i] < 0x20)
				s[i] = '?';
		return;
	}
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80 || (unsigned char)s[i] < 0x20)
			s[i] = '?';
}

/* API_MAX_MESSAGE: the bytes of one language of an error message. */
#define API_MAX_MESSAGE 511

void
api_error(struct api_req *ar, int status, const char *code, const char *field,
    const char *vi, const char *en, ...)
{
	struct diag d;
	struct diag_item *it;
	va_list ap;

	diag_init(&d);
	va_start(ap, en);
	diag_vadd(&d, DIAG_ERROR, code, NULL, 0, 0, vi, en, ap);
	va_end(ap);
	it = &d.d_items[0];
	/* a message may quote what the client sent: keep it short and valid */
	if (strlen(it->di_vi) > API_MAX_MESSAGE)
		it->di_vi[API_MAX_MESSAGE] = '\0';
	if (strlen(it->di_en) > API_MAX_MESSAGE)
		it->di_en[API_MAX_MESSAGE] = '\0';
	ascii_safe(it->di_vi);
	ascii_safe(it->di_en);
	error_json(ar, status, code,
	    field != NULL && utf8_valid(field, strlen(field)) ? field : NULL,
	    it->di_vi, it->di_en);
	diag_free(&d);
}

/* HTTP status of an error code of the workflow. */
static int
status_of(const char *code)
{
	static const struct {
		const char *prefix;
		int status;
	} map[] = {
		{ "period.closed", 409 },
		{ "period.method_values", 409 },
		{ "period.method_same", 409 },
		{ "import.locked", 409 },
		{ "value.locked", 409 },
		{ "contrib.conflict", 409 },
		{ "submit.", 409 },
		{ "review.none", 409 },
		{ "value.owner", 403 },
		{ "forbidden", 403 },
		{ "evidence.type", 415 },
		{ "store.not_found", 404 },
		{ "org.unknown", 404 },
		{ "org.exists", 409 },
		{ "store.conflict", 409 },
		{ "store.busy", 503 },
		{ "store.invalid", 400 },
		{ "store", 500 },
		/* a report that could not be written: the server's fault */
		{ "report.write", 500 },
		{ "report.template", 500 },
	};
	size_t i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		if (strncmp(code, map[i].prefix, strlen(map[i].prefix)) == 0)
			return map[i].status;
	}
	return 400;
}

/* The name of an error of a lookup, by its status. */
static const char *
flat_code(int status)
{
	switch (status) {
	case 503: return "busy";
	case 404: return "not_found";
	case 409: return "conflict";
	case 400: return "invalid";
	}
	return "storage";
}

/*
 * The one place a diag becomes a JSON error: its first error decides the
 * status; ${flat} names it by kind, else every error goes in "details".
 */
static void
diag_json(struct api_req *ar, const struct diag *d, int flat)
{
	json_t *details = json_array(), *e;
	const struct diag_item *first = NULL;
	size_t i;
	int status;

	for (i = 0; i < d->d_n; i++) {
		const struct diag_item *it = &d->d_items[i];

		if (it->di_sev != DIAG_ERROR)
			continue;
		if (first == NULL)
			first = it;
		json_array_append_new(details,
		    json_pack("{s:s, s:I, s:{s:s, s:s}}", "code", it->di_code,
			"line", (json_int_t)it->di_line, "message", "vi",
			it->di_vi, "en", it->di_en));
	}
	if (first == NULL) {
		json_decref(details);
		error_json(
		    ar, 500, "internal", NULL, "lỗi không rõ", "unknown error");
		return;
	}
	status = status_of(first->di_code);
	if (status == 503)
		http_set_header(ar->ar_rs, "Retry-After", "1");
	/* a use case's own refusal (policy, limits) keeps its code */
	if (flat && strncmp(first->di_code, "store", 5) == 0) {
		json_decref(details);
		error_json(ar, status, flat_code(status), NULL, first->di_vi,
		    first->di_en);
		return;
	}
	e = json_pack("{s:s, s:{s:s, s:s}, s:o}", "code", first->di_code,
	    "message", "vi", first->di_vi, "en", first->di_en, "details",
	    details);
	api_json(ar, status, json_pack("{s:o}", "error", e));
}

void
api_diag(struct api_req *ar, const struct diag *d)
{
	diag_json(ar, d, 0);
}

void
api_diag_flat(struct api_req *ar, const struct diag *d)
{
	diag_json(ar, d, 1);
}

json_t *
api_body(struct api_req *ar, const char *const *allowed)
{
	const char *ct = http_header(ar->ar_rq, "Content-Type");
	json_error_t je;
	const char *key;
	json_t *j, *v;
	int i;

	if (ct == NULL || strncmp(ct, "application/json", 16) != 0) {
		api_error(ar, 415, "content_type", NULL,
		    "cần Content-Type: application/json",
		    "Content-Type: application/json is required");
		return NULL;
	}
	if (ar->ar_rq->rq_body.b_len > API_MAX_JSON) {
		api_error(ar, 413, "too_large", NULL,
		    "nội dung JSON quá lớn (tối đa %u byte)",
		    "JSON body too large (at most %u bytes)", API_MAX_JSON);
		return NULL;
	}
	j = json_loadb(buf_cstr(&ar->ar_rq->rq_body), ar->ar_rq->rq_body.b_len,
	    JSON_REJECT_DUPLICATES, &je);
	if (j == NULL) {
		api_error(ar, 400, "bad_json", NULL,
		    "JSON không hợp lệ ở dòng %d, cột %d: %s",
		    "invalid JSON at line %d, column %d: %s", je.line,
		    je.column, je.text);
		return NULL;
	}
	if (!json_is_object(j)) {
		json_decref(j);
		api_error(ar, 400, "bad_json", NULL,
		    "nội dung phải là một đối tượng JSON",
		    "the body must be a JSON object");
		return NULL;
	}
	json_object_foreach(j, key, v)
	{
		int ok = 0;

		(void)v;
		for (i = 0; allowed[i] != NULL; i++)
			ok |= strcmp(allowed[i], key) == 0;
		if (!ok) {
			api_error(ar, 400, "unknown_field", key,
			    "trường không hợp lệ '%s'", "unknown field '%s'",
			    key);
			json_decref(j);
			return NULL;
		}
	}
	ar->ar_body = j;
	return j;
}

const char *
api_str(
    struct api_req *ar, json_t *obj, const char *key, int required, int *bad)
{
	json_t *v = json_object_get(obj, key);

	if (v == NULL || json_is_null(v)) {
		if (required) {
			api_error(ar, 400, "missing_field", key,
			    "thiếu trường '%s'", "missing field '%s'", key);
			*bad = 1;
		}
		return NULL;
	}
	if (!json_is_string(v)) {
		api_error(ar, 400, "bad_field", key,
		    "trường '%s' phải là chuỗi", "field '%s' must be a string",
		    key);
		*bad = 1;
		return NULL;
	}
	return json_string_value(v);
}

const char *
api_param(struct api_req *ar, int i)
{
	return i < ar->ar_rq->rq_nparams ? ar->ar_rq->rq_params[i] : "";
}

void
api_forbidden(struct api_req *ar)
{
	api_error(ar, 403, "forbidden", NULL,
	    "tài khoản %s (%s) không có quyền làm việc này",
	    "account %s (%s) may not do this",
	    ar->ar_authed ? ar->ar_sess.ss_account.sac_login : "-",
	    ar->ar_authed ? role_name(ar->ar_sess.ss_account.sac_role) : "-");
}

int
api_allow(struct api_req *ar, enum app_perm perm, const char *agency)
{
	if (ar->ar_authed && app_may(ar->ar_s, &ar->ar_actor, perm, agency))
		return 1;
	api_forbidden(ar);
	return 0;
}

const struct app_actor *
api_actor(struct api_req *ar)
{
	return &ar->ar_actor;
}

#define R_PUBLIC 1 /* no session needed */
#define R_UPLOAD 2 /* a large body, spooled: evidence (writers) */
#define R_IMPORT 4 /* a large body, spooled: import (APP_PERIOD) */

struct route {
	const char *rt_method;
	const char *rt_pattern; /* "{}" matches one path segment */
	void (*rt_fn)(struct api_req *);
	int rt_flags;
};

static const struct route routes[] = {
	{ "GET", "/api/v1/health", api_health, R_PUBLIC },
	{ "GET", "/api/v1/openapi.json", api_openapi, R_PUBLIC },
	{ "POST", "/api/v1/session", api_login, R_PUBLIC },
	{ "GET", "/api/v1/session", api_session_get, 0 },
	{ "DELETE", "/api/v1/session", api_logout, 0 },
	{ "POST", "/api/v1/session/password", api_password, 0 },
	{ "GET", "/api/v1/users", api_users, 0 },
	{ "POST", "/api/v1/users", api_user_add, 0 },
	{ "GET", "/api/v1/methodologies", api_methodologies, 0 },
	{ "GET", "/api/v1/methodologies/{}", api_methodology, 0 },
	{ "GET", "/api/v1/agencies", api_agencies, 0 },
	{ "GET", "/api/v1/units", api_units, 0 },
	{ "GET", "/api/v1/periods", api_periods, 0 },
	{ "POST", "/api/v1/periods", api_period_open, 0 },
	{ "GET", "/api/v1/periods/{}", api_period_get, 0 },
	{ "POST", "/api/v1/periods/{}/close", api_period_close, 0 },
	{ "POST", "/api/v1/periods/{}/reopen", api_period_reopen, 0 },
	{ "GET", "/api/v1/periods/{}/values", api_values, 0 },
	{ "PUT", "/api/v1/periods/{}/values/{}/{}", api_value_put, 0 },
	{ "GET", "/api/v1/periods/{}/values/{}/{}/evidence", api_evidence_list,
	    0 },
	{ "POST", "/api/v1/periods/{}/values/{}/{}/evidence", api_evidence_add,
	    R_UPLOAD },
	{ "GET", "/api/v1/files/{}", api_file_get, 0 },
	{ "POST", "/api/v1/periods/{}/submit", api_submit, 0 },
	{ "POST", "/api/v1/periods/{}/approve", api_approve, 0 },
	{ "POST", "/api/v1/periods/{}/return", api_return, 0 },
	{ "POST", "/api/v1/periods/{}/reopen-values", api_reopen, 0 },
	{ "GET", "/api/v1/periods/{}/status", api_status, 0 },
	{ "GET", "/api/v1/periods/{}/worklist", api_worklist, 0 },
	{ "GET", "/api/v1/periods/{}/scores", api_scores, 0 },
	{ "GET", "/api/v1/periods/{}/export", api_export, 0 },
	{ "POST", "/api/v1/periods/{}/import", api_import, R_IMPORT },
	{ "GET", "/api/v1/periods/{}/template", api_template, 0 },
	{ "GET", "/api/v1/tasks", api_tasks, 0 },
	{ "POST", "/api/v1/tasks/{}/progress", api_task_progress, 0 },
	{ "GET", "/api/v1/targets", api_targets, 0 },
	{ "GET", "/api/v1/audit", api_audit, 0 },
	{ "GET", "/api/v1/periods/{}/losses", api_losses, 0 },
	{ "POST", "/api/v1/periods/{}/whatif", api_whatif, 0 },
	{ "GET", "/api/v1/periods/{}/trend", api_trend, 0 },
	{ "GET", "/api/v1/periods/{}/sensitivity", api_sensitivity, 0 },
	{ "GET", "/api/v1/results", api_results, 0 },
	{ "GET", "/api/v1/periods/{}/report", api_report, 0 },
	/* accounts (issue 12) */
	{ "POST", "/api/v1/users/{}/reset", api_user_reset, 0 },
	{ "POST", "/api/v1/users/{}/disable", api_user_disable, 0 },
	{ "POST", "/api/v1/users/{}/enable", api_user_enable, 0 },
	{ "PATCH", "/api/v1/users/{}", api_user_patch, 0 },
	{ "GET", "/api/v1/users/{}/sessions", api_user_sessions, 0 },
	{ "DELETE", "/api/v1/users/{}/sessions/{}", api_user_session_end, 0 },
	{ "DELETE", "/api/v1/users/{}/sessions", api_user_sessions_end, 0 },
	/* plans as data, tasks per agency, hand-entered targets (issue 12) */
	{ "GET", "/api/v1/plans", api_plans, 0 },
	{ "POST", "/api/v1/plans", api_plan_load, 0 },
	{ "GET", "/api/v1/tasks/{}", api_task_get, 0 },
	{ "GET", "/api/v1/targets/{}/history", api_target_history, 0 },
	{ "POST", "/api/v1/targets/{}/value", api_target_set, 0 },
	{ "POST", "/api/v1/targets/{}/submit", api_target_submit, 0 },
	{ "POST", "/api/v1/targets/{}/approve", api_target_approve, 0 },
	{ "POST", "/api/v1/targets/{}/return", api_target_return, 0 },
	{ "POST", "/api/v1/targets/{}/reopen", api_target_reopen, 0 },
	/* methodologies of periods (issue 12, M) */
	{ "POST", "/api/v1/methodologies", api_methodology_add, 0 },
	{ "POST", "/api/v1/periods/{}/methodology", api_period_method, 0 },
	/* the organisation, versioned (api_org.c) */
	{ "POST", "/api/v1/agencies", api_agency_add, 0 },
	{ "PATCH", "/api/v1/agencies/{}", api_agency_rename, 0 },
	{ "POST", "/api/v1/agencies/{}/deactivate", api_agency_deactivate, 0 },
	{ "POST", "/api/v1/agencies/{}/reactivate", api_agency_reactivate, 0 },
	{ "POST", "/api/v1/agencies/{}/merge", api_agency_merge, 0 },
	{ "POST", "/api/v1/agencies/{}/members", api_agency_member_add, 0 },
	{ "POST", "/api/v1/agencies/{}/members/remove",
	    api_agency_member_remove, 0 },
	{ "POST", "/api/v1/units", api_unit_add, 0 },
	{ "PATCH", "/api/v1/units/{}", api_unit_rename, 0 },
	{ "POST", "/api/v1/units/{}/deactivate", api_unit_deactivate, 0 },
	{ "POST", "/api/v1/units/{}/reactivate", api_unit_reactivate, 0 },
	{ "POST", "/api/v1/units/{}/merge", api_unit_merge, 0 },
	{ "GET", "/api/v1/units/{}/lineage", api_unit_lineage, 0 },
	{ "GET", "/api/v1/org/changes", api_org_changes, 0 },
	{ "POST", "/api/v1/org/load", api_org_load, 0 },
};

/*
 * match(pattern, path, rq): 1 when ${path} fits ${pattern}; its {}
 * segments are stored in ${rq}'s parameters.
 */
static int
match(const char *pat, const char *path, struct http_req *rq)
{
	size_t used = 0;

	rq->rq_nparams = 0;
	while (*pat != '\0' && *path != '\0') {
		if (pat[0] == '{' && pat[1] == '}') {
			size_t n = strcspn(path, "/");

			if (n == 0 || rq->rq_nparams == HTTP_MAX_PARAMS ||
			    used + n + 1 > sizeof(rq->rq_pbuf))
				return 0;
			memcpy(rq->rq_pbuf + used, path, n);
			rq->rq_pbuf[used + n] = '\0';
			rq->rq_params[rq->rq_nparams++] = rq->rq_pbuf + used;
			used += n + 1;
			path += n;
			pat += 2;
			continue;
		}
		if (*pat != *path)
			return 0;
		pat++;
		path++;
	}
	return *pat == '\0' && *path == '\0';
}

/*
 * security_headers_cached(rs, cache): every response's headers, with the
 * Cache-Control ${cache} (the web interface's files may be cached).
 */
static void
security_headers_cached(struct http_resp *rs, const char *cache)
{
	http_set_header(rs, "Content-Security-Policy",
	    "default-src 'self'; script-src 'self'; object-src 'none'; "
	    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
	http_set_header(rs, "X-Content-Type-Options", "nosniff");
	http_set_header(rs, "X-Frame-Options", "DENY");
	http_set_header(rs, "Referrer-Policy", "no-referrer");
	http_set_header(rs, "Cache-Control", cache);
}

static void
security_headers(struct http_resp *rs)
{
	security_headers_cached(rs, "no-store");
}

/* Find the session of the request's cookie; 1 when valid. */
static int
authenticate(struct api_req *ar)
{
	const char *tok = http_cookie(ar->ar_rq, SESSION_COOKIE);
	long now = (long)time(NULL);

	if (tok == NULL || strlen(tok) != 64)
		return 0;
	sha256_hex(tok, 64, ar->ar_token_hash);
	if (!app_session(ar->ar_s, ar->ar_token_hash, now, &ar->ar_sess))
		return 0;
	app_actor_of(&ar->ar_actor, &ar->ar_sess.ss_account);
	return 1;
}

/*
 * A browser's Origin, when sent, must be this server: the scheme we serve
 * (https behind TLS, i.e. with secure cookies) and the Host asked for.
 */
int
api_origin_ok(struct api_req *ar)
{
	const char *origin = http_header(ar->ar_rq, "Origin");
	const char *host = http_header(ar->ar_rq, "Host");
	const char *scheme =
	    ar->ar_srv->as_secure_cookies ? "https://" : "http://";

	if (origin == NULL)
		return 1;
	return host != NULL && strncmp(origin, scheme, strlen(scheme)) == 0 &&
	    strcmp(origin + strlen(scheme), host) == 0;
}

/*
 * A state-changing request must come from our pages: CSRF token, Origin.
 * A login needs no token: a browser that holds a session cookie may have
 * lost the page that knew its token (switching accounts), and a forged
 * login gains the forger nothing the Origin check (repeated by the
 * login itself) and SameSite=Strict let through; the old session ends.
 */
static int
csrf_ok(struct api_req *ar)
{
	const char *tok = http_header(ar->ar_rq, "X-CSRF-Token");

	if (strcmp(ar->ar_rq->rq_method, "POST") == 0 &&
	    strcmp(ar->ar_rq->rq_path, API_LOGIN_PATH) == 0)
		return api_origin_ok(ar);
	return api_origin_ok(ar) && tok != NULL &&
	    auth_equal(tok, ar->ar_sess.ss_csrf);
}

/*
 * route_of(rq, known): the route of ${rq}'s method and path, or NULL;
 * ${known} is set when the path exists for another method.
 */
static const struct route *
route_of(struct http_req *rq, int *known)
{
	size_t i;

	*known = 0;
	for (i = 0; i < sizeof(routes) / sizeof(routes[0]); i++) {
		if (!match(routes[i].rt_pattern, rq->rq_path, rq))
			continue;
		*known = 1;
		if (strcmp(routes[i].rt_method, rq->rq_method) == 0)
			return &routes[i];
	}
	return NULL;
}

/* open_store(ar): this thread's store into ${ar}; answers 503 if it fails. */
static int
open_store(struct api_req *ar)
{
	struct api_thread *t = thread_state(ar->ar_srv);

	if (t->at_s == NULL) {
		struct diag d;

		diag_init(&d);
		if (app_open(&t->at_s, ar->ar_srv->as_db, &d) != 0) {
			error_json(ar, 503, "storage", NULL, d.d_items[0].di_vi,
			    d.d_items[0].di_en);
			diag_free(&d);
			return -1;
		}
		diag_free(&d);
	}
	ar->ar_s = t->at_s;
	return 0;
}

int
api_admit(struct http_req *rq, struct http_resp *rs, void *ctx)
{
	const char *cl = http_header(rq, "Content-Length");
	const struct route *rt;
	struct api_req ar;
	int known = 0, big;

	memset(&ar, 0, sizeof(ar));
	ar.ar_srv = ctx;
	ar.ar_rq = rq;
	ar.ar_rs = rs;
	rq->rq_limit = API_MAX_SMALL;
	rt = utf8_valid(rq->rq_path, strlen(rq->rq_path)) ? route_of(rq, &known)
							  : NULL;
	if (rt == NULL || strcmp(rq->rq_method, "GET") == 0 ||
	    strcmp(rq->rq_method, "DELETE") == 0 || (rt->rt_flags & R_PUBLIC))
		return 0; /* the handler answers; a small body at most */
	big = http_header(rq, "Transfer-Encoding") != NULL ||
	    (cl != NULL && strtoull(cl, NULL, 10) > API_MAX_SMALL);
	if (open_store(&ar) != 0) {
		security_headers(rs);
		return -1;
	}
	if (!authenticate(&ar)) {
		if (!big)
			return 0; /* the handler answers 401 */
		security_headers(rs);
		api_error(&ar, 401, "unauthenticated", NULL, "cần đăng nhập",
		    "login required");
		return -1;
	}
	rq->rq_limit = API_MAX_JSON;
	/* a cross-site form may not make us spool 24 MiB either */
	if (csrf_ok(&ar) && !ar.ar_sess.ss_account.sac_must_change &&
	    (((rt->rt_flags & R_UPLOAD) &&
		 ar.ar_sess.ss_account.sac_role != ROLE_VIEWER) ||
		((rt->rt_flags & R_IMPORT) &&
		    app_may(ar.ar_s, &ar.ar_actor, APP_PERIOD, NULL)))) {
		rq->rq_limit = HTTP_MAX_BODY;
		rq->rq_spool = 1;
	}
	return 0;
}

void
api_refuse(struct http_req *rq, struct http_resp *rs, int status, void *ctx)
{
	struct api_req ar;

	memset(&ar, 0, sizeof(ar));
	ar.ar_srv = ctx;
	ar.ar_rq = rq;
	ar.ar_rs = rs;
	security_headers(rs);
	switch (status) {
	case 400:
		api_error(&ar, 400, "bad_request", NULL,
		    "yêu cầu có cả Transfer-Encoding và Content-Length, hoặc Content-Length sai",
		    "a request with both Transfer-Encoding and Content-Length, or a bad Content-Length");
		break;
	case 501:
		api_error(&ar, 501, "not_implemented", NULL,
		    "chỉ nhận Transfer-Encoding: chunked",
		    "only Transfer-Encoding: chunked is implemented");
		break;
	case 413:
		api_error(&ar, 413, "too_large", NULL,
		    "nội dung yêu cầu quá lớn (tối đa %zu byte)",
		    "request body too large (at most %zu bytes)", rq->rq_limit);
		break;
	case 431:
		api_error(&ar, 431, "headers_too_large", NULL,
		    "phần đầu yêu cầu quá lớn (tối đa %d byte)",
		    "request headers too large (at most %d bytes)",
		    HTTP_MAX_HEADERS);
		break;
	default:
		http_set_header(rs, "Retry-After", "1");
		api_error(&ar, 503, "busy", NULL,
		    "máy chủ đang bận, thử lại sau",
		    "the server is busy, try again later");
		break;
	}
}

void
api_handle(struct http_req *rq, struct http_resp *rs, void *ctx)
{
	struct api_server *as = ctx;
	const struct route *rt = NULL;
	struct api_req ar;
	int path_known = 0;

	memset(&ar, 0, sizeof(ar));
	ar.ar_srv = as;
	ar.ar_rq = rq;
	ar.ar_rs = rs;
	/* the web interface: its pages and files, outside /api */
	if (strncmp(rq->rq_path, "/api/", 5) != 0) {
		const char *cache = NULL;

		if (api_web(rq, rs, &cache) == 0) {
			security_headers_cached(rs, cache);
			return;
		}
	}
	security_headers(rs);
	/* paths are UTF-8 text: anything else cannot name a period or unit */
	if (!utf8_valid(rq->rq_path, strlen(rq->rq_path))) {
		api_error(&ar, 400, "bad_path", NULL,
		    "địa chỉ không phải văn bản UTF-8",
		    "the path is not UTF-8 text");
		return;
	}
	rt = route_of(rq, &path_known);
	if (rt == NULL) {
		if (path_known)
			api_error(&ar, 405, "method_not_allowed", NULL,
			    "phương thức %s không dùng được ở đây",
			    "method %s not allowed here", rq->rq_method);
		else
			api_error(&ar, 404, "not_found", NULL,
			    "không có địa chỉ này", "no such address");
		return;
	}
	if (open_store(&ar) != 0)
		return;
	ar.ar_authed = authenticate(&ar);
	if (ar.ar_authed)
		snprintf(rq->rq_user, sizeof(rq->rq_user), "%s",
		    ar.ar_sess.ss_account.sac_login);
	if (!(rt->rt_flags & R_PUBLIC) && !ar.ar_authed) {
		api_error(&ar, 401, "unauthenticated", NULL, "cần đăng nhập",
		    "login required");
		return;
	}
	if (strcmp(rq->rq_method, "GET") != 0 && ar.ar_authed &&
	    !csrf_ok(&ar)) {
		api_error(&ar, 403, "csrf", NULL,
		    "thiếu hoặc sai mã chống giả mạo (X-CSRF-Token)",
		    "missing or wrong anti-forgery token (X-CSRF-Token)");
		return;
	}
	if (!(rt->rt_flags & R_PUBLIC) &&
	    api_must_change(&ar, rt->rt_method, rt->rt_pattern))
		return;
	rt->rt_fn(&ar);
	json_decref(ar.ar_body);
}

void
api_log(struct http_req *rq, int status, void *ctx)
{
	struct api_server *as = ctx;
	struct timespec now;
	char at[32];
	time_t t = time(NULL);
	struct tm tm;
	double ms;

	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (double)(now.tv_sec - rq->rq_start.tv_sec) * 1e3 +
	    (double)(now.tv_nsec - rq->rq_start.tv_nsec) / 1e6;
	gmtime_r(&t, &tm);
	strftime(at, sizeof(at), "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (as->as_log == NULL)
		return;
	pthread_mutex_lock(&as->as_log_mu);
	/* never the query string, a body or a cookie: no secret is logged */
	fprintf(as->as_log, "%s %s %s %s %d %.2fms %s\n", at, rq->rq_ip,
	    rq->rq_method, rq->rq_path, status, ms, rq->rq_user);
	/* one write a second at most under load, but never later than that */
	if (t != as->as_log_flushed) {
		fflush(as->as_log);
		as->as_log_flushed = t;
	}
	pthread_mutex_unlock(&as->as_log_mu);
}
