/*
 * sq_evidence.c: evidence documents and the files they carry (stored once, by
 * SHA-256).
 */
#include "store/sqlite/sq.h"

int
store_file_put(struct store *s, const void *data, size_t len, char sha[65])
{
	char at[21];

	if (len > STORE_MAX_FILE) {
		sq_seterr(s, STORE_EINVALID,
		    "tệp quá lớn (%zu byte, tối đa %u)",
		    "file too large (%zu bytes, at most %u)", len,
		    STORE_MAX_FILE);
		return STORE_EINVALID;
	}
	sha256_hex(data, len, sha);
	sq_now(at);
	return sq_exec(s,
	    "INSERT INTO file (sha256, size, data, created_at)"
	    " VALUES (?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING",
	    "sibs", sha, (long)len, data, len, at);
}

int
store_file_put_fd(struct store *s, FILE *f, size_t len, char sha[65])
{
	sqlite3_blob *blob = NULL;
	char chunk[64 << 10], at[21];
	size_t off = 0;
	int rc;

	if (len > STORE_MAX_FILE) {
		sq_seterr(s, STORE_EINVALID,
		    "tệp quá lớn (%zu byte, tối đa %u)",
		    "file too large (%zu bytes, at most %u)", len,
		    STORE_MAX_FILE);
		return STORE_EINVALID;
	}
	if (sha256_stream(f, len, sha) != 0) {
		sq_seterr(s, STORE_EINVALID, "không đọc được tệp (%zu byte)",
		    "cannot read the file (%zu bytes)", len);
		return STORE_EINVALID;
	}
	sq_now(at);
	rc = sq_exec(s,
	    "INSERT INTO file (sha256, size, data, created_at)"
	    " VALUES (?, ?, zeroblob(?), ?) ON CONFLICT (sha256) DO NOTHING",
	    "siis", sha, (long)len, (long)len, at);
	if (rc != 0 || sqlite3_changes(s->sqs_db) == 0 || len == 0)
		return rc; /* an error, or this content is stored already */
	rc = sqlite3_blob_open(s->sqs_db, "main", "file", "data",
	    sqlite3_last_insert_rowid(s->sqs_db), 1, &blob);
	if (rc != SQLITE_OK) {
		sqlite3_blob_close(blob);
		return sq_dberr(s, rc);
	}
	if (fseek(f, 0, SEEK_SET) != 0)
		off = len + 1;
	while (off < len) {
		size_t want =
		    len - off < sizeof(chunk) ? len - off : sizeof(chunk);

		if (fread(chunk, 1, want, f) != want)
			break;
		rc = sqlite3_blob_write(blob, chunk, (int)want, (int)off);
		if (rc != SQLITE_OK) {
			sqlite3_blob_close(blob);
			return sq_dberr(s, rc);
		}
		off += want;
	}
	rc = sqlite3_blob_close(blob);
	if (rc != SQLITE_OK)
		return sq_dberr(s, rc);
	if (off != len) {
		sq_seterr(s, STORE_EINVALID, "không đọc được tệp (%zu byte)",
		    "cannot read the file (%zu bytes)", len);
		return STORE_EINVALID;
	}
	return 0;
}

/* file_map(st, out): the blob of the first column, malloc'd, into a sq_blob. */
static const char *
file_map(sqlite3_stmt *st, void *out)
{
	const struct sq_blob *b = out;

	*b->sqb_len = (size_t)sqlite3_column_bytes(st, 0);
	*b->sqb_data = xmalloc(*b->sqb_len);
	memcpy(*b->sqb_data, sqlite3_column_blob(st, 0), *b->sqb_len);
	return NULL;
}

static const struct sq_missing no_file = {
	"không có tệp %s",
	"no file %s",
};

int
store_file_get(struct store *s, const char *sha, void **data, size_t *len)
{
	struct sq_blob b = { data, len };

	return sq_one(s, file_map, &b, &no_file,
	    "SELECT data FROM file WHERE sha256 = ?", "s", sha, sha);
}

static const char *
file_meta_map(sqlite3_stmt *st, void *out)
{
	struct st_file_meta *m = out;

	memset(m, 0, sizeof(*m));
	snprintf(m->sfm_sha256, sizeof(m->sfm_sha256), "%s", sq_text(st, 0));
	m->sfm_size = (long)sqlite3_column_int64(st, 1);
	snprintf(
	    m->sfm_created_at, sizeof(m->sfm_created_at), "%s", sq_text(st, 2));
	if (sq_text(st, 3) != NULL)
		snprintf(
		    m->sfm_name, sizeof(m->sfm_name), "%s", sq_text(st, 3));
	if (sq_text(st, 4) != NULL)
		snprintf(
		    m->sfm_type, sizeof(m->sfm_type), "%s", sq_text(st, 4));
	return NULL;
}

/*
 * The name and type come from the first current evidence that carries the
 * file, periods in their order (a year after its quarters), then by id.
 */
int
store_file_meta(struct store *s, const char *sha, struct st_file_meta *m)
{
	return sq_one(s, file_meta_map, m, &no_file,
	    "SELECT f.sha256, f.size, f.created_at, e.file_name, e.file_type"
	    " FROM file f LEFT JOIN (evidence e JOIN period p"
	    "   ON p.id = e.period AND e.archived = 0)"
	    " ON e.file_sha256 = f.sha256 WHERE f.sha256 = ?"
	    " ORDER BY e.id IS NULL, p.year,"
	    " CASE p.quarter WHEN 0 THEN 5 ELSE p.quarter END, e.id LIMIT 1",
	    "s", sha, sha);
}

