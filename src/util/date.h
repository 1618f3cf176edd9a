/*
 * date.h: calendar dates as "YYYY-MM-DD" (ISO 8601), as days since
 * 1970-01-01, and as people read them ("25/09/2022").
 */
#ifndef DTI_DATE_H
#define DTI_DATE_H

#include <stddef.h>

/* date_parse(s, out): days since 1970-01-01 of a valid "YYYY-MM-DD". */
int date_parse(const char *, long *);
/* date_format(days, out): "YYYY-MM-DD". */
void date_format(long, char[11]);
/* date_vi(iso, out, size): "25/09/2022" from "2022-09-25". */
void date_vi(const char *, char *, size_t);
/* date_make(y, m, d): days since 1970-01-01 (d may be 0 for the day before). */
long date_make(int, int, int);
/* date_month_end(y, m): the last day of a month. */
long date_month_end(int, int);
/*
 * date_today(): today in UTC, or DTI_TODAY ("YYYY-MM-DD") when set, so that
 * deadlines can be shown and tested for any day.
 */
long date_today(void);

/*
 * date_time_vi(iso, out, size): a stored UTC time "2026-11-30T11:55:43Z"
 * as people in Vietnam read it, "30/11/2026 18:55" (UTC+7, no daylight
 * saving time); "" for NULL or "", the text itself when it is not such a
 * time.
 */
void date_time_vi(const char *, char *, size_t);

#endif
