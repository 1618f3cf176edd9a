/*
 * fuzz_multipart.c: the multipart/form-data reader of evidence uploads.
 * The input is "BOUNDARY\n" then a body (without a newline in its first
 * 71 bytes, the whole input is the body and the boundary is "b"). It is
 * sent as a POST with "Content-Type: multipart/form-data;
 * boundary=BOUNDARY" over a loopback connection to a server of our http
 * adapter in this process, whose admission spools every body to a
 * temporary file, as the evidence route's does; the handler decodes it
 * with http_form (libmicrohttpd's post processor fed from the spool in
 * pieces) and writes each file part to its own temporary file, hashed
 * as it arrives (sha256_file), as api_evidence.c does.
 *
 * Besides the sanitizers, the harness aborts when the reader breaks a
 * promise: more bytes delivered than the body holds, a piece of a part
 * that does not start where the previous one ended, a file part whose
 * incremental hash differs from the SHA-256 of the bytes delivered, or
 * whose temporary file does not read back as those bytes
 * (sha256_stream). Memory is bounded by libFuzzer's -rss_limit_mb and by
 * the copy the harness keeps (at most the body's size).
 * DTI_FUZZ_MULTIPART_LOG=1 prints each body's parts and answer.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "http/http.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/sha256.h"

#define MAX_BODY (1u << 20) /* longer inputs are cut */
#define IO_TIMEOUT_MS 2000

static struct http_server *server;
static unsigned short port;

/* What the handler saw of one body. */
struct seen {
	size_t ms_body; /* the body's length */
	size_t ms_total; /* bytes delivered, all parts */
	struct sha256_file ms_file; /* the current file part */
	struct buf ms_copy; /* its bytes, as delivered */
	char ms_key[256]; /* its name and file name */
	char ms_name[256];
	int ms_in_file;
	size_t ms_part_off; /* bytes of the current part so far */
	int ms_parts;
};

static void
fail(const char *why)
{
	fprintf(stderr, "fuzz_multipart: %s\n", why);
	abort();
}

/* The file part ends: its hash and its spool must be its bytes. */
static void
file_end(struct seen *m)
{
	char inc[65], ref[65], back[65];

	if (!m->ms_in_file)
		return;
	if (sha256_file_end(&m->ms_file, inc) != 0)
		fail("sha256_file_end failed");
	sha256_hex(m->ms_copy.b_data != NULL ? m->ms_copy.b_data : "",
	    m->ms_copy.b_len, ref);
	if (strcmp(inc, ref) != 0)
		fail("a file part's incremental hash is not the hash of its "
		     "bytes");
	if (m->ms_file.shf_len != m->ms_copy.b_len)
		fail("a file part's spool has another length");
	if (sha256_stream(m->ms_file.shf_f, m->ms_file.shf_len, back) != 0 ||
	    strcmp(back, ref) != 0)
		fail("a file part's spool does not read back as its bytes");
	sha256_file_close(&m->ms_file);
	buf_reset(&m->ms_copy);
	m->ms_in_file = 0;
}

static int
field(void *ctx, const char *key, const char *filename, const char *type,
    const char *data, size_t off, size_t size)
{
	struct seen *m = ctx;
	int same;

	(void)type;
	m->ms_total += size;
	if (m->ms_total > m->ms_body)
		fail("more bytes delivered than the body holds");
	same = m->ms_parts > 0 && strcmp(key, m->ms_key) == 0 &&
	    strcmp(filename != NULL ? filename : "", m->ms_name) == 0 &&
	    off != 0;
	if (!same) { /* a new part */
		file_end(m);
		m->ms_parts++;
		m->ms_part_off = 0;
		snprintf(m->ms_key, sizeof(m->ms_key), "%s", key);
		snprintf(m->ms_name, sizeof(m->ms_name), "%s",
		    filename != NULL ? filename : "");
		if (filename != NULL) {
			if (sha256_file_open(&m->ms_file) != 0)
				fail("no temporary file");
			m->ms_in_file = 1;
		}
	}
	if (off != m->ms_part_off)
		fail("a piece does not start where the part's last ended");
	m->ms_part_off += size;
	if (m->ms_in_file) {
		if (sha256_file_write(&m->ms_file, data, size) != 0)
			fail("cannot write the temporary file");
		buf_append(&m->ms_copy, data, size);
	}
	return 0;
}

