/*
 * track_list.c - `jaudit track list` and `jaudit track summary`: the lists
 * managers run every week, every figure as of a date (remediation.h).
 */
#include "track.h"
#include "../core/cli.h"
#include "../core/csv.h"
#include "../core/date.h"
#include "../core/db.h"
#include "../core/names.h"
#include "remed_update.h"
#include "remediation.h"
#include "../core/strbuf.h"
#include "../core/table.h"
#include "../analyze/yearpass.h"
#include "../core/taxid.h"
#include "../core/xlsxout.h"

#include <cjson/cJSON.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct list_filter {
	int year;
	struct jdate as_of;
	int overdue;
	long due_within;	/* -1: no filter */
	const char *owner, *vendor, *agency;
	int has_status;
	enum remed_status status;
};

/* one record as of the date */
struct list_row {
	const struct remed_record *r;
	enum remed_status status;
	struct jdate due;
	long days_overdue;
};

static int row_matches(const struct list_filter *f, const struct list_row *x)
{
	int ended = remed_status_ended(x->status);

	/* names as typed: 台/臺, spacing and full-width variants match */
	if (f->owner && !name_equal(f->owner, x->r->owner))
		return 0;
	if (f->vendor && strcmp(f->vendor, x->r->taxid) != 0)
		return 0;
	if (f->agency && (!*x->r->agency || !name_equal(f->agency, x->r->agency)))
		return 0;
	if (f->has_status && f->status != x->status)
		return 0;
	if (f->overdue && x->days_overdue <= 0)
		return 0;
	if (f->due_within >= 0) {
		long left = date_diff(f->as_of, x->due);

		if (ended || left < 0 || left > f->due_within)
			return 0;
	}
	return 1;
}

static void list_text(const struct list_filter *f, const struct list_row *rows, size_t n)
{
	char asof[DATE_ROC_LEN], due[DATE_ROC_LEN], late[24];
	struct table t;
	size_t i, noverdue = 0;

	for (i = 0; i < n; i++)
		noverdue += rows[i].days_overdue > 0;
	date_roc(f->as_of, asof);
	printf("改善追蹤清單  截至%s  共 %zu 筆，逾期 %zu 筆\n\n", asof, n, noverdue);
	if (n == 0) {
		puts("（無符合條件之追蹤事項）");
		return;
	}
	table_init(&t, 8);
	table_header(&t, "追蹤編號", "項目", "廠商", "管考單位", "契約機關", "狀態", "完成期限", "逾期日數");
	table_align(&t, 7, TABLE_RIGHT);
	for (i = 0; i < n; i++) {
		const struct list_row *x = &rows[i];

		date_roc(x->due, due);
		snprintf(late, sizeof(late), "%ld", x->days_overdue);
		table_row(&t, x->r->id, x->r->item, x->r->vendor, x->r->owner,
			  *x->r->agency ? x->r->agency : "—", remed_status_label(x->status, 0), due,
			  x->days_overdue > 0 ? late : "");
	}
	table_print(&t, stdout);
	table_release(&t);
}

/* CSV, or the sheet 追蹤清單 of a workbook: the same rows */
static void list_csv(struct rowout *o, const struct list_row *rows, size_t n)
{
	static const char *const head[] = {
		"追蹤編號", "項目", "廠商統一編號", "廠商名稱", "管考單位", "契約機關", "狀態", "完成期限", "逾期日數",
	};
	char due[DATE_ISO_LEN], late[24];
	size_t i;

	rowout_begin(o, "追蹤清單", head, 9, "tttttttdn");
	for (i = 0; i < n; i++) {
		const struct list_row *x = &rows[i];
		const char *row[9];

		date_iso(x->due, due);
		snprintf(late, sizeof(late), "%ld", x->days_overdue);
		row[0] = x->r->id;
		row[1] = x->r->item;
		row[2] = x->r->taxid;
		row[3] = x->r->vendor;
		row[4] = x->r->owner;
		row[5] = x->r->agency;
		row[6] = remed_status_label(x->status, 0);
		row[7] = due;
		row[8] = late;
		rowout_row(o, row);
	}
}

