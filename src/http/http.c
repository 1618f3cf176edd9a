/*
 * http.c: the libmicrohttpd adapter. The access handler is called several
 * times per request: first to create the context, then once per body
 * chunk, then a last time with no data, when the handler runs and the
 * response is queued. Queueing earlier would close the connection after
 * every response.
 */
#include "http/http.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

struct http_server {
	struct MHD_Daemon *hs_d;
	struct http_opts hs_o;
	pthread_mutex_t hs_mu;
	int hs_active; /* requests begun and not yet answered */
};

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
	r = MHD_post_process(pp, rq->rq_body.b_data ? rq->rq_body.b_data : "",
	    rq->rq_body.b_len);
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
		return MHD_YES;
	}
	if (*upload_size > 0) { /* a body chunk: keep it, within the limit */
		if (rq->rq_body.b_len + *upload_size > HTTP_MAX_BODY)
			rq->rq_too_large = 1;
		else
			buf_append(&rq->rq_body, upload, *upload_size);
		*upload_size = 0;
		return MHD_YES;
	}
	/* the last call: the whole request is here */
	memset(&rs, 0, sizeof(rs));
	buf_init(&rs.rs_body);
	rs.rs_status = 500;
	rs.rs_type = "application/json; charset=utf-8";
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

	(void)conn;
	if (rq == NULL)
		return;
	pthread_mutex_lock(&hs->hs_mu);
	hs->hs_active--;
	pthread_mutex_unlock(&hs->hs_mu);
	if (hs->hs_o.ho_done != NULL)
		hs->hs_o.ho_done(rq,
		    toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? rq->rq_status
							       : 0,
		    hs->hs_o.ho_ctx);
	buf_free(&rq->rq_body);
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
	hs->hs_d = MHD_start_daemon(
	    MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC,
	    o->ho_port, NULL, NULL, access_cb, hs, MHD_OPTION_SOCK_ADDR,
	    (const struct sockaddr *)&sa, MHD_OPTION_THREAD_POOL_SIZE,
	    o->ho_threads, MHD_OPTION_CONNECTION_LIMIT, o->ho_max_conns,
	    MHD_OPTION_PER_IP_CONNECTION_LIMIT, o->ho_max_per_ip,
	    MHD_OPTION_CONNECTION_TIMEOUT, o->ho_timeout,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)HTTP_MAX_HEADERS,
	    MHD_OPTION_STRICT_FOR_CLIENT, 1, MHD_OPTION_NOTIFY_COMPLETED,
	    completed_cb, hs, MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024,
	    MHD_OPTION_END);
	if (hs->hs_d == NULL) {
		diag_add(d, DIAG_ERROR, "http.listen", NULL, 0, 0,
		    "không nghe được ở %s:%u", "cannot listen on %s:%u",
		    o->ho_addr, o->ho_port);
		pthread_mutex_destroy(&hs->hs_mu);
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
	pthread_mutex_destroy(&hs->hs_mu);
	free(hs);
}

unsigned short
http_port(struct http_server *hs)
{
	const union MHD_DaemonInfo *di =
	    MHD_get_daemon_info(hs->hs_d, MHD_DAEMON_INFO_BIND_PORT);

	return di != NULL ? di->port : 0;
}
