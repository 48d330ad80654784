/*
 * Unit tests for analyze/analysis.c, analyze/trend_years.c and analyze/yearpass.c over the
 * fixture years in tests/data/analysis/ (year113.sql, year114.sql,
 * year115.sql).  The fixture of 115, by design:
 *   10 vendors 10000001..10000010, one session each but 10000010, which has
 *   two (115-10, 115-11); 10000001..10000003 have two sampled contracts.
 *   C01  NC for V01, V02, partial V03           n 10, k 3 (strict 2)
 *   C02  none                                   k 0
 *   C03  NC for all (V10 in its first session)  k = n = 10
 *   C04  不適用 for all                          n 0
 *   C05  NC V01-V05, partial V06-V08            k 8 (strict 5)
 *   C06  不適用 V01, V02, partial V03            n 8, k 1
 *   C07  NC V04; C08 NC V10 in its second session only
 *   C09  不適用 for all but V10's second session  n 1, k 0
 *   S01  V01 K1 符合 K2 不符合 -> NC; V02 K1, K2 不適用 -> na;
 *        V03 K1 部分符合 K2 符合 -> partial; V05 NC  n 9, k 3 (strict 2)
 *   S02  V01 K1 不適用 K2 部分符合 -> partial      n 10, k 1
 *   S03  partial V01-V06                        k 6
 * Auditors' own ratings: sessions 115-01..03 (committees of 3), 115-04
 * (4 members) rate C01, C02, C05.  113: 8 vendors, C01 NC for 1, C05
 * partial for 8; 114: 9 vendors, C01 NC for 2, C05 partial for 7; C03 NC
 * and C04, C09 不適用 for all in both.
 *
 * Expected figures are R 4.2.2's, printed with sprintf("%.15g"):
 * prop.test(k, n, correct = FALSE)$conf.int, binom.test(k, n)$conf.int,
 * binom.test(k, n, 0.3, alternative = "greater")$p.value, p.adjust(p, "BH"),
 * fisher.test, cor, prop.trend.test(x, n, score = c(113, 114, 115)),
 * summary(lm(x/n ~ year, weights = n)), t.test(findings)$conf.int.
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
#include "../core/checklist.h"
#include "../core/db.h"
#include "../core/err.h"
#include "../core/rating.h"
#include "../core/strbuf.h"
#include "../analyze/yearpass.h"

static int load_file(sqlite3 *db, const char *name)
{
	char path[512];
	FILE *fp;
	struct strbuf sb = STRBUF_INIT;
	char buf[4096];
	size_t n;
	int rc;

	snprintf(path, sizeof(path), "%s/analysis/%s", TEST_DATA_DIR, name);
	fp = fopen(path, "r");
	if (!fp)
		return -1;
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
		strbuf_add(&sb, buf, n);
	fclose(fp);
	rc = db_exec(db, sb.buf);
	strbuf_release(&sb);
	return rc;
}

static int group_setup(void **state)
{
	sqlite3 *db;
	int y;

	if (sqlite3_open(":memory:", &db) != SQLITE_OK)
		return -1;
	if (db_exec(db, "PRAGMA foreign_keys = ON") < 0 ||
	    db_migrate(db, db_migrations, db_nmigrations, NULL, NULL) < 0)
		return -1;
	for (y = 113; y <= 116; y++)	/* 116: a checklist and no results */
		if (db_begin(db) < 0 || checklist_load_builtin(db, y) < 0 || db_commit(db) < 0)
			return -1;
	if (load_file(db, "year113.sql") < 0 || load_file(db, "year114.sql") < 0 ||
	    load_file(db, "year115.sql") < 0)
		return -1;
	*state = db;
	return 0;
}

static int group_teardown(void **state)
{
	sqlite3_close(*state);
	return 0;
}

static const struct item_stat *item(const struct analysis *a, const char *code)
{
	size_t i;

	for (i = 0; i < a->nitems; i++)
		if (strcmp(a->items[i].code, code) == 0)
			return &a->items[i];
	fail_msg("item %s missing", code);
	return NULL;
}

static const struct group_stat *group(const struct group_stat *g, size_t n,
				      const char *name, const char *category)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(g[i].name, name) == 0 && strcmp(g[i].category, category) == 0)
			return &g[i];
	fail_msg("group %s missing", name);
	return NULL;
}

