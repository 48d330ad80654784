/* Unit tests for core/date.c: every accepted form, every refused one, leap years. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "../core/date.h"
#include "../core/err.h"

#include <stdio.h>
#include <unistd.h>

static void assert_date(const char *s, int y, int m, int d)
{
	struct jdate out = { 0, 0, 0 };

	if (date_parse(s, &out) != 0)
		fail_msg("'%s' was refused", s);
	if (out.y != y || out.m != m || out.d != d)
		fail_msg("'%s' parsed as %d-%d-%d, expected %d-%d-%d", s,
			 out.y, out.m, out.d, y, m, d);
}

static void assert_refused(const char *s)
{
	struct jdate out;

	if (date_parse(s, &out) == 0)
		fail_msg("'%s' was accepted as %d-%02d-%02d", s, out.y, out.m, out.d);
}

static void test_date_accepts_every_form_of_spec(void **state)
{
	(void)state;
	assert_date("2026-06-12", 2026, 6, 12);
	assert_date("2026/06/12", 2026, 6, 12);
	assert_date("115/06/12", 2026, 6, 12);
	assert_date("115-06-12", 2026, 6, 12);
	assert_date("115.06.12", 2026, 6, 12);
	assert_date("1150612", 2026, 6, 12);
	assert_date("115年6月12日", 2026, 6, 12);
	assert_date("115年06月12日", 2026, 6, 12);
	assert_date("115/6/12", 2026, 6, 12);
	assert_date("  115/06/12 ", 2026, 6, 12);
	/* full-width digits, as typed with a Chinese input method */
	assert_date("１１５年６月１２日", 2026, 6, 12);
	assert_date("１１５／０６／１２", 2026, 6, 12);
	/* ROC years of one and two digits */
	assert_date("99/12/31", 2010, 12, 31);
	assert_date("1/1/1", 1912, 1, 1);
	assert_date("0991231", 2010, 12, 31);
}

static void test_date_refuses_what_is_not_a_date(void **state)
{
	(void)state;
	assert_refused("");
	assert_refused("   ");
	assert_refused("115");
	assert_refused("115/06");
	assert_refused("115/13/01");
	assert_refused("115/00/10");
	assert_refused("115/06/00");
	assert_refused("115/06/31");
	assert_refused("115/04/31");
	assert_refused("115-06/12");
	assert_refused("115/06/12x");
	assert_refused("115年6月12");
	assert_refused("115年6月");
	assert_refused("2026-6-12");	/* ISO is written in full */
	assert_refused("20260612");	/* eight digits: not a form we accept */
	assert_refused("115061");
	assert_refused("0000612");
	assert_refused("12345/01/01");
	assert_refused("1911-12-31");	/* before the ROC calendar */
	assert_refused("0/01/01");
	assert_refused("June 12, 2026");
	assert_refused("115/06/12/01");
	assert_refused("-115/06/12");
}

static void test_date_refuses_feb_29_in_common_years(void **state)
{
	(void)state;
	assert_refused("115/02/29");	/* 2026 */
	assert_refused("2026-02-29");
	assert_refused("1150229");
	assert_refused("189/02/29");	/* 2100: divisible by 100, not by 400 */
	assert_date("113/02/29", 2024, 2, 29);
	assert_date("2024-02-29", 2024, 2, 29);
	assert_date("89/02/29", 2000, 2, 29);	/* 2000: divisible by 400 */
	assert_date("117年2月29日", 2028, 2, 29);
}

static void test_date_formats_iso_and_roc(void **state)
{
	struct jdate d = { 2026, 6, 12 };
	char buf[DATE_ROC_LEN];

	(void)state;
	date_iso(d, buf);
	assert_string_equal(buf, "2026-06-12");
	date_roc(d, buf);
	assert_string_equal(buf, "115年6月12日");
	date_roc_slash(d, buf);
	assert_string_equal(buf, "115/06/12");
	d.y = 2010;
	d.m = 1;
	d.d = 5;
	date_roc(d, buf);
	assert_string_equal(buf, "99年1月5日");
	date_roc_slash(d, buf);
	assert_string_equal(buf, "99/01/05");
}

static void test_date_day_arithmetic(void **state)
{
	struct jdate a = { 1970, 1, 1 }, b = { 2026, 6, 12 }, c;

	(void)state;
	assert_int_equal(date_to_days(a), 0);
	/* 2026-06-12 is day 20616 of the Unix epoch (date -d 2026-06-12 +%s / 86400) */
	assert_int_equal(date_to_days(b), 20616);
	c = date_from_days(20616);
	assert_int_equal(c.y, 2026);
	assert_int_equal(c.m, 6);
	assert_int_equal(c.d, 12);
	c = date_add_days(b, 30);
	assert_int_equal(c.m, 7);
	assert_int_equal(c.d, 12);
	c = date_add_days((struct jdate){ 2024, 2, 28 }, 1);
	assert_int_equal(c.d, 29);
	assert_int_equal(date_diff((struct jdate){ 2025, 12, 31 }, (struct jdate){ 2026, 12, 31 }), 365);
	assert_int_equal(date_diff((struct jdate){ 2023, 12, 31 }, (struct jdate){ 2024, 12, 31 }), 366);
	assert_int_equal(date_cmp(a, b), -1);
	assert_int_equal(date_cmp(b, b), 0);
}

