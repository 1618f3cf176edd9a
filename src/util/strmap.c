/* strmap.c: string to index map with linear probing. */
#include "util/strmap.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

static unsigned
hash(const char *s, size_t n)
{
	unsigned h = 2166136261u; /* FNV-1a */
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

void
strmap_init(struct strmap *m)
{
	m->mp_slots = NULL;
	m->mp_cap = 0;
	m->mp_n = 0;
}

void
strmap_free(struct strmap *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < m->mp_cap; i++)
		free(m->mp_slots[i].s_key);
	free(m->mp_slots);
	strmap_init(m);
}

static struct strmap_slot *
find(const struct strmap *m, const char *k, size_t n, unsigned h)
{
	size_t mask = m->mp_cap - 1, i = h & mask;

	for (;;) {
		struct strmap_slot *s = &m->mp_slots[i];

		if (s->s_key == NULL ||
		    (s->s_hash == h && s->s_klen == n &&
			memcmp(s->s_key, k, n) == 0))
			return s;
		i = (i + 1) & mask;
	}
}

long
strmap_get(const struct strmap *m, const char *k, size_t n)
{
	struct strmap_slot *s;

	if (m->mp_cap == 0)
		return -1;
	s = find(m, k, n, hash(k, n));
	return s->s_key != NULL ? s->s_val : -1;
}

static void
grow(struct strmap *m)
{
	struct strmap_slot *old = m->mp_slots;
	size_t oldcap = m->mp_cap, i;

	m->mp_cap = oldcap ? oldcap * 2 : 64;
	m->mp_slots = xcalloc(m->mp_cap, sizeof(*m->mp_slots));
	for (i = 0; i < oldcap; i++) {
		if (old[i].s_key != NULL)
			*find(m, old[i].s_key, old[i].s_klen, old[i].s_hash) =
			    old[i];
	}
	free(old);
}

long
strmap_put(struct strmap *m, const char *k, size_t n, long val)
{
	struct strmap_slot *s;
	unsigned h = hash(k, n);

	/* keep the load under 1/2 so probes stay short */
	if ((m->mp_n + 1) * 2 > m->mp_cap)
		grow(m);
	s = find(m, k, n, h);
	if (s->s_key != NULL)
		return s->s_val;
	s->s_key = xstrndup(k, n);
	s->s_klen = n;
	s->s_hash = h;
	s->s_val = val;
	m->mp_n++;
	return val;
}
