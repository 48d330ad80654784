/*
 * export_html.c - `jaudit export --format html`: what one agency may see
 * (track/export.c gathers it, under the same rules) as one printable A4
 * page in Chinese, with ROC dates.  Nothing is read here that the JSON and
 * CSV exports do not hold.
 */
#include "export.h"
#include "../core/htmldoc.h"
#include "../core/numfmt.h"
#include "../core/rating.h"
#include "../core/strbuf.h"

#include <stdio.h>
#include <string.h>

/*
 * An ISO date stored as text (checked as export read it), in ROC form
 * (115年7月15日); "" stays "".
 */
static const char *roc(const char *iso, char *buf)
{
	struct jdate d;

	if (date_from_db(iso, &d) < 0)
		return strcpy(buf, iso);
	date_roc(d, buf);
	return buf;
}

/* 「S03 管理者帳號…」: the item's code and question, as the aggregates hold it. */
static void item_title(const struct export *x, const char *code, struct strbuf *sb)
{
	size_t i;

	strbuf_reset(sb);
	strbuf_adds(sb, code);
	for (i = 0; i < x->agg.nitems; i++)
		if (strcmp(x->agg.items[i].code, code) == 0 && x->agg.items[i].question) {
			strbuf_addf(sb, " %s", x->agg.items[i].question);
			break;
		}
}

static const char *rating_zh(const char *code)
{
	enum rating rt;

	return rating_from_code(code, &rt) == 0 ? rating_label(rt, 0) : code;
}

/* A finding's remediation as of the export's date: 狀態, 完成期限 (ROC), 逾期. */
struct status_text {
	const char *status;
	char due[DATE_ROC_LEN];
	char late[40];
	int overdue;
};

static void status_text(const struct export *x, const struct remed_record *rec, struct status_text *t)
{
	enum remed_status st;
	struct jdate due;
	long late;

	t->overdue = 0;
	if (!rec || !remed_state_at(rec, x->as_of, &st, &due, NULL)) {
		t->status = "未列管";
		strcpy(t->due, "—");
		strcpy(t->late, "—");
		return;
	}
	t->status = remed_status_label(st, 0);
	date_roc(due, t->due);
	late = remed_days_overdue(st, due, x->as_of);
	t->overdue = late > 0;
	if (late > 0)
		snprintf(t->late, sizeof(t->late), "逾期 %ld 日", late);
	else
		strcpy(t->late, remed_status_ended(st) ? "—" : "未逾期");
}

/* The three cells 狀態, 完成期限, 逾期 of a row. */
static void status_cells(const struct status_text *t, struct strbuf *out)
{
	htmldoc_elem(out, "td class=\"status c\"", t->status);
	htmldoc_elem(out, "td class=\"due c\"", t->due);
	htmldoc_elem(out, t->overdue ? "td class=\"overdue c late\"" : "td class=\"overdue c\"", t->late);
}

static void head_part(const struct export *x, struct strbuf *out)
{
	char asof[DATE_ROC_LEN];
	struct strbuf t = STRBUF_INIT;
	size_t i;

	date_roc(x->as_of, asof);
	strbuf_addf(&t, "%s　%d年度受託者資通安全聯合稽核結果", x->agency, x->year);
	htmldoc_begin(out, t.buf);
	htmldoc_elem(out, "h1", t.buf);
	strbuf_addf(out, "<p class=\"meta\">資料截至 <span id=\"as-of\">%s</span>；改善狀態以該日為準。</p>\n", asof);
	strbuf_adds(out, "<p class=\"meta\" id=\"agencies\">");
	if (x->nunder) {
		strbuf_addf(out, "本文件含所屬機關 %zu 個：", x->nunder);
		for (i = 0; i < x->nunder; i++) {
			strbuf_adds(out, i ? "、" : "");
			htmldoc_elem(out, "span class=\"under\"", x->under[i]);
		}
		strbuf_adds(out, "（依附件1授權同意調查表）。");
	} else {
		strbuf_adds(out, "本文件僅含本機關之資料。");
	}
	strbuf_adds(out, "</p>\n");
	strbuf_release(&t);
}

static void contracts_part(const struct export *x, struct strbuf *out)
{
	char buf[DATE_ROC_LEN];
	size_t i;

	strbuf_adds(out, "<h2>一、受稽核之契約</h2>\n");
	if (!x->ncontracts) {
		strbuf_adds(out, "<p>本年度無受抽核之契約。</p>\n");
		return;
	}
	strbuf_adds(out, "<table id=\"contracts\"><thead><tr><th>場次</th><th>稽核日期</th><th>機關</th>"
		    "<th>契約案名</th><th>系統名稱</th><th>受稽核廠商</th></tr></thead><tbody>\n");
	for (i = 0; i < x->ncontracts; i++) {
		const struct ex_result *r = &x->contracts[i];

		strbuf_adds(out, "<tr>");
		htmldoc_elem(out, "td class=\"c\"", r->session);
		htmldoc_elem(out, "td class=\"c\"", roc(r->date, buf));
		htmldoc_elem(out, "td class=\"agency\"", r->agency);
		htmldoc_elem(out, "td class=\"contract\"", r->contract);
		htmldoc_elem(out, "td", *r->system ? r->system : "—");
		htmldoc_elem(out, "td", r->vendor);
		strbuf_adds(out, "</tr>\n");
	}
	strbuf_adds(out, "</tbody></table>\n");
}

