/* cmd_init.c: dti init, dti backup, dti methodology load. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "cli/cli.h"
#include "cli/opts.h"
#include "engine/builtin.h"
#include "io/org_load.h"

/* Open the database of ${o}; print why not. */
struct store *
cli_open_db(const struct opts *o)
{
	struct store_error e;
	struct store *s;

	if (store_open(&s, o->o_db, STORE_OPEN, &e) != 0) {
		fprintf(stderr, "dti: %s: %s\n", o->o_db,
		    cli_msg(e.se_vi, e.se_en));
		return NULL;
	}
	return s;
}

/* Exit code for a failed app call: busy gets its own message. */
int
cli_fail(struct diag *d, int rc)
{
	cli_print_diag(d);
	diag_free(d);
	return rc == STORE_EBUSY ? EXIT_IO : EXIT_INVALID;
}

/* Record the methodology's agencies and who leads and coordinates what. */
static int
add_method(struct store *s, const struct method *m, const char *yaml,
    size_t len, const char *actor, long *id)
{
	int i, k;

	if (store_method_add(s, m->m_id, m->m_version ? m->m_version : "",
		m->m_name, yaml, len, actor, id) != 0)
		return -1;
	for (i = 0; i < m->m_nagencies; i++) {
		const struct m_agency *a = &m->m_agencies[i];
		int exists = store_agency_exists(s, a->ma_code);

		if (exists < 0)
			return -1;
		if (!exists &&
		    store_agency_add(s, a->ma_code, a->ma_name, a->ma_short,
			a->ma_is_group ? "group" : "agency") != 0)
			return -1;
	}
	for (i = 0; i < m->m_nind; i++) {
		const struct m_indicator *n = &m->m_ind[i];

		if (n->mn_lead >= 0 &&
		    store_resp_add(s, *id, n->mn_code,
			m->m_agencies[n->mn_lead].ma_code, "lead") != 0)
			return -1;
		for (k = 0; k < n->mn_ncoord; k++)
			if (store_resp_add(s, *id, n->mn_code,
				m->m_agencies[n->mn_coord[k]].ma_code,
				"coordinator") != 0)
				return -1;
	}
	for (i = 0; i < m->m_ngeneral; i++) {
		const struct m_general *g = &m->m_general[i];

		if (g->ml_lead >= 0 &&
		    store_resp_add(s, *id, g->ml_code,
			m->m_agencies[g->ml_lead].ma_code, "lead") != 0)
			return -1;
		for (k = 0; k < g->ml_ncoord; k++)
			if (store_resp_add(s, *id, g->ml_code,
				m->m_agencies[g->ml_coord[k]].ma_code,
				"coordinator") != 0)
				return -1;
	}
	return 0;
}

