/* api_evidence.c: evidence items of a value, and their files. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "api/api.h"
#include "util/sha256.h"
#include "util/utf8.h"

struct ev_ctx {
	json_t *ec_list;
	const char *ec_unit;
	const struct app_actor *ec_actor;
};

static int
evidence_row(void *vctx, const struct st_evidence *e)
{
	struct ev_ctx *c = vctx;
	const char *part = e->sev_part != NULL ? e->sev_part : "";
	json_t *o;

	/* another member's part, and its evidence, are not an officer's */
	if (strcmp(e->sev_unit, c->ec_unit) != 0 ||
	    !app_may_see_part(c->ec_actor, part))
		return 0;
	o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "id",
	    (json_int_t)e->sev_id, "unit", e->sev_unit, "input", e->sev_input,
	    "doc_number", e->sev_doc_number, "doc_date", e->sev_doc_date,
	    "note", e->sev_note, "added_by", e->sev_by, "added_at", e->sev_at,
	    "part", part);
	if (e->sev_file_sha256 != NULL)
		json_object_set_new(o, "file",
		    json_pack("{s:s, s:s?, s:s?, s:I, s:s}", "sha256",
			e->sev_file_sha256, "name", e->sev_file_name, "type",
			e->sev_file_type, "size", (json_int_t)e->sev_file_size,
			"url", ""));
	if (e->sev_file_sha256 != NULL) {
		char url[128];

		snprintf(
		    url, sizeof(url), "/api/v1/files/%s", e->sev_file_sha256);
		json_object_set_new(
		    json_object_get(o, "file"), "url", json_string(url));
	}
	json_array_append_new(c->ec_list, o);
	return 0;
}

void
api_evidence_list(struct api_req *ar)
{
	struct st_period p;
	struct ev_ctx c;
	struct diag d;

	if (api_path_period(ar, &p) != 0)
		return;
	c.ec_list = json_array();
	c.ec_unit = api_param(ar, 1);
	c.ec_actor = api_actor(ar);
	diag_init(&d);
	if (app_evidence_list(
		ar->ar_s, &p, api_param(ar, 2), evidence_row, &c, &d) != 0) {
		json_decref(c.ec_list);
		api_diag_flat(ar, &d);
		diag_free(&d);
		return;
	}
	diag_free(&d);
	api_json(ar, 200, json_pack("{s:o}", "evidence", c.ec_list));
}

/*
 * A safe file name: the last path component, without control characters,
 * quotes, backslashes; "" when nothing is left or it is "." or "..".
 */
static void
safe_name(const char *in, char *out, size_t size)
{
	const char *base = in;
	size_t n = 0;

	for (; *in; in++)
		if (*in == '/' || *in == '\\')
			base = in + 1;
	for (; *base && n + 1 < size; base++) {
		unsigned char c = (unsigned char)*base;

		if (c < 0x20 || c == 0x7f || c == '"' || c == '\\')
			continue;
		out[n++] = (char)c;
	}
	out[n] = '\0';
	if (strcmp(out, ".") == 0 || strcmp(out, "..") == 0)
		out[0] = '\0';
}

struct upload {
	struct sha256_file up_file; /* to a temporary file, hashed */
	int up_write_err; /* the temporary file could not be written */
	char up_name[256];
	int up_files;
	struct buf up_doc, up_date, up_note, up_part;
	int up_unknown;
	char up_bad[64];
};

static int
upload_field(void *ctx, const char *key, const char *filename, const char *type,
    const char *data, size_t off, size_t size)
{
	struct upload *u = ctx;
	struct buf *b = NULL;

	/* what the client says a file is plays no part: app/ reads it */
	(void)type;
	if (strcmp(key, "file") == 0) {
		if (filename == NULL)
			return -1;
		if (off == 0) {
			if (++u->up_files > 1)
				return -1; /* one file per evidence item */
			safe_name(filename, u->up_name, sizeof(u->up_name));
		}
		if (u->up_file.shf_len + size > STORE_MAX_FILE)
			return -1;
		if ((u->up_file.shf_f == NULL &&
			sha256_file_open(&u->up_file) != 0) ||
		    sha256_file_write(&u->up_file, data, size) != 0) {
			u->up_write_err = 1;
			return -1;
		}
		return 0;
	} else if (strcmp(key, "doc_number") == 0) {
		b = &u->up_doc;
	} else if (strcmp(key, "doc_date") == 0) {
		b = &u->up_date;
	} else if (strcmp(key, "note") == 0) {
		b = &u->up_note;
	} else if (strcmp(key, "part") == 0) {
		b = &u->up_part; /* a member's part of a contributed input */
	} else {
		snprintf(u->up_bad, sizeof(u->up_bad), "%s", key);
		u->up_unknown = 1;
		return -1;
	}
	if (b->b_len + size > 4096)
		return -1;
	buf_append(b, data, size);
	return 0;
}

