/*
 * Unit tests for analyze/textcluster.c.  Each expected value is counted by
 * hand from the texts' character bigrams (punctuation dropped):
 *   A 管理者帳號兼作一般用途   10 bigrams 管理 理者 者帳 帳號 號兼 兼作 作一 一般 般用 用途
 *   B 管理者帳號兼作一般使用   10 bigrams, the first 8 as A's, then 般使 使用
 *     J(A, B) = 8 / (10 + 10 - 8) = 8/12 = 0.666…
 *   C 預設密碼未強制變更       8 bigrams, none of A's or B's: J = 0
 *   D 「管理者帳號、兼作一般用途。」 the punctuation dropped is A: J(A, D) = 1
 *   X abcd {ab bc cd}, Y bcde {bc cd de}, Z cdef {cd de ef}
 *     J(X, Y) = 2/4 = 0.5, J(Y, Z) = 2/4 = 0.5, J(X, Z) = 1/5 = 0.2
 *   Average linkage at 0.5: X and Y merge (the first best pair), then
 *   {X, Y}–Z has the mean (0.2 + 0.5) / 2 = 0.35 < 0.5: two groups, where
 *   single linkage would chain all three into one.
 *   {A, B, C, D} at 0.5: A–D (1) merge, then {A, D}–B = (8/12 + 8/12) / 2
 *   = 0.667 merges; C stays alone.  Medoid sums in {A, B, D}: A 1 + 1 +
 *   0.667 = 2.667, D the same, B 2.333: A, the first of the tie.
 *   At 0.7 B stays out: {A, D}, {B}, {C}.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "assert_close.h"
#include "../analyze/textcluster.h"

static void test_jaccard(void **state)
{
	(void)state;
	assert_close(text_jaccard("管理者帳號兼作一般用途", "管理者帳號兼作一般使用"), 8.0 / 12.0, 1e-12);
	assert_close(text_jaccard("管理者帳號兼作一般用途", "預設密碼未強制變更"), 0.0, 1e-12);
	assert_close(text_jaccard("管理者帳號兼作一般用途", "「管理者帳號、兼作一般用途。」"), 1.0, 1e-12);
	assert_close(text_jaccard("abcd", "bcde"), 0.5, 1e-12);
	assert_close(text_jaccard("abcd", "cdef"), 0.2, 1e-12);
	assert_close(text_jaccard("MFA", "mfa"), 1.0, 1e-12);
	assert_close(text_jaccard("", ""), 1.0, 1e-12);
	assert_close(text_jaccard("", "abc"), 0.0, 1e-12);
}

static void test_cluster_groups(void **state)
{
	const char *t[] = { "管理者帳號兼作一般用途", "管理者帳號兼作一般使用",
			    "預設密碼未強制變更", "「管理者帳號、兼作一般用途。」" };
	size_t group[4], medoid[4], ng;

	(void)state;
	assert_int_equal(text_cluster(t, 4, 0.5, group, medoid, &ng), 0);
	assert_int_equal(ng, 2);
	assert_int_equal(group[0], 0);
	assert_int_equal(group[1], 0);
	assert_int_equal(group[2], 1);
	assert_int_equal(group[3], 0);
	assert_int_equal(medoid[0], 0);
	assert_int_equal(medoid[1], 2);

	assert_int_equal(text_cluster(t, 4, 0.7, group, medoid, &ng), 0);
	assert_int_equal(ng, 3);
	assert_int_equal(group[0], 0);
	assert_int_equal(group[1], 1);
	assert_int_equal(group[2], 2);
	assert_int_equal(group[3], 0);
}

static void test_average_not_single_linkage(void **state)
{
	const char *t[] = { "abcd", "bcde", "cdef" };
	size_t group[3], medoid[3], ng;

	(void)state;
	assert_int_equal(text_cluster(t, 3, 0.5, group, medoid, &ng), 0);
	assert_int_equal(ng, 2);
	assert_int_equal(group[0], 0);
	assert_int_equal(group[1], 0);
	assert_int_equal(group[2], 1);
	assert_int_equal(medoid[1], 2);
	assert_int_equal(text_cluster(t, 0, 0.5, group, medoid, &ng), 0);
	assert_int_equal(ng, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_jaccard),
		cmocka_unit_test(test_cluster_groups),
		cmocka_unit_test(test_average_not_single_linkage),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