static void run115(sqlite3 *db, struct analysis *a, void (*tweak)(struct analysis_params *))
{
	struct analysis_params p;

	analysis_params_default(&p, 115);
	if (tweak)
		tweak(&p);
	assert_int_equal(analysis_run(db, &p, a), 0);
}

static void test_analysis_item_figures_match_r(void **state)
{
	struct analysis a;
	const struct item_stat *s;

	run115(*state, &a, NULL);
	assert_int_equal(a.vendors, 10);
	assert_int_equal(a.nitems, 27);

	s = item(&a, "C01");	/* k = 3, n = 10 */
	assert_int_equal(s->n, 10);
	assert_int_equal(s->k, 3);
	assert_rel(s->rate, 0.3);
	assert_rel(s->ci_low, 0.1077912674);	/* STATS.md, prop.test(3, 10) */
	assert_rel(s->ci_high, 0.6032218525388545);
	assert_rel(s->p_value, 0.6172172136);	/* binom.test(3, 10, 0.3, "greater") */
	assert_rel(s->q_value, 1);
	assert_false(s->common);
	assert_string_equal(s->category, "common");
	assert_string_equal(s->dimension, "電腦使用限制與設備認證管理");

	s = item(&a, "C03");	/* k = n = 10: the upper end is exactly 1 */
	assert_int_equal(s->k, 10);
	assert_rel(s->ci_low, 0.722467200137111);
	assert_true(s->ci_high == 1.0);
	assert_rel(s->p_value, 5.9049e-06);	/* 0.3^10 */
	assert_rel(s->q_value, 0.0001535274);	/* p.adjust over the 26 items with n > 0 */
	assert_true(s->common);

	s = item(&a, "C05");
	assert_int_equal(s->k, 8);
	assert_rel(s->ci_low, 0.490162471537);
	assert_rel(s->ci_high, 0.943317848546);
	assert_rel(s->p_value, 0.0015903864);
	assert_rel(s->q_value, 0.0206750232);
	assert_true(s->common);

	s = item(&a, "S03");
	assert_rel(s->p_value, 0.0473489874);
	assert_rel(s->q_value, 0.4103578908);
	assert_false(s->common);

	s = item(&a, "C02");	/* k = 0: the lower end is exactly 0 */
	assert_int_equal(s->k, 0);
	assert_true(s->ci_low == 0.0);
	assert_rel(s->p_value, 1);

	s = item(&a, "C09");	/* n = 1 */
	assert_int_equal(s->n, 1);
	assert_int_equal(s->k, 0);
	assert_rel(s->ci_high, 0.793450685622763);

	s = item(&a, "C04");	/* n = 0: no statistics, not common */
	assert_int_equal(s->n, 0);
	assert_true(isnan(s->rate) && isnan(s->ci_low) && isnan(s->ci_high));
	assert_true(isnan(s->p_value) && isnan(s->q_value));
	assert_false(s->common);
	analysis_release(&a);
}

static void test_analysis_vendor_unit_is_the_worst_over_contracts_and_sessions(void **state)
{
	struct analysis a;
	const struct item_stat *s;

	run115(*state, &a, NULL);
	s = item(&a, "S01");	/* V02 不適用 on both contracts is left out */
	assert_int_equal(s->n, 9);
	assert_int_equal(s->k, 3);
	assert_rel(s->ci_low, 0.120583818386911);
	assert_rel(s->ci_high, 0.645797864419604);
	s = item(&a, "S02");	/* V01: 不適用 and 部分符合 -> 部分符合 */
	assert_int_equal(s->n, 10);
	assert_int_equal(s->k, 1);
	s = item(&a, "C06");
	assert_int_equal(s->n, 8);
	assert_int_equal(s->k, 1);
	s = item(&a, "C08");	/* V10's finding is in its second session */
	assert_int_equal(s->k, 1);
	s = item(&a, "C09");	/* V10: 不適用 then 符合 -> applies */
	assert_int_equal(s->n, 1);
	s = item(&a, "C03");	/* V10: 不符合 then 符合 -> 不符合 */
	assert_int_equal(s->k, 10);
	analysis_release(&a);
}

