/*
 * html.c - escaping, the report's tables (HTML and CSV from one source) and
 * the report page (html.h).
 */
#include "html.h"
#include "charts.h"
#include "../core/checklist.h"
#include "../core/csv.h"
#include "../core/err.h"
#include "../core/numfmt.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void html_escape(struct strbuf *sb, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&':
			strbuf_adds(sb, "&amp;");
			break;
		case '<':
			strbuf_adds(sb, "&lt;");
			break;
		case '>':
			strbuf_adds(sb, "&gt;");
			break;
		case '"':
			strbuf_adds(sb, "&quot;");
			break;
		case '\'':
			strbuf_adds(sb, "&#39;");
			break;
		default:
			strbuf_addch(sb, *s);
		}
	}
}

/* --- tables ------------------------------------------------------------------ */

void rtable_init(struct rtable *t, size_t ncols, const char *const *head,
		 const unsigned char *numeric, int en)
{
	size_t i;

	memset(t, 0, sizeof(*t));
	t->lo_name = en ? " low" : "下限";
	t->hi_name = en ? " high" : "上限";
	t->ncols = ncols;
	t->head = xcalloc(ncols, sizeof(*t->head));
	t->numeric = xcalloc(ncols, 1);
	for (i = 0; i < ncols; i++) {
		t->head[i] = xstrdup(head[i]);
		t->numeric[i] = numeric ? numeric[i] : 0;
	}
}

void rtable_cell(struct rtable *t, const char *shown, const char *raw)
{
	if (t->ncells == t->alloc) {
		t->alloc = t->alloc ? 2 * t->alloc : 64;
		t->shown = xrealloc(t->shown, t->alloc * sizeof(*t->shown));
		t->raw = xrealloc(t->raw, t->alloc * sizeof(*t->raw));
	}
	t->shown[t->ncells] = xstrdup(shown ? shown : "");
	t->raw[t->ncells] = xstrdup(raw ? raw : shown ? shown : "");
	t->ncells++;
}

size_t rtable_rows(const struct rtable *t)
{
	return t->ncols ? t->ncells / t->ncols : 0;
}

void rtable_mark_row(struct rtable *t)
{
	size_t row = rtable_rows(t);

	if (row >= t->nmarked) {
		size_t n = 2 * row + 16;

		t->marked = xrealloc(t->marked, n);
		memset(t->marked + t->nmarked, 0, n - t->nmarked);
		t->nmarked = n;
	}
	t->marked[row] = 1;
}

void rtable_html(const struct rtable *t, const char *id, const char *caption, struct strbuf *out)
{
	size_t i, j, rows = rtable_rows(t);

	strbuf_adds(out, "<table id=\"");
	html_escape(out, id);
	strbuf_adds(out, "\">\n");
	if (caption) {
		strbuf_adds(out, "<caption>");
		html_escape(out, caption);
		strbuf_adds(out, "</caption>\n");
	}
	strbuf_adds(out, "<thead><tr>");
	for (j = 0; j < t->ncols; j++) {
		strbuf_adds(out, t->numeric[j] == RTABLE_CODE ? "<th class=\"c\">" :
			    t->numeric[j] ? "<th class=\"n\">" : "<th>");
		html_escape(out, t->head[j]);
		strbuf_adds(out, "</th>");
	}
	strbuf_adds(out, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < rows; i++) {
		strbuf_adds(out, i < t->nmarked && t->marked[i] ? "<tr class=\"mark\">" : "<tr>");
		for (j = 0; j < t->ncols; j++) {
			strbuf_adds(out, t->numeric[j] == RTABLE_CODE ? "<td class=\"c\">" :
				    t->numeric[j] ? "<td class=\"n\">" : "<td>");
			html_escape(out, t->shown[i * t->ncols + j]);
			strbuf_adds(out, "</td>");
		}
		strbuf_adds(out, "</tr>\n");
	}
	strbuf_adds(out, "</tbody>\n</table>\n");
}

/* One CSV record: each interval cell as its two values. */
static void csv_row(FILE *fp, const struct rtable *t, char *const *cells, int header)
{
	size_t j;

	for (j = 0; j < t->ncols; j++) {
		if (j)
			fputc(',', fp);
		if (t->numeric[j] != RTABLE_INTERVAL) {
			csv_write_field(fp, cells[j]);
		} else if (header) {
			struct strbuf sb = STRBUF_INIT;

			strbuf_addf(&sb, "%s%s", cells[j], t->lo_name);
			csv_write_field(fp, sb.buf);
			fputc(',', fp);
			strbuf_reset(&sb);
			strbuf_addf(&sb, "%s%s", cells[j], t->hi_name);
			csv_write_field(fp, sb.buf);
			strbuf_release(&sb);
		} else {
			size_t n = strcspn(cells[j], "\t");
			char *lo = xstrndup(cells[j], n);

			csv_write_field(fp, lo);
			fputc(',', fp);
			csv_write_field(fp, cells[j][n] ? cells[j] + n + 1 : "");
			free(lo);
		}
	}
	fputs("\r\n", fp);
}

int rtable_csv(const struct rtable *t, const char *path)
{
	FILE *fp = fopen(path, "wb");
	size_t i, rows = rtable_rows(t);
	int bad;

	if (!fp)
		return jerror("cannot write '%s': %s", path, strerror(errno));
	fputs("\xEF\xBB\xBF", fp);
	csv_row(fp, t, t->head, 1);
	for (i = 0; i < rows; i++)
		csv_row(fp, t, t->raw + i * t->ncols, 0);
	bad = ferror(fp);
	if (fclose(fp) != 0 || bad)
		return jerror("cannot write '%s': %s", path, strerror(errno));
	return 0;
}

void rtable_release(struct rtable *t)
{
	size_t i;

	for (i = 0; i < t->ncols; i++)
		free(t->head[i]);
	for (i = 0; i < t->ncells; i++) {
		free(t->shown[i]);
		free(t->raw[i]);
	}
	free(t->head);
	free(t->shown);
	free(t->raw);
	free(t->numeric);
	free(t->marked);
	memset(t, 0, sizeof(*t));
}

