/*
 * date.h - calendar dates in the forms clerks write them.
 *
 * Accepted (SPEC §2): 2026-06-12, 2026/06/12, 115/06/12, 115-06-12,
 * 115.06.12, 1150612 and 115年6月12日 (full-width digits too).  A year of
 * one to three digits is an ROC year (民國, Gregorian = ROC + 1911); a
 * four-digit year is Gregorian.  Every date is checked against the calendar.
 * Dates are stored as ISO text (2026-06-12) and shown in ROC form.
 */
#ifndef JAUDIT_DATE_H
#define JAUDIT_DATE_H

#include <stddef.h>

struct jdate {
	int y;	/* Gregorian year */
	int m;	/* 1..12 */
	int d;	/* 1..31 */
};

#define ROC_OFFSET 1911

/*
 * The one year rule: an audit year is an ROC year from ROC_YEAR_MIN to
 * ROC_YEAR_MAX (民國100–200, 2011–2111), written as such (115) or as its
 * Gregorian year (2026).  DATE_YEAR_EXPECTED is what messages say.
 */
#define ROC_YEAR_MIN 100
#define ROC_YEAR_MAX 200
#define DATE_YEAR_EXPECTED "an ROC year from 100 to 200, such as 115 (or 2026)"

/* The year in s (spaces around allowed): 0 and *roc, or JAUDIT_EDATA. */
int date_parse_year(const char *s, int *roc);

/* 1 if roc is a year the rule allows. */
static inline int date_year_ok(long roc) { return roc >= ROC_YEAR_MIN && roc <= ROC_YEAR_MAX; }
#define DATE_ISO_LEN 11		/* "2026-06-12" and NUL */
#define DATE_ROC_LEN 32		/* "115年12月31日" and NUL, with room */

/* 1 if y (Gregorian) is a leap year. */
int date_is_leap(int y);

/* Days in month m of Gregorian year y. */
int date_days_in_month(int y, int m);

/* 1 if the date exists in the calendar (years 1912..9999). */
int date_valid(struct jdate d);

/*
 * Parse any accepted form (leading and trailing spaces allowed).
 * Returns 0 and fills *out, or JAUDIT_EDATA without a message: the caller
 * knows the file and line, and says "expected a date such as 115/06/12".
 */
int date_parse(const char *s, struct jdate *out);

/*
 * A date read back from the database, where it is stored as date_iso()
 * writes it: exactly YYYY-MM-DD (no spaces, no ROC year, no other form) and
 * in the calendar.  This is the reader for stored values; date_parse() is
 * for what people type.  Returns 0 and fills *out, or JAUDIT_EDATA without
 * a message (115/01/01, 2025-02-29, "" are refused).
 */
int date_from_db(const char *s, struct jdate *out);

/*
 * date_from_db(), and on a bad value the one message every command gives:
 * "database: WHAT has a bad stored date 'S' (expected YYYY-MM-DD); run
 * 'jaudit check'" (what names the row and column, such as "session 115-07,
 * date").  The caller then stops with the JAUDIT_EDATA returned.
 */
int date_from_db_or_say(const char *s, struct jdate *out, const char *what);
/* That message, for a caller that returns it instead of printing: what, s. */
#define DATE_FROM_DB_BAD "database: %s has a bad stored date '%s' (expected YYYY-MM-DD); run 'jaudit check'"

/* Format into buf (at least DATE_ISO_LEN bytes): "2026-06-12". */
void date_iso(struct jdate d, char *buf);

/* Format into buf (at least DATE_ROC_LEN bytes): "115年6月12日". */
void date_roc(struct jdate d, char *buf);

/* Format into buf (at least DATE_ROC_LEN bytes): "115/06/12". */
void date_roc_slash(struct jdate d, char *buf);

/* Days since 1970-01-01 (negative before). */
long date_to_days(struct jdate d);

/* The date that is n days after 1970-01-01. */
struct jdate date_from_days(long n);

/* Difference b - a in days. */
long date_diff(struct jdate a, struct jdate b);

/* d plus n days (n may be negative). */
struct jdate date_add_days(struct jdate d, long n);

/*
 * d plus n calendar months (n may be negative); a day past the end of the
 * target month is clamped to its last day: 2026-01-31 + 1 = 2026-02-28.
 */
struct jdate date_add_months(struct jdate d, int n);

/* -1, 0 or 1. */
int date_cmp(struct jdate a, struct jdate b);

/*
 * Today's date: $JAUDIT_TODAY if set (any accepted form; for reproducible
 * runs and tests), else the local calendar date.  Returns 0, or
 * JAUDIT_EDATA with a message when $JAUDIT_TODAY is not a date.
 */
int date_today(struct jdate *out);

/* ROC year of a date. */
static inline int date_roc_year(struct jdate d) { return d.y - ROC_OFFSET; }

#endif
