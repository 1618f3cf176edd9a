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
	    "INSERT INTO agency_member (grp, member)"
	    " SELECT g.id, m.id FROM agency g, agency m"
	    " WHERE g.code = ? AND m.code = ? ON CONFLICT (grp, member)"
	    " DO UPDATE SET active_to = NULL",
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
	a->sag_from = sq_text(st, 5);
	a->sag_to = sq_text(st, 6);
	a->sag_successor = sq_text(st, 7);
	return NULL;
}

int
store_agency_each(
    struct store *s, int (*cb)(void *, const struct st_agency *), void *ctx)
{
	sqlite3_stmt *st = sq_query(s,
	    "SELECT id, code, name, short, kind, active_from, active_to,"
	    " successor FROM agency ORDER BY id",
	    "");

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
	    " JOIN agency m ON m.id = am.member WHERE g.code = ? AND m.code = ?"
	    " AND am.active_to IS NULL",
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
	u->su_from = sq_text(st, 5);
	u->su_to = sq_text(st, 6);
	u->su_successor = sq_text(st, 7);
	return NULL;
}

int
store_unit_each(
    struct store *s, int (*cb)(void *, const struct st_unit *), void *ctx)
{
	sqlite3_stmt *st = sq_query(s,
	    "SELECT u.id, u.code, u.name, u.level, p.code, u.active_from,"
	    " u.active_to, u.successor FROM unit u"
	    " LEFT JOIN unit p ON p.id = u.parent ORDER BY u.id",
	    "");

	if (st == NULL)
		return s->sqs_errcode;
	SQ_EACH(s, st, struct st_unit, unit_map, cb, ctx);
}

/* Is ${entity} "agency" (0) or "unit" (1)? -1 with STORE_EIO otherwise. */
static int
org_entity(struct store *s, const char *entity)
{
	if (strcmp(entity, "agency") == 0)
		return 0;
	if (strcmp(entity, "unit") == 0)
		return 1;
	sq_seterr(s, STORE_EIO, "loại đối tượng '%s' không hợp lệ",
	    "bad entity '%s'", entity);
	return -1;
}

int
store_org_change_add(struct store *s, const struct st_org_change *c)
{
	char at[21], action[40];
	int rc;

	sq_now(at);
	rc = sq_exec(s,
	    "INSERT INTO org_change (kind, entity, code, old, new, effective,"
	    " at, by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	    "ssssssss", c->soc_kind, c->soc_entity, c->soc_code, c->soc_old,
	    c->soc_new, c->soc_effective, at, c->soc_by);
	if (rc != 0)
		return rc;
	snprintf(action, sizeof(action), "org.%s", c->soc_kind);
	return sq_audit(s, c->soc_by, action, c->soc_entity, c->soc_code,
	    c->soc_old, c->soc_new, c->soc_effective, NULL);
}

static const char *
change_map(sqlite3_stmt *st, void *out)
{
	struct st_org_change *c = out;

	c->soc_id = (long)sqlite3_column_int64(st, 0);
	c->soc_kind = sq_text(st, 1);
	c->soc_entity = sq_text(st, 2);
	c->soc_code = sq_text(st, 3);
	c->soc_old = sq_text(st, 4);
	c->soc_new = sq_text(st, 5);
	c->soc_effective = sq_text(st, 6);
	c->soc_at = sq_text(st, 7);
	c->soc_by = sq_text(st, 8);
	return NULL;
}

int
store_org_change_each(
    struct store *s, int (*cb)(void *, const struct st_org_change *), void *ctx)
{
	sqlite3_stmt *st = sq_query(s,
	    "SELECT id, kind, entity, code, old, new, effective, at, by"
	    " FROM org_change ORDER BY id",
	    "");

	if (st == NULL)
		return s->sqs_errcode;
	SQ_EACH(s, st, struct st_org_change, change_map, cb, ctx);
}

int
store_org_change_count(struct store *s, long *out)
{
	return sq_one(
	    s, sq_map_long, out, NULL, "SELECT count(*) FROM org_change", "");
}

