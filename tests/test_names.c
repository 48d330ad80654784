/* Unit tests for core/names.c: matching the names agencies type. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>

#include "../core/names.h"

static void assert_key(const char *name, const char *key)
{
	char *k = name_normalize(name);

	assert_string_equal(k, key);
	free(k);
}

static void test_names_fold_full_width_spaces_and_case(void **state)
{
	(void)state;
	assert_key("ＡＢＣ資訊", "abc資訊");
	assert_key("ABC 資訊　服務", "abc資訊服務");	/* ASCII and ideographic space */
	assert_key(" 青峰\n資訊 ", "青峰資訊");
	assert_key("Ｉ－Ｔｅｃｈ", "i-tech");
}

static void test_names_strip_company_suffixes(void **state)
{
	(void)state;
	assert_key("青峰資訊股份有限公司", "青峰資訊");
	assert_key("青峰資訊有限公司", "青峰資訊");
	assert_key("青峰資訊公司", "青峰資訊");
	assert_key("青峰資訊", "青峰資訊");
	/* the suffix alone is a name, not nothing */
	assert_key("有限公司", "有限公司");
	assert_true(name_equal("青峰資訊股份有限公司", "青峰資訊 有限公司"));
	assert_true(name_equal("台灣雲端股份有限公司", "臺灣雲端有限公司"));
	assert_false(name_equal("青峰資訊股份有限公司", "青峰數位股份有限公司"));
}

static void test_names_distance_counts_code_points(void **state)
{
	(void)state;
	assert_int_equal(name_distance("青峰資訊", "青峰資訊"), 0);
	assert_int_equal(name_distance("青峰資訊", "青鋒資訊"), 1);
	assert_int_equal(name_distance("青峰資訊", "青峰"), 2);
	assert_int_equal(name_distance("", "abc"), 3);
	assert_int_equal(name_distance("kitten", "sitting"), 3);
}

static void test_names_nearest_two_candidates(void **state)
{
	const char *const cand[] = {
		"青峰資訊股份有限公司", "藍海系統整合股份有限公司",
		"青鋒資訊有限公司", "北辰數位科技股份有限公司",
	};
	size_t out[2], n;

	(void)state;
	n = name_nearest("青峰資迅股份有限公司", cand, 4, out, 2);
	assert_int_equal(n, 2);
	assert_int_equal(out[0], 0);	/* one character off */
	assert_int_equal(out[1], 2);	/* two off */
	n = name_nearest("x", cand, 0, out, 2);
	assert_int_equal(n, 0);
}

static void test_names_header_keys_drop_notes_and_breaks(void **state)
{
	char *k;

	(void)state;
	k = name_header_key("廠商名稱 (限填報資安署 公布之候選受稽 核廠商)");
	assert_string_equal(k, "廠商名稱");
	free(k);
	k = name_header_key("廠商是否知\n悉稽核作業 (是/否)");
	assert_string_equal(k, "廠商是否知悉稽核作業");
	free(k);
	k = name_header_key("新完成期限（選填）");
	assert_string_equal(k, "新完成期限");
	free(k);
	k = name_header_key(" Tax ID ");
	assert_string_equal(k, "taxid");
	free(k);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names_fold_full_width_spaces_and_case),
		cmocka_unit_test(test_names_strip_company_suffixes),
		cmocka_unit_test(test_names_distance_counts_code_points),
		cmocka_unit_test(test_names_nearest_two_candidates),
		cmocka_unit_test(test_names_header_keys_drop_notes_and_breaks),
	};

	return cmocka_run_group_tests_name("names", tests, NULL, NULL);
}