/* --- inline SVG --------------------------------------------------------------- */

static char *read_file(const char *path, size_t *len)
{
	struct strbuf sb = STRBUF_INIT;
	char buf[65536];
	FILE *fp = fopen(path, "rb");
	size_t n;

	if (!fp)
		return NULL;
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
		strbuf_add(&sb, buf, n);
	fclose(fp);
	*len = sb.len;
	return strbuf_detach(&sb);
}

int html_inline_svg(struct strbuf *out, const char *path, const char *prefix)
{
	static const char *const refs[] = { "id='", "id=\"", "href='#", "href=\"#", "url(#" };
	size_t len, i;
	char *text = read_file(path, &len), *p, *title;

	if (!text)
		return jerror("cannot read the chart '%s': %s", path, strerror(errno));
	p = strstr(text, "<svg");
	if (!p) {
		free(text);
		return jerror("the chart '%s' is not an SVG image", path);
	}
	/* gnuplot's own <title>Gnuplot</title> would show as a tooltip */
	if ((title = strstr(p, "<title>Gnuplot</title>")))
		memset(title, ' ', strlen("<title>Gnuplot</title>"));
	while (*p) {
		for (i = 0; i < sizeof(refs) / sizeof(refs[0]); i++) {
			size_t n = strlen(refs[i]);

			if (strncmp(p, refs[i], n) == 0) {
				strbuf_add(out, p, n);
				strbuf_adds(out, prefix);
				p += n;
				break;
			}
		}
		if (i == sizeof(refs) / sizeof(refs[0]))
			strbuf_addch(out, *p++);
	}
	free(text);
	return 0;
}

/* --- the page --------------------------------------------------------------- */

#define L(z, e) (in->en ? (e) : (z))

static const char css[] =
	"*{box-sizing:border-box}\n"
	"body{font-family:'Noto Sans CJK TC','Noto Sans TC','Microsoft JhengHei','PingFang TC',sans-serif;"
	"color:#222;background:#fff;margin:0 auto;max-width:1100px;padding:24px 32px;line-height:1.55;font-size:15px}\n"
	"h1{font-size:26px;margin:0 0 4px}h2{font-size:20px;border-bottom:2px solid #4a7bb7;padding-bottom:4px;margin-top:40px}\n"
	"h3{font-size:16px;margin:24px 0 8px}.meta{color:#555;margin:0 0 16px}\n"
	"table{border-collapse:collapse;width:100%;margin:8px 0 20px;font-size:13px}\n"
	"caption{text-align:left;font-weight:bold;padding:4px 0;color:#333}\n"
	"th,td{border:1px solid #ccc;padding:4px 6px;vertical-align:top;text-align:left}\n"
	"th{background:#eef3fa}td.n,th.n{text-align:right;white-space:nowrap}th.c{white-space:nowrap}\n"
	"tbody tr:nth-child(even){background:#fafafa}tbody tr.mark td{background:#fbe4de;font-weight:bold}\n"
	"td.c{white-space:nowrap}table#summary{width:auto;min-width:45%}\n"
"table#common{table-layout:fixed}table#common th{white-space:normal}table#common th:nth-child(1){width:5%}table#common th:nth-child(2){width:7.5%}table#common th:nth-child(3){width:10%}table#common th:nth-child(4){width:21%}table#common th:nth-child(5){width:12%}table#common th:nth-child(6){width:3.5%}table#common th:nth-child(7){width:3.5%}table#common th:nth-child(8){width:6%}table#common th:nth-child(9){width:10%}table#common th:nth-child(10){width:5.5%}table#common th:nth-child(11){width:5.5%}table#common th:nth-child(12){width:4.5%}\n"
	".tiles{display:flex;flex-wrap:wrap;gap:12px;margin:12px 0}\n"
	".tile{border:1px solid #d0d8e4;border-radius:6px;padding:10px 14px;min-width:150px;background:#f7f9fc}\n"
	".tile b{display:block;font-size:24px;color:#1d4f91}.tile span{color:#555;font-size:13px}\n"
	"figure{margin:16px 0 28px}figure svg{width:100%;height:auto;display:block}img,svg{max-width:100%}\n"
	"figcaption{color:#444;font-size:13px;margin-top:4px}\n"
	".note{color:#555;font-size:13px}\n"
	"dl.methods dt{font-weight:bold;margin-top:8px}dl.methods dd{margin:2px 0 6px 1.5em}\n"
	/*
	 * Print: A4, the page number in the bottom margin, and every other
	 * margin box given (empty), which keeps the browser's own header and
	 * footer (date, title, file:// address) off the page.  A new page only
	 * before the charts and each appendix (what follows 九、方法說明); other
	 * sections follow on.  A heading stays with what follows it, a caption
	 * with its table, a figure with its caption; a short table is kept
	 * whole, a long one breaks between rows (its header repeats).  Charts
	 * are at most 118 mm tall, so that two share a page, but the first,
	 * which opens the charts' page.
	 */
	"@page{size:A4;margin:14mm 13mm 16mm;"
	"@top-left{content:\"\"}@top-center{content:\"\"}@top-right{content:\"\"}"
	"@bottom-left{content:\"\"}@bottom-right{content:\"\"}"
	"@bottom-center{content:counter(page) \" / \" counter(pages);font-size:8pt;color:#777}}\n"
	"@media print{body{max-width:none;padding:0;font-size:10pt}"
	"section#charts,section#methods~section{break-before:page}"
	"h2{margin-top:16pt}h1,h2,h3,h2+p,h3+p,caption{break-after:avoid}"
	"table{font-size:8.5pt;line-height:1.35}table#common{font-size:8pt}th,td{padding:2px 4px}"
	"th,td,td.n,th.n,td.c,th.c{white-space:normal}thead{display:table-header-group}"
	"tbody tr:first-child,tbody tr:nth-child(2){break-before:avoid}"
	"tr,figure,.tile,table{break-inside:avoid}"
	"table#common,table#trend_items,table#overdue,table#remediation,table#closure,table#repeats{break-inside:auto}"
	"dl.methods{font-size:9.5pt;line-height:1.45}figure{margin:4pt 0 10pt}figure svg{max-height:118mm}figure#chart-common svg{max-height:240mm}}\n";

