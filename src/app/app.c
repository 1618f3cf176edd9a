/*
 * app.c: opening and closing a database for the use cases, and turning
 * the store's errors into diagnostics (the one place that reads them).
 */
#include "app/app_int.h"

int
app_store_error(struct store *s, struct diag *d)
{
	const struct store_error *e = store_error(s);
	/* a stable code per kind of failure, for the API's status */
	const char *code = e->se_code == STORE_ENOTFOUND ? "store.not_found"
	    : e->se_code == STORE_ECONFLICT              ? "store.conflict"
	    : e->se_code == STORE_EBUSY                  ? "store.busy"
	    : e->se_code == STORE_EINVALID               ? "store.invalid"
							 : "store";

	diag_put(d, DIAG_ERROR, code, NULL, 0, 0, e->se_vi, e->se_en);
	return e->se_code == STORE_EBUSY ? STORE_EBUSY : -1;
}

int
app_abort(struct store *s, struct diag *d)
{
	int rc = app_store_error(s, d);

	store_tx_rollback(s);
	return rc;
}

/* open_or_create(out, path, create, d): the store's error in ${d}. */
static int
open_or_create(struct store **out, const char *path, int create, struct diag *d)
{
	struct store_error e;

	if ((create ? store_create(out, path, &e)
		    : store_open(out, path, STORE_OPEN, &e)) != 0) {
		diag_put(
		    d, DIAG_ERROR, "store.open", NULL, 0, 0, e.se_vi, e.se_en);
		return -1;
	}
	return 0;
}

int
app_open(struct store **out, const char *path, struct diag *d)
{
	return open_or_create(out, path, 0, d);
}

int
app_create(struct store **out, const char *path, struct diag *d)
{
	return open_or_create(out, path, 1, d);
}

void
app_close(struct store *s)
{
	if (s == NULL)
		return;
	app_method_forget(s);
	store_close(s);
}

int
app_backup(struct store *s, const char *path, struct diag *d)
{
	if (store_backup(s, path) != 0)
		return app_store_error(s, d);
	return 0;
}

int
app_data_version(struct store *s, long *out, struct diag *d)
{
	if (store_data_version(s, out) != 0)
		return app_store_error(s, d);
	return 0;
}
