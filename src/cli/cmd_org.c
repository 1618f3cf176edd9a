/*
 * cmd_org.c: the organisation, versioned (docs/organisation.md): dti
 * agency, dti unit (list, add, rename, deactivate, reactivate, merge,
 * members of a collective) and dti org (load, changes, lineage).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "cli/cli.h"
#include "cli/opts.h"
#include "io/csv_quote.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/numfmt.h"

#define ORG_FILE_MAX ((size_t)1 << 20) /* as io/org_load.h's ORG_MAX_BYTES */

static void
field(const char *v, int last)
{
	csvq_fput(stdout, v != NULL ? v : "");
	putchar(last ? '\n' : ',');
}

/* "01/07/2025" from "2025-07-01"; "—" for none or the beginning. */
static const char *
day(const char *iso, char *out, size_t size)
{
	if (iso == NULL || iso[0] == '\0' || strcmp(iso, "0001-01-01") == 0)
		return "—";
	date_vi(iso, out, size);
	return out;
}

struct list_ctx {
	const struct opts *lc_o;
	int lc_n;
};

static void
list_line(struct list_ctx *c, const char *code, const char *name,
    const char *shortname, const char *kind, const char *from, const char *to,
    const char *succ)
{
	enum diag_lang lang = c->lc_o->op_lang;
	char f[16], t[16];

	c->lc_n++;
	if (strcmp(c->lc_o->op_format, "csv") == 0) {
		field(code, 0);
		field(name, 0);
		field(shortname, 0);
		field(kind, 0);
		field(from, 0);
		field(to, 0);
		field(succ, 1);
		return;
	}
	printf("%-28s %-12s %s\n", code, kind, name);
	if ((from != NULL && strcmp(from, "0001-01-01") != 0) || to != NULL)
		printf("    %s %s — %s%s%s\n",
		    cli_msg(lang, "hoạt động", "active"),
		    day(from, f, sizeof(f)), day(to, t, sizeof(t)),
		    succ ? cli_msg(lang, ", sáp nhập vào ", ", merged into ")
			 : "",
		    succ ? succ : "");
}

static int
agency_row(void *ctx, const struct st_agency *a)
{
	list_line(ctx, a->sag_code, a->sag_name, a->sag_short, a->sag_kind,
	    a->sag_from, a->sag_to, a->sag_successor);
	return 0;
}

static int
unit_row(void *ctx, const struct st_unit *u)
{
	list_line(ctx, u->su_code, u->su_name, NULL, u->su_level, u->su_from,
	    u->su_to, u->su_successor);
	return 0;
}

static int
org_list(struct store *s, const struct opts *o, int unit)
{
	struct list_ctx c = { o, 0 };
	enum diag_lang lang = o->op_lang;
	char at[11];
	struct diag d;
	int rc;

	diag_init(&d);
	if (o->op_at != NULL && app_org_date(o->op_at, at, &d) != 0) {
		diag_print(stderr, &d, lang);
		diag_free(&d);
		return EXIT_USAGE;
	}
	if (strcmp(o->op_format, "csv") == 0)
		puts("code,name,short,kind,active_from,active_to,successor");
	rc = unit
	    ? app_units_at(s, o->op_at ? at : NULL, unit_row, &c, &d)
	    : app_agencies_at(s, o->op_at ? at : NULL, agency_row, &c, &d);
	if (rc == 0 && strcmp(o->op_format, "csv") != 0)
		printf("%d %s\n", c.lc_n,
		    unit ? cli_msg(lang, "đơn vị", "units")
			 : cli_msg(lang, "cơ quan", "agencies"));
	diag_print(stderr, &d, lang);
	diag_free(&d);
	return rc == 0 ? EXIT_OK : EXIT_INVALID;
}

/* The verbs of dti agency and dti unit, and what each needs. */
static const struct {
	const char *vb_name;
	enum app_org_op vb_op;
} verbs[] = {
	{ "add", APP_ORG_ADD },
	{ "rename", APP_ORG_RENAME },
	{ "deactivate", APP_ORG_DEACTIVATE },
	{ "reactivate", APP_ORG_REACTIVATE },
	{ "merge", APP_ORG_MERGE },
	{ "member-add", APP_ORG_MEMBER_ADD },
	{ "member-remove", APP_ORG_MEMBER_REMOVE },
};