static int list_rows(enum cli_format fmt, const char *out, const struct list_row *rows, size_t n)
{
	struct xlsxbook *b = NULL;
	struct rowout o;

	if (fmt == FORMAT_CSV) {
		rowout_csv(&o, stdout);
	} else {
		if (!(b = xlsxbook_open_as("track", out, 0, fmt == FORMAT_ODS)))
			return JAUDIT_EDATA;
		rowout_xlsx(&o, b);
	}
	list_csv(&o, rows, n);
	return b ? xlsxbook_close(b) : 0;
}

static void list_json(const struct list_filter *f, const struct list_row *rows, size_t n)
{
	cJSON *root = cJSON_CreateObject(), *arr;
	char iso[DATE_ISO_LEN];
	size_t i;

	date_iso(f->as_of, iso);
	cJSON_AddStringToObject(root, "as_of", iso);
	cJSON_AddNumberToObject(root, "count", (double)n);
	arr = cJSON_AddArrayToObject(root, "records");
	for (i = 0; i < n; i++) {
		const struct list_row *x = &rows[i];
		cJSON *o = cJSON_CreateObject();

		cJSON_AddStringToObject(o, "id", x->r->id);
		cJSON_AddStringToObject(o, "item", x->r->item);
		cJSON_AddStringToObject(o, "vendor", x->r->taxid);
		cJSON_AddStringToObject(o, "vendor_name", x->r->vendor);
		cJSON_AddStringToObject(o, "owner", x->r->owner);
		cJSON_AddStringToObject(o, "agency", x->r->agency);
		cJSON_AddStringToObject(o, "status", remed_status_code(x->status));
		date_iso(x->due, iso);
		cJSON_AddStringToObject(o, "due", iso);
		date_iso(x->r->plan_due, iso);
		cJSON_AddStringToObject(o, "plan_due", iso);
		cJSON_AddNumberToObject(o, "days_overdue", (double)x->days_overdue);
		cJSON_AddItemToArray(arr, o);
	}
	track_json_print(root);
}

/* What `track list` was asked. */
struct list_args {
	struct list_filter f;
	enum cli_format fmt;
	const char *out;
	int has_asof;
};

/* One option into a: 0, or the exit code. */
static int list_option(int c, const char *arg, struct list_args *a, int argc, char **argv)
{
	struct list_filter *f = &a->f;

	switch (c) {
	case 'y':
		return cli_parse_year("track", arg, &f->year) < 0 ? JAUDIT_EUSAGE : 0;
	case 'a':
		if (cli_parse_date("track", "--as-of", arg, &f->as_of) < 0)
			return JAUDIT_EUSAGE;
		a->has_asof = 1;
		return 0;
	case 'o':
		f->overdue = 1;
		return 0;
	case 'w':
		return cli_parse_int("track", "--due-within", arg, 0, &f->due_within) < 0 ? JAUDIT_EUSAGE : 0;
	case 'O':
		f->owner = arg;
		return 0;
	case 'v':
		if (!taxid_valid(arg))
			return jusage("track", "--vendor: '%s' is not a 統一編號; expected the vendor's 8-digit tax id, such as 22099131",
				      arg);
		f->vendor = arg;
		return 0;
	case 'g':
		f->agency = arg;
		return 0;
	case 's':
		if (remed_status_parse(arg, &f->status) < 0)
			return jusage("track", "--status: '%s' is not a status; expected 待改善 open, 改善中 in_progress, "
				      "待驗證 pending_verification, 已結案 closed or 風險接受 risk_accepted", arg);
		f->has_status = 1;
		return 0;
	case 'f':
		return cli_parse_format("track", arg, FORMAT_TEXT | FORMAT_CSV | FORMAT_JSON | FORMAT_BOOK,
					&a->fmt) < 0 ? JAUDIT_EUSAGE : 0;
	case 'u':
		a->out = arg;
		return 0;
	}
	return cli_bad_option("track", argc, argv);
}

