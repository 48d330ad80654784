/*
 * report_texts.c - the annual report's sections on the texts of the common
 * findings, the findings against the tracking records, and the audited
 * vendors with the heat map's key (report_texts.h).
 */
#include "report_texts.h"
#include "charts.h"
#include "html.h"
#include "../analyze/textcluster.h"
#include "../core/date.h"
#include "../core/db.h"
#include "../core/err.h"
#include "../core/rating.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define L(z, e) (tp->en ? (e) : (z))

/* --- masking the vendors' names ------------------------------------------ */

struct form {
	char *text;
	const char *code;
	size_t len;
};

struct forms {
	struct form *v;
	size_t n, alloc;
};

static size_t cp_count(const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

static void forms_add1(struct forms *f, const char *s, size_t len, const char *code)
{
	size_t i;

	if (len == 0)
		return;
	for (i = 0; i < f->n; i++)
		if (f->v[i].len == len && memcmp(f->v[i].text, s, len) == 0)
			return;
	if (f->n == f->alloc) {
		f->alloc = f->alloc ? 2 * f->alloc : 64;
		f->v = xrealloc(f->v, f->alloc * sizeof(*f->v));
	}
	f->v[f->n].text = xstrndup(s, len);
	f->v[f->n].code = code;
	f->v[f->n].len = len;
	f->n++;
}

/* s and its variants with 臺 for 台 and 台 for 臺 (the two are used alike) */
static void forms_add(struct forms *f, const char *s, size_t len, const char *code)
{
	static const char *const pair[2][2] = { { "臺", "台" }, { "台", "臺" } };
	struct strbuf v = STRBUF_INIT;
	size_t i, k;

	forms_add1(f, s, len, code);
	for (k = 0; k < 2; k++) {
		strbuf_reset(&v);
		for (i = 0; i < len;) {
			if (i + 3 <= len && memcmp(s + i, pair[k][0], 3) == 0) {
				strbuf_adds(&v, pair[k][1]);
				i += 3;
			} else {
				strbuf_addch(&v, s[i++]);
			}
		}
		forms_add1(f, v.buf, v.len, code);
	}
	strbuf_release(&v);
}

static int ends_with(const char *s, size_t len, const char *suffix)
{
	size_t n = strlen(suffix);

	return n < len && memcmp(s + len - n, suffix, n) == 0;
}

/* The forms of one vendor's name: whole, without the suffix, its short form. */
static void forms_vendor(struct forms *f, const char *name, const char *taxid, const char *code)
{
	static const char *const suffixes[] = { "股份有限公司", "有限公司", "公司" };
	static const char *const trade[] = {
		"資訊", "科技", "系統", "整合", "數位", "網路", "網通", "雲端", "服務", "電腦",
		"軟體", "開發", "資通", "資安", "工程", "資料", "電信", "通訊", "國際", "企業",
		"實業", "電子", "顧問", "應用", "技術",
	};
	static const char *const too_common[] = { "臺灣", "台灣", "中華", "中國", "全球", "亞洲" };
	size_t len = strlen(name), i, w, changed;

	forms_add(f, name, len, code);
	if (taxid && *taxid)
		forms_add(f, taxid, strlen(taxid), code);
	for (i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++)
		if (ends_with(name, len, suffixes[i])) {
			len -= strlen(suffixes[i]);
			break;
		}
	forms_add(f, name, len, code);
	do {
		changed = 0;
		for (w = 0; w < sizeof(trade) / sizeof(trade[0]); w++)
			if (ends_with(name, len, trade[w]) &&
			    cp_count(name, len - strlen(trade[w])) >= 2) {
				len -= strlen(trade[w]);
				changed = 1;
				break;
			}
	} while (changed);
	for (i = 0; i < sizeof(too_common) / sizeof(too_common[0]); i++)
		if (strlen(too_common[i]) == len && memcmp(name, too_common[i], len) == 0)
			return;
	forms_add(f, name, len, code);
}

static int form_longer(const void *a, const void *b)
{
	const struct form *x = a, *y = b;

	return x->len < y->len ? 1 : x->len > y->len ? -1 : 0;
}

static char *forms_apply(const struct forms *f, const char *text)
{
	struct strbuf out = STRBUF_INIT;
	const char *p = text;
	size_t i, step;

	while (*p) {
		for (i = 0; i < f->n; i++)
			if (strncmp(p, f->v[i].text, f->v[i].len) == 0)
				break;
		if (i < f->n) {
			strbuf_adds(&out, f->v[i].code);
			p += f->v[i].len;
			continue;
		}
		/* one whole character, so that no match starts inside one */
		step = 1;
		while (p[step] && ((unsigned char)p[step] & 0xC0) == 0x80)
			step++;
		strbuf_add(&out, p, step);
		p += step;
	}
	if (!out.buf)
		return xstrdup("");
	return strbuf_detach(&out);
}

static void forms_release(struct forms *f)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		free(f->v[i].text);
	free(f->v);
	f->v = NULL;
	f->n = f->alloc = 0;
}

