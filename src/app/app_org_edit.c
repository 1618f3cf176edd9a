/*
 * app_org_edit.c: agencies, units and collectives added, renamed,
 * deactivated, reactivated and merged, each from an effective date,
 * checked, logged (org_change) and audited; nothing is deleted
 * (docs/organisation.md). Admin only.
 */
#include "app/app_int.h"

#include <stdlib.h>
#include <string.h>

#include "util/date.h"

#define ORG_NAME_MAX 200 /* bytes of a name */
#define ORG_CODE_MAX 63 /* bytes of a code */

/* The kinds an agency may have, and the levels of a unit. */
static const char *const agency_kinds[] = { "department", "central", "office",
	"media", "enterprise", "district", "group", NULL };
static const char *const unit_levels[] = { "province", "district", "commune",
	NULL };

const char *
app_org_op_name(enum app_org_op op)
{
	switch (op) {
	case APP_ORG_ADD: return "add";
	case APP_ORG_RENAME: return "rename";
	case APP_ORG_DEACTIVATE: return "deactivate";
	case APP_ORG_REACTIVATE: return "reactivate";
	case APP_ORG_MERGE: return "merge";
	case APP_ORG_MEMBER_ADD: return "member_add";
	case APP_ORG_MEMBER_REMOVE: return "member_remove";
	}
	return "?";
}

int
app_org_date(const char *text, char out[11], struct diag *d)
{
	if (text == NULL || text[0] == '\0') {
		date_format(date_today(), out);
		return 0;
	}
	if (date_iso(text, out) == 0)
		return 0;
	diag_add(d, DIAG_ERROR, "org.date", NULL, 0, 0,
	    "ngày hiệu lực '%.40s' không hợp lệ (dd/mm/yyyy hoặc yyyy-mm-dd)",
	    "bad effective date '%.40s' (dd/mm/yyyy or yyyy-mm-dd)", text);
	return -1;
}

/* One agency or unit as stored, copied. */
struct org_ent {
	int oen_found;
	char oen_name[256];
	char oen_short[128];
	char oen_kind[32];
	char oen_from[11];
	char oen_to[11];
	char oen_successor[64];
};

struct ent_find {
	const char *ef_code;
	struct org_ent *ef_out;
};

static void
ent_copy(struct org_ent *e, const char *name, const char *shortname,
    const char *kind, const char *from, const char *to, const char *succ)
{
	e->oen_found = 1;
	snprintf(e->oen_name, sizeof(e->oen_name), "%s", name);
	snprintf(e->oen_short, sizeof(e->oen_short), "%s",
	    shortname ? shortname : name);
	snprintf(e->oen_kind, sizeof(e->oen_kind), "%s", kind);
	snprintf(e->oen_from, sizeof(e->oen_from), "%s", from ? from : "");
	snprintf(e->oen_to, sizeof(e->oen_to), "%s", to ? to : "");
	snprintf(
	    e->oen_successor, sizeof(e->oen_successor), "%s", succ ? succ : "");
}

static int
ent_agency(void *ctx, const struct st_agency *a)
{
	struct ent_find *f = ctx;

	if (strcmp(a->sag_code, f->ef_code) != 0)
		return 0;
	ent_copy(f->ef_out, a->sag_name, a->sag_short, a->sag_kind, a->sag_from,
	    a->sag_to, a->sag_successor);
	return 1;
}

static int
ent_unit(void *ctx, const struct st_unit *u)
{
	struct ent_find *f = ctx;

	if (strcmp(u->su_code, f->ef_code) != 0)
		return 0;
	ent_copy(f->ef_out, u->su_name, NULL, u->su_level, u->su_from, u->su_to,
	    u->su_successor);
	return 1;
}

/* ${code} of ${entity} into ${e} (oen_found 0 when none); a store error. */
static int
ent_get(
    struct store *s, const char *entity, const char *code, struct org_ent *e)
{
	struct ent_find f = { code, e };

	memset(e, 0, sizeof(*e));
	if (strcmp(entity, "unit") == 0)
		return store_unit_each(s, ent_unit, &f);
	return store_agency_each(s, ent_agency, &f);
}

/* The words naming an entity in messages. */
static const char *
ent_vi(const char *entity)
{
	return strcmp(entity, "unit") == 0 ? "đơn vị" : "cơ quan";
}

static const char *
ent_en(const char *entity)
{
	return strcmp(entity, "unit") == 0 ? "unit" : "agency";
}

static int
code_valid(const char *c)
{
	size_t i, n = c != NULL ? strlen(c) : 0;

	if (n == 0 || n > ORG_CODE_MAX)
		return 0;
	for (i = 0; i < n; i++)
		if (!((c[i] >= 'a' && c[i] <= 'z') ||
			(c[i] >= '0' && c[i] <= '9') || c[i] == '-' ||
			c[i] == '.' || c[i] == '_'))
			return 0;
	return 1;
}

