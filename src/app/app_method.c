/*
 * app_method.c: methodologies: loading one into the store (its agencies
 * and responsibilities too), and the parsed methodologies of each open
 * database.
 */
#include "app/app_int.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "util/sha256.h"

/* The responsibilities of a methodology, as st_resp.sr_role names them. */
#define RESP_LEAD "lead"
#define RESP_COORD "coordinator" /* layering-ok: not an account role */

/*
 * Parsed methodologies: a stored methodology never changes, so each is
 * parsed once per database handle (parsing the 2022 file costs ~10 ms,
 * far more than any write) and freed by app_close. Keyed by handle and
 * content hash, so a handle closed without app_close and reused by the
 * allocator cannot be served another database's methodology.
 */
struct app_parsed {
	const struct store *pm_store;
	char pm_sha[65];
	struct method *pm_m;
	struct app_parsed *pm_next;
};
static struct app_parsed *parsed;
static pthread_mutex_t parsed_mu = PTHREAD_MUTEX_INITIALIZER;

/* parsed_find(s, sha): the entry, or NULL; parsed_mu held. */
static struct method *
parsed_find(const struct store *s, const char *sha)
{
	struct app_parsed *p;

	for (p = parsed; p != NULL; p = p->pm_next)
		if (p->pm_store == s && strcmp(p->pm_sha, sha) == 0)
			return p->pm_m;
	return NULL;
}

int
app_method(struct store *s, long id, const struct method **out, struct diag *d)
{
	struct method *m = NULL, *found;
	struct app_parsed *p;
	char *text, sha[65], name[64];
	size_t len;
	int rc;

	if (store_method_sha(s, id, sha) != 0)
		return app_store_error(s, d);
	pthread_mutex_lock(&parsed_mu);
	found = parsed_find(s, sha);
	pthread_mutex_unlock(&parsed_mu);
	if (found != NULL) {
		*out = found;
		return 0;
	}
	if (store_method_text(s, id, &text, &len) != 0)
		return app_store_error(s, d);
	snprintf(name, sizeof(name), "methodology#%ld", id);
	rc = method_load(&m, text, len, name, d);
	free(text);
	if (rc != 0)
		return rc;
	p = xcalloc(1, sizeof(*p));
	p->pm_store = s;
	snprintf(p->pm_sha, sizeof(p->pm_sha), "%s", sha);
	p->pm_m = m;
	pthread_mutex_lock(&parsed_mu);
	p->pm_next = parsed;
	parsed = p;
	pthread_mutex_unlock(&parsed_mu);
	*out = m;
	return 0;
}

void
app_method_forget(struct store *s)
{
	struct app_parsed **pp, *p;

	pthread_mutex_lock(&parsed_mu);
	for (pp = &parsed; (p = *pp) != NULL;) {
		if (p->pm_store == s) {
			*pp = p->pm_next;
			method_free(p->pm_m);
			free(p);
		} else {
			pp = &p->pm_next;
		}
	}
	pthread_mutex_unlock(&parsed_mu);
}

/* Who leads and coordinates ${item}: one row each. */
static int
store_resp(struct store *s, long id, const struct method *m, const char *item,
    int lead, const int *coord, int ncoord)
{
	struct st_resp r = { .sr_item = item, .sr_role = RESP_LEAD };
	int k;

	if (lead >= 0) {
		r.sr_agency = m->m_agencies[lead].ma_code;
		if (store_resp_put(s, id, &r) != 0)
			return -1;
	}
	r.sr_role = RESP_COORD;
	for (k = 0; k < ncoord; k++) {
		r.sr_agency = m->m_agencies[coord[k]].ma_code;
		if (store_resp_put(s, id, &r) != 0)
			return -1;
	}
	return 0;
}

int
app_method_store(struct store *s, const struct method *m, const char *yaml,
    size_t len, const char *login, long *id)
{
	struct st_method_text mt = { .smt_code = m->m_id,
		.smt_version = m->m_version ? m->m_version : "",
		.smt_name = m->m_name,
		.smt_yaml = yaml,
		.smt_len = len };
	int i;

	if (store_method_load(s, &mt, login, id) != 0)
		return -1;
	for (i = 0; i < m->m_nagencies; i++) {
		const struct m_agency *a = &m->m_agencies[i];
		struct st_agency ag = { .sag_code = a->ma_code,
			.sag_name = a->ma_name,
			.sag_short = a->ma_short,
			.sag_kind = a->ma_is_group ? "group" : "agency" };
		int exists = store_agency_exists(s, a->ma_code);

		if (exists < 0)
			return -1;
		if (!exists && store_agency_put(s, &ag) != 0)
			return -1;
	}
	for (i = 0; i < m->m_nind; i++) {
		const struct m_indicator *n = &m->m_ind[i];

		if (store_resp(s, *id, m, n->mn_code, n->mn_lead, n->mn_coord,
			n->mn_ncoord) != 0)
			return -1;
	}
	for (i = 0; i < m->m_ngeneral; i++) {
		const struct m_general *g = &m->m_general[i];

		if (store_resp(s, *id, m, g->ml_code, g->ml_lead, g->ml_coord,
			g->ml_ncoord) != 0)
			return -1;
	}
	return 0;
}

