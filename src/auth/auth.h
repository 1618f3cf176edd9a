/*
 * auth.h: passwords (Argon2id, libsodium), session tokens and login rate
 * limits. What each role may do is app/'s policy (app_may).
 */
#ifndef DTI_AUTH_H
#define DTI_AUTH_H

#include <stddef.h>

#include "util/diag.h"

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
 * auth_password_check(pw, d): 0 when ${pw} is acceptable (length, UTF-8),
 * else -1 with the reason in ${d} ("auth.password").
 */
int auth_password_check(const char *, struct diag *);
/* auth_hash(pw, out): an Argon2id hash string; -1 when out of memory. */
int auth_hash(const char *, char[128]);
/* auth_verify(hash, pw): 1 when ${pw} matches (constant time). */
int auth_verify(const char *, const char *);
/* auth_token(out): 32 random bytes as 64 hex digits. */
void auth_token(char[65]);
/* auth_generate_password(out, n): a random password of ${n} - 1 chars. */
void auth_generate_password(char *, size_t);
/*
 * auth_generate_readable(out): a random password read off a screen and
 * typed: 4 groups of 4 lower-case letters and digits without look-alikes
 * (no 0/o, 1/l/i), "abcd-efgh-jkmn-pqrs": about 79 bits.
 */
#define AUTH_READABLE_SIZE 20
void auth_generate_readable(char[AUTH_READABLE_SIZE]);
/* auth_session_id(out): a session's public id: 8 random bytes in hex. */
void auth_session_id(char[17]);
/* auth_equal(a, b): constant-time comparison of two strings. */
int auth_equal(const char *, const char *);

/*
 * Login attempts, counted in memory per key ("a:LOGIN", "i:ADDRESS"; the
 * first 95 bytes of a key name it). The table's slots are chosen by a
 * hash keyed with a secret drawn at start-up, and a key still counting
 * failures in its window is never pushed out by another: when no slot is
 * left for a key, its attempts are refused as limited.
 */
struct auth_limiter;
/*
 * auth_limiter_new(): an empty limiter, safe to share between threads;
 * auth_limiter_free(l) frees it (NULL does nothing).
 */
struct auth_limiter *auth_limiter_new(void);
void auth_limiter_free(struct auth_limiter *);
/*
 * auth_limiter_take(l, acc, ip, now): one login attempt for account key
 * ${acc} from address key ${ip}, checked and counted in one step before
 * the password is verified: 0 when it may go on (it now counts against
 * both keys), else the seconds to wait (nothing counted): ${acc} has had
 * AUTH_FAILS_ACCOUNT attempts or ${ip} AUTH_FAILS_IP in the window, or a
 * key finds no slot.
 */
long auth_limiter_take(struct auth_limiter *, const char *, const char *, long);
/*
 * auth_limiter_success(l, acc, ip, now): the attempt taken for ${acc} and
 * ${ip} was a good login: ${acc}'s failures are forgotten and the attempt
 * no longer counts against ${ip}.
 */
void auth_limiter_success(
    struct auth_limiter *, const char *, const char *, long);
/* auth_limiter_reset(l, key): forget ${key}'s attempts. */
void auth_limiter_reset(struct auth_limiter *, const char *);

#endif
