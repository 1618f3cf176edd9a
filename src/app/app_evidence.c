/*
 * app_evidence.c: evidence documents of a value and their files: the
 * file types accepted, attaching one, listing them, fetching a file.
 */
#include "app/app_int.h"

#include <string.h>
#include <strings.h>

#include "util/date.h"

/* The evidence files accepted: one row per extension. */
static const struct {
	const char *et_ext;
	const char *et_type;
} evidence_types[] = {
	{ ".pdf", "application/pdf" },
	{ ".doc", "application/msword" },
	{ ".docx",
	    "application/vnd.openxmlformats-officedocument."
	    "wordprocessingml.document" },
	{ ".xls", "application/vnd.ms-excel" },
	{ ".xlsx",
	    "application/vnd.openxmlformats-officedocument."
	    "spreadsheetml.sheet" },
	{ ".odt", "application/vnd.oasis.opendocument.text" },
	{ ".ods", "application/vnd.oasis.opendocument.spreadsheet" },
	{ ".png", "image/png" },
	{ ".jpg", "image/jpeg" },
	{ ".jpeg", "image/jpeg" },
	{ ".txt", "text/plain" },
	{ ".csv", "text/csv" },
	{ ".zip", "application/zip" },
};
#define NTYPES (sizeof(evidence_types) / sizeof(evidence_types[0]))

const char *
app_evidence_type(const char *name)
{
	const char *dot = strrchr(name, '.');
	size_t i;

	for (i = 0; dot != NULL && i < NTYPES; i++) {
		if (strcasecmp(dot, evidence_types[i].et_ext) == 0)
			return evidence_types[i].et_type;
	}
	return "application/octet-stream";
}

int
app_evidence_type_ok(const char *t)
{
	/* parameters such as "; charset=utf-8" do not count */
	size_t n = strcspn(t, ";"), i;

	for (i = 0; i < NTYPES; i++) {
		const char *ok = evidence_types[i].et_type;

		if (strlen(ok) == n && strncasecmp(ok, t, n) == 0)
			return 1;
	}
	return 0;
}

/* What an evidence item says, checked before the transaction. */
static int
evidence_check(const struct method *m, const char *input,
    const struct st_evidence *e, int has_file, size_t len, char iso[11],
    struct diag *d)
{
	iso[0] = '\0';
	if (method_input(m, input, strlen(input)) < 0) {
		diag_add(d, DIAG_ERROR, "evidence.input", NULL, 0, 0,
		    "không có dữ liệu đầu vào '%s'", "unknown input '%s'",
		    input);
		return -1;
	}
	if (e->sev_doc_date != NULL && e->sev_doc_date[0] != '\0' &&
	    date_iso(e->sev_doc_date, iso) < 0) {
		diag_add(d, DIAG_ERROR, "evidence.date", NULL, 0, 0,
		    "ngày văn bản '%s' không phải ngày có thật: viết dd/mm/yyyy hoặc YYYY-MM-DD",
		    "document date '%s' is not a real date: write dd/mm/yyyy or YYYY-MM-DD",
		    e->sev_doc_date);
		return -1;
	}
	if (has_file && len > STORE_MAX_FILE) {
		diag_add(d, DIAG_ERROR, "evidence.size", NULL, 0, 0,
		    "tệp quá lớn (%zu byte, tối đa %u)",
		    "file too large (%zu bytes, at most %u)", len,
		    STORE_MAX_FILE);
		return -1;
	}
	return 0;
}

/*
 * attach(s, a, period, unit, input, e, data, f, len, d): the one path of
 * both forms: the file is ${data} in memory, or ${f} from its start.
 */