static void test_analysis_items_sorted_by_rate_then_ci_low(void **state)
{
	static const char *const head[] = { "C03", "C05", "S03", "S01", "C01", "C06" };
	struct analysis a;
	size_t i;

	run115(*state, &a, NULL);
	for (i = 0; i < 6; i++)
		assert_string_equal(a.items[i].code, head[i]);
	/* equal rate and interval keep checklist order; n = 0 comes last */
	assert_string_equal(a.items[6].code, "C07");
	assert_string_equal(a.items[7].code, "C08");
	assert_string_equal(a.items[8].code, "S02");
	assert_string_equal(a.items[26].code, "C04");
	for (i = 1; i < 26; i++)
		assert_true(a.items[i - 1].rate >= a.items[i].rate);
	analysis_release(&a);
}

static void set_exact(struct analysis_params *p)
{
	p->exact = 1;
}

static void test_analysis_exact_intervals_match_binom_test(void **state)
{
	struct analysis a;

	run115(*state, &a, set_exact);
	assert_rel(item(&a, "C01")->ci_low, 0.0667395111777);	/* STATS.md */
	assert_rel(item(&a, "C01")->ci_high, 0.65245285006);
	assert_rel(item(&a, "C03")->ci_low, 0.691502892181);
	assert_true(item(&a, "C03")->ci_high == 1.0);
	assert_true(item(&a, "C02")->ci_low == 0.0);
	assert_rel(item(&a, "C02")->ci_high, 0.308497107819);
	analysis_release(&a);
}

static void set_level_p0(struct analysis_params *p)
{
	p->level = 0.9;
	p->p0 = 0.1;
}

static void test_analysis_level_and_p0(void **state)
{
	struct analysis a;

	run115(*state, &a, set_level_p0);
	/* prop.test(3, 10, correct = FALSE, conf.level = 0.9); binom.test(3, 10, 0.1, "greater") */
	assert_rel(item(&a, "C01")->ci_low, 0.126876583903198);
	assert_rel(item(&a, "C01")->ci_high, 0.558300204130165);
	assert_rel(item(&a, "C01")->p_value, 0.0701908264);
	analysis_release(&a);
}

static void set_strict(struct analysis_params *p)
{
	p->strict = 1;
}

static void test_analysis_strict_counts_only_noncompliant(void **state)
{
	struct analysis a;

	run115(*state, &a, set_strict);
	assert_int_equal(item(&a, "C01")->k, 2);
	assert_int_equal(item(&a, "C05")->k, 5);
	assert_rel(item(&a, "C05")->p_value, 0.1502683326);	/* binom.test(5, 10, 0.3, "greater") */
	assert_int_equal(item(&a, "S01")->k, 2);
	assert_int_equal(item(&a, "S03")->k, 0);
	assert_int_equal(item(&a, "S03")->n, 10);
	assert_int_equal(a.vendors_ranked[0].findings, 4);	/* V01: C01 C03 C05 S01 */
	analysis_release(&a);
}

static void set_specific(struct analysis_params *p)
{
	p->category = "specific";
}

static void test_analysis_category_filter_adjusts_over_its_items(void **state)
{
	struct analysis a;

	run115(*state, &a, set_specific);
	assert_int_equal(a.nitems, 17);
	assert_string_equal(a.items[0].code, "S03");
	assert_rel(a.items[0].q_value, 0.804932785799999);	/* p.adjust over the 17 */
	assert_int_equal(a.ncategories, 1);
	assert_int_equal(a.categories[0].k, 6);
	analysis_release(&a);
}

static void test_analysis_groups_count_vendors_with_any_finding(void **state)
{
	struct analysis a;
	const struct group_stat *g;

	run115(*state, &a, NULL);
	assert_int_equal(a.ndimensions, 14);
	g = group(a.dimensions, a.ndimensions, "電腦使用限制與設備認證管理", "common");
	assert_int_equal(g->nitems, 2);
	assert_int_equal(g->n, 10);
	assert_int_equal(g->k, 3);
	assert_rel(g->ci_low, 0.1077912674);
	g = group(a.dimensions, a.ndimensions, "對外網路防護", "common");	/* V03, V04, V10 */
	assert_int_equal(g->nitems, 3);
	assert_int_equal(g->k, 3);
	g = group(a.dimensions, a.ndimensions, "重要資訊組態與資料交換之安全管控", "common");
	assert_int_equal(g->n, 0);	/* C04 only */
	assert_true(isnan(g->rate) && isnan(g->ci_low));
	g = group(a.dimensions, a.ndimensions, "重要資訊組態與資料交換之安全管控", "specific");
	assert_int_equal(g->k, 1);
	g = group(a.categories, a.ncategories, "common", "common");
	assert_int_equal(g->k, 10);
	g = group(a.categories, a.ncategories, "specific", "specific");
	assert_int_equal(g->nitems, 17);
	assert_int_equal(g->n, 10);
	assert_int_equal(g->k, 6);
	analysis_release(&a);
}

