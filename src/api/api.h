/*
 * api.h: the JSON API under /api/v1: routing, sessions and CSRF checks,
 * JSON errors in Vietnamese and English, and the handlers (api_*.c).
 */
#ifndef DTI_API_H
#define DTI_API_H

#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <time.h>

#include "app/app.h"
#include "auth/auth.h"
#include "engine/method.h"
#include "http/http.h"
#include "util/diag.h"

#define API_MAX_JSON (1u << 20) /* a JSON request body */
/* a body without a session, or of a GET or DELETE: a login's JSON */
#define API_MAX_SMALL (128u << 10)

/* Server-wide state. */
struct api_server {
	const char *as_db; /* database path */
	struct auth_limiter *as_lim; /* login attempts */
	int as_secure_cookies; /* add Secure (behind TLS) */
	pthread_key_t as_key; /* per-thread state */
	FILE *as_log; /* one line per request */
	pthread_mutex_t as_log_mu;
	time_t as_log_flushed; /* when the log was last flushed */
	/* a valid hash to verify against when a login is unknown, so that
	 * the answer takes as long either way; made before the threads */
	char as_dummy_hash[128];
};

/* One request being answered. */
struct api_req {
	struct api_server *ar_srv;
	struct http_req *ar_rq;
	struct http_resp *ar_rs;
	struct store *ar_s; /* this thread's connection */
	struct st_session ar_sess; /* valid when ar_authed */
	struct app_actor ar_actor; /* who: valid when ar_authed */
	int ar_authed;
	char ar_token_hash[65];
	json_t *ar_body; /* parsed JSON body, or NULL */
};

/* api.c */
/*
 * api_server_init(as, db): the state of a server on database ${db}
 * (borrowed); -1 when it cannot be made. api_server_fini(as) frees it.
 */
int api_server_init(struct api_server *, const char *);
void api_server_fini(struct api_server *);
/* api_handle: the http_handler of the server. */
void api_handle(struct http_req *, struct http_resp *, void *);
/*
 * api_admit: the http_admit hook of the server. The body limit by route:
 * API_MAX_SMALL without a valid session (a larger declared body is
 * answered 401 at once), for GET and DELETE and unknown routes;
 * API_MAX_JSON for the JSON routes of a session; HTTP_MAX_BODY, spooled
 * to a temporary file, for an evidence upload or an import whose session
 * (from the Cookie header), CSRF token and role may do it.
 */
int api_admit(struct http_req *, struct http_resp *, void *);
/* api_refuse: the http_refuse hook: the adapter's refusals as errors. */
void api_refuse(struct http_req *, struct http_resp *, int, void *);
/* api_log: the http done-callback: one log line per request. */
void api_log(struct http_req *, int, void *);

/*
 * api_error(ar, status, code, field, vi, en, ...): answer with
 * {"error": {"code", "message": {"vi", "en"}, "field"}}. ${vi} and ${en}
 * take the same arguments (see diag_add).
 */
void api_error(struct api_req *, int, const char *, const char *, const char *,
    const char *, ...) __attribute__((format(printf, 6, 7)));
/*
 * api_diag(ar, d): answer with the errors of ${d}, status by their code,
 * every error listed under "details". api_diag_flat(ar, d): the same
 * with the first error only, named by its kind ("not_found", "conflict",
 * "busy", "invalid", "storage"): the form of errors of a lookup; an
 * error that is not the store's (a use case's policy or limits) is
 * answered as by api_diag. Both build the JSON in one function.
 */
void api_diag(struct api_req *, const struct diag *);
void api_diag_flat(struct api_req *, const struct diag *);
/* api_json(ar, status, j): answer with ${j} (stolen). */
void api_json(struct api_req *, int, json_t *);
/*
 * api_body(ar, allowed): parse the JSON object body; only the keys in the
 * NULL-terminated ${allowed} are accepted. On failure answer 400/415 and
 * return NULL.
 */
