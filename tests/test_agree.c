/*
 * Unit tests for analyze/stats/agree.c.  irr is not packaged for Debian, so the
 * expected values come from the published formulas written in R 4.2.2
 * (the functions fleiss() and kripp() below), which reproduce every figure
 * of STATS.md; printed with print(..., digits = 15).
 *
 * fleiss <- function(M) { N <- nrow(M); m <- sum(M[1,])
 *   Pbar <- mean((rowSums(M^2) - m) / (m * (m - 1)))
 *   pj <- colSums(M) / (N * m); qj <- 1 - pj; Pe <- sum(pj^2)
 *   k <- (Pbar - Pe) / (1 - Pe)
 *   v <- (2 / (sum(pj*qj)^2 * (N*m*(m-1)))) * (sum(pj*qj)^2 - sum(pj*qj*(qj-pj)))
 *   c(k, k / sqrt(v), pnorm(k / sqrt(v), lower.tail = FALSE), Pbar, Pe) }
 * kripp <- function(R, metric) { vals <- sort(unique(R[!is.na(R)]))
 *   o <- coincidence matrix, each ordered pair of a unit with m_u >= 2
 *        ratings adding 1/(m_u - 1); nc <- rowSums(o); n <- sum(nc)
 *   d2 <- nominal a != b | interval (va - vb)^2 |
 *         ordinal (sum(nc[a:b]) - (nc[a] + nc[b]) / 2)^2
 *   1 - (n - 1) * sum(o * d2) / sum(outer(nc, nc) * d2) }
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "assert_close.h"
#include "../core/err.h"
#include "../analyze/stats/stats.h"

static void test_fleiss_matches_wikipedia_example(void **state)
{
	/* STATS.md: 10 subjects x 14 raters x 5 categories */
	static const unsigned counts[50] = {
		0, 0, 0, 0, 14,  0, 2, 6, 4, 2,  0, 0, 3, 5, 6,  0, 3, 9, 2, 0,
		2, 2, 8, 1, 1,   7, 7, 0, 0, 0,  3, 2, 6, 3, 0,  2, 5, 3, 2, 2,
		6, 5, 2, 1, 0,   0, 2, 2, 3, 7,
	};
	double kappa, z, p, pbar, pe;

	(void)state;
	assert_int_equal(fleiss_kappa(counts, 10, 5, &kappa, &z, &p, &pbar, &pe), 0);
	/* STATS.md: P-bar 0.378022, P-bar-e 0.2127551, kappa 0.2099307 */
	assert_rel(kappa, 2.09930704421955e-01);
	assert_rel(pbar, 3.78021978021978e-01);
	assert_rel(pe, 2.12755102040816e-01);
	/* fleiss(W) */
	assert_rel(z, 1.23742910591905e+01);
	assert_close(p, 1.80029716173335e-35, 1e-6);	/* a far tail */
}

static void test_fleiss_matches_fleiss_1971_diagnoses(void **state)
{
	/* Fleiss (1971) Table 1: 30 patients x 6 psychiatrists x 5 diagnoses
	 * (irr's `diagnoses`, tabulated per patient); STATS.md: irr's
	 * kappam.fleiss gives kappa 0.4302445, z 17.65183 */
	static const unsigned counts[150] = {
		0, 0, 0, 6, 0,  0, 3, 0, 0, 3,  0, 1, 4, 0, 1,  0, 0, 0, 0, 6,
		0, 3, 0, 3, 0,  2, 0, 4, 0, 0,  0, 0, 4, 0, 2,  2, 0, 3, 1, 0,
		2, 0, 0, 4, 0,  0, 0, 0, 0, 6,  1, 0, 0, 5, 0,  1, 1, 0, 4, 0,
		0, 3, 3, 0, 0,  1, 0, 0, 5, 0,  0, 2, 0, 3, 1,  0, 0, 5, 0, 1,
		3, 0, 0, 1, 2,  5, 1, 0, 0, 0,  0, 2, 0, 4, 0,  1, 0, 2, 0, 3,
		0, 0, 0, 0, 6,  0, 1, 0, 5, 0,  0, 2, 0, 1, 3,  2, 0, 0, 4, 0,
		1, 0, 0, 4, 1,  0, 5, 0, 1, 0,  4, 0, 0, 0, 2,  0, 2, 0, 4, 0,
		1, 0, 5, 0, 0,  0, 0, 0, 0, 6,
	};
	double kappa, z, p, pbar, pe;

	(void)state;
	assert_int_equal(fleiss_kappa(counts, 30, 5, &kappa, &z, &p, &pbar, &pe), 0);
	/* fleiss(M) to 15 digits */
	assert_rel(kappa, 4.30244520060141e-01);
	assert_rel(z, 1.76518305829914e+01);
	assert_rel(pbar, 5.55555555555556e-01);
	assert_rel(pe, 2.19938271604938e-01);
	assert_close(p, 4.92553547046308e-70, 1e-6);	/* a far tail */
}

