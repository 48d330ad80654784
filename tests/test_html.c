/*
 * test_html.c - HTML escaping, the report tables (HTML and CSV from one
 * source), inlined SVG, and the report page written from figures filled by
 * hand (plots_fixture.h); the page stays in tests/out/report-fixture/.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "plots_testutil.h"

#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../plots/charts.h"
#include "../plots/html.h"
#include "plots_fixture.h"

#define OUT TEST_DATA_DIR "/../out/report-fixture"

static void test_escape_markup_quotes_and_chinese(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	html_escape(&sb, "<script>alert('x')</script> & \"好\" 資訊");
	assert_string_equal(sb.buf, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;好&quot; 資訊");
	strbuf_reset(&sb);
	html_escape(&sb, "");
	html_escape(&sb, NULL);
	assert_string_equal(sb.buf, "");
	strbuf_reset(&sb);
	html_escape(&sb, "&amp;");	/* already escaped text is escaped again: shown as typed */
	assert_string_equal(sb.buf, "&amp;amp;");
	strbuf_release(&sb);
}

static void test_table_html_escapes_every_cell(void **state)
{
	static const char *const head[] = { "名稱", "n<" };
	static const unsigned char num[] = { RTABLE_TEXT, RTABLE_NUM };
	struct strbuf sb = STRBUF_INIT;
	struct rtable t;

	(void)state;
	rtable_init(&t, 2, head, num, 0);
	rtable_cell(&t, "<b>甲</b>", NULL);
	rtable_cell(&t, "3", NULL);
	assert_int_equal(rtable_rows(&t), 1);
	rtable_html(&t, "t1", "A & B", &sb);
	assert_string_equal(sb.buf,
		"<table id=\"t1\">\n<caption>A &amp; B</caption>\n"
		"<thead><tr><th>名稱</th><th class=\"n\">n&lt;</th></tr></thead>\n"
		"<tbody>\n<tr><td>&lt;b&gt;甲&lt;/b&gt;</td><td class=\"n\">3</td></tr>\n</tbody>\n</table>\n");
	rtable_release(&t);
	strbuf_release(&sb);
}

static void test_table_csv_has_bom_and_splits_intervals(void **state)
{
	static const char *const head[] = { "項目", "比率", "信賴區間" };
	static const unsigned char num[] = { RTABLE_TEXT, RTABLE_NUM, RTABLE_INTERVAL };
	char path[] = "/tmp/jaudit-test-csv.XXXXXX";
	struct rtable t;
	char *s;
	int fd = mkstemp(path);

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	rtable_init(&t, 3, head, num, 0);
	rtable_cell(&t, "C01, \"甲\"", NULL);
	rtable_cell(&t, "75.0%", "0.75");
	rtable_cell(&t, "46.8–91.1%", "0.4677\t0.9111");
	assert_int_equal(rtable_csv(&t, path), 0);
	rtable_release(&t);
	s = slurp(path, NULL);
	assert_string_equal(s, "\xEF\xBB\xBF項目,比率,信賴區間下限,信賴區間上限\r\n"
			    "\"C01, \"\"甲\"\"\",0.75,0.4677,0.9111\r\n");
	free(s);
	unlink(path);
}

static void test_inline_svg_drops_prolog_and_prefixes_ids(void **state)
{
	char path[] = "/tmp/jaudit-test-svg.XXXXXX";
	struct strbuf sb = STRBUF_INIT;
	FILE *fp;
	int fd = mkstemp(path);

	(void)state;
	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	fputs("<?xml version=\"1.0\"?>\n<svg viewBox=\"0 0 10 10\">\n<title>Gnuplot</title>\n"
	      "<path id='gpPt0' d='M0,0'/><use xlink:href='#gpPt0'/><g fill=\"url(#grad)\" id=\"x\"/></svg>\n", fp);
	fclose(fp);
	assert_int_equal(html_inline_svg(&sb, path, "c2-"), 0);
	assert_string_equal(sb.buf, "<svg viewBox=\"0 0 10 10\">\n                      \n"
			    "<path id='c2-gpPt0' d='M0,0'/><use xlink:href='#c2-gpPt0'/>"
			    "<g fill=\"url(#c2-grad)\" id=\"c2-x\"/></svg>\n");
	strbuf_release(&sb);
	fp = fopen(path, "w");
	fputs("not an image", fp);
	fclose(fp);
	assert_int_equal(html_inline_svg(&sb, path, "c1-"), JAUDIT_EDATA);
	unlink(path);
	strbuf_release(&sb);
}

