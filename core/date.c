#include "date.h"
#include "err.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int date_is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_days_in_month(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m < 1 || m > 12)
		return 0;
	return days[m - 1] + (m == 2 && date_is_leap(y));
}

int date_valid(struct jdate d)
{
	return d.y >= 1912 && d.y <= 9999 && d.m >= 1 && d.m <= 12 &&
	       d.d >= 1 && d.d <= date_days_in_month(d.y, d.m);
}

/*
 * Copy s into buf with full-width digits (U+FF10..U+FF19, EF BC 90..99),
 * full-width '/', '-', '.' and spaces folded to ASCII, and surrounding
 * white space removed.  Returns 0, or -1 when s does not fit.
 */
static int fold(const char *s, char *buf, size_t size)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = 0;

	while (*p == ' ' || *p == '\t')
		p++;
	while (*p) {
		char c = 0;
		size_t len = 1;

		if (p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0x90 && p[2] <= 0x99) {
			c = (char)('0' + (p[2] - 0x90));
			len = 3;
		} else if (p[0] == 0xEF && p[1] == 0xBC &&
			   (p[2] == 0x8F || p[2] == 0x8D || p[2] == 0x8E)) {
			c = p[2] == 0x8F ? '/' : p[2] == 0x8D ? '-' : '.';
			len = 3;
		} else if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) {
			c = ' ';	/* ideographic space */
			len = 3;
		}
		if (n + 1 >= size)
			return -1;
		if (c) {
			buf[n++] = c;
			p += len;
		} else {
			buf[n++] = (char)*p++;
		}
	}
	while (n > 0 && (buf[n - 1] == ' ' || buf[n - 1] == '\t'))
		n--;
	buf[n] = '\0';
	return 0;
}

/* Read 1..max digits at *p; returns the count read, value in *v. */
static int digits(const char **p, int max, int *v)
{
	int n = 0, val = 0;

	while (n < max && (*p)[n] >= '0' && (*p)[n] <= '9') {
		val = val * 10 + ((*p)[n] - '0');
		n++;
	}
	if (n > 0 && (*p)[n] >= '0' && (*p)[n] <= '9')
		return 0;	/* too many digits */
	*p += n;
	*v = val;
	return n;
}

static int year_of(int value, int ndigits, int *y)
{
	if (ndigits == 4)
		*y = value;
	else if (ndigits >= 1 && ndigits <= 3 && value >= 1)
		*y = value + ROC_OFFSET;
	else
		return -1;
	return 0;
}

int date_parse_year(const char *s, int *roc)
{
	char *end;
	long v;

	while (*s == ' ' || *s == '\t')
		s++;
	if (*s < '0' || *s > '9')
		return JAUDIT_EDATA;
	v = strtol(s, &end, 10);
	while (*end == ' ' || *end == '\t')
		end++;
	if (*end != '\0')
		return JAUDIT_EDATA;
	if (v > 999)
		v -= ROC_OFFSET;
	if (!date_year_ok(v))
		return JAUDIT_EDATA;
	*roc = (int)v;
	return 0;
}

int date_parse(const char *s, struct jdate *out)
{
	char buf[64];
	const char *p = buf;
	struct jdate d;
	int ny, nm, nd, yv;
	size_t len;

	if (!s || fold(s, buf, sizeof(buf)) < 0 || !*buf)
		return JAUDIT_EDATA;
	len = strlen(buf);

	/* 1150612: seven digits, ROC year of three. */
	if (len == 7 && strspn(buf, "0123456789") == 7) {
		d.y = (buf[0] - '0') * 100 + (buf[1] - '0') * 10 + (buf[2] - '0') + ROC_OFFSET;
		d.m = (buf[3] - '0') * 10 + (buf[4] - '0');
		d.d = (buf[5] - '0') * 10 + (buf[6] - '0');
		if (buf[0] == '0' && buf[1] == '0' && buf[2] == '0')
			return JAUDIT_EDATA;
		goto check;
	}

	ny = digits(&p, 4, &yv);
	if (ny == 0 || year_of(yv, ny, &d.y) < 0)
		return JAUDIT_EDATA;

	if (strncmp(p, "年", strlen("年")) == 0) {
		/* 115年6月12日 */
		p += strlen("年");
		while (*p == ' ')
			p++;
		nm = digits(&p, 2, &d.m);
		if (nm == 0 || strncmp(p, "月", strlen("月")) != 0)
			return JAUDIT_EDATA;
		p += strlen("月");
		while (*p == ' ')
			p++;
		nd = digits(&p, 2, &d.d);
		if (nd == 0 || strncmp(p, "日", strlen("日")) != 0)
			return JAUDIT_EDATA;
		p += strlen("日");
	} else {
		char sep = *p;

		if (sep != '/' && sep != '-' && sep != '.')
			return JAUDIT_EDATA;
		p++;
		nm = digits(&p, 2, &d.m);
		if (nm == 0 || *p != sep)
			return JAUDIT_EDATA;
		p++;
		nd = digits(&p, 2, &d.d);
		if (nd == 0)
			return JAUDIT_EDATA;
		/* ISO dates are written in full: 2026-06-12. */
		if (ny == 4 && sep == '-' && (nm != 2 || nd != 2))
			return JAUDIT_EDATA;
	}
	if (*p)
		return JAUDIT_EDATA;
check:
	if (!date_valid(d))
		return JAUDIT_EDATA;
	*out = d;
	return 0;
}

