/*
 * app_org.c: a parsed organisation file (io/org_load.h) written into the
 * store: agencies, collectives, the province and its districts, the
 * reporting rules, and one audit row for the whole file (a plan's tasks
 * and targets: app_plan_load.c).
 */
#include "app/app_int.h"

#include "io/org_load.h"

/* The settings the reporting rules are kept as, in org_reporting's order. */
static const char *const reporting_keys[] = {
	"reporting.agency_quarter_day",
	"reporting.agency_year",
	"reporting.sotttt_quarter_day",
	"reporting.sotttt_year",
	"reporting.receiver",
};
#define NREPORTING (sizeof(reporting_keys) / sizeof(reporting_keys[0]))

/* The store's last error, about the item at ${line}:${col}; 1 (an error). */
static int
org_fail(struct store *s, const struct org_file *f, long line, long col,
    struct diag *d)
{
	struct diag why;

	diag_init(&why);
	if (store_diag(s, &why) != 0 && why.d_n > 0)
		diag_put(d, DIAG_ERROR, "org.store", f->of_file, line, col,
		    why.d_items[0].di_vi, why.d_items[0].di_en);
	diag_free(&why);
	return 1;
}

/* Agencies, then which are part of which collective. */
static int
write_agencies(struct store *s, const struct org_file *f, struct diag *d)
{
	int errors = 0;
	size_t i;

	for (i = 0; i < f->of_nagencies; i++) {
		const struct org_agency *oa = &f->of_agencies[i];
		/* id, code, name, short, kind */
		struct st_agency a = { 0, oa->oa_code, oa->oa_name,
			oa->oa_short, oa->oa_kind };

		char key[128];

		if (store_agency_put(s, &a) != 0)
			errors += org_fail(s, f, oa->oa_line, oa->oa_col, d);
		/* the district unit a district's UBND answers for (policy) */
		snprintf(
		    key, sizeof(key), "%s%s", APP_DISTRICT_KEY, oa->oa_code);
		if (oa->oa_district != NULL &&
		    store_meta_set(s, key, oa->oa_district) != 0)
			errors += org_fail(s, f, oa->oa_line, oa->oa_col, d);
	}
	for (i = 0; i < f->of_nmembers; i++) {
		const struct org_member *om = &f->of_members[i];

		if (store_agency_member_add(s, om->om_group, om->om_member) !=
		    0)
			errors += org_fail(s, f, om->om_line, om->om_col, d);
	}
	return errors;
}

/* The province (and the settings naming it), then its districts. */
static int
write_units(struct store *s, const struct org_file *f, struct diag *d)
{
	const struct org_unit *p = &f->of_province;
	/* id, code, name, level, parent */
	struct st_unit u = { 0, p->ou_code, p->ou_name, "province", NULL };
	int errors = 0;
	size_t i;
	long id;

	if (store_unit_put(s, &u, &id) != 0 ||
	    store_meta_set(s, "province", p->ou_code) != 0 ||
	    store_meta_set(s, "province_name", p->ou_name) != 0)
		errors += org_fail(s, f, p->ou_line, p->ou_col, d);
	for (i = 0; i < f->of_ndistricts; i++) {
		const struct org_unit *ou = &f->of_districts[i];
		struct st_unit du = { 0, ou->ou_code, ou->ou_name, "district",
			p->ou_code };

		if (store_unit_put(s, &du, &id) != 0)
			errors += org_fail(s, f, ou->ou_line, ou->ou_col, d);
	}
	return errors;
}

static int
write_reporting(struct store *s, const struct org_file *f, struct diag *d)
{
	const struct org_reporting *r = &f->of_reporting;
	const char *values[NREPORTING] = { r->or_agency_quarter_day,
		r->or_agency_year, r->or_sotttt_quarter_day, r->or_sotttt_year,
		r->or_receiver };
	int errors = 0;
	size_t i;

	for (i = 0; i < NREPORTING; i++)
		if (store_meta_set(s, reporting_keys[i], values[i]) != 0)
			errors += org_fail(s, f, r->or_line, r->or_col, d);
	return errors;
}

int
app_org_write(struct store *s, const char *login, const struct org_file *f,
    struct diag *d)
{
	/* id, at, actor, action, entity, key, old, new, reason */
	struct st_audit a = { 0, NULL, login, "org.load", "org", f->of_file,
		NULL, NULL, NULL };
	int errors;

	errors = write_agencies(s, f, d);
	errors += write_units(s, f, d);
	errors += write_reporting(s, f, d);
	if (errors == 0 && store_audit_add(s, &a) != 0)
		errors += org_fail(s, f, 0, 0, d);
	return errors > 0 ? -1 : 0;
}