static void test_analysis_vendors_ranked_with_shared_ranks(void **state)
{
	/* findings: V01 6, V03 6, V02 4, V04 4, V05 4, V06 3, V07 2, V08 2, V10 2, V09 1 */
	static const struct { const char *taxid; int rank; unsigned findings; } want[] = {
		{ "10000001", 1, 6 }, { "10000003", 1, 6 }, { "10000002", 3, 4 },
		{ "10000004", 3, 4 }, { "10000005", 3, 4 }, { "10000006", 6, 3 },
		{ "10000007", 7, 2 }, { "10000008", 7, 2 }, { "10000010", 7, 2 },
		{ "10000009", 10, 1 },
	};
	struct analysis a;
	size_t i;

	run115(*state, &a, NULL);
	assert_int_equal(a.nvendors, 10);
	for (i = 0; i < 10; i++) {
		assert_string_equal(a.vendors_ranked[i].taxid, want[i].taxid);
		assert_int_equal(a.vendors_ranked[i].rank, want[i].rank);
		assert_int_equal(a.vendors_ranked[i].findings, want[i].findings);
	}
	assert_string_equal(a.vendors_ranked[0].name, "廠商01股份有限公司");
	/* V01: NC C01 C03 C05 S01, partial S02 S03; C04 C06 C09 不適用 */
	assert_int_equal(a.vendors_ranked[0].noncompliant, 4);
	assert_int_equal(a.vendors_ranked[0].partial, 2);
	assert_int_equal(a.vendors_ranked[0].applicable, 24);
	analysis_release(&a);
}

static void test_analysis_pairs_phi_and_fisher(void **state)
{
	struct analysis a;
	const struct pair_stat *ps = NULL;
	size_t i;

	run115(*state, &a, NULL);
	assert_int_equal(a.npairs, 10);
	/* among the 8 vendors for whom both apply, only V03 has either: phi 1 */
	assert_string_equal(a.pairs[0].a, "C01");
	assert_string_equal(a.pairs[0].b, "C06");
	assert_int_equal(a.pairs[0].n11, 1);
	assert_int_equal(a.pairs[0].n00, 7);
	assert_rel(a.pairs[0].phi, 1);
	assert_rel(a.pairs[0].p_value, 0.125);	/* fisher.test(matrix(c(1, 0, 0, 7), 2)) */
	for (i = 0; i < a.npairs; i++) {
		assert_true(a.pairs[i].n11 > 0);
		assert_true(a.pairs[i].q_value >= a.pairs[i].p_value);
		if (i > 0)
			assert_true(a.pairs[i - 1].phi >= a.pairs[i].phi);
		if (strcmp(a.pairs[i].a, "C05") == 0 && strcmp(a.pairs[i].b, "S03") == 0)
			ps = &a.pairs[i];
	}
	assert_non_null(ps);
	assert_int_equal(ps->n11, 6);
	assert_int_equal(ps->n10, 2);
	assert_int_equal(ps->n01, 0);
	assert_int_equal(ps->n00, 2);
	assert_rel(ps->phi, 0.612372435696);	/* cor(c(rep(1,8),0,0), c(rep(1,6),0,0,0,0)) */
	assert_rel(ps->jaccard, 0.75);
	assert_rel(ps->p_value, 0.133333333333333);	/* fisher.test(matrix(c(6, 0, 2, 2), 2)) */
	analysis_release(&a);
}

/*
 * The agreement figures come from the published formulas in R (as in
 * tests/test_agree.c): the 12 units (session x item) of 115-01..04 for
 * Krippendorff's ordinal alpha (1 = 符合, 2 = 部分符合, 3 = 不符合, 不適用
 * missing); Fleiss over the 8 subjects of the three 3-member sessions
 * that all three rated (115-03's C02 has a 不適用).
 */