static void test_fleiss_three_raters_two_categories(void **state)
{
	/* fleiss(matrix(c(3,0, 2,1, 0,3, 3,0, 1,2), 5, byrow = TRUE)) */
	static const unsigned counts[10] = { 3, 0, 2, 1, 0, 3, 3, 0, 1, 2 };
	double kappa, z, p;

	(void)state;
	assert_int_equal(fleiss_kappa(counts, 5, 2, &kappa, &z, &p, NULL, NULL), 0);
	assert_rel(kappa, 0.4444444444444443);
	assert_rel(z, 1.7213259316477405);
	assert_rel(p, 0.0425958482179398);
}

static void test_fleiss_refuses_unequal_rows(void **state)
{
	/* the second session had 2 auditors, the first 3 */
	static const unsigned unequal[4] = { 3, 0, 1, 1 };
	static const unsigned one_rater[4] = { 1, 0, 0, 1 };
	static const unsigned all_same[4] = { 3, 0, 3, 0 };
	double kappa = 0, z = 0, pbar = 0;

	(void)state;
	assert_int_equal(fleiss_kappa(unequal, 2, 2, &kappa, &z, NULL, NULL, NULL),
			 JAUDIT_EDATA);
	assert_true(isnan(kappa) && isnan(z));
	assert_int_equal(fleiss_kappa(one_rater, 2, 2, &kappa, NULL, NULL, NULL, NULL),
			 JAUDIT_EDATA);
	assert_int_equal(fleiss_kappa(unequal, 1, 2, &kappa, NULL, NULL, NULL, NULL),
			 JAUDIT_EDATA);
	/* every rating in one category: perfect agreement, but kappa is 0/0 */
	assert_int_equal(fleiss_kappa(all_same, 2, 2, &kappa, &z, NULL, &pbar, NULL), 0);
	assert_true(isnan(kappa) && isnan(z));
	assert_rel(pbar, 1.0);
}

/* STATS.md: 4 coders x 12 units, NAN missing */
static const double kripp_data[48] = {
	1, 2, 3, 3, 2, 1, 4, 1, 2, NAN, NAN, NAN,
	1, 2, 3, 3, 2, 2, 4, 1, 2, 5, NAN, NAN,
	NAN, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, 3,
	1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, NAN,
};

static void test_kripp_matches_stats_md(void **state)
{
	double alpha;

	(void)state;
	/* STATS.md nominal 0.7434211, ordinal 0.8153875, interval 0.8491071 */
	assert_int_equal(kripp_alpha(kripp_data, 4, 12, KRIPP_NOMINAL, &alpha), 0);
	assert_rel(alpha, 0.743421052631579);
	assert_int_equal(kripp_alpha(kripp_data, 4, 12, KRIPP_ORDINAL, &alpha), 0);
	assert_rel(alpha, 0.815387503754881);
	assert_int_equal(kripp_alpha(kripp_data, 4, 12, KRIPP_INTERVAL, &alpha), 0);
	assert_rel(alpha, 0.849107142857143);
}

static void test_kripp_ordinal_three_categories_with_a_missing_value(void **state)
{
	/* kripp(matrix(c(1,2,3,3,1,2, 1,2,3,2,NA,2, 1,3,3,3,1,1), 3, byrow = TRUE), m):
	 * nominal 0.5, ordinal 0.764705882352941, interval 0.764705882352941
	 * (categories 1 < 2 < 3 as 符合 < 部分符合 < 不符合) */
	static const double r[18] = {
		1, 2, 3, 3, 1, 2,
		1, 2, 3, 2, NAN, 2,
		1, 3, 3, 3, 1, 1,
	};
	double alpha;

	(void)state;
	assert_int_equal(kripp_alpha(r, 3, 6, KRIPP_NOMINAL, &alpha), 0);
	assert_rel(alpha, 0.5);
	assert_int_equal(kripp_alpha(r, 3, 6, KRIPP_ORDINAL, &alpha), 0);
	assert_rel(alpha, 0.764705882352941);
	assert_int_equal(kripp_alpha(r, 3, 6, KRIPP_INTERVAL, &alpha), 0);
	assert_rel(alpha, 0.764705882352941);
}

static void test_kripp_without_pairable_units(void **state)
{
	/* every unit rated once: nothing to compare */
	static const double once[6] = { 1, NAN, 2, NAN, 3, NAN };
	/* one value only: alpha is 0/0 */
	static const double same[4] = { 2, 2, 2, 2 };
	double alpha = 0;

	(void)state;
	assert_int_equal(kripp_alpha(once, 2, 3, KRIPP_NOMINAL, &alpha), JAUDIT_EDATA);
	assert_true(isnan(alpha));
	assert_int_equal(kripp_alpha(same, 2, 2, KRIPP_ORDINAL, &alpha), 0);
	assert_true(isnan(alpha));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fleiss_matches_wikipedia_example),
		cmocka_unit_test(test_fleiss_matches_fleiss_1971_diagnoses),
		cmocka_unit_test(test_fleiss_three_raters_two_categories),
		cmocka_unit_test(test_fleiss_refuses_unequal_rows),
		cmocka_unit_test(test_kripp_matches_stats_md),
		cmocka_unit_test(test_kripp_ordinal_three_categories_with_a_missing_value),
		cmocka_unit_test(test_kripp_without_pairable_units),
	};

	stats_init();
	return cmocka_run_group_tests_name("agree", tests, NULL, NULL);
}
