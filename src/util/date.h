/*
 * date.h: calendar dates as "YYYY-MM-DD" (ISO 8601, how they are stored
 * and exchanged), as days since 1970-01-01, and as people read and type
 * them ("25/09/2022"); times as stored ("2026-11-30T11:55:43Z", UTC) and
 * as people in Vietnam read them ("30/11/2026 18:55", UTC+7).
 */
#ifndef DTI_DATE_H
#define DTI_DATE_H

#include <stddef.h>
#include <time.h>

/*
 * date_parse(s, out): days since 1970-01-01 of a real calendar date
 * written "YYYY-MM-DD" or "dd/mm/yyyy" (also "d/m/yyyy"), year 1900 to
 * 2999, nothing before or after; -1 for anything else ("2022-1-1",
 * "31/04/2022", "2022-09-25 ").
 */
int date_parse(const char *, long *);
/* date_iso(s, out): the date ${s} (as date_parse reads it) as ISO; -1. */
int date_iso(const char *, char[11]);
/* date_format(days, out): "YYYY-MM-DD". */
void date_format(long, char[11]);
/* date_vi(iso, out, size): "25/09/2022" from "2022-09-25". */
void date_vi(const char *, char *, size_t);
/* date_make(y, m, d): days since 1970-01-01 (d may be 0 for the day before). */
long date_make(int, int, int);
/* date_month_end(y, m): the last day of a month. */
long date_month_end(int, int);

/* Vietnam's time is UTC+7 all year (no daylight saving time). */
#define DATE_VN_OFFSET (7 * 3600)
/* date_day_vn(t): the calendar day in Vietnam at the Unix time ${t}. */
long date_day_vn(time_t);
/*
 * date_time_parse(s, out): the Unix time of a stored time
 * "YYYY-MM-DDTHH:MM:SSZ" (fractions of a second allowed and dropped); -1.
 */
int date_time_parse(const char *, time_t *);
/*
 * date_time_vi(iso, out, size): "30/11/2026 18:55", the stored UTC time
 * ${iso} in Vietnam's time; a text that is no stored time is copied as it
 * is (nothing shown is ever lost).
 */
void date_time_vi(const char *, char *, size_t);
/*
 * date_today(): today in Vietnam (a deadline of 25/12 ends at midnight in
 * Hà Nội, 17:00 UTC). For tests and for showing any day: DTI_TODAY (a
 * date, either form) is today; else DTI_NOW (a stored time) is now.
 */
long date_today(void);

#endif