json_t *api_body(struct api_req *, const char *const *);
/* api_str(ar, obj, key, required): a string member; answers 400 if bad. */
const char *api_str(struct api_req *, json_t *, const char *, int, int *);
/* api_param(ar, i): the i-th {name} of the route. */
const char *api_param(struct api_req *, int);
/*
 * api_allow(ar, perm, agency): 1 when app_may allows the caller ${perm}
 * (for ${agency}), or answer 403 and return 0.
 */
int api_allow(struct api_req *, enum app_perm, const char *);
/* api_forbidden(ar): answer 403 naming the caller's account and role. */
void api_forbidden(struct api_req *);
/* api_origin_ok(ar): 1 unless the request's Origin is another site. */
int api_origin_ok(struct api_req *);
/* api_actor(ar): the caller as an actor of app/ (borrowed). */
const struct app_actor *api_actor(struct api_req *);
/*
 * api_method(ar, id, d): the parsed methodology (kept with the thread's
 * store handle), or NULL with the reason in ${d}.
 */
const struct method *api_method(struct api_req *, long, struct diag *);

/*
 * api_cached(ar, key, version): answer 200 with the response stored for
 * ${key} at data version ${version} (store_data_version) and return 1,
 * or return 0. api_cache_put(ar, key, version): store the response just
 * made. Per thread; an entry of an older version is never served, so
 * results are never stale.
 */
int api_cached(struct api_req *, const char *, long);
void api_cache_put(struct api_req *, const char *, long);

/* api_period.c: what the handlers of periods and evidence share. */
/*
 * api_path_period(ar, out): the period named first in the path; answer
 * (404 when there is none) and return -1 when it cannot be read.
 */
int api_path_period(struct api_req *, struct st_period *);
/*
 * api_may_write_input(ar, p, input): 1 when the caller may try to write
 * ${input} of ${p}'s methodology (api_allow for the agency that leads it;
 * of a contributed input, any writer: app/ decides by the part,
 * app_may_part); else answer (404 for an unknown input, 403) and 0.
 */
int api_may_write_input(
    struct api_req *, const struct st_period *, const char *);
/*
 * api_answer(ar, rc, d, status, ok): answer a use case's result: the
 * errors of ${d} when ${rc} failed, else ${ok} (stolen) with ${status};
 * ${d} is freed.
 */
void api_answer(struct api_req *, int, struct diag *, int, json_t *);

/* Handlers: api_meta.c, api_session.c, api_period.c, api_evidence.c,
 * api_plan.c. */
void api_health(struct api_req *);
void api_openapi(struct api_req *);
void api_methodologies(struct api_req *);
void api_methodology(struct api_req *);
void api_agencies(struct api_req *);
void api_units(struct api_req *);
void api_login(struct api_req *);
void api_session_get(struct api_req *);
void api_logout(struct api_req *);
void api_password(struct api_req *);
void api_users(struct api_req *);
void api_user_add(struct api_req *);
void api_periods(struct api_req *);
void api_period_open(struct api_req *);
void api_period_get(struct api_req *);
void api_period_close(struct api_req *);
void api_period_reopen(struct api_req *);
void api_values(struct api_req *);
void api_value_put(struct api_req *);
void api_evidence_list(struct api_req *);
void api_evidence_add(struct api_req *);
void api_file_get(struct api_req *);
void api_submit(struct api_req *);
void api_approve(struct api_req *);
void api_return(struct api_req *);
void api_reopen(struct api_req *);
void api_status(struct api_req *);
void api_scores(struct api_req *);
void api_export(struct api_req *);
void api_import(struct api_req *);
void api_template(struct api_req *);
void api_tasks(struct api_req *);
void api_task_progress(struct api_req *);
void api_targets(struct api_req *);
/* plans as data, tasks per agency, hand-entered targets (issue 12) */
void api_task_get(struct api_req *);
void api_plans(struct api_req *);
void api_plan_load(struct api_req *);
void api_target_history(struct api_req *);
void api_target_set(struct api_req *);
void api_target_submit(struct api_req *);
void api_target_approve(struct api_req *);
void api_target_return(struct api_req *);
void api_target_reopen(struct api_req *);
void api_audit(struct api_req *);
void api_report(struct api_req *); /* api_report.c */
void api_methodology_add(struct api_req *); /* api_meta.c (issue 12) */
void api_period_method(struct api_req *); /* api_period.c (issue 12) */