/* One finding of a contract: a table that is not split across pages. */
static void own_finding(const struct export *x, const struct ex_result *r, struct strbuf *sb,
			struct strbuf *out)
{
	struct status_text t;
	char buf[DATE_ROC_LEN];

	status_text(x, r->rec, &t);
	strbuf_adds(out, "<table class=\"finding keep\" id=\"f-");
	htmldoc_escape(out, r->id);
	strbuf_adds(out, "\"><caption>");
	htmldoc_escape(out, r->id);
	item_title(x, r->item, sb);
	strbuf_adds(out, "　<span class=\"q\">");
	htmldoc_escape(out, sb->buf);
	strbuf_adds(out, "</span></caption>\n<colgroup><col class=\"h\"><col><col class=\"h\"><col></colgroup>\n<tr><th>機關</th>");
	htmldoc_elem(out, "td class=\"agency\"", r->agency);
	strbuf_adds(out, "<th>稽核日期</th>");
	htmldoc_elem(out, "td class=\"c\"", roc(r->date, buf));
	strbuf_adds(out, "</tr>\n<tr><th>契約案名</th>");
	strbuf_reset(sb);
	strbuf_addf(sb, "%s%s%s%s", r->contract, *r->system ? "（" : "", r->system, *r->system ? "）" : "");
	htmldoc_elem(out, "td class=\"contract\" colspan=\"3\"", sb->buf);
	strbuf_adds(out, "</tr>\n<tr><th>受稽核廠商</th>");
	htmldoc_elem(out, "td", r->vendor);
	strbuf_adds(out, "<th>稽核結果</th>");
	htmldoc_elem(out, "td class=\"rating\"", rating_zh(r->rating));
	strbuf_adds(out, "</tr>\n<tr><th>發現事項</th>");
	htmldoc_elem(out, "td class=\"text\" colspan=\"3\"", r->finding);
	strbuf_adds(out, "</tr>\n<tr><th>建議</th>");
	htmldoc_elem(out, "td class=\"rec\" colspan=\"3\"", *r->recommendation ? r->recommendation : "—");
	strbuf_adds(out, "</tr>\n<tr><th>改善狀態</th>");
	htmldoc_elem(out, "td class=\"status\"", t.status);
	strbuf_adds(out, "<th>完成期限</th><td class=\"due\">");
	htmldoc_escape(out, t.due);
	strbuf_addf(out, "　<span class=\"overdue%s\">", t.overdue ? " late" : "");
	htmldoc_escape(out, t.late);
	strbuf_adds(out, "</span></td></tr>\n</table>\n");
}

static void own_part(const struct export *x, struct strbuf *out)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	strbuf_adds(out, "<h2>二、契約之稽核發現事項及改善情形</h2>\n");
	if (!x->nown)
		strbuf_adds(out, "<p>受稽核之契約無部分符合或不符合之項目。</p>\n");
	for (i = 0; i < x->nown; i++)
		own_finding(x, &x->own[i], &sb, out);
	strbuf_release(&sb);
}

/* 「C04 組態與資料交換」: the item's code and its 構面, short enough for a table cell. */
static void item_short(const struct export *x, const char *code, struct strbuf *sb)
{
	size_t i;

	strbuf_reset(sb);
	strbuf_adds(sb, code);
	for (i = 0; i < x->agg.nitems; i++)
		if (strcmp(x->agg.items[i].code, code) == 0 && x->agg.items[i].dimension) {
			strbuf_addf(sb, " %s", x->agg.items[i].dimension);
			break;
		}
}

static void common_row(const struct export *x, const struct ex_result *r, struct strbuf *sb,
		       struct strbuf *out)
{
	struct status_text t;

	status_text(x, r->rec, &t);
	item_short(x, r->item, sb);
	strbuf_adds(out, "<tr id=\"f-");
	htmldoc_escape(out, r->id);
	strbuf_adds(out, "\">");
	htmldoc_elem(out, "td class=\"item\"", sb->buf);
	htmldoc_elem(out, "td class=\"rating c\"", rating_zh(r->rating));
	htmldoc_elem(out, "td class=\"text\"", r->finding);
	htmldoc_elem(out, "td class=\"rec\"", *r->recommendation ? r->recommendation : "—");
	status_cells(&t, out);
	strbuf_adds(out, "</tr>\n");
}