struct page {
	const struct report_input *in;
	const char *dir;
	struct strbuf html;
	int rc;
};

/* the CSV value of a number: full precision, empty for NAN */
static void fmt_raw(char *buf, size_t size, double x)
{
	if (isnan(x))
		buf[0] = '\0';
	else
		snprintf(buf, size, "%.10g", x);
}

static void cell_u(struct rtable *t, unsigned v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%u", v);
	rtable_cell(t, buf, NULL);
}

static void cell_pct(struct rtable *t, double x)
{
	char s[32], r[32];

	numfmt_pct(s, sizeof(s), x, 1);
	fmt_raw(r, sizeof(r), x);
	rtable_cell(t, s, r);
}

/* an interval: "46.8–91.1%" shown, two full-precision CSV columns */
static void cell_ci(struct rtable *t, double lo, double hi)
{
	char s[64], r[64], a[32], b[32];

	numfmt_interval(s, sizeof(s), lo, hi, "–");
	fmt_raw(a, sizeof(a), lo);
	fmt_raw(b, sizeof(b), hi);
	snprintf(r, sizeof(r), "%s\t%s", a, b);
	rtable_cell(t, s, r);
}

static void cell_p(struct rtable *t, double p)
{
	char s[32], r[32];

	numfmt_p(s, sizeof(s), p);
	fmt_raw(r, sizeof(r), p);
	rtable_cell(t, s, r);
}

static void cell_num(struct rtable *t, double x, int decimals)
{
	char s[32], r[32];

	numfmt_fixed(s, sizeof(s), x, decimals);
	fmt_raw(r, sizeof(r), x);
	rtable_cell(t, s, r);
}

/* shown in ROC form, ISO in the CSV */
static void cell_date(struct rtable *t, struct jdate d, int en)
{
	char roc[DATE_ROC_LEN], iso[DATE_ISO_LEN];

	chart_date(d, en, roc);
	date_iso(d, iso);
	rtable_cell(t, roc, iso);
}

/* Emit the table into the page and write its CSV; keeps the first error. */
static void emit(struct page *pg, struct rtable *t, const char *id, const char *caption)
{
	struct strbuf path = STRBUF_INIT;

	rtable_html(t, id, caption, &pg->html);
	strbuf_addf(&path, "%s/%s.csv", pg->dir, id);
	if (rtable_csv(t, path.buf) < 0 && pg->rc == 0)
		pg->rc = JAUDIT_EDATA;
	strbuf_release(&path);
	rtable_release(t);
}

static void para(struct page *pg, const char *cls, const char *text)
{
	strbuf_adds(&pg->html, cls ? "<p class=\"" : "<p");
	if (cls) {
		strbuf_adds(&pg->html, cls);
		strbuf_adds(&pg->html, "\"");
	}
	strbuf_adds(&pg->html, ">");
	html_escape(&pg->html, text);
	strbuf_adds(&pg->html, "</p>\n");
}

static void section_begin(struct page *pg, const char *id, const char *title)
{
	strbuf_addf(&pg->html, "<section id=\"%s\">\n<h2>", id);
	html_escape(&pg->html, title);
	strbuf_adds(&pg->html, "</h2>\n");
}

static void section_end(struct page *pg)
{
	strbuf_adds(&pg->html, "</section>\n");
}

static void tile(struct page *pg, const char *value, const char *label)
{
	strbuf_adds(&pg->html, "<div class=\"tile\"><b>");
	html_escape(&pg->html, value);
	strbuf_adds(&pg->html, "</b><span>");
	html_escape(&pg->html, label);
	strbuf_adds(&pg->html, "</span></div>\n");
}

static void overview(struct page *pg)
{
	const struct report_input *in = pg->in;
	const struct analysis *a = in->a;
	static const char *const head_zh[] = { "指標", "數值" }, *const head_en[] = { "figure", "value" };
	static const unsigned char num[] = { 0, 1 };
	unsigned ncommon = 0, findings = 0;
	char buf[64], buf2[64];
	struct rtable t;
	size_t i;

	for (i = 0; i < a->nitems; i++) {
		ncommon += a->items[i].common != 0;
		findings += a->items[i].k;
	}
	section_begin(pg, "overview", L("一、年度概況", "1. The year at a glance"));
	rtable_init(&t, 2, in->en ? head_en : head_zh, num, in->en);
	strbuf_adds(&pg->html, "<div class=\"tiles\">\n");
	snprintf(buf, sizeof(buf), "%u", a->vendors);
	tile(pg, buf, L("受稽核廠商", "vendors audited"));
	rtable_cell(&t, L("受稽核廠商數", "vendors audited"), NULL);
	rtable_cell(&t, buf, NULL);
	snprintf(buf, sizeof(buf), "%zu", a->nitems);
	tile(pg, buf, L("檢核項目", "checklist items"));
	rtable_cell(&t, L("檢核項目數", "checklist items"), NULL);
	rtable_cell(&t, buf, NULL);
	snprintf(buf, sizeof(buf), "%u", ncommon);
	tile(pg, buf, L("共同發現事項", "common findings"));
	rtable_cell(&t, L("共同發現事項數", "common findings"), NULL);
	rtable_cell(&t, buf, NULL);
	snprintf(buf, sizeof(buf), "%u", findings);
	tile(pg, buf, L("發現事項（廠商×項目）", "findings (vendor × item)"));
	rtable_cell(&t, L("發現事項數（廠商×項目）", "findings (vendor × item)"), NULL);
	rtable_cell(&t, buf, NULL);
	if (a->vendors) {
		numfmt_fixed(buf, sizeof(buf), (double)findings / a->vendors, 1);
		tile(pg, buf, L("平均每家廠商發現數", "findings per vendor"));
		rtable_cell(&t, L("平均每家廠商發現數", "findings per vendor"), NULL);
		snprintf(buf2, sizeof(buf2), "%.6g", (double)findings / a->vendors);
		rtable_cell(&t, buf, buf2);
	}
	if (in->s) {
		unsigned closed = 0;

		for (i = 0; i < in->s->nowners; i++)
			closed += in->s->owners[i].count[REMED_CLOSED];
		snprintf(buf, sizeof(buf), "%u", in->s->total);
		tile(pg, buf, L("改善追蹤件數", "remediation records"));
		rtable_cell(&t, L("改善追蹤件數", "remediation records"), NULL);
		rtable_cell(&t, buf, NULL);
		snprintf(buf, sizeof(buf), "%u", closed);
		tile(pg, buf, L("已結案", "closed"));
		rtable_cell(&t, L("已結案件數", "closed"), NULL);
		rtable_cell(&t, buf, NULL);
		snprintf(buf, sizeof(buf), "%u", in->s->overdue);
		tile(pg, buf, L("逾期未完成", "overdue"));
		rtable_cell(&t, L("逾期件數", "overdue"), NULL);
		rtable_cell(&t, buf, NULL);
	}
	strbuf_adds(&pg->html, "</div>\n");
	emit(pg, &t, "summary", L("本年度主要數字", "The year's figures"));
	section_end(pg);
}

