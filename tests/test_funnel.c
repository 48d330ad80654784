/*
 * Unit tests for the binomial quantile and funnel limits (analyze/stats/binom.c),
 * the funnel plot's figures (analyze/funnel.c) and the roll-up by 稽核依據
 * (analyze/basis.c).
 *
 * R is not installed here and STATS.md has no qbinom figures, so every
 * expected quantile and limit was computed exactly, in rational arithmetic,
 * by this Python one-liner (the binomial CDF from math.comb and fractions;
 * prints qbinom(a, n, p) and Spiegelhalter's interpolated limit
 * (r - (F(r) - a) / (F(r) - F(r - 1))) / n, kept within [0, 1]):
 *
 *   Q='import sys;from fractions import Fraction as R;from math import comb;a,n,p=R(sys.argv[1]),int(sys.argv[2]),R(sys.argv[3]);F=lambda r:sum(comb(n,i)*p**i*(1-p)**(n-i) for i in range(r+1));r=next(r for r in range(n+1) if F(r)>=a);print(r,float(min(max((r-(F(r)-a)/(F(r)-F(r-1)))/n,0),1)))'
 *   python3 -c "$Q" a n p
 *
 * Beside each value below: the arguments given to it.  For p0 = 2/7 the
 * same code with p=R(2,7).  Wilson intervals: the closed form, by
 *
 *   W='import sys;from statistics import NormalDist as N;k,n=int(sys.argv[1]),int(sys.argv[2]);z=N().inv_cdf(0.975);p=k/n;c=p+z*z/(2*n);h=z*(p*(1-p)/n+z*z/(4*n*n))**0.5;d=1+z*z/n;print(repr((c-h)/d if k else 0.0),repr((c+h)/d if k<n else 1.0))'
 *   python3 -c "$W" k n
 *
 * The roll-up by basis is counted by hand from tests/data/analysis/year115.sql
 * (what it holds is listed at the top of tests/test_analysis.c).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assert_close.h"
#include "../analyze/analysis.h"
#include "../analyze/basis.h"
#include "../analyze/funnel.h"
#include "../analyze/stats/stats.h"
#include "../core/checklist.h"
#include "../core/db.h"
#include "../core/strbuf.h"

struct qcase {
	double a;
	unsigned n;
	double p0;
	unsigned q;		/* qbinom(a, n, p0) */
	double lim;		/* the interpolated limit */
};

static const struct qcase qcases[] = {
	{ 0.025, 100, 0.3, 21, 0.20690238579107295 },	/* Q 0.025 100 0.3 -> 21 */
	{ 0.975, 100, 0.3, 39, 0.386912014163788 },	/* Q 0.975 100 0.3 -> 39 */
	{ 0.001, 100, 0.3, 17, 0.16026074689111866 },	/* Q 0.001 100 0.3 -> 17 */
	{ 0.999, 100, 0.3, 45, 0.44156262386084943 },	/* Q 0.999 100 0.3 -> 45 */
	{ 0.001, 27, 0.2, 0, 0.0 },			/* Q 0.001 27 0.2 -> 0 (limit clamped at 0) */
	{ 0.999, 27, 0.2, 12, 0.44372306436847947 },	/* Q 0.999 27 0.2 -> 12 */
	{ 0.025, 27, 0.2, 2, 0.041409319669790605 },	/* Q 0.025 27 0.2 -> 2 */
	{ 0.975, 27, 0.2, 10, 0.343662380746215 },	/* Q 0.975 27 0.2 -> 10 */
	{ 0.025, 1, 0.3, 0, 0.0 },			/* Q 0.025 1 0.3 -> 0 */
	{ 0.975, 1, 0.3, 1, 0.9166666666666666 },	/* Q 0.975 1 0.3 -> 1 */
	{ 0.975, 12, 0.25, 6, 0.4776933057797255 },	/* Q 0.975 12 0.25 -> 6 */
	{ 0.999, 12, 0.25, 8, 0.6454540965207631 },	/* Q 0.999 12 0.25 -> 8 */
	/* F(0) = 1/4 exactly: the smallest r with F(r) >= p is 0, not 1 */
	{ 0.25, 2, 0.5, 0, 0.0 },			/* Q 0.25 2 0.5 -> 0 */
	{ 0.5, 1, 0.5, 0, 0.0 },			/* Q 0.5 1 0.5 -> 0 */
};

static void test_quantile_matches_exact_qbinom(void **state)
{
	size_t i;

	(void)state;
	stats_init();
	for (i = 0; i < sizeof qcases / sizeof qcases[0]; i++) {
		const struct qcase *c = &qcases[i];

		if (binom_quantile(c->a, c->n, c->p0) != c->q)
			fail_msg("qbinom(%g, %u, %g) = %u, expected %u", c->a, c->n, c->p0,
				 binom_quantile(c->a, c->n, c->p0), c->q);
		/* without interpolation the limit is the quantile over n */
		assert_close(binom_funnel_limit(c->a, c->n, c->p0, 0), (double)c->q / c->n, 1e-15);
		assert_close(binom_funnel_limit(c->a, c->n, c->p0, 1), c->lim, REL_TOL);
	}
}

