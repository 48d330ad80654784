/*
 * report_session.c - the audit report of one session (report_session.h).
 */
#include "report_session.h"
#include "chromium.h"
#include "figures.h"
#include "../core/cli.h"
#include "../core/db.h"
#include "../core/err.h"
#include "../core/htmldoc.h"
#include "../core/rating.h"
#include "../track/remed_policy.h"
#include "../track/remediation.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct sp {
	sqlite3 *db;
	const char *id;
	struct jdate as_of;
	struct strbuf *h;
	int year;
	struct jdate date;
	struct remed_policy policy;
	struct remed_set set;
};

static void esc(struct sp *p, const char *s)
{
	htmldoc_escape(p->h, s);
}

static void elem(struct sp *p, const char *tag, const char *s)
{
	htmldoc_elem(p->h, tag, s);
}

/* a row of the key-value table */
static void kv(struct sp *p, const char *key, const char *value)
{
	strbuf_adds(p->h, "<tr>");
	elem(p, "th", key);
	elem(p, "td", value);
	strbuf_adds(p->h, "</tr>\n");
}

static const char *rating_zh(const char *code, const char **cls)
{
	enum rating r;

	if (rating_from_code(code, &r) < 0) {
		*cls = "";
		return code;
	}
	*cls = r == RATING_NONCOMPLIANT ? "r-nc" : r == RATING_PARTIAL ? "r-p" : r == RATING_NA ? "r-na" : "r-ok";
	return rating_label(r, 0);
}

static const char css[] =
	"@page { size: A4; margin: 16mm 15mm 16mm 15mm; }\n"
	"*{box-sizing:border-box}\n"
	"body { font-family: 'Noto Sans CJK TC', 'Noto Sans TC', 'Microsoft JhengHei', sans-serif;"
	" font-size: 10.5pt; line-height: 1.5; color: #111; max-width: 190mm; margin: 0 auto; padding: 8mm 0; }\n"
	"header { text-align: center; border-bottom: 2px solid #333; padding-bottom: 6pt; margin-bottom: 10pt; }\n"
	"header .conf { text-align: right; color: #a00; font-weight: bold; margin: 0; font-size: 9.5pt; }\n"
	"h1 { font-size: 17pt; margin: 4pt 0 2pt; letter-spacing: 1pt; }\n"
	"header .sub { margin: 0; font-size: 11pt; }\n"
	"h2 { font-size: 12.5pt; margin: 14pt 0 4pt; border-bottom: 1px solid #888; break-after: avoid; }\n"
	"table { border-collapse: collapse; width: 100%; margin: 4pt 0 8pt; }\n"
	"caption { text-align: left; font-weight: bold; padding: 2pt 0; }\n"
	"th, td { border: 1px solid #999; padding: 2pt 4pt; vertical-align: top; text-align: left; }\n"
	"th { background: #eee; }\n"
	"table.kv th { width: 24%; white-space: nowrap; }\n"
	"td.c { white-space: nowrap; } td.n { text-align: right; white-space: nowrap; }\n"
	"table#items { font-size: 9.5pt; table-layout: fixed; }\n"
	"table#items col.code { width: 6%; } table#items col.dim { width: 11%; } table#items col.q { width: 29%; }\n"
	"table#items col.ref { width: 5.5%; } table#items col.rt { width: 9.5%; }\n"
	"table#items td[rowspan] { background: #fafafa; }\n"
	"table#findings { font-size: 9pt; table-layout: fixed; }\n"
	"table#findings col.id { width: 13%; } table#findings col.rt { width: 9%; } table#findings col.tx { width: 19%; }\n"
	"table#findings col.ow { width: 11%; } table#findings col.dt { width: 10.5%; } table#findings col.st { width: 8%; }\n"
	"table#findings td { overflow-wrap: anywhere; }\n"
	".r-nc { color: #a00; font-weight: bold; } .r-p { color: #a60; font-weight: bold; } .r-na { color: #666; }\n"
	"tr { break-inside: avoid; } thead { display: table-header-group; }\n"
	".note { font-size: 9pt; color: #444; }\n"
	".late { color: #a00; font-weight: bold; }\n"
	"footer { margin-top: 14pt; border-top: 1px solid #888; font-size: 9pt; color: #444; }\n"
	"@media print { body { padding: 0; max-width: none; } }\n";