int
app_method_add(struct store *s, const struct app_actor *a,
    const struct method *m, const char *yaml, size_t len, long *id,
    struct diag *d)
{
	if (app_check(s, a, APP_PERIOD, NULL, d) != 0)
		return -1;
	if (store_tx_begin(s) != 0)
		return app_store_error(s, d);
	if (app_method_store(s, m, yaml, len, a->ac_login, id) != 0 ||
	    store_tx_commit(s) != 0)
		return app_abort(s, d);
	return 0;
}

int
app_methods(struct store *s, int (*cb)(void *, const struct st_method *),
    void *ctx, struct diag *d)
{
	if (store_method_each(s, cb, ctx) != 0)
		return app_store_error(s, d);
	return 0;
}

const char *
app_owner(const struct method *m, int input)
{
	const struct m_input *in = &m->m_inputs[input];
	int lead = -1;

	if (in->mi_indicator >= 0)
		lead = m->m_ind[in->mi_indicator].mn_lead;
	else if (in->mi_general >= 0)
		lead = m->m_general[in->mi_general].ml_lead;
	return lead >= 0 ? m->m_agencies[lead].ma_code : NULL;
}

int
app_agencies(struct store *s, int (*cb)(void *, const struct st_agency *),
    void *ctx, struct diag *d)
{
	if (store_agency_each(s, cb, ctx) != 0)
		return app_store_error(s, d);
	return 0;
}

int
app_units(struct store *s, int (*cb)(void *, const struct st_unit *), void *ctx,
    struct diag *d)
{
	if (store_unit_each(s, cb, ctx) != 0)
		return app_store_error(s, d);
	return 0;
}

int
app_agency_exists(struct store *s, const char *code)
{
	return store_agency_exists(s, code) == 1;
}

/* The id of the stored methodology whose text has SHA-256 ${sha}. */
struct sha_find {
	const char *sf_sha;
	long sf_id;
};

static int
sha_row(void *ctx, const struct st_method *m)
{
	struct sha_find *f = ctx;

	if (strcmp(m->sm_sha256, f->sf_sha) != 0)
		return 0;
	f->sf_id = m->sm_id;
	return 1;
}

int
app_method_load(struct store *s, const struct app_actor *a, const char *yaml,
    size_t len, const char *name, long *id, int *existed, struct diag *d)
{
	struct method *m = NULL;
	struct sha_find f = { NULL, 0 };
	char sha[65];
	int rc;

	*id = 0;
	*existed = 0;
	if (app_check(s, a, APP_METHOD, NULL, d) != 0)
		return -1;
	if (len > METHOD_MAX_BYTES) {
		diag_add(d, DIAG_ERROR, "method.too_large", name, 0, 0,
		    "phương pháp quá lớn: tối đa %u byte",
		    "methodology too large: at most %u bytes",
		    METHOD_MAX_BYTES);
		return -1;
	}
	/* the checks of dti methodology check, each error at its line */
	if (method_load(&m, yaml, len, name, d) != 0)
		return -1;
	sha256_hex(yaml, len, sha);
	f.sf_sha = sha;
	if (store_method_each(s, sha_row, &f) < 0) {
		method_free(m);
		return app_store_error(s, d);
	}
	if (f.sf_id > 0) {
		method_free(m);
		*id = f.sf_id;
		*existed = 1;
		return 0;
	}
	rc = app_method_add(s, a, m, yaml, len, id, d);
	method_free(m);
	return rc;
}

/* Does some period use methodology ${id}? (app_method_readable) */
struct use_find {
	long uf_id;
	int uf_used;
};

static int
use_row(void *ctx, const struct st_period *p)
{
	struct use_find *u = ctx;

	if (p->sp_method != u->uf_id)
		return 0;
	u->uf_used = 1;
	return 1;
}

int
app_method_readable(struct store *s, const struct app_actor *a, long id)
{
	struct use_find u = { id, 0 };

	if (app_may(s, a, APP_METHOD, NULL))
		return 1;
	return store_period_each(s, use_row, &u) >= 0 && u.uf_used;
}