static void common_table(struct page *pg)
{
	const struct report_input *in = pg->in;
	const struct analysis *a = in->a;
	static const char *const zh[] = { "項目", "類別", "構面", "檢核項目", "稽核依據", "n", "k",
					  "比率", "信賴區間", "p 值", "q 值", "共同發現" };
	static const char *const en[] = { "item", "category", "dimension", "question", "basis", "n", "k",
					  "rate", "interval", "p", "q", "common" };
	static const unsigned char num[] = { 3, 3, 0, 0, 0, 1, 1, 1, 2, 1, 1, 3 };
	char caption[256];
	struct rtable t;
	size_t i;

	section_begin(pg, "common-findings", L("二、共同發現事項", "2. Common findings"));
	snprintf(caption, sizeof(caption),
		 in->en ? "Each item: vendors with a finding (k of n), %g%% %s interval, one-sided exact p against p0 = %g, BH q; common when q ≤ %g"
			: "各檢核項目：有發現事項之廠商數（n 家中 k 家）、%g%% %s信賴區間、對 p0 = %g 之單尾精確檢定 p 值、BH 調整後 q 值；q ≤ %g 者為共同發現事項",
		 100 * a->params.level, a->params.exact ? (in->en ? "exact" : "精確") : "Wilson ",
		 a->params.p0, a->params.alpha);
	rtable_init(&t, 12, in->en ? en : zh, num, in->en);
	for (i = 0; i < a->nitems; i++) {
		const struct item_stat *it = &a->items[i];

		if (it->common)
			rtable_mark_row(&t);
		rtable_cell(&t, it->code, NULL);
		rtable_cell(&t, checklist_category_label(it->category, in->en), NULL);
		rtable_cell(&t, it->dimension, NULL);
		rtable_cell(&t, it->question, NULL);
		rtable_cell(&t, it->basis, NULL);
		cell_u(&t, it->n);
		cell_u(&t, it->k);
		cell_pct(&t, it->rate);
		cell_ci(&t, it->ci_low, it->ci_high);
		cell_p(&t, it->p_value);
		cell_p(&t, it->q_value);
		rtable_cell(&t, it->common ? L("是", "yes") : "", it->common ? "1" : "0");
	}
	emit(pg, &t, "common", caption);
	section_end(pg);
}

static void charts(struct page *pg)
{
	const struct report_input *in = pg->in;
	char prefix[32];
	size_t i;

	section_begin(pg, "charts", L("三、圖表", "3. Charts"));
	if (in->ncharts == 0)
		para(pg, "note", L("本年度沒有可繪製之圖表。", "There is no chart to draw for the year."));
	for (i = 0; i < in->ncharts; i++) {
		const struct report_chart *c = &in->charts[i];

		strbuf_addf(&pg->html, "<figure id=\"chart-%s\" role=\"img\" aria-label=\"", c->name);
		html_escape(&pg->html, c->caption);
		strbuf_adds(&pg->html, "\">\n");
		snprintf(prefix, sizeof(prefix), "c%zu-", i + 1);
		if (html_inline_svg(&pg->html, c->path, prefix) < 0 && pg->rc == 0)
			pg->rc = JAUDIT_EDATA;
		strbuf_addf(&pg->html, "\n<figcaption>%s %zu. ", L("圖", "Figure"), i + 1);
		html_escape(&pg->html, c->caption);
		strbuf_adds(&pg->html, "</figcaption>\n</figure>\n");
	}
	section_end(pg);
}

static void dimensions_table(struct page *pg)
{
	const struct report_input *in = pg->in;
	const struct analysis *a = in->a;
	static const char *const zh[] = { "構面", "類別", "項目數", "n", "k", "比率", "信賴區間" };
	static const char *const en[] = { "dimension", "category", "items", "n", "k", "rate", "interval" };
	static const unsigned char num[] = { 0, 0, 1, 1, 1, 1, 2 };
	struct rtable t;
	size_t i;

	section_begin(pg, "dimensions-section", L("四、構面", "4. Dimensions"));
	rtable_init(&t, 7, in->en ? en : zh, num, in->en);
	for (i = 0; i < a->ndimensions; i++) {
		const struct group_stat *g = &a->dimensions[i];

		rtable_cell(&t, in->en ? checklist_dimension_short(g->name, 1) : g->name, g->name);
		rtable_cell(&t, checklist_category_label(g->category ? g->category : "", in->en), NULL);
		cell_u(&t, g->nitems);
		cell_u(&t, g->n);
		cell_u(&t, g->k);
		cell_pct(&t, g->rate);
		cell_ci(&t, g->ci_low, g->ci_high);
	}
	for (i = 0; i < a->ncategories; i++) {
		const struct group_stat *g = &a->categories[i];
		char name[128];

		snprintf(name, sizeof(name), in->en ? "all %s items" : "%s檢核項目合計",
			 checklist_category_label(g->name, in->en));
		rtable_cell(&t, name, NULL);
		rtable_cell(&t, checklist_category_label(g->name, in->en), NULL);
		cell_u(&t, g->nitems);
		cell_u(&t, g->n);
		cell_u(&t, g->k);
		cell_pct(&t, g->rate);
		cell_ci(&t, g->ci_low, g->ci_high);
	}
	emit(pg, &t, "dimensions", L("各構面（及類別）中有任一發現事項之廠商", "Vendors with any finding in each dimension (and category)"));
	section_end(pg);
}