char *report_mask_names(const char *text, const char *const *names, const char *const *taxids,
			const char *const *codes, size_t n)
{
	struct forms f = { NULL, 0, 0 };
	size_t i;
	char *r;

	for (i = 0; i < n; i++)
		forms_vendor(&f, names[i], taxids ? taxids[i] : NULL, codes[i]);
	qsort(f.v, f.n, sizeof(*f.v), form_longer);
	r = forms_apply(&f, text);
	forms_release(&f);
	return r;
}

/* --- the page's sections ------------------------------------------------- */

struct vendor {
	char *taxid, *name, *code, *sessions, *dates;
	unsigned findings;	/* items with a finding (the heat map's cells) */
};

struct tpage {
	sqlite3 *db;
	const char *dir;
	const struct analysis *a;
	const struct rating_matrix *m;
	int en, pub;
	struct report_texts_out *out;
	struct vendor *v;	/* the heat map's vendors, in its order */
	size_t nv;
	struct forms mask;	/* every vendor on file, for the public edition */
	char unknown_code[32];
	int rc;
};

static const char *vendor_code(const struct tpage *tp, const char *taxid)
{
	size_t i;

	for (i = 0; i < tp->nv; i++)
		if (strcmp(tp->v[i].taxid, taxid) == 0)
			return tp->v[i].code;
	return "?";
}

/* the text as the edition prints it; the caller frees */
static char *shown_text(const struct tpage *tp, const char *text)
{
	return tp->pub ? forms_apply(&tp->mask, text) : xstrdup(text);
}

