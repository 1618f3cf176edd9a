/*
 * fuzz_json.c: the JSON bodies of every route that takes one. The input's
 * first byte picks a route (login, users, periods, period close and
 * reopen, value PUT for inputs of each kind, submit, approve, return,
 * reopen-values on an open and an approved period, task progress; see
 * routes[] below), its second byte the account whose session sends it,
 * and the rest is the body, sent as application/json with the account's
 * session cookie and CSRF token (a login is sent without a session, as a
 * browser logs in) to the real server (http_start + api_handle) running in
 * this process, as fuzz_http.c does.
 *
 * The database, the accounts and their fixed sessions, the server and the
 * exchange of one request with it are fuzz_server.c's, shared with
 * fuzz_http.c (see fuzz/README.md): made once through app/ alone, kept
 * between inputs, replaced by a pristine copy when a session would end.
 *
 * Besides the sanitizers (the server thread is instrumented too), the
 * harness aborts when
 *  - no whole answer comes, or the answer is not JSON;
 *  - a JSON answer is not an object, lacks the security headers, is an
 *    error (4xx/5xx) without {"error": {"code", "message": {"vi", "en"}}}
 *    or a success with one;
 *  - the database changed on a 4xx answer: store_census (row counts:
 *    every write adds an audit line) after each input, and store_digest
 *    (every row, slow) after each input that may write and after every
 *    16 refused ones, which must leave it as it was. The harness marks
 *    the sessions used itself every 30 s, so that the server's own
 *    once-a-minute touch never falls inside an input;
 *  - the database fails store_check after an input that changed it.
 * DTI_FUZZ_JSON_LOG=1 prints the server's log lines and the answers;
 * DTI_FUZZ_JSON_STRICT=1 makes any 5xx answer abort too.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include "store/store.h"
#include "util/buf.h"

#include "fuzz_server.h"

/* What fuzz_json checks beyond fuzz_server.c: a 4xx leaves the database. */
static struct {
	char digest[65]; /* store_digest at the last baseline */
	struct st_census census; /* store_census after the last input */
	int since; /* inputs since the digest was taken, all of them 4xx */
	long touched; /* when the harness last marked the sessions used */
} fj;

/*
 * The routes that take a JSON body, with paths that reach their handlers:
 * period 2023 is open with a draft value, 2022 approved, 2021 closed.
 */
static const struct {
	const char *jr_method;
	const char *jr_path;
	int jr_anonymous; /* sent without a session (a login) */
} routes[] = {
	{ "POST", "/api/v1/session", 1 },
	{ "POST", "/api/v1/users", 0 },
	{ "POST", "/api/v1/periods", 0 },
	{ "POST", "/api/v1/periods/2023/close", 0 },
	{ "POST", "/api/v1/periods/2023/reopen", 0 },
	{ "POST", "/api/v1/periods/2021/reopen", 0 },
	{ "PUT", "/api/v1/periods/2023/values/ninh-thuan/1.1", 0 },
	{ "PUT", "/api/v1/periods/2023/values/ninh-thuan/3.3.a", 0 },
	{ "PUT", "/api/v1/periods/2023/values/ninh-thuan/A.1", 0 },
	{ "PUT", "/api/v1/periods/2023/values/ninh-thuan/7.1.b", 0 },
	{ "PUT", "/api/v1/periods/2023/values/ninh-thuan/2.1", 0 },
	{ "PUT", "/api/v1/periods/2022/values/ninh-thuan/1.1", 0 },
	{ "POST", "/api/v1/periods/2023/submit", 0 },
	{ "POST", "/api/v1/periods/2023/approve", 0 },
	{ "POST", "/api/v1/periods/2023/return", 0 },
	{ "POST", "/api/v1/periods/2023/reopen-values", 0 },
	{ "POST", "/api/v1/periods/2022/approve", 0 },
	{ "POST", "/api/v1/periods/2022/return", 0 },
	{ "POST", "/api/v1/periods/2022/reopen-values", 0 },
	{ "POST", "/api/v1/tasks/B.I.2/progress", 0 },
};
#define NROUTES (sizeof(routes) / sizeof(routes[0]))
#define DIGEST_EVERY 16 /* refused inputs between two digests */

