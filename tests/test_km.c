/*
 * Unit tests for analyze/stats/km.c.  Expected values from R 4.2.2 with
 * survival 3.4:
 *   f <- survfit(Surv(t, e) ~ 1)      # conf.type = "log", conf.int = 0.95
 *   print(data.frame(f$time, f$n.risk, f$n.event, f$n.censor))
 *   print(cbind(f$surv, f$std.err * f$surv, f$lower, f$upper), digits = 15)
 *   quantile(f, 0.5)$quantile
 * (survfit's $std.err is on the log scale; times surv it is the Greenwood
 * standard error of surv that summary(f) prints.)
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "assert_close.h"
#include "../core/err.h"
#include "../analyze/stats/stats.h"

struct want_point {
	double time;
	unsigned n_risk, n_event, n_censor;
	double surv, se, lower, upper;
};

static void check_fit(const double *t, const int *e, size_t n, double level,
		      const struct want_point *want, size_t nwant, double median)
{
	struct km_point *pt = NULL;
	size_t np = 0, i;
	double med = 0;

	assert_int_equal(km_fit(t, e, n, level, &pt, &np, &med), 0);
	assert_int_equal(np, nwant);
	for (i = 0; i < np; i++) {
		assert_rel(pt[i].time, want[i].time);
		assert_int_equal(pt[i].n_risk, want[i].n_risk);
		assert_int_equal(pt[i].n_event, want[i].n_event);
		assert_int_equal(pt[i].n_censor, want[i].n_censor);
		assert_rel(pt[i].surv, want[i].surv);
		assert_rel(pt[i].se, want[i].se);
		assert_rel(pt[i].lower, want[i].lower);
		assert_rel(pt[i].upper, want[i].upper);
	}
	assert_rel(med, median);
	free(pt);
}

static void test_km_matches_survfit_on_aml(void **state)
{
	/* survival::aml, maintained arm (STATS.md), given out of order */
	static const double t[11] = { 13, 9, 13, 18, 23, 28, 31, 34, 45, 48, 161 };
	static const int e[11] = { 1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0 };
	static const struct want_point want[10] = {
		{ 9, 11, 1, 0, 0.909090909090909, 0.0866784172041448,
		  0.7541338450815255, 1 },
		{ 13, 10, 1, 1, 0.818181818181818, 0.1162912998303329,
		  0.6192489873993635, 1 },
		{ 18, 8, 1, 0, 0.715909090909091, 0.1396649705572278,
		  0.4884262874221285, 1 },
		{ 23, 7, 1, 0, 0.613636363636364, 0.1526323310273120,
		  0.3768670595016798, 0.999157600228473 },
		{ 28, 6, 0, 1, 0.613636363636364, 0.1526323310273120,
		  0.3768670595016798, 0.999157600228473 },
		{ 31, 5, 1, 0, 0.490909090909091, 0.1641932672211358,
		  0.2548599511993173, 0.945584955200429 },
		{ 34, 4, 1, 0, 0.368181818181818, 0.1626688858270948,
		  0.1548771178971911, 0.875260678143908 },
		{ 45, 3, 0, 1, 0.368181818181818, 0.1626688858270948,
		  0.1548771178971911, 0.875260678143908 },
		{ 48, 2, 1, 0, 0.184090909090909, 0.1534927457862937,
		  0.0359178984891853, 0.943525769474552 },
		{ 161, 1, 0, 1, 0.184090909090909, 0.1534927457862937,
		  0.0359178984891853, 0.943525769474552 },
	};

	(void)state;
	check_fit(t, e, 11, 0.95, want, 10, 31);
}

static void test_km_ties_between_events_and_censorings(void **state)
{
	/* Surv(c(2,2,2,3,5,5,7,8,8,10), c(1,1,0,1,1,0,0,1,1,0)) */
	static const double t[10] = { 2, 2, 2, 3, 5, 5, 7, 8, 8, 10 };
	static const int e[10] = { 1, 1, 0, 1, 1, 0, 0, 1, 1, 0 };
	static const struct want_point want[6] = {
		{ 2, 10, 2, 1, 0.8, 0.126491106406735, 0.5868177012338136, 1 },
		{ 3, 7, 1, 0, 0.685714285714286, 0.151494017432321,
		  0.4447216606852119, 1 },
		{ 5, 6, 1, 1, 0.571428571428572, 0.163774715491746,
		  0.3258387213437401, 1 },
		{ 7, 4, 0, 1, 0.571428571428572, 0.163774715491746,
		  0.3258387213437401, 1 },
		{ 8, 3, 2, 0, 0.190476190476190, 0.164826249347047,
		  0.0349352469959443, 1 },
		{ 10, 1, 0, 1, 0.190476190476190, 0.164826249347047,
		  0.0349352469959443, 1 },
	};

	(void)state;
	check_fit(t, e, 10, 0.95, want, 6, 8);
}

static void test_km_all_censored(void **state)
{
	/* Surv(c(3,5,7), c(0,0,0)): surv 1, se 0, median NA */
	static const double t[3] = { 3, 5, 7 };
	static const int e[3] = { 0, 0, 0 };
	static const struct want_point want[3] = {
		{ 3, 3, 0, 1, 1, 0, 1, 1 },
		{ 5, 2, 0, 1, 1, 0, 1, 1 },
		{ 7, 1, 0, 1, 1, 0, 1, 1 },
	};

	(void)state;
	check_fit(t, e, 3, 0.95, want, 3, NAN);
}