static int load_vendors(struct tpage *tp)
{
	sqlite3_stmt *st = NULL;
	struct strbuf sb = STRBUF_INIT, dates = STRBUF_INIT;
	char code[32], roc[DATE_ROC_LEN], what[128];
	struct jdate d;
	size_t i, j;
	int rc = 0, r;

	tp->nv = tp->m->nvendors;
	tp->v = xcalloc(tp->nv ? tp->nv : 1, sizeof(*tp->v));
	if (db_prepare(tp->db, &st, "SELECT s.id, s.date FROM sessions s WHERE s.year = :year AND s.taxid = :taxid ORDER BY s.date, s.id") < 0)
		return JAUDIT_EDATA;
	for (i = 0; i < tp->nv && rc == 0; i++) {
		struct vendor *v = &tp->v[i];

		v->taxid = xstrdup(tp->m->taxid[i]);
		v->name = xstrdup(tp->m->vendor[i]);
		chart_vendor_alias(i, tp->en, code, sizeof(code));
		v->code = xstrdup(code);
		for (j = 0; j < tp->m->nitems; j++)
			v->findings += rating_is_finding((enum rating)tp->m->cell[i * tp->m->nitems + j],
							 tp->a->params.strict);
		strbuf_reset(&sb);
		strbuf_reset(&dates);
		db_reset(st);
		if (db_bind_int(st, ":year", tp->a->params.year) < 0 || db_bind_text(st, ":taxid", v->taxid) < 0) {
			rc = JAUDIT_EDATA;
			break;
		}
		while ((r = db_step(st)) == SQLITE_ROW) {
			if (sb.len)
				strbuf_adds(&sb, "、");
			strbuf_adds(&sb, db_text(st, 0));
			if (dates.len)
				strbuf_adds(&dates, "、");
			snprintf(what, sizeof(what), "session %s, date", db_text(st, 0));
			if (date_from_db_or_say(db_text(st, 1), &d, what) < 0) {
				rc = JAUDIT_EDATA;
				break;
			}
			chart_date(d, tp->en, roc);
			strbuf_adds(&dates, roc);
		}
		if (r < 0)
			rc = JAUDIT_EDATA;
		v->sessions = xstrdup(sb.buf ? sb.buf : "");
		v->dates = xstrdup(dates.buf ? dates.buf : "");
	}
	db_finalize(st);
	strbuf_release(&sb);
	strbuf_release(&dates);
	if (rc < 0)
		return rc;

	/* every vendor on file is masked in the public edition */
	snprintf(tp->unknown_code, sizeof(tp->unknown_code), "%s", L("○○廠商", "a vendor"));
	if (db_prepare(tp->db, &st, "SELECT taxid, name FROM vendors") < 0)
		return JAUDIT_EDATA;
	while ((r = db_step(st)) == SQLITE_ROW) {
		const char *taxid = db_text(st, 0), *code_of = vendor_code(tp, taxid);

		forms_vendor(&tp->mask, db_text(st, 1), taxid,
			     strcmp(code_of, "?") == 0 ? tp->unknown_code : code_of);
	}
	db_finalize(st);
	if (r < 0)
		return JAUDIT_EDATA;
	qsort(tp->mask.v, tp->mask.n, sizeof(*tp->mask.v), form_longer);
	return 0;
}

static void para(struct tpage *tp, const char *cls, const char *text)
{
	struct strbuf *h = &tp->out->sections;

	if (cls)
		strbuf_addf(h, "<p class=\"%s\">", cls);
	else
		strbuf_adds(h, "<p>");
	html_escape(h, text);
	strbuf_adds(h, "</p>\n");
}

/* Findings (vendor × item) against the tracking records (one per contract). */
static int counts_paragraph(struct tpage *tp)
{
	static const char sql[] =
		"SELECT count(*),"
		" count(DISTINCT f.taxid || '/' || f.item),"
		" coalesce(sum(f.ref = ''), 0),"
		" coalesce(sum(f.ref <> ''), 0),"
		" count(DISTINCT CASE WHEN f.ref <> '' THEN f.taxid || '/' || f.item END),"
		" (SELECT count(*) FROM remediation r WHERE r.year = :year)"
		" FROM findings f WHERE f.year = :year AND (:strict = 0 OR f.rating = 'noncompliant')";
	sqlite3_stmt *st = NULL;
	long rows, pairs, common, specific, spairs, records;
	char buf[1400];
	int r;

	if (db_prepare(tp->db, &st, sql) < 0)
		return JAUDIT_EDATA;
	if (db_bind_int(st, ":year", tp->a->params.year) < 0 ||
	    db_bind_int(st, ":strict", tp->a->params.strict) < 0 || (r = db_step(st)) < 0) {
		db_finalize(st);
		return JAUDIT_EDATA;
	}
	rows = sqlite3_column_int64(st, 0);
	pairs = sqlite3_column_int64(st, 1);
	common = sqlite3_column_int64(st, 2);
	specific = sqlite3_column_int64(st, 3);
	spairs = sqlite3_column_int64(st, 4);
	records = sqlite3_column_int64(st, 5);
	db_finalize(st);
	if (tp->en)
		snprintf(buf, sizeof(buf),
			 "Findings and tracking records. The analysis counts %ld findings: a vendor and an item once, "
			 "however many sampled contracts had it. Remediation tracks each finding as the auditors wrote it: "
			 "a common item once per vendor (%ld), a contract-specific item once per sampled contract "
			 "(%ld records on %ld vendor × item findings), %ld in all; %ld tracking records are open in the database.",
			 pairs, common, specific, spairs, rows, records);
	else
		snprintf(buf, sizeof(buf),
			 "發現事項與改善追蹤紀錄。本報告之分析以廠商為單位，共 %ld 項發現事項：同一廠商同一項目不論幾個抽查契約有發現，均計 1 項。"
			 "改善追蹤則依稽核結果逐筆列管：共通性項目每家廠商 1 件（%ld 件），特定契約項目每個抽查契約 1 件"
			 "（%ld 件，屬 %ld 項廠商×項目之發現事項），合計 %ld 件；資料庫中之改善追蹤紀錄為 %ld 件。"
			 "兩數之差 %ld 件，即同一廠商同一特定契約項目於第二個以上抽查契約之發現。",
			 pairs, common, specific, spairs, rows, records, rows - pairs);
	para(tp, "counts", buf);
	return 0;
}