static void test_analysis_agreement_matches_r(void **state)
{
	struct analysis a;
	const struct agreement *ag;

	run115(*state, &a, NULL);
	ag = &a.agreement;
	assert_true(ag->available);
	assert_rel(ag->kripp_alpha, 0.811358771146916);
	assert_int_equal(ag->kripp_units, 12);
	assert_int_equal(ag->kripp_coders, 8);
	assert_int_equal(ag->fleiss_subjects, 8);
	assert_int_equal(ag->fleiss_raters, 3);
	assert_rel(ag->fleiss_kappa, 0.333333333333333);
	assert_rel(ag->fleiss_z, 2.26455406828919);
	assert_rel(ag->fleiss_p, 0.011770029130589);
	assert_int_equal(ag->nitems, 3);
	assert_string_equal(ag->items[0].code, "C01");
	assert_int_equal(ag->items[0].subjects, 3);
	assert_rel(ag->items[0].kappa, 0.217391304347826);
	assert_string_equal(ag->items[1].code, "C02");
	assert_int_equal(ag->items[1].subjects, 2);
	assert_rel(ag->items[1].kappa, -0.200000000000001);
	assert_rel(ag->items[2].kappa, -0.285714285714286);
	analysis_release(&a);
}

static void test_analysis_year_without_results(void **state)
{
	struct analysis_params p;
	struct analysis a;
	size_t i;

	analysis_params_default(&p, 116);
	assert_int_equal(analysis_run(*state, &p, &a), 0);
	assert_int_equal(a.vendors, 0);
	assert_int_equal(a.nitems, 27);
	for (i = 0; i < a.nitems; i++) {
		assert_int_equal(a.items[i].n, 0);
		assert_true(isnan(a.items[i].rate) && isnan(a.items[i].q_value));
	}
	assert_string_equal(a.items[0].code, "C01");	/* checklist order */
	assert_int_equal(a.nvendors, 0);
	assert_int_equal(a.npairs, 0);
	assert_false(a.agreement.available);
	assert_true(isnan(a.agreement.kripp_alpha));
	analysis_release(&a);
}

static void test_analysis_year_without_checklist_is_an_error(void **state)
{
	struct analysis_params p;
	struct analysis a;

	analysis_params_default(&p, 112);
	assert_int_equal(analysis_run(*state, &p, &a), JAUDIT_EDATA);
	assert_int_equal(a.nitems, 0);
}

static void test_analysis_json_has_the_spec_keys(void **state)
{
	struct analysis a;
	cJSON *root, *it, *c04;

	run115(*state, &a, NULL);
	root = analysis_json(&a);
	assert_int_equal(cJSON_GetObjectItemCaseSensitive(root, "year")->valueint, 115);
	assert_int_equal(cJSON_GetObjectItemCaseSensitive(root, "vendors")->valueint, 10);
	it = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(root, "items"), 0);
	assert_string_equal(cJSON_GetObjectItemCaseSensitive(it, "code")->valuestring, "C03");
	assert_true(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(it, "common")));
	assert_rel(cJSON_GetObjectItemCaseSensitive(it, "q_value")->valuedouble, 0.0001535274);
	c04 = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(root, "items"), 26);
	assert_true(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(c04, "rate")));
	assert_true(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(c04, "q_value")));
	assert_true(cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(c04, "common")));
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(root, "vendors_ranked")), 10);
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(root, "pairs")), 10);
	assert_non_null(cJSON_GetObjectItemCaseSensitive(root, "dimensions"));
	assert_non_null(cJSON_GetObjectItemCaseSensitive(
		cJSON_GetObjectItemCaseSensitive(root, "agreement"), "fleiss"));
	assert_string_equal(cJSON_GetObjectItemCaseSensitive(
		cJSON_GetObjectItemCaseSensitive(root, "parameters"), "ci")->valuestring, "wilson");
	cJSON_Delete(root);
	analysis_release(&a);
}

static void test_analysis_json_write_is_the_same_document(void **state)
{
	struct analysis a;
	cJSON *tree, *written;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	run115(*state, &a, NULL);
	assert_int_equal(analysis_json_write(&a, fp), 0);
	fclose(fp);
	written = cJSON_Parse(buf);
	assert_non_null(written);
	tree = analysis_json(&a);
	assert_true(cJSON_Compare(tree, written, 1));
	cJSON_Delete(tree);
	cJSON_Delete(written);
	free(buf);
	analysis_release(&a);
}