/* api_account.c: accounts and their sessions (issue 12). */
/*
 * api_must_change(ar, method, pattern): when the caller's account must
 * change the password an admin set, answer 403 "password_change_required"
 * to every route but the session's own and the change, and return 1.
 */
int api_must_change(struct api_req *, const char *, const char *);
void api_user_reset(struct api_req *);
void api_user_disable(struct api_req *);
void api_user_enable(struct api_req *);
void api_user_patch(struct api_req *);
void api_user_sessions(struct api_req *);
void api_user_session_end(struct api_req *);
void api_user_sessions_end(struct api_req *);

/* api_worklist.c: work lists, review lists and warnings. */
/*
 * api_warnings(d): the data rules' warnings of ${d} (plausibility, and
 * the consistency an unchecked import broke) as a JSON array of
 * {"code", "message": {"vi", "en"}} (new reference).
 * api_warnings_stored(stored): the same for a value's stored warnings
 * (app_warnings_parse).
 */
json_t *api_warnings(const struct diag *);
json_t *api_warnings_stored(const char *);
/*
 * api_work_item_json(it, prev_period): one item of a work list or a
 * review list; api_worklist_json(wl, items): the list (${items}, an
 * array, stolen) under its head. The same document for
 * GET .../worklist, the review lists and dti worklist --format json.
 */
json_t *api_work_item_json(const struct app_work_item *, const char *);
json_t *api_worklist_json(const struct app_worklist *, json_t *);
/* GET /api/v1/periods/{p}/worklist?agency=A&unit=U */
void api_worklist(struct api_req *);
/*
 * api_review_list(ar, p, agency, unit, what): answer with the review list
 * ${what} of ${p} (GET .../values?review=submitted|missing_evidence).
 */
void api_review_list(struct api_req *, const struct st_period *, const char *,
    const char *, enum app_review_list);

/* api_analysis.c: the analyses of issue 11 and the recorded results. */
/*
 * api_losses_json(o), api_whatif_json(w), api_trend_json(t),
 * api_sensitivity_json(o), api_result_json(r), api_place_json(pl): the
 * documents of GET .../losses, POST .../whatif, GET .../trend,
 * GET .../sensitivity and GET /api/v1/results (new references); the
 * CLI's --format json prints the same.
 */
json_t *api_losses_json(const struct app_losses *);
json_t *api_whatif_json(const struct app_whatif *);
json_t *api_trend_json(const struct app_trend *);
json_t *api_sensitivity_json(const struct app_sensitivity *);
json_t *api_result_json(const struct app_result *);
json_t *api_place_json(const struct app_place *);
void api_losses(struct api_req *);
void api_whatif(struct api_req *);
void api_trend(struct api_req *);
void api_sensitivity(struct api_req *);
void api_results(struct api_req *);

/* api_org.c: the organisation, versioned (writes: admin only). */
void api_agency_add(struct api_req *);
void api_agency_rename(struct api_req *);
void api_agency_deactivate(struct api_req *);
void api_agency_reactivate(struct api_req *);
void api_agency_merge(struct api_req *);
void api_agency_member_add(struct api_req *);
void api_agency_member_remove(struct api_req *);
void api_unit_add(struct api_req *);
void api_unit_rename(struct api_req *);
void api_unit_deactivate(struct api_req *);
void api_unit_reactivate(struct api_req *);
void api_unit_merge(struct api_req *);
void api_unit_lineage(struct api_req *);
void api_org_changes(struct api_req *);
void api_org_load(struct api_req *);

#endif