static int
org_cmd(int argc, char **argv, enum diag_lang lang, int unit)
{
	static const char ausage[] =
	    "Cách dùng / usage: dti agency list [--at DATE] [--format csv]\n"
	    "  | add CODE --name N [--short S] --kind K\n"
	    "  | rename CODE --name N [--short S]\n"
	    "  | deactivate CODE | reactivate CODE | merge CODE --into CODE2\n"
	    "  | member-add GROUP --member CODE | member-remove GROUP --member CODE\n"
	    "  [--effective DATE] [--db dti.db] [--user LOGIN]\n";
	static const char uusage[] =
	    "Cách dùng / usage: dti unit list [--at DATE] [--format csv]\n"
	    "  | add CODE --name N --kind province|district|commune [--parent UNIT]\n"
	    "  | rename CODE --name N\n"
	    "  | deactivate CODE | reactivate CODE | merge CODE --into CODE2\n"
	    "  [--effective DATE] [--db dti.db] [--user LOGIN]\n";
	const char *usage = unit ? uusage : ausage;
	struct app_org_edit e;
	struct app_actor a;
	struct store *s;
	struct opts o;
	struct diag d;
	size_t k;
	int rc;

	if (argc < 2) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "list") == 0) {
		rc = opts_parse(
		    &o, argc - 1, argv + 1, "db at format", usage, lang);
		if (rc != 0)
			return rc == 100 ? EXIT_OK : rc;
		if (o.op_nargs != 0) {
			fputs(usage, stderr);
			return EXIT_USAGE;
		}
		if ((s = cli_open_db(&o)) == NULL)
			return EXIT_INVALID;
		rc = org_list(s, &o, unit);
		app_close(s);
		return rc;
	}
	for (k = 0; k < sizeof(verbs) / sizeof(verbs[0]); k++)
		if (strcmp(argv[1], verbs[k].vb_name) == 0)
			break;
	if (k == sizeof(verbs) / sizeof(verbs[0]) ||
	    (unit && verbs[k].vb_op >= APP_ORG_MEMBER_ADD)) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	rc = opts_parse(&o, argc - 1, argv + 1,
	    "db user effective into name short kind member parent", usage,
	    lang);
	if (rc != 0)
		return rc == 100 ? EXIT_OK : rc;
	if (o.op_nargs != 1) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	memset(&e, 0, sizeof(e));
	e.oe_op = verbs[k].vb_op;
	e.oe_entity = unit ? "unit" : "agency";
	e.oe_code = o.op_args[0];
	e.oe_name = o.op_name;
	e.oe_short = o.op_short;
	e.oe_kind = o.op_kind;
	e.oe_parent = o.op_parent;
	e.oe_into = e.oe_op >= APP_ORG_MEMBER_ADD ? o.op_member : o.op_into;
	e.oe_effective = o.op_effective;
	if ((s = cli_open_db(&o)) == NULL)
		return EXIT_INVALID;
	app_operator(&a, o.op_user);
	diag_init(&d);
	rc = app_org_edit(s, &a, &e, &d);
	if (rc == 0)
		printf("%s %s: %s\n", e.oe_code, verbs[k].vb_name,
		    cli_msg(lang, "đã ghi", "recorded"));
	diag_print(stderr, &d, lang);
	diag_free(&d);
	app_close(s);
	return rc == 0 ? EXIT_OK : EXIT_INVALID;
}

int
cmd_agency(int argc, char **argv, enum diag_lang lang)
{
	return org_cmd(argc, argv, lang, 0);
}

int
cmd_unit(int argc, char **argv, enum diag_lang lang)
{
	return org_cmd(argc, argv, lang, 1);
}

/* One change, as dti org load and dti org changes print it. */
static void
change_print(const struct opts *o, const char *kind, const char *entity,
    const char *code, const char *old, const char *new, const char *eff,
    const char *at, const char *by)
{
	char e[16];

	if (strcmp(o->op_format, "csv") == 0) {
		field(kind, 0);
		field(entity, 0);
		field(code, 0);
		field(old, 0);
		field(new, 0);
		field(eff, 0);
		field(at, 0);
		field(by, 1);
		return;
	}
	printf("%-10s %-13s %-10s %-28s %s%s%s\n", day(eff, e, sizeof(e)), kind,
	    entity, code, old ? old : "", old && new ? " → " : "",
	    new ? new : "");
}

static int
load_line(void *ctx, const struct app_org_line *l)
{
	change_print(ctx, l->oln_kind, l->oln_entity, l->oln_code, l->oln_old,
	    l->oln_new, l->oln_effective, NULL, NULL);
	return 0;
}

static int
change_row(void *ctx, const struct st_org_change *c)
{
	change_print(ctx, c->soc_kind, c->soc_entity, c->soc_code, c->soc_old,
	    c->soc_new, c->soc_effective, c->soc_at, c->soc_by);
	return 0;
}

/* dti org lineage: a unit, its predecessors, their results and periods. */
struct lineage_ctx {
	struct store *lg_s;
	const struct opts *lg_o;
	const char *lg_code; /* the unit being printed */
	const char *lg_bare;
	int lg_n;
};