struct text_row {
	char *taxid, *text;
};

struct group {
	size_t first, medoid, rows;
	size_t nvendors;
	struct strbuf codes;
};

static int group_order(const void *a, const void *b)
{
	const struct group *x = a, *y = b;

	if (x->nvendors != y->nvendors)
		return x->nvendors < y->nvendors ? 1 : -1;
	return x->first < y->first ? -1 : x->first > y->first;
}

/*
 * The groups of the clustering (grp: each row's group, med: each group's
 * medoid): their first row, rows, vendors and the vendors' codes in the
 * heat map's order.  The caller releases each codes and frees the array.
 */
static struct group *groups_make(const struct tpage *tp, const struct text_row *rows, size_t n,
				 const size_t *grp, const size_t *med, size_t ng)
{
	struct group *gs = xcalloc(ng ? ng : 1, sizeof(*gs));
	size_t i, j, g;

	for (g = 0; g < ng; g++) {
		gs[g].first = n;
		gs[g].medoid = med[g];
		strbuf_init(&gs[g].codes);
	}
	for (i = 0; i < n; i++) {
		struct group *G = &gs[grp[i]];
		int seen = 0;

		if (G->first == n)
			G->first = i;
		G->rows++;
		for (j = 0; j < i; j++)
			if (grp[j] == grp[i] && strcmp(rows[j].taxid, rows[i].taxid) == 0)
				seen = 1;
		if (!seen)
			G->nvendors++;
	}
	/* each group's vendors by their codes, in the heat map's order */
	for (g = 0; g < ng; g++)
		for (j = 0; j < tp->nv; j++)
			for (i = 0; i < n; i++)
				if (grp[i] == g && strcmp(rows[i].taxid, tp->v[j].taxid) == 0) {
					if (gs[g].codes.len)
						strbuf_adds(&gs[g].codes, "、");
					strbuf_adds(&gs[g].codes, tp->v[j].code);
					break;
				}
	return gs;
}

/* The groups, most vendors first, as a table into the page and as rows of csv. */
static void groups_table(struct tpage *tp, const char *code, const char *kind, const char *id,
			 const struct text_row *rows, size_t n, const struct group *gs, size_t ng,
			 struct rtable *csv)
{
	static const char *const zh[] = { "群組", "廠商數", "代表性文字", "廠商" };
	static const char *const en[] = { "group", "vendors", "representative text", "vendors" };
	static const unsigned char num[] = { 1, 1, 0, 0 };
	struct rtable t;
	char buf[64], caption[256];
	size_t g;