static int list_args_parse(int argc, char **argv, struct list_args *a)
{
	static const struct option opts[] = {
		{ "year", required_argument, NULL, 'y' },
		{ "as-of", required_argument, NULL, 'a' },
		{ "overdue", no_argument, NULL, 'o' },
		{ "due-within", required_argument, NULL, 'w' },
		{ "owner", required_argument, NULL, 'O' },
		{ "vendor", required_argument, NULL, 'v' },
		{ "agency", required_argument, NULL, 'g' },
		{ "status", required_argument, NULL, 's' },
		{ "format", required_argument, NULL, 'f' },
		{ "out", required_argument, NULL, 'u' },
		{ NULL, 0, NULL, 0 },
	};
	int c, rc;

	memset(a, 0, sizeof(*a));
	a->f.due_within = -1;
	a->fmt = FORMAT_TEXT;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1)
		if ((rc = list_option(c, optarg, a, argc, argv)) < 0)
			return rc;
	if (optind < argc)
		return jusage("track", "list: unexpected argument '%s'", argv[optind]);
	if (xlsx_out_check("track", (a->fmt & FORMAT_BOOK) != 0, a->out) < 0)
		return JAUDIT_EUSAGE;
	if (!a->has_asof && date_today(&a->f.as_of) < 0)
		return JAUDIT_EDATA;
	return 0;
}

/* The records of the set that match f, as they stood at f->as_of, into rows: how many. */
static size_t list_select(const struct remed_set *set, const struct list_filter *f,
			  struct list_row *rows)
{
	size_t i, n = 0;

	for (i = 0; i < set->n; i++) {
		struct list_row *x = &rows[n];

		x->r = &set->recs[i];
		if (!remed_state_at(x->r, f->as_of, &x->status, &x->due, NULL))
			continue;
		x->days_overdue = remed_days_overdue(x->status, x->due, f->as_of);
		if (row_matches(f, x))
			n++;
	}
	return n;
}

int track_list(struct jaudit_ctx *ctx, int argc, char **argv)
{
	struct list_args a;
	struct remed_set set;
	struct list_row *rows = NULL;
	sqlite3 *db;
	size_t n;
	int rc;

	if ((rc = list_args_parse(argc, argv, &a)) < 0)
		return rc;
	if (ctx_db_year(ctx, a.f.year, &db) < 0)
		return JAUDIT_EDATA;
	rc = remed_load(db, a.f.year, &set);
	if (rc == 0) {
		rows = xcalloc(set.n, sizeof(*rows));
		n = list_select(&set, &a.f, rows);
		if (a.fmt == FORMAT_JSON)
			list_json(&a.f, rows, n);
		else if (a.fmt == FORMAT_CSV || (a.fmt & FORMAT_BOOK))
			rc = list_rows(a.fmt, a.out, rows, n);
		else
			list_text(&a.f, rows, n);
	}
	free(rows);
	remed_set_release(&set);
	return rc;
}

/* --- summary ------------------------------------------------------------------------- */

static const char *const aging_zh[4] = { "未到期", "逾期1–30日", "逾期31–90日", "逾期逾90日" };
static const char *const aging_key[4] = { "not_yet_due", "1_30", "31_90", "over_90" };

/* records not ended as of the summary's date */
static unsigned open_records(const struct remed_summary *s)
{
	unsigned n = 0;
	size_t i;

	for (i = 0; i < s->nowners; i++)
		n += s->owners[i].count[REMED_OPEN] + s->owners[i].count[REMED_IN_PROGRESS] +
		     s->owners[i].count[REMED_PENDING];
	return n;
}

