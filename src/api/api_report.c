/* api_report.c: GET /api/v1/periods/{p}/report?format=xlsx|docx|pdf. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "app/app.h"
#include "util/date.h"

void
api_report(struct api_req *ar)
{
	const char *format = http_query(ar->ar_rq, "format");
	const char *drafts = http_query(ar->ar_rq, "drafts");
	const char *type = NULL;
	struct st_period p;
	struct diag d;
	char *data = NULL, cd[96];
	size_t len = 0;

	if (api_path_period(ar, &p) != 0)
		return;
	diag_init(&d);
	/* every role may read the report: app_report checks no policy */
	if (app_report_file(ar->ar_s, p.sp_code,
		format != NULL ? format : "pdf",
		drafts != NULL && strcmp(drafts, "1") == 0, date_today(), &data,
		&len, &type, &d) != 0) {
		api_diag(ar, &d);
		diag_free(&d);
		return;
	}
	diag_free(&d);
	snprintf(cd, sizeof(cd), "attachment; filename=\"dti-bao-cao-%s.%s\"",
	    p.sp_code, format != NULL ? format : "pdf");
	http_set_header(ar->ar_rs, "Content-Disposition", cd);
	ar->ar_rs->rs_status = 200;
	ar->ar_rs->rs_type = type;
	buf_append(&ar->ar_rs->rs_body, data, len);
	free(data);
}