static void pairs_table(struct page *pg)
{
	const struct report_input *in = pg->in;
	const struct analysis *a = in->a;
	static const char *const zh[] = { "項目甲", "項目乙", "兩者皆有", "僅甲", "僅乙", "皆無",
					  "phi", "Jaccard", "Fisher p", "q 值" };
	static const char *const en[] = { "item a", "item b", "both", "a only", "b only", "neither",
					  "phi", "Jaccard", "Fisher p", "q" };
	static const unsigned char num[] = { 0, 0, 1, 1, 1, 1, 1, 1, 1, 1 };
	struct rtable t;
	size_t i;

	section_begin(pg, "pairs-section", L("五、共同出現之發現事項", "5. Findings that occur together"));
	rtable_init(&t, 10, in->en ? en : zh, num, in->en);
	for (i = 0; i < a->npairs; i++) {
		const struct pair_stat *p = &a->pairs[i];

		rtable_cell(&t, p->a, NULL);
		rtable_cell(&t, p->b, NULL);
		cell_u(&t, p->n11);
		cell_u(&t, p->n10);
		cell_u(&t, p->n01);
		cell_u(&t, p->n00);
		cell_num(&t, p->phi, 3);
		cell_num(&t, p->jaccard, 3);
		cell_p(&t, p->p_value);
		cell_p(&t, p->q_value);
	}
	if (a->npairs == 0)
		para(pg, "note", L("沒有同時出現於兩家以上廠商之發現事項組合。", "No two items had findings at the same vendors."));
	emit(pg, &t, "pairs", L("廠商同時有兩項發現事項之組合（依 phi 排序）", "Pairs of items with findings at the same vendors (by phi)"));
	section_end(pg);
}

static void agreement_table(struct page *pg)
{
	const struct report_input *in = pg->in;
	const struct agreement *g = &in->a->agreement;
	static const char *const zh[] = { "指標", "數值", "說明" }, *const en[] = { "statistic", "value", "over" };
	static const unsigned char num[] = { 0, 1, 0 };
	char buf[128];
	struct rtable t;

	section_begin(pg, "agreement-section", L("六、稽核委員評等一致性", "6. Agreement between auditors"));
	rtable_init(&t, 3, in->en ? en : zh, num, in->en);
	if (!g->available) {
		para(pg, "note", L("本年度未匯入稽核委員個別評等，無法計算一致性。",
				   "No auditor's own ratings were loaded for the year, so agreement cannot be measured."));
	} else {
		rtable_cell(&t, "Krippendorff's alpha (ordinal)", NULL);
		cell_num(&t, g->kripp_alpha, 3);
		snprintf(buf, sizeof(buf), in->en ? "%u units, %u auditors" : "%u 個評等單位、%u 位委員",
			 g->kripp_units, g->kripp_coders);
		rtable_cell(&t, buf, NULL);
		rtable_cell(&t, "Fleiss' kappa", NULL);
		cell_num(&t, g->fleiss_kappa, 3);
		snprintf(buf, sizeof(buf), in->en ? "%u subjects, %u raters each" : "%u 個評等對象、每項 %u 位委員",
			 g->fleiss_subjects, g->fleiss_raters);
		rtable_cell(&t, buf, NULL);
		rtable_cell(&t, L("Fleiss' kappa 之 z 值", "z of Fleiss' kappa"), NULL);
		cell_num(&t, g->fleiss_z, 2);
		rtable_cell(&t, "", NULL);
		rtable_cell(&t, L("Fleiss' kappa 之 p 值（單尾）", "p of Fleiss' kappa (one-sided)"), NULL);
		cell_p(&t, g->fleiss_p);
		rtable_cell(&t, "", NULL);
	}
	emit(pg, &t, "agreement", L("委員評等之一致性", "How far the auditors agreed"));
	section_end(pg);
}

/* 七's first table: records by owner and status, and the aging */
static void remediation_owners(struct page *pg)
{
	const struct report_input *in = pg->in;
	const struct remed_summary *s = in->s;
	const char *head[REMED_NSTATUS + 3];
	unsigned char num[REMED_NSTATUS + 3];
	char buf[256];
	struct rtable t;
	size_t i;
	unsigned j;

	head[0] = L("追蹤單位", "owner");
	num[0] = 0;
	for (j = 0; j < REMED_NSTATUS; j++) {
		head[j + 1] = remed_status_label((enum remed_status)j, in->en);
		num[j + 1] = 1;
	}
	head[REMED_NSTATUS + 1] = L("合計", "total");
	head[REMED_NSTATUS + 2] = L("逾期", "overdue");
	num[REMED_NSTATUS + 1] = num[REMED_NSTATUS + 2] = 1;
	rtable_init(&t, REMED_NSTATUS + 3, head, num, in->en);
	if (!s || s->nowners == 0) {
		para(pg, "note", L("本年度尚無改善追蹤紀錄（請先執行 jaudit track sync）。",
				   "The year has no remediation records yet (run 'jaudit track sync')."));
	} else {
		for (i = 0; i < s->nowners; i++) {
			unsigned total = 0;

			rtable_cell(&t, s->owners[i].owner, NULL);
			for (j = 0; j < REMED_NSTATUS; j++) {
				cell_u(&t, s->owners[i].count[j]);
				total += s->owners[i].count[j];
			}
			cell_u(&t, total);
			cell_u(&t, s->owners[i].overdue);
		}
		snprintf(buf, sizeof(buf), in->en ? "Of %u records, %u overdue: %u not yet due, %u 1–30 days, %u 31–90 days, %u over 90 days overdue."
						  : "共 %u 件，逾期 %u 件：未到期 %u 件、逾期 1–30 日 %u 件、31–90 日 %u 件、逾 90 日 %u 件。",
			 s->total, s->overdue, s->aging[0], s->aging[1], s->aging[2], s->aging[3]);
		para(pg, NULL, buf);
	}
	emit(pg, &t, "remediation", L("各追蹤單位之追蹤狀態", "Records by owner and status"));
}