/* The committee's names, 、 between them, into sb: 0 or JAUDIT_EDATA. */
static int committee_names(struct sp *p, struct strbuf *sb)
{
	sqlite3_stmt *st = NULL;
	int r;

	if (db_prepare(p->db, &st, "SELECT name FROM session_members WHERE session = :id ORDER BY seq") < 0 ||
	    db_bind_text(st, ":id", p->id) < 0) {
		db_finalize(st);
		return JAUDIT_EDATA;
	}
	while ((r = db_step(st)) == SQLITE_ROW) {
		if (sb->len)
			strbuf_adds(sb, "、");
		strbuf_adds(sb, db_text(st, 0));
	}
	db_finalize(st);
	return r < 0 ? JAUDIT_EDATA : 0;
}

/* The rows 報告提出期限 and 報告提出日 (as recorded by schedule set, late or not): 0 or JAUDIT_EDATA. */
static int report_dates(struct sp *p)
{
	sqlite3_stmt *st = NULL;
	struct strbuf sb = STRBUF_INIT;
	char roc[DATE_ROC_LEN], buf[256];
	struct jdate due, done;
	int r, rc = JAUDIT_EDATA, have_done = 0;

	due = date_add_months(p->date, p->policy.value[POLICY_REPORT_MONTHS]);
	date_roc(due, roc);
	snprintf(buf, sizeof(buf), "%s（稽核後 %d 個月內，計畫第五點第四項）", roc, p->policy.value[POLICY_REPORT_MONTHS]);
	strbuf_adds(p->h, "<tr><th>報告提出期限</th><td id=\"report-due\">");
	esc(p, buf);
	strbuf_adds(p->h, "</td></tr>\n");
	if (db_prepare(p->db, &st, "SELECT done FROM schedule_events WHERE session = :id AND milestone = 'report'") < 0 ||
	    db_bind_text(st, ":id", p->id) < 0 || (r = db_step(st)) < 0)
		goto out;
	if (r == SQLITE_ROW && *db_text(st, 0)) {
		char what[128];

		snprintf(what, sizeof(what), "session %s, milestone report", p->id);
		if (date_from_db_or_say(db_text(st, 0), &done, what) < 0)
			goto out;
		have_done = 1;
	}
	if (have_done) {
		date_roc(done, roc);
		strbuf_adds(&sb, roc);
		if (date_cmp(done, due) > 0)
			strbuf_addf(&sb, "（逾期 %ld 日）", date_diff(due, done));
		kv(p, "報告提出日", sb.buf);
	} else {
		kv(p, "報告提出日", "尚未登錄");
	}
	rc = 0;
out:
	db_finalize(st);
	strbuf_release(&sb);
	return rc;
}

static int basic(struct sp *p, const char *title)
{
	sqlite3_stmt *st = NULL;
	struct strbuf sb = STRBUF_INIT;
	char roc[DATE_ROC_LEN], buf[256];
	int r, rc = JAUDIT_EDATA;
	char *vendor = NULL, *taxid = NULL, *lead = NULL;

	if (db_prepare(p->db, &st,
		       "SELECT s.taxid, coalesce(v.name, s.taxid), s.lead FROM sessions s"
		       " LEFT JOIN vendors v ON v.taxid = s.taxid WHERE s.id = :id") < 0 ||
	    db_bind_text(st, ":id", p->id) < 0 || (r = db_step(st)) < 0) {
		db_finalize(st);
		return JAUDIT_EDATA;
	}
	if (r == SQLITE_ROW) {
		taxid = xstrdup(db_text(st, 0));
		vendor = xstrdup(db_text(st, 1));
		lead = xstrdup(db_text(st, 2));
	}
	db_finalize(st);
	if (!vendor)
		return jerror("report --session: session '%s' vanished while being read", p->id);

	strbuf_adds(p->h, "<header>\n<p class=\"conf\">機密資料（計畫第九點第三款）</p>\n<h1>");
	esc(p, title);
	strbuf_adds(p->h, "</h1>\n<p class=\"sub\">");
	snprintf(buf, sizeof(buf), "場次 %s · 受稽核廠商：", p->id);
	esc(p, buf);
	esc(p, vendor);
	strbuf_adds(p->h, "</p>\n</header>\n");

	strbuf_adds(p->h, "<section id=\"basic\">\n<h2>一、稽核基本資料</h2>\n<table id=\"basic-info\" class=\"kv\">\n");
	kv(p, "受稽核廠商", vendor);
	kv(p, "統一編號", taxid);
	kv(p, "稽核場次", p->id);
	date_roc(p->date, roc);
	kv(p, "稽核日期", roc);
	strbuf_addf(&sb, "%s（資安署）", lead);
	kv(p, "稽核領隊", sb.buf);
	strbuf_reset(&sb);
	if (committee_names(p, &sb) < 0)
		goto out;
	kv(p, "稽核委員", sb.buf);
	snprintf(buf, sizeof(buf), "%d年度受託者資通安全聯合稽核計畫；重點檢視項目檢核表（附件3）", p->year);
	kv(p, "稽核依據", buf);
	if (report_dates(p) < 0)
		goto out;
	strbuf_adds(p->h, "</table>\n</section>\n");
	rc = 0;
out:
	strbuf_release(&sb);
	free(vendor);
	free(taxid);
	free(lead);
	return rc;
}