static int
in_list(const char *const *list, const char *v)
{
	for (; v != NULL && *list != NULL; list++)
		if (strcmp(*list, v) == 0)
			return 1;
	return 0;
}

/* A refused change: its error, and -1. */
static int
refuse(struct diag *d, const char *code, const char *vi, const char *en,
    const char *a, const char *b)
{
	diag_add(d, DIAG_ERROR, code, NULL, 0, 0, vi, en, a, b);
	return -1;
}

/* The name checks of add and rename. */
static int
name_check(const char *name, const char *shortname, struct diag *d)
{
	if (name == NULL || name[0] == '\0' || strlen(name) > ORG_NAME_MAX ||
	    (shortname != NULL && strlen(shortname) > ORG_NAME_MAX))
		return refuse(d, "org.name", "cần tên, tối đa %s byte%s",
		    "a name is needed, at most %s bytes%s", "200", "");
	return 0;
}

/* ${code} must exist and be active on ${date}. */
static int
need_active(struct store *s, const char *entity, const char *code,
    const char *date, struct org_ent *e, struct diag *d)
{
	if (ent_get(s, entity, code, e) != 0)
		return app_store_error(s, d);
	if (!e->oen_found)
		return refuse(d, "org.unknown", "không có %s '%s'",
		    "no %s '%s'", ent_vi(entity), code);
	if (strcmp(date, e->oen_from) < 0)
		return refuse(d, "org.date",
		    "ngày hiệu lực trước khi '%s' có hiệu lực (%s)",
		    "effective date before '%s' exists (%s)", code,
		    e->oen_from);
	if (e->oen_to[0] != '\0')
		return refuse(d, "org.inactive",
		    "'%s' đã ngừng hoạt động từ %s",
		    "'%s' is inactive since %s", code, e->oen_to);
	return 0;
}

/* The change log row of one change, and its audit row. */
static int
log_change(struct store *s, const char *login, const char *kind,
    const char *entity, const char *code, const char *old, const char *new,
    const char *date, struct diag *d)
{
	struct st_org_change c = { 0, kind, entity, code, old, new, date, NULL,
		login };

	if (store_org_change_add(s, &c) != 0)
		return app_store_error(s, d);
	return 0;
}

static int
op_add(struct store *s, const char *login, const struct app_org_edit *e,
    const char *date, struct diag *d)
{
	struct org_ent cur = { 0 };
	int unit = strcmp(e->oe_entity, "unit") == 0, rc;

	if (!code_valid(e->oe_code))
		return refuse(d, "org.code",
		    "mã '%.63s' không hợp lệ (a-z, 0-9, '-', '.', '_'; tối đa %s byte)",
		    "bad code '%.63s' (a-z, 0-9, '-', '.', '_'; at most %s bytes)",
		    e->oe_code ? e->oe_code : "", "63");
	if (name_check(e->oe_name, e->oe_short, d) != 0)
		return -1;
	if (!in_list(unit ? unit_levels : agency_kinds, e->oe_kind))
		return refuse(d, "org.kind", "loại '%s' không hợp lệ (%s)",
		    "bad kind '%s' (%s)", e->oe_kind ? e->oe_kind : "",
		    unit ? "province, district, commune"
			 : "department, central, office, media, enterprise, "
			   "district, group");
	if (ent_get(s, e->oe_entity, e->oe_code, &cur) != 0)
		return app_store_error(s, d);
	if (cur.oen_found)
		return refuse(d, "org.exists", "%s '%s' đã có",
		    "%s '%s' exists already", ent_vi(e->oe_entity), e->oe_code);
	if (unit) {
		struct st_unit u = { 0, e->oe_code, e->oe_name, e->oe_kind,
			e->oe_parent, date, NULL, NULL };
		struct org_ent par = { 0 };

		if (e->oe_parent != NULL &&
		    need_active(s, "unit", e->oe_parent, date, &par, d) != 0)
			return -1;
		rc = store_org_unit_add(s, &u);
	} else {
		struct st_agency a = { 0, e->oe_code, e->oe_name, e->oe_short,
			e->oe_kind, date, NULL, NULL };

		rc = store_org_agency_add(s, &a);
	}
	if (rc != 0)
		return app_store_error(s, d);
	return log_change(s, login, "add", e->oe_entity, e->oe_code, NULL,
	    e->oe_name, date, d);
}