/* The owners by status, as a text table. */
static void owners_text(const struct remed_summary *s)
{
	const char *head[REMED_NSTATUS + 3];
	struct table t;
	size_t i, k;

	table_init(&t, REMED_NSTATUS + 3);
	head[0] = "管考單位";
	for (k = 0; k < REMED_NSTATUS; k++)
		head[k + 1] = remed_status_label((enum remed_status)k, 0);
	head[REMED_NSTATUS + 1] = "合計";
	head[REMED_NSTATUS + 2] = "逾期";
	table_row_v(&t, head);
	t.has_header = 1;
	for (k = 1; k < REMED_NSTATUS + 3; k++)
		table_align(&t, k, TABLE_RIGHT);
	for (i = 0; i < s->nowners; i++) {
		char cells[REMED_NSTATUS + 2][16];
		const char *row[REMED_NSTATUS + 3];
		unsigned total = 0;

		row[0] = s->owners[i].owner;
		for (k = 0; k < REMED_NSTATUS; k++) {
			snprintf(cells[k], sizeof(cells[k]), "%u", s->owners[i].count[k]);
			total += s->owners[i].count[k];
			row[k + 1] = cells[k];
		}
		snprintf(cells[REMED_NSTATUS], 16, "%u", total);
		snprintf(cells[REMED_NSTATUS + 1], 16, "%u", s->owners[i].overdue);
		row[REMED_NSTATUS + 1] = cells[REMED_NSTATUS];
		row[REMED_NSTATUS + 2] = cells[REMED_NSTATUS + 1];
		table_row_v(&t, row);
	}
	table_print(&t, stdout);
	table_release(&t);
}

/* The Kaplan–Meier steps, as a text table. */
static void km_text(const struct remed_summary *s)
{
	struct table t;
	size_t i, k;

	table_init(&t, 6);
	table_header(&t, "日數", "風險集", "結案", "設限", "未結案比率", "95%信賴區間");
	for (k = 0; k < 5; k++)
		table_align(&t, k, TABLE_RIGHT);
	for (i = 0; i < s->nkm; i++) {
		const struct km_point *p = &s->km[i];
		char c0[16], c1[16], c2[16], c3[16], c4[16], c5[48];

		snprintf(c0, sizeof(c0), "%g", p->time);
		snprintf(c1, sizeof(c1), "%u", p->n_risk);
		snprintf(c2, sizeof(c2), "%u", p->n_event);
		snprintf(c3, sizeof(c3), "%u", p->n_censor);
		snprintf(c4, sizeof(c4), "%.4f", p->surv);
		if (isnan(p->lower) || isnan(p->upper))
			snprintf(c5, sizeof(c5), "—");
		else
			snprintf(c5, sizeof(c5), "%.4f–%.4f", p->lower, p->upper);
		table_row(&t, c0, c1, c2, c3, c4, c5);
	}
	table_print(&t, stdout);
	table_release(&t);
}

static void summary_text(const struct remed_summary *s)
{
	char asof[DATE_ROC_LEN];
	size_t k;

	date_roc(s->as_of, asof);
	printf("%d年度 改善追蹤摘要  截至%s\n", s->year, asof);
	printf("追蹤 %u 筆，未結案 %u 筆，逾期 %u 筆", s->total, open_records(s), s->overdue);
	if (open_records(s))
		printf("（占未結案 %.1f%%）", 100.0 * s->overdue / open_records(s));
	printf("\n\n");
	owners_text(s);

	printf("\n未結案之逾期情形：");
	for (k = 0; k < 4; k++)
		printf("%s %u 筆%s", aging_zh[k], s->aging[k], k < 3 ? "，" : "\n");

	printf("\n結案所需日數（Kaplan–Meier，自稽核日起算；未結案者設限於%s，風險接受者設限於其日期）\n", asof);
	printf("%u 筆，已結案 %u 筆；", s->km_n, s->km_events);
	if (isnan(s->km_median))
		printf("中位數：未達（尚未半數結案）\n");
	else
		printf("中位數 %g 日\n", s->km_median);
	if (s->nkm == 0)
		return;
	putchar('\n');
	km_text(s);
}