static int contracts(struct sp *p)
{
	sqlite3_stmt *st = NULL;
	int r, n = 0;

	strbuf_adds(p->h, "<section id=\"contracts-section\">\n<h2>二、抽查契約</h2>\n");
	if (db_prepare(p->db, &st, "SELECT ref, agency, contract, system FROM session_contracts WHERE session = :id ORDER BY ref") < 0 ||
	    db_bind_text(st, ":id", p->id) < 0) {
		db_finalize(st);
		return JAUDIT_EDATA;
	}
	strbuf_adds(p->h, "<table id=\"contracts\">\n<thead><tr><th>代號</th><th>機關</th><th>契約案名</th><th>系統名稱</th></tr></thead>\n<tbody>\n");
	while ((r = db_step(st)) == SQLITE_ROW) {
		strbuf_adds(p->h, "<tr>");
		elem(p, "td class=\"c\"", db_text(st, 0));
		elem(p, "td", db_text(st, 1));
		elem(p, "td", db_text(st, 2));
		elem(p, "td", db_text(st, 3));
		strbuf_adds(p->h, "</tr>\n");
		n++;
	}
	db_finalize(st);
	if (r < 0)
		return JAUDIT_EDATA;
	strbuf_adds(p->h, "</tbody>\n</table>\n");
	if (n == 0)
		strbuf_adds(p->h, "<p class=\"note\">本場次未抽查契約。</p>\n");
	strbuf_adds(p->h, "</section>\n");
	return 0;
}

/* 三、summary counts by category and rating */
static int summary(struct sp *p)
{
	static const char *const cats[2] = { "共通性項目", "特定契約項目（每契約一次）" };
	static const enum rating order[4] = { RATING_COMPLIANT, RATING_PARTIAL, RATING_NONCOMPLIANT, RATING_NA };
	sqlite3_stmt *st = NULL;
	unsigned n[3][4] = { { 0 } };
	int r, c, k;
	enum rating rt;
	char buf[256];

	if (db_prepare(p->db, &st, "SELECT item, rating FROM results WHERE session = :id") < 0 ||
	    db_bind_text(st, ":id", p->id) < 0) {
		db_finalize(st);
		return JAUDIT_EDATA;
	}
	while ((r = db_step(st)) == SQLITE_ROW) {
		c = db_text(st, 0)[0] == 'C' ? 0 : 1;
		if (rating_from_code(db_text(st, 1), &rt) < 0)
			continue;
		for (k = 0; k < 4; k++)
			if (order[k] == rt) {
				n[c][k]++;
				n[2][k]++;
			}
	}
	db_finalize(st);
	if (r < 0)
		return JAUDIT_EDATA;
	strbuf_adds(p->h, "<section id=\"summary-section\">\n<h2>三、稽核結果摘要</h2>\n");
	snprintf(buf, sizeof(buf), "發現事項共 %u 項：不符合 %u 項、部分符合 %u 項（特定契約項目每個抽查契約各計一次）。",
		 n[2][1] + n[2][2], n[2][2], n[2][1]);
	strbuf_adds(p->h, "<p id=\"summary-text\">");
	esc(p, buf);
	strbuf_adds(p->h, "</p>\n<table id=\"summary\">\n<thead><tr><th>類別</th><th>符合</th><th>部分符合</th><th>不符合</th><th>不適用</th><th>合計</th></tr></thead>\n<tbody>\n");
	for (c = 0; c < 3; c++) {
		strbuf_adds(p->h, "<tr>");
		elem(p, "td", c < 2 ? cats[c] : "合計");
		for (k = 0; k < 4; k++)
			strbuf_addf(p->h, "<td class=\"n\">%u</td>", n[c][k]);
		strbuf_addf(p->h, "<td class=\"n\">%u</td></tr>\n", n[c][0] + n[c][1] + n[c][2] + n[c][3]);
	}
	strbuf_adds(p->h, "</tbody>\n</table>\n</section>\n");
	return 0;
}

