/*
 * report_years.c - the report's appendices on the vendors across the years
 * (report_years.h): repeat findings vendor by vendor (repeats.h), and the
 * year's findings by 稽核依據 with the funnel plot's vendors (basis.h,
 * funnel.h).  Vendors appear by code (廠商A …); the internal edition adds
 * the names to the funnel's table.
 */
#include "report_years.h"
#include "charts.h"
#include "figures.h"
#include "html.h"
#include "../analyze/basis.h"
#include "../analyze/funnel.h"
#include "../analyze/repeats.h"
#include "../core/date.h"
#include "../core/numfmt.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define L(z, e) (rp->en ? (e) : (z))

struct rpage {
	int en;
	const char *dir;
	struct strbuf *html;
	int rc;
};

static void begin(struct rpage *rp, const char *id, const char *title, const char *note)
{
	strbuf_addf(rp->html, "<section id=\"%s\">\n<h2>", id);
	html_escape(rp->html, title);
	strbuf_adds(rp->html, "</h2>\n");
	if (note) {
		strbuf_adds(rp->html, "<p class=\"note\">");
		html_escape(rp->html, note);
		strbuf_adds(rp->html, "</p>\n");
	}
}

/* The table into the page and dir/ID.csv; keeps the first error. */
static void put_table(struct rpage *rp, struct rtable *t, const char *id, const char *caption)
{
	struct strbuf path = STRBUF_INIT;

	rtable_html(t, id, caption, rp->html);
	strbuf_addf(&path, "%s/%s.csv", rp->dir, id);
	if (rtable_csv(t, path.buf) < 0 && rp->rc == 0)
		rp->rc = JAUDIT_EDATA;
	strbuf_release(&path);
	rtable_release(t);
}

/* a number shown rounded, written in full to the CSV */
static void cell_num(struct rtable *t, double x, int pct, int decimals)
{
	char s[32], r[32] = "";

	if (pct)
		numfmt_pct(s, sizeof(s), x, decimals);
	else
		numfmt_fixed(s, sizeof(s), x, decimals);
	if (!isnan(x))
		snprintf(r, sizeof(r), "%.10g", x);
	rtable_cell(t, s, r);
}

static void cell_u(struct rtable *t, unsigned v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%u", v);
	rtable_cell(t, buf, NULL);
}

static void cell_ci(struct rtable *t, double lo, double hi)
{
	char s[64], r[64] = "";

	numfmt_interval(s, sizeof(s), lo, hi, "–");
	if (!isnan(lo))
		snprintf(r, sizeof(r), "%.10g\t%.10g", lo, hi);
	else
		snprintf(r, sizeof(r), "\t");
	rtable_cell(t, s, r);
}

static void cell_date(struct rtable *t, const char *iso, int en)
{
	struct jdate d;
	char roc[DATE_ROC_LEN];

	if (date_from_db(iso, &d) < 0) {	/* checked as repeats_run() read it */
		rtable_cell(t, iso, NULL);
		return;
	}
	chart_date(d, en, roc);
	rtable_cell(t, roc, iso);
}

static void repeats_items(struct rpage *rp, const struct repeats *r)
{
	static const char *const zh[] = { "項目", "再次發現", "已改善", "新發現", "重複率", "信賴區間", "結案後再發現" };
	static const char *const en[] = { "item", "repeated", "fixed", "new", "repeat rate", "interval", "closed then failed" };
	static const unsigned char num[] = { 0, 1, 1, 1, 1, 2, 1 };
	struct rtable t;
	size_t i;

	rtable_init(&t, 7, rp->en ? en : zh, num, rp->en);
	for (i = 0; i <= r->nitems; i++) {
		const struct repeat_item *it = i < r->nitems ? &r->items[i] : &r->total;

		rtable_cell(&t, i < r->nitems ? it->code : L("全部", "all"), NULL);
		cell_u(&t, it->repeated);
		cell_u(&t, it->fixed);
		cell_u(&t, it->fresh);
		cell_num(&t, it->rate, 1, 1);
		cell_ci(&t, it->ci_low, it->ci_high);
		cell_u(&t, it->closed_failed);
	}
	put_table(rp, &t, "repeats", L("各檢核項目：同一廠商相鄰兩次受稽核之比較",
				       "Each item: a vendor's consecutive audits compared"));
}

