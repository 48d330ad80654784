/*
 * Unit tests for analyze/stats/multtest.c.  Expected values from R 4.2.2:
 * print(p.adjust(p, "BH"), digits = 15).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "assert_close.h"
#include "../analyze/stats/stats.h"

static void test_bh_matches_benjamini_hochberg_1995(void **state)
{
	/* the 15 p-values of Benjamini & Hochberg (1995), STATS.md */
	static const double p[15] = {
		0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344,
		0.0459, 0.3240, 0.4262, 0.5719, 0.6528, 0.7590, 1,
	};
	static const double want[15] = {
		0.0015, 0.003, 0.0095, 0.035625, 0.0603, 0.0638571428571429,
		0.0638571428571429, 0.0645, 0.0765, 0.486, 0.5811818181818181,
		0.7148749999999999, 0.7532307692307693, 0.8132142857142857, 1,
	};
	double q[15];
	size_t i, rejected = 0;

	(void)state;
	bh_adjust(p, 15, q);
	for (i = 0; i < 15; i++) {
		assert_rel(q[i], want[i]);
		rejected += q[i] <= 0.05;
	}
	assert_int_equal(rejected, 4);	/* "at 0.05 BH rejects 4" */
}

static void test_bh_ties_and_nan_entries(void **state)
{
	/* p.adjust(c(0.02, 0.01, 0.02, NA, 0.04, 0.02, 0.5), "BH"):
	 * 0.030 0.030 0.030 NA 0.048 0.030 0.500 (m = 6: NA is left out) */
	static const double p[7] = { 0.02, 0.01, 0.02, NAN, 0.04, 0.02, 0.5 };
	static const double want[7] = { 0.03, 0.03, 0.03, NAN, 0.048, 0.03, 0.5 };
	double q[7];
	size_t i;

	(void)state;
	bh_adjust(p, 7, q);
	for (i = 0; i < 7; i++)
		assert_rel(q[i], want[i]);
}

static void test_bh_small_inputs(void **state)
{
	/* p.adjust(0.03, "BH") = 0.03; p.adjust(c(0.9, 0.8, 0.95), "BH") = 0.95 x 3 */
	static const double one[1] = { 0.03 };
	static const double three[3] = { 0.9, 0.8, 0.95 };
	static const double nans[2] = { NAN, NAN };
	double q[3];

	(void)state;
	bh_adjust(one, 1, q);
	assert_rel(q[0], 0.03);
	bh_adjust(three, 3, q);
	assert_rel(q[0], 0.95);
	assert_rel(q[1], 0.95);
	assert_rel(q[2], 0.95);
	bh_adjust(nans, 2, q);
	assert_true(isnan(q[0]) && isnan(q[1]));
	bh_adjust(NULL, 0, q);	/* m = 0: nothing to do, nothing read */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bh_matches_benjamini_hochberg_1995),
		cmocka_unit_test(test_bh_ties_and_nan_entries),
		cmocka_unit_test(test_bh_small_inputs),
	};

	stats_init();
	return cmocka_run_group_tests_name("multtest", tests, NULL, NULL);
}