static const char results_sql[] =
	"SELECT c.code, c.dimension, c.question, r.ref, r.rating, r.finding, r.recommendation,"
	" coalesce(k.agency, ''), coalesce(k.contract, ''), count(*) OVER (PARTITION BY r.item),"
	" coalesce(f.id, '')"
	" FROM results r JOIN checklist_items c ON c.year = :year AND c.code = r.item"
	" LEFT JOIN session_contracts k ON k.session = r.session AND k.ref = r.ref"
	" LEFT JOIN findings f ON f.session = r.session AND f.item = r.item AND f.ref = r.ref"
	" WHERE r.session = :id ORDER BY c.category = 'specific', c.seq, r.ref";

/* 四、every item with its rating, finding and recommendation */
static int items(struct sp *p)
{
	sqlite3_stmt *st = NULL;
	const char *cls;
	char prev[16] = "";
	int r;

	if (db_prepare(p->db, &st, results_sql) < 0 || db_bind_int(st, ":year", p->year) < 0 ||
	    db_bind_text(st, ":id", p->id) < 0) {
		db_finalize(st);
		return JAUDIT_EDATA;
	}
	strbuf_adds(p->h, "<section id=\"items-section\">\n<h2>四、檢核項目及評等</h2>\n"
		    "<table id=\"items\">\n<colgroup><col class=\"code\"><col class=\"dim\"><col class=\"q\">"
		    "<col class=\"ref\"><col class=\"rt\"><col><col></colgroup>\n"
		    "<thead><tr><th>項目</th><th>構面</th><th>檢核項目</th><th>契約</th><th>評等</th><th>發現事項</th><th>建議</th></tr></thead>\n<tbody>\n");
	while ((r = db_step(st)) == SQLITE_ROW) {
		const char *label = rating_zh(db_text(st, 4), &cls);

		int span = sqlite3_column_int(st, 9);

		strbuf_adds(p->h, "<tr data-item=\"");
		esc(p, db_text(st, 0));
		strbuf_adds(p->h, "\" data-ref=\"");
		esc(p, db_text(st, 3));
		strbuf_adds(p->h, "\">");
		/* a contract-specific item: its code and question once over its contracts' rows */
		if (strcmp(prev, db_text(st, 0)) != 0) {
			snprintf(prev, sizeof(prev), "%s", db_text(st, 0));
			if (span > 1)
				strbuf_addf(p->h, "<td class=\"c\" rowspan=\"%d\">", span);
			else
				strbuf_adds(p->h, "<td class=\"c\">");
			esc(p, db_text(st, 0));
			strbuf_adds(p->h, "</td>");
			if (span > 1)
				strbuf_addf(p->h, "<td rowspan=\"%d\">", span);
			else
				strbuf_adds(p->h, "<td>");
			esc(p, db_text(st, 1));
			strbuf_adds(p->h, "</td>");
			if (span > 1)
				strbuf_addf(p->h, "<td rowspan=\"%d\">", span);
			else
				strbuf_adds(p->h, "<td>");
			esc(p, db_text(st, 2));
			strbuf_adds(p->h, "</td>");
		}
		elem(p, "td class=\"c\"", *db_text(st, 3) ? db_text(st, 3) : "—");
		strbuf_addf(p->h, "<td class=\"rating %s\">", cls);
		esc(p, label);
		strbuf_adds(p->h, "</td>");
		elem(p, "td", db_text(st, 5));
		elem(p, "td", db_text(st, 6));
		strbuf_adds(p->h, "</tr>\n");
	}
	db_finalize(st);
	if (r < 0)
		return JAUDIT_EDATA;
	strbuf_adds(p->h, "</tbody>\n</table>\n</section>\n");
	return 0;
}

/*
 * One finding (a row of results_sql; its id, 115-07-C01, is findings.id)
 * with its tracking record as of the date: 1 when it has none yet, else 0.
 */