static void test_km_median_midpoint_when_curve_is_exactly_half(void **state)
{
	/* Surv(c(1,2,3,4), c(1,1,1,1)): surv 0.5 at 2, median (2 + 3) / 2;
	 * at 4 surv is 0: se NaN, lower and upper NA */
	static const double t[4] = { 1, 2, 3, 4 };
	static const int all[4] = { 1, 1, 1, 1 };
	/* Surv(c(1,2,3,4), c(1,1,0,0)): 0.5 to the end, median (2 + 4) / 2 */
	static const int half[4] = { 1, 1, 0, 0 };
	static const struct want_point want_all[4] = {
		{ 1, 4, 1, 0, 0.75, 0.21650635094611, 0.4259322684979820, 1 },
		{ 2, 3, 1, 0, 0.50, 0.25, 0.1876589287065883, 1 },
		{ 3, 2, 1, 0, 0.25, 0.21650635094611, 0.0457907596660182, 1 },
		{ 4, 1, 1, 0, 0, NAN, NAN, NAN },
	};
	static const struct want_point want_half[4] = {
		{ 1, 4, 1, 0, 0.75, 0.21650635094611, 0.425932268497982, 1 },
		{ 2, 3, 1, 0, 0.50, 0.25, 0.187658928706588, 1 },
		{ 3, 2, 0, 1, 0.50, 0.25, 0.187658928706588, 1 },
		{ 4, 1, 0, 1, 0.50, 0.25, 0.187658928706588, 1 },
	};

	(void)state;
	check_fit(t, all, 4, 0.95, want_all, 4, 2.5);
	check_fit(t, half, 4, 0.95, want_half, 4, 3);
}

static void test_km_censored_first_and_other_level(void **state)
{
	/* Surv(c(4,1,3,2,6,5), c(1,0,1,1,0,1)): censored before any event */
	static const double t[6] = { 4, 1, 3, 2, 6, 5 };
	static const int e[6] = { 1, 0, 1, 1, 0, 1 };
	static const struct want_point want[6] = {
		{ 1, 6, 0, 1, 1.0, 0, 1, 1 },
		{ 2, 5, 1, 0, 0.8, 0.178885438199983, 0.5161257603421721, 1 },
		{ 3, 4, 1, 0, 0.6, 0.219089023002066, 0.2933164316383264, 1 },
		{ 4, 3, 1, 0, 0.4, 0.219089023002066, 0.1367217803890508, 1 },
		{ 5, 2, 1, 0, 0.2, 0.178885438199983, 0.0346491185068608, 1 },
		{ 6, 1, 0, 1, 0.2, 0.178885438199983, 0.0346491185068608, 1 },
	};
	/* survfit(Surv(c(3,1,4,1,5,9,2,6), c(1,1,0,1,1,0,1,1)) ~ 1,
	 *         conf.int = 0.9): cbind(f$lower, f$upper) */
	static const double t2[8] = { 3, 1, 4, 1, 5, 9, 2, 6 };
	static const int e2[8] = { 1, 1, 0, 1, 1, 0, 1, 1 };
	static const double lower[7] = {
		0.536099010930590, 0.398333634633237, 0.279517393543528,
		0.279517393543528, 0.137115070424264, 0.038570069304917,
		0.038570069304917,
	};
	static const double upper[7] = {
		1, 0.980647793801458, 0.894398723566621, 0.894398723566621,
		0.810349371278511, 0.720189988723629, 0.720189988723629,
	};
	struct km_point *pt = NULL;
	size_t np = 0, i;
	double med;

	(void)state;
	check_fit(t, e, 6, 0.95, want, 6, 4);
	assert_int_equal(km_fit(t2, e2, 8, 0.9, &pt, &np, &med), 0);
	assert_int_equal(np, 7);
	for (i = 0; i < np; i++) {
		assert_rel(pt[i].lower, lower[i]);
		assert_rel(pt[i].upper, upper[i]);
	}
	free(pt);
}

static void test_km_refuses_bad_input(void **state)
{
	static const double t[2] = { 3, -1 }, nan_t[1] = { NAN };
	static const int e[2] = { 1, 1 }, bad_e[2] = { 1, 2 };
	struct km_point *pt = (struct km_point *)1;
	size_t np = 7;
	double med = 0;

	(void)state;
	assert_int_equal(km_fit(t, e, 2, 0.95, &pt, &np, &med), JAUDIT_EDATA);
	assert_null(pt);
	assert_int_equal(np, 0);
	assert_int_equal(km_fit(nan_t, e, 1, 0.95, &pt, &np, &med), JAUDIT_EDATA);
	assert_int_equal(km_fit(t, bad_e, 1, 0.95, &pt, &np, &med), 0);
	free(pt);
	assert_int_equal(km_fit(t, bad_e, 2, 0.95, &pt, &np, &med), JAUDIT_EDATA);
	assert_int_equal(km_fit(t, e, 1, 1.5, &pt, &np, &med), JAUDIT_EDATA);
	/* n = 0: no points, no median */
	assert_int_equal(km_fit(NULL, NULL, 0, 0.95, &pt, &np, &med), 0);
	assert_null(pt);
	assert_int_equal(np, 0);
	assert_true(isnan(med));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_km_matches_survfit_on_aml),
		cmocka_unit_test(test_km_ties_between_events_and_censorings),
		cmocka_unit_test(test_km_all_censored),
		cmocka_unit_test(test_km_median_midpoint_when_curve_is_exactly_half),
		cmocka_unit_test(test_km_censored_first_and_other_level),
		cmocka_unit_test(test_km_refuses_bad_input),
	};

	stats_init();
	return cmocka_run_group_tests_name("km", tests, NULL, NULL);
}