	rtable_init(&t, 4, tp->en ? en : zh, num, tp->en);
	for (g = 0; g < ng; g++) {
		char *shown = shown_text(tp, rows[gs[g].medoid].text);

		snprintf(buf, sizeof(buf), "%zu", g + 1);
		rtable_cell(&t, buf, NULL);
		rtable_cell(csv, code, NULL);
		rtable_cell(csv, kind, NULL);
		rtable_cell(csv, buf, NULL);
		snprintf(buf, sizeof(buf), "%zu", gs[g].nvendors);
		rtable_cell(&t, buf, NULL);
		rtable_cell(csv, buf, NULL);
		snprintf(buf, sizeof(buf), "%zu", gs[g].rows);
		rtable_cell(csv, buf, NULL);
		rtable_cell(&t, shown, NULL);
		rtable_cell(csv, shown, NULL);
		rtable_cell(&t, gs[g].codes.buf ? gs[g].codes.buf : "", NULL);
		rtable_cell(csv, gs[g].codes.buf ? gs[g].codes.buf : "", NULL);
		free(shown);
	}
	snprintf(caption, sizeof(caption), tp->en ? "%s %s: %zu texts in %zu groups" : "%s %s：%zu 則，歸為 %zu 群",
		 code, kind, n, ng);
	rtable_html(&t, id, caption, &tp->out->sections);
	rtable_release(&t);
}

/*
 * One table of grouped texts (kind: 發現事項 or 建議) for item `code`: into
 * the page, and its rows into csv.
 */
static int text_table(struct tpage *tp, const char *code, const char *kind, const char *id,
		      struct text_row *rows, size_t n, struct rtable *csv)
{
	const char **texts;
	size_t *grp, *med, ng = 0, i, g;
	struct group *gs;
	int rc = JAUDIT_EDATA;

	if (n == 0)
		return 0;
	texts = xcalloc(n, sizeof(*texts));
	grp = xcalloc(n, sizeof(*grp));
	med = xcalloc(n, sizeof(*med));
	for (i = 0; i < n; i++)
		texts[i] = rows[i].text;
	if (text_cluster(texts, n, TEXTCLUSTER_THRESHOLD, grp, med, &ng) >= 0) {
		gs = groups_make(tp, rows, n, grp, med, ng);
		qsort(gs, ng, sizeof(*gs), group_order);
		groups_table(tp, code, kind, id, rows, n, gs, ng, csv);
		for (g = 0; g < ng; g++)
			strbuf_release(&gs[g].codes);
		free(gs);
		rc = 0;
	}
	free(texts);
	free(grp);
	free(med);
	return rc;
}

static void rows_release(struct text_row *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(rows[i].taxid);
		free(rows[i].text);
	}
	free(rows);
}

