/*
 * track_remind.c - `jaudit track remind`: per owner (資安署, or the agency of
 * a contract) one letter of what is overdue and what falls due within N
 * days, as a printable HTML page and a plain-text mail body; or the same
 * list as one CSV file.  Every figure as of --as-of (remediation.h).
 */
#include "track.h"
#include "../core/csv.h"
#include "../core/date.h"
#include "../core/db.h"
#include "../core/htmldoc.h"
#include "../core/names.h"
#include "remediation.h"
#include "../core/strbuf.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* one record to remind of */
struct due_row {
	const struct remed_record *r;
	enum remed_status status;
	struct jdate due;
	long days;		/* > 0 overdue by that many days, else -days left (0: due today) */
};

struct remind {
	struct jdate as_of;
	long within;
	const char *owner;	/* --owner, or NULL */
	const char *dir;
	struct due_row *rows;	/* by owner, then overdue first (most days), then by due date */
	size_t n;
};

static int row_cmp(const void *a, const void *b)
{
	const struct due_row *x = a, *y = b;
	int c = strcmp(x->r->owner, y->r->owner);

	if (c)
		return c;
	if ((x->days > 0) != (y->days > 0))
		return x->days > 0 ? -1 : 1;
	if (x->days != y->days)
		return x->days > y->days ? -1 : 1;
	return strcmp(x->r->id, y->r->id);
}

/* The records not ended that are overdue or due within rm->within days. */
static void pick_rows(struct remind *rm, const struct remed_set *set)
{
	size_t i;

	rm->rows = xcalloc(set->n ? set->n : 1, sizeof(*rm->rows));
	for (i = 0; i < set->n; i++) {
		struct due_row *x = &rm->rows[rm->n];

		x->r = &set->recs[i];
		if (!remed_state_at(x->r, rm->as_of, &x->status, &x->due, NULL) || remed_status_ended(x->status))
			continue;
		if (rm->owner && !name_equal(rm->owner, x->r->owner))
			continue;
		x->days = date_diff(x->due, rm->as_of);
		if (x->days > 0 || -x->days <= rm->within)
			rm->n++;
	}
	qsort(rm->rows, rm->n, sizeof(*rm->rows), row_cmp);
}

/* 「逾期 27 日」, 「今日到期」 or 「尚餘 3 日」 */
static void days_text(long days, char *buf, size_t n)
{
	if (days > 0)
		snprintf(buf, n, "逾期 %ld 日", days);
	else if (days == 0)
		snprintf(buf, n, "今日到期");
	else
		snprintf(buf, n, "尚餘 %ld 日", -days);
}

/* The vendor and, for a contract's finding, the agency and contract. */
static void what_text(const struct due_row *x, struct strbuf *sb)
{
	strbuf_reset(sb);
	strbuf_addf(sb, "%s（統一編號 %s）", x->r->vendor, x->r->taxid);
	if (*x->r->contract)
		strbuf_addf(sb, "；%s：%s", x->r->agency, x->r->contract);
}

/* A file name for an owner: its name with '/' and NUL-unsafe bytes replaced. */
static void owner_path(const struct remind *rm, const char *owner, const char *ext, struct strbuf *path)
{
	const char *p;

	strbuf_reset(path);
	strbuf_addf(path, "%s/", rm->dir);
	for (p = owner; *p; p++)
		strbuf_addch(path, *p == '/' || *p == '\\' || (*p > 0 && *p < ' ') ? '_' : *p);
	strbuf_addf(path, "%s", ext);
}

static void letter_table(const struct due_row *rows, size_t n, int overdue, struct strbuf *out)
{
	struct strbuf sb = STRBUF_INIT;
	char due[DATE_ROC_LEN], days[40];
	size_t i;

	strbuf_addf(out, "<table id=\"%s\"><thead><tr><th>追蹤編號</th><th>廠商及契約</th><th class=\"wide\">發現事項</th>"
		    "<th>狀態</th><th>完成期限</th><th>%s</th></tr></thead><tbody>\n",
		    overdue ? "overdue" : "soon", overdue ? "逾期日數" : "剩餘日數");
	for (i = 0; i < n; i++) {
		const struct due_row *x = &rows[i];

		if ((x->days > 0) != overdue)
			continue;
		date_roc(x->due, due);
		days_text(x->days, days, sizeof(days));
		strbuf_addf(out, "<tr id=\"r-%s\">", x->r->id);
		htmldoc_elem(out, "td class=\"id c\"", x->r->id);
		what_text(x, &sb);
		htmldoc_elem(out, "td class=\"what\"", sb.buf);
		htmldoc_elem(out, "td class=\"finding\"", *x->r->finding ? x->r->finding : x->r->item);
		htmldoc_elem(out, "td class=\"status c\"", remed_status_label(x->status, 0));
		htmldoc_elem(out, "td class=\"due c\"", due);
		htmldoc_elem(out, overdue ? "td class=\"days n late\"" : "td class=\"days n\"", days);
		strbuf_adds(out, "</tr>\n");
	}
	strbuf_adds(out, "</tbody></table>\n");
	strbuf_release(&sb);
}

