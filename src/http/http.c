/*
 * http.c: the libmicrohttpd adapter. The access handler is called several
 * times per request: first to create the context, then once per body
 * chunk, then a last time with no data, when the handler runs and the
 * response is queued. Queueing earlier would close the connection after
 * every response: that is what a refusal at admission does on purpose.
 *
 * A watchdog thread gives each connection deadlines libmicrohttpd 0.9.75
 * has no option for: its request head must be in within
 * HTTP_HEAD_TIMEOUT of the connection's start or the end of its previous
 * request, and its body must keep HTTP_BODY_MIN_RATE on average. An
 * overdue connection's socket is shut down (not closed): libmicrohttpd
 * then sees the end of the stream and closes it. Connections are
 * registered in MHD_CONNECTION_NOTIFY_STARTED and removed in
 * MHD_CONNECTION_NOTIFY_CLOSED, which libmicrohttpd calls before it
 * closes the socket (daemon.c, MHD_cleanup_connections), both under
 * hs_cmu, so a closed (and maybe reused) descriptor is never touched.
 */
#include "http/http.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

/* One open connection, watched for its deadline. */
struct http_conn {
	int hc_fd;
	double hc_deadline; /* monotonic s; 0: none (a handler runs) */
	struct http_conn *hc_next, *hc_prev;
};

struct http_server {
	struct MHD_Daemon *hs_d;
	struct http_opts hs_o;
	pthread_mutex_t hs_mu;
	int hs_active; /* requests begun and not yet answered */
	size_t hs_inflight; /* body bytes reserved, of HTTP_BODY_BUDGET */
	pthread_mutex_t hs_cmu; /* the list of connections, their deadlines */
	struct http_conn *hs_conns;
	pthread_t hs_watch;
	int hs_stopping; /* under hs_cmu: the watchdog ends */
	pthread_cond_t hs_cv;
};

static double
now_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void
conn_deadline(struct http_server *hs, struct MHD_Connection *c, double when)
{
	const union MHD_ConnectionInfo *ci =
	    MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	struct http_conn *hc;

	if (ci == NULL || (hc = ci->socket_context) == NULL)
		return;
	pthread_mutex_lock(&hs->hs_cmu);
	hc->hc_deadline = when;
	pthread_mutex_unlock(&hs->hs_cmu);
}

static void
notify_cb(void *cls, struct MHD_Connection *c, void **socket_ctx,
    enum MHD_ConnectionNotificationCode code)
{
	struct http_server *hs = cls;
	struct http_conn *hc = *socket_ctx;

	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		const union MHD_ConnectionInfo *ci = MHD_get_connection_info(
		    c, MHD_CONNECTION_INFO_CONNECTION_FD);

		if (ci == NULL)
			return;
		hc = xcalloc(1, sizeof(*hc));
		hc->hc_fd = ci->connect_fd;
		hc->hc_deadline = now_s() + HTTP_HEAD_TIMEOUT;
		pthread_mutex_lock(&hs->hs_cmu);
		hc->hc_next = hs->hs_conns;
		if (hs->hs_conns != NULL)
			hs->hs_conns->hc_prev = hc;
		hs->hs_conns = hc;
		pthread_mutex_unlock(&hs->hs_cmu);
		*socket_ctx = hc;
		return;
	}
	if (hc == NULL)
		return;
	pthread_mutex_lock(&hs->hs_cmu);
	if (hc->hc_prev != NULL)
		hc->hc_prev->hc_next = hc->hc_next;
	else
		hs->hs_conns = hc->hc_next;
	if (hc->hc_next != NULL)
		hc->hc_next->hc_prev = hc->hc_prev;
	pthread_mutex_unlock(&hs->hs_cmu);
	free(hc);
	*socket_ctx = NULL;
}

static void *
watchdog(void *arg)
{
	struct http_server *hs = arg;
	struct http_conn *hc;
	struct timespec until;

	pthread_mutex_lock(&hs->hs_cmu);
	while (!hs->hs_stopping) {
		double now = now_s();

		for (hc = hs->hs_conns; hc != NULL; hc = hc->hc_next) {
			if (hc->hc_deadline != 0 && now > hc->hc_deadline) {
				shutdown(hc->hc_fd, SHUT_RDWR);
				hc->hc_deadline = 0;
			}
		}
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_nsec += 250 * 1000 * 1000;
		if (until.tv_nsec >= 1000 * 1000 * 1000) {
			until.tv_sec++;
			until.tv_nsec -= 1000 * 1000 * 1000;
		}
		pthread_cond_timedwait(&hs->hs_cv, &hs->hs_cmu, &until);
	}
	pthread_mutex_unlock(&hs->hs_cmu);
	return NULL;
}