static void test_quantile_edges(void **state)
{
	(void)state;
	/* p0 = 0: every vendor has 0 findings; p0 = 1: all n (R: qbinom(p, n, 0) = 0, qbinom(p, n, 1) = n) */
	assert_int_equal(binom_quantile(0.999, 27, 0.0), 0);
	assert_int_equal(binom_quantile(0.001, 27, 1.0), 27);
	assert_close(binom_funnel_limit(0.999, 27, 0.0, 1), 0.0, 0);
	assert_close(binom_funnel_limit(0.001, 27, 1.0, 1), 1.0, 0);
	assert_close(binom_funnel_limit(0.975, 27, 1.0, 1), 1.0, 0);
	/* n = 1, p0 = 0.2: F(0) = 0.8, so the 0.999 quantile is 1; interpolated
	 * (1 - (1 - 0.999) / 0.2) / 1 = 0.995 (Q 0.999 1 0.2 -> 1 0.995) */
	assert_int_equal(binom_quantile(0.999, 1, 0.2), 1);
	assert_close(binom_funnel_limit(0.999, 1, 0.2, 1), 0.995, REL_TOL);
	/* p at the ends: 0 and n, as R's qbinom(0, ...) and qbinom(1, ...) */
	assert_int_equal(binom_quantile(0.0, 10, 0.3), 0);
	assert_int_equal(binom_quantile(1.0, 10, 0.3), 10);
	/* n = 0 and p outside (0, 1): no limit */
	assert_true(isnan(binom_funnel_limit(0.975, 0, 0.3, 1)));
	assert_true(isnan(binom_funnel_limit(1.0, 10, 0.3, 1)));
	/* a larger n: Q 0.999 1000 0.27 -> 314 0.31352925002992527 */
	assert_int_equal(binom_quantile(0.999, 1000, 0.27), 314);
	assert_close(binom_funnel_limit(0.999, 1000, 0.27, 1), 0.31352925002992527, 1e-9);
}

/* --- the funnel over a hand-made year -------------------------------------------- */

static struct vendor_stat hand_vendors[] = {
	/* taxid, name, applicable, findings (noncompliant, partial, rank unused) */
	{ "A", "甲", 27, 18, 0, 0, 1 },
	{ "B", "乙", 27, 12, 0, 0, 2 },
	{ "C", "丙", 26, 0, 0, 0, 3 },
	{ "D", "丁", 20, 4, 0, 0, 4 },
	{ "E", "戊", 20, 3, 0, 0, 5 },
	{ "F", "己", 10, 1, 0, 0, 6 },
	{ "G", "庚", 10, 2, 0, 0, 7 },
	{ "H", "辛", 0, 0, 0, 0, 8 },	/* nothing applicable: not a point */
};

/* 40 findings of 140 applicable items: p0 = 2/7 */
static void hand_analysis(struct analysis *a)
{
	memset(a, 0, sizeof(*a));
	analysis_params_default(&a->params, 115);
	a->vendors_ranked = hand_vendors;
	a->nvendors = sizeof hand_vendors / sizeof hand_vendors[0];
	a->vendors = (unsigned)a->nvendors;
}