static int item_texts(struct tpage *tp, const struct item_stat *it, sqlite3_stmt *st, struct rtable *csv)
{
	struct text_row *fr = NULL, *rr = NULL;
	size_t nf = 0, nr = 0, alloc = 0;
	unsigned nonc = 0, part = 0;
	struct strbuf *h = &tp->out->sections;
	char buf[512], id[64];
	int r, rc = 0;

	db_reset(st);
	if (db_bind_int(st, ":year", tp->a->params.year) < 0 || db_bind_text(st, ":item", it->code) < 0 ||
	    db_bind_int(st, ":strict", tp->a->params.strict) < 0)
		return JAUDIT_EDATA;
	while ((r = db_step(st)) == SQLITE_ROW) {
		if (nf == alloc) {
			alloc = alloc ? 2 * alloc : 16;
			fr = xrealloc(fr, alloc * sizeof(*fr));
			rr = xrealloc(rr, alloc * sizeof(*rr));
		}
		fr[nf].taxid = xstrdup(db_text(st, 0));
		fr[nf].text = xstrdup(db_text(st, 1));
		nf++;
		if (*db_text(st, 2)) {
			rr[nr].taxid = xstrdup(db_text(st, 0));
			rr[nr].text = xstrdup(db_text(st, 2));
			nr++;
		}
		if (strcmp(db_text(st, 3), "noncompliant") == 0)
			nonc++;
		else
			part++;
	}
	if (r < 0) {
		rows_release(fr, nf);
		rows_release(rr, nr);
		return JAUDIT_EDATA;
	}
	strbuf_adds(h, "<div class=\"ftexts\">\n<div class=\"fhead\"><h3>");
	html_escape(h, it->code);
	strbuf_adds(h, " ");
	html_escape(h, it->dimension);
	strbuf_adds(h, tp->en ? ": " : "：");
	html_escape(h, it->question);
	strbuf_adds(h, "</h3>\n");
	if (tp->en)
		snprintf(buf, sizeof(buf), "%u of %u vendors had a finding (rate %.1f%%); the auditors wrote %zu texts (不符合 %u, 部分符合 %u).",
			 it->k, it->n, 100 * it->rate, nf, nonc, part);
	else
		snprintf(buf, sizeof(buf), "%u 家適用廠商中 %u 家有發現事項；稽核委員所寫之發現事項共 %zu 則（不符合 %u 則、部分符合 %u 則）。",
			 it->n, it->k, nf, nonc, part);
	para(tp, NULL, buf);
	strbuf_adds(h, "</div>\n");	/* the heading and its count print together */
	snprintf(id, sizeof(id), "texts-%s", it->code);
	rc = text_table(tp, it->code, L("發現事項", "finding"), id, fr, nf, csv);
	if (rc == 0 && nr) {
		snprintf(id, sizeof(id), "recs-%s", it->code);
		rc = text_table(tp, it->code, L("建議（改善精進措施）", "recommendation"), id, rr, nr, csv);
	} else if (rc == 0) {
		para(tp, "note", L("稽核委員未就此項目提出建議。", "The auditors made no recommendation on this item."));
	}
	strbuf_adds(h, "</div>\n");
	rows_release(fr, nf);
	rows_release(rr, nr);
	return rc;
}

static int texts_section(struct tpage *tp)
{
	static const char *const zh[] = { "項目", "類別", "群組", "廠商數", "則數", "代表性文字", "廠商" };
	static const char *const en[] = { "item", "kind", "group", "vendors", "texts", "representative text", "vendors" };
	static const unsigned char num[] = { 3, 0, 1, 1, 1, 0, 0 };
	sqlite3_stmt *st = NULL;
	struct strbuf path = STRBUF_INIT;
	struct rtable csv;
	size_t i, ncommon = 0;
	int rc = 0;

	strbuf_adds(&tp->out->sections, "<section id=\"finding-texts\">\n<h2>");
	html_escape(&tp->out->sections, L("二之一、共同發現事項之內容", "2a. What the common findings say"));
	strbuf_adds(&tp->out->sections, "</h2>\n");
	para(tp, "note", L("各共同發現事項下，稽核委員所寫之發現事項及建議（改善精進措施）：相近之文字歸為一群，列出各群之廠商數及一則代表性文字（分群方法見方法說明）。廠商以熱圖之代號表示。",
			   "Under each common finding, the texts the auditors wrote (findings, and the recommendations: 改善精進措施), near-identical ones grouped; each group with its number of vendors and one representative text (see the methods). Vendors by their codes in the heat map."));
	if (tp->pub)
		para(tp, "note", L("本版為公開版：文字中之廠商名稱、簡稱及統一編號已以代號取代。",
				   "Public edition: vendors' names, short names and tax ids in the texts are replaced by their codes."));
	if ((rc = counts_paragraph(tp)) < 0)
		return rc;
	if (db_prepare(tp->db, &st,
		       "SELECT taxid, finding, recommendation, rating FROM findings"
		       " WHERE year = :year AND item = :item AND (:strict = 0 OR rating = 'noncompliant')"
		       " ORDER BY session, ref") < 0)
		return JAUDIT_EDATA;
	rtable_init(&csv, 7, tp->en ? en : zh, num, tp->en);
	for (i = 0; i < tp->a->nitems && rc == 0; i++)
		if (tp->a->items[i].common) {
			ncommon++;
			rc = item_texts(tp, &tp->a->items[i], st, &csv);
		}
	db_finalize(st);
	if (rc == 0 && ncommon == 0)
		para(tp, NULL, L("本年度無共同發現事項。", "The year has no common finding."));
	strbuf_adds(&tp->out->sections, "</section>\n");
	strbuf_addf(&path, "%s/finding_texts.csv", tp->dir);
	if (rc == 0)
		rc = rtable_csv(&csv, path.buf);
	rtable_release(&csv);
	strbuf_release(&path);
	return rc;
}