static void test_analysis_matrix_rows_by_findings(void **state)
{
	struct rating_matrix m;

	assert_int_equal(analysis_matrix(*state, 115, &m), 0);
	assert_int_equal(m.nvendors, 10);
	assert_int_equal(m.nitems, 27);
	assert_string_equal(m.code[0], "C01");
	assert_string_equal(m.code[10], "S01");
	assert_string_equal(m.taxid[0], "10000001");
	assert_string_equal(m.vendor[0], "廠商01股份有限公司");
	assert_string_equal(m.taxid[9], "10000009");
	assert_int_equal(m.cell[0 * 27 + 0], RATING_NONCOMPLIANT);	/* V01 C01 */
	assert_int_equal(m.cell[0 * 27 + 3], RATING_NA);		/* C04 */
	assert_int_equal(m.cell[0 * 27 + 10], RATING_NONCOMPLIANT);	/* S01: K2 */
	assert_int_equal(m.cell[0 * 27 + 11], RATING_PARTIAL);	/* S02 */
	assert_int_equal(m.cell[0 * 27 + 1], RATING_COMPLIANT);
	rating_matrix_release(&m);

	assert_int_equal(analysis_matrix(*state, 116, &m), 0);	/* no results */
	assert_int_equal(m.nvendors, 0);
	assert_int_equal(m.nitems, 27);
	rating_matrix_release(&m);
	assert_int_equal(analysis_matrix(*state, 112, &m), JAUDIT_EDATA);
}

/*
 * The pass walks the indexes: no sort of the year's rows, and each session's
 * worst ratings read from session_items by its key (sql/010_session_items.sql,
 * docs/PERFORMANCE.md).
 */
static void test_yearpass_plan_sorts_nothing(void **state)
{
	struct strbuf sql = STRBUF_INIT, plan = STRBUF_INIT;
	sqlite3_stmt *st;
	int rc;

	strbuf_addf(&sql, "EXPLAIN QUERY PLAN %s", yearpass_sql);
	assert_int_equal(db_prepare(*state, &st, sql.buf), 0);
	sqlite3_bind_int(st, 1, 115);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		strbuf_addf(&plan, "%s\n", (const char *)sqlite3_column_text(st, 3));
	assert_int_equal(rc, SQLITE_DONE);
	db_finalize(st);
	assert_null(strstr(plan.buf, "TEMP B-TREE"));
	assert_non_null(strstr(plan.buf, "SEARCH s USING INDEX sessions_year (year=?)"));
	assert_non_null(strstr(plan.buf, "SEARCH i USING PRIMARY KEY (session=?)"));
	strbuf_release(&sql);
	strbuf_release(&plan);
}

static const struct trend_item *titem(const struct trend *t, const char *code)
{
	size_t i;

	for (i = 0; i < t->nitems; i++)
		if (strcmp(t->items[i].code, code) == 0)
			return &t->items[i];
	fail_msg("item %s missing", code);
	return NULL;
}

static void test_trend_matches_prop_trend_test(void **state)
{
	struct analysis_params p;
	struct trend t;
	const struct trend_item *ti;

	analysis_params_default(&p, 0);
	assert_int_equal(trend_run(*state, 113, 115, NULL, &p, &t), 0);
	assert_int_equal(t.nyears, 3);
	assert_int_equal(t.nitems, 27);

	ti = titem(&t, "C01");	/* 1/8, 2/9, 3/10 */
	assert_int_equal(ti->npoints, 3);
	assert_int_equal(ti->points[0].year, 113);
	assert_rel(ti->points[0].ci_low, 0.0224174914500567);
	assert_rel(ti->points[0].ci_high, 0.470888182212853);
	assert_true(isnan(ti->points[0].fisher_p));
	assert_rel(ti->points[1].fisher_p, 1);
	assert_rel(ti->ca_chisq, 0.784232365145229);
	assert_rel(ti->ca_p, 0.375849849531785);
	assert_rel(ti->ca_q, 0.375849849531785);	/* p.adjust over the 8 items with a test */
	assert_rel(ti->slope, 0.0871369294605801);
	assert_rel(ti->slope_se, 0.00562466461067504);

	ti = titem(&t, "C05");	/* 8/8, 7/9, 8/10 */
	assert_rel(ti->points[1].fisher_p, 0.470588235294118);
	assert_rel(ti->ca_chisq, 1.28838174273859);
	assert_rel(ti->ca_p, 0.256346389145518);
	assert_rel(ti->ca_q, 0.292967301880592);
	assert_rel(ti->slope, -0.0954356846473016);
	assert_rel(ti->slope_se, 0.0707100693913386);

	ti = titem(&t, "S03");	/* 0/8, 0/9, 6/10 */
	assert_rel(ti->ca_p, 0.0015628849366777);
	assert_rel(ti->ca_q, 0.0125030794934216);

	ti = titem(&t, "C03");	/* always 100%: no trend statistic */
	assert_true(isnan(ti->ca_chisq) && isnan(ti->ca_p) && isnan(ti->ca_q));
	ti = titem(&t, "C09");	/* only 115 has n > 0 */
	assert_int_equal(ti->npoints, 1);
	assert_true(isnan(ti->slope) && isnan(ti->ca_p));
	ti = titem(&t, "C04");
	assert_int_equal(ti->npoints, 0);
	trend_release(&t);
}