const char *
http_header(struct http_req *rq, const char *name)
{
	return MHD_lookup_connection_value(rq->rq_conn, MHD_HEADER_KIND, name);
}

const char *
http_query(struct http_req *rq, const char *name)
{
	return MHD_lookup_connection_value(
	    rq->rq_conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *
http_cookie(struct http_req *rq, const char *name)
{
	return MHD_lookup_connection_value(rq->rq_conn, MHD_COOKIE_KIND, name);
}

void
http_set_header(struct http_resp *rs, const char *name, const char *value)
{
	if (rs->rs_nheaders == HTTP_MAX_RESP_HEADERS)
		return;
	rs->rs_hname[rs->rs_nheaders] = xstrdup(name);
	rs->rs_hvalue[rs->rs_nheaders++] = xstrdup(value);
}

struct form_ctx {
	http_form_cb *fc_cb;
	void *fc_ctx;
	int fc_stopped;
};

static enum MHD_Result
form_iter(void *cls, enum MHD_ValueKind kind, const char *key,
    const char *filename, const char *type, const char *enc, const char *data,
    uint64_t off, size_t size)
{
	struct form_ctx *fc = cls;

	(void)kind;
	(void)enc;
	if (key == NULL) { /* a part without a name: not a form we read */
		fc->fc_stopped = 1;
		return MHD_NO;
	}
	if (fc->fc_cb(fc->fc_ctx, key, filename, type, data, (size_t)off,
		size) != 0) {
		fc->fc_stopped = 1;
		return MHD_NO;
	}
	return MHD_YES;
}

int
http_form(struct http_req *rq, http_form_cb *cb, void *ctx)
{
	struct form_ctx fc = { cb, ctx, 0 };
	struct MHD_PostProcessor *pp;
	enum MHD_Result r;

	pp = MHD_create_post_processor(rq->rq_conn, 64 * 1024, form_iter, &fc);
	if (pp == NULL) /* not a form content type */
		return -1;
	if (rq->rq_file != NULL) { /* spooled: decode it in pieces */
		char chunk[16 << 10];
		size_t n;

		r = MHD_YES;
		if (fseek(rq->rq_file, 0, SEEK_SET) != 0)
			r = MHD_NO;
		while (r == MHD_YES &&
		    (n = fread(chunk, 1, sizeof(chunk), rq->rq_file)) > 0)
			r = MHD_post_process(pp, chunk, n);
		if (ferror(rq->rq_file))
			r = MHD_NO;
	} else {
		r = MHD_post_process(pp,
		    rq->rq_body.b_data ? rq->rq_body.b_data : "",
		    rq->rq_body.b_len);
	}
	/* MHD_destroy_post_processor fails when the body was cut short */
	if (MHD_destroy_post_processor(pp) != MHD_YES)
		r = MHD_NO;
	return r == MHD_YES && !fc.fc_stopped ? 0 : -1;
}

static void
resp_free(struct http_resp *rs)
{
	int i;

	buf_free(&rs->rs_body);
	for (i = 0; i < rs->rs_nheaders; i++) {
		free(rs->rs_hname[i]);
		free(rs->rs_hvalue[i]);
	}
}

static void
client_ip(struct MHD_Connection *c, char *out, size_t size)
{
	const union MHD_ConnectionInfo *ci =
	    MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = ci != NULL ? ci->client_addr : NULL;

	snprintf(out, size, "?");
	if (sa == NULL)
		return;
	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr,
		    out, (socklen_t)size);
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6,
		    &((const struct sockaddr_in6 *)sa)->sin6_addr, out,
		    (socklen_t)size);
}

/* Add up the bytes of one header line (name, ": ", value, CRLF). */
static enum MHD_Result
head_bytes(
    void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	size_t *sum = cls;

	(void)kind;
	*sum += strlen(key) + (value != NULL ? strlen(value) : 0) + 4;
	return MHD_YES;
}

/*
 * answer_now(hs, conn, rq, rs): queue ${rs} before the body is read, with
 * "Connection: close": libmicrohttpd then discards the body (it never
 * reads it) and closes the connection after the answer, so nothing
 * behind this request on the connection is ever read as a request.
 */
