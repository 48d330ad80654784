/* Unit tests for core/numfmt.c: 四捨五入 where printf would round to even. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>

#include "../core/numfmt.h"

static void test_numfmt_rounds_exact_halves_up(void **state)
{
	char b[32];

	assert_string_equal(numfmt_fixed(b, sizeof(b), 2.125, 2), "2.13");	/* printf: 2.12 */
	assert_string_equal(numfmt_pct(b, sizeof(b), 0.0625, 1), "6.3%");	/* printf: 6.2% */
	assert_string_equal(numfmt_pct(b, sizeof(b), 0.125, 1), "12.5%");
	assert_string_equal(numfmt_fixed(b, sizeof(b), -0.0954356846, 3), "-0.095");
	assert_string_equal(numfmt_fixed(b, sizeof(b), -0.0001, 3), "0.000");	/* no "-0.000" */
	assert_string_equal(numfmt_pct(b, sizeof(b), 1, 1), "100.0%");
	assert_string_equal(numfmt_fixed(b, sizeof(b), 1.0 / 3, 3), "0.333");
}

static void test_numfmt_undefined_and_small_p(void **state)
{
	char b[32];

	assert_string_equal(numfmt_fixed(b, sizeof(b), NAN, 2), "-");
	assert_string_equal(numfmt_pct(b, sizeof(b), NAN, 1), "-");
	assert_string_equal(numfmt_p(b, sizeof(b), NAN), "-");
	assert_string_equal(numfmt_p(b, sizeof(b), 5.9049e-06), "<0.0001");
	assert_string_equal(numfmt_p(b, sizeof(b), 0.0001), "0.0001");
	assert_string_equal(numfmt_p(b, sizeof(b), 0.01177), "0.0118");
	assert_string_equal(numfmt_p(b, sizeof(b), 1), "1.0000");
}

static void test_numfmt_interval(void **state)
{
	char b[48];

	(void)state;
	/* R: prop.test(8, 12, correct = FALSE)$conf.int = 0.3906220889 0.8618799089 */
	assert_string_equal(numfmt_interval(b, sizeof(b), 0.3906220889, 0.8618799089, " - "), "39.1% - 86.2%");
	assert_string_equal(numfmt_interval(b, sizeof(b), 0.0625, 0.125, "–"), "6.3%–12.5%");
	assert_string_equal(numfmt_interval(b, sizeof(b), NAN, 0.5, " - "), "-");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_numfmt_rounds_exact_halves_up),
		cmocka_unit_test(test_numfmt_undefined_and_small_p),
		cmocka_unit_test(test_numfmt_interval),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