int
store_org_agency_add(struct store *s, const struct st_agency *a)
{
	return sq_exec(s,
	    "INSERT INTO agency (code, name, short, kind, active_from)"
	    " VALUES (?, ?, ?, ?, ?)",
	    "sssss", a->sag_code, a->sag_name,
	    a->sag_short ? a->sag_short : a->sag_name, a->sag_kind,
	    a->sag_from ? a->sag_from : "0001-01-01");
}

int
store_org_unit_add(struct store *s, const struct st_unit *u)
{
	return sq_exec(s,
	    "INSERT INTO unit (code, name, level, parent, active_from)"
	    " VALUES (?, ?, ?, (SELECT id FROM unit WHERE code = ?), ?)",
	    "sssss", u->su_code, u->su_name, u->su_level, u->su_parent,
	    u->su_from ? u->su_from : "0001-01-01");
}

int
store_org_life_set(struct store *s, const char *entity, const char *code,
    const char *to, const char *successor)
{
	static const char *const sql[] = {
		"UPDATE agency SET active_to = ?, successor = ? WHERE code = ?",
		"UPDATE unit SET active_to = ?, successor = ? WHERE code = ?",
	};
	int e = org_entity(s, entity);

	if (e < 0)
		return STORE_EIO;
	return sq_exec(s, sql[e], "sss", to, successor, code);
}

int
store_org_name_add(struct store *s, const char *entity, const char *code,
    const char *from, const char *name, const char *shortname)
{
	static const char *const sql[] = {
		"UPDATE agency SET name = ?, short = ? WHERE code = ?",
		"UPDATE unit SET name = ? WHERE code = ?",
	};
	int e = org_entity(s, entity), rc;

	if (e < 0)
		return STORE_EIO;
	rc = sq_exec(s,
	    "INSERT INTO org_name (entity, code, from_date, name, short)"
	    " VALUES (?, ?, ?, ?, ?) ON CONFLICT (entity, code, from_date)"
	    " DO UPDATE SET name = excluded.name, short = excluded.short",
	    "sssss", entity, code, from, name, shortname ? shortname : name);
	if (rc != 0)
		return rc;
	if (e == 0)
		return sq_exec(
		    s, sql[0], "sss", name, shortname ? shortname : name, code);
	return sq_exec(s, sql[1], "ss", name, code);
}

/* The name and short name of an org_name row. */
struct name_out {
	char *no_name;
	size_t no_nsize;
	char *no_short;
	size_t no_ssize;
};

static const char *
name_map(sqlite3_stmt *st, void *out)
{
	struct name_out *n = out;

	snprintf(n->no_name, n->no_nsize, "%s", sq_text(st, 0));
	snprintf(n->no_short, n->no_ssize, "%s", sq_text(st, 1));
	return NULL;
}

int
store_org_name_at(struct store *s, const char *entity, const char *code,
    const char *date, char *name, size_t nsize, char *shortname, size_t ssize)
{
	struct name_out n = { name, nsize, shortname, ssize };

	return sq_one(s, name_map, &n, NULL,
	    "SELECT name, short FROM org_name WHERE entity = ? AND code = ?"
	    " AND from_date <= ? ORDER BY from_date DESC LIMIT 1",
	    "sss", entity, code, date);
}

int
store_agency_member_end(
    struct store *s, const char *group, const char *member, const char *date)
{
	return sq_exec(s,
	    "UPDATE agency_member SET active_to = ?"
	    " WHERE grp = (SELECT id FROM agency WHERE code = ?)"
	    " AND member = (SELECT id FROM agency WHERE code = ?)"
	    " AND active_to IS NULL",
	    "sss", date, group, member);
}

static const char *
member_map(sqlite3_stmt *st, void *out)
{
	struct st_member *m = out;

	m->smb_group = sq_text(st, 0);
	m->smb_member = sq_text(st, 1);
	m->smb_to = sq_text(st, 2);
	return NULL;
}

int
store_agency_member_each(
    struct store *s, int (*cb)(void *, const struct st_member *), void *ctx)
{
	sqlite3_stmt *st = sq_query(s,
	    "SELECT g.code, m.code, am.active_to FROM agency_member am"
	    " JOIN agency g ON g.id = am.grp JOIN agency m ON m.id = am.member"
	    " ORDER BY am.rowid",
	    "");

	if (st == NULL)
		return s->sqs_errcode;
	SQ_EACH(s, st, struct st_member, member_map, cb, ctx);
}
