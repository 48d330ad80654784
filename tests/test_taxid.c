/* Unit tests for core/taxid.c: the Ministry of Finance check rule. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "../core/taxid.h"

static void test_taxid_accepts_valid_numbers(void **state)
{
	(void)state;
	/* issue 2's examples */
	assert_true(taxid_valid("22099131"));
	assert_true(taxid_valid("04541302"));
	/*
	 * Worked by hand: 10458575 -> products 1,0,4,10,8,10,28,5 -> digit sums
	 * 1+0+4+1+8+1+(1 or 0)+5 = 21 or 20: valid through the 7-in-the-seventh
	 * place rule (20 is divisible by 5).
	 */
	assert_true(taxid_valid("10458575"));
	/* 10458574: ... 1+0+4+1+8+1+(1|0)+4 = 20|19 -> valid with the 1 */
	assert_true(taxid_valid("10458574"));
	/* 00000000: sum 0 */
	assert_true(taxid_valid("00000000"));
	/*
	 * 12345675: 1,4,3,8,5,12,28,5 -> 1+4+3+8+5+3+(1|0)+5 = 30|29: valid,
	 * only under the divisible-by-5 rule it is also 30 (old rule too).
	 */
	assert_true(taxid_valid("12345675"));
	/* 12345670: 1+4+3+8+5+3+(1|0)+0 = 25|24: valid only under the 2023 rule */
	assert_true(taxid_valid("12345670"));
}

static void test_taxid_refuses_invalid_numbers(void **state)
{
	(void)state;
	/* 12345678: 1+4+3+8+5+3+(1|0)+8 = 33|32 */
	assert_false(taxid_valid("12345678"));
	assert_false(taxid_valid("22099132"));
	assert_false(taxid_valid("04541303"));
	assert_false(taxid_valid("2209913"));
	assert_false(taxid_valid("220991310"));
	assert_false(taxid_valid("2209913a"));
	assert_false(taxid_valid(" 22099131"));
	assert_false(taxid_valid(""));
	assert_false(taxid_valid(NULL));
	assert_false(taxid_valid("２２０９９１３１"));	/* full-width digits: normalise first */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_taxid_accepts_valid_numbers),
		cmocka_unit_test(test_taxid_refuses_invalid_numbers),
	};

	return cmocka_run_group_tests_name("taxid", tests, NULL, NULL);
}
