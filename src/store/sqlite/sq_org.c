/*
 * sq_org.c: agencies, their groups, and the administrative units.
 */
#include "store/sqlite/sq.h"

int
store_agency_put(struct store *s, const struct st_agency *a)
{
	return sq_exec(s,
	    "INSERT INTO agency (code, name, short, kind) VALUES (?, ?, ?, ?)"
	    " ON CONFLICT (code) DO UPDATE SET name = excluded.name,"
	    " short = excluded.short, kind = excluded.kind",
	    "ssss", a->sag_code, a->sag_name,
	    a->sag_short ? a->sag_short : a->sag_name, a->sag_kind);
}

int
store_agency_member_add(struct store *s, const char *group, const char *member)
{
	return sq_exec(s,
	    "INSERT OR IGNORE INTO agency_member (grp, member)"
	    " SELECT g.id, m.id FROM agency g, agency m"
	    " WHERE g.code = ? AND m.code = ?",
	    "ss", group, member);
}

static const char *
agency_map(sqlite3_stmt *st, void *out)
{
	struct st_agency *a = out;

	a->sag_id = (long)sqlite3_column_int64(st, 0);
	a->sag_code = sq_text(st, 1);
	a->sag_name = sq_text(st, 2);
	a->sag_short = sq_text(st, 3);
	a->sag_kind = sq_text(st, 4);
	return NULL;
}

int
store_agency_each(
    struct store *s, int (*cb)(void *, const struct st_agency *), void *ctx)
{
	sqlite3_stmt *st = sq_query(s,
	    "SELECT id, code, name, short, kind FROM agency ORDER BY id", "");

	if (st == NULL)
		return s->sqs_errcode;
	SQ_EACH(s, st, struct st_agency, agency_map, cb, ctx);
}

int
store_agency_exists(struct store *s, const char *code)
{
	int rc = sq_one(s, NULL, NULL, NULL,
	    "SELECT 1 FROM agency WHERE code = ?", "s", code);

	return rc == STORE_ENOTFOUND ? 0 : rc == 0 ? 1 : rc;
}

int
store_agency_in(struct store *s, const char *agency, const char *group)
{
	int rc;

	if (strcmp(agency, group) == 0)
		return 1;
	rc = sq_one(s, NULL, NULL, NULL,
	    "SELECT 1 FROM agency_member am JOIN agency g ON g.id = am.grp"
	    " JOIN agency m ON m.id = am.member WHERE g.code = ? AND m.code = ?",
	    "ss", group, agency);
	return rc == STORE_ENOTFOUND ? 0 : rc == 0 ? 1 : rc;
}

int
store_unit_put(struct store *s, const struct st_unit *u, long *id)
{
	const char *code = u->su_code, *name = u->su_name;
	const char *level = u->su_level, *parent = u->su_parent;
	int rc = sq_exec(s,
	    "INSERT INTO unit (code, name, level, parent)"
	    " VALUES (?, ?, ?, (SELECT id FROM unit WHERE code = ?))"
	    " ON CONFLICT (code) DO NOTHING",
	    "ssss", code, name, level, parent);

	if (rc != 0)
		return rc;
	return store_unit_find(s, code, id);
}

int
store_unit_find(struct store *s, const char *code, long *id)
{
	static const struct sq_missing miss = {
		"không có đơn vị '%s'",
		"no unit '%s'",
	};

	return sq_one(s, sq_map_long, id, &miss,
	    "SELECT id FROM unit WHERE code = ?", "s", code, code);
}

static const char *
unit_map(sqlite3_stmt *st, void *out)
{
	struct st_unit *u = out;

	u->su_id = (long)sqlite3_column_int64(st, 0);
	u->su_code = sq_text(st, 1);
	u->su_name = sq_text(st, 2);
	u->su_level = sq_text(st, 3);
	u->su_parent = sq_text(st, 4);
	return NULL;
}

int
store_unit_each(
    struct store *s, int (*cb)(void *, const struct st_unit *), void *ctx)
{
	sqlite3_stmt *st = sq_query(s,
	    "SELECT u.id, u.code, u.name, u.level, p.code FROM unit u"
	    " LEFT JOIN unit p ON p.id = u.parent ORDER BY u.id",
	    "");

	if (st == NULL)
		return s->sqs_errcode;
	SQ_EACH(s, st, struct st_unit, unit_map, cb, ctx);
}
