/* cmd_serve.c: dti serve. */
#include <signal.h>
#include <errno.h>
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

/* What dti serve was asked for. */
struct serve_args {
	const char *svr_db;
	const char *svr_log; /* NULL: stderr */
	char svr_addr[64];
	unsigned short svr_port;
	unsigned svr_threads;
	int svr_secure; /* Secure cookies (behind TLS) */
	unsigned svr_max_per_ip; /* connections from one address */
};

static const char serve_usage[] =
    "Cách dùng / usage: dti serve [--listen 127.0.0.1:8080] [--db dti.db] [--threads N] [--secure-cookies] [--log FILE] [--max-per-ip N]\n";

/* serve_parse(argc, argv, out): 0, or -1 after printing the usage. */
static int
serve_parse(int argc, char **argv, struct serve_args *sv)
{
	const char *listen = "127.0.0.1:8080";
	int i;

	memset(sv, 0, sizeof(*sv));
	sv->svr_db = "dti.db";
	sv->svr_threads = (unsigned)sysconf(_SC_NPROCESSORS_ONLN);
	sv->svr_max_per_ip = HTTP_MAX_PER_IP;
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--listen") == 0 && i + 1 < argc)
			listen = argv[++i];
		else if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
			sv->svr_db = argv[++i];
		else if (strcmp(argv[i], "--threads") == 0 && i + 1 < argc)
			sv->svr_threads = (unsigned)atoi(argv[++i]);
		else if (strcmp(argv[i], "--log") == 0 && i + 1 < argc)
			sv->svr_log = argv[++i];
		else if (strcmp(argv[i], "--max-per-ip") == 0 && i + 1 < argc)
			sv->svr_max_per_ip =
			    (unsigned)strtoul(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--secure-cookies") == 0)
			sv->svr_secure = 1;
		else
			break;
	}
	if (i < argc || sv->svr_threads < 1 || sv->svr_threads > 64 ||
	    sv->svr_max_per_ip < 1 || sv->svr_max_per_ip > 1024 ||
	    parse_listen(listen, sv->svr_addr, sizeof(sv->svr_addr),
		&sv->svr_port) < 0) {
		fputs(serve_usage, stderr);
		return -1;
	}
	return 0;
}

/*
 * serve_prepare(sv, as, lang): check the database once, then set up the
 * API's state (and its log); an exit code.
 */
static int
serve_prepare(
    const struct serve_args *sv, struct api_server *as, enum diag_lang lang)
{
	struct store *s;
	struct diag d;
	char prefix[4096];

	diag_init(&d);
	if (app_open(&s, sv->svr_db, &d) != 0) {
		snprintf(prefix, sizeof(prefix), "dti serve: %s", sv->svr_db);
		cli_print_prefixed(prefix, &d, lang);
		diag_free(&d);
		return EXIT_INVALID;
	}
	app_close(s);
	diag_free(&d);
	if (api_server_init(as, sv->svr_db) != 0)
		return EXIT_IO;
	as->as_secure_cookies = sv->svr_secure;
	if (sv->svr_log != NULL &&
	    (as->as_log = fopen(sv->svr_log, "a")) == NULL) {
		cli_file_error("serve", sv->svr_log, errno, lang);
		api_server_fini(as);
		return EXIT_IO;
	}
	return EXIT_OK;
}

int
cmd_serve(int argc, char **argv, enum diag_lang lang)
{
	struct serve_args sv;
	struct api_server as;
	struct http_server *hs;
	struct http_opts ho;
	struct diag d;
	int rc, sig;
	sigset_t set;

	if (serve_parse(argc, argv, &sv) != 0)
		return EXIT_USAGE;
	if ((rc = serve_prepare(&sv, &as, lang)) != EXIT_OK)
		return rc;
	/* signals go to sigwait below, not to the server threads */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	memset(&ho, 0, sizeof(ho));
	ho.ho_addr = sv.svr_addr;
	ho.ho_port = sv.svr_port;
	ho.ho_threads = sv.svr_threads;
	ho.ho_max_conns = 1024;
	ho.ho_max_per_ip = sv.svr_max_per_ip;
	ho.ho_timeout = 30;
	ho.ho_handler = api_handle;
	ho.ho_admit = api_admit;
	ho.ho_refuse = api_refuse;
	ho.ho_ctx = &as;
	ho.ho_done = api_log;
	diag_init(&d);
	if (http_start(&ho, &hs, &d) != 0) {
		cli_print_prefixed("dti serve", &d, lang);
		diag_free(&d);
		api_server_fini(&as);
		return EXIT_IO;
	}
	diag_free(&d);
	fprintf(stderr, "dti serve: %s http://%s:%u/ (%s %s, %u %s)\n",
	    cli_msg(lang, "đang phục vụ tại", "listening on"), sv.svr_addr,
	    http_port(hs), cli_msg(lang, "cơ sở dữ liệu", "database"),
	    sv.svr_db, sv.svr_threads, cli_msg(lang, "luồng", "threads"));
	sigwait(&set, &sig);
	fprintf(stderr, "dti serve: %s\n",
	    cli_msg(lang, "đang dừng: chờ các yêu cầu dở dang",
		"stopping: letting requests in flight finish"));
	http_stop(hs); /* joins the threads: their connections close */
	if (as.as_log != stderr)
		fclose(as.as_log);
	api_server_fini(&as);
	fprintf(stderr, "dti serve: %s\n", cli_msg(lang, "đã dừng", "stopped"));
	return EXIT_OK;
}