static int
op_rename(struct store *s, const char *login, const struct app_org_edit *e,
    const char *date, struct diag *d)
{
	struct org_ent cur = { 0 };
	char oldname[256], oldshort[128];
	const char *shortname = e->oe_short;

	if (name_check(e->oe_name, e->oe_short, d) != 0 ||
	    need_active(s, e->oe_entity, e->oe_code, date, &cur, d) != 0)
		return -1;
	if (shortname == NULL)
		shortname = strcmp(e->oe_entity, "unit") == 0 ? e->oe_name
							      : cur.oen_short;
	if (strcmp(cur.oen_name, e->oe_name) == 0 &&
	    strcmp(cur.oen_short, shortname) == 0)
		return refuse(d, "org.same", "'%s' đã mang tên '%s'",
		    "'%s' is already called '%s'", e->oe_code, e->oe_name);
	/* the name before: in force from the beginning, once */
	if (store_org_name_at(s, e->oe_entity, e->oe_code, date, oldname,
		sizeof(oldname), oldshort,
		sizeof(oldshort)) == STORE_ENOTFOUND &&
	    store_org_name_add(s, e->oe_entity, e->oe_code, cur.oen_from,
		cur.oen_name, cur.oen_short) != 0)
		return app_store_error(s, d);
	if (store_org_name_add(
		s, e->oe_entity, e->oe_code, date, e->oe_name, shortname) != 0)
		return app_store_error(s, d);
	return log_change(s, login, "rename", e->oe_entity, e->oe_code,
	    cur.oen_name, e->oe_name, date, d);
}

static int
op_deactivate(struct store *s, const char *login, const struct app_org_edit *e,
    const char *date, struct diag *d)
{
	struct org_ent cur = { 0 };

	if (need_active(s, e->oe_entity, e->oe_code, date, &cur, d) != 0)
		return -1;
	if (store_org_life_set(s, e->oe_entity, e->oe_code, date, NULL) != 0)
		return app_store_error(s, d);
	return log_change(s, login, "deactivate", e->oe_entity, e->oe_code,
	    NULL, NULL, date, d);
}

static int
op_reactivate(struct store *s, const char *login, const struct app_org_edit *e,
    const char *date, struct diag *d)
{
	struct org_ent cur = { 0 };

	if (ent_get(s, e->oe_entity, e->oe_code, &cur) != 0)
		return app_store_error(s, d);
	if (!cur.oen_found)
		return refuse(d, "org.unknown", "không có %s '%s'",
		    "no %s '%s'", ent_vi(e->oe_entity), e->oe_code);
	if (cur.oen_to[0] == '\0')
		return refuse(d, "org.active", "'%s' đang hoạt động%s",
		    "'%s' is active already%s", e->oe_code, "");
	if (strcmp(date, cur.oen_to) < 0)
		return refuse(d, "org.date",
		    "ngày hiệu lực trước ngày '%s' ngừng hoạt động (%s)",
		    "effective date before '%s' became inactive (%s)",
		    e->oe_code, cur.oen_to);
	if (store_org_life_set(s, e->oe_entity, e->oe_code, NULL, NULL) != 0)
		return app_store_error(s, d);
	return log_change(s, login, "reactivate", e->oe_entity, e->oe_code,
	    cur.oen_successor[0] ? cur.oen_successor : NULL, NULL, date, d);
}

static int
op_merge(struct store *s, const char *login, const struct app_org_edit *e,
    const char *date, struct diag *d)
{
	struct org_ent cur = { 0 }, into = { 0 };
	char holder[64];

	if (e->oe_into == NULL || e->oe_into[0] == '\0')
		return refuse(d, "org.into", "cần nơi sáp nhập vào%s%s",
		    "a merge needs the agency or unit it goes into%s%s", "",
		    "");
	if (strcmp(e->oe_code, e->oe_into) == 0)
		return refuse(d, "org.self",
		    "không sáp nhập '%s' vào chính nó%s",
		    "cannot merge '%s' into itself%s", e->oe_code, "");
	if (need_active(s, e->oe_entity, e->oe_code, date, &cur, d) != 0 ||
	    need_active(s, e->oe_entity, e->oe_into, date, &into, d) != 0)
		return -1;
	/* the successor must not lead back to ${code} (a cycle) */
	if (app_org_holder(s, e->oe_entity, e->oe_into, "9999-12-31", holder,
		sizeof(holder)) != 0)
		return app_store_error(s, d);
	if (strcmp(holder, e->oe_code) == 0)
		return refuse(d, "org.cycle",
		    "sáp nhập '%s' vào '%s' tạo thành vòng",
		    "merging '%s' into '%s' makes a cycle", e->oe_code,
		    e->oe_into);
	if (store_org_life_set(s, e->oe_entity, e->oe_code, date, e->oe_into) !=
	    0)
		return app_store_error(s, d);
	return log_change(s, login, "merge", e->oe_entity, e->oe_code, NULL,
	    e->oe_into, date, d);
}

/* Is ${member} part of ${group} now? */
struct member_find {
	const char *mbf_group;
	const char *mbf_member;
	int mbf_now;
};