static void summary_json(const struct remed_summary *s)
{
	cJSON *root = cJSON_CreateObject(), *arr, *o, *km;
	char iso[DATE_ISO_LEN];
	size_t i, k;

	cJSON_AddNumberToObject(root, "year", s->year);
	date_iso(s->as_of, iso);
	cJSON_AddStringToObject(root, "as_of", iso);
	cJSON_AddNumberToObject(root, "total", s->total);
	cJSON_AddNumberToObject(root, "open", open_records(s));
	cJSON_AddNumberToObject(root, "overdue", s->overdue);
	yearpass_json_num(root, "overdue_share", open_records(s) ? (double)s->overdue / open_records(s) : NAN);
	arr = cJSON_AddArrayToObject(root, "owners");
	for (i = 0; i < s->nowners; i++) {
		cJSON *counts;

		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "owner", s->owners[i].owner);
		counts = cJSON_AddObjectToObject(o, "status");
		for (k = 0; k < REMED_NSTATUS; k++)
			cJSON_AddNumberToObject(counts, remed_status_code((enum remed_status)k),
						s->owners[i].count[k]);
		cJSON_AddNumberToObject(o, "overdue", s->owners[i].overdue);
		cJSON_AddItemToArray(arr, o);
	}
	o = cJSON_AddObjectToObject(root, "aging");
	for (k = 0; k < 4; k++)
		cJSON_AddNumberToObject(o, aging_key[k], s->aging[k]);
	km = cJSON_AddObjectToObject(root, "time_to_closure");
	cJSON_AddNumberToObject(km, "n", s->km_n);
	cJSON_AddNumberToObject(km, "closed", s->km_events);
	yearpass_json_num(km, "median_days", s->km_median);
	arr = cJSON_AddArrayToObject(km, "curve");
	for (i = 0; i < s->nkm; i++) {
		const struct km_point *p = &s->km[i];

		o = cJSON_CreateObject();
		cJSON_AddNumberToObject(o, "days", p->time);
		cJSON_AddNumberToObject(o, "n_risk", p->n_risk);
		cJSON_AddNumberToObject(o, "n_event", p->n_event);
		cJSON_AddNumberToObject(o, "n_censor", p->n_censor);
		yearpass_json_num(o, "surv", p->surv);
		yearpass_json_num(o, "se", p->se);
		yearpass_json_num(o, "lower", p->lower);
		yearpass_json_num(o, "upper", p->upper);
		cJSON_AddItemToArray(arr, o);
	}
	track_json_print(root);
}

/* The workbook: the figures, the owners' table, the aging and the closure curve. */
/* The sheet 摘要: the year's figures. */
static void figures_sheet(const struct remed_summary *s, struct xlsxbook *b)
{
	static const char *const fig_head[] = { "指標", "數值" };
	const char *row[2];
	char cell[40];
	struct rowout o;

	rowout_xlsx(&o, b);
	rowout_begin(&o, "摘要", fig_head, 2, "ta");
#define FIG(label, ...) do { snprintf(cell, sizeof(cell), __VA_ARGS__); \
		row[0] = label; row[1] = cell; rowout_row(&o, row); } while (0)
	FIG("年度", "%d", s->year);
	date_iso(s->as_of, cell);
	row[0] = "截至";
	row[1] = cell;
	rowout_row(&o, row);
	FIG("追蹤筆數", "%u", s->total);
	FIG("未結案筆數", "%u", open_records(s));
	FIG("逾期筆數", "%u", s->overdue);
	if (open_records(s))
		FIG("逾期占未結案比率", "%.15g", (double)s->overdue / open_records(s));
	FIG("結案日數之筆數", "%u", s->km_n);
	FIG("已結案筆數", "%u", s->km_events);
	if (!isnan(s->km_median))
		FIG("結案日數中位數", "%g", s->km_median);
#undef FIG
}

