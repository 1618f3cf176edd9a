/* auth.c: passwords, tokens, rate limits and roles. */
#include "auth/auth.h"

#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/utf8.h"

int
auth_init(void)
{
	return sodium_init() < 0 ? -1 : 0;
}

int
auth_password_check(const char *pw, struct diag *d)
{
	size_t n = strlen(pw), chars = 0, i;

	if (n > AUTH_MAX_PASSWORD || !utf8_valid(pw, n)) {
		diag_put(d, DIAG_ERROR, "auth.password", NULL, 0, 0,
		    "mật khẩu quá dài hoặc không phải văn bản UTF-8",
		    "the password is too long or not UTF-8 text");
		return -1;
	}
	for (i = 0; i < n; i++)
		chars += ((unsigned char)pw[i] & 0xC0) != 0x80;
	if (chars < AUTH_MIN_PASSWORD) {
		diag_add(d, DIAG_ERROR, "auth.password", NULL, 0, 0,
		    "mật khẩu cần ít nhất %d ký tự",
		    "the password needs at least %d characters",
		    AUTH_MIN_PASSWORD);
		return -1;
	}
	return 0;
}

int
auth_hash(const char *pw, char out[128])
{
	return crypto_pwhash_str(out, pw, strlen(pw),
		   crypto_pwhash_OPSLIMIT_INTERACTIVE,
		   crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0
	    ? 0
	    : -1;
}

int
auth_verify(const char *hash, const char *pw)
{
	return crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
}

void
auth_token(char out[65])
{
	unsigned char b[32];

	randombytes_buf(b, sizeof(b));
	sodium_bin2hex(out, 65, b, sizeof(b));
}

void
auth_generate_password(char *out, size_t n)
{
	/* no look-alikes (0/O, 1/l/I) for passwords read off a screen */
	static const char set[] =
	    "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	size_t i;

	for (i = 0; i + 1 < n; i++)
		out[i] = set[randombytes_uniform(sizeof(set) - 1)];
	if (n > 0)
		out[n - 1] = '\0';
}

int
auth_equal(const char *a, const char *b)
{
	size_t n = strlen(a);

	return n == strlen(b) && sodium_memcmp(a, b, n) == 0;
}

#define LIMIT_SLOTS 4096

struct limit_slot {
	char ls_key[96];
	long ls_start; /* start of the window */
	int ls_fails;
};

struct auth_limiter {
	pthread_mutex_t al_mu;
	struct limit_slot al_slots[LIMIT_SLOTS];
};

struct auth_limiter *
auth_limiter_new(void)
{
	struct auth_limiter *l = xcalloc(1, sizeof(*l));

	pthread_mutex_init(&l->al_mu, NULL);
	return l;
}

void
auth_limiter_free(struct auth_limiter *l)
{
	if (l == NULL)
		return;
	pthread_mutex_destroy(&l->al_mu);
	free(l);
}

/*
 * The slot of ${key}: its own, else a free or expired one, else the oldest
 * (an attacker who floods keys only ages out old windows sooner).
 */
static struct limit_slot *
slot(struct auth_limiter *l, const char *key, long now)
{
	unsigned h = 2166136261u;
	size_t i, k, best = 0;
	const char *p;

	for (p = key; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	for (i = 0; i < 16; i++) {
		k = (h + i) % LIMIT_SLOTS;
		if (strcmp(l->al_slots[k].ls_key, key) == 0)
			return &l->al_slots[k];
	}
	for (i = 0; i < 16; i++) {
		k = (h + i) % LIMIT_SLOTS;
		if (l->al_slots[k].ls_key[0] == '\0' ||
		    now - l->al_slots[k].ls_start >= AUTH_FAIL_WINDOW)
			break;
		if (l->al_slots[k].ls_start <
		    l->al_slots[(h + best) % LIMIT_SLOTS].ls_start)
			best = i;
	}
	k = i < 16 ? (h + i) % LIMIT_SLOTS : (h + best) % LIMIT_SLOTS;
	snprintf(
	    l->al_slots[k].ls_key, sizeof(l->al_slots[k].ls_key), "%s", key);
	l->al_slots[k].ls_start = now;
	l->al_slots[k].ls_fails = 0;
	return &l->al_slots[k];
}

long
auth_limiter_wait(struct auth_limiter *l, const char *key, int max, long now)
{
	struct limit_slot *s;
	long wait = 0;

	pthread_mutex_lock(&l->al_mu);
	s = slot(l, key, now);
	if (now - s->ls_start >= AUTH_FAIL_WINDOW) {
		s->ls_start = now;
		s->ls_fails = 0;
	}
	if (s->ls_fails >= max)
		wait = AUTH_FAIL_WINDOW - (now - s->ls_start);
	pthread_mutex_unlock(&l->al_mu);
	return wait > 0 ? wait : 0;
}

void
auth_limiter_fail(struct auth_limiter *l, const char *key, long now)
{
	struct limit_slot *s;

	pthread_mutex_lock(&l->al_mu);
	s = slot(l, key, now);
	if (now - s->ls_start >= AUTH_FAIL_WINDOW) {
		s->ls_start = now;
		s->ls_fails = 0;
	}
	s->ls_fails++;
	pthread_mutex_unlock(&l->al_mu);
}

void
auth_limiter_reset(struct auth_limiter *l, const char *key)
{
	struct limit_slot *s;

	pthread_mutex_lock(&l->al_mu);
	s = slot(l, key, 0);
	s->ls_fails = 0;
	pthread_mutex_unlock(&l->al_mu);
}
