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
 * The database, the accounts and their fixed sessions are fuzz_http.c's
 * (see fuzz/README.md): made once through app/ alone, kept between inputs,
 * replaced by a pristine copy when a session would end.
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
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "api/api.h"
#include "app/app.h"
#include "auth/auth.h"
#include "engine/builtin.h"
#include "http/http.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/sha256.h"

#define PASSWORD "fuzz-password-2022" /* of every account */
#define ACTOR "fuzz"
#define IO_TIMEOUT_MS 200 /* per read or write on the socket */
#define IO_WAITS 50 /* timed-out reads while a handler runs (10 s) */
#define RESP_MAX (8u << 20) /* response bytes kept for the checks */

/*
 * The accounts, and their sessions: token "fuzz-session-LOGIN-000..." and
 * CSRF token "fuzz-csrf-LOGIN-000...", both 64 characters.
 */
static const struct {
	const char *login;
	enum role role;
	const char *agency;
} accounts[] = {
	{ "admin", ROLE_ADMIN, NULL }, /* layering-ok: a login */
	{ "sotttt", ROLE_COORDINATOR, "so-tttt" },
	{ "lanhdao", ROLE_VIEWER, NULL },
	{ "cb-sotttt", ROLE_OFFICER, "so-tttt" },
	{ "cb-ninhhai", ROLE_OFFICER, "ubnd-ninh-hai" },
};
#define NACCOUNTS (sizeof(accounts) / sizeof(accounts[0]))

static struct {
	int ready;
	char dir[256];
	char db[300];
	char pristine[300]; /* the database before any input */
	struct store *s; /* the harness's own connection */
	struct api_server as;
	struct http_server *hs;
	unsigned short port;
	char token[NACCOUNTS][65];
	char token_hash[NACCOUNTS][65];
	char csrf[NACCOUNTS][65];
	int strict;
	int log; /* DTI_FUZZ_JSON_LOG: log lines and answers on stderr */
	atomic_int busy; /* handlers running */
	char digest[65]; /* store_digest at the last baseline */
	struct st_census census; /* store_census after the last input */
	int since; /* inputs since the digest was taken, all of them 4xx */
	long touched; /* when the harness last marked the sessions used */
} fz;

/* The server's handler: api_handle, counted. */
static void
handler(struct http_req *rq, struct http_resp *rs, void *ctx)
{
	atomic_fetch_add(&fz.busy, 1);
	api_handle(rq, rs, ctx);
	atomic_fetch_sub(&fz.busy, 1);
}

static void
die(const char *what, struct diag *d)
{
	struct diag sd;
	size_t i;

	fprintf(stderr, "fuzz_json: setup failed: %s\n", what);
	diag_init(&sd);
	if (d == NULL && fz.s != NULL)
		store_diag(fz.s, &sd);
	if (d == NULL)
		d = &sd;
	for (i = 0; i < d->d_n; i++)
		fprintf(stderr, "  %s: %s\n", d->d_items[i].di_code,
		    d->d_items[i].di_en);
	abort();
}

/* ${prefix} padded with '0' to 64 characters. */
static void
pad64(char out[65], const char *prefix, const char *login)
{
	int n = snprintf(out, 65, "%s%s-", prefix, login);

	for (; n < 64; n++)
		out[n] = '0';
	out[64] = '\0';
}

/*
 * The database of "dti init" (built-in methodology, organisation file),
 * the illustrative 2022 round approved as "dti init --demo" makes it, and
 * a little more; every account with the one password.
 */