static void test_date_months_clamp_to_month_end(void **state)
{
	struct jdate r;

	(void)state;
	r = date_add_months((struct jdate){ 2026, 1, 31 }, 1);
	assert_true(r.y == 2026 && r.m == 2 && r.d == 28);
	r = date_add_months((struct jdate){ 2024, 1, 31 }, 1);
	assert_true(r.y == 2024 && r.m == 2 && r.d == 29);
	r = date_add_months((struct jdate){ 2026, 8, 31 }, 1);
	assert_true(r.y == 2026 && r.m == 9 && r.d == 30);
	r = date_add_months((struct jdate){ 2026, 11, 30 }, 3);
	assert_true(r.y == 2027 && r.m == 2 && r.d == 28);
	r = date_add_months((struct jdate){ 2026, 6, 12 }, 6);
	assert_true(r.y == 2026 && r.m == 12 && r.d == 12);
	r = date_add_months((struct jdate){ 2026, 3, 31 }, -1);
	assert_true(r.y == 2026 && r.m == 2 && r.d == 28);
	r = date_add_months((struct jdate){ 2026, 1, 15 }, -1);
	assert_true(r.y == 2025 && r.m == 12 && r.d == 15);
}

static void test_date_today_honours_jaudit_today(void **state)
{
	struct jdate d;

	(void)state;
	setenv("JAUDIT_TODAY", "115/11/20", 1);
	assert_int_equal(date_today(&d), 0);
	assert_true(d.y == 2026 && d.m == 11 && d.d == 20);
	unsetenv("JAUDIT_TODAY");
	assert_int_equal(date_today(&d), 0);
	assert_true(d.y >= 2024);
}

/* What the database holds is read strictly: the form date_iso() writes, in the calendar. */
static void test_date_from_db_reads_only_stored_iso(void **state)
{
	struct jdate d = { 0, 0, 0 };

	(void)state;
	assert_int_equal(date_from_db("2024-02-29", &d), 0);	/* 2024 is a leap year */
	assert_int_equal(d.y, 2024);
	assert_int_equal(d.m, 2);
	assert_int_equal(d.d, 29);
	assert_int_equal(date_from_db("2026-12-31", &d), 0);
	assert_int_equal(d.y, 2026);
	assert_int_equal(d.m, 12);
	assert_int_equal(d.d, 31);
	assert_int_equal(date_from_db("1912-01-01", &d), 0);	/* 民國1年 */
	assert_int_equal(d.y, 1912);

	d.y = 7;
	assert_int_equal(date_from_db("2025-02-29", &d), JAUDIT_EDATA);	/* 2025 is not */
	assert_int_equal(d.y, 7);					/* *out untouched */
	assert_int_equal(date_from_db("2100-02-29", &d), JAUDIT_EDATA);	/* century, not leap */
	assert_int_equal(date_from_db("2026-04-31", &d), JAUDIT_EDATA);
	assert_int_equal(date_from_db("2026-13-01", &d), JAUDIT_EDATA);
	assert_int_equal(date_from_db("2026-00-10", &d), JAUDIT_EDATA);
	/* what date_parse() takes from people, refused as a stored value */
	assert_int_equal(date_from_db("115/01/01", &d), JAUDIT_EDATA);
	assert_int_equal(date_from_db("115-01-01", &d), JAUDIT_EDATA);
	assert_int_equal(date_from_db("1150101", &d), JAUDIT_EDATA);
	assert_int_equal(date_from_db("115年1月1日", &d), JAUDIT_EDATA);
	assert_int_equal(date_from_db("2026/01/01", &d), JAUDIT_EDATA);
	assert_int_equal(date_from_db("2026-1-1", &d), JAUDIT_EDATA);
	assert_int_equal(date_from_db(" 2026-01-01", &d), JAUDIT_EDATA);
	assert_int_equal(date_from_db("2026-01-01 ", &d), JAUDIT_EDATA);
	assert_int_equal(date_from_db("2026-01-01T00:00:00Z", &d), JAUDIT_EDATA);
	assert_int_equal(date_from_db("2026-01-0", &d), JAUDIT_EDATA);
	assert_int_equal(date_from_db("", &d), JAUDIT_EDATA);
	assert_int_equal(date_from_db(NULL, &d), JAUDIT_EDATA);
	assert_int_equal(d.y, 7);
	/* and date_parse() still takes them from people */
	assert_int_equal(date_parse("115/01/01", &d), 0);
	assert_int_equal(d.y, 2026);
}

/* A bad stored value gets the one message, word for word. */
static void test_date_from_db_says_the_one_message(void **state)
{
	char buf[512];
	struct jdate d;
	FILE *tmp = tmpfile();
	int saved = dup(2);
	size_t n;

	(void)state;
	assert_non_null(tmp);
	fflush(stderr);
	assert_true(dup2(fileno(tmp), 2) >= 0);
	assert_int_equal(date_from_db_or_say("2026-03-04", &d, "session 115-07, date"), 0);
	assert_int_equal(date_from_db_or_say("2025-02-29", &d, "session 115-07, date"), JAUDIT_EDATA);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	rewind(tmp);
	n = fread(buf, 1, sizeof(buf) - 1, tmp);
	buf[n] = '\0';
	fclose(tmp);
	assert_string_equal(buf, "jaudit: database: session 115-07, date has a bad stored date '2025-02-29'"
				 " (expected YYYY-MM-DD); run 'jaudit check'\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_date_accepts_every_form_of_spec),
		cmocka_unit_test(test_date_refuses_what_is_not_a_date),
		cmocka_unit_test(test_date_refuses_feb_29_in_common_years),
		cmocka_unit_test(test_date_formats_iso_and_roc),
		cmocka_unit_test(test_date_day_arithmetic),
		cmocka_unit_test(test_date_months_clamp_to_month_end),
		cmocka_unit_test(test_date_today_honours_jaudit_today),
		cmocka_unit_test(test_date_from_db_reads_only_stored_iso),
		cmocka_unit_test(test_date_from_db_says_the_one_message),
	};

	return cmocka_run_group_tests_name("date", tests, NULL, NULL);
}
