/*
 * fuzz_server.h: the fixture fuzz_http.c and fuzz_json.c share. It holds
 * the scratch database (made once, through app/ alone, like "dti init
 * --demo" plus periods 2023 and 2021), the accounts of each role with
 * their fixed sessions, the real server (http_start + api_handle) on
 * 127.0.0.1 in this process, and one request/answer exchange over a
 * loopback connection with the checks of every answer of the API. The
 * harness's name ("http", "json") goes into its messages, its temporary
 * directory dti-fuzz-NAME-XXXXXX and its environment DTI_FUZZ_NAME_LOG,
 * DTI_FUZZ_NAME_STRICT. See fuzz_server.c.
 */
#ifndef DTI_FUZZ_SERVER_H
#define DTI_FUZZ_SERVER_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "api/api.h"
#include "http/http.h"
#include "store/store.h"
#include "util/diag.h"

/*
 * The accounts (admin, sotttt, lanhdao, cb-sotttt, cb-ninhhai), and their
 * sessions: token "fuzz-session-LOGIN-000..." and CSRF token
 * "fuzz-csrf-LOGIN-000...", both 64 characters.
 */
#define FUZZ_NACCOUNTS 5

struct fuzz_server {
	const char *name; /* of the harness: "http", "json" */
	char env_log[64]; /* DTI_FUZZ_NAME_LOG */
	char env_strict[64]; /* DTI_FUZZ_NAME_STRICT */
	int ready;
	char dir[256];
	char db[300];
	char pristine[300]; /* the database before any input */
	struct store *s; /* the harness's own connection */
	struct api_server as;
	struct http_server *hs;
	unsigned short port;
	char token[FUZZ_NACCOUNTS][65];
	char token_hash[FUZZ_NACCOUNTS][65];
	char csrf[FUZZ_NACCOUNTS][65];
	int strict; /* DTI_FUZZ_NAME_STRICT=1: a 5xx answer aborts too */
	int log; /* DTI_FUZZ_NAME_LOG: log lines and answers on stderr */
	atomic_int busy; /* handlers running */
};

extern struct fuzz_server fz;

/*
 * Once, on the first input: the database, the sessions and the server,
 * for harness ${name}; they go at exit.
 */
void fuzz_server_setup(const char *name);

/*
 * Between inputs: if a fixed session ended or would expire, go back to
 * the pristine database (checked first) with fresh sessions and restart
 * the server on it; 1 when it did.
 */
int fuzz_server_restore_sessions(void);

/* Between inputs: the login rate limits of the accounts and 127.0.0.1. */
void fuzz_server_reset_limits(void);

/* Abort: "fuzz_NAME: setup failed: ${what}", then ${d} or the store's. */
void fuzz_server_die(const char *what, struct diag *d);

/* Abort with ${why} and the bytes ${what} (a response or a request). */
void fuzz_server_fail(
    const char *why, const char *what, const char *head, size_t n);

/*
 * Send ${data} as one connection's bytes; read and check the answer (with
 * ${want_json}, an answer that is not JSON aborts). Its status, or 0 when
 * no whole answer came.
 */
int fuzz_server_exchange(const uint8_t *data, size_t size, int want_json);

#endif
