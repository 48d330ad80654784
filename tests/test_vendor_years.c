/*
 * Unit tests for analyze/repeats.c (the same vendor's findings across its
 * audits) over a small fixture made here, items C01 and C02 only (every
 * other item has no result, so it is 不適用 and never compared):
 *
 *   vendor     113            114              115           pairs (C01; C02)
 *   11111111   C01 NC, C02 ok C01 partial, C02 NC  C01 ok      113→114 repeated; new
 *                                                              114→115 fixed; (C02 na)
 *   22222222   C01 partial    (not audited)    C01 NC        113→115 repeated
 *   33333333   -              C01 NC           -             (one year: no pair)
 *   44444444   -              C01 NC, C02 ok   C01 NC, C02 ok 114→115 repeated; clean
 *
 * Remediation: 114-04-C01 (44444444) 已結案 on 2025-08-10, before its 115
 * audit on 2026-06-01: closed then failed.  113-01-C01 (11111111) 已結案 on
 * 2025-07-01, after its 114 audit on 2025-06-02: not counted.
 *
 * Expected: C01 repeated 3, fixed 1, rate 3/4; C02 new 1, clean 1, no rate.
 * The Wilson interval of 3/4 (R: prop.test(3, 4, correct = FALSE)$conf.int)
 * computed here by the closed form (p + z²/2n ± z·sqrt(p(1-p)/n + z²/4n²)) /
 * (1 + z²/n) in Python with z = statistics.NormalDist().inv_cdf(0.975):
 * 0.300641842582402, 0.9544127391902995; of 1/2: 0.09453120573423074,
 * 0.9054687942657693.  Clopper-Pearson of 3/4 (binom.test(3, 4)$conf.int):
 * the lower bound solves P(X >= 3 | 4, p) = 0.025, i.e. 4p³ - 3p⁴ = 0.025,
 * p = 0.19412044968 (by bisection); the upper solves P(X <= 3) = 1 - p⁴ =
 * 0.025, p = 0.975^(1/4) = 0.99369053679.
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
#include "../analyze/repeats.h"
#include "../core/checklist.h"
#include "../core/db.h"
#include "../core/err.h"

static const char fixture[] =
	"INSERT INTO vendors VALUES ('11111111', '甲公司'), ('22222222', '乙公司'),"
	" ('33333333', '丙公司'), ('44444444', '丁公司');"
	"INSERT INTO vendor_years(year, taxid, candidate, selected) VALUES"
	" (113, '11111111', 1, 1), (114, '11111111', 1, 1), (115, '11111111', 1, 1),"
	" (113, '22222222', 1, 1), (115, '22222222', 1, 1), (114, '33333333', 1, 1),"
	" (114, '44444444', 1, 1), (115, '44444444', 1, 1);"
	"INSERT INTO sessions(id, year, taxid, date, lead) VALUES"
	" ('113-01', 113, '11111111', '2024-06-03', '王'), ('114-01', 114, '11111111', '2025-06-02', '王'),"
	" ('115-01', 115, '11111111', '2026-06-02', '王'), ('113-02', 113, '22222222', '2024-06-04', '王'),"
	" ('115-02', 115, '22222222', '2026-06-03', '王'), ('114-03', 114, '33333333', '2025-06-05', '王'),"
	" ('114-04', 114, '44444444', '2025-06-06', '王'), ('115-04', 115, '44444444', '2026-06-01', '王');"
	"INSERT INTO results(session, item, ref, rating, finding) VALUES"
	" ('113-01', 'C01', '', 'noncompliant', 'f'), ('113-01', 'C02', '', 'compliant', ''),"
	" ('114-01', 'C01', '', 'partial', 'f'), ('114-01', 'C02', '', 'noncompliant', 'f'),"
	" ('115-01', 'C01', '', 'compliant', ''),"
	" ('113-02', 'C01', '', 'partial', 'f'), ('115-02', 'C01', '', 'noncompliant', 'f'),"
	" ('114-03', 'C01', '', 'noncompliant', 'f'),"
	" ('114-04', 'C01', '', 'noncompliant', 'f'), ('114-04', 'C02', '', 'compliant', ''),"
	" ('115-04', 'C01', '', 'noncompliant', 'f'), ('115-04', 'C02', '', 'compliant', '');"
	/* the worst rating of each item per session, as ingest writes it (sql/010) */
	"INSERT INTO session_items(session, item, worst) SELECT session, item,"
	" max(CASE rating WHEN 'noncompliant' THEN 3 WHEN 'partial' THEN 2 WHEN 'compliant' THEN 1 ELSE 0 END)"
	" FROM results GROUP BY session, item;"
	"INSERT INTO remediation(id, year, session, item, taxid, owner, rating, status, due, plan_due) VALUES"
	" ('114-04-C01', 114, '114-04', 'C01', '44444444', '資安署', 'noncompliant', 'closed', '2025-10-06', '2025-08-06'),"
	" ('113-01-C01', 113, '113-01', 'C01', '11111111', '資安署', 'noncompliant', 'closed', '2024-10-03', '2024-08-03');"
	"INSERT INTO remediation_history(record, date, action, actor, old_status, new_status, new_due) VALUES"
	" ('114-04-C01', '2025-07-06', 'opened', 'jaudit', NULL, 'open', '2025-10-06'),"
	" ('114-04-C01', '2025-08-10', 'status', '李', 'open', 'closed', '2025-10-06'),"
	" ('113-01-C01', '2024-07-03', 'opened', 'jaudit', NULL, 'open', '2024-10-03'),"
	" ('113-01-C01', '2025-07-01', 'status', '李', 'open', 'closed', '2024-10-03');";