/*
 * upload_refused(ar, u): answer the first thing wrong with an evidence
 * form that was read (texts, file name, an empty item; the file's type is
 * app/'s to decide from its content); 1 when
 * it was answered, 0 when the form can be stored.
 */
static int
upload_refused(struct api_req *ar, const struct upload *u)
{
	if (!utf8_valid(buf_cstr(&u->up_doc), u->up_doc.b_len) ||
	    !utf8_valid(buf_cstr(&u->up_date), u->up_date.b_len) ||
	    !utf8_valid(buf_cstr(&u->up_note), u->up_note.b_len) ||
	    !utf8_valid(buf_cstr(&u->up_part), u->up_part.b_len) ||
	    memchr(buf_cstr(&u->up_part), '\0', u->up_part.b_len) != NULL ||
	    memchr(buf_cstr(&u->up_note), '\0', u->up_note.b_len) != NULL ||
	    memchr(buf_cstr(&u->up_doc), '\0', u->up_doc.b_len) != NULL ||
	    !utf8_valid(u->up_name, strlen(u->up_name))) {
		api_error(ar, 400, "bad_text", NULL,
		    "số văn bản, ngày, ghi chú, phần và tên tệp phải là văn bản UTF-8",
		    "document number, date, note, part and file name must be UTF-8 text");
		return 1;
	}
	if (u->up_files > 0 && u->up_name[0] == '\0') {
		api_error(ar, 400, "bad_filename", "file",
		    "tên tệp không hợp lệ", "invalid file name");
		return 1;
	}
	if (u->up_files == 0 && u->up_doc.b_len == 0 && u->up_note.b_len == 0) {
		api_error(ar, 400, "empty_evidence", NULL,
		    "cần ít nhất số văn bản, ghi chú hoặc một tệp",
		    "a document number, a note or a file is needed");
		return 1;
	}
	return 0;
}

void
api_evidence_add(struct api_req *ar)
{
	const char *input = api_param(ar, 2);
	const struct method *m;
	struct st_evidence e;
	struct st_period p;
	struct upload u;
	char sha[65];
	struct diag d;
	int rc, in;

	if (api_path_period(ar, &p) != 0)
		return;
	diag_init(&d);
	if (app_period_method(ar->ar_s, &p, &m, &d) != 0) {
		api_diag_flat(ar, &d);
		diag_free(&d);
		return;
	}
	diag_free(&d);
	if ((in = method_input(m, input, strlen(input))) < 0) {
		api_error(ar, 404, "unknown_input", "input",
		    "không có dữ liệu đầu vào '%s' trong phương pháp %s",
		    "no input '%s' in methodology %s", input, m->m_id);
		return;
	}
	/* the lead's writers, and the coordinating agencies' officers; of a
	 * contributed input, app/ decides by the part (app_may_part) */
	if ((method_contribution(m, in) == NULL ||
		api_actor(ar)->ac_role == ROLE_VIEWER) &&
	    !app_may_evidence(ar->ar_s, api_actor(ar), m, in)) {
		api_forbidden(ar);
		return;
	}
	{
		const char *ct = http_header(ar->ar_rq, "Content-Type");

		if (ct == NULL ||
		    (strncasecmp(ct, "multipart/form-data", 19) != 0 &&
			strncasecmp(ct, "application/x-www-form-urlencoded",
			    33) != 0)) {
			api_error(ar, 415, "content_type", NULL,
			    "cần Content-Type: multipart/form-data",
			    "Content-Type: multipart/form-data is required");
			return;
		}
	}
	memset(&u, 0, sizeof(u));
	buf_init(&u.up_doc);
	buf_init(&u.up_date);
	buf_init(&u.up_note);
	buf_init(&u.up_part);
	if (http_form(ar->ar_rq, upload_field, &u) != 0) {
		if (u.up_write_err) {
			http_set_header(ar->ar_rs, "Retry-After", "1");
			api_error(ar, 503, "busy", NULL,
			    "không ghi được tệp tạm",
			    "cannot write a temporary file");
		} else if (u.up_unknown)
			api_error(ar, 400, "unknown_field", u.up_bad,
			    "trường không hợp lệ '%s'", "unknown field '%s'",
			    u.up_bad);
		else
			api_error(ar, 400, "bad_form", NULL,
			    "cần multipart/form-data hợp lệ: file (một tệp), doc_number, doc_date, note, part",
			    "a well-formed multipart/form-data is needed: file (one), doc_number, doc_date, note, part");
		goto out;
	}
	if (upload_refused(ar, &u))
		goto out;
	/* a file part with no bytes at all still is a file */
	if (u.up_files > 0 && u.up_file.shf_f == NULL &&
	    sha256_file_open(&u.up_file) != 0) {
		http_set_header(ar->ar_rs, "Retry-After", "1");
		api_error(ar, 503, "busy", NULL, "không ghi được tệp tạm",
		    "cannot write a temporary file");
		goto out;
	}
	if (u.up_files > 0 && sha256_file_end(&u.up_file, sha) != 0) {
		api_error(ar, 500, "internal", NULL,
		    "không đọc lại được tệp tạm",
		    "cannot read back a temporary file");
		goto out;
	}
	memset(&e, 0, sizeof(e));
	e.sev_doc_number = buf_cstr(&u.up_doc);
	e.sev_doc_date = buf_cstr(&u.up_date);
	e.sev_note = buf_cstr(&u.up_note);
	e.sev_part = u.up_part.b_len > 0 ? buf_cstr(&u.up_part) : NULL;
	if (u.up_files > 0)
		e.sev_file_name = u.up_name;
	diag_init(&d);
	rc = app_evidence_attach_file(ar->ar_s, api_actor(ar), p.sp_code,
	    api_param(ar, 1), api_param(ar, 2), &e,
	    u.up_files ? u.up_file.shf_f : NULL, u.up_file.shf_len, &d);
	/* the store hashed the spooled file again: both must agree */
	if (rc == 0 && u.up_files > 0 && strcmp(sha, e.sev_file_sha256) != 0) {
		diag_free(&d);
		api_error(ar, 500, "internal", NULL,
		    "mã băm của tệp không khớp",
		    "the file's hash does not match");
		goto out;
	}
	api_answer(ar, rc, &d, 201,
	    json_pack("{s:I, s:s?}", "id", (json_int_t)e.sev_id, "sha256",
		e.sev_file_sha256));
out:
	sha256_file_close(&u.up_file);
	buf_free(&u.up_doc);
	buf_free(&u.up_date);
	buf_free(&u.up_note);
	buf_free(&u.up_part);
}