/* The sheet 管考單位: the owners by status. */
static void owners_sheet(const struct remed_summary *s, struct xlsxbook *b)
{
	const char *head[REMED_NSTATUS + 3], *row[REMED_NSTATUS + 3];
	char cells[REMED_NSTATUS + 3][40];
	struct rowout o;
	size_t i, k;

	head[0] = "管考單位";
	for (k = 0; k < REMED_NSTATUS; k++)
		head[k + 1] = remed_status_label((enum remed_status)k, 0);
	head[REMED_NSTATUS + 1] = "合計";
	head[REMED_NSTATUS + 2] = "逾期";
	rowout_xlsx(&o, b);
	rowout_begin(&o, "管考單位", head, REMED_NSTATUS + 3, "tnnnnnnnnnnn");
	for (i = 0; i < s->nowners; i++) {
		unsigned total = 0;

		row[0] = s->owners[i].owner;
		for (k = 0; k < REMED_NSTATUS; k++) {
			snprintf(cells[k + 1], sizeof(cells[k + 1]), "%u", s->owners[i].count[k]);
			total += s->owners[i].count[k];
			row[k + 1] = cells[k + 1];
		}
		snprintf(cells[REMED_NSTATUS + 1], sizeof(cells[0]), "%u", total);
		snprintf(cells[REMED_NSTATUS + 2], sizeof(cells[0]), "%u", s->owners[i].overdue);
		row[REMED_NSTATUS + 1] = cells[REMED_NSTATUS + 1];
		row[REMED_NSTATUS + 2] = cells[REMED_NSTATUS + 2];
		rowout_row(&o, row);
	}
}

/* The sheets 逾期分布 (the aging) and 結案日數 (the Kaplan–Meier steps). */
static void aging_km_sheets(const struct remed_summary *s, struct xlsxbook *b)
{
	static const char *const age_head[] = { "未結案之逾期情形", "筆數" };
	static const char *const km_head[] = { "日數", "風險集", "結案", "設限", "未結案比率", "信賴下限", "信賴上限" };
	const char *row[7];
	char cells[7][40];
	struct rowout o;
	size_t i, k;

	rowout_xlsx(&o, b);
	rowout_begin(&o, "逾期分布", age_head, 2, "tn");
	for (k = 0; k < 4; k++) {
		snprintf(cells[1], sizeof(cells[1]), "%u", s->aging[k]);
		row[0] = aging_zh[k];
		row[1] = cells[1];
		rowout_row(&o, row);
	}

	rowout_xlsx(&o, b);
	rowout_begin(&o, "結案日數", km_head, 7, "nnnnnnn");
	for (i = 0; i < s->nkm; i++) {
		const struct km_point *p = &s->km[i];

		snprintf(cells[0], sizeof(cells[0]), "%g", p->time);
		snprintf(cells[1], sizeof(cells[1]), "%u", p->n_risk);
		snprintf(cells[2], sizeof(cells[2]), "%u", p->n_event);
		snprintf(cells[3], sizeof(cells[3]), "%u", p->n_censor);
		snprintf(cells[4], sizeof(cells[4]), "%.15g", p->surv);
		cells[5][0] = cells[6][0] = '\0';
		if (!isnan(p->lower) && !isnan(p->upper)) {
			snprintf(cells[5], sizeof(cells[5]), "%.15g", p->lower);
			snprintf(cells[6], sizeof(cells[6]), "%.15g", p->upper);
		}
		for (k = 0; k < 7; k++)
			row[k] = cells[k];
		rowout_row(&o, row);
	}
}

static int summary_xlsx(const struct remed_summary *s, const char *path, int ods)
{
	struct xlsxbook *b = xlsxbook_open_as("track", path, 0, ods);

	if (!b)
		return JAUDIT_EDATA;
	figures_sheet(s, b);
	owners_sheet(s, b);
	aging_km_sheets(s, b);
	return xlsxbook_close(b);
}

int track_summary(struct jaudit_ctx *ctx, int argc, char **argv)
{
	struct track_report_opts o;
	struct remed_summary s;
	sqlite3 *db;
	int rc = track_report_options_fmt("track", "summary: ", argc, argv,
					  FORMAT_TEXT | FORMAT_JSON | FORMAT_BOOK, &o);

	if (rc < 0)
		return rc;
	if (ctx_db_year(ctx, o.year, &db) < 0 || remed_summary(db, o.year, o.as_of, &s) < 0)
		return JAUDIT_EDATA;
	if (o.fmt == FORMAT_JSON)
		summary_json(&s);
	else if (o.fmt & FORMAT_BOOK)
		rc = summary_xlsx(&s, o.out, o.fmt == FORMAT_ODS);
	else
		summary_text(&s);
	remed_summary_release(&s);
	return rc;
}