static int
attach(struct store *s, const struct app_actor *a, const char *period,
    const char *unit, const char *input, struct st_evidence *e,
    const void *data, FILE *f, size_t len, struct diag *d)
{
	const struct method *m = NULL;
	const char *date = e->sev_doc_date;
	int has_file = data != NULL || f != NULL;
	struct st_period p;
	char code[80], iso[11];
	long uid, id;
	int in, rc;

	if (app_period(s, period, &p, d) != 0 || app_refuse_closed(&p, d) < 0 ||
	    app_method(s, p.sp_method, &m, d) < 0 ||
	    evidence_check(m, input, e, has_file, len, iso, d) < 0)
		return -1;
	in = method_input(m, input, strlen(input));
	if (app_check(s, a, APP_VALUE_WRITE, app_owner(m, in), d) != 0 ||
	    app_check_unit(s, a, unit, d) != 0)
		return -1;
	if (app_text_check(APP_TEXT_DOC, e->sev_doc_number, d) < 0 ||
	    app_text_check(APP_TEXT_NOTE, e->sev_note, d) < 0)
		return -1;
	if (store_tx_begin(s) != 0)
		return app_store_error(s, d);
	if (app_unit(s, unit, code, sizeof(code), &uid, d) != 0) {
		store_tx_rollback(s);
		return -1;
	}
	if (has_file) {
		rc = f != NULL ? store_file_put_fd(s, f, len, e->sev_sha_buf)
			       : store_file_put(s, data, len, e->sev_sha_buf);
		if (rc != 0)
			return app_abort(s, d);
		e->sev_file_sha256 = e->sev_sha_buf;
	}
	/* stored ISO, whichever form was typed */
	if (iso[0] != '\0')
		e->sev_doc_date = iso;
	rc = store_evidence_add(s, p.sp_id, uid, input, e, a->ac_login, &id);
	e->sev_doc_date = date;
	if (rc != 0 || store_tx_commit(s) != 0)
		return app_abort(s, d);
	e->sev_id = id;
	return 0;
}

int
app_evidence_attach(struct store *s, const struct app_actor *a,
    const char *period, const char *unit, const char *input,
    struct st_evidence *e, const void *data, size_t len, struct diag *d)
{
	return attach(s, a, period, unit, input, e, data, NULL, len, d);
}

int
app_evidence_attach_file(struct store *s, const struct app_actor *a,
    const char *period, const char *unit, const char *input,
    struct st_evidence *e, FILE *f, size_t len, struct diag *d)
{
	return attach(s, a, period, unit, input, e, NULL, f, len, d);
}

int
app_evidence_list(struct store *s, const struct st_period *p, const char *input,
    int (*cb)(void *, const struct st_evidence *), void *ctx, struct diag *d)
{
	if (store_evidence_each(s, p->sp_id, input, cb, ctx) != 0)
		return app_store_error(s, d);
	return 0;
}

/* Looking for the name a file was attached under. */
struct file_meta {
	struct store *fm_s;
	const char *fm_sha;
	char *fm_name;
	size_t fm_size;
};

static int
file_meta_row(void *ctx, const struct st_evidence *e)
{
	struct file_meta *fm = ctx;

	if (e->sev_file_sha256 == NULL ||
	    strcmp(e->sev_file_sha256, fm->fm_sha))
		return 0;
	snprintf(fm->fm_name, fm->fm_size, "%s",
	    e->sev_file_name ? e->sev_file_name : "");
	return 1;
}

static int
meta_in_period(void *ctx, const struct st_period *p)
{
	struct file_meta *fm = ctx;

	store_evidence_each(fm->fm_s, p->sp_id, NULL, file_meta_row, fm);
	return fm->fm_name[0] != '\0';
}

int
app_file(struct store *s, const char *sha, void **data, size_t *len, char *name,
    size_t size, struct diag *d)
{
	struct file_meta fm;

	if (store_file_get(s, sha, data, len) != 0)
		return app_store_error(s, d);
	fm.fm_s = s;
	fm.fm_sha = sha;
	fm.fm_name = name;
	fm.fm_size = size;
	name[0] = '\0';
	store_period_each(s, meta_in_period, &fm);
	return 0;
}
