/*
 * http.h: a small adapter over libmicrohttpd. It hides the library's
 * several-calls-per-request pattern: a handler sees one complete request
 * (headers and the whole body, within limits) and fills one response.
 * What a request may cost is decided from its head, before any body byte
 * is read: the admission hook gives the body limit (and whether the body
 * goes to a temporary file) or refuses the request at once.
 */
#ifndef DTI_HTTP_H
#define DTI_HTTP_H

#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include "util/buf.h"
#include "util/diag.h"

#define HTTP_MAX_BODY (24u << 20) /* a request body: 20 MiB file + form */
#define HTTP_MAX_HEADERS (32 << 10) /* all headers of one request */
/*
 * libmicrohttpd's per-connection memory pool holds the read buffer, the
 * parsed headers and the response headers: room for a head of
 * HTTP_MAX_HEADERS twice over, so that one up to the limit is answered
 * normally and one a little above it gets our 431.
 */
#define HTTP_POOL_SIZE (HTTP_MAX_HEADERS * 2 + (16 << 10))
#define HTTP_BODY_BUDGET (64u << 20) /* bodies in flight, all requests */
#define HTTP_HEAD_TIMEOUT 10 /* s for a request head (and keep-alive idle) */
#define HTTP_BODY_MIN_RATE (32u << 10) /* bytes/s a body must keep up */
#define HTTP_MAX_PER_IP 32 /* connections from one address (default) */
#define HTTP_MAX_PARAMS 6 /* {name} parts of a route */
#define HTTP_MAX_RESP_HEADERS 8

struct MHD_Connection;

struct http_req {
	const char *rq_method;
	const char *rq_path; /* without the query string */
	struct MHD_Connection *rq_conn;
	struct buf rq_body; /* the whole body, unless spooled */
	FILE *rq_file; /* the whole body, spooled (at offset 0), or NULL */
	size_t rq_len; /* bytes of body received */
	size_t rq_limit; /* set by admission: the most body bytes accepted */
	int rq_spool; /* set by admission: the body goes to rq_file */
	size_t rq_reserved; /* of HTTP_BODY_BUDGET */
	int rq_refused; /* answered at admission: the connection closes */
	char rq_ip[64];
	struct timespec rq_start;
	const char *rq_params[HTTP_MAX_PARAMS]; /* from the route, decoded */
	char rq_pbuf[1024]; /* their storage */
	int rq_nparams;
	void *rq_ctx; /* the application's per-request state */
	char rq_user[64]; /* for the log line: login, or "-" */
	int rq_status; /* of the response, for the log line */
};

struct http_resp {
	int rs_status;
	struct buf rs_body;
	const char *rs_type; /* Content-Type */
	char *rs_hname[HTTP_MAX_RESP_HEADERS];
	char *rs_hvalue[HTTP_MAX_RESP_HEADERS];
	int rs_nheaders;
};

/* http_header(rq, name): a request header, or NULL. */
const char *http_header(struct http_req *, const char *);
/* http_query(rq, name): a query-string argument, or NULL. */
const char *http_query(struct http_req *, const char *);
/* http_cookie(rq, name): a cookie, or NULL. */
const char *http_cookie(struct http_req *, const char *);
/* http_set_header(rs, name, value): add a response header (copied). */
void http_set_header(struct http_resp *, const char *, const char *);

/*
 * A form field of a multipart/form-data or urlencoded body: ${filename}
 * and ${type} are NULL for plain fields. Called with the field's data in
 * pieces (${off} is where this piece starts); return 0 to go on, -1 to
 * stop.
 */
typedef int http_form_cb(void *, const char *, const char *, const char *,
    const char *, size_t, size_t);
/*
 * http_form(rq, cb, ctx): decode the request body (in memory or spooled)
 * as a form with libmicrohttpd's post processor, in pieces. Return 0, or
 * -1 when the body is not a well-formed form or ${cb} stopped.
 */
int http_form(struct http_req *, http_form_cb *, void *);

typedef void http_handler(struct http_req *, struct http_resp *, void *);
/*
 * An admission hook, called once the request's headers are in: set
 * rq_limit (and rq_spool) and return 0, or fill the response and return
 * -1 to answer at once (the body is not read, the connection closes).
 */
typedef int http_admit(struct http_req *, struct http_resp *, void *);
/*
 * A refusal of the adapter itself (400 smuggling, 501 transfer coding,
 * 413 body too large, 431 headers too large, 503 body budget spent):
 * fill the response for ${status}.
 */
typedef void http_refuse(struct http_req *, struct http_resp *, int, void *);

struct http_opts {
	const char *ho_addr; /* "127.0.0.1" */
	unsigned short ho_port;
	unsigned ho_threads; /* pool size */
	unsigned ho_max_conns; /* in all */
	unsigned ho_max_per_ip;
	unsigned ho_timeout; /* seconds of inactivity */
	http_handler *ho_handler; /* called once per complete request */
	http_admit *ho_admit; /* NULL: no body is accepted */
	http_refuse *ho_refuse; /* NULL: empty answers */
	void *ho_ctx;
	/* called when a request ends (log line), may be NULL */
	void (*ho_done)(struct http_req *, int, void *);
};

struct http_server;

/*
 * http_start(opts, out, d): listen and serve in background threads; -1
 * with the reason in ${d} when the address is bad or cannot be bound.
 */
int http_start(const struct http_opts *, struct http_server **, struct diag *);
/* http_stop(s): stop accepting, let requests in flight finish, stop. */
void http_stop(struct http_server *);
/* http_port(s): the port bound (useful with port 0). */
unsigned short http_port(struct http_server *);

#endif
