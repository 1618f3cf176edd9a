/*
 * store_diag.c: what every backend of store.h shares: the stable
 * code of each kind of failure, which the store's errors carry as diag
 * items.
 */
#include "store/store.h"

const char *
store_diag_code(int code)
{
	switch (code) {
	case STORE_ENOTFOUND: return "store.not_found";
	case STORE_ECONFLICT: return "store.conflict";
	case STORE_EBUSY: return "store.busy";
	case STORE_EINVALID: return "store.invalid";
	default: return "store"; /* STORE_EIO, STORE_ENOTDB */
	}
}