/* the overdue list, most overdue first */
static void remediation_overdue(struct page *pg)
{
	const struct report_input *in = pg->in;
	struct rtable t;
	size_t i;

	{
		static const char *const zh[] = { "追蹤編號", "項目", "追蹤單位", "完成期限", "逾期日數", "狀態" };
		static const char *const en[] = { "finding", "item", "owner", "due", "days overdue", "status" };
		static const unsigned char onum[] = { 0, 0, 0, 0, 1, 0 };

		strbuf_adds(&pg->html, "<h3>");
		html_escape(&pg->html, L("逾期未完成清單", "Overdue records"));
		strbuf_adds(&pg->html, "</h3>\n");
		rtable_init(&t, 6, in->en ? en : zh, onum, in->en);
		for (i = 0; i < in->noverdue; i++) {
			const struct report_overdue *o = &in->overdue[i];
			char d[32];

			rtable_cell(&t, o->finding, NULL);
			rtable_cell(&t, o->item, NULL);
			rtable_cell(&t, o->owner, NULL);
			cell_date(&t, o->due, in->en);
			snprintf(d, sizeof(d), "%ld", o->days);
			rtable_cell(&t, d, NULL);
			rtable_cell(&t, remed_status_label(o->status, in->en), NULL);
		}
		if (in->noverdue == 0)
			para(pg, "note", L("截至本日無逾期案件。", "No record is overdue at the date."));
		emit(pg, &t, "overdue", L("已過完成期限而尚未結案者（依逾期日數）", "Past their due date and not ended (most overdue first)"));
	}
}

/* the time to closure: the median and the Kaplan-Meier table */
static void remediation_closure(struct page *pg)
{
	const struct report_input *in = pg->in;
	const struct remed_summary *s = in->s;
	char buf[256];
	struct rtable t;
	size_t i;

	{
		static const char *const zh[] = { "天數", "追蹤中件數", "結案", "設限", "尚未結案比率", "信賴區間" };
		static const char *const en[] = { "days", "at risk", "closed", "censored", "not yet closed", "interval" };
		static const unsigned char knum[] = { 1, 1, 1, 1, 1, 2 };

		strbuf_adds(&pg->html, "<h3>");
		html_escape(&pg->html, L("結案所需時間", "Time to closure"));
		strbuf_adds(&pg->html, "</h3>\n");
		rtable_init(&t, 6, in->en ? en : zh, knum, in->en);
		if (s && s->km_n) {
			char med[64];

			if (isnan(s->km_median))
				snprintf(med, sizeof(med), "%s", L("尚未達到（過半數仍未結案）", "not reached (more than half still open)"));
			else
				snprintf(med, sizeof(med), in->en ? "%g days" : "%g 天", s->km_median);
			snprintf(buf, sizeof(buf), in->en ? "%u records, %u closed; median time from the audit to closure: %s."
							  : "共 %u 件，已結案 %u 件；自稽核日至結案之中位數：%s。",
				 s->km_n, s->km_events, med);
			para(pg, NULL, buf);
			for (i = 0; i < s->nkm; i++) {
				const struct km_point *k = &s->km[i];

				cell_num(&t, k->time, 0);
				cell_u(&t, k->n_risk);
				cell_u(&t, k->n_event);
				cell_u(&t, k->n_censor);
				cell_pct(&t, k->surv);
				cell_ci(&t, k->lower, k->upper);
			}
		}
		emit(pg, &t, "closure", L("Kaplan–Meier 估計（仍未結案者於本日設限，風險接受者於其日期設限）",
					  "Kaplan–Meier estimate (open records censored at the date, risk accepted at theirs)"));
	}
}

static void remediation(struct page *pg)
{
	const struct report_input *in = pg->in;
	char date[DATE_ROC_LEN], buf[256];

	chart_date(in->as_of, in->en, date);
	snprintf(buf, sizeof(buf), in->en ? "7. Remediation, as of %s" : "七、改善追蹤（截至%s）", date);
	section_begin(pg, "remediation-section", buf);
	remediation_owners(pg);
	remediation_overdue(pg);
	remediation_closure(pg);
	section_end(pg);
}

static void trend_years_table(struct page *pg)
{
	const struct report_input *in = pg->in;
	const struct trend *tr = in->t;
	static const char *const yzh[] = { "年度", "受稽核廠商", "平均每家發現數", "信賴區間", "有任一發現之廠商", "比率" };
	static const char *const yen[] = { "year", "vendors", "findings per vendor", "interval", "vendors with any finding", "share" };
	static const unsigned char ynum[] = { 1, 1, 1, 2, 1, 1 };
	char buf[256];
	struct rtable t;
	size_t i;

	rtable_init(&t, 6, in->en ? yen : yzh, ynum, in->en);
	if (!tr || tr->nyears < 2)
		para(pg, "note", L("資料庫僅有一個年度之結果，尚無法比較歷年趨勢。",
				   "The database holds the results of one year only; there is no trend to show yet."));
	for (i = 0; tr && i < tr->nyears; i++) {
		const struct trend_year *y = &tr->years[i];
		char lo[32], hi[32], s[64], r[64];

		snprintf(buf, sizeof(buf), "%d", y->year);
		rtable_cell(&t, buf, NULL);
		cell_u(&t, y->vendors);
		cell_num(&t, y->mean_findings, 2);
		snprintf(s, sizeof(s), "%s–%s", numfmt_fixed(lo, sizeof(lo), y->mean_lo, 2),
			 numfmt_fixed(hi, sizeof(hi), y->mean_hi, 2));
		fmt_raw(lo, sizeof(lo), y->mean_lo);
		fmt_raw(hi, sizeof(hi), y->mean_hi);
		snprintf(r, sizeof(r), "%s\t%s", lo, hi);
		rtable_cell(&t, isnan(y->mean_lo) ? "-" : s, r);
		cell_u(&t, y->with_any);
		cell_pct(&t, y->share_any);
	}
	emit(pg, &t, "trend_years", L("各年度概況", "Each year"));
}