/* The letter to one owner (rows[0..n) are its), as HTML. */
static void letter_html(const struct remind *rm, const struct due_row *rows, size_t n, size_t nover,
			struct strbuf *out)
{
	char asof[DATE_ROC_LEN], until[DATE_ROC_LEN];
	struct strbuf t = STRBUF_INIT;

	date_roc(rm->as_of, asof);
	date_roc(date_add_days(rm->as_of, rm->within), until);
	strbuf_addf(&t, "稽核發現事項改善期限提醒（%s）", rows[0].r->owner);
	htmldoc_begin(out, t.buf);
	htmldoc_elem(out, "h1", "稽核發現事項改善期限提醒");
	strbuf_adds(out, "<p class=\"meta\">受文者：<span id=\"owner\">");
	htmldoc_escape(out, rows[0].r->owner);
	strbuf_addf(out, "</span><br>發文日期：%s<br>發文者：數位發展部資通安全署</p>\n", asof);
	strbuf_addf(out, "<p id=\"summary\">截至%s，貴單位列管之受託者資通安全聯合稽核發現事項中，"
		    "已逾完成期限者 %zu 件，將於 %ld 日內（%s以前）到期者 %zu 件。請依限完成改善，"
		    "並以改善追蹤表回報辦理情形及佐證；如需展延，請敘明理由申請。</p>\n",
		    asof, nover, rm->within, until, n - nover);
	if (nover) {
		htmldoc_elem(out, "h2", "一、已逾完成期限");
		letter_table(rows, n, 1, out);
	}
	if (n > nover) {
		htmldoc_elem(out, "h2", nover ? "二、即將到期" : "一、即將到期");
		letter_table(rows, n, 0, out);
	}
	strbuf_adds(out, "<p class=\"note\">完成期限以民國年表示；逾期及剩餘日數以發文日期起算。</p>\n");
	htmldoc_end(out);
	strbuf_release(&t);
}

/* The same letter as a plain-text mail body. */
static void letter_text(const struct remind *rm, const struct due_row *rows, size_t n, size_t nover,
			struct strbuf *out)
{
	struct strbuf sb = STRBUF_INIT;
	char asof[DATE_ROC_LEN], until[DATE_ROC_LEN], due[DATE_ROC_LEN], days[40];
	size_t i;
	int part;

	date_roc(rm->as_of, asof);
	date_roc(date_add_days(rm->as_of, rm->within), until);
	strbuf_addf(out, "主旨：稽核發現事項改善期限提醒（逾期 %zu 件，%ld 日內到期 %zu 件）\n\n%s 您好：\n\n",
		    nover, rm->within, n - nover, rows[0].r->owner);
	strbuf_addf(out, "截至%s，貴單位列管之受託者資通安全聯合稽核發現事項中，已逾完成期限者 %zu 件，"
		    "將於 %ld 日內（%s以前）到期者 %zu 件。請依限完成改善，並以改善追蹤表回報辦理情形及佐證；"
		    "如需展延，請敘明理由申請。\n", asof, nover, rm->within, until, n - nover);
	for (part = 1; part >= 0; part--) {
		if (part ? nover == 0 : n == nover)
			continue;
		strbuf_addf(out, "\n%s\n", part ? "【已逾完成期限】" : "【即將到期】");
		for (i = 0; i < n; i++) {
			const struct due_row *x = &rows[i];

			if ((x->days > 0) != part)
				continue;
			date_roc(x->due, due);
			days_text(x->days, days, sizeof(days));
			what_text(x, &sb);
			strbuf_addf(out, "- %s　%s　完成期限 %s　狀態 %s\n  受稽核廠商：%s\n  發現事項：%s\n",
				    x->r->id, days, due, remed_status_label(x->status, 0), sb.buf,
				    *x->r->finding ? x->r->finding : x->r->item);
		}
	}
	strbuf_adds(out, "\n數位發展部資通安全署 敬啟\n");
	strbuf_release(&sb);
}

/* One letter per owner: OWNER.html and OWNER.txt in rm->dir; the count in *nletters. */
static int write_letters(const struct remind *rm, size_t *nletters)
{
	struct strbuf html = STRBUF_INIT, text = STRBUF_INIT, path = STRBUF_INIT;
	size_t i, j, nover;
	int rc = 0;

	*nletters = 0;
	for (i = 0; i < rm->n && rc == 0; i = j) {
		for (j = i, nover = 0; j < rm->n && strcmp(rm->rows[j].r->owner, rm->rows[i].r->owner) == 0; j++)
			nover += rm->rows[j].days > 0;
		strbuf_reset(&html);
		strbuf_reset(&text);
		letter_html(rm, &rm->rows[i], j - i, nover, &html);
		letter_text(rm, &rm->rows[i], j - i, nover, &text);
		owner_path(rm, rm->rows[i].r->owner, ".html", &path);
		rc = htmldoc_write("track remind", path.buf, html.buf);
		owner_path(rm, rm->rows[i].r->owner, ".txt", &path);
		if (rc == 0)
			rc = htmldoc_write("track remind", path.buf, text.buf);
		if (rc == 0) {
			printf("%s: %zu overdue, %zu due within %ld days\n", rm->rows[i].r->owner, nover,
			       j - i - nover, rm->within);
			(*nletters)++;
		}
	}
	strbuf_release(&html);
	strbuf_release(&text);
	strbuf_release(&path);
	return rc;
}

