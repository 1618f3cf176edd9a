/*
 * fuzz_server.c: the fixture of fuzz_http.c and fuzz_json.c (see
 * fuzz_server.h): the real server (http_start + api_handle) running in
 * this process, on a scratch database, and one exchange with it.
 *
 * Once, on the first input, a scratch database is made in a temporary
 * directory through app/ alone, the way "dti init --demo" makes one
 * (built-in methodology, organisation file, the illustrative 2022 round,
 * approved), with an open period 2023 holding one draft value and one
 * evidence file, a closed period 2021, and accounts of each role; a copy
 * of it is kept. Each account gets a session with a fixed token and CSRF
 * token (see accounts[] below, and the dictionary), so inputs can reach
 * the handlers behind the login. Between inputs the login rate limits of
 * the demo accounts and of 127.0.0.1 are reset, and the database keeps
 * what earlier inputs wrote, until a session has ended (a fuzzed logout)
 * or would expire: then the database is checked, replaced by the copy,
 * given fresh sessions, and the server restarts on it.
 *
 * Each exchange aborts on a broken contract of the API: a response that
 * is not HTTP, a JSON response that is not a JSON object or lacks the
 * security headers, an error without the error object {"error": {"code",
 * "message": {"vi", "en"}}}, or a success with one (and, with
 * DTI_FUZZ_NAME_STRICT=1, any 5xx answer of the API).
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

#include "fuzz_server.h"

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
_Static_assert(NACCOUNTS == FUZZ_NACCOUNTS, "FUZZ_NACCOUNTS in fuzz_server.h");

struct fuzz_server fz;

/* The server's handler: api_handle, counted. */
static void
handler(struct http_req *rq, struct http_resp *rs, void *ctx)
{
	atomic_fetch_add(&fz.busy, 1);
	api_handle(rq, rs, ctx);
	atomic_fetch_sub(&fz.busy, 1);
}

void
fuzz_server_die(const char *what, struct diag *d)
{
	struct diag sd;
	size_t i;

	fprintf(stderr, "fuzz_%s: setup failed: %s\n", fz.name, what);
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
		fuzz_server_die("app_init", &d);
	for (i = 0; i < NACCOUNTS; i++)
		if (app_user_add(fz.s, &op, accounts[i].login, accounts[i].role,
			accounts[i].agency, PASSWORD, NULL, 0, &d) != 0)
			fuzz_server_die("app_user_add", &d);
	/* 2022: the illustrative round, approved */
	if (app_period_add(fz.s, &op, "2022", 0, NULL, NULL,
		"SỐ LIỆU MINH HỌA — không phải số liệu thật", NULL, &d) != 0)
		fuzz_server_die("app_period_add 2022", &d);
	f = fmemopen((void *)builtin_demo_text, builtin_demo_len, "r");
	if (f == NULL ||
	    app_values_import(fz.s, &op, "2022", f, builtin_demo_name,
		NUMFMT_MACHINE, VALUE_APPROVED, APP_IMPORT_ADD_UNITS, &count,
		&d) != 0)
		fuzz_server_die("app_values_import", &d);
	fclose(f);
	/* 2023: open, one draft value with an evidence file */
	if (app_period_add(fz.s, &op, "2023", 0, NULL, NULL, NULL, NULL, &d) !=
		0 ||
	    app_value_put(fz.s, &op, "2023", "ninh-thuan", "1.1", "leader",
		NUMFMT_MACHINE, NULL, NULL, NULL, &d) != 0)
		fuzz_server_die("period 2023", &d);
	memset(&ev, 0, sizeof(ev));
	ev.sev_doc_number = "01/QĐ-UBND";
	ev.sev_doc_date = "2023-01-15";
	ev.sev_note = "fuzz";
	ev.sev_file_name = "quyet-dinh.txt";
	ev.sev_file_type = "text/plain";
	if (app_evidence_attach(fz.s, &op, "2023", "ninh-thuan", "1.1", &ev,
		file, sizeof(file) - 1, &d) != 0)
		fuzz_server_die("app_evidence_attach", &d);
	/* 2021: closed */
	if (app_period_add(fz.s, &op, "2021", 0, NULL, NULL, NULL, NULL, &d) !=
		0 ||
	    app_period_set_status(fz.s, &op, "2021", PERIOD_CLOSED, NULL, &d) !=
		0)
		fuzz_server_die("period 2021", &d);
	if (app_backup(fz.s, fz.pristine, &d) != 0)
		fuzz_server_die("app_backup", &d);
	diag_free(&d);
}

