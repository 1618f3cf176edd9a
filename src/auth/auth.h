/*
 * auth.h: passwords (Argon2id, libsodium), session tokens, login rate
 * limits and what each role may do.
 */
#ifndef DTI_AUTH_H
#define DTI_AUTH_H

#include <stddef.h>

#include "store/store.h"
#include "util/buf.h"

#define AUTH_MIN_PASSWORD 12 /* characters */
#define AUTH_MAX_PASSWORD 256 /* bytes */
#define AUTH_SESSION_TTL (8 * 3600) /* a session lasts at most 8 hours */
#define AUTH_IDLE_TTL (30 * 60) /* and ends after 30 idle minutes */
#define AUTH_FAILS_ACCOUNT 5 /* failed logins per account ... */
#define AUTH_FAILS_IP 20 /* ... and per address ... */
#define AUTH_FAIL_WINDOW (15 * 60) /* ... in 15 minutes */

/* auth_init(): once, before any other call; -1 when libsodium fails. */
int auth_init(void);
/*
 * auth_password_check(pw, why_vi, why_en): 0 when ${pw} is acceptable
 * (length, UTF-8), else -1 with the reason.
 */
int auth_password_check(const char *, struct buf *, struct buf *);
/* auth_hash(pw, out): an Argon2id hash string; -1 when out of memory. */
int auth_hash(const char *, char[128]);
/* auth_verify(hash, pw): 1 when ${pw} matches (constant time). */
int auth_verify(const char *, const char *);
/* auth_token(out): 32 random bytes as 64 hex digits. */
void auth_token(char[65]);
/* auth_generate_password(out, n): a random password of ${n} - 1 chars. */
void auth_generate_password(char *, size_t);
/* auth_equal(a, b): constant-time comparison of two strings. */
int auth_equal(const char *, const char *);

/* Login attempts, counted in memory per key ("a:LOGIN", "i:ADDRESS"). */
struct auth_limiter;
struct auth_limiter *auth_limiter_new(void);
void auth_limiter_free(struct auth_limiter *);
/* auth_limiter_wait(l, key, max, now): seconds to wait, 0 if allowed. */
long auth_limiter_wait(struct auth_limiter *, const char *, int, long);
void auth_limiter_fail(struct auth_limiter *, const char *, long);
void auth_limiter_reset(struct auth_limiter *, const char *);

/* What a request wants to do. */
enum auth_perm {
	PERM_READ, /* read anything (every role) */
	PERM_VALUE_WRITE, /* enter values and evidence of an agency */
	PERM_SUBMIT, /* submit an agency's set */
	PERM_REVIEW, /* approve, return */
	PERM_REOPEN, /* reopen approved values */
	PERM_PERIOD, /* open and close periods, import */
	PERM_TASK_UPDATE, /* progress of a task an agency leads */
	PERM_USERS, /* create accounts */
};

/*
 * auth_allows(s, a, perm, agency): 1 when account ${a} may do ${perm};
 * for agency-bound permissions ${agency} is the agency concerned (an
 * officer acts only for their own agency or a collective it belongs to).
 */
int auth_allows(
    struct store *, const struct st_account *, enum auth_perm, const char *);
/* auth_role_valid(role): admin, coordinator, officer or viewer. */
int auth_role_valid(const char *);

#endif