static void repeats_closed(struct rpage *rp, const struct repeats *r)
{
	static const char *const zh[] = { "追蹤編號", "項目", "結案日期", "下次稽核日" };
	static const char *const en[] = { "record", "item", "closed", "next audit" };
	static const unsigned char num[] = { RTABLE_CODE, RTABLE_CODE, 0, 0 };
	struct rtable t;
	size_t i;

	rtable_init(&t, 4, rp->en ? en : zh, num, rp->en);
	for (i = 0; i < r->nclosed; i++) {
		rtable_cell(&t, r->closed[i].record, NULL);
		rtable_cell(&t, r->closed[i].code, NULL);
		cell_date(&t, r->closed[i].closed_on, rp->en);
		cell_date(&t, r->closed[i].audit2, rp->en);
	}
	put_table(rp, &t, "repeats_closed", L("已結案後於下次稽核再次發現", "Closed (已結案), then found again at the next audit"));
}

static int repeats_section(sqlite3 *db, struct rpage *rp, const struct analysis_params *p, int from)
{
	struct repeats r;
	char note[1024];

	if (!from || from >= p->year) {
		begin(rp, "repeats-section", L("附錄一、同一廠商之重複發現", "Appendix 1. The same vendor's findings again"),
		      L("資料庫僅有一個年度之結果，尚無法比較同一廠商之歷年發現事項。",
			"The database holds the results of one year only; no vendor can be followed across years yet."));
		strbuf_adds(rp->html, "</section>\n");
		return 0;
	}
	if (repeats_run(db, from, p->year, p, &r) < 0)
		return JAUDIT_EDATA;
	snprintf(note, sizeof(note),
		 rp->en ? "Years %d–%d: %u vendors were audited in two or more years. Each pair of a vendor's consecutive audits is compared item by item: repeated (a finding both times), fixed (a finding, then none), new (none, then a finding). The repeat rate is repeated / (repeated + fixed), with its %g%% interval (%s). Closed then failed: a remediation record closed (已結案) on or before the vendor's next audit, whose item was found again there."
			: "%d–%d年度間受稽核兩個年度以上之廠商 %u 家。逐一比較各廠商相鄰兩次受稽核之同一檢核項目：再次發現（兩次皆有發現事項）、已改善（前次有、下次無）、新發現（前次無、下次有）。重複率＝再次發現 ÷（再次發現＋已改善），附 %g%% 信賴區間（%s）。結案後再發現：改善追蹤紀錄於下次稽核日前已結案，而該項目於下次稽核再次發現者。",
		 from, p->year, r.vendors, 100 * p->level, p->exact ? "Clopper–Pearson" : "Wilson");
	begin(rp, "repeats-section", L("附錄一、同一廠商之重複發現", "Appendix 1. The same vendor's findings again"), note);
	repeats_items(rp, &r);
	repeats_closed(rp, &r);
	strbuf_adds(rp->html, "</section>\n");
	repeats_release(&r);
	return 0;
}

static void basis_table(struct rpage *rp, const struct basis_rollup *r)
{
	static const char *const zh[] = { "稽核依據", "檢核項目", "適用廠商", "有發現事項之廠商", "比率", "信賴區間", "發現事項" };
	static const char *const en[] = { "basis", "items", "vendors", "with a finding", "rate", "interval", "findings" };
	static const unsigned char num[] = { 0, RTABLE_CODE, 1, 1, 1, 2, 1 };
	struct rtable t;
	char codes[512];
	size_t i;

	rtable_init(&t, 7, rp->en ? en : zh, num, rp->en);
	for (i = 0; i < r->n; i++) {
		const struct basis_stat *b = &r->b[i];

		rtable_cell(&t, b->basis, NULL);
		basis_codes_text(b, codes, sizeof(codes));
		rtable_cell(&t, codes, NULL);
		cell_u(&t, b->n);
		cell_u(&t, b->k);
		cell_num(&t, b->rate, 1, 1);
		cell_ci(&t, b->ci_low, b->ci_high);
		cell_u(&t, b->findings);
	}
	put_table(rp, &t, "basis", L("各稽核依據：適用廠商與有發現事項之廠商（每家廠商於每一依據計一次）",
				     "Each legal basis: vendors it applies to and vendors with a finding (each vendor once per basis)"));
}

static const char *funnel_verdict(const struct funnel_point *pt, int en)
{
	if (pt->above998)
		return en ? "above 99.8%" : "高於 99.8% 上限";
	if (pt->above95)
		return en ? "above 95%" : "高於 95% 上限";
	if (pt->below998)
		return en ? "below 99.8%" : "低於 99.8% 下限";
	if (pt->below95)
		return en ? "below 95%" : "低於 95% 下限";
	return en ? "within" : "界限內";
}