int date_from_db(const char *s, struct jdate *out)
{
	static const char shape[] = "dddd-dd-dd";
	struct jdate d;
	size_t i;

	if (!s)
		return JAUDIT_EDATA;
	for (i = 0; i < sizeof(shape) - 1; i++) {
		if (shape[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != shape[i])
			return JAUDIT_EDATA;
	}
	if (s[i] != '\0')
		return JAUDIT_EDATA;
	d.y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	d.m = (s[5] - '0') * 10 + (s[6] - '0');
	d.d = (s[8] - '0') * 10 + (s[9] - '0');
	if (!date_valid(d))
		return JAUDIT_EDATA;
	*out = d;
	return 0;
}

int date_from_db_or_say(const char *s, struct jdate *out, const char *what)
{
	if (date_from_db(s, out) == 0)
		return 0;
	return jerror(DATE_FROM_DB_BAD, what, s ? s : "");
}

void date_iso(struct jdate d, char *buf)
{
	int y = d.y, i;

	for (i = 3; i >= 0; i--, y /= 10)
		buf[i] = (char)('0' + (y % 10 + 10) % 10);
	buf[4] = '-';
	buf[5] = (char)('0' + d.m / 10 % 10);
	buf[6] = (char)('0' + d.m % 10);
	buf[7] = '-';
	buf[8] = (char)('0' + d.d / 10 % 10);
	buf[9] = (char)('0' + d.d % 10);
	buf[10] = '\0';
}

void date_roc(struct jdate d, char *buf)
{
	snprintf(buf, DATE_ROC_LEN, "%d年%d月%d日", d.y - ROC_OFFSET, d.m, d.d);
}

void date_roc_slash(struct jdate d, char *buf)
{
	snprintf(buf, DATE_ROC_LEN, "%d/%02d/%02d", d.y - ROC_OFFSET, d.m, d.d);
}

/* Howard Hinnant's days_from_civil. */
long date_to_days(struct jdate d)
{
	long y = d.y - (d.m <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (d.m + (d.m > 2 ? -3 : 9)) + 2) / 5 + d.d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

struct jdate date_from_days(long z)
{
	struct jdate d;
	long era, doe, yoe, y, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d.d = (int)(doy - (153 * mp + 2) / 5 + 1);
	d.m = (int)(mp < 10 ? mp + 3 : mp - 9);
	d.y = (int)(y + (d.m <= 2));
	return d;
}

long date_diff(struct jdate a, struct jdate b)
{
	return date_to_days(b) - date_to_days(a);
}

struct jdate date_add_days(struct jdate d, long n)
{
	return date_from_days(date_to_days(d) + n);
}

struct jdate date_add_months(struct jdate d, int n)
{
	long months = (long)d.y * 12 + (d.m - 1) + n;
	struct jdate r;
	int last;

	r.y = (int)(months / 12);
	r.m = (int)(months % 12) + 1;
	last = date_days_in_month(r.y, r.m);
	r.d = d.d > last ? last : d.d;
	return r;
}

int date_cmp(struct jdate a, struct jdate b)
{
	long x = date_to_days(a), y = date_to_days(b);

	return (x > y) - (x < y);
}

int date_today(struct jdate *out)
{
	const char *env = getenv("JAUDIT_TODAY");
	time_t now;
	struct tm tm;

	if (env && *env) {
		if (date_parse(env, out) < 0)
			return jerror("JAUDIT_TODAY: '%s' is not a date, expected a date such as 115/06/12", env);
		return 0;
	}
	now = time(NULL);
	if (!localtime_r(&now, &tm))
		return jerror("cannot read the system clock");
	out->y = tm.tm_year + 1900;
	out->m = tm.tm_mon + 1;
	out->d = tm.tm_mday;
	return 0;
}