int
cmd_init(int argc, char **argv)
{
	static const char usage[] =
	    "Cách dùng / usage: dti init [--db dti.db] [--demo] [--user NAME]\n";
	struct store_error e;
	struct store *s = NULL;
	struct method *m = NULL;
	struct opts o;
	struct diag d;
	long mid, count;
	static const struct {
		const char *login, *role, *agency;
	} demo[] = {
		{ "admin", "admin", NULL },
		{ "sotttt", "coordinator", "so-tttt" },
		{ "lanhdao", "viewer", NULL },
		{ "cb-sotttt", "officer", "so-tttt" },
		{ "cb-thongke", "officer", "cuc-thong-ke" },
		{ "cb-khdt", "officer", "so-khdt" },
		{ "cb-pvhcc", "officer", "ttpvhcc" },
		{ "cb-ninhhai", "officer", "ubnd-ninh-hai" },
	};
	char pw[sizeof(demo) / sizeof(demo[0])][64];
	struct st_counts c;
	int rc;
	FILE *demo_round;

	if ((rc = opts_parse(&o, argc, argv, "db demo user", usage)) != 0)
		return rc == 100 ? EXIT_OK : rc;
	if (o.o_nargs != 0) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	diag_init(&d);
	if (method_load(&m, builtin_method_text, builtin_method_len,
		builtin_method_name, &d) != 0)
		return cli_fail(&d, -1);
	if (store_create(&s, o.o_db, &e) != 0) {
		fprintf(stderr, "dti init: %s\n", cli_msg(e.se_vi, e.se_en));
		method_free(m);
		diag_free(&d);
		return EXIT_INVALID;
	}
	if (store_tx_begin(s) != 0 ||
	    add_method(s, m, builtin_method_text, builtin_method_len, o.o_user,
		&mid) != 0 ||
	    store_meta_set(s, "demo", o.o_demo ? "1" : "0") != 0) {
		rc = app_store_error(s, &d);
		goto fail;
	}
	if (org_load(s, builtin_org_text, builtin_org_len, builtin_org_name,
		o.o_user, &d) != 0) {
		rc = -1;
		goto fail;
	}
	if (o.o_demo) {
		/* one account per role, and officers of a few agencies */
		size_t i;

		for (i = 0; i < sizeof(demo) / sizeof(demo[0]); i++) {
			if (cli_user_add(s, demo[i].login, demo[i].role,
				demo[i].agency, NULL, o.o_user, pw[i],
				sizeof(pw[i])) != EXIT_OK) {
				rc = app_store_error(s, &d);
				goto fail;
			}
		}
	}
	if (store_tx_commit(s) != 0) {
		rc = app_store_error(s, &d);
		goto fail;
	}
	if (o.o_demo) {
		/* an illustrative year, labelled as such wherever it shows */
		if (app_period_open(s, "2022", mid, NULL, NULL,
			"SỐ LIỆU MINH HỌA — không phải số liệu thật", o.o_user,
			&d) != 0)
			goto fail_noroll;
		demo_round =
		    fmemopen((void *)builtin_demo_text, builtin_demo_len, "r");
		if (demo_round == NULL ||
		    app_import(s, "2022", demo_round, builtin_demo_name,
			"approved", o.o_user, &count, &d) != 0) {
			if (demo_round != NULL)
				fclose(demo_round);
			goto fail_noroll;
		}
		fclose(demo_round);
	}
	if (store_counts(s, &c) != 0) {
		rc = app_store_error(s, &d);
		goto fail_noroll;
	}
	printf("%s %s: %s %s (%s), %d %s, %d %s, %d %s, %d %s\n",
	    cli_msg("Đã tạo", "Created"), o.o_db,
	    cli_msg("phương pháp", "methodology"), m->m_id,
	    m->m_version ? m->m_version : "", c.sc_agencies,
	    cli_msg("cơ quan", "agencies"), c.sc_units,
	    cli_msg("đơn vị", "units"), c.sc_tasks,
	    cli_msg("nhiệm vụ", "tasks"), c.sc_targets,
	    cli_msg("chỉ tiêu", "targets"));
	if (o.o_demo) {
		size_t i;

		printf("%s\n",
		    cli_msg("Kỳ 2022: đã nạp SỐ LIỆU MINH HỌA (không phải số "
			    "liệu thật), đã phê duyệt.",
			"Period 2022: ILLUSTRATIVE data loaded (not real "
			"figures), approved."));
		printf("%s\n",
		    cli_msg("Tài khoản trình diễn (mật khẩu chỉ in một lần):",
			"Demo accounts (passwords are shown only once):"));
		for (i = 0; i < sizeof(demo) / sizeof(demo[0]); i++)
			printf("  %-12s %-12s %-16s %s\n", demo[i].login,
			    demo[i].role, demo[i].agency ? demo[i].agency : "-",
			    pw[i]);
	}
	cli_print_diag(&d);
	diag_free(&d);
	method_free(m);
	store_close(s);
	return EXIT_OK;
fail:
	store_tx_rollback(s);
fail_noroll:
	store_close(s);
	/* a half-made database is no use: init is all or nothing */
	store_remove(o.o_db, NULL);
	method_free(m);
	(void)rc;
	return cli_fail(&d, -1);
}

int
cmd_backup(int argc, char **argv)
{
	static const char usage[] =
	    "Cách dùng / usage: dti backup [--db dti.db] FILE\n";
	struct store *s;
	struct opts o;
	int rc;

	if ((rc = opts_parse(&o, argc, argv, "db", usage)) != 0)
		return rc == 100 ? EXIT_OK : rc;
	if (o.o_nargs != 1) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	if ((s = cli_open_db(&o)) == NULL)
		return EXIT_INVALID;
	if (store_backup(s, o.o_args[0]) != 0) {
		fprintf(stderr, "dti backup: %s\n",
		    cli_msg(store_error(s)->se_vi, store_error(s)->se_en));
		store_close(s);
		return EXIT_IO;
	}
	printf(
	    "%s %s\n", cli_msg("Đã sao lưu vào", "Backed up to"), o.o_args[0]);
	store_close(s);
	return EXIT_OK;
}

/* dti methodology load FILE: a new methodology version for new periods. */
int
cmd_methodology_load(int argc, char **argv)
{
	static const char usage[] =
	    "Cách dùng / usage: dti methodology load [--db dti.db] FILE\n";
	struct store *s;
	struct method *m;
	struct opts o;
	struct diag d;
	char *text;
	size_t len;
	long id;
	int rc;

	if ((rc = opts_parse(&o, argc, argv, "db user", usage)) != 0)
		return rc == 100 ? EXIT_OK : rc;
	if (o.o_nargs != 1) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	if (cli_read_file(o.o_args[0], METHOD_MAX_BYTES, &text, &len) < 0)
		return EXIT_IO;
	diag_init(&d);
	if (method_load(&m, text, len, o.o_args[0], &d) != 0) {
		free(text);
		return cli_fail(&d, -1);
	}
	if ((s = cli_open_db(&o)) == NULL) {
		free(text);
		method_free(m);
		diag_free(&d);
		return EXIT_INVALID;
	}
	if (store_tx_begin(s) != 0 ||
	    add_method(s, m, text, len, o.o_user, &id) != 0 ||
	    store_tx_commit(s) != 0) {
		rc = app_store_error(s, &d);
		store_tx_rollback(s);
		free(text);
		method_free(m);
		store_close(s);
		return cli_fail(&d, rc);
	}
	printf("%s %s %s (#%ld)\n",
	    cli_msg("Đã nạp phương pháp", "Loaded methodology"), m->m_id,
	    m->m_version ? m->m_version : "", id);
	free(text);
	method_free(m);
	store_close(s);
	diag_free(&d);
	return EXIT_OK;
}