static void test_trend_year_summary(void **state)
{
	struct analysis_params p;
	struct trend t;

	analysis_params_default(&p, 0);
	assert_int_equal(trend_run(*state, 113, 116, NULL, &p, &t), 0);
	assert_int_equal(t.nyears, 3);	/* 116 has no results */
	assert_int_equal(t.years[0].vendors, 8);
	/* t.test(c(3, rep(2, 7)))$conf.int */
	assert_rel(t.years[0].mean_findings, 2.125);
	assert_rel(t.years[0].mean_lo, 1.8294219685509);
	assert_rel(t.years[0].mean_hi, 2.4205780314491);
	/* t.test(c(6,4,6,4,4,3,2,2,1,2))$conf.int */
	assert_int_equal(t.years[2].year, 115);
	assert_rel(t.years[2].mean_findings, 3.4);
	assert_rel(t.years[2].mean_lo, 2.174809888807);
	assert_rel(t.years[2].mean_hi, 4.625190111193);
	assert_int_equal(t.years[2].with_any, 10);
	assert_rel(t.years[2].share_lo, 0.722467200137111);
	trend_release(&t);
}

static void test_trend_one_item_and_two_years(void **state)
{
	struct analysis_params p;
	struct trend t;

	analysis_params_default(&p, 0);
	assert_int_equal(trend_run(*state, 114, 115, "C05", &p, &t), 0);
	assert_int_equal(t.nitems, 1);
	assert_int_equal(t.items[0].npoints, 2);
	assert_rel(t.items[0].points[1].fisher_p, 1);	/* fisher.test(matrix(c(7,2,8,2), 2, byrow=TRUE)) */
	assert_true(isnan(t.items[0].ca_p));		/* fewer than 3 years */
	trend_release(&t);

	assert_int_equal(trend_run(*state, 113, 115, "C99", &p, &t), JAUDIT_EDATA);
	assert_int_equal(trend_run(*state, 100, 105, NULL, &p, &t), JAUDIT_EDATA);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_analysis_item_figures_match_r),
		cmocka_unit_test(test_analysis_vendor_unit_is_the_worst_over_contracts_and_sessions),
		cmocka_unit_test(test_analysis_items_sorted_by_rate_then_ci_low),
		cmocka_unit_test(test_analysis_exact_intervals_match_binom_test),
		cmocka_unit_test(test_analysis_level_and_p0),
		cmocka_unit_test(test_analysis_strict_counts_only_noncompliant),
		cmocka_unit_test(test_analysis_category_filter_adjusts_over_its_items),
		cmocka_unit_test(test_analysis_groups_count_vendors_with_any_finding),
		cmocka_unit_test(test_analysis_vendors_ranked_with_shared_ranks),
		cmocka_unit_test(test_analysis_pairs_phi_and_fisher),
		cmocka_unit_test(test_analysis_agreement_matches_r),
		cmocka_unit_test(test_analysis_year_without_results),
		cmocka_unit_test(test_analysis_year_without_checklist_is_an_error),
		cmocka_unit_test(test_analysis_json_has_the_spec_keys),
		cmocka_unit_test(test_analysis_json_write_is_the_same_document),
		cmocka_unit_test(test_analysis_matrix_rows_by_findings),
		cmocka_unit_test(test_yearpass_plan_sorts_nothing),
		cmocka_unit_test(test_trend_matches_prop_trend_test),
		cmocka_unit_test(test_trend_year_summary),
		cmocka_unit_test(test_trend_one_item_and_two_years),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