/* Every row in one reminders.csv (UTF-8 with BOM, as the other CSV files). */
static int write_csv(const struct remind *rm)
{
	static const char *const head[] = {
		"管考單位", "追蹤編號", "項目", "廠商統一編號", "廠商名稱", "契約機關", "契約案名", "發現事項",
		"狀態", "完成期限", "完成期限（民國）", "逾期日數", "剩餘日數",
	};
	struct strbuf path = STRBUF_INIT;
	char iso[DATE_ISO_LEN], roc[DATE_ROC_LEN], late[24], left[24];
	FILE *fp;
	size_t i;
	int rc;

	strbuf_addf(&path, "%s/reminders.csv", rm->dir);
	fp = htmldoc_open_private("track remind", path.buf);
	if (!fp) {
		strbuf_release(&path);
		return JAUDIT_EDATA;
	}
	fputs("\xEF\xBB\xBF", fp);
	csv_write_record(fp, head, 13);
	for (i = 0; i < rm->n; i++) {
		const struct due_row *x = &rm->rows[i];
		const char *row[13] = {
			x->r->owner, x->r->id, x->r->item, x->r->taxid, x->r->vendor, x->r->agency, x->r->contract,
			x->r->finding, remed_status_label(x->status, 0), iso, roc, late, left,
		};

		date_iso(x->due, iso);
		date_roc_slash(x->due, roc);
		snprintf(late, sizeof(late), "%ld", x->days > 0 ? x->days : 0);
		snprintf(left, sizeof(left), "%ld", x->days > 0 ? 0 : -x->days);
		csv_write_record(fp, row, 13);
	}
	rc = htmldoc_close(fp, "track remind", path.buf);
	if (rc == 0)
		printf("%s: %zu records\n", path.buf, rm->n);
	strbuf_release(&path);
	return rc;
}

static int remind_options(int argc, char **argv, struct remind *rm, int *year, enum cli_format *fmt)
{
	static const struct option opts[] = {
		{ "as-of", required_argument, NULL, 'a' }, { "within", required_argument, NULL, 'w' },
		{ "owner", required_argument, NULL, 'O' }, { "out", required_argument, NULL, 'o' },
		{ "year", required_argument, NULL, 'y' }, { "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	int c, has_asof = 0;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'a':
			if (cli_parse_date("track", "--as-of", optarg, &rm->as_of) < 0)
				return JAUDIT_EUSAGE;
			has_asof = 1;
			break;
		case 'w':
			if (cli_parse_int("track", "--within", optarg, 0, &rm->within) < 0)
				return JAUDIT_EUSAGE;
			break;
		case 'O':
			rm->owner = optarg;
			break;
		case 'o':
			rm->dir = optarg;
			break;
		case 'y':
			if (cli_parse_year("track", optarg, year) < 0)
				return JAUDIT_EUSAGE;
			break;
		case 'f':
			if (cli_parse_format("track", optarg, FORMAT_CSV | FORMAT_HTML, fmt) < 0)
				return JAUDIT_EUSAGE;
			break;
		default:
			return cli_bad_option("track", argc, argv);
		}
	}
	if (optind < argc)
		return jusage("track", "remind: unexpected argument '%s'", argv[optind]);
	if (!rm->dir || !*rm->dir)
		return jusage("track", "remind: --out is required: the folder to write the letters into");
	if (!has_asof && date_today(&rm->as_of) < 0)
		return JAUDIT_EDATA;
	return 0;
}

int track_remind(struct jaudit_ctx *ctx, int argc, char **argv)
{
	struct remind rm;
	struct remed_set set;
	enum cli_format fmt = FORMAT_HTML;
	sqlite3 *db;
	size_t nletters = 0;
	int rc, year = 0;

	memset(&rm, 0, sizeof(rm));
	rm.within = 14;
	rc = remind_options(argc, argv, &rm, &year, &fmt);
	if (rc < 0)
		return rc;
	if (ctx_db(ctx, &db) < 0)
		return JAUDIT_EDATA;
	if (mkdir(rm.dir, 0700) < 0 && errno != EEXIST)
		return jerror("track remind: cannot create the folder '%s': %s", rm.dir, strerror(errno));
	rc = remed_load(db, year, &set);
	if (rc == 0) {
		pick_rows(&rm, &set);
		if (fmt == FORMAT_CSV)
			rc = write_csv(&rm);
		else if ((rc = write_letters(&rm, &nletters)) == 0)
			printf("%s: %zu letter%s (HTML and a plain-text mail body each)\n", rm.dir, nletters,
			       nletters == 1 ? "" : "s");
	}
	free(rm.rows);
	remed_set_release(&set);
	return rc;
}
