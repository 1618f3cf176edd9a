/*
 * strmap.h: a map from strings to non-negative indexes (open addressing).
 * Keys are copied; lookups of unknown keys return -1.
 */
#ifndef DTI_STRMAP_H
#define DTI_STRMAP_H

#include <stddef.h>

struct strmap_slot {
	char *s_key; /* NULL when empty */
	size_t s_klen; /* key length */
	long s_val; /* the index stored */
	unsigned s_hash;
};

struct strmap {
	struct strmap_slot *mp_slots;
	size_t mp_cap; /* a power of two */
	size_t mp_n;
};

void strmap_init(struct strmap *);
void strmap_free(struct strmap *);
/* strmap_get(m, key, len): the value stored for ${key}, or -1. */
long strmap_get(const struct strmap *, const char *, size_t);
/*
 * strmap_put(m, key, len, val): store ${val} for ${key} unless the key is
 * present; return the value now stored (the older one if it was present).
 */
long strmap_put(struct strmap *, const char *, size_t, long);

#endif