static void trend_items_table(struct page *pg)
{
	const struct report_input *in = pg->in;
	const struct trend *tr = in->t;
	char buf[256];
	struct rtable t;
	size_t i, j;

	if (tr) {
		const char **head = xcalloc(tr->nyears + 5, sizeof(*head));
		unsigned char *num = xcalloc(tr->nyears + 5, 1);
		char **yh = xcalloc(tr->nyears, sizeof(*yh));

		head[0] = L("項目", "item");
		for (j = 0; j < tr->nyears; j++) {
			snprintf(buf, sizeof(buf), in->en ? "%d rate" : "%d年度比率", tr->years[j].year);
			yh[j] = xstrdup(buf);
			head[j + 1] = yh[j];
			num[j + 1] = 1;
		}
		head[tr->nyears + 1] = L("趨勢卡方", "trend chi²");
		head[tr->nyears + 2] = L("趨勢 p 值", "trend p");
		head[tr->nyears + 3] = L("q 值", "q");
		head[tr->nyears + 4] = L("每年變化（百分點）", "change a year (points)");
		for (j = 1; j < tr->nyears + 5; j++)
			num[j] = 1;
		rtable_init(&t, tr->nyears + 5, head, num, in->en);
		for (i = 0; i < tr->nitems; i++) {
			const struct trend_item *it = &tr->items[i];

			rtable_cell(&t, it->code, NULL);
			for (j = 0; j < tr->nyears; j++) {
				size_t k;
				double r = NAN;

				for (k = 0; k < it->npoints; k++)
					if (it->points[k].year == tr->years[j].year)
						r = it->points[k].rate;
				cell_pct(&t, r);
			}
			cell_num(&t, it->ca_chisq, 2);
			cell_p(&t, it->ca_p);
			cell_p(&t, it->ca_q);
			cell_num(&t, 100 * it->slope, 1);
		}
		snprintf(buf, sizeof(buf), in->en ? "Each item's rate by year, %d–%d; Cochran–Armitage test for trend (BH q)"
						  : "各檢核項目歷年發現事項比率（%d–%d年度）與 Cochran–Armitage 趨勢檢定（BH 調整 q 值）",
			 tr->from, tr->to);
		emit(pg, &t, "trend_items", buf);
		for (j = 0; j < tr->nyears; j++)
			free(yh[j]);
		free(yh);
		free(head);
		free(num);
	} else {
		static const char *const izh[] = { "項目", "趨勢 p 值" }, *const ien[] = { "item", "trend p" };

		rtable_init(&t, 2, in->en ? ien : izh, NULL, in->en);
		emit(pg, &t, "trend_items", L("各檢核項目歷年發現事項比率", "Each item's rate by year"));
	}
}

static void trend_tables(struct page *pg)
{
	const struct report_input *in = pg->in;

	section_begin(pg, "trend-section", L("八、歷年趨勢", "8. The trend over the years"));
	trend_years_table(pg);
	trend_items_table(pg);
	section_end(pg);
}

static void dl_item(struct page *pg, const char *term, const char *text)
{
	strbuf_adds(&pg->html, "<dt>");
	html_escape(&pg->html, term);
	strbuf_adds(&pg->html, "</dt><dd>");
	html_escape(&pg->html, text);
	strbuf_adds(&pg->html, "</dd>\n");
}