static int vendors_section(struct tpage *tp)
{
	static const char *const zh[] = { "代號", "廠商名稱", "統一編號", "場次", "稽核日期", "發現事項數" };
	static const char *const en[] = { "code", "vendor", "tax id", "session", "audit date", "findings" };
	static const unsigned char num[] = { 3, 0, 3, 3, 0, 1 };
	struct strbuf path = STRBUF_INIT;
	struct rtable t;
	char buf[32];
	size_t i;
	int rc;

	strbuf_adds(&tp->out->sections, "<section id=\"vendors-section\">\n<h2>");
	html_escape(&tp->out->sections, L("二之二、受稽核廠商及熱圖代號", "2b. The vendors audited and the heat map's key"));
	strbuf_adds(&tp->out->sections, "</h2>\n");
	if (tp->pub) {
		/* a list an internal edition left in the same directory goes */
		strbuf_addf(&path, "%s/vendors.csv", tp->dir);
		if (unlink(path.buf) < 0 && errno != ENOENT)
			rc = jerror("cannot remove the internal edition's '%s': %s", path.buf, strerror(errno));
		else
			rc = 0;
		strbuf_release(&path);
		if (rc < 0)
			return rc;
		para(tp, NULL, L("本版為公開版，不列受稽核廠商之名稱及統一編號；圖表及文字中以廠商A、廠商B……代稱（依發現事項數由多至少排列）。",
				 "Public edition: the vendors audited are not named; charts and texts call them Vendor A, Vendor B … (most findings first)."));
		strbuf_adds(&tp->out->sections, "</section>\n");
		return 0;
	}
	para(tp, "note", L("內部版：廠商名稱為機密資料，對外提供請用公開版（--public）。代號即熱圖之廠商A、廠商B……（依發現事項數由多至少排列）。",
			   "Internal edition: the names are confidential; use the public edition (--public) outside. The codes are the heat map's (most findings first)."));
	rtable_init(&t, 6, tp->en ? en : zh, num, tp->en);
	for (i = 0; i < tp->nv; i++) {
		rtable_cell(&t, tp->v[i].code, NULL);
		rtable_cell(&t, tp->v[i].name, NULL);
		rtable_cell(&t, tp->v[i].taxid, NULL);
		rtable_cell(&t, tp->v[i].sessions, NULL);
		rtable_cell(&t, tp->v[i].dates, NULL);
		snprintf(buf, sizeof(buf), "%u", tp->v[i].findings);
		rtable_cell(&t, buf, NULL);
	}
	rtable_html(&t, "vendors", L("受稽核廠商一覽（熱圖代號對照）", "The vendors audited (the heat map's key)"),
		    &tp->out->sections);
	strbuf_addf(&path, "%s/vendors.csv", tp->dir);
	rc = rtable_csv(&t, path.buf);
	rtable_release(&t);
	strbuf_release(&path);
	strbuf_adds(&tp->out->sections, "</section>\n");
	return rc;
}

