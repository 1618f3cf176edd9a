/*
 * sq_schema.c: the schema: its versioned migrations, applied on open inside one
 * write transaction.
 */
#include "store/sqlite/sq.h"

/* Migrations: index i brings the schema from version i to i + 1. */
static const char *const migrations[] = {
	/* 1: the first schema */
	"CREATE TABLE meta ("
	"  key TEXT PRIMARY KEY,"
	"  value TEXT NOT NULL);"
	"CREATE TABLE methodology ("
	"  id INTEGER PRIMARY KEY,"
	"  code TEXT NOT NULL,"
	"  version TEXT NOT NULL,"
	"  name TEXT NOT NULL,"
	"  yaml TEXT NOT NULL,"
	"  sha256 TEXT NOT NULL UNIQUE,"
	"  loaded_at TEXT NOT NULL,"
	"  loaded_by TEXT NOT NULL);"
	"CREATE TABLE agency ("
	"  id INTEGER PRIMARY KEY,"
	"  code TEXT NOT NULL UNIQUE,"
	"  name TEXT NOT NULL,"
	"  short TEXT NOT NULL,"
	"  kind TEXT NOT NULL);"
	"CREATE TABLE agency_member ("
	"  grp INTEGER NOT NULL REFERENCES agency(id),"
	"  member INTEGER NOT NULL REFERENCES agency(id),"
	"  PRIMARY KEY (grp, member));"
	"CREATE TABLE responsibility ("
	"  methodology INTEGER NOT NULL REFERENCES methodology(id),"
	"  item TEXT NOT NULL,"
	"  agency INTEGER NOT NULL REFERENCES agency(id),"
	"  role TEXT NOT NULL CHECK (role IN ('lead', 'coordinator')),"
	"  PRIMARY KEY (methodology, item, agency, role));"
	"CREATE TABLE unit ("
	"  id INTEGER PRIMARY KEY,"
	"  code TEXT NOT NULL UNIQUE,"
	"  name TEXT NOT NULL,"
	"  level TEXT NOT NULL,"
	"  parent INTEGER REFERENCES unit(id));"
	"CREATE TABLE period ("
	"  id INTEGER PRIMARY KEY,"
	"  code TEXT NOT NULL UNIQUE,"
	"  kind TEXT NOT NULL CHECK (kind IN ('quarter', 'year')),"
	"  year INTEGER NOT NULL,"
	"  quarter INTEGER NOT NULL CHECK (quarter BETWEEN 0 AND 4),"
	"  methodology INTEGER NOT NULL REFERENCES methodology(id),"
	"  agency_due TEXT NOT NULL,"
	"  sotttt_due TEXT NOT NULL,"
	"  status TEXT NOT NULL CHECK (status IN ('open', 'closed')),"
	"  label TEXT NOT NULL DEFAULT '');"
	"CREATE TABLE value ("
	"  id INTEGER PRIMARY KEY,"
	"  period INTEGER NOT NULL REFERENCES period(id),"
	"  unit INTEGER NOT NULL REFERENCES unit(id),"
	"  input TEXT NOT NULL,"
	"  raw TEXT NOT NULL,"
	"  status TEXT NOT NULL"
	"    CHECK (status IN ('draft', 'submitted', 'approved')),"
	"  entered_by TEXT NOT NULL,"
	"  entered_at TEXT NOT NULL,"
	"  first_id INTEGER," /* id of the first version: keeps file order */
	"  archived INTEGER NOT NULL DEFAULT 0);"
	"CREATE UNIQUE INDEX value_current ON value (period, unit, input)"
	"  WHERE archived = 0;"
	"CREATE INDEX value_period ON value (period, archived, first_id);"
	"CREATE TABLE file ("
	"  sha256 TEXT PRIMARY KEY,"
	"  size INTEGER NOT NULL,"
	"  data BLOB NOT NULL,"
	"  created_at TEXT NOT NULL);"
	"CREATE TABLE evidence ("
	"  id INTEGER PRIMARY KEY,"
	"  period INTEGER NOT NULL REFERENCES period(id),"
	"  unit INTEGER NOT NULL REFERENCES unit(id),"
	"  input TEXT NOT NULL,"
	"  doc_number TEXT NOT NULL DEFAULT '',"
	"  doc_date TEXT NOT NULL DEFAULT '',"
	"  note TEXT NOT NULL DEFAULT '',"
	"  file_sha256 TEXT REFERENCES file(sha256),"
	"  file_name TEXT,"
	"  file_type TEXT,"
	"  added_by TEXT NOT NULL,"
	"  added_at TEXT NOT NULL,"
	"  archived INTEGER NOT NULL DEFAULT 0);"
	"CREATE INDEX evidence_value ON evidence (period, unit, input);"
	"CREATE TABLE audit ("
	"  id INTEGER PRIMARY KEY,"
	"  at TEXT NOT NULL,"
	"  actor TEXT NOT NULL,"
	"  action TEXT NOT NULL,"
	"  entity TEXT NOT NULL,"
	"  key TEXT NOT NULL,"
	"  old TEXT,"
	"  new TEXT,"
	"  reason TEXT);"
	"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
	"  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
	"CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
	"  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
	"CREATE TRIGGER value_no_delete BEFORE DELETE ON value"
	"  BEGIN SELECT RAISE(ABORT, 'values are archived, never deleted'); END;"
	"CREATE TRIGGER evidence_no_delete BEFORE DELETE ON evidence"
	"  BEGIN SELECT RAISE(ABORT, 'evidence is archived, never deleted'); END;"
	"CREATE TABLE task ("
	"  id INTEGER PRIMARY KEY,"
	"  code TEXT NOT NULL UNIQUE,"
	"  grp TEXT NOT NULL,"
	"  group_name TEXT NOT NULL,"
	"  text TEXT NOT NULL,"
	"  lead_text TEXT NOT NULL,"
	"  coord_text TEXT NOT NULL,"
	"  due_text TEXT NOT NULL,"
	"  due TEXT,"
	"  due_date TEXT,"
	"  note TEXT NOT NULL DEFAULT '',"
	"  status TEXT NOT NULL DEFAULT 'not_started'"
	"    CHECK (status IN ('not_started', 'in_progress', 'done')));"
	"CREATE TABLE task_link ("
	"  task INTEGER NOT NULL REFERENCES task(id),"
	"  kind TEXT NOT NULL CHECK (kind IN ('lead', 'coordinator', 'indicator')),"
	"  ref TEXT NOT NULL,"
	"  seq INTEGER NOT NULL,"
	"  PRIMARY KEY (task, kind, ref));"
	"CREATE TABLE task_progress ("
	"  id INTEGER PRIMARY KEY,"
	"  task INTEGER NOT NULL REFERENCES task(id),"
	"  at TEXT NOT NULL,"
	"  by TEXT NOT NULL,"
	"  status TEXT NOT NULL,"
	"  note TEXT NOT NULL,"
	"  doc TEXT NOT NULL DEFAULT '',"
	"  file_sha256 TEXT REFERENCES file(sha256));"
	"CREATE TABLE target ("
	"  id INTEGER PRIMARY KEY,"
	"  code TEXT NOT NULL UNIQUE,"
	"  text TEXT NOT NULL,"
	"  year INTEGER NOT NULL,"
	"  target REAL,"
	"  target_max REAL,"
	"  unit TEXT NOT NULL,"
	"  indicator TEXT,"
	"  numerator TEXT,"
	"  denominator TEXT,"
	"  score TEXT,"
	"  note TEXT NOT NULL DEFAULT '',"
	"  source TEXT NOT NULL DEFAULT '');",
	/* 2: accounts and sessions for the server */
	"CREATE TABLE account ("
	"  id INTEGER PRIMARY KEY,"
	"  login TEXT NOT NULL UNIQUE,"
	"  pwhash TEXT NOT NULL,"
	"  role TEXT NOT NULL"
	"    CHECK (role IN ('admin', 'coordinator', 'officer', 'viewer')),"
	"  agency TEXT REFERENCES agency(code),"
	"  created_at TEXT NOT NULL,"
	"  disabled INTEGER NOT NULL DEFAULT 0);"
	"CREATE TABLE session ("
	"  token_hash TEXT PRIMARY KEY,"
	"  account INTEGER NOT NULL REFERENCES account(id),"
	"  csrf TEXT NOT NULL,"
	"  created_at INTEGER NOT NULL,"
	"  last_seen INTEGER NOT NULL,"
	"  expires_at INTEGER NOT NULL,"
	"  ended INTEGER NOT NULL DEFAULT 0);",
	/*
	 * 3: returned values with their comment, warnings and parts of a
	 * value; evidence says who (which agency) and for which part; audit
	 * rows name their period, agency, unit and input; submission events.
	 * A CHECK cannot be altered: the value table is rebuilt as SQLite's
	 * "making other kinds of table schema changes" says (new table, copy,
	 * drop, rename, then its indexes and trigger), ids kept. Nothing
	 * refers to value(id), so foreign keys can stay on (and cannot be
	 * turned off inside the migration's transaction anyway).
	 */
	"CREATE TABLE value_v3 ("
	"  id INTEGER PRIMARY KEY,"
	"  period INTEGER NOT NULL REFERENCES period(id),"
	"  unit INTEGER NOT NULL REFERENCES unit(id),"
	"  input TEXT NOT NULL,"
	"  raw TEXT NOT NULL,"
	"  status TEXT NOT NULL CHECK (status IN"
	"    ('draft', 'submitted', 'returned', 'approved')),"
	"  entered_by TEXT NOT NULL,"
	"  entered_at TEXT NOT NULL,"
	"  first_id INTEGER,"
	"  archived INTEGER NOT NULL DEFAULT 0,"
	"  comment TEXT NOT NULL DEFAULT '',"
	"  warnings TEXT NOT NULL DEFAULT '',"
	"  part TEXT NOT NULL DEFAULT '');"
	"INSERT INTO value_v3 (id, period, unit, input, raw, status, entered_by,"
	"  entered_at, first_id, archived)"
	"  SELECT id, period, unit, input, raw, status, entered_by, entered_at,"
	"  first_id, archived FROM value ORDER BY id;"
	"DROP TABLE value;"
	"ALTER TABLE value_v3 RENAME TO value;"
	"CREATE UNIQUE INDEX value_current ON value (period, unit, input, part)"
	"  WHERE archived = 0;"
	"CREATE INDEX value_period ON value (period, archived, first_id);"
	"CREATE TRIGGER value_no_delete BEFORE DELETE ON value"
	"  BEGIN SELECT RAISE(ABORT, 'values are archived, never deleted'); END;"
	"ALTER TABLE evidence ADD COLUMN agency TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE evidence ADD COLUMN part TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE audit ADD COLUMN period TEXT;"
	"ALTER TABLE audit ADD COLUMN agency TEXT;"
	"ALTER TABLE audit ADD COLUMN unit TEXT;"
	"ALTER TABLE audit ADD COLUMN input TEXT;"
	"CREATE INDEX audit_period ON audit (period);"
	"CREATE TABLE submission ("
	"  id INTEGER PRIMARY KEY,"
	"  period INTEGER NOT NULL REFERENCES period(id),"
	"  unit INTEGER NOT NULL REFERENCES unit(id),"
	"  agency TEXT NOT NULL REFERENCES agency(code),"
	"  event TEXT NOT NULL"
	"    CHECK (event IN ('submit', 'approve', 'return', 'reopen')),"
	"  inputs TEXT NOT NULL,"
	"  count INTEGER NOT NULL,"
	"  partial INTEGER NOT NULL CHECK (partial IN (0, 1)),"
	"  at TEXT NOT NULL,"
	"  by TEXT NOT NULL,"
	"  late INTEGER NOT NULL CHECK (late IN (0, 1)));"
	"CREATE INDEX submission_period ON submission (period, agency, unit);"
	"CREATE TRIGGER submission_no_update BEFORE UPDATE ON submission"
	"  BEGIN SELECT RAISE(ABORT, 'submission events are kept as recorded');"
	"  END;"
	"CREATE TRIGGER submission_no_delete BEFORE DELETE ON submission"
	"  BEGIN SELECT RAISE(ABORT, 'submission events are kept as recorded');"
	"  END;",
	/* published results of any year (issue 11): province "" is the
	 * year's national average */
	"CREATE TABLE result ("
	"  year INTEGER NOT NULL,"
	"  province TEXT NOT NULL,"
	"  idx REAL, rank INTEGER,"
	"  cqs REAL, cqs_rank INTEGER, kts REAL, kts_rank INTEGER,"
	"  xhs REAL, xhs_rank INTEGER,"
	"  g1 REAL, g2 REAL, g3 REAL, g4 REAL, g5 REAL, g6 REAL, g7 REAL,"
	"  g8 REAL,"
	"  source TEXT NOT NULL DEFAULT '',"
	"  PRIMARY KEY (year, province));"
	/* reference bounds of cross-unit indicators, per period */
	"CREATE TABLE bound ("
	"  period INTEGER NOT NULL REFERENCES period(id),"
	"  indicator TEXT NOT NULL,"
	"  lo REAL NOT NULL, hi REAL NOT NULL CHECK (lo <= hi),"
	"  source TEXT NOT NULL DEFAULT '',"
	"  PRIMARY KEY (period, indicator));",
	/*
	 * accounts (issue 12): a password set by an admin must be changed at
	 * the next login; who disabled an account and when; a session's
	 * public id (listed and ended by it: never the token or its hash),
	 * when it ended, the address and the browser it was opened from
	 */
	"ALTER TABLE account ADD COLUMN must_change INTEGER NOT NULL"
	"  DEFAULT 0 CHECK (must_change IN (0, 1));"
	"ALTER TABLE account ADD COLUMN disabled_at TEXT;"
	"ALTER TABLE account ADD COLUMN disabled_by TEXT;"
	"ALTER TABLE session ADD COLUMN public_id TEXT;"
	"ALTER TABLE session ADD COLUMN ended_at INTEGER;"
	"ALTER TABLE session ADD COLUMN address TEXT;"
	"ALTER TABLE session ADD COLUMN user_agent TEXT;"
	"UPDATE session SET public_id = lower(hex(randomblob(8)));"
	"CREATE UNIQUE INDEX session_public ON session (public_id);"
	"CREATE INDEX session_account ON session (account);",
	/*
	 * plans (issue 12): a plan table; tasks and targets belong to a plan,
	 * their codes unique within it; a task's agencies each with a status
	 * (collectives expanded to their members); progress rows name the
	 * agency; hand-entered target values with their review. A UNIQUE
	 * cannot be altered, so task and target are rebuilt, ids kept. The
	 * task's children are copied aside and made again after it, since
	 * dropping a parent that rows refer to breaks their foreign keys.
	 * A database made before plans were data holds Plan 4233's tasks:
	 * they become plan 1.
	 */
	"CREATE TABLE plan ("
	"  id INTEGER PRIMARY KEY,"
	"  code TEXT NOT NULL UNIQUE,"
	"  title TEXT NOT NULL,"
	"  issuer TEXT NOT NULL,"
	"  issued TEXT NOT NULL,"
	"  year_from INTEGER NOT NULL,"
	"  year_to INTEGER NOT NULL CHECK (year_to >= year_from),"
	"  source TEXT NOT NULL DEFAULT '',"
	"  file TEXT NOT NULL DEFAULT '',"
	"  loaded_at TEXT NOT NULL,"
	"  loaded_by TEXT NOT NULL);"
	"INSERT INTO plan (id, code, title, issuer, issued, year_from,"
	"  year_to, source, loaded_at, loaded_by)"
	"  SELECT 1, '4233/KH-UBND',"
	"  'Kế hoạch nâng cao Chỉ số chuyển đổi số (DTI) tỉnh Ninh Thuận"
	" năm 2022', 'UBND tỉnh Ninh Thuận', '2022-09-28', 2022, 2022,"
	"  'Kế hoạch số 4233/KH-UBND ngày 28/9/2022 của UBND tỉnh Ninh Thuận',"
	"  strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), 'migration'"
	"  WHERE EXISTS (SELECT 1 FROM task) OR EXISTS (SELECT 1 FROM target);"
	"CREATE TABLE task_new ("
	"  id INTEGER PRIMARY KEY,"
	"  plan INTEGER NOT NULL REFERENCES plan(id),"
	"  code TEXT NOT NULL,"
	"  grp TEXT NOT NULL,"
	"  group_name TEXT NOT NULL,"
	"  text TEXT NOT NULL,"
	"  lead_text TEXT NOT NULL,"
	"  coord_text TEXT NOT NULL,"
	"  due_text TEXT NOT NULL,"
	"  due TEXT,"
	"  due_date TEXT,"
	"  note TEXT NOT NULL DEFAULT '',"
	"  status TEXT NOT NULL DEFAULT 'not_started'"
	"    CHECK (status IN ('not_started', 'in_progress', 'done')),"
	"  UNIQUE (plan, code));"
	"INSERT INTO task_new (id, plan, code, grp, group_name, text, lead_text,"
	"  coord_text, due_text, due, due_date, note, status)"
	"  SELECT id, 1, code, grp, group_name, text, lead_text, coord_text,"
	"  due_text, due, due_date, note, status FROM task ORDER BY id;"
	"CREATE TEMP TABLE task_link_old AS SELECT * FROM task_link;"
	"CREATE TEMP TABLE task_progress_old AS SELECT * FROM task_progress;"
	"DROP TABLE task_link;"
	"DROP TABLE task_progress;"
	"DROP TABLE task;"
	"ALTER TABLE task_new RENAME TO task;"
	"CREATE TABLE task_link ("
	"  task INTEGER NOT NULL REFERENCES task(id),"
	"  kind TEXT NOT NULL CHECK (kind IN ('lead', 'coordinator', 'indicator')),"
	"  ref TEXT NOT NULL,"
	"  seq INTEGER NOT NULL,"
	"  PRIMARY KEY (task, kind, ref));"
	"INSERT INTO task_link SELECT task, kind, ref, seq FROM task_link_old;"
	"CREATE TABLE task_progress ("
	"  id INTEGER PRIMARY KEY,"
	"  task INTEGER NOT NULL REFERENCES task(id),"
	"  agency TEXT NOT NULL DEFAULT '',"
	"  at TEXT NOT NULL,"
	"  by TEXT NOT NULL,"
	"  status TEXT NOT NULL,"
	"  note TEXT NOT NULL,"
	"  doc TEXT NOT NULL DEFAULT '',"
	"  file_sha256 TEXT REFERENCES file(sha256));"
	"INSERT INTO task_progress (id, task, at, by, status, note, doc,"
	"  file_sha256) SELECT id, task, at, by, status, note, doc, file_sha256"
	"  FROM task_progress_old ORDER BY id;"
	"DROP TABLE task_link_old;"
	"DROP TABLE task_progress_old;"
	"CREATE TABLE task_agency ("
	"  task INTEGER NOT NULL REFERENCES task(id),"
	"  agency TEXT NOT NULL,"
	"  role TEXT NOT NULL CHECK (role IN ('lead', 'coordinator')),"
	"  via TEXT NOT NULL DEFAULT '',"
	"  status TEXT NOT NULL DEFAULT 'not_started'"
	"    CHECK (status IN ('not_started', 'in_progress', 'done')),"
	"  PRIMARY KEY (task, agency));"
	/* leads first, so that an agency both leads and coordinates: lead */
	"INSERT OR IGNORE INTO task_agency (task, agency, role, via, status)"
	"  SELECT l.task, coalesce(ma.code, l.ref), l.kind,"
	"  CASE WHEN ma.code IS NULL THEN '' ELSE l.ref END,"
	"  CASE WHEN l.kind = 'lead' THEN t.status ELSE 'not_started' END"
	"  FROM task_link l JOIN task t ON t.id = l.task"
	"  LEFT JOIN agency g ON g.code = l.ref"
	"  LEFT JOIN agency_member am ON am.grp = g.id"
	"  LEFT JOIN agency ma ON ma.id = am.member"
	"  WHERE l.kind IN ('lead', 'coordinator')"
	"  ORDER BY l.task, l.kind = 'coordinator', l.seq, am.rowid;"
	"CREATE TABLE target_new ("
	"  id INTEGER PRIMARY KEY,"
	"  plan INTEGER NOT NULL REFERENCES plan(id),"
	"  code TEXT NOT NULL,"
	"  text TEXT NOT NULL,"
	"  year INTEGER NOT NULL,"
	"  target REAL,"
	"  target_max REAL,"
	"  unit TEXT NOT NULL,"
	"  indicator TEXT,"
	"  numerator TEXT,"
	"  denominator TEXT,"
	"  score TEXT,"
	"  manual INTEGER NOT NULL DEFAULT 0 CHECK (manual IN (0, 1)),"
	"  agency TEXT,"
	"  note TEXT NOT NULL DEFAULT '',"
	"  source TEXT NOT NULL DEFAULT '',"
	"  UNIQUE (plan, code));"
	"INSERT INTO target_new (id, plan, code, text, year, target, target_max,"
	"  unit, indicator, numerator, denominator, score, note, source)"
	"  SELECT id, 1, code, text, year, target, target_max, unit, indicator,"
	"  numerator, denominator, score, note, source FROM target ORDER BY id;"
	"DROP TABLE target;"
	"ALTER TABLE target_new RENAME TO target;"
	"CREATE TABLE target_value ("
	"  id INTEGER PRIMARY KEY,"
	"  target INTEGER NOT NULL REFERENCES target(id),"
	"  value REAL NOT NULL,"
	"  status TEXT NOT NULL CHECK (status IN"
	"    ('draft', 'submitted', 'returned', 'approved')),"
	"  agency TEXT NOT NULL,"
	"  note TEXT NOT NULL DEFAULT '',"
	"  doc TEXT NOT NULL DEFAULT '',"
	"  comment TEXT NOT NULL DEFAULT '',"
	"  file_sha256 TEXT REFERENCES file(sha256),"
	"  by TEXT NOT NULL,"
	"  at TEXT NOT NULL,"
	"  archived INTEGER NOT NULL DEFAULT 0);"
	"CREATE UNIQUE INDEX target_value_current ON target_value (target)"
	"  WHERE archived = 0;"
	"CREATE TRIGGER target_value_no_delete BEFORE DELETE ON target_value"
	"  BEGIN SELECT RAISE(ABORT, 'values are archived, never deleted'); END;",
	/* internal indices (issue 12, M): the units a period scores; a
	 * period with none scores the province as before */
	"CREATE TABLE period_unit ("
	"  period INTEGER NOT NULL REFERENCES period(id),"
	"  unit INTEGER NOT NULL REFERENCES unit(id),"
	"  PRIMARY KEY (period, unit));"
	"CREATE TRIGGER period_unit_no_delete BEFORE DELETE ON period_unit"
	"  BEGIN SELECT RAISE(ABORT, 'a period keeps its units'); END;",
	/* the organisation, versioned (issue 12, docs/organisation.md):
	 * effective-dated agencies, units and memberships, names in force
	 * from a date, and the append-only log of every change; rows that
	 * exist already are active from the beginning */
	"ALTER TABLE agency ADD COLUMN active_from TEXT NOT NULL"
	"  DEFAULT '0001-01-01';"
	"ALTER TABLE agency ADD COLUMN active_to TEXT;"
	"ALTER TABLE agency ADD COLUMN successor TEXT;"
	"ALTER TABLE unit ADD COLUMN active_from TEXT NOT NULL"
	"  DEFAULT '0001-01-01';"
	"ALTER TABLE unit ADD COLUMN active_to TEXT;"
	"ALTER TABLE unit ADD COLUMN successor TEXT;"
	"ALTER TABLE agency_member ADD COLUMN active_from TEXT NOT NULL"
	"  DEFAULT '0001-01-01';"
	"ALTER TABLE agency_member ADD COLUMN active_to TEXT;"
	"CREATE TABLE org_name ("
	"  entity TEXT NOT NULL CHECK (entity IN ('agency', 'unit')),"
	"  code TEXT NOT NULL,"
	"  from_date TEXT NOT NULL,"
	"  name TEXT NOT NULL,"
	"  short TEXT NOT NULL,"
	"  PRIMARY KEY (entity, code, from_date));"
	"CREATE TABLE org_change ("
	"  id INTEGER PRIMARY KEY,"
	"  kind TEXT NOT NULL CHECK (kind IN ('add', 'rename', 'deactivate',"
	"    'reactivate', 'merge', 'member_add', 'member_remove')),"
	"  entity TEXT NOT NULL"
	"    CHECK (entity IN ('agency', 'unit', 'collective')),"
	"  code TEXT NOT NULL,"
	"  old TEXT,"
	"  new TEXT,"
	"  effective TEXT NOT NULL,"
	"  at TEXT NOT NULL,"
	"  by TEXT NOT NULL);"
	"CREATE TRIGGER org_change_no_update BEFORE UPDATE ON org_change"
	"  BEGIN SELECT RAISE(ABORT, 'organisation changes are kept as recorded');"
	"  END;"
	"CREATE TRIGGER org_change_no_delete BEFORE DELETE ON org_change"
	"  BEGIN SELECT RAISE(ABORT, 'organisation changes are kept as recorded');"
	"  END;"
	"CREATE TRIGGER agency_no_delete BEFORE DELETE ON agency"
	"  BEGIN SELECT RAISE(ABORT, 'agencies are deactivated, never deleted');"
	"  END;"
	"CREATE TRIGGER unit_no_delete BEFORE DELETE ON unit"
	"  BEGIN SELECT RAISE(ABORT, 'units are deactivated, never deleted');"
	"  END;",
};
#define NMIGRATIONS ((int)(sizeof(migrations) / sizeof(migrations[0])))