static int group_setup(void **state)
{
	sqlite3 *db;
	int y;

	if (sqlite3_open(":memory:", &db) != SQLITE_OK)
		return -1;
	if (db_exec(db, "PRAGMA foreign_keys = ON") < 0 ||
	    db_migrate(db, db_migrations, db_nmigrations, NULL, NULL) < 0)
		return -1;
	for (y = 113; y <= 115; y++)
		if (db_begin(db) < 0 || checklist_load_builtin(db, y) < 0 || db_commit(db) < 0)
			return -1;
	if (db_exec(db, fixture) < 0)
		return -1;
	*state = db;
	return 0;
}

static int group_teardown(void **state)
{
	sqlite3_close(*state);
	return 0;
}

static const struct repeat_item *ritem(const struct repeats *r, const char *code)
{
	size_t i;

	for (i = 0; i < r->nitems; i++)
		if (strcmp(r->items[i].code, code) == 0)
			return &r->items[i];
	fail_msg("item %s missing", code);
	return NULL;
}

static void test_repeats_counts_and_wilson(void **state)
{
	struct analysis_params p;
	struct repeats r;
	const struct repeat_item *it;

	analysis_params_default(&p, 0);
	assert_int_equal(repeats_run(*state, 113, 115, &p, &r), 0);
	assert_int_equal(r.vendors, 3);		/* 33333333 has one year */
	assert_int_equal(r.nitems, 2);		/* only C01 and C02 were ever compared */
	it = ritem(&r, "C01");
	assert_int_equal(it->repeated, 3);
	assert_int_equal(it->fixed, 1);
	assert_int_equal(it->fresh, 0);
	assert_int_equal(it->clean, 0);
	assert_int_equal(it->closed_failed, 1);
	assert_close(it->rate, 0.75, REL_TOL);
	assert_close(it->ci_low, 0.300641842582402, REL_TOL);
	assert_close(it->ci_high, 0.9544127391902995, REL_TOL);
	it = ritem(&r, "C02");
	assert_int_equal(it->repeated + it->fixed, 0);
	assert_int_equal(it->fresh, 1);
	assert_int_equal(it->clean, 1);
	assert_true(isnan(it->rate) && isnan(it->ci_low));
	assert_int_equal(r.total.repeated, 3);
	assert_int_equal(r.total.fixed, 1);
	assert_int_equal(r.total.fresh, 1);
	assert_close(r.total.rate, 0.75, REL_TOL);

	/* the pairs: by vendor, years, item; 113→115 across the missing year */
	assert_int_equal(r.npairs, 5);
	assert_string_equal(r.pairs[0].taxid, "11111111");
	assert_string_equal(r.pairs[0].code, "C01");
	assert_int_equal(r.pairs[0].status, REPEAT_REPEATED);
	assert_string_equal(r.pairs[1].code, "C02");
	assert_int_equal(r.pairs[1].status, REPEAT_NEW);
	assert_int_equal(r.pairs[2].year1, 114);
	assert_int_equal(r.pairs[2].status, REPEAT_FIXED);
	assert_string_equal(r.pairs[3].taxid, "22222222");
	assert_int_equal(r.pairs[3].year1, 113);
	assert_int_equal(r.pairs[3].year2, 115);
	assert_int_equal(r.pairs[3].status, REPEAT_REPEATED);
	assert_string_equal(r.pairs[4].vendor, "丁公司");

	/* closed before the next audit and failed there; 113-01-C01 closed after it */
	assert_int_equal(r.nclosed, 1);
	assert_string_equal(r.closed[0].record, "114-04-C01");
	assert_string_equal(r.closed[0].closed_on, "2025-08-10");
	assert_string_equal(r.closed[0].audit2, "2026-06-01");
	assert_int_equal(r.closed[0].year2, 115);
	repeats_release(&r);
}