static int
lineage_result(void *ctx, const struct app_result *r)
{
	struct lineage_ctx *c = ctx;
	struct buf b;

	if (r->rsl_province[0] == '\0' ||
	    strcmp(app_result_bare(r->rsl_province), c->lg_bare) != 0)
		return 0;
	buf_init(&b);
	numfmt_vi(&b, r->rsl_index, 4);
	printf("      %d  %s  %s %d\n", r->rsl_year, buf_cstr(&b),
	    cli_msg(c->lg_o->op_lang, "hạng", "rank"), r->rsl_rank);
	buf_free(&b);
	c->lg_n++;
	return 0;
}

static int
lineage_period(void *ctx, const struct st_period *p)
{
	struct lineage_ctx *c = ctx;
	char prov[80];

	if (app_period_province(c->lg_s, p, prov, sizeof(prov)) == 0 &&
	    strcmp(prov, c->lg_code) == 0)
		printf("      %s %s%s%s\n",
		    cli_msg(c->lg_o->op_lang, "kỳ", "period"), p->sp_code,
		    p->sp_label[0] ? " — " : "", p->sp_label);
	return 0;
}

static int
lineage_row(void *ctx, const struct app_lineage *l)
{
	struct lineage_ctx *c = ctx;
	enum diag_lang lang = c->lg_o->op_lang;
	struct diag d;
	char t[16];

	printf("%*s%s  %s", l->ln_depth * 2, "", l->ln_code, l->ln_name);
	if (l->ln_depth > 0)
		printf("  (%s %s)", cli_msg(lang, "sáp nhập từ", "merged on"),
		    day(l->ln_to, t, sizeof(t)));
	putchar('\n');
	c->lg_code = l->ln_code;
	c->lg_bare = app_result_bare(l->ln_name);
	c->lg_n = 0;
	diag_init(&d);
	printf("    %s\n",
	    cli_msg(lang, "kết quả DTI đã công bố:", "published DTI results:"));
	(void)app_results(c->lg_s, 0, lineage_result, c, &d);
	if (c->lg_n == 0)
		printf("      —\n");
	printf("    %s\n",
	    cli_msg(
		lang, "kỳ trong cơ sở dữ liệu:", "periods in this database:"));
	(void)app_periods(c->lg_s, lineage_period, c, &d);
	diag_free(&d);
	return 0;
}

int
cmd_org(int argc, char **argv, enum diag_lang lang)
{
	static const char usage[] =
	    "Cách dùng / usage: dti org load FILE [--dry-run] [--effective DATE]\n"
	    "  | changes [--format csv] | lineage UNIT   [--db dti.db] [--user LOGIN]\n";
	struct lineage_ctx lc;
	struct app_actor a;
	struct store *s;
	struct opts o;
	struct diag d;
	char *data = NULL;
	size_t len = 0;
	int rc;

	if (argc < 2 ||
	    (strcmp(argv[1], "load") != 0 && strcmp(argv[1], "changes") != 0 &&
		strcmp(argv[1], "lineage") != 0)) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	rc = opts_parse(&o, argc - 1, argv + 1,
	    "db user dry-run effective format", usage, lang);
	if (rc != 0)
		return rc == 100 ? EXIT_OK : rc;
	if (o.op_nargs != (strcmp(argv[1], "changes") == 0 ? 0 : 1)) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "load") == 0 &&
	    cli_read_file(o.op_args[0], ORG_FILE_MAX + 1, &data, &len, lang) <
		0)
		return EXIT_IO;
	if ((s = cli_open_db(&o)) == NULL) {
		free(data);
		return EXIT_INVALID;
	}
	app_operator(&a, o.op_user);
	diag_init(&d);
	if (strcmp(argv[1], "load") == 0) {
		rc = app_org_load(s, &a, data, len, o.op_args[0],
		    o.op_effective, o.op_dry_run, load_line, &o, &d);
		if (rc == 0)
			printf("%s\n",
			    o.op_dry_run
				? cli_msg(lang,
				      "chạy thử: không thay đổi gì trong cơ sở dữ liệu",
				      "dry run: nothing was changed")
				: cli_msg(lang, "đã áp dụng", "applied"));
	} else if (strcmp(argv[1], "changes") == 0) {
		if (strcmp(o.op_format, "csv") == 0)
			puts("kind,entity,code,old,new,effective,at,by");
		rc = app_org_changes(s, change_row, &o, &d);
	} else {
		memset(&lc, 0, sizeof(lc));
		lc.lg_s = s;
		lc.lg_o = &o;
		rc = app_org_lineage(s, o.op_args[0], lineage_row, &lc, &d);
	}
	free(data);
	diag_print(stderr, &d, lang);
	diag_free(&d);
	app_close(s);
	return rc == 0 ? EXIT_OK : EXIT_INVALID;
}