/* The whole page from the fixture: sections, tables, charts, escaping, CSV. */
static void test_report_page_from_figures(void **state)
{
	struct chart_opts o = { OUT, CHART_SVG, 0, 0, 0 };
	struct report_chart charts[] = {
		{ "common", "各檢核項目之發現事項比率", OUT "/common.svg" },
		{ "heatmap", "各廠商各檢核項目之評等", OUT "/heatmap.svg" },
	};
	struct report_overdue overdue[] = {
		{ "115-07-C01", "C01", "資安署", { 2026, 8, 12 }, 100, REMED_IN_PROGRESS },
		{ "115-09-S03-K1", "S03", "數位發展部 <資訊處>", { 2026, 10, 1 }, 50, REMED_OPEN },
	};
	struct report_input in;
	struct figures f;
	char *s;

	(void)state;
	mkdir_p(OUT);
	fixture_fill(&f, NULL);
	free(f.a.items[0].question);
	f.a.items[0].question = xstrdup("是否 <b>已</b> 訂定 \"規範\" & 落實？");
	/* 1 of 16: 6.25% prints 6.3%, rounded half away from zero as 'jaudit analyze' prints it */
	f.a.items[26].n = 16;
	f.a.items[26].k = 1;
	f.a.items[26].rate = 0.0625;
	assert_int_equal(chart_common(&o, &f.a), 0);
	assert_int_equal(chart_heatmap(&o, 115, &f.m), 0);
	memset(&in, 0, sizeof(in));
	in.as_of = f.s.as_of;
	in.a = &f.a;
	in.t = &f.t;
	in.s = &f.s;
	in.overdue = overdue;
	in.noverdue = 2;
	in.charts = charts;
	in.ncharts = 2;
	assert_int_equal(report_page_write(OUT, &in), 0);
	s = slurp(OUT "/index.html", NULL);
	assert_contains(s, "<title>115年度受託者資通安全聯合稽核 共同發現事項分析報告</title>");
	assert_contains(s, "資料截至115年11月20日");
	assert_contains(s, "<section id=\"overview\">");
	assert_contains(s, "<table id=\"common\">");
	assert_contains(s, "<table id=\"dimensions\">");
	assert_contains(s, "<table id=\"pairs\">");
	assert_contains(s, "<table id=\"agreement\">");
	assert_contains(s, "<table id=\"remediation\">");
	assert_contains(s, "<table id=\"overdue\">");
	assert_contains(s, "<table id=\"closure\">");
	assert_contains(s, "<table id=\"trend_years\">");
	assert_contains(s, "<table id=\"trend_items\">");
	assert_contains(s, "<section id=\"methods\">");
	assert_contains(s, "<figure id=\"chart-common\"");
	assert_contains(s, "<text>S01 資安人力資源</text>");	/* the inline SVG */
	assert_contains(s, "id='c2-gpPt0'");
	assert_null(strstr(s, "<?xml"));
	assert_null(strstr(s, "http://fonts"));
	/* the top item, S01: 10 of 12, Wilson 95% from R prop.test(10, 12, correct = FALSE): 0.5520 0.9530 */
	assert_contains(s, "<tr><td class=\"c\">C03</td>");	/* 5 of 12, not common */
	assert_contains(s, "<tr class=\"mark\"><td class=\"c\">S01</td><td class=\"c\">特定契約</td><td>配置適當之資通安全專業人員及適當之資源</td>"
			"<td>是否 &lt;b&gt;已&lt;/b&gt; 訂定 &quot;規範&quot; &amp; 落實？</td>");
	assert_contains(s, "<td class=\"n\">83.3%</td><td class=\"n\">55.2%–95.3%</td>");
	assert_contains(s, "<td>數位發展部 &lt;資訊處&gt;</td><td>115年10月1日</td><td class=\"n\">50</td>");
	assert_contains(s, "共 46 件，已結案 25 件；自稽核日至結案之中位數：133 天。");
	assert_contains(s, "<td class=\"n\">16</td><td class=\"n\">1</td><td class=\"n\">6.3%</td>");
	assert_contains(s, "p0 = 0.3");
	assert_contains(s, "@page{size:A4");
	/* print: a new page before the charts and the appendices only (it was
	 * before every section), the browser's header and footer kept off */
	assert_contains(s, "section#charts,section#methods~section{break-before:page}");
	assert_contains(s, "@top-left{content:\"\"}");
	assert_contains(s, "tr,figure,.tile,table{break-inside:avoid}");
	free(s);
	s = slurp(OUT "/common.csv", NULL);
	assert_contains(s, "\xEF\xBB\xBF項目,類別,構面,檢核項目,稽核依據,n,k,比率,信賴區間下限,信賴區間上限,p 值,q 值,共同發現\r\n");
	assert_contains(s, "S01,特定契約,配置適當之資通安全專業人員及適當之資源,\"是否 <b>已</b> 訂定 \"\"規範\"\" & 落實？\",");
	/* R: prop.test(10, 12, correct = FALSE)$conf.int = 0.5519691377 0.9530348578 */
	assert_contains(s, ",12,10,0.8333333333,0.5519691377,0.9530348578,");
	free(s);
	s = slurp(OUT "/overdue.csv", NULL);
	assert_contains(s, "115-09-S03-K1,S03,數位發展部 <資訊處>,2026-10-01,50,待改善\r\n");
	free(s);
	fixture_release(&f);
}