static void methods(struct page *pg)
{
	const struct report_input *in = pg->in;
	const struct analysis_params *p = &in->a->params;
	char buf[1024], date[DATE_ROC_LEN];

	section_begin(pg, "methods", L("九、方法說明", "9. How the figures were computed"));
	strbuf_adds(&pg->html, "<dl class=\"methods\">\n");
	dl_item(pg, L("計算單位", "The unit"),
		L("以廠商為單位。特定契約項目若抽查多個契約，取最差之評等（不符合 > 部分符合 > 符合）；全部不適用者不列入該項目之 n。",
		  "The vendor. A contract-specific item rated on several sampled contracts counts with its worst rating (noncompliant > partial > compliant); a vendor for whom the item does not apply is not among its n."));
	dl_item(pg, L("發現事項", "A finding"),
		p->strict ? L("僅「不符合」視為發現事項（嚴格模式）。", "Only 不符合 (noncompliant) counts as a finding (strict).")
			  : L("「不符合」或「部分符合」均視為發現事項。", "不符合 (noncompliant) or 部分符合 (partial)."));
	snprintf(buf, sizeof(buf),
		 in->en ? "k of the n vendors had a finding on the item; the rate is k/n. The %g%% interval (%s) is the range of rates the data are consistent with."
			: "n 家適用廠商中有 k 家有發現事項，比率為 k/n。%g%% 信賴區間（%s）是與資料相符之比率範圍；廠商數少時區間較寬。",
		 100 * p->level, p->exact ? (in->en ? "Clopper–Pearson, exact" : "Clopper–Pearson 精確法") : (in->en ? "Wilson score" : "Wilson 法"));
	dl_item(pg, L("比率與信賴區間", "Rate and interval"), buf);
	snprintf(buf, sizeof(buf),
		 in->en ? "An item is a common finding when its rate is clearly above p0 = %g: the one-sided exact binomial test gives p, the Benjamini–Hochberg adjustment over all items gives q (it keeps the share of false alarms among the items called common at %g), and common means q ≤ %g."
			: "某項目之比率明顯高於 p0 = %g 時列為共同發現事項：以單尾精確二項檢定得 p 值，再對所有項目以 Benjamini–Hochberg 法調整為 q 值（使被列為共同發現之項目中誤判之比例控制在 %g 以下），q ≤ %g 者為共同發現事項。",
		 p->p0, p->alpha, p->alpha);
	dl_item(pg, L("共同發現事項", "Common finding"), buf);
	dl_item(pg, L("構面", "Dimension"),
		L("某構面之比率為該構面任一項目有發現事項之廠商比例。", "The share of vendors with a finding on at least one item of the dimension."));
	dl_item(pg, L("共同出現", "Occurring together"),
		L("phi 係數衡量兩項目之發現事項是否常出現在同一批廠商（1 為完全一致、0 為無關）；Jaccard 為兩者皆有之廠商占至少有一者之比例；p 值為 Fisher 精確檢定（雙尾），q 值經 BH 調整。",
		  "phi measures whether two items' findings fall on the same vendors (1 always together, 0 unrelated); Jaccard is the share of vendors with both among those with either; p is Fisher's exact test (two-sided), q BH-adjusted."));
	dl_item(pg, L("委員一致性", "Agreement"),
		L("Krippendorff's alpha（順序尺度：符合 > 部分符合 > 不符合，不適用視為缺值）允許各場次 3–5 位不同委員；Fleiss' kappa 僅計入委員人數相同（最常見人數）之場次。1 為完全一致，0 為與隨機相同。",
		  "Krippendorff's alpha (ordinal: compliant > partial > noncompliant, 不適用 missing) allows the 3–5 different auditors of each session; Fleiss' kappa uses the sessions with the most common committee size. 1 is full agreement, 0 no better than chance."));
	chart_date(in->as_of, in->en, date);
	snprintf(buf, sizeof(buf),
		 in->en ? "Days from the audit to the date a record became closed (已結案), estimated by Kaplan–Meier: records still open on %s are counted up to that date (censored), as are those that ended in risk acceptance (風險接受), up to theirs. The median is the first day by which half the records were closed."
			: "自稽核日至改善追蹤紀錄「已結案」之日數，以 Kaplan–Meier 法估計：截至%s仍未結案者計至該日（設限），「風險接受」者計至其日期（設限）。中位數為半數紀錄已結案之日數。",
		 date);
	dl_item(pg, L("結案所需時間", "Time to closure"), buf);
	dl_item(pg, L("歷年趨勢", "Trend"),
		L("相鄰年度之比率以 Fisher 精確檢定比較；三個年度以上以 Cochran–Armitage 趨勢檢定（年度為分數），q 值經 BH 調整；每年變化為加權最小平方斜率。",
		  "Consecutive years are compared by Fisher's exact test; over three or more years the Cochran–Armitage test for trend (scores = years), BH-adjusted; the change a year is the weighted least-squares slope."));
	dl_item(pg, L("日期", "Dates"), L("日期以民國紀年表示。", "Dates are given in the ROC calendar (year 115 = 2026)."));
	if (in->texts_methods)
		strbuf_adds(&pg->html, in->texts_methods);
	strbuf_adds(&pg->html, "</dl>\n");
	section_end(pg);
}

int report_page_write(const char *dir, const struct report_input *in)
{
	struct page pg = { in, dir, STRBUF_INIT, 0 };
	struct strbuf path = STRBUF_INIT;
	char title[256], date[DATE_ROC_LEN];
	FILE *fp;
	int bad;

	if (in->en)
		snprintf(title, sizeof(title), "Joint security audit of government contractors, year %d: analysis of common findings",
			 in->a->params.year);
	else
		snprintf(title, sizeof(title), "%d年度受託者資通安全聯合稽核 共同發現事項分析報告", in->a->params.year);
	strbuf_addf(&pg.html, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
		    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		    "<meta name=\"generator\" content=\"jaudit\">\n<title>", in->en ? "en" : "zh-Hant-TW");
	html_escape(&pg.html, title);
	strbuf_adds(&pg.html, "</title>\n<style>\n");
	strbuf_adds(&pg.html, css);
	if (in->texts_css)
		strbuf_adds(&pg.html, in->texts_css);
	strbuf_adds(&pg.html, "</style>\n</head>\n<body>\n<header>\n<h1>");
	html_escape(&pg.html, title);
	strbuf_adds(&pg.html, "</h1>\n<p class=\"meta\">");
	chart_date(in->as_of, in->en, date);
	strbuf_addf(&pg.html, in->en ? "As of %s · prepared by jaudit · confidential (plan §9(三))" : "資料截至%s · jaudit 產製 · 機密資料（計畫第九點第三款）", date);
	if (in->edition) {
		strbuf_adds(&pg.html, " · ");
		html_escape(&pg.html, in->edition);
	}
	strbuf_adds(&pg.html, "</p>\n</header>\n");
	overview(&pg);
	common_table(&pg);
	if (in->texts)
		strbuf_adds(&pg.html, in->texts);
	charts(&pg);
	dimensions_table(&pg);
	pairs_table(&pg);
	agreement_table(&pg);
	remediation(&pg);
	trend_tables(&pg);
	methods(&pg);
	if (in->appendices)
		strbuf_adds(&pg.html, in->appendices);
	strbuf_adds(&pg.html, "</body>\n</html>\n");

	strbuf_addf(&path, "%s/index.html", dir);
	if (pg.rc == 0) {
		fp = fopen(path.buf, "wb");
		if (!fp) {
			pg.rc = jerror("cannot write '%s': %s", path.buf, strerror(errno));
		} else {
			fwrite(pg.html.buf, 1, pg.html.len, fp);
			bad = ferror(fp);
			if (fclose(fp) != 0 || bad)
				pg.rc = jerror("cannot write '%s': %s", path.buf, strerror(errno));
		}
	}
	strbuf_release(&path);
	strbuf_release(&pg.html);
	return pg.rc;
}