static enum MHD_Result
answer_now(
    struct MHD_Connection *conn, struct http_req *rq, struct http_resp *rs)
{
	struct MHD_Response *r;
	enum MHD_Result ret;
	size_t len = rs->rs_body.b_len;
	int i;

	rq->rq_refused = 1;
	r = MHD_create_response_from_buffer(len,
	    rs->rs_body.b_data != NULL ? buf_steal(&rs->rs_body) : (void *)"",
	    len > 0 ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
	if (r == NULL) {
		resp_free(rs);
		return MHD_NO;
	}
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, rs->rs_type);
	for (i = 0; i < rs->rs_nheaders; i++)
		MHD_add_response_header(r, rs->rs_hname[i], rs->rs_hvalue[i]);
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONNECTION, "close");
	ret = MHD_queue_response(conn, (unsigned)rs->rs_status, r);
	MHD_destroy_response(r);
	rq->rq_status = rs->rs_status;
	resp_free(rs);
	return ret;
}

static void
resp_init(struct http_resp *rs, int status)
{
	memset(rs, 0, sizeof(*rs));
	buf_init(&rs->rs_body);
	rs->rs_status = status;
	rs->rs_type = "application/json; charset=utf-8";
}

/* refuse(hs, conn, rq, status): the adapter's own refusal, at once. */
static enum MHD_Result
refuse(struct http_server *hs, struct MHD_Connection *conn, struct http_req *rq,
    int status)
{
	struct http_resp rs;

	resp_init(&rs, status);
	if (hs->hs_o.ho_refuse != NULL)
		hs->hs_o.ho_refuse(rq, &rs, status, hs->hs_o.ho_ctx);
	return answer_now(conn, rq, &rs);
}

/* reserve(hs, rq, n): ${n} more bytes of the body budget; -1: spent. */
static int
reserve(struct http_server *hs, struct http_req *rq, size_t n)
{
	int ok;

	pthread_mutex_lock(&hs->hs_mu);
	ok = hs->hs_inflight + n <= HTTP_BODY_BUDGET;
	if (ok) {
		hs->hs_inflight += n;
		rq->rq_reserved += n;
	}
	pthread_mutex_unlock(&hs->hs_mu);
	return ok ? 0 : -1;
}

/*
 * admit(hs, conn, rq): decide from the request's head what its body may
 * cost, before any of it is read. RFC 9112 6.3: a message with both
 * Transfer-Encoding and Content-Length is an attempt at request
 * smuggling (400, and close); a transfer coding other than chunked is
 * not implemented (501, and close).
 */
static enum MHD_Result
admit(struct http_server *hs, struct MHD_Connection *conn, struct http_req *rq)
{
	const char *te = http_header(rq, MHD_HTTP_HEADER_TRANSFER_ENCODING);
	const char *cl = http_header(rq, MHD_HTTP_HEADER_CONTENT_LENGTH);
	unsigned long long len = 0;
	struct http_resp rs;
	size_t head = 0;
	char *end;

	if (te != NULL && cl != NULL)
		return refuse(hs, conn, rq, 400);
	if (te != NULL && strcasecmp(te, "chunked") != 0)
		return refuse(hs, conn, rq, 501);
	MHD_get_connection_values(conn, MHD_HEADER_KIND, head_bytes, &head);
	if (head > HTTP_MAX_HEADERS)
		return refuse(hs, conn, rq, 431);
	if (cl != NULL) {
		errno = 0;
		len = strtoull(cl, &end, 10);
		if (errno != 0 || end == cl || *end != '\0' || cl[0] == '-')
			return refuse(hs, conn, rq, 400);
	}
	rq->rq_limit = 0;
	if (hs->hs_o.ho_admit != NULL) {
		resp_init(&rs, 500);
		if (hs->hs_o.ho_admit(rq, &rs, hs->hs_o.ho_ctx) != 0)
			return answer_now(conn, rq, &rs);
		resp_free(&rs);
	}
	if (len > rq->rq_limit)
		return refuse(hs, conn, rq, 413);
	if (reserve(hs, rq, (size_t)len) != 0)
		return refuse(hs, conn, rq, 503);
	if (rq->rq_spool && (len > 0 || te != NULL)) {
		rq->rq_file = tmpfile(); /* unlinked: gone when closed */
		if (rq->rq_file == NULL)
			return refuse(hs, conn, rq, 503);
	}
	/* the body's deadline: a minimum rate for what may come */
	conn_deadline(hs, conn,
	    now_s() + HTTP_HEAD_TIMEOUT +
		(double)(te != NULL ? rq->rq_limit : len) / HTTP_BODY_MIN_RATE);
	return MHD_YES;
}