/*
 * Mark every fixed session used now and take the database's digest: for
 * 60 s (APP_TOUCH_EVERY in app_account.c) no request touches them again.
 */
static void
baseline(void)
{
	long now = (long)time(NULL);
	size_t i;

	if (fj.touched != 0 && now - fj.touched < 30)
		return;
	if (store_tx_begin(fz.s) != 0)
		fuzz_server_die("store_tx_begin", NULL);
	for (i = 0; i < FUZZ_NACCOUNTS; i++)
		if (store_session_touch(fz.s, fz.token_hash[i], now) != 0)
			fuzz_server_die("store_session_touch", NULL);
	if (store_tx_commit(fz.s) != 0 || store_digest(fz.s, fj.digest) != 0 ||
	    store_census(fz.s, &fj.census) != 0)
		fuzz_server_die("store_digest", NULL);
	fj.touched = now;
	fj.since = 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct st_census census;
	char after[65];
	struct buf rq;
	size_t r, a;
	int status, refused;

	if (size < 2)
		return 0;
	if (!fz.ready)
		fuzz_server_setup("json");
	r = data[0] % NROUTES;
	a = data[1] % FUZZ_NACCOUNTS;
	baseline();
	buf_init(&rq);
	buf_printf(&rq,
	    "%s %s HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n"
	    "Origin: http://127.0.0.1:%u\r\n"
	    "Content-Type: application/json\r\nContent-Length: %zu\r\n",
	    routes[r].jr_method, routes[r].jr_path, fz.port, fz.port, size - 2);
	if (!routes[r].jr_anonymous)
		buf_printf(&rq,
		    "Cookie: dti_session=%s\r\nX-CSRF-Token: %s\r\n",
		    fz.token[a], fz.csrf[a]);
	buf_append(&rq, "\r\n", 2);
	buf_append(&rq, (const char *)data + 2, size - 2);
	status =
	    fuzz_server_exchange((const uint8_t *)buf_cstr(&rq), rq.b_len, 1);
	if (status == 0)
		fuzz_server_fail(
		    "no answer", "request", buf_cstr(&rq), rq.b_len);
	refused = status >= 400 && status < 500;
	if (store_census(fz.s, &census) != 0)
		fuzz_server_die("store_census", NULL);
	/* every write adds a row (an audit line at least): the census is
	 * cheap and names the very input */
	if (refused && memcmp(&census, &fj.census, sizeof(census)) != 0)
		fuzz_server_fail(
		    "a 4xx answer, yet the database changed (census)",
		    "request", buf_cstr(&rq), rq.b_len);
	fj.census = census;
	/*
	 * The digest reads every row, too slow for each input: it is taken
	 * after every input that may have written, and compared after a run
	 * of DIGEST_EVERY refused ones, which must have changed nothing.
	 */
	if (!refused || ++fj.since == DIGEST_EVERY) {
		if (store_digest(fz.s, after) != 0)
			fuzz_server_die("store_digest", NULL);
		if (refused && strcmp(after, fj.digest) != 0)
			fuzz_server_fail(
			    "the database changed during a run of 4xx "
			    "answers (this input is the last of them)",
			    "request", buf_cstr(&rq), rq.b_len);
		/* what did not change was checked after an earlier input */
		if (strcmp(after, fj.digest) != 0 && store_check(fz.s) != 0)
			fuzz_server_fail(
			    "store_check: the input damaged the database",
			    "request", buf_cstr(&rq), rq.b_len);
		memcpy(fj.digest, after, sizeof(after));
		fj.since = 0;
	}
	buf_free(&rq);
	if (fuzz_server_restore_sessions())
		fj.touched = 0; /* a new baseline before the next input */
	fuzz_server_reset_limits();
	return 0;
}
