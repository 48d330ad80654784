/*
 * test_charts.c - every chart drawn from figures filled by hand
 * (plots_fixture.h), as PNG and SVG, in Chinese and English.  The images
 * stay in tests/out/charts/ for a person to look at.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "plots_testutil.h"

#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../plots/charts.h"
#include "plots_fixture.h"

#define OUT TEST_DATA_DIR "/../out/charts"

static const char *const chart_names[] = {
	"common", "dimensions", "trend", "status", "burndown", "closure", "heatmap",
};

static int draw_all(const struct chart_opts *o, const struct figures *f)
{
	if (chart_common(o, &f->a) < 0 || chart_dimensions(o, &f->a) < 0 ||
	    chart_trend(o, &f->t, 5) < 0 || chart_status(o, &f->s) < 0 ||
	    chart_burndown(o, 115, f->s.as_of, f->burn, f->nburn) < 0 ||
	    chart_closure(o, &f->s) < 0 || chart_heatmap(o, 115, &f->m) < 0)
		return -1;
	return 0;
}

static void check_files(const char *dir, const char *ext)
{
	char path[512];
	size_t i;
	long n;

	for (i = 0; i < sizeof(chart_names) / sizeof(chart_names[0]); i++) {
		char *buf;

		snprintf(path, sizeof(path), "%s/%s.%s", dir, chart_names[i], ext);
		buf = slurp(path, &n);
		assert_true(n > 1000);
		if (ext[0] == 'p')
			assert_memory_equal(buf, "\x89PNG\r\n\x1a\n", 8);
		else
			assert_non_null(strstr(buf, "<svg"));
		free(buf);
	}
}

static void test_every_chart_as_png(void **state)
{
	struct chart_opts o = { OUT "/png", CHART_PNG, 0, 0, 0 };
	struct figures f;

	(void)state;
	mkdir_p(o.outdir);
	fixture_fill(&f, NULL);
	assert_int_equal(draw_all(&o, &f), 0);
	check_files(o.outdir, "png");
	fixture_release(&f);
}

/* The SVGs hold their Chinese labels as text. */
static void test_svg_charts_hold_chinese_text(void **state)
{
	struct chart_opts o = { OUT "/svg", CHART_SVG, 0, 0, 0 };
	struct figures f;
	char *s;

	(void)state;
	mkdir_p(o.outdir);
	fixture_fill(&f, NULL);
	assert_int_equal(draw_all(&o, &f), 0);
	check_files(o.outdir, "svg");
	fixture_release(&f);

	s = slurp(OUT "/svg/common.svg", NULL);
	assert_contains(s, "115年度 各檢核項目之發現事項比率（95% Wilson 信賴區間）");
	assert_contains(s, "<text>S01 資安人力資源</text>");	/* 10 of 12, the top bar */
	assert_contains(s, "<text>10/12</text>");
	assert_contains(s, "<text>3/8</text>");	/* S16 applies to 8 vendors */
	assert_contains(s, "共同發現事項（q ≤ 0.05）");
	assert_contains(s, "p0 = 30%");
	assert_null(strstr(s, "S17"));	/* n = 0: no bar */
	assert_contains(s, "font-family=\"Noto Sans CJK TC\"");
	free(s);
	s = slurp(OUT "/svg/dimensions.svg", NULL);
	assert_contains(s, "<text>事件通報應變</text>");
	assert_contains(s, "<text>特定契約</text>");
	free(s);
	s = slurp(OUT "/svg/trend.svg", NULL);
	assert_contains(s, "113–115年度");
	assert_contains(s, "<text>S01 資安人力資源</text>");
	/* one panel per item, and the findings per vendor in a panel of its own
	 * (it was a right axis): 115's mean is 9.5 - 2 x 1.2 in the fixture */
	assert_contains(s, "<text>平均每家廠商發現數</text>");
	assert_contains(s, "<text>7.1</text>");
	free(s);
	s = slurp(OUT "/svg/status.svg", NULL);
	assert_contains(s, "<text>衛生福利部</text>");
	assert_contains(s, "<text>風險接受</text>");
	assert_contains(s, "截至115年11月20日");
	assert_contains(s, "<text>26（逾期 3）</text>");	/* 資安署: 4+6+3+12+1, 4/2+1 overdue */
	free(s);
	s = slurp(OUT "/svg/burndown.svg", NULL);
	assert_contains(s, "<text>115/06</text>");
	assert_contains(s, "未結案件數");
	free(s);
	s = slurp(OUT "/svg/closure.svg", NULL);
	assert_contains(s, "中位數 133 天");
	free(s);
	s = slurp(OUT "/svg/heatmap.svg", NULL);
	assert_contains(s, "<text>廠商A</text>");
	assert_contains(s, "<text>廠商L</text>");
	assert_null(strstr(s, "資訊股份有限公司"));	/* anonymised */
	assert_contains(s, "<text>部分符合</text>");
	free(s);
}