/*
 * body_chunk(hs, rq, data, n): keep a piece of the body. A chunked body
 * that passes its limit or the budget closes the connection at once:
 * libmicrohttpd 0.9.75 cannot queue an answer while a body is read.
 */
static enum MHD_Result
body_chunk(
    struct http_server *hs, struct http_req *rq, const char *data, size_t n)
{
	if (n > rq->rq_limit - rq->rq_len)
		return MHD_NO;
	if (rq->rq_len + n > rq->rq_reserved &&
	    reserve(hs, rq, rq->rq_len + n - rq->rq_reserved) != 0)
		return MHD_NO;
	if (rq->rq_file != NULL) {
		if (fwrite(data, 1, n, rq->rq_file) != n)
			return MHD_NO;
	} else {
		buf_append(&rq->rq_body, data, n);
	}
	rq->rq_len += n;
	return MHD_YES;
}

static enum MHD_Result
access_cb(void *cls, struct MHD_Connection *conn, const char *url,
    const char *method, const char *version, const char *upload,
    size_t *upload_size, void **con_cls)
{
	struct http_server *hs = cls;
	struct http_req *rq = *con_cls;
	struct http_resp rs;
	struct MHD_Response *r;
	enum MHD_Result ret;
	int i;

	(void)version;
	if (rq == NULL) { /* first call: headers only */
		rq = xcalloc(1, sizeof(*rq));
		rq->rq_method = method;
		rq->rq_path = url;
		rq->rq_conn = conn;
		buf_init(&rq->rq_body);
		client_ip(conn, rq->rq_ip, sizeof(rq->rq_ip));
		clock_gettime(CLOCK_MONOTONIC, &rq->rq_start);
		snprintf(rq->rq_user, sizeof(rq->rq_user), "-");
		*con_cls = rq;
		pthread_mutex_lock(&hs->hs_mu);
		hs->hs_active++;
		pthread_mutex_unlock(&hs->hs_mu);
		return admit(hs, conn, rq);
	}
	if (rq->rq_refused) { /* answered already: nothing more is read */
		*upload_size = 0;
		return MHD_YES;
	}
	if (*upload_size > 0) { /* a body chunk: keep it, within the limit */
		ret = body_chunk(hs, rq, upload, *upload_size);
		*upload_size = 0;
		return ret;
	}
	/* the last call: the whole request is here */
	conn_deadline(hs, conn, 0);
	if (rq->rq_file != NULL &&
	    (fflush(rq->rq_file) != 0 || fseek(rq->rq_file, 0, SEEK_SET) != 0))
		return MHD_NO;
	resp_init(&rs, 500);
	hs->hs_o.ho_handler(rq, &rs, hs->hs_o.ho_ctx);
	/* hand the body over to libmicrohttpd, which frees it: no copy */
	if (rs.rs_body.b_data != NULL) {
		size_t len = rs.rs_body.b_len;

		r = MHD_create_response_from_buffer(
		    len, buf_steal(&rs.rs_body), MHD_RESPMEM_MUST_FREE);
	} else {
		r = MHD_create_response_from_buffer(
		    0, (void *)"", MHD_RESPMEM_PERSISTENT);
	}
	if (r == NULL) {
		resp_free(&rs);
		return MHD_NO;
	}
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, rs.rs_type);
	for (i = 0; i < rs.rs_nheaders; i++)
		MHD_add_response_header(r, rs.rs_hname[i], rs.rs_hvalue[i]);
	ret = MHD_queue_response(conn, (unsigned)rs.rs_status, r);
	MHD_destroy_response(r);
	rq->rq_status = rs.rs_status; /* for the log line */
	resp_free(&rs);
	return ret;
}

static void
completed_cb(void *cls, struct MHD_Connection *conn, void **con_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct http_server *hs = cls;
	struct http_req *rq = *con_cls;

	if (rq == NULL)
		return;
	pthread_mutex_lock(&hs->hs_mu);
	hs->hs_active--;
	hs->hs_inflight -= rq->rq_reserved;
	pthread_mutex_unlock(&hs->hs_mu);
	/* the next request's head (keep-alive) has a deadline of its own */
	conn_deadline(hs, conn, now_s() + HTTP_HEAD_TIMEOUT);
	if (hs->hs_o.ho_done != NULL)
		hs->hs_o.ho_done(rq,
		    toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? rq->rq_status
							       : 0,
		    hs->hs_o.ho_ctx);
	buf_free(&rq->rq_body);
	if (rq->rq_file != NULL)
		fclose(rq->rq_file);
	free(rq);
	*con_cls = NULL;
}