static void funnel_table(struct rpage *rp, const struct funnel *f, int names)
{
	static const char *const zh[] = { "廠商", "廠商名稱", "適用項目", "有發現事項", "比率", "95% 上限", "99.8% 上限", "判讀" };
	static const char *const en[] = { "vendor", "name", "items", "with a finding", "share", "95% upper", "99.8% upper", "reading" };
	static const unsigned char num[] = { RTABLE_CODE, 0, 1, 1, 1, 1, 1, 0 };
	const char *head[8];
	unsigned char kinds[8];
	struct rtable t;
	size_t i, j, ncols = 0;
	char code[64];

	for (j = 0; j < 8; j++)
		if (j != 1 || names) {
			head[ncols] = rp->en ? en[j] : zh[j];
			kinds[ncols++] = num[j];
		}
	rtable_init(&t, ncols, head, kinds, rp->en);
	for (i = 0; i < f->npoints; i++) {
		const struct funnel_point *pt = &f->points[i];
		const struct funnel_limits *l = funnel_at(f, pt->n);

		if (pt->above95 || pt->below95)
			rtable_mark_row(&t);
		chart_vendor_alias(pt->index, rp->en, code, sizeof(code));
		rtable_cell(&t, code, NULL);
		if (names)
			rtable_cell(&t, pt->name ? pt->name : pt->taxid, NULL);
		cell_u(&t, pt->n);
		cell_u(&t, pt->k);
		cell_num(&t, pt->y, 1, 1);
		cell_num(&t, l ? l->lim[FUNNEL_HI95] : NAN, 1, 1);
		cell_num(&t, l ? l->lim[FUNNEL_HI998] : NAN, 1, 1);
		rtable_cell(&t, funnel_verdict(pt, rp->en), NULL);
	}
	put_table(rp, &t, "funnel", L("漏斗圖之各廠商（依發現事項數排序，代號同熱圖）",
				      "The funnel plot's vendors (by findings, codes as in the heat map)"));
}

static int basis_section(sqlite3 *db, struct rpage *rp, const struct analysis_params *p,
			 const struct analysis *a, int names)
{
	struct basis_rollup r;
	struct funnel f;
	char note[2048];
	size_t n95;

	if (basis_run(db, p, &r) < 0)
		return JAUDIT_EDATA;
	funnel_compute(a, 1, &f);
	n95 = f.above95 + f.below95;
	snprintf(note, sizeof(note),
		 rp->en ? "By legal basis (the 稽核依據 column of 附件3): a vendor counts once under a basis, with a finding if it has one in any of the basis's items; the rate has its %g%% interval (%s). "
			  "The funnel plot sets each vendor's share of its applicable items with a finding (k/n) against n; the year's share is p0 = %u/%u = %.1f%%. A vendor within the limits differs from p0 no more than chance would make it at its n; "
			  "95%% limits are an alert, 99.8%% an alarm (exact binomial quantiles, smoothed as Spiegelhalter 2005). %zu of %zu vendors lie outside the 95%% limits, %zu outside 99.8%%."
			: "依稽核依據（附件3 之稽核依據欄）彙整：每家廠商於每一依據計一次，於該依據之任一項目有發現事項即計為有發現事項；比率附 %g%% 信賴區間（%s）。"
			  "漏斗圖以各廠商適用項目中有發現事項之比率（k/n）對其適用項目數 n 作圖；全體比率 p0 = %u/%u = %.1f%%。位於界限內之廠商，與 p0 之差距不大於其 n 下之機率變動；"
			  "95%% 界限為提醒、99.8%% 界限為警示（精確二項分布分位數，依 Spiegelhalter 2005 平滑）。%zu 家廠商中 %zu 家超出 95%% 界限，%zu 家超出 99.8%% 界限。",
		 100 * p->level, p->exact ? "Clopper–Pearson" : "Wilson", f.total_k, f.total_n,
		 isnan(f.p0) ? 0.0 : 100 * f.p0,
		 rp->en ? n95 : f.npoints, rp->en ? f.npoints : n95, f.above998 + f.below998);
	begin(rp, "basis-section", L("附錄二、依稽核依據彙整與各廠商之漏斗圖", "Appendix 2. By legal basis, and the vendors' funnel plot"), note);
	basis_table(rp, &r);
	if (f.npoints > 0)
		funnel_table(rp, &f, names);
	strbuf_adds(rp->html, "</section>\n");
	funnel_release(&f);
	basis_release(&r);
	return 0;
}

int report_vendor_years(sqlite3 *db, const struct figures_opts *o, int from,
			const struct analysis *a, int names, struct strbuf *html)
{
	struct rpage rp = { o->en, o->out, html, 0 };

	if (repeats_section(db, &rp, &o->p, from) < 0)
		return JAUDIT_EDATA;
	if (basis_section(db, &rp, &o->p, a, names) < 0)
		return JAUDIT_EDATA;
	return rp.rc;
}