static int
admit(struct http_req *rq, struct http_resp *rs, void *ctx)
{
	(void)rs;
	(void)ctx;
	rq->rq_limit = MAX_BODY + 4096;
	rq->rq_spool = 1;
	return 0;
}

static void
handler(struct http_req *rq, struct http_resp *rs, void *ctx)
{
	struct seen m;
	int rc;

	(void)ctx;
	memset(&m, 0, sizeof(m));
	buf_init(&m.ms_copy);
	m.ms_body = rq->rq_len;
	rc = http_form(rq, field, &m);
	if (rc == 0)
		file_end(&m); /* a complete form: its last part ends */
	sha256_file_close(&m.ms_file);
	buf_free(&m.ms_copy);
	rs->rs_status = rc == 0 ? 200 : 400;
	if (getenv("DTI_FUZZ_MULTIPART_LOG") != NULL)
		fprintf(stderr, "body %zu bytes: %d parts, %zu delivered: %d\n",
		    m.ms_body, m.ms_parts, m.ms_total, rs->rs_status);
	buf_puts(&rs->rs_body, "{}");
}

static void
stop(void)
{
	http_stop(server);
	server = NULL;
}

static void
setup(void)
{
	struct http_opts ho;
	struct diag d;

	memset(&ho, 0, sizeof(ho));
	ho.ho_addr = "127.0.0.1";
	ho.ho_port = 0;
	ho.ho_threads = 1;
	ho.ho_max_conns = 16;
	ho.ho_max_per_ip = 16;
	ho.ho_timeout = 5;
	ho.ho_handler = handler;
	ho.ho_admit = admit;
	diag_init(&d);
	if (http_start(&ho, &server, &d) != 0)
		fail("http_start");
	diag_free(&d);
	port = http_port(server);
	atexit(stop);
}

static void
exchange(const char *req, size_t n)
{
	struct timeval tv = { 0, IO_TIMEOUT_MS * 1000 };
	struct sockaddr_in sa;
	char chunk[4096];
	size_t off = 0;
	ssize_t k;
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	if (fd < 0)
		fail("socket");
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons(port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	while (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0 &&
	    errno != EISCONN)
		if (errno != EINTR && errno != EALREADY)
			fail("connect");
	while (off < n) {
		k = send(fd, req + off, n - off, MSG_NOSIGNAL);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		off += (size_t)k;
	}
	for (;;) { /* the answer, until the server closes */
		k = recv(fd, chunk, sizeof(chunk), 0);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
	}
	close(fd);
}

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *nl = memchr(data, '\n', size < 72 ? size : 72);
	char boundary[80];
	const uint8_t *body = data;
	struct buf req;
	size_t blen;

	if (server == NULL)
		setup();
	snprintf(boundary, sizeof(boundary), "b");
	if (nl != NULL) {
		size_t bl = (size_t)(nl - (const char *)data);
		size_t i;

		memcpy(boundary, data, bl);
		boundary[bl] = '\0';
		for (i = 0; i < bl; i++) /* a header value: no CR, LF or NUL */
			if (boundary[i] == '\r' || boundary[i] == '\0')
				boundary[i] = '_';
		body = (const uint8_t *)nl + 1;
	}
	blen = size - (size_t)(body - data);
	if (blen > MAX_BODY)
		blen = MAX_BODY;
	buf_init(&req);
	buf_printf(&req,
	    "POST /evidence HTTP/1.1\r\nHost: 127.0.0.1\r\n"
	    "Connection: close\r\n"
	    "Content-Type: multipart/form-data; boundary=%s\r\n"
	    "Content-Length: %zu\r\n\r\n",
	    boundary, blen);
	buf_append(&req, (const char *)body, blen);
	exchange(req.b_data, req.b_len);
	buf_free(&req);
	return 0;
}
