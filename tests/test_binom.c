/*
 * Unit tests for analyze/stats/binom.c.  Expected values from R 4.2.2, printed with
 * print(c(prop.test(k, n, correct = FALSE)$conf.int,
 *         binom.test(k, n)$conf.int), digits = 15)
 * and binom.test(k, n, p0, alternative = "greater")$p.value.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "assert_close.h"
#include "../core/err.h"
#include "../analyze/stats/stats.h"

struct interval_case {
	unsigned k, n;
	double level;
	double wilson_lo, wilson_hi, exact_lo, exact_hi;
};

static const struct interval_case cases[] = {
	/* STATS.md 3/10; R: f(3, 10) */
	{ 3, 10, 0.95, 0.1077912674063010, 0.6032218525388545,
	  0.0667395111777345, 0.6524528500599973 },
	/* k = 0: 0/12, exact upper 1 - 0.025^(1/12) */
	{ 0, 12, 0.95, 0.0, 0.242494006655241, 0.0, 0.264648469397051 },
	/* k = n: 12/12 */
	{ 12, 12, 0.95, 0.757505993344759, 1.0, 0.735351530602949, 1.0 },
	/* n = 1 */
	{ 1, 1, 0.95, 0.206549314377238, 1.0, 0.025, 1.0 },
	{ 0, 1, 0.95, 0.0, 0.793450685622763, 0.0, 0.975 },
	/* Newcombe (1998) 81/263 and 1/29 */
	{ 81, 263, 0.95, 0.255288519878274, 0.366209576982800,
	  0.252736745585271, 0.367621922601351 },
	{ 15, 148, 0.95, 0.0623863995307363, 0.1604872417233080,
	  0.0578440100834486, 0.1616504903494790 },
	{ 0, 20, 0.95, 0.0, 0.161125158052819, 0.0, 0.168433470983085 },
	{ 1, 29, 0.95, 0.006113214292762661, 0.171755218793202824,
	  0.000872646883579923, 0.177644295488722848 },
	/* a year of 100 000 vendors: binom.test(27000, 100000)$conf.int
	 * (Wilson from prop.test(27000, 100000, correct = FALSE)) */
	{ 27000, 100000, 0.95, 0.267257235018143, 0.272760435013645,
	  0.267250062839259, 0.272763282854478 },
	/* conf.level = 0.9: 5/20 */
	{ 5, 20, 0.90, 0.127377168520358, 0.432201750160124,
	  0.104080835910136, 0.455582404001749 },
};

static void test_binom_intervals_match_r(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct interval_case *c = &cases[i];
		double lo, hi;

		binom_wilson(c->k, c->n, c->level, &lo, &hi);
		assert_rel(lo, c->wilson_lo);
		assert_rel(hi, c->wilson_hi);
		assert_int_equal(binom_exact(c->k, c->n, c->level, &lo, &hi), 0);
		assert_rel(lo, c->exact_lo);
		assert_rel(hi, c->exact_hi);
	}
}

static void test_binom_exact_ends_are_exactly_0_and_1(void **state)
{
	double lo, hi;

	(void)state;
	/* never asks GSL for a beta quantile with a = 0 (it would hang) */
	assert_int_equal(binom_exact(0, 100000, 0.95, &lo, &hi), 0);
	assert_true(lo == 0.0);
	assert_int_equal(binom_exact(100000, 100000, 0.95, &lo, &hi), 0);
	assert_true(hi == 1.0);
	binom_wilson(0, 7, 0.95, &lo, &hi);
	assert_true(lo == 0.0);
	binom_wilson(7, 7, 0.95, &lo, &hi);
	assert_true(hi == 1.0);
}

static void test_binom_n_0_is_nan(void **state)
{
	double lo = 0, hi = 0;

	(void)state;
	binom_wilson(0, 0, 0.95, &lo, &hi);
	assert_true(isnan(lo) && isnan(hi));
	assert_int_equal(binom_exact(0, 0, 0.95, &lo, &hi), JAUDIT_EDATA);
	assert_true(isnan(lo) && isnan(hi));
	/* k > n and a level outside (0, 1) are refused the same way */
	assert_int_equal(binom_exact(3, 2, 0.95, &lo, &hi), JAUDIT_EDATA);
	assert_int_equal(binom_exact(1, 2, 1.0, &lo, &hi), JAUDIT_EDATA);
	binom_wilson(1, 2, 0.0, &lo, &hi);
	assert_true(isnan(lo) && isnan(hi));
}

static void test_binom_p_greater_matches_r(void **state)
{
	(void)state;
	/* binom.test(3, 10, 0.3, alternative = "greater")$p.value */
	assert_rel(binom_p_greater(3, 10, 0.3), 0.6172172136);
	/* k = 0: P(X >= 0) = 1 (and no unsigned wrap of k - 1) */
	assert_true(binom_p_greater(0, 10, 0.3) == 1.0);
	/* k = n: 0.3^10 */
	assert_rel(binom_p_greater(10, 10, 0.3), 5.90489999999999e-06);
	/* n = 1 */
	assert_rel(binom_p_greater(1, 1, 0.3), 0.3);
	assert_rel(binom_p_greater(7, 20, 0.2), 0.0866925135674003);
	assert_rel(binom_p_greater(81, 263, 0.3), 0.411461598095479);
	assert_true(binom_p_greater(0, 0, 0.3) == 1.0);
	/* binom.test(30500, 100000, 0.3, alternative = "greater")$p.value */
	assert_rel(binom_p_greater(30500, 100000, 0.3), 0.000288796765190765);
	assert_true(isnan(binom_p_greater(1, 2, 1.5)));
}

static int setup(void **state)
{
	(void)state;
	stats_init();
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_binom_intervals_match_r),
		cmocka_unit_test(test_binom_exact_ends_are_exactly_0_and_1),
		cmocka_unit_test(test_binom_n_0_is_nan),
		cmocka_unit_test(test_binom_p_greater_matches_r),
	};

	return cmocka_run_group_tests_name("binom", tests, setup, NULL);
}