static void
make_db(void)
{
	static const char file[] = "fuzz evidence\n";
	struct app_init_out io;
	struct app_actor op;
	struct st_evidence ev;
	struct diag d;
	long count;
	size_t i;
	FILE *f;

	diag_init(&d);
	app_operator(&op, ACTOR);
	if (app_init(fz.db, &op, 0, &io, &d) != 0 ||
	    app_open(&fz.s, fz.db, &d) != 0)
		die("app_init", &d);
	for (i = 0; i < NACCOUNTS; i++)
		if (app_user_add(fz.s, &op, accounts[i].login, accounts[i].role,
			accounts[i].agency, PASSWORD, NULL, 0, &d) != 0)
			die("app_user_add", &d);
	/* 2022: the illustrative round, approved */
	if (app_period_add(fz.s, &op, "2022", 0, NULL, NULL,
		"SỐ LIỆU MINH HỌA — không phải số liệu thật", NULL, &d) != 0)
		die("app_period_add 2022", &d);
	f = fmemopen((void *)builtin_demo_text, builtin_demo_len, "r");
	if (f == NULL ||
	    app_values_import(fz.s, &op, "2022", f, builtin_demo_name,
		NUMFMT_MACHINE, VALUE_APPROVED, APP_IMPORT_ADD_UNITS, &count,
		&d) != 0)
		die("app_values_import", &d);
	fclose(f);
	/* 2023: open, one draft value with an evidence file */
	if (app_period_add(fz.s, &op, "2023", 0, NULL, NULL, NULL, NULL, &d) !=
		0 ||
	    app_value_put(fz.s, &op, "2023", "ninh-thuan", "1.1", "leader",
		NUMFMT_MACHINE, NULL, NULL, NULL, &d) != 0)
		die("period 2023", &d);
	memset(&ev, 0, sizeof(ev));
	ev.sev_doc_number = "01/QĐ-UBND";
	ev.sev_doc_date = "2023-01-15";
	ev.sev_note = "fuzz";
	ev.sev_file_name = "quyet-dinh.txt";
	ev.sev_file_type = "text/plain";
	if (app_evidence_attach(fz.s, &op, "2023", "ninh-thuan", "1.1", &ev,
		file, sizeof(file) - 1, &d) != 0)
		die("app_evidence_attach", &d);
	/* 2021: closed */
	if (app_period_add(fz.s, &op, "2021", 0, NULL, NULL, NULL, NULL, &d) !=
		0 ||
	    app_period_set_status(fz.s, &op, "2021", PERIOD_CLOSED, NULL, &d) !=
		0)
		die("period 2021", &d);
	if (app_backup(fz.s, fz.pristine, &d) != 0)
		die("app_backup", &d);
	diag_free(&d);
}

/* Each account's fixed session, fresh. */
static void
add_sessions(void)
{
	long now = (long)time(NULL);
	size_t i;

	for (i = 0; i < NACCOUNTS; i++) {
		struct st_account a;

		if (store_account_get(fz.s, accounts[i].login, &a) != 0)
			die("store_account_get", NULL);
		pad64(fz.token[i], "fuzz-session-", accounts[i].login);
		pad64(fz.csrf[i], "fuzz-csrf-", accounts[i].login);
		sha256_hex(fz.token[i], 64, fz.token_hash[i]);
		if (store_tx_begin(fz.s) != 0 ||
		    store_session_add(fz.s, fz.token_hash[i], a.sac_id,
			fz.csrf[i], now, now + AUTH_SESSION_TTL) != 0 ||
		    store_tx_commit(fz.s) != 0)
			die("store_session_add", NULL);
	}
}

/* The server on the database, on a port of its own choosing. */
static void
server_start(void)
{
	struct http_opts ho;
	struct diag d;

	if (api_server_init(&fz.as, fz.db) != 0)
		die("api_server_init", NULL);
	fz.as.as_log = fz.log ? stderr : NULL;
	memset(&ho, 0, sizeof(ho));
	ho.ho_addr = "127.0.0.1";
	ho.ho_port = 0;
	ho.ho_threads = 1; /* one server thread: inputs do not overlap */
	ho.ho_max_conns = 64;
	ho.ho_max_per_ip = 64;
	ho.ho_timeout = 2;
	ho.ho_handler = handler;
	ho.ho_admit = api_admit;
	ho.ho_refuse = api_refuse;
	ho.ho_ctx = &fz.as;
	ho.ho_done = api_log;
	diag_init(&d);
	if (http_start(&ho, &fz.hs, &d) != 0)
		die("http_start", &d);
	diag_free(&d);
	fz.port = http_port(fz.hs);
}

static void
server_stop(void)
{
	http_stop(fz.hs);
	api_server_fini(&fz.as);
}

/*
 * Give each account its fixed session again if it ended (a fuzzed logout)
 * or would expire. The store rightly has no call to revive an ended
 * session, so the harness goes back to the database as it was before the
 * first input (checked first: inputs must not damage it) and adds the
 * sessions afresh; the server restarts on it.
 */
