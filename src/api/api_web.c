/*
 * api_web.c: the web interface. Every page URL (history-API routes, so a
 * page can be bookmarked) answers index.html; the scripts and styles are
 * under /assets/<hash>/, a name that changes with their content, so they
 * are cached for good. Nothing is read from disk.
 */
#include "api/api_web.h"

#include <string.h>

/* The first path segments of the interface's pages (web/src/app.js). */
static const char *const pages[] = {
	"dang-nhap", /* login */
	"doi-mat-khau", /* change password */
	"tong-quan", /* overview */
	"chi-so", /* indicators, /chi-so/3.3 */
	"co-quan", /* an agency's workspace, /co-quan/so-tttt */
	"duyet", /* review */
	"nhiem-vu", /* tasks */
	"chi-tieu", /* targets */
	"quan-tri", /* administration, /quan-tri/ky ... */
	"phan-tich", /* analysis, /phan-tich/gia-dinh ... */
	"bao-cao", /* the period's report */
};

int
api_web_page(const char *path)
{
	size_t i, n;

	if (strcmp(path, "/") == 0)
		return 1;
	if (path[0] != '/')
		return 0;
	path++;
	n = strcspn(path, "/");
	for (i = 0; i < sizeof(pages) / sizeof(pages[0]); i++)
		if (strlen(pages[i]) == n && strncmp(pages[i], path, n) == 0)
			return 1;
	return 0;
}

static const struct web_asset *
asset_find(const char *path)
{
	size_t i;

	for (i = 0; i < web_assets_n; i++)
		if (strcmp(web_assets[i].wb_path, path) == 0)
			return &web_assets[i];
	return NULL;
}

int
api_web(struct http_req *rq, struct http_resp *rs, const char **cache)
{
	const struct web_asset *a = NULL;

	if (strcmp(rq->rq_method, "GET") != 0 &&
	    strcmp(rq->rq_method, "HEAD") != 0)
		return -1;
	if (api_web_page(rq->rq_path)) {
		a = asset_find("/index.html");
		*cache = "no-store"; /* small; names the assets */
	} else if (strncmp(rq->rq_path, "/assets/", 8) == 0) {
		a = asset_find(rq->rq_path);
		*cache = "public, max-age=31536000, immutable";
	}
	if (a == NULL)
		return -1;
	rs->rs_status = 200;
	rs->rs_type = a->wb_type;
	buf_reset(&rs->rs_body);
	buf_append(&rs->rs_body, (const char *)a->wb_bytes, a->wb_len);
	return 0;
}