/* One session of one vendor: its common findings in a table, the other items in a line. */
static void common_session(const struct export *x, const struct ex_result *r, size_t n, struct strbuf *out)
{
	struct strbuf sb = STRBUF_INIT, rest = STRBUF_INIT;
	char buf[DATE_ROC_LEN];
	size_t i, nfind = 0;

	strbuf_addf(&sb, "%s（統一編號 %s）　場次 %s，%s 稽核", r->vendor, r->taxid, r->session, roc(r->date, buf));
	htmldoc_elem(out, "h3", sb.buf);
	for (i = 0; i < n; i++) {
		if (!*r[i].id) {
			strbuf_addf(&rest, "%s%s", rest.len ? "、" : "", r[i].item);
			continue;
		}
		if (!nfind++)
			strbuf_adds(out, "<table class=\"common\"><thead><tr><th>項目</th><th>結果</th><th>發現事項</th>"
				    "<th>建議</th><th>改善狀態</th><th>完成期限</th><th>逾期</th></tr></thead><tbody>\n");
		common_row(x, &r[i], &sb, out);
	}
	if (nfind)
		strbuf_adds(out, "</tbody></table>\n");
	else
		strbuf_adds(out, "<p>共通性項目均為符合或不適用。</p>\n");
	if (nfind && rest.len) {
		strbuf_adds(out, "<p class=\"note\">符合或不適用之項目：");
		htmldoc_escape(out, rest.buf);
		strbuf_adds(out, "</p>\n");
	}
	strbuf_release(&sb);
	strbuf_release(&rest);
}

static void common_part(const struct export *x, struct strbuf *out)
{
	size_t i, j;

	strbuf_adds(out, "<h2>三、授權廠商之共通性項目稽核結果</h2>\n"
		    "<p class=\"note\">附件1授權之廠商於本年度受稽核時，共通性項目（與個別契約無關）之結果；"
		    "其改善由資安署列管。</p>\n");
	if (!x->ncommon)
		strbuf_adds(out, "<p>授權之廠商本年度尚未受稽核。</p>\n");
	for (i = 0; i < x->ncommon; i = j) {
		for (j = i + 1; j < x->ncommon && strcmp(x->common[j].session, x->common[i].session) == 0; j++)
			;
		common_session(x, &x->common[i], j - i, out);
	}
}

static void aggregates_part(const struct export *x, struct strbuf *out)
{
	char buf[64];
	size_t i;

	strbuf_addf(out, "<h2>四、全年度匿名統計</h2>\n<p class=\"note\">本年度受稽核廠商 %u 家。適用廠商少於 %d 家之項目，"
		    "其有發現廠商數與比率不予揭露，以免推知個別廠商之結果。</p>\n", x->agg.vendors, EXPORT_MIN_CELL);
	strbuf_adds(out, "<table id=\"aggregates\"><thead><tr><th>項目</th><th>構面</th><th>適用廠商數</th>"
		    "<th>有發現廠商數</th><th>比率（95% 信賴區間）</th><th>共同發現</th></tr></thead><tbody>\n");
	for (i = 0; i < x->agg.nitems; i++) {
		const struct item_stat *it = &x->agg.items[i];
		int shown = it->n >= EXPORT_MIN_CELL;

		strbuf_addf(out, "<tr id=\"agg-%s\">", it->code);
		htmldoc_elem(out, "td class=\"c\"", it->code);
		htmldoc_elem(out, "td", it->dimension);
		strbuf_addf(out, "<td class=\"n\">%u</td>", it->n);
		if (!shown) {
			strbuf_adds(out, "<td class=\"n k\">—</td><td class=\"n\">—</td><td>—</td></tr>\n");
			continue;
		}
		strbuf_addf(out, "<td class=\"n k\">%u</td>", it->k);
		numfmt_pct(buf, sizeof(buf), it->rate, 1);
		strbuf_addf(out, "<td class=\"n\">%s（", buf);
		numfmt_pct(buf, sizeof(buf), it->ci_low, 1);
		strbuf_addf(out, "%s–", buf);
		numfmt_pct(buf, sizeof(buf), it->ci_high, 1);
		strbuf_addf(out, "%s）</td><td>%s</td></tr>\n", buf, it->common ? "是" : "否");
	}
	strbuf_adds(out, "</tbody></table>\n");
}

int export_write_html(const struct export *x, const char *path)
{
	struct strbuf out = STRBUF_INIT;
	int rc;

	head_part(x, &out);
	contracts_part(x, &out);
	own_part(x, &out);
	common_part(x, &out);
	aggregates_part(x, &out);
	strbuf_adds(&out, "<p class=\"note\">本文件僅供受文機關使用：不含其他機關之契約與發現事項，"
		    "不含稽核人員之聯絡資料。</p>\n");
	htmldoc_end(&out);
	rc = htmldoc_write("export", path, out.buf);
	strbuf_release(&out);
	return rc;
}
