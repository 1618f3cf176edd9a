/*
 * app.c: opening and closing a database for the use cases, and turning
 * the store's errors into diagnostics (the one place that reads them).
 */
#include "app/app_int.h"

int
app_store_error(struct store *s, struct diag *d)
{
	int code = store_diag(s, d);

	if (code == 0) /* a failure the store did not explain */
		diag_put(d, DIAG_ERROR, store_diag_code(STORE_EIO), NULL, 0, 0,
		    "lỗi cơ sở dữ liệu", "database error");
	return code == STORE_EBUSY ? STORE_EBUSY : -1;
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
	struct diag e;
	int rc;

	diag_init(&e);
	rc = create ? store_create(out, path, &e)
		    : store_open(out, path, STORE_OPEN, &e);
	/* whatever the kind, the front ends know it as "store.open" */
	if (rc != 0)
		diag_put(d, DIAG_ERROR, "store.open", NULL, 0, 0,
		    e.d_n > 0 ? e.d_items[0].di_vi : "",
		    e.d_n > 0 ? e.d_items[0].di_en : "");
	diag_free(&e);
	return rc != 0 ? -1 : 0;
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
	app_org_forget(s);
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
