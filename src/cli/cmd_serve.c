/* cmd_serve.c: dti serve, dti user add, and the demo accounts of init. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "api/api.h"
#include "cli/cli.h"
#include "cli/opts.h"

static int
parse_listen(const char *s, char *addr, size_t size, unsigned short *port)
{
	const char *colon = strrchr(s, ':');
	char *end;
	long p;

	if (colon == NULL || (size_t)(colon - s) >= size)
		return -1;
	memcpy(addr, s, (size_t)(colon - s));
	addr[colon - s] = '\0';
	p = strtol(colon + 1, &end, 10);
	if (*end != '\0' || p < 0 || p > 65535)
		return -1;
	*port = (unsigned short)p;
	return 0;
}

int
cmd_serve(int argc, char **argv)
{
	static const char usage[] =
	    "Cách dùng / usage: dti serve [--listen 127.0.0.1:8080] [--db dti.db] [--threads N] [--secure-cookies] [--log FILE]\n";
	const char *listen = "127.0.0.1:8080", *db = "dti.db", *logpath = NULL;
	struct api_server as;
	struct http_server *hs;
	struct http_opts ho;
	struct store_error e;
	struct store *s;
	char addr[64], err[128];
	unsigned threads = (unsigned)sysconf(_SC_NPROCESSORS_ONLN);
	int i, secure = 0, sig;
	sigset_t set;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--listen") == 0 && i + 1 < argc)
			listen = argv[++i];
		else if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
			db = argv[++i];
		else if (strcmp(argv[i], "--threads") == 0 && i + 1 < argc)
			threads = (unsigned)atoi(argv[++i]);
		else if (strcmp(argv[i], "--log") == 0 && i + 1 < argc)
			logpath = argv[++i];
		else if (strcmp(argv[i], "--secure-cookies") == 0)
			secure = 1;
		else {
			fputs(usage, stderr);
			return EXIT_USAGE;
		}
	}
	if (threads < 1 || threads > 64 ||
	    parse_listen(listen, addr, sizeof(addr), &ho.ho_port) < 0) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	/* check the database once before serving */
	if (store_open(&s, db, STORE_OPEN, &e) != 0) {
		fprintf(stderr, "dti serve: %s: %s\n", db,
		    cli_msg(e.se_vi, e.se_en));
		return EXIT_INVALID;
	}
	store_close(s);
	if (api_server_init(&as, db) != 0)
		return EXIT_IO;
	as.as_secure_cookies = secure;
	if (logpath != NULL && (as.as_log = fopen(logpath, "a")) == NULL) {
		perror(logpath);
		api_server_fini(&as);
		return EXIT_IO;
	}
	/* signals go to sigwait below, not to the server threads */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	ho.ho_addr = addr;
	ho.ho_threads = threads;
	ho.ho_max_conns = 1024;
	ho.ho_max_per_ip = 256;
	ho.ho_timeout = 30;
	ho.ho_handler = api_handle;
	ho.ho_ctx = &as;
	ho.ho_done = api_log;
	if (http_start(&ho, &hs, err, sizeof(err)) != 0) {
		fprintf(stderr, "dti serve: %s\n", err);
		api_server_fini(&as);
		return EXIT_IO;
	}
	fprintf(stderr, "dti serve: %s http://%s:%u/ (%s %s, %u %s)\n",
	    cli_msg("đang phục vụ tại", "listening on"), addr, http_port(hs),
	    cli_msg("cơ sở dữ liệu", "database"), db, threads,
	    cli_msg("luồng", "threads"));
	sigwait(&set, &sig);
	fprintf(stderr, "dti serve: %s\n",
	    cli_msg("đang dừng: chờ các yêu cầu dở dang",
		"stopping: letting requests in flight finish"));
	http_stop(hs); /* joins the threads: their connections close */
	if (as.as_log != stderr)
		fclose(as.as_log);
	api_server_fini(&as);
	fprintf(stderr, "dti serve: %s\n", cli_msg("đã dừng", "stopped"));
	return EXIT_OK;
}