static void test_funnel_limits_and_outliers(void **state)
{
	struct analysis a;
	struct funnel f;
	const struct funnel_limits *l;

	(void)state;
	hand_analysis(&a);
	assert_int_equal(funnel_compute(&a, 1, &f), 0);
	assert_int_equal(f.total_n, 140);
	assert_int_equal(f.total_k, 40);
	assert_close(f.p0, 2.0 / 7.0, 1e-15);
	assert_int_equal(f.nlimits, 27);
	assert_int_equal(f.npoints, 7);

	/* n = 27, p = R(2,7): quantiles 1, 3, 12, 15 */
	l = funnel_at(&f, 27);
	assert_non_null(l);
	assert_int_equal(l->q[FUNNEL_LO998], 1);
	assert_int_equal(l->q[FUNNEL_LO95], 3);
	assert_int_equal(l->q[FUNNEL_HI95], 12);
	assert_int_equal(l->q[FUNNEL_HI998], 15);
	assert_close(l->lim[FUNNEL_LO998], 0.02681674889556338, REL_TOL);
	assert_close(l->lim[FUNNEL_LO95], 0.10425255212263711, REL_TOL);
	assert_close(l->lim[FUNNEL_HI95], 0.443691092757595, REL_TOL);
	assert_close(l->lim[FUNNEL_HI998], 0.5528245409994048, REL_TOL);
	/* n = 20: 0, 2, 10, 12 */
	l = funnel_at(&f, 20);
	assert_int_equal(l->q[FUNNEL_LO95], 2);
	assert_int_equal(l->q[FUNNEL_HI998], 12);
	assert_close(l->lim[FUNNEL_LO998], 0.0, 0);
	assert_close(l->lim[FUNNEL_LO95], 0.0696004339742125, REL_TOL);
	assert_close(l->lim[FUNNEL_HI95], 0.4713115335843241, REL_TOL);
	assert_close(l->lim[FUNNEL_HI998], 0.5954228017890579, REL_TOL);
	/* n = 10: 0, 0, 6, 8 */
	l = funnel_at(&f, 10);
	assert_close(l->lim[FUNNEL_HI95], 0.5425326520833333, REL_TOL);
	assert_close(l->lim[FUNNEL_HI998], 0.7111627607638888, REL_TOL);
	assert_null(funnel_at(&f, 28));
	assert_null(funnel_at(&f, 0));

	/* A: 18/27 above both; B: 12/27 = 0.4444 above the smoothed 95% line
	 * 0.44369 though 12 is the 0.975 quantile itself; C: 0/26 below both */
	assert_string_equal(f.points[0].taxid, "A");
	assert_true(f.points[0].above998 && f.points[0].above95);
	assert_close(f.points[0].p_high, 4.470893028667005e-05, 1e-9);	/* 1-F(17,27,2/7) */
	assert_true(!f.points[1].above998 && f.points[1].above95);
	assert_close(f.points[1].p_high, 0.057395471454254866, 1e-9);	/* 1-F(11,27,2/7) */
	assert_true(f.points[2].below95 && f.points[2].below998);
	assert_int_equal(f.above998, 1);
	assert_int_equal(f.above95, 2);
	assert_int_equal(f.below95, 1);
	assert_int_equal(f.below998, 1);
	assert_int_equal(f.points[6].index, 6);	/* 廠商G: H has no point */
	funnel_release(&f);

	/* the plain steps: B is at its quantile, not above it */
	assert_int_equal(funnel_compute(&a, 0, &f), 0);
	assert_close(funnel_at(&f, 27)->lim[FUNNEL_HI95], 12.0 / 27.0, 1e-15);
	assert_false(f.points[1].above95);
	assert_int_equal(f.above95, 1);
	assert_int_equal(f.above998, 1);
	funnel_release(&f);
}

static void test_funnel_no_vendors(void **state)
{
	struct analysis a;
	struct funnel f;

	(void)state;
	memset(&a, 0, sizeof(a));
	analysis_params_default(&a.params, 115);
	assert_int_equal(funnel_compute(&a, 1, &f), 0);
	assert_true(isnan(f.p0));
	assert_int_equal(f.npoints, 0);
	assert_int_equal(f.nlimits, 0);
	funnel_release(&f);
}

/* --- the roll-up by basis over the fixture year 115 ------------------------------ */

static int load_file(sqlite3 *db, const char *name)
{
	char path[512], buf[4096];
	struct strbuf sb = STRBUF_INIT;
	FILE *fp;
	size_t n;
	int rc;

	snprintf(path, sizeof(path), "%s/analysis/%s", TEST_DATA_DIR, name);
	if (!(fp = fopen(path, "r")))
		return -1;
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
		strbuf_add(&sb, buf, n);
	fclose(fp);
	rc = db_exec(db, sb.buf);
	strbuf_release(&sb);
	return rc;
}

static int basis_setup(void **state)
{
	sqlite3 *db;

	if (sqlite3_open(":memory:", &db) != SQLITE_OK)
		return -1;
	if (db_exec(db, "PRAGMA foreign_keys = ON") < 0 ||
	    db_migrate(db, db_migrations, db_nmigrations, NULL, NULL) < 0 ||
	    db_begin(db) < 0 || checklist_load_builtin(db, 115) < 0 || db_commit(db) < 0 ||
	    load_file(db, "year115.sql") < 0)
		return -1;
	*state = db;
	return 0;
}

static int basis_teardown(void **state)
{
	sqlite3_close(*state);
	return 0;
}

static const struct basis_stat *basis(const struct basis_rollup *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (strcmp(r->b[i].basis, name) == 0)
			return &r->b[i];
	fail_msg("basis %s missing", name);
	return NULL;
}

#define ART10 "資通安全管理法第10條第2項"
#define ART7_7 "資通安全管理法施行細則第7條第1項第7款"
#define ART7_1 "資通安全管理法施行細則第7條第1項第1款"

