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

void
auth_generate_readable(char out[AUTH_READABLE_SIZE])
{
	static const char set[] = "abcdefghjkmnpqrstuvwxyz23456789";
	size_t i, o = 0;

	for (i = 0; i < 16; i++) {
		if (i > 0 && i % 4 == 0)
			out[o++] = '-';
		out[o++] = set[randombytes_uniform(sizeof(set) - 1)];
	}
	out[o] = '\0';
}

void
auth_session_id(char out[17])
{
	unsigned char b[8];

	randombytes_buf(b, sizeof(b));
	sodium_bin2hex(out, 17, b, sizeof(b));
}

int
auth_equal(const char *a, const char *b)
{
	size_t n = strlen(a);

	return n == strlen(b) && sodium_memcmp(a, b, n) == 0;
}

#define LIMIT_SLOTS 4096
#define LIMIT_PROBES 16
#define LIMIT_KEY 96 /* bytes of a key kept, its '\0' included */

/* One key's failures in its current window. */
struct limit_slot {
	char ls_key[LIMIT_KEY]; /* "" when free */
	long ls_start; /* start of the window */
	int ls_fails; /* attempts counted in the window */
};

/*
 * The slots of a key are found from a keyed hash (SipHash, the key drawn
 * at start-up), so no one outside the process can choose names that land
 * on another key's slots.
 */
struct auth_limiter {
	pthread_mutex_t al_mu;
	unsigned char al_hkey[crypto_shorthash_KEYBYTES];
	struct limit_slot al_slots[LIMIT_SLOTS];
};

struct auth_limiter *
auth_limiter_new(void)
{
	struct auth_limiter *l = xcalloc(1, sizeof(*l));

	pthread_mutex_init(&l->al_mu, NULL);
	randombytes_buf(l->al_hkey, sizeof(l->al_hkey));
	return l;
}

void
auth_limiter_free(struct auth_limiter *l)
{
	if (l == NULL)
		return;
	pthread_mutex_destroy(&l->al_mu);
	sodium_memzero(l->al_hkey, sizeof(l->al_hkey));
	free(l);
}

/*
 * A slot is free when it names no key or its window is over; a slot
 * whose count falls to 0 gives up its key (limit_release).
 */
static int
limit_idle(const struct limit_slot *ls, long now)
{
	return ls->ls_key[0] == '\0' || now - ls->ls_start >= AUTH_FAIL_WINDOW;
}

/* limit_release(s): forget ${s}'s key when it counts nothing. */
static void
limit_release(struct limit_slot *s)
{
	if (s != NULL && s->ls_fails <= 0) {
		s->ls_key[0] = '\0';
		s->ls_fails = 0;
	}
}

/*
 * limit_slot_of(l, key, now, make): the slot of ${key} (its first
 * LIMIT_KEY - 1 bytes); with ${make}, a free one is taken for it when it
 * has none. NULL when it has none and every slot it may use is still
 * counting another key's failures: such a counter is never given up.
 * Called with al_mu held.
 */
static struct limit_slot *
limit_slot_of(struct auth_limiter *l, const char *key, long now, int make)
{
	char k[LIMIT_KEY];
	unsigned char h[crypto_shorthash_BYTES];
	unsigned long long x = 0;
	struct limit_slot *s, *free_slot = NULL;
	size_t i;

	snprintf(k, sizeof(k), "%s", key);
	crypto_shorthash(h, (const unsigned char *)k, strlen(k), l->al_hkey);
	for (i = 0; i < sizeof(h); i++)
		x = x << 8 | h[i];
	for (i = 0; i < LIMIT_PROBES; i++) {
		s = &l->al_slots[(x + i) % LIMIT_SLOTS];
		if (strcmp(s->ls_key, k) == 0)
			return s;
		if (free_slot == NULL && limit_idle(s, now))
			free_slot = s;
	}
	if (!make || free_slot == NULL)
		return NULL;
	snprintf(free_slot->ls_key, sizeof(free_slot->ls_key), "%s", k);
	free_slot->ls_start = now;
	free_slot->ls_fails = 0;
	return free_slot;
}

/* Seconds until ${s} (NULL: no slot) lets ${max} attempts in again. */
static long
limit_wait(const struct limit_slot *s, int max, long now)
{
	if (s == NULL)
		return AUTH_FAIL_WINDOW; /* no room to count: refuse */
	if (now - s->ls_start >= AUTH_FAIL_WINDOW || s->ls_fails < max)
		return 0;
	return AUTH_FAIL_WINDOW - (now - s->ls_start);
}

/* Count one attempt in ${s}, in a new window when the last one is over. */
static void
limit_count(struct limit_slot *s, long now)
{
	if (now - s->ls_start >= AUTH_FAIL_WINDOW) {
		s->ls_start = now;
		s->ls_fails = 0;
	}
	s->ls_fails++;
}

long
auth_limiter_take(
    struct auth_limiter *l, const char *acc, const char *ip, long now)
{
	struct limit_slot *sa, *si;
	long wait;

	pthread_mutex_lock(&l->al_mu);
	/* a slot taken for ${acc} is not free for ${ip} */
	sa = limit_slot_of(l, acc, now, 1);
	si = limit_slot_of(l, ip, now, 1);
	wait = limit_wait(sa, AUTH_FAILS_ACCOUNT, now);
	if (wait == 0)
		wait = limit_wait(si, AUTH_FAILS_IP, now);
	if (wait == 0) {
		limit_count(sa, now);
		limit_count(si, now);
	} else {
		limit_release(sa);
		limit_release(si);
	}
	pthread_mutex_unlock(&l->al_mu);
	return wait;
}

void
auth_limiter_success(
    struct auth_limiter *l, const char *acc, const char *ip, long now)
{
	struct limit_slot *s;

	pthread_mutex_lock(&l->al_mu);
	if ((s = limit_slot_of(l, acc, now, 0)) != NULL) {
		s->ls_fails = 0;
		limit_release(s);
	}
	if ((s = limit_slot_of(l, ip, now, 0)) != NULL) {
		s->ls_fails--;
		limit_release(s);
	}
	pthread_mutex_unlock(&l->al_mu);
}

void
auth_limiter_reset(struct auth_limiter *l, const char *key)
{
	struct limit_slot *s;

	pthread_mutex_lock(&l->al_mu);
	if ((s = limit_slot_of(l, key, 0, 0)) != NULL) {
		s->ls_fails = 0;
		limit_release(s);
	}
	pthread_mutex_unlock(&l->al_mu);
}