/* cli_user_add: create an account; the password is printed once if made. */
int
cli_user_add(struct store *s, const char *login, const char *role,
    const char *agency, const char *given, const char *actor, char *shown,
    size_t shown_size)
{
	char pw[32], hash[128];
	struct buf vi, en;
	int rc;

	if (!auth_role_valid(role)) {
		fprintf(stderr, "dti user: %s '%s'\n",
		    cli_msg(
			"vai trò không hợp lệ (admin, coordinator, officer, viewer)",
			"unknown role (admin, coordinator, officer, viewer)"),
		    role);
		return EXIT_USAGE;
	}
	if (strcmp(role, "officer") == 0 && agency == NULL) {
		fprintf(stderr, "dti user: %s\n",
		    cli_msg(
			"cán bộ cần --agency", "an officer needs --agency"));
		return EXIT_USAGE;
	}
	if (given == NULL) {
		auth_generate_password(pw, 17);
		given = pw;
	}
	buf_init(&vi);
	buf_init(&en);
	if (auth_password_check(given, &vi, &en) < 0) {
		fprintf(stderr, "dti user: %s\n",
		    cli_msg(buf_cstr(&vi), buf_cstr(&en)));
		buf_free(&vi);
		buf_free(&en);
		return EXIT_INVALID;
	}
	buf_free(&vi);
	buf_free(&en);
	if (auth_hash(given, hash) < 0)
		return EXIT_IO;
	rc = store_account_add(s, login, hash, role, agency, actor);
	if (rc == 0 && shown != NULL)
		snprintf(shown, shown_size, "%s", given);
	return rc == 0 ? EXIT_OK : EXIT_INVALID;
}

int
cmd_user(int argc, char **argv)
{
	static const char usage[] =
	    "Cách dùng / usage: dti user add --role admin|coordinator|officer|viewer [--agency A] [--db dti.db] LOGIN\n"
	    "  (mật khẩu: biến DTI_PASSWORD, hoặc được tạo ngẫu nhiên và in ra một lần)\n";
	const char *role = NULL, *agency = NULL, *db = "dti.db", *login = NULL;
	struct store_error e;
	struct store *s;
	char shown[300];
	int i, rc;

	if (argc < 2 || strcmp(argv[1], "add") != 0) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--role") == 0 && i + 1 < argc)
			role = argv[++i];
		else if (strcmp(argv[i], "--agency") == 0 && i + 1 < argc)
			agency = argv[++i];
		else if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
			db = argv[++i];
		else if (argv[i][0] != '-' && login == NULL)
			login = argv[i];
		else {
			fputs(usage, stderr);
			return EXIT_USAGE;
		}
	}
	if (role == NULL || login == NULL) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	if (store_open(&s, db, STORE_OPEN, &e) != 0) {
		fprintf(stderr, "dti user: %s\n", cli_msg(e.se_vi, e.se_en));
		return EXIT_INVALID;
	}
	if (store_tx_begin(s) != 0) {
		fprintf(stderr, "dti user: %s\n",
		    cli_msg(store_error(s)->se_vi, store_error(s)->se_en));
		store_close(s);
		return EXIT_IO;
	}
	rc = cli_user_add(s, login, role, agency, getenv("DTI_PASSWORD"),
	    getenv("USER") ? getenv("USER") : "cli", shown, sizeof(shown));
	if (rc == EXIT_OK && store_tx_commit(s) != 0)
		rc = EXIT_IO;
	if (rc != EXIT_OK) {
		if (store_error(s)->se_code != 0)
			fprintf(stderr, "dti user: %s\n",
			    cli_msg(
				store_error(s)->se_vi, store_error(s)->se_en));
		store_tx_rollback(s);
	} else if (getenv("DTI_PASSWORD") == NULL) {
		printf("%s %s (%s%s%s): %s\n", cli_msg("Tài khoản", "Account"),
		    login, role, agency ? ", " : "", agency ? agency : "",
		    shown);
		printf("%s\n",
		    cli_msg("Mật khẩu chỉ in một lần: hãy ghi lại.",
			"The password is shown only once: note it."));
	} else {
		printf("%s %s (%s)\n", cli_msg("Tài khoản", "Account"), login,
		    role);
	}
	store_close(s);
	return rc;
}
