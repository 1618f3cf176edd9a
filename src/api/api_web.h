/*
 * api_web.h: the web interface's files, embedded in the program by
 * cmake/embed_web.cmake, and how the server answers them.
 */
#ifndef DTI_API_WEB_H
#define DTI_API_WEB_H

#include <stddef.h>

#include "http/http.h"

/* One embedded file. */
struct web_asset {
	const char *wb_path; /* "/index.html" or "/assets/<hash>/app.js" */
	const char *wb_type; /* Content-Type */
	const unsigned char *wb_bytes;
	size_t wb_len;
	const char *wb_sha256; /* hex, of the bytes served */
};

/* The generated table (web_assets.c in the build folder). */
extern const struct web_asset web_assets[];
extern const size_t web_assets_n;
extern const char web_assets_dir[]; /* "/assets/<hash>/" */

/*
 * api_web(rq, rs): answer a GET or HEAD outside /api: index.html for "/"
 * and every page of the interface (api_web_page), an embedded asset.
 * Return 0 when answered (the Cache-Control to set is in *cache), -1 when
 * the path is none of these (the caller answers 404).
 */
int api_web(struct http_req *, struct http_resp *, const char **);
/* api_web_page(path): 1 when ${path} is a page of the interface. */
int api_web_page(const char *);

#endif