static int
is_sha(const char *s)
{
	size_t i;

	for (i = 0; s[i]; i++)
		if (!isxdigit((unsigned char)s[i]) ||
		    isupper((unsigned char)s[i]))
			return 0;
	return i == 64;
}

/* RFC 5987 / 6266: an ASCII fallback and the UTF-8 name, percent-encoded. */
static void
disposition(const char *name, char *out, size_t size)
{
	static const char hex[] = "0123456789ABCDEF";
	char ascii[256], enc[768];
	size_t a = 0, e = 0;
	const unsigned char *p;

	for (p = (const unsigned char *)name; *p && a + 1 < sizeof(ascii); p++)
		ascii[a++] =
		    *p < 0x80 && *p != '"' && *p != ';' ? (char)*p : '_';
	ascii[a] = '\0';
	for (p = (const unsigned char *)name; *p && e + 4 < sizeof(enc); p++) {
		if (isalnum(*p) || strchr("-._~", *p) != NULL) {
			enc[e++] = (char)*p;
		} else {
			enc[e++] = '%';
			enc[e++] = hex[*p >> 4];
			enc[e++] = hex[*p & 15];
		}
	}
	enc[e] = '\0';
	snprintf(out, size, "attachment; filename=\"%s\"; filename*=UTF-8''%s",
	    ascii[0] ? ascii : "evidence", enc);
}

void
api_file_get(struct api_req *ar)
{
	const char *sha = api_param(ar, 0);
	char cd[1200], name[256];
	struct diag d;
	void *data;
	size_t len;

	if (!is_sha(sha)) {
		api_error(ar, 400, "bad_id", "sha256",
		    "mã tệp phải là 64 chữ số hex thường",
		    "a file id is 64 lower-case hex digits");
		return;
	}
	diag_init(&d);
	if (app_file(ar->ar_s, sha, &data, &len, name, sizeof(name), &d) != 0) {
		api_diag_flat(ar, &d);
		diag_free(&d);
		return;
	}
	diag_free(&d);
	disposition(name[0] ? name : "evidence", cd, sizeof(cd));
	ar->ar_rs->rs_status = 200;
	/* always a download: never rendered in our origin */
	ar->ar_rs->rs_type = "application/octet-stream";
	http_set_header(ar->ar_rs, "Content-Disposition", cd);
	buf_append(&ar->ar_rs->rs_body, data, len);
	free(data);
}