static void
restore_sessions(void)
{
	long now = (long)time(NULL);
	struct store *p = NULL;
	struct diag d;
	size_t i;
	int stale = 0;

	for (i = 0; i < NACCOUNTS && !stale; i++) {
		struct st_session ss;

		stale = store_session_get(fz.s, fz.token_hash[i], &ss) != 0 ||
		    now - ss.ss_last_seen >= AUTH_IDLE_TTL - 120 ||
		    now >= ss.ss_expires - 120;
	}
	if (!stale)
		return;
	server_stop();
	if (store_check(fz.s) != 0)
		die("store_check: the inputs damaged the database", NULL);
	app_close(fz.s);
	fz.s = NULL;
	diag_init(&d);
	if (store_remove(fz.db, &d) != 0 ||
	    app_open(&p, fz.pristine, &d) != 0 || app_backup(p, fz.db, &d) != 0)
		die("restore", &d);
	app_close(p);
	if (app_open(&fz.s, fz.db, &d) != 0)
		die("app_open", &d);
	diag_free(&d);
	add_sessions();
	server_start();
	fz.touched = 0; /* a new baseline before the next input */
}

/* Only the logins the fuzzer knows are rate limited no longer. */
static void
reset_limits(void)
{
	char key[96];
	size_t i;

	auth_limiter_reset(fz.as.as_lim, "i:127.0.0.1");
	for (i = 0; i < NACCOUNTS; i++) {
		snprintf(key, sizeof(key), "a:%s", accounts[i].login);
		auth_limiter_reset(fz.as.as_lim, key);
	}
}

static void
cleanup(void)
{
	if (!fz.ready)
		return;
	fz.ready = 0;
	server_stop();
	app_close(fz.s);
	store_remove(fz.db, NULL);
	store_remove(fz.pristine, NULL);
	rmdir(fz.dir);
}