static int finding_row(struct sp *p, sqlite3_stmt *st)
{
	const char *id = db_text(st, 10), *cls, *label = rating_zh(db_text(st, 4), &cls);
	const struct remed_record *rec = remed_set_find(&p->set, id);
	enum remed_status status;
	struct jdate due;
	char roc[DATE_ROC_LEN], buf[160];
	long late;

	strbuf_adds(p->h, "<tr>");
	elem(p, "td class=\"c\"", id);
	strbuf_addf(p->h, "<td class=\"%s\">", cls);
	esc(p, label);
	strbuf_adds(p->h, "</td>");
	elem(p, "td", db_text(st, 5));
	elem(p, "td", db_text(st, 6));
	if (!rec || !remed_state_at(rec, p->as_of, &status, &due, NULL)) {
		/* the owner by the rule of 計畫第十點 even before track sync */
		elem(p, "td", *db_text(st, 3) ? db_text(st, 7) : REMED_OWNER_CENTRAL);
		strbuf_adds(p->h, "<td class=\"c\">—</td><td class=\"c\">—</td><td>未列管</td></tr>\n");
		return 1;
	}
	elem(p, "td", rec->owner);
	date_roc_slash(rec->plan_due, roc);
	elem(p, "td class=\"c\"", roc);
	date_roc_slash(due, roc);
	elem(p, "td class=\"c due\"", roc);
	late = remed_days_overdue(status, due, p->as_of);
	if (late > 0) {
		snprintf(buf, sizeof(buf), "%s（逾期 %ld 日）", remed_status_label(status, 0), late);
		elem(p, "td class=\"late\"", buf);
	} else {
		elem(p, "td", remed_status_label(status, 0));
	}
	strbuf_adds(p->h, "</tr>\n");
	return 0;
}

/* 五、each finding with its tracking record: owner, plan and due dates, status */
static int findings(struct sp *p)
{
	sqlite3_stmt *st = NULL;
	char asof[DATE_ROC_LEN], buf[160];
	unsigned n = 0, untracked = 0;
	int r;

	if (db_prepare(p->db, &st, results_sql) < 0 || db_bind_int(st, ":year", p->year) < 0 ||
	    db_bind_text(st, ":id", p->id) < 0) {
		db_finalize(st);
		return JAUDIT_EDATA;
	}
	date_roc(p->as_of, asof);
	strbuf_adds(p->h, "<section id=\"findings-section\">\n<h2>五、發現事項及改善追蹤</h2>\n");
	snprintf(buf, sizeof(buf), "追蹤狀態截至%s。", asof);
	strbuf_adds(p->h, "<p class=\"note\">");
	esc(p, buf);
	strbuf_addf(p->h, "共通性項目由資安署追蹤管考；特定契約項目由該契約之機關自行追蹤管考（計畫第十點）。"
		    "改善計畫於報告提出後 %d 個月內提出；改善完成期限：不符合者報告提出後 %d 個月、部分符合者 %d 個月。</p>\n",
		    p->policy.value[POLICY_PLAN_MONTHS], p->policy.value[POLICY_NONCOMPLIANT_MONTHS],
		    p->policy.value[POLICY_PARTIAL_MONTHS]);
	strbuf_adds(p->h, "<table id=\"findings\">\n<colgroup><col class=\"id\"><col class=\"rt\"><col class=\"tx\"><col class=\"tx\">"
		    "<col class=\"ow\"><col class=\"dt\"><col class=\"dt\"><col class=\"st\"></colgroup>\n<thead><tr><th>追蹤編號</th><th>評等</th><th>發現事項</th>"
		    "<th>建議（改善精進措施）</th><th>追蹤單位</th><th>改善計畫期限</th><th>完成期限</th><th>狀態</th></tr></thead>\n<tbody>\n");
	while ((r = db_step(st)) == SQLITE_ROW) {
		if (!*db_text(st, 10))
			continue;	/* not a finding: 符合 or 不適用 */
		n++;
		untracked += (unsigned)finding_row(p, st);
	}
	db_finalize(st);
	if (r < 0)
		return JAUDIT_EDATA;
	strbuf_adds(p->h, "</tbody>\n</table>\n");
	if (n == 0)
		strbuf_adds(p->h, "<p>本場次無發現事項。</p>\n");
	if (untracked)
		strbuf_addf(p->h, "<p class=\"note late\">%u 項發現事項尚未列管：請執行 jaudit track sync --year %d。</p>\n",
			    untracked, p->year);
	strbuf_adds(p->h, "</section>\n");
	return 0;
}