int
http_start(const struct http_opts *o, struct http_server **out, struct diag *d)
{
	struct http_server *hs = xcalloc(1, sizeof(*hs));
	struct sockaddr_in sa;

	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons(o->ho_port);
	if (inet_pton(AF_INET, o->ho_addr, &sa.sin_addr) != 1) {
		diag_add(d, DIAG_ERROR, "http.address", NULL, 0, 0,
		    "địa chỉ IPv4 '%s' không hợp lệ", "bad IPv4 address '%s'",
		    o->ho_addr);
		free(hs);
		return -1;
	}
	hs->hs_o = *o;
	pthread_mutex_init(&hs->hs_mu, NULL);
	pthread_mutex_init(&hs->hs_cmu, NULL);
	pthread_cond_init(&hs->hs_cv, NULL);
	hs->hs_d = MHD_start_daemon(
	    MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC,
	    o->ho_port, NULL, NULL, access_cb, hs, MHD_OPTION_SOCK_ADDR,
	    (const struct sockaddr *)&sa, MHD_OPTION_THREAD_POOL_SIZE,
	    o->ho_threads, MHD_OPTION_CONNECTION_LIMIT, o->ho_max_conns,
	    MHD_OPTION_PER_IP_CONNECTION_LIMIT, o->ho_max_per_ip,
	    MHD_OPTION_CONNECTION_TIMEOUT, o->ho_timeout,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)HTTP_POOL_SIZE,
	    MHD_OPTION_STRICT_FOR_CLIENT, 1, MHD_OPTION_NOTIFY_COMPLETED,
	    completed_cb, hs, MHD_OPTION_NOTIFY_CONNECTION, notify_cb, hs,
	    MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024, MHD_OPTION_END);
	if (hs->hs_d == NULL) {
		diag_add(d, DIAG_ERROR, "http.listen", NULL, 0, 0,
		    "không nghe được ở %s:%u", "cannot listen on %s:%u",
		    o->ho_addr, o->ho_port);
		pthread_mutex_destroy(&hs->hs_mu);
		pthread_mutex_destroy(&hs->hs_cmu);
		pthread_cond_destroy(&hs->hs_cv);
		free(hs);
		return -1;
	}
	if (pthread_create(&hs->hs_watch, NULL, watchdog, hs) != 0) {
		diag_add(d, DIAG_ERROR, "http.listen", NULL, 0, 0,
		    "không chạy được luồng canh giờ",
		    "cannot start the watchdog thread");
		MHD_stop_daemon(hs->hs_d);
		pthread_mutex_destroy(&hs->hs_mu);
		pthread_mutex_destroy(&hs->hs_cmu);
		pthread_cond_destroy(&hs->hs_cv);
		free(hs);
		return -1;
	}
	*out = hs;
	return 0;
}

void
http_stop(struct http_server *hs)
{
	struct timespec tick = { 0, 10 * 1000 * 1000 };
	int waited;

	if (hs == NULL)
		return;
	/*
	 * Stop accepting, let the requests in flight be answered (for at
	 * most 30 s), then stop: MHD_stop_daemon closes idle keep-alive
	 * connections and joins the threads.
	 */
	MHD_quiesce_daemon(hs->hs_d);
	for (waited = 0; waited < 3000; waited++) {
		int active;

		pthread_mutex_lock(&hs->hs_mu);
		active = hs->hs_active;
		pthread_mutex_unlock(&hs->hs_mu);
		if (active == 0)
			break;
		nanosleep(&tick, NULL);
	}
	MHD_stop_daemon(hs->hs_d);
	pthread_mutex_lock(&hs->hs_cmu);
	hs->hs_stopping = 1;
	pthread_cond_signal(&hs->hs_cv);
	pthread_mutex_unlock(&hs->hs_cmu);
	pthread_join(hs->hs_watch, NULL);
	pthread_mutex_destroy(&hs->hs_mu);
	pthread_mutex_destroy(&hs->hs_cmu);
	pthread_cond_destroy(&hs->hs_cv);
	free(hs);
}

unsigned short
http_port(struct http_server *hs)
{
	const union MHD_DaemonInfo *di =
	    MHD_get_daemon_info(hs->hs_d, MHD_DAEMON_INFO_BIND_PORT);

	return di != NULL ? di->port : 0;
}