static void test_english_labels(void **state)
{
	struct chart_opts o = { OUT "/en", CHART_SVG, 1, 0, 0 };
	struct figures f;
	char *s;

	(void)state;
	mkdir_p(o.outdir);
	fixture_fill(&f, NULL);
	assert_int_equal(chart_common(&o, &f.a), 0);
	assert_int_equal(chart_heatmap(&o, 115, &f.m), 0);
	fixture_release(&f);
	s = slurp(OUT "/en/common.svg", NULL);
	assert_contains(s, "<text>S01 Security staff &amp; resources</text>");
	assert_contains(s, "common finding (q ≤ 0.05)");
	free(s);
	s = slurp(OUT "/en/heatmap.svg", NULL);
	assert_contains(s, "<text>Vendor A</text>");
	assert_contains(s, "<text>Noncompliant</text>");
	free(s);
}

/* --names: a name with quotes, spaces and markup reaches the chart intact;
 * --keep-scripts leaves the script and data beside the image. */
static void test_names_intact_and_scripts_kept(void **state)
{
	struct chart_opts o = { OUT "/names", CHART_SVG, 0, 1, 1 };
	struct figures f;
	char *s;

	(void)state;
	mkdir_p(o.outdir);
	fixture_fill(&f, "\"好\" 資訊 & Co's <A>_{b}");
	assert_int_equal(chart_heatmap(&o, 115, &f.m), 0);
	fixture_release(&f);
	s = slurp(OUT "/names/heatmap.svg", NULL);
	assert_contains(s, "<text>\"好\" 資訊 &amp; Co's &lt;A>_{b}</text>");
	assert_contains(s, "<text>第2資訊股份有限公司</text>");
	free(s);
	s = slurp(OUT "/names/heatmap.gp", NULL);
	assert_contains(s, "set terminal svg");
	assert_null(strstr(s, "好"));	/* names only in the data */
	free(s);
	s = slurp(OUT "/names/heatmap_vendors.dat", NULL);
	assert_contains(s, "\"\001好\001 資訊 & Co's <A>_{b}\"");
	free(s);
	assert_int_equal(access(OUT "/names/heatmap.dat", R_OK), 0);
	assert_int_equal(access(OUT "/names/heatmap_items.dat", R_OK), 0);
}

/* What `plot all` and `report` draw, and why they leave a chart out. */
static void test_figures_allow_and_draw_by_name(void **state)
{
	struct chart_opts o = { OUT "/byname", CHART_SVG, 0, 0, 0 };
	struct figures f;
	size_t i;

	(void)state;
	mkdir_p(o.outdir);
	fixture_fill(&f, NULL);
	for (i = 0; i < figures_nchart_names; i++) {
		assert_null(figures_why_not(&f, figures_chart_names[i], 0));
		assert_int_equal(figures_draw(&f, figures_chart_names[i], &o, 3), 0);
	}
	assert_int_equal(figures_needs("pie"), 0);
	f.t.nyears = 1;
	assert_string_equal(figures_why_not(&f, "trend", 1), "the database holds the results of one year only");
	f.s.total = 0;
	assert_string_equal(figures_why_not(&f, "closure", 0), "本年度尚無改善追蹤紀錄（請先執行 jaudit track sync）");
	f.a.vendors = 0;
	assert_string_equal(figures_why_not(&f, "common", 1), "the year has no results");
	assert_null(figures_why_not(&f, "heatmap", 1));	/* the matrix still has rows */
	fixture_release(&f);
}

static void test_alias_letters(void **state)
{
	char buf[64];

	(void)state;
	chart_vendor_alias(0, 0, buf, sizeof(buf));
	assert_string_equal(buf, "廠商A");
	chart_vendor_alias(25, 0, buf, sizeof(buf));
	assert_string_equal(buf, "廠商Z");
	chart_vendor_alias(26, 0, buf, sizeof(buf));
	assert_string_equal(buf, "廠商AA");
	chart_vendor_alias(27, 1, buf, sizeof(buf));
	assert_string_equal(buf, "Vendor AB");
	chart_vendor_alias(701, 0, buf, sizeof(buf));
	assert_string_equal(buf, "廠商ZZ");
	chart_vendor_alias(702, 0, buf, sizeof(buf));
	assert_string_equal(buf, "廠商AAA");
}

static void test_nothing_to_draw_is_an_error(void **state)
{
	struct chart_opts o = { OUT "/empty", CHART_PNG, 0, 0, 0 };
	struct remed_summary s;
	struct rating_matrix m;

	(void)state;
	memset(&s, 0, sizeof(s));
	memset(&m, 0, sizeof(m));
	s.year = 115;
	assert_int_equal(chart_status(&o, &s), JAUDIT_EDATA);
	assert_int_equal(chart_closure(&o, &s), JAUDIT_EDATA);
	assert_int_equal(chart_heatmap(&o, 115, &m), JAUDIT_EDATA);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_chart_as_png),
		cmocka_unit_test(test_svg_charts_hold_chinese_text),
		cmocka_unit_test(test_english_labels),
		cmocka_unit_test(test_names_intact_and_scripts_kept),
		cmocka_unit_test(test_figures_allow_and_draw_by_name),
		cmocka_unit_test(test_alias_letters),
		cmocka_unit_test(test_nothing_to_draw_is_an_error),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