static void test_report_page_english_without_remediation(void **state)
{
	struct report_input in;
	struct figures f;
	char *s;

	(void)state;
	mkdir_p(OUT "/en");
	fixture_fill(&f, NULL);
	f.a.agreement.available = 0;
	memset(&in, 0, sizeof(in));
	in.en = 1;
	in.as_of = f.s.as_of;
	in.a = &f.a;
	assert_int_equal(report_page_write(OUT "/en", &in), 0);
	s = slurp(OUT "/en/index.html", NULL);
	assert_contains(s, "<html lang=\"en\">");
	assert_contains(s, "As of 115/11/20 · prepared by jaudit");
	assert_contains(s, "7. Remediation, as of 115/11/20");
	assert_contains(s, "Joint security audit of government contractors, year 115: analysis of common findings");
	assert_contains(s, "The year has no remediation records yet (run &#39;jaudit track sync&#39;).");
	assert_contains(s, "No auditor&#39;s own ratings were loaded for the year");
	assert_contains(s, "The database holds the results of one year only");
	free(s);
	s = slurp(OUT "/en/remediation.csv", NULL);
	assert_string_equal(s, "\xEF\xBB\xBFowner,Open,In progress,Pending verification,Closed,Risk accepted,total,overdue\r\n");
	free(s);
	fixture_release(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape_markup_quotes_and_chinese),
		cmocka_unit_test(test_table_html_escapes_every_cell),
		cmocka_unit_test(test_table_csv_has_bom_and_splits_intervals),
		cmocka_unit_test(test_inline_svg_drops_prolog_and_prefixes_ids),
		cmocka_unit_test(test_report_page_from_figures),
		cmocka_unit_test(test_report_page_english_without_remediation),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