int
store_evidence_add(struct store *s, long period, long unit, const char *input,
    const struct st_evidence *e, const char *actor, long *id)
{
	char at[21], key[160], ucode[80], pcode[16];
	const char *agency = e->sev_agency != NULL ? e->sev_agency : "";
	struct sq_about ab;
	int rc;

	sq_now(at);
	rc = sq_exec(s,
	    "INSERT INTO evidence (period, unit, input, doc_number, doc_date,"
	    " note, file_sha256, file_name, file_type, added_by, added_at,"
	    " agency, part) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    "iisssssssssss", period, unit, input,
	    e->sev_doc_number ? e->sev_doc_number : "",
	    e->sev_doc_date ? e->sev_doc_date : "",
	    e->sev_note ? e->sev_note : "", e->sev_file_sha256,
	    e->sev_file_name, e->sev_file_type, actor, at, agency,
	    e->sev_part != NULL ? e->sev_part : "");
	if (rc != 0)
		return rc;
	*id = (long)sqlite3_last_insert_rowid(s->sqs_db);
	snprintf(key, sizeof(key), "%s/%s#%ld",
	    sq_unit_code(s, unit, ucode, sizeof(ucode)), input, *id);
	ab.sqa_period = sq_period_code(s, period, pcode, sizeof(pcode));
	ab.sqa_agency = agency[0] != '\0' ? agency : NULL;
	ab.sqa_unit = ucode;
	ab.sqa_input = input;
	return sq_audit(s, actor, "evidence.add", "evidence", key, NULL,
	    e->sev_doc_number ? e->sev_doc_number : "", e->sev_note, &ab);
}

/* What an evidence item is about, for its archival's audit row. */
struct sq_evabout {
	char sea_period[16];
	char sea_agency[64];
	char sea_unit[80];
	char sea_input[64];
};

static const char *
evabout_map(sqlite3_stmt *st, void *out)
{
	struct sq_evabout *a = out;

	snprintf(a->sea_period, sizeof(a->sea_period), "%s", sq_text(st, 0));
	snprintf(a->sea_agency, sizeof(a->sea_agency), "%s", sq_text(st, 1));
	snprintf(a->sea_unit, sizeof(a->sea_unit), "%s", sq_text(st, 2));
	snprintf(a->sea_input, sizeof(a->sea_input), "%s", sq_text(st, 3));
	return NULL;
}

int
store_evidence_archive(
    struct store *s, long id, const char *actor, const char *reason)
{
	struct sq_evabout ea;
	struct sq_about ab;
	char key[32];
	int rc = sq_exec(s,
	    "UPDATE evidence SET archived = 1 WHERE id = ? AND archived = 0",
	    "i", id);

	if (rc != 0)
		return rc;
	if (sqlite3_changes(s->sqs_db) == 0) {
		sq_seterr(s, STORE_ENOTFOUND,
		    "không có tài liệu kiểm chứng số %ld", "no evidence %ld",
		    id);
		return STORE_ENOTFOUND;
	}
	rc = sq_one(s, evabout_map, &ea, NULL,
	    "SELECT p.code, e.agency, u.code, e.input FROM evidence e"
	    " JOIN period p ON p.id = e.period JOIN unit u ON u.id = e.unit"
	    " WHERE e.id = ?",
	    "i", id);
	if (rc != 0)
		return rc;
	ab.sqa_period = ea.sea_period;
	ab.sqa_agency = ea.sea_agency[0] != '\0' ? ea.sea_agency : NULL;
	ab.sqa_unit = ea.sea_unit;
	ab.sqa_input = ea.sea_input;
	snprintf(key, sizeof(key), "%ld", id);
	return sq_audit(s, actor, "evidence.archive", "evidence", key, "active",
	    "archived", reason, &ab);
}

static const char *
evidence_map(sqlite3_stmt *st, void *out)
{
	struct st_evidence *e = out;

	e->sev_id = (long)sqlite3_column_int64(st, 0);
	e->sev_unit = sq_text(st, 1);
	e->sev_input = sq_text(st, 2);
	e->sev_doc_number = sq_text(st, 3);
	e->sev_doc_date = sq_text(st, 4);
	e->sev_note = sq_text(st, 5);
	e->sev_file_sha256 = sq_text(st, 6);
	e->sev_file_name = sq_text(st, 7);
	e->sev_file_type = sq_text(st, 8);
	e->sev_file_size = (long)sqlite3_column_int64(st, 9);
	e->sev_by = sq_text(st, 10);
	e->sev_at = sq_text(st, 11);
	e->sev_sha_buf[0] = '\0';
	e->sev_agency = sq_text(st, 12);
	e->sev_part = sq_text(st, 13);
	return NULL;
}

int
store_evidence_each(struct store *s, long period, const char *input,
    int (*cb)(void *, const struct st_evidence *), void *ctx)
{
	sqlite3_stmt *st = sq_query(s,
	    "SELECT e.id, u.code, e.input, e.doc_number, e.doc_date, e.note,"
	    " e.file_sha256, e.file_name, e.file_type, coalesce(f.size, 0),"
	    " e.added_by, e.added_at, e.agency, e.part FROM evidence e"
	    " JOIN unit u ON u.id ="
	    " e.unit LEFT JOIN file f ON f.sha256 = e.file_sha256"
	    " WHERE e.period = ? AND e.archived = 0 AND (?2 IS NULL OR"
	    " e.input = ?2) ORDER BY e.id",
	    "is", period, input);

	if (st == NULL)
		return s->sqs_errcode;
	SQ_EACH(s, st, struct st_evidence, evidence_map, cb, ctx);
}
