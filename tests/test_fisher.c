/*
 * Unit tests for analyze/stats/fisher.c.  Expected values from R 4.2.2, for the
 * table matrix(c(a, b, c, d), 2, byrow = TRUE):
 * print(c(fisher.test(m)$p.value,
 *         fisher.test(m, alternative = "less")$p.value,
 *         fisher.test(m, alternative = "greater")$p.value), digits = 15)
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "assert_close.h"
#include "../core/err.h"
#include "../analyze/stats/stats.h"

struct fisher_case {
	unsigned a, b, c, d;
	double two_sided, less, greater;
};

static const struct fisher_case cases[] = {
	/* ?fisher.test, tea tasting: 17/35 two-sided */
	{ 3, 1, 1, 3, 0.485714285714286, 0.985714285714286, 0.242857142857143 },
	/* ?fisher.test, convictions of twins */
	{ 2, 15, 10, 3, 0.000536724119143436, 0.000465180943362905,
	  0.999984519018686124 },
	/* a zero cell */
	{ 0, 5, 6, 2, 0.0209790209790210, 0.0163170163170163, 1.0 },
	/* two zero cells: the most extreme table */
	{ 4, 0, 0, 4, 0.0285714285714286, 1.0, 0.0142857142857143 },
	/* a zero margin: one table only */
	{ 0, 0, 3, 7, 1.0, 1.0, 1.0 },
	{ 1, 0, 0, 0, 1.0, 1.0, 1.0 },
	{ 12, 30, 40, 18, 9.82021484160961e-05, 6.38761146065311e-05,
	  9.99989509002632e-01 },
	/* a large table with tiny tails */
	{ 150, 350, 260, 240, 1.91094970680070e-12, 9.55474853400344e-13,
	  9.99999999999629e-01 },
	/* two items over 100 000 vendors: p near 1e-84 */
	{ 5000, 45000, 7000, 43000, 1.26550805053310e-84, 6.32754025266536e-85, 1.0 },
	{ 500, 4500, 520, 4480, 0.530157102742084, 0.265078551371042,
	  0.756112130166975 },
	/* first row larger than the second column (k > n) */
	{ 20, 15, 3, 2, 1.0, 0.645949593318014, 0.720088509562194 },
	{ 900, 50, 40, 10, 0.000440680702224611, 0.999913614399827622,
	  0.000440680702224611 },
	{ 27000, 23000, 23000, 27000, 2.78648342105551e-141, 1.0,
	  1.39324171052770e-141 },
	/* so far out that R's densities underflow: 0 0 1 */
	{ 30000, 40000, 20000, 10000, 0.0, 0.0, 1.0 },
};

static void test_fisher_matches_r(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct fisher_case *c = &cases[i];
		double two, less, greater;

		assert_int_equal(fisher_exact(c->a, c->b, c->c, c->d,
					      &two, &less, &greater), 0);
		assert_rel(two, c->two_sided);
		assert_rel(less, c->less);
		assert_rel(greater, c->greater);
	}
}

static void test_fisher_each_result_is_optional(void **state)
{
	double two = 0, greater = 0;

	(void)state;
	assert_int_equal(fisher_exact(3, 1, 1, 3, &two, NULL, NULL), 0);
	assert_rel(two, 17.0 / 35.0);	/* exactly 17/35 */
	assert_int_equal(fisher_exact(3, 1, 1, 3, NULL, NULL, &greater), 0);
	assert_rel(greater, 0.242857142857143);
	assert_int_equal(fisher_exact(3, 1, 1, 3, NULL, NULL, NULL), 0);
	/* the empty table: one table, p = 1 */
	assert_int_equal(fisher_exact(0, 0, 0, 0, &two, NULL, &greater), 0);
	assert_rel(two, 1.0);
	assert_rel(greater, 1.0);
}

static void test_phi_and_jaccard(void **state)
{
	(void)state;
	/* STATS.md: 11001010 vs 10001011 -> n11 3, n10 1, n01 1, n00 3:
	 * phi 0.5, Jaccard 0.6 */
	assert_rel(phi_2x2(3, 1, 1, 3), 0.5);
	assert_rel(jaccard_2x2(3, 1, 1), 0.6);
	/* R: cor(c(1,1,1,0,0,0,0,0,0,0), c(1,0,0,1,1,0,0,0,0,0)) = 0.0476190476190476;
	 * n11 1, n10 2, n01 2, n00 5 */
	assert_rel(phi_2x2(1, 2, 2, 5), 0.0476190476190476);
	assert_rel(phi_2x2(4, 0, 0, 6), 1.0);
	/* a zero margin (an item nobody fails): undefined */
	assert_true(isnan(phi_2x2(0, 0, 3, 7)));
	assert_true(isnan(phi_2x2(3, 7, 0, 0)));
	assert_true(isnan(jaccard_2x2(0, 0, 0)));
	assert_rel(jaccard_2x2(0, 2, 1), 0.0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fisher_matches_r),
		cmocka_unit_test(test_fisher_each_result_is_optional),
		cmocka_unit_test(test_phi_and_jaccard),
	};

	stats_init();
	return cmocka_run_group_tests_name("fisher", tests, NULL, NULL);
}