int report_session_page(sqlite3 *db, const char *session, struct jdate as_of, struct strbuf *html)
{
	struct sp p;
	sqlite3_stmt *st = NULL;
	char title[256], roc[DATE_ROC_LEN];
	int r, rc = 0, found = 0;

	memset(&p, 0, sizeof(p));
	p.db = db;
	p.id = session;
	p.as_of = as_of;
	p.h = html;
	if (db_prepare(db, &st, "SELECT year, date FROM sessions WHERE id = :id") < 0 ||
	    db_bind_text(st, ":id", session) < 0 || (r = db_step(st)) < 0) {
		db_finalize(st);
		return JAUDIT_EDATA;
	}
	if (r == SQLITE_ROW) {
		char what[128];

		found = 1;
		p.year = sqlite3_column_int(st, 0);
		snprintf(what, sizeof(what), "session %s, date", session);
		if (date_from_db_or_say(db_text(st, 1), &p.date, what) < 0)
			rc = JAUDIT_EDATA;
	}
	db_finalize(st);
	if (!found)
		return jerror("report --session: no session '%s' in the database", session);
	if (rc < 0 || remed_policy_get(db, &p.policy) < 0)
		return JAUDIT_EDATA;
	if (remed_load(db, p.year, &p.set) < 0) {
		remed_set_release(&p.set);
		return JAUDIT_EDATA;
	}
	snprintf(title, sizeof(title), "%d年度受託者資通安全聯合稽核 稽核報告", p.year);
	strbuf_adds(html, "<!DOCTYPE html>\n<html lang=\"zh-Hant-TW\">\n<head>\n<meta charset=\"utf-8\">\n"
		    "<meta name=\"generator\" content=\"jaudit\">\n<title>");
	esc(&p, title);
	esc(&p, " ");
	esc(&p, session);
	strbuf_addf(html, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", css);
	rc = basic(&p, title);
	if (rc == 0)
		rc = contracts(&p);
	if (rc == 0)
		rc = summary(&p);
	if (rc == 0)
		rc = items(&p);
	if (rc == 0)
		rc = findings(&p);
	date_roc(as_of, roc);
	strbuf_addf(html, "<footer>資安署 · %s製表（jaudit 產製）· 本報告含受稽核廠商之稽核發現，屬機密資料，"
		    "僅供受稽核廠商及參與機關辦理後續改善使用（計畫第九點第三款、第十點）。</footer>\n</body>\n</html>\n", roc);
	remed_set_release(&p.set);
	return rc;
}

/* --- the command ------------------------------------------------------------ */

/* session-ID.html: characters outside [A-Za-z0-9._-] become _ */
static void file_name(const char *dir, const char *session, const char *ext, struct strbuf *out)
{
	const char *s;

	strbuf_reset(out);
	strbuf_addf(out, "%s/session-", dir);
	for (s = session; *s; s++) {
		unsigned char c = (unsigned char)*s;

		strbuf_addch(out, (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
				   c == '.' || c == '-' ? (char)c : '_');
	}
	strbuf_adds(out, ext);
}

static int write_one(sqlite3 *db, const struct figures_opts *o, const char *session, int pdf)
{
	struct strbuf html = STRBUF_INIT, path = STRBUF_INIT, pdfpath = STRBUF_INIT;
	int rc;

	rc = report_session_page(db, session, o->as_of, &html);
	file_name(o->out, session, ".html", &path);
	if (rc == 0)
		rc = htmldoc_write("report --session", path.buf, html.buf);
	if (rc == 0)
		printf("wrote %s\n", path.buf);
	if (rc == 0 && pdf) {
		file_name(o->out, session, ".pdf", &pdfpath);
		rc = chromium_print_pdf(path.buf, pdfpath.buf);
		if (rc == 0)
			printf("wrote %s\n", pdfpath.buf);
	}
	strbuf_release(&html);
	strbuf_release(&path);
	strbuf_release(&pdfpath);
	return rc;
}

/* "no session X": the year's sessions, to choose from */
static int no_session(sqlite3 *db, const char *session)
{
	sqlite3_stmt *st = NULL;
	struct strbuf sb = STRBUF_INIT;
	int year = 0, r, n = 0;
	char last[64] = "";

	if (sscanf(session, "%d-", &year) != 1)
		year = 0;
	if (db_prepare(db, &st, "SELECT id FROM sessions WHERE :year = 0 OR year = :year ORDER BY id") < 0 ||
	    db_bind_int(st, ":year", year) < 0) {
		db_finalize(st);
		return JAUDIT_EDATA;
	}
	while ((r = db_step(st)) == SQLITE_ROW) {
		if (n == 0)
			strbuf_adds(&sb, db_text(st, 0));
		snprintf(last, sizeof(last), "%s", db_text(st, 0));
		n++;
	}
	db_finalize(st);
	if (n > 1)
		strbuf_addf(&sb, n > 2 ? " … %s" : ", %s", last);
	if (n == 0 && year)
		jerror("report --session: no session '%s' in the database, which holds no session of year %d",
		       session, year);
	else if (n == 0)
		jerror("report --session: no session '%s' in the database, which holds no session", session);
	else if (year)
		jerror("report --session: no session '%s' in the database; the sessions of year %d are %s",
		       session, year, sb.buf);
	else
		jerror("report --session: no session '%s' in the database; expected an id such as %s", session, sb.buf);
	strbuf_release(&sb);
	return JAUDIT_EDATA;
}

int report_session_cmd(struct jaudit_ctx *ctx, struct figures_opts *o, const char *session,
		       int all, int pdf)
{
	sqlite3_stmt *st = NULL;
	sqlite3 *db;
	char **ids = NULL;
	size_t n = 0, alloc = 0, i;
	int r, rc = 0, year = 0;

	if (session && all)
		return jusage("report", "--session and --all exclude each other: one session, or every session of --year");
	if (all && !o->p.year)
		return jusage("report", "--all needs --year: the year whose sessions to write");
	if (o->en)
		return jusage("report", "the audit report of a session is written in Chinese only (no --lang en)");
	if (!o->out)
		return jusage("report", "--out is required: the directory to write into");
	if (pdf) {
		char prog[4096];

		if (chromium_find(prog, sizeof(prog)) < 0)
			return jerror("--pdf: Chromium is not installed (no chromium in PATH, nor $JAUDIT_CHROMIUM); "
				      "install the Debian package %s, or leave out --pdf for the HTML page alone",
				      CHROMIUM_PACKAGE);
	}
	if (session) {
		if (ctx_db(ctx, &db) < 0)
			return JAUDIT_EDATA;
		if (db_prepare(db, &st, "SELECT year FROM sessions WHERE id = :id") < 0 ||
		    db_bind_text(st, ":id", session) < 0 || (r = db_step(st)) < 0) {
			db_finalize(st);
			return JAUDIT_EDATA;
		}
		if (r == SQLITE_ROW)
			year = sqlite3_column_int(st, 0);
		db_finalize(st);
		if (r != SQLITE_ROW)
			return no_session(db, session);
		if (o->p.year && o->p.year != year)
			return jerror("report --session: session %s is of year %d, not --year %d", session, year, o->p.year);
		o->p.year = year;
	} else if (ctx_db_year(ctx, o->p.year, &db) < 0) {
		return JAUDIT_EDATA;
	}
	if ((rc = figures_opts_finish("report", o)) < 0)
		return rc;
	if (session)
		return write_one(db, o, session, pdf);

	if (db_prepare(db, &st, "SELECT id FROM sessions WHERE year = :year ORDER BY date, id") < 0 ||
	    db_bind_int(st, ":year", o->p.year) < 0) {
		db_finalize(st);
		return JAUDIT_EDATA;
	}
	while ((r = db_step(st)) == SQLITE_ROW) {
		if (n == alloc) {
			alloc = alloc ? 2 * alloc : 16;
			ids = xrealloc(ids, alloc * sizeof(*ids));
		}
		ids[n++] = xstrdup(db_text(st, 0));
	}
	db_finalize(st);
	if (r < 0)
		rc = JAUDIT_EDATA;
	else if (n == 0)
		rc = jerror("report --all: year %d has no sessions; load them with 'jaudit ingest'", o->p.year);
	/* a session that fails is reported, the others are still written */
	for (i = 0; i < n && r >= 0; i++) {
		int one = write_one(db, o, ids[i], pdf);

		if (one < 0)
			rc = one;
	}
	for (i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
	return rc;
}