int
store_schema_version(struct store *s)
{
	long v = -1;

	if (sq_one(s, sq_map_long, &v, NULL, "PRAGMA user_version", "") != 0)
		return -1;
	return (int)v;
}

int
sq_migrate(struct store *s)
{
	int v = store_schema_version(s), rc;
	char sql[64];

	if (v < 0)
		return s->sqs_errcode;
	if (v > NMIGRATIONS) {
		sq_seterr(s, STORE_ENOTDB,
		    "cơ sở dữ liệu có lược đồ phiên bản %d, mới hơn chương trình này (%d); hãy cập nhật dti",
		    "the database schema is version %d, newer than this program's %d; upgrade dti",
		    v, NMIGRATIONS);
		return STORE_ENOTDB;
	}
	if (v == NMIGRATIONS)
		return 0;
	if ((rc = sq_simple(s, "BEGIN IMMEDIATE")) != 0)
		return rc;
	/* re-read: another process may have migrated meanwhile */
	v = store_schema_version(s);
	for (; v < NMIGRATIONS; v++) {
		if ((rc = sq_simple(s, migrations[v])) != 0)
			goto fail;
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", v + 1);
		if ((rc = sq_simple(s, sql)) != 0)
			goto fail;
	}
	snprintf(sql, sizeof(sql), "PRAGMA application_id = %d", SQ_APP_ID);
	if ((rc = sq_simple(s, sql)) != 0 || (rc = sq_simple(s, "COMMIT")) != 0)
		goto fail;
	return 0;
fail:
	sqlite3_exec(s->sqs_db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}
