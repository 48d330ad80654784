/*
 * Unit tests for analyze/stats/trendtest.c.  Expected values from R 4.2.2:
 * t <- prop.trend.test(x, n, score); print(c(t$statistic, t$p.value), digits = 15)
 * and print(coef(summary(lm(y ~ x, weights = w)))[, 1:2], digits = 15).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "assert_close.h"
#include "../core/err.h"
#include "../analyze/stats/stats.h"

/* ?prop.trend.test: smokers of patients in four groups */
static const double smokers[4] = { 83, 90, 129, 70 };
static const double patients[4] = { 86, 93, 136, 82 };

static void test_catrend_matches_r_smokers(void **state)
{
	static const double s14[4] = { 1, 2, 3, 4 };
	static const double s0001[4] = { 0, 0, 0, 1 };
	double chisq, p;

	(void)state;
	assert_int_equal(catrend_test(smokers, patients, s14, 4, &chisq, &p), 0);
	assert_rel(chisq, 8.22492228519771018);
	assert_rel(p, 0.00413189747764149);
	assert_int_equal(catrend_test(smokers, patients, s0001, 4, &chisq, &p), 0);
	assert_rel(chisq, 1.21731462207403e+01);
	assert_rel(p, 4.84824593441675e-04);
}

static void test_catrend_years_as_scores_and_unequal_n(void **state)
{
	/* prop.trend.test(c(3, 5, 9), c(40, 35, 38), c(113, 114, 115)) */
	static const double x3[3] = { 3, 5, 9 }, n3[3] = { 40, 35, 38 };
	static const double y3[3] = { 113, 114, 115 };
	/* prop.trend.test(c(2, 7, 4, 12), c(10, 50, 20, 31), c(111, 112, 113, 115)):
	 * a year skipped */
	static const double x4[4] = { 2, 7, 4, 12 }, n4[4] = { 10, 50, 20, 31 };
	static const double y4[4] = { 111, 112, 113, 115 };
	/* prop.trend.test(c(0, 1), c(5, 7), c(1, 2)): two groups, a zero count */
	static const double x2[2] = { 0, 1 }, n2[2] = { 5, 7 }, s2[2] = { 1, 2 };
	double chisq, p;

	(void)state;
	assert_int_equal(catrend_test(x3, n3, y3, 3, &chisq, &p), 0);
	assert_rel(chisq, 3.9842113462865205);
	assert_rel(p, 0.0459285966878247);
	assert_int_equal(catrend_test(x4, n4, y4, 4, &chisq, &p), 0);
	assert_rel(chisq, 5.8829422482255849);
	assert_rel(p, 0.0152882534507554);
	assert_int_equal(catrend_test(x2, n2, s2, 2, &chisq, &p), 0);
	assert_rel(chisq, 0.779220779220779);
	assert_rel(p, 0.377379559170245);
}

static void test_catrend_refuses_degenerate_input(void **state)
{
	static const double zero[3] = { 0, 0, 0 }, all[3] = { 5, 6, 7 };
	static const double n[3] = { 5, 6, 7 }, s[3] = { 113, 114, 115 };
	static const double same[3] = { 114, 114, 114 };
	static const double over[3] = { 6, 6, 7 };
	double chisq = 0, p = 0;

	(void)state;
	/* every proportion 0, or every one 1: 0/0 */
	assert_int_equal(catrend_test(zero, n, s, 3, &chisq, &p), JAUDIT_EDATA);
	assert_true(isnan(chisq) && isnan(p));
	assert_int_equal(catrend_test(all, n, s, 3, &chisq, &p), JAUDIT_EDATA);
	/* one group, one score, x > n */
	assert_int_equal(catrend_test(smokers, patients, s, 1, &chisq, &p), JAUDIT_EDATA);
	assert_int_equal(catrend_test(smokers, patients, same, 3, &chisq, &p), JAUDIT_EDATA);
	assert_int_equal(catrend_test(over, n, s, 3, &chisq, &p), JAUDIT_EDATA);
	assert_true(isnan(chisq) && isnan(p));
}

static void test_wls_matches_r_lm(void **state)
{
	static const double x[4] = { 113, 114, 115, 116 };
	static const double y[4] = { 0.2, 0.25, 0.22, 0.35 };
	static const double w[4] = { 40, 35, 38, 50 };
	static const double ones[4] = { 1, 1, 1, 1 };
	static const double x2[2] = { 0, 1 }, y2[2] = { 1, 3 }, w2[2] = { 2, 3 };
	double c0, c1, se1;

	(void)state;
	/* lm(y ~ x, weights = w) */
	assert_int_equal(wls_fit(x, y, w, 4, &c0, &c1, &se1), 0);
	assert_rel(c0, -4.8345085410249160);
	assert_rel(c1, 0.0444665359843181);
	assert_rel(se1, 0.0202568868813286);
	/* unit weights: ordinary least squares */
	assert_int_equal(wls_fit(x, y, ones, 4, &c0, &c1, &se1), 0);
	assert_rel(c0, -4.554);
	assert_rel(c1, 0.042);
	assert_rel(se1, 0.0211660104885167);
	/* two points: the line through them, no standard error */
	assert_int_equal(wls_fit(x2, y2, w2, 2, &c0, &c1, &se1), 0);
	assert_rel(c0, 1.0);
	assert_rel(c1, 2.0);
	assert_true(isnan(se1));
	/* one distinct x: no line */
	assert_int_equal(wls_fit(x2, y2, w2, 1, &c0, &c1, &se1), JAUDIT_EDATA);
	assert_true(isnan(c0) && isnan(c1) && isnan(se1));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_catrend_matches_r_smokers),
		cmocka_unit_test(test_catrend_years_as_scores_and_unequal_n),
		cmocka_unit_test(test_catrend_refuses_degenerate_input),
		cmocka_unit_test(test_wls_matches_r_lm),
	};

	stats_init();
	return cmocka_run_group_tests_name("trendtest", tests, NULL, NULL);
}