/* Each account's fixed session, fresh. */
static void
add_sessions(void)
{
	long now = (long)time(NULL);
	size_t i;

	for (i = 0; i < NACCOUNTS; i++) {
		struct st_session_new n = { 0 };
		struct st_account a;

		if (store_account_get(fz.s, accounts[i].login, &a) != 0)
			fuzz_server_die("store_account_get", NULL);
		pad64(fz.token[i], "fuzz-session-", accounts[i].login);
		pad64(fz.csrf[i], "fuzz-csrf-", accounts[i].login);
		sha256_hex(fz.token[i], 64, fz.token_hash[i]);
		n.ssn_token_hash = fz.token_hash[i];
		n.ssn_id = accounts[i].login;
		n.ssn_account = a.sac_id;
		n.ssn_csrf = fz.csrf[i];
		n.ssn_now = now;
		n.ssn_expires = now + AUTH_SESSION_TTL;
		if (store_tx_begin(fz.s) != 0 ||
		    store_session_add(fz.s, &n) != 0 ||
		    store_tx_commit(fz.s) != 0)
			fuzz_server_die("store_session_add", NULL);
	}
}

/* The server on the database, on a port of its own choosing. */
static void
server_start(void)
{
	struct http_opts ho;
	struct diag d;

	if (api_server_init(&fz.as, fz.db) != 0)
		fuzz_server_die("api_server_init", NULL);
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
		fuzz_server_die("http_start", &d);
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
int
fuzz_server_restore_sessions(void)
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
		return 0;
	server_stop();
	if (store_check(fz.s) != 0)
		fuzz_server_die(
		    "store_check: the inputs damaged the database", NULL);
	app_close(fz.s);
	fz.s = NULL;
	diag_init(&d);
	if (store_remove(fz.db, &d) != 0 ||
	    app_open(&p, fz.pristine, &d) != 0 || app_backup(p, fz.db, &d) != 0)
		fuzz_server_die("restore", &d);
	app_close(p);
	if (app_open(&fz.s, fz.db, &d) != 0)
		fuzz_server_die("app_open", &d);
	diag_free(&d);
	add_sessions();
	server_start();
	return 1;
}

/* Only the logins the fuzzer knows are rate limited no longer. */
void
fuzz_server_reset_limits(void)
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

void
fuzz_server_setup(const char *name)
{
	const char *tmp = getenv("TMPDIR");
	char upper[32];
	size_t i;

	fz.name = name;
	for (i = 0; name[i] != '\0' && i < sizeof(upper) - 1; i++)
		upper[i] = (char)toupper((unsigned char)name[i]);
	upper[i] = '\0';
	snprintf(fz.env_log, sizeof(fz.env_log), "DTI_FUZZ_%s_LOG", upper);
	snprintf(
	    fz.env_strict, sizeof(fz.env_strict), "DTI_FUZZ_%s_STRICT", upper);
	signal(SIGPIPE, SIG_IGN);
	if (auth_init() != 0)
		fuzz_server_die("auth_init", NULL);
	snprintf(fz.dir, sizeof(fz.dir), "%s/dti-fuzz-%s-XXXXXX",
	    tmp != NULL && *tmp != '\0' ? tmp : "/tmp", name);
	if (mkdtemp(fz.dir) == NULL) {
		perror(fz.dir);
		abort();
	}
	snprintf(fz.db, sizeof(fz.db), "%s/dti.db", fz.dir);
	snprintf(fz.pristine, sizeof(fz.pristine), "%s/pristine.db", fz.dir);
	make_db();
	add_sessions();
	fz.log = getenv(fz.env_log) != NULL;
	server_start();
	fz.strict = getenv(fz.env_strict) != NULL &&
	    strcmp(getenv(fz.env_strict), "1") == 0;
	fz.ready = 1;
	atexit(cleanup);
}

void
fuzz_server_fail(const char *why, const char *what, const char *head, size_t n)
{
	fprintf(stderr, "fuzz_%s: %s\n--- %s ---\n%.*s\n", fz.name, why, what,
	    (int)(n < 4096 ? n : 4096), head);
	abort();
}

static void
fail(const char *why, const char *head, size_t n)
{
	fuzz_server_fail(why, "response", head, n);
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
	if (fz.strict && r->r_status >= 500) {
		char why[96];

		snprintf(why, sizeof(why), "a 5xx answer (%s)", fz.env_strict);
		fail(why, all, r->r_b.b_len);
	}
	json_decref(j);
}

int
fuzz_server_exchange(const uint8_t *data, size_t size, int want_json)
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
	char what[64];

	fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0) {
		snprintf(what, sizeof(what), "fuzz_%s: socket", fz.name);
		perror(what);
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
			snprintf(
			    what, sizeof(what), "fuzz_%s: connect", fz.name);
			perror(what);
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
	if (want_json && done && !r.r_is_json)
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