static void
setup(void)
{
	const char *tmp = getenv("TMPDIR");

	signal(SIGPIPE, SIG_IGN);
	if (auth_init() != 0)
		die("auth_init", NULL);
	snprintf(fz.dir, sizeof(fz.dir), "%s/dti-fuzz-json-XXXXXX",
	    tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
	if (mkdtemp(fz.dir) == NULL) {
		perror(fz.dir);
		abort();
	}
	snprintf(fz.db, sizeof(fz.db), "%s/dti.db", fz.dir);
	snprintf(fz.pristine, sizeof(fz.pristine), "%s/pristine.db", fz.dir);
	make_db();
	add_sessions();
	fz.log = getenv("DTI_FUZZ_JSON_LOG") != NULL;
	server_start();
	fz.strict = getenv("DTI_FUZZ_JSON_STRICT") != NULL &&
	    strcmp(getenv("DTI_FUZZ_JSON_STRICT"), "1") == 0;
	fz.ready = 1;
	atexit(cleanup);
}

/* Abort with ${why} and the bytes ${what} (a response or a request). */
static void
fail_what(const char *why, const char *what, const char *head, size_t n)
{
	fprintf(stderr, "fuzz_json: %s\n--- %s ---\n%.*s\n", why, what,
	    (int)(n < 4096 ? n : 4096), head);
	abort();
}

static void
fail(const char *why, const char *head, size_t n)
{
	fail_what(why, "response", head, n);
}

/* The value of header ${name} in the header block [h, end), or NULL. */
static const char *
header(const char *h, const char *end, const char *name, size_t *len)
{
	size_t n = strlen(name);
	const char *p = h, *eol;

	while (p < end && (eol = strstr(p, "\r\n")) != NULL && eol <= end) {
		if ((size_t)(eol - p) > n && p[n] == ':' &&
		    strncasecmp(p, name, n) == 0) {
			p += n + 1;
			while (p < eol && (*p == ' ' || *p == '\t'))
				p++;
			*len = (size_t)(eol - p);
			return p;
		}
		p = eol + 2;
	}
	return NULL;
}

struct response {
	struct buf r_b; /* what has come, up to RESP_MAX bytes */
	size_t r_total; /* read in all */
	size_t r_start; /* of the final response (after any 1xx) */
	size_t r_body; /* where its body starts, 0 until known */
	long r_length; /* Content-Length, -1 if none */
	int r_status;
	int r_is_json;
};

/*
 * Parse what has come so far; 1 when the whole response is here (then
 * the connection can be dropped before the server closes it).
 */
static int
response_done(struct response *r, int head_only)
{
	const char *all = buf_cstr(&r->r_b);

	for (;;) {
		const char *h = all + r->r_start, *end, *v;
		size_t len;
		char num[24];

		if (r->r_body == 0) {
			end = strstr(h, "\r\n\r\n");
			if (end == NULL)
				return 0;
			if (strncmp(h, "HTTP/1.", 7) != 0 ||
			    sscanf(h + 8, " %3d", &r->r_status) != 1)
				fail("not an HTTP response", all, r->r_b.b_len);
			if (r->r_status >= 100 && r->r_status < 200) {
				r->r_start = (size_t)(end + 4 - all);
				continue; /* 100 Continue: the answer follows */
			}
			r->r_body = (size_t)(end + 4 - all);
			r->r_length = -1;
			v = header(h, end + 2, "Content-Length", &len);
			if (v != NULL && len > 0 && len < sizeof(num)) {
				memcpy(num, v, len);
				num[len] = '\0';
				r->r_length = strtol(num, NULL, 10);
			}
			v = header(h, end + 2, "Content-Type", &len);
			r->r_is_json = v != NULL && len >= 16 &&
			    strncmp(v, "application/json", 16) == 0;
		}
		if (head_only || r->r_status == 204 || r->r_status == 304)
			return 1;
		return r->r_length >= 0 &&
		    r->r_total - r->r_body >= (size_t)r->r_length;
	}
}

/* Check an answer of our API (not one libmicrohttpd made itself). */
static void
check(struct response *r, int head_only)
{
	const char *all = buf_cstr(&r->r_b), *h = all + r->r_start;
	const char *end = strstr(h, "\r\n\r\n");
	json_error_t je;
	json_t *j, *e, *m;
	size_t len;

	if (!r->r_is_json || head_only || r->r_length < 0 ||
	    r->r_b.b_len != r->r_body + (size_t)r->r_length)
		return;
	if (header(h, end + 2, "X-Content-Type-Options", &len) == NULL ||
	    header(h, end + 2, "Content-Security-Policy", &len) == NULL)
		fail("a JSON answer without the security headers", all,
		    r->r_b.b_len);
	j = json_loadb(all + r->r_body, (size_t)r->r_length, 0, &je);
	if (j == NULL || !json_is_object(j))
		fail("a JSON answer that is not a JSON object", all,
		    r->r_b.b_len);
	if (r->r_status >= 400) {
		e = json_object_get(j, "error");
		m = json_object_get(e, "message");
		if (!json_is_object(e) ||
		    !json_is_string(json_object_get(e, "code")) ||
		    !json_is_string(json_object_get(m, "vi")) ||
		    !json_is_string(json_object_get(m, "en")))
			fail("an error answer without the error object", all,
			    r->r_b.b_len);
	} else if (json_object_get(j, "error") != NULL) {
		fail(
		    "a success answer with an error object", all, r->r_b.b_len);
	}
	if (fz.strict && r->r_status >= 500)
		fail("a 5xx answer (DTI_FUZZ_JSON_STRICT)", all, r->r_b.b_len);
	json_decref(j);
}

/*
 * Send ${data} as one connection's bytes; read and check the answer. Its
 * status, or 0 when no whole answer came.
 */
static int
exchange(const uint8_t *data, size_t size)
{
	struct timeval tv = { 0, IO_TIMEOUT_MS * 1000 };
	struct linger lg = { 1, 0 };
	struct sockaddr_in sa;
	struct response r;
	char chunk[16384];
	size_t off = 0;
	ssize_t n;
	int fd, done = 0, waits = 0, was_busy = 0;
	int head_only = size >= 5 && memcmp(data, "HEAD ", 5) == 0;

	fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0) {
		perror("fuzz_json: socket");
		abort();
	}
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons(fz.port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	/* libFuzzer's timers send signals: an interrupted connect goes on */
	while (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0 &&
	    errno != EISCONN) {
		if (errno != EINTR && errno != EALREADY) {
			perror("fuzz_json: connect");
			abort();
		}
	}
	while (off < size) {
		n = send(fd, data + off, size - off, MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break; /* the server stopped reading: fine */
		off += (size_t)n;
	}
	/*
	 * No shutdown(SHUT_WR): libmicrohttpd does not give up on an
	 * incomplete request at the end of input, and after a complete one
	 * it would close first, leaving its side in TIME_WAIT.
	 */
	memset(&r, 0, sizeof(r));
	buf_init(&r.r_b);
	while (!done) {
		n = recv(fd, chunk, sizeof(chunk), 0);
		if (n < 0 && errno == EINTR)
			continue;
		/*
		 * Nothing for a while: wait on while a handler runs (a login
		 * hashes a password), and for one more read after it ends;
		 * otherwise the server waits for more of the request (a
		 * Content-Length past the end of the input) and the
		 * connection is dropped.
		 */
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) &&
		    ++waits < IO_WAITS) {
			int busy = atomic_load(&fz.busy) > 0;

			if (busy || was_busy) {
				was_busy = busy;
				continue;
			}
		}
		if (n <= 0)
			break; /* closed, reset, or timed out */
		if (r.r_b.b_len + (size_t)n <= RESP_MAX)
			buf_append(&r.r_b, chunk, (size_t)n);
		r.r_total += (size_t)n;
		done = response_done(&r, head_only);
	}
	if (fz.log)
		fprintf(stderr, "--- %zu bytes%s ---\n%.*s\n", r.r_total,
		    done ? "" : " (incomplete)",
		    (int)(r.r_b.b_len < 2048 ? r.r_b.b_len : 2048),
		    buf_cstr(&r.r_b));
	if (done && !r.r_is_json)
		fail("an answer of the API that is not JSON", buf_cstr(&r.r_b),
		    r.r_b.b_len);
	if (done)
		check(&r, head_only);
	buf_free(&r.r_b);
	/* drop the connection with a reset: no TIME_WAIT piles up */
	setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
	close(fd);
	return done ? r.r_status : 0;
}

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

	if (fz.touched != 0 && now - fz.touched < 30)
		return;
	if (store_tx_begin(fz.s) != 0)
		die("store_tx_begin", NULL);
	for (i = 0; i < NACCOUNTS; i++)
		if (store_session_touch(fz.s, fz.token_hash[i], now) != 0)
			die("store_session_touch", NULL);
	if (store_tx_commit(fz.s) != 0 || store_digest(fz.s, fz.digest) != 0 ||
	    store_census(fz.s, &fz.census) != 0)
		die("store_digest", NULL);
	fz.touched = now;
	fz.since = 0;
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
		setup();
	r = data[0] % NROUTES;
	a = data[1] % NACCOUNTS;
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
	status = exchange((const uint8_t *)buf_cstr(&rq), rq.b_len);
	if (status == 0)
		fail_what("no answer", "request", buf_cstr(&rq), rq.b_len);
	refused = status >= 400 && status < 500;
	if (store_census(fz.s, &census) != 0)
		die("store_census", NULL);
	/* every write adds a row (an audit line at least): the census is
	 * cheap and names the very input */
	if (refused && memcmp(&census, &fz.census, sizeof(census)) != 0)
		fail_what("a 4xx answer, yet the database changed (census)",
		    "request", buf_cstr(&rq), rq.b_len);
	fz.census = census;
	/*
	 * The digest reads every row, too slow for each input: it is taken
	 * after every input that may have written, and compared after a run
	 * of DIGEST_EVERY refused ones, which must have changed nothing.
	 */
	if (!refused || ++fz.since == DIGEST_EVERY) {
		if (store_digest(fz.s, after) != 0)
			die("store_digest", NULL);
		if (refused && strcmp(after, fz.digest) != 0)
			fail_what("the database changed during a run of 4xx "
				  "answers (this input is the last of them)",
			    "request", buf_cstr(&rq), rq.b_len);
		/* what did not change was checked after an earlier input */
		if (strcmp(after, fz.digest) != 0 && store_check(fz.s) != 0)
			fail_what("store_check: the input damaged the database",
			    "request", buf_cstr(&rq), rq.b_len);
		memcpy(fz.digest, after, sizeof(after));
		fz.since = 0;
	}
	buf_free(&rq);
	restore_sessions();
	reset_limits();
	return 0;
}