static void test_basis_counts_each_vendor_once(void **state)
{
	struct analysis_params p;
	struct basis_rollup r;
	const struct basis_stat *b;
	char codes[256];

	analysis_params_default(&p, 115);
	assert_int_equal(basis_run(*state, &p, &r), 0);
	assert_int_equal(r.vendors, 10);
	assert_int_equal(r.n, 6);	/* 第10條第2項; 第7條第1項第7, 1, 4, 5款; 第7條第2款 */
	assert_string_equal(r.b[0].basis, ART10);

	/* C01-C03: C03 NC for all 10, C01 for 3 more findings: 10 of 10, 13 findings */
	b = basis(&r, ART10);
	assert_int_equal(b->ncodes, 3);
	assert_int_equal(b->n, 10);
	assert_int_equal(b->k, 10);
	assert_int_equal(b->findings, 13);
	assert_close(b->ci_low, 0.7224672001371109, REL_TOL);	/* W 10 10 */
	assert_close(b->ci_high, 1.0, 0);
	basis_codes_text(b, codes, sizeof(codes));
	assert_string_equal(codes, "C01–C03");

	/* 第7款, 18 items: C05 V01-V08, C06 V03, C07 V04, C08 V10, S02 V01, S03 V01-V06:
	 * 18 findings, but V01 (C05, S02, S03) and others count once: V01-V08, V10 = 9 of 10 */
	b = basis(&r, ART7_7);
	assert_int_equal(b->ncodes, 18);
	assert_int_equal(b->n, 10);
	assert_int_equal(b->k, 9);
	assert_int_equal(b->findings, 18);
	assert_close(b->rate, 0.9, 1e-15);
	assert_close(b->ci_low, 0.5958499732047615, REL_TOL);	/* W 9 10 */
	assert_close(b->ci_high, 0.9821237869049271, REL_TOL);
	basis_codes_text(b, codes, sizeof(codes));
	assert_string_equal(codes, "C04–C10, S02–S04, S06–S13");

	/* S01 alone: V02 不適用 on both contracts, so n 9; V01, V03, V05: k 3 */
	b = basis(&r, ART7_1);
	assert_int_equal(b->n, 9);
	assert_int_equal(b->k, 3);
	assert_close(b->ci_low, 0.120583818386911, REL_TOL);	/* W 3 9 */
	assert_close(b->ci_high, 0.6457978644196037, REL_TOL);

	/* S14, S15 (第5款): no finding */
	b = basis(&r, "資通安全管理法施行細則第7條第1項第5款");
	assert_int_equal(b->k, 0);
	basis_codes_text(b, codes, sizeof(codes));
	assert_string_equal(codes, "S14, S15");
	basis_release(&r);
}

static void test_basis_strict_and_category(void **state)
{
	struct analysis_params p;
	struct basis_rollup r;
	const struct basis_stat *b;

	analysis_params_default(&p, 115);
	p.strict = 1;
	assert_int_equal(basis_run(*state, &p, &r), 0);
	/* 不符合 only: C05 V01-V05, C07 V04, C08 V10 -> 6 vendors, 7 findings */
	b = basis(&r, ART7_7);
	assert_int_equal(b->k, 6);
	assert_int_equal(b->findings, 7);
	assert_close(b->ci_low, 0.31267376973365835, REL_TOL);	/* W 6 10 */
	b = basis(&r, ART7_1);
	assert_int_equal(b->k, 2);
	assert_close(b->ci_low, 0.06322510711784672, REL_TOL);	/* W 2 9 */
	basis_release(&r);

	analysis_params_default(&p, 115);
	p.category = "common";
	assert_int_equal(basis_run(*state, &p, &r), 0);
	/* C01-C10 only: two bases; 第7款 then holds C04-C10: V01-V08 (C05), V10 (C08) */
	assert_int_equal(r.n, 2);
	b = basis(&r, ART7_7);
	assert_int_equal(b->ncodes, 7);
	assert_int_equal(b->k, 9);
	assert_int_equal(b->findings, 11);
	basis_release(&r);

	/* a year without a checklist is refused */
	analysis_params_default(&p, 117);
	assert_int_equal(basis_run(*state, &p, &r), JAUDIT_EDATA);
}

int main(void)
{
	const struct CMUnitTest plain[] = {
		cmocka_unit_test(test_quantile_matches_exact_qbinom),
		cmocka_unit_test(test_quantile_edges),
		cmocka_unit_test(test_funnel_limits_and_outliers),
		cmocka_unit_test(test_funnel_no_vendors),
	};
	const struct CMUnitTest db[] = {
		cmocka_unit_test(test_basis_counts_each_vendor_once),
		cmocka_unit_test(test_basis_strict_and_category),
	};

	return cmocka_run_group_tests(plain, NULL, NULL) |
	       cmocka_run_group_tests(db, basis_setup, basis_teardown);
}
