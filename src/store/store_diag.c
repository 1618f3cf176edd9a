/*
 * store_diag.c: what every backend of store.h shares: the store's last
 * error as a diag item, with a stable code per kind of failure.
 */
#include "store/store.h"

#include "util/diag.h"

/* The stable code of a STORE_E* value (the API answers with it). */
static const char *
diag_code(int code)
{
	switch (code) {
	case STORE_ENOTFOUND: return "store.not_found";
	case STORE_ECONFLICT: return "store.conflict";
	case STORE_EBUSY: return "store.busy";
	case STORE_EINVALID: return "store.invalid";
	default: return "store"; /* STORE_EIO, STORE_ENOTDB */
	}
}

int
store_diag(struct store *s, struct diag *d)
{
	const struct store_error *e = store_error(s);

	if (e->se_code == 0)
		return 0;
	diag_put(d, DIAG_ERROR, diag_code(e->se_code), NULL, 0, 0, e->se_vi,
	    e->se_en);
	return e->se_code;
}