static void test_repeats_strict_and_exact(void **state)
{
	struct analysis_params p;
	struct repeats r;
	const struct repeat_item *it;

	analysis_params_default(&p, 0);
	p.strict = 1;
	p.exact = 1;
	assert_int_equal(repeats_run(*state, 113, 115, &p, &r), 0);
	it = ritem(&r, "C01");
	/* NC→partial is fixed, partial→ok clean, partial→NC new, NC→NC repeated */
	assert_int_equal(it->repeated, 1);
	assert_int_equal(it->fixed, 1);
	assert_int_equal(it->fresh, 1);
	assert_int_equal(it->clean, 1);
	assert_close(it->rate, 0.5, REL_TOL);
	/* binom.test(1, 2)$conf.int: 1 - sqrt(0.975) and sqrt(0.975) */
	assert_close(it->ci_low, 0.012579117093425074, 1e-9);
	assert_close(it->ci_high, 0.9874208829065749, 1e-9);
	repeats_release(&r);

	p.strict = 0;
	assert_int_equal(repeats_run(*state, 113, 115, &p, &r), 0);
	it = ritem(&r, "C01");	/* 3/4, Clopper-Pearson as in the comment above */
	assert_close(it->ci_low, 0.19412044968324335, 1e-8);
	assert_close(it->ci_high, 0.9936905367902902, 1e-9);
	repeats_release(&r);
}

static void test_repeats_two_years_only(void **state)
{
	struct analysis_params p;
	struct repeats r;

	analysis_params_default(&p, 0);
	assert_int_equal(repeats_run(*state, 114, 115, &p, &r), 0);
	assert_int_equal(r.vendors, 2);		/* 11111111 and 44444444 */
	assert_int_equal(ritem(&r, "C01")->repeated, 1);
	assert_int_equal(ritem(&r, "C01")->fixed, 1);
	assert_int_equal(r.nclosed, 1);
	repeats_release(&r);
	assert_int_equal(repeats_run(*state, 120, 121, &p, &r), JAUDIT_EDATA);	/* no checklist */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_repeats_counts_and_wilson),
		cmocka_unit_test(test_repeats_strict_and_exact),
		cmocka_unit_test(test_repeats_two_years_only),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