static int
member_row(void *ctx, const struct st_member *m)
{
	struct member_find *f = ctx;

	if (strcmp(m->smb_group, f->mbf_group) == 0 &&
	    strcmp(m->smb_member, f->mbf_member) == 0 && m->smb_to == NULL)
		f->mbf_now = 1;
	return 0;
}

static int
op_member(struct store *s, const char *login, const struct app_org_edit *e,
    const char *date, struct diag *d)
{
	struct org_ent grp = { 0 }, mem = { 0 };
	struct member_find f = { e->oe_code, e->oe_into, 0 };
	int add = e->oe_op == APP_ORG_MEMBER_ADD;

	if (e->oe_into == NULL || e->oe_into[0] == '\0')
		return refuse(d, "org.member", "cần mã thành viên%s%s",
		    "the member's code is needed%s%s", "", "");
	/* one leaving may have been merged or deactivated already */
	if (need_active(s, "agency", e->oe_code, date, &grp, d) != 0)
		return -1;
	if (add && need_active(s, "agency", e->oe_into, date, &mem, d) != 0)
		return -1;
	if (!add && ent_get(s, "agency", e->oe_into, &mem) != 0)
		return app_store_error(s, d);
	if (strcmp(grp.oen_kind, "group") != 0)
		return refuse(d, "org.group", "'%s' không phải một nhóm (%s)",
		    "'%s' is not a collective (%s)", e->oe_code, grp.oen_kind);
	if (store_agency_member_each(s, member_row, &f) != 0)
		return app_store_error(s, d);
	if (add && f.mbf_now)
		return refuse(d, "org.member", "'%s' đã thuộc '%s'",
		    "'%s' is already part of '%s'", e->oe_into, e->oe_code);
	if (!add && !f.mbf_now)
		return refuse(d, "org.member", "'%s' không thuộc '%s'",
		    "'%s' is not part of '%s'", e->oe_into, e->oe_code);
	if ((add ? store_agency_member_add(s, e->oe_code, e->oe_into)
		 : store_agency_member_end(s, e->oe_code, e->oe_into, date)) !=
	    0)
		return app_store_error(s, d);
	return log_change(s, login, add ? "member_add" : "member_remove",
	    "collective", e->oe_code, add ? NULL : e->oe_into,
	    add ? e->oe_into : NULL, date, d);
}

int
app_org_apply(struct store *s, const char *login, const struct app_org_edit *e,
    struct diag *d)
{
	char date[11];

	if (e->oe_entity == NULL ||
	    (strcmp(e->oe_entity, "agency") != 0 &&
		strcmp(e->oe_entity, "unit") != 0))
		return refuse(d, "org.entity", "đối tượng '%s' không hợp lệ%s",
		    "bad entity '%s'%s", e->oe_entity ? e->oe_entity : "", "");
	if (e->oe_code == NULL || e->oe_code[0] == '\0')
		return refuse(d, "org.code", "cần mã %s%s",
		    "a %s code is needed%s", ent_en(e->oe_entity), "");
	if (app_org_date(e->oe_effective, date, d) != 0)
		return -1;
	switch (e->oe_op) {
	case APP_ORG_ADD: return op_add(s, login, e, date, d);
	case APP_ORG_RENAME: return op_rename(s, login, e, date, d);
	case APP_ORG_DEACTIVATE: return op_deactivate(s, login, e, date, d);
	case APP_ORG_REACTIVATE: return op_reactivate(s, login, e, date, d);
	case APP_ORG_MERGE: return op_merge(s, login, e, date, d);
	case APP_ORG_MEMBER_ADD:
	case APP_ORG_MEMBER_REMOVE:
		if (strcmp(e->oe_entity, "agency") != 0)
			return refuse(d, "org.entity",
			    "thành viên chỉ dành cho nhóm cơ quan%s%s",
			    "members are for collectives of agencies%s%s", "",
			    "");
		return op_member(s, login, e, date, d);
	}
	return -1;
}

int
app_org_edit(struct store *s, const struct app_actor *a,
    const struct app_org_edit *e, struct diag *d)
{
	if (app_check(s, a, APP_ORG, NULL, d) != 0)
		return -1;
	if (store_tx_begin(s) != 0)
		return app_store_error(s, d);
	if (app_org_apply(s, a->ac_login, e, d) != 0) {
		store_tx_rollback(s);
		return -1;
	}
	if (store_tx_commit(s) != 0)
		return app_abort(s, d);
	return 0;
}

int
app_org_changes(struct store *s,
    int (*cb)(void *, const struct st_org_change *), void *ctx, struct diag *d)
{
	if (store_org_change_each(s, cb, ctx) != 0)
		return app_store_error(s, d);
	return 0;
}