static void methods(struct tpage *tp)
{
	struct strbuf *h = &tp->out->methods;
	char buf[1200];

	if (tp->en)
		snprintf(buf, sizeof(buf),
			 "The texts of each common finding are grouped so that near-identical wordings count as one: a text is the set of its character bigrams "
			 "(two consecutive characters, punctuation and spaces removed first); two texts are as similar as the Jaccard index of their sets "
			 "(shared bigrams / all bigrams of either). Groups are formed by average linkage: the two groups whose mean pairwise similarity is highest "
			 "are merged while it is at least %.2f. A group's representative text is the one most similar to the rest of its group (its medoid). "
			 "A group's count is its distinct vendors; a vendor whose contracts got texts in two groups counts in both.",
			 TEXTCLUSTER_THRESHOLD);
	else
		snprintf(buf, sizeof(buf),
			 "各共同發現事項之文字依相似度分群，使措辭相近者合為一群：每則文字取其字元雙連字（相鄰兩字，先去除標點及空白）之集合，"
			 "兩則文字之相似度為兩集合之 Jaccard 指數（共有之雙連字數 ÷ 兩者雙連字之聯集數）；以平均連結法階層式合併，"
			 "每次合併平均相似度最高之兩群，直到最高者低於 %.2f 為止。每群之代表性文字為與同群其他文字相似度總和最大者（medoid）。"
			 "群之廠商數以不同廠商計；同一廠商之不同契約文字分屬兩群者，兩群皆計入。",
			 TEXTCLUSTER_THRESHOLD);
	strbuf_adds(h, "<dt>");
	html_escape(h, L("文字分群", "Grouping the texts"));
	strbuf_adds(h, "</dt><dd>");
	html_escape(h, buf);
	strbuf_adds(h, "</dd>\n<dt>");
	html_escape(h, L("內部版與公開版", "Internal and public editions"));
	strbuf_adds(h, "</dt><dd>");
	html_escape(h, L("內部版列出受稽核廠商名稱及熱圖代號對照；公開版（--public）不列名稱，文字中之廠商全名、去除公司組織字尾（有限公司等）之名稱、簡稱（再去除「資訊」「科技」等行業用語）及統一編號均以代號取代。其他縮寫無法辨識，稽核委員撰寫發現事項時宜勿寫出廠商名稱。",
			 "The internal edition names the vendors and gives the heat map's key; the public one (--public) names none, and in the texts each vendor's name, the name without its company suffix, its short form (without trade words such as 資訊, 科技) and its tax id are replaced by its code. Other abbreviations cannot be recognized: findings are best written without the vendor's name."));
	strbuf_adds(h, "</dd>\n");
}

static const char css[] =
	".ftexts{margin:0 0 18px}.ftexts table{table-layout:fixed}"
	".ftexts th:nth-child(1){width:7%}.ftexts th:nth-child(2){width:8%}.ftexts th:nth-child(4){width:22%}\n"
	"p.counts{background:#f7f9fc;border-left:4px solid #4a7bb7;padding:6px 10px}\n"
	"table#vendors{width:auto;min-width:60%}\n"
	"@media print{.fhead{break-inside:avoid;break-after:avoid}#vendors-section h2+p{break-after:avoid}table#vendors{break-inside:auto}"
	".ftexts table{break-inside:auto}.ftexts tbody tr:nth-child(2){break-before:auto}section#vendors-section{break-before:auto}}\n";

int report_texts(sqlite3 *db, const char *dir, const struct analysis *a,
		 const struct rating_matrix *m, int en, int public_edition,
		 struct report_texts_out *out)
{
	struct tpage tp;
	size_t i;
	int rc;

	memset(&tp, 0, sizeof(tp));
	tp.db = db;
	tp.dir = dir;
	tp.a = a;
	tp.m = m;
	tp.en = en;
	tp.pub = public_edition;
	tp.out = out;
	rc = load_vendors(&tp);
	if (rc == 0)
		rc = texts_section(&tp);
	if (rc == 0)
		rc = vendors_section(&tp);
	if (rc == 0) {
		methods(&tp);
		strbuf_adds(&out->css, css);
	}
	for (i = 0; i < tp.nv; i++) {
		free(tp.v[i].taxid);
		free(tp.v[i].name);
		free(tp.v[i].code);
		free(tp.v[i].sessions);
		free(tp.v[i].dates);
	}
	free(tp.v);
	forms_release(&tp.mask);
	return rc;
}
