/*
 * jaudit trend: the common findings year over year (SPEC §3), from
 * trend_run() (analyze/trend_years.c).
 */
#include "analysis.h"
#include "repeats.h"
#include "../core/checklist.h"
#include "../core/cli.h"
#include "../core/csv.h"
#include "../core/xlsxout.h"
#include "../core/db.h"
#include "../core/numfmt.h"
#include "../core/table.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: jaudit trend --from <year> --to <year> [--item <code>]\n"
	"                    [--format (text | json | csv | xlsx | ods)]\n"
	"                    [--lang (zh | en)] [--ci (wilson | exact)] [--level <p>] [--strict]\n"
	"                    [--category (common | specific)] [--repeats] [--out <file.xlsx | file.ods>]\n"
	"\n"
	"The common findings across the years from --from to --to, items matched by\n"
	"their code.  Per item and year: n vendors to whom it applied, k with a\n"
	"finding, the rate and its interval, and Fisher's exact two-sided p against\n"
	"the previous year present.  Over three or more years, the Cochran-Armitage\n"
	"test for trend with the years as scores (as R's prop.trend.test), with the\n"
	"Benjamini-Hochberg q over the items; and the slope of the rate per year\n"
	"(least squares weighted by n).  Per year: vendors audited, mean findings per\n"
	"vendor with its t interval, share of vendors with any finding.  Years\n"
	"without a checklist or without results are left out.  docs/ANALYSIS.md\n"
	"explains every column.\n"
	"\n"
	"With --repeats: the same vendor and the same item across its audits.  Each\n"
	"vendor audited in two or more of the years has each pair of its consecutive\n"
	"audits compared item by item (items that applied both times): 再次發現\n"
	"(a finding both times), 已改善 (a finding, then none), 新發現 (none, then a\n"
	"finding).  Per item the repeat rate, 再次發現 / (再次發現 + 已改善), with its\n"
	"interval; the findings whose remediation record was 已結案 on or before the\n"
	"vendor's next audit and were found again there (結案後再發現); and the list\n"
	"vendor by vendor.  CSV: one row per item and a row 全部; JSON: everything.\n"
	"\n"
	"Options:\n"
	"  --from <year>        the first ROC year (113, or 2024)\n"
	"  --to <year>          the last ROC year\n"
	"  --item <code>        only this item (C01 .. S17)\n"
	"  --format <fmt>       text (default), json, csv (one row per item and year), or\n"
	"                       xlsx (the CSV's rows as a workbook, sheet 趨勢, with\n"
	"                       --repeats 再次發現; written to --out), or ods (the same\n"
	"                       as an OpenDocument spreadsheet)\n"
	"  --out <file>         the workbook of --format xlsx or ods (required with them)\n"
	"  --lang <lang>        zh (default) or en\n"
	"  --ci <method>        wilson (default) or exact (Clopper-Pearson)\n"
	"  --level <p>          confidence level, default 0.95\n"
	"  --strict             only 不符合 counts as a finding\n"
	"  --category <c>       only common (共通性) or specific (特定契約) items\n"
	"  --repeats            repeat findings vendor by vendor, as above\n";

static void print_text(const struct trend *t, int en)
{
	struct table tb;
	size_t i, j;

	printf(en ? "Common findings, years %d to %d\n" : "%d至%d年度 共同發現事項趨勢\n", t->from, t->to);
	if (t->nyears == 0) {
		puts(en ? "no results in these years" : "這些年度尚無稽核結果");
		return;
	}
	puts(en ? "\nPer year" : "\n各年度概況");
	table_init(&tb, 5);
	if (en)
		table_header(&tb, "year", "vendors", "mean findings (interval)", "with any", "share (interval)");
	else
		table_header(&tb, "年度", "受稽核廠商", "平均發現事項（信賴區間）", "有發現事項", "比率（信賴區間）");
	for (i = 1; i < 5; i++)
		table_align(&tb, i, TABLE_RIGHT);
	for (i = 0; i < t->nyears; i++) {
		const struct trend_year *y = &t->years[i];
		char yr[16], v[16], mean[80], m[24], lo[24], hi[24], w[16], share[80];

		snprintf(yr, sizeof(yr), "%d", y->year);
		snprintf(v, sizeof(v), "%u", y->vendors);
		snprintf(mean, sizeof(mean), "%s (%s - %s)", numfmt_fixed(m, sizeof(m), y->mean_findings, 2),
			 numfmt_fixed(lo, sizeof(lo), y->mean_lo, 2), numfmt_fixed(hi, sizeof(hi), y->mean_hi, 2));
		snprintf(w, sizeof(w), "%u", y->with_any);
		snprintf(share, sizeof(share), "%s (%s - %s)", numfmt_pct(m, sizeof(m), y->share_any, 1),
			 numfmt_pct(lo, sizeof(lo), y->share_lo, 1), numfmt_pct(hi, sizeof(hi), y->share_hi, 1));
		table_row(&tb, yr, v, mean, w, share);
	}
	table_print(&tb, stdout);
	table_release(&tb);

	puts(en ? "\nPer item" : "\n各檢核項目");
	table_init(&tb, 9);
	if (en)
		table_header(&tb, "item", "year", "n", "k", "rate", "interval", "Fisher p",
			     "trend p (q)", "slope per year");
	else
		table_header(&tb, "項目", "年度", "n", "k", "比率", "信賴區間", "Fisher p 值",
			     "趨勢 p 值（q 值）", "每年斜率");
	/* the slope is in percentage points of the rate per year */
	for (i = 1; i < 9; i++)
		table_align(&tb, i, TABLE_RIGHT);
	for (i = 0; i < t->nitems; i++) {
		const struct trend_item *ti = &t->items[i];

		for (j = 0; j < ti->npoints; j++) {
			const struct trend_point *pt = &ti->points[j];
			char yr[16], n[16], k[16], rate[24], ci[56], lo[24], hi[24], fp[16];
			char cap[48] = "", p[16], q[16], slope[40] = "", sl[24];

			snprintf(yr, sizeof(yr), "%d", pt->year);
			snprintf(n, sizeof(n), "%u", pt->n);
			snprintf(k, sizeof(k), "%u", pt->k);
			numfmt_pct(rate, sizeof(rate), pt->rate, 1);
			snprintf(ci, sizeof(ci), "%s - %s", numfmt_pct(lo, sizeof(lo), pt->ci_low, 1),
				 numfmt_pct(hi, sizeof(hi), pt->ci_high, 1));
			numfmt_p(fp, sizeof(fp), pt->fisher_p);
			if (j == 0) {
				numfmt_p(p, sizeof(p), ti->ca_p);
				numfmt_p(q, sizeof(q), ti->ca_q);
				snprintf(cap, sizeof(cap), "%s (%s)", p, q);
				numfmt_fixed(sl, sizeof(sl), 100 * ti->slope, 1);
				if (isnan(ti->slope))
					snprintf(slope, sizeof(slope), "-");
				else
					snprintf(slope, sizeof(slope), "%s%s%s", ti->slope > 0 && sl[0] != '0' ? "+" : "",
						 sl, en ? " pt" : " 百分點");
			}
			table_row(&tb, j == 0 ? ti->code : "", yr, n, k, rate, ci, fp, cap, slope);
		}
	}
	table_print(&tb, stdout);
	table_release(&tb);
}

static void csv_num(char *buf, size_t n, double v)
{
	if (isnan(v))
		buf[0] = '\0';
	else
		snprintf(buf, n, "%.15g", v);
}

/* CSV on stdout, or the sheet of a workbook: the same rows */
static void print_csv(struct rowout *o, const struct trend *t, int en)
{
	static const char *const zh_head[] = {
		"項目代碼", "構面", "年度", "適用廠商數", "發現廠商數", "比率", "信賴下限", "信賴上限",
		"Fisher p值", "趨勢卡方", "趨勢p值", "趨勢q值", "每年斜率", "斜率標準誤",
	};
	static const char *const en_head[] = {
		"code", "dimension", "year", "n", "k", "rate", "ci_low", "ci_high",
		"fisher_p", "trend_chisq", "trend_p", "trend_q", "slope", "slope_se",
	};
	size_t i, j;

	rowout_begin(o, en ? "trend" : "趨勢", en ? en_head : zh_head, 14, "ttnnnnnnnnnnnn");
	for (i = 0; i < t->nitems; i++) {
		const struct trend_item *ti = &t->items[i];

		for (j = 0; j < ti->npoints; j++) {
			const struct trend_point *pt = &ti->points[j];
			char yr[16], n[16], k[16], v[11][32];
			const char *row[14];
			int x;

			snprintf(yr, sizeof(yr), "%d", pt->year);
			snprintf(n, sizeof(n), "%u", pt->n);
			snprintf(k, sizeof(k), "%u", pt->k);
			csv_num(v[0], 32, pt->rate);
			csv_num(v[1], 32, pt->ci_low);
			csv_num(v[2], 32, pt->ci_high);
			csv_num(v[3], 32, pt->fisher_p);
			csv_num(v[4], 32, ti->ca_chisq);
			csv_num(v[5], 32, ti->ca_p);
			csv_num(v[6], 32, ti->ca_q);
			csv_num(v[7], 32, ti->slope);
			csv_num(v[8], 32, ti->slope_se);
			row[0] = ti->code;
			row[1] = ti->dimension;
			row[2] = yr;
			row[3] = n;
			row[4] = k;
			for (x = 0; x < 9; x++)
				row[5 + x] = v[x];
			rowout_row(o, row);
		}
	}
}

static int print_json(cJSON *root)
{
	char *s = cJSON_Print(root);

	cJSON_Delete(root);
	if (!s)
		return jerror("out of memory printing the JSON document");
	puts(s);
	free(s);
	return 0;
}

/* --repeats as a workbook: its CSV, read back into a sheet */
static int repeats_xlsx(const struct repeats *r, int en, const char *out, int ods)
{
	struct xlsxbook *b;
	FILE *fp = tmpfile();
	int rc;

	if (!fp)
		return jerror("trend: cannot make a temporary file: %s", strerror(errno));
	repeats_print_csv(r, en, fp);
	rewind(fp);
	if (!(b = xlsxbook_open_as("trend", out, 0, ods))) {
		fclose(fp);
		return JAUDIT_EDATA;
	}
	rc = xlsxbook_sheet_csv_fp(b, en ? "repeats" : "再次發現", fp, "trend --repeats");
	fclose(fp);
	if (rc < 0) {
		xlsxbook_abort(b);
		return rc;
	}
	return xlsxbook_close(b);
}

static int run_repeats(sqlite3 *db, int from, int to, const struct analysis_params *p,
		       enum cli_format format, int en, const char *out)
{
	struct repeats r;
	int rc = 0;

	if (repeats_run(db, from, to, p, &r) < 0)
		return JAUDIT_EDATA;
	if (format & FORMAT_BOOK)
		rc = repeats_xlsx(&r, en, out, format == FORMAT_ODS);
	else if (format == FORMAT_JSON)
		rc = print_json(repeats_json(&r));
	else if (format == FORMAT_CSV)
		repeats_print_csv(&r, en, stdout);
	else
		repeats_print_text(&r, en, stdout);
	repeats_release(&r);
	return rc;
}

/* What `trend` was asked. */
struct trend_args {
	struct analysis_params p;
	enum cli_format format;
	int from, to, en, repeats;
	const char *item, *out;
};

/* One option into a: 0, or the exit code. */
static int trend_option(int c, const char *arg, struct trend_args *a, int argc, char **argv)
{
	int rc;

	switch (c) {
	case 'F':
		return cli_parse_year("trend", arg, &a->from) < 0 ? JAUDIT_EUSAGE : 0;
	case 'T':
		return cli_parse_year("trend", arg, &a->to) < 0 ? JAUDIT_EUSAGE : 0;
	case 'i':
		a->item = arg;
		return 0;
	case 'r':
		a->repeats = 1;
		return 0;
	case 'f':
		return cli_parse_format("trend", arg, FORMAT_TEXT | FORMAT_CSV | FORMAT_JSON | FORMAT_BOOK,
					&a->format) < 0 ? JAUDIT_EUSAGE : 0;
	case 'o':
		a->out = arg;
		return 0;
	case 'l':
		return cli_parse_lang("trend", arg, &a->en) < 0 ? JAUDIT_EUSAGE : 0;
	}
	rc = analysis_parse_option("trend", c, arg, &a->p);
	if (rc < 0)
		return rc;
	return rc == 0 ? cli_bad_option("trend", argc, argv) : 0;
}

static int trend_args_parse(int argc, char **argv, struct trend_args *a)
{
	static const struct option opts[] = {
		{ "from", required_argument, NULL, 'F' },
		{ "to", required_argument, NULL, 'T' },
		{ "item", required_argument, NULL, 'i' },
		{ "format", required_argument, NULL, 'f' },
		{ "lang", required_argument, NULL, 'l' },
		{ "repeats", no_argument, NULL, 'r' },
		{ "out", required_argument, NULL, 'o' },
		ANALYSIS_OPTIONS,
		{ NULL, 0, NULL, 0 },
	};
	int c, rc;

	memset(a, 0, sizeof(*a));
	a->format = FORMAT_TEXT;
	analysis_params_default(&a->p, 0);
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1)
		if ((rc = trend_option(c, optarg, a, argc, argv)) < 0)
			return rc;
	if (optind < argc)
		return jusage("trend", "unexpected argument '%s'", argv[optind]);
	if (!a->from || !a->to)
		return jusage("trend", "--from and --to are required");
	if (a->from > a->to)
		return jusage("trend", "--from %d is after --to %d", a->from, a->to);
	if (a->repeats && a->item)
		return jusage("trend", "--repeats takes every item; --item cannot go with it");
	if (xlsx_out_check("trend", (a->format & FORMAT_BOOK) != 0, a->out) < 0)
		return JAUDIT_EUSAGE;
	return 0;
}

/* The years compared as the format asks, to stdout or (a workbook) to out. */
static int trend_print(const struct trend *t, const struct trend_args *a)
{
	struct rowout ro;
	int rc = 0;

	if (a->format == FORMAT_JSON) {
		rc = print_json(trend_json(t));
	} else if (a->format == FORMAT_CSV) {
		rowout_csv(&ro, stdout);
		print_csv(&ro, t, a->en);
	} else if (a->format & FORMAT_BOOK) {
		struct xlsxbook *b = xlsxbook_open_as("trend", a->out, 0, a->format == FORMAT_ODS);

		rc = JAUDIT_EDATA;
		if (b) {
			rowout_xlsx(&ro, b);
			print_csv(&ro, t, a->en);
			rc = xlsxbook_close(b);
		}
	} else {
		print_text(t, a->en);
	}
	return rc;
}

static int run(struct jaudit_ctx *ctx, int argc, char **argv)
{
	struct trend_args a;
	struct trend t;
	sqlite3 *db;
	int rc;

	if ((rc = trend_args_parse(argc, argv, &a)) < 0)
		return rc;
	if (ctx_db(ctx, &db) < 0)
		return JAUDIT_EDATA;
	if (a.repeats)
		return run_repeats(db, a.from, a.to, &a.p, a.format, a.en, a.out);
	if (trend_run(db, a.from, a.to, a.item, &a.p, &t) < 0)
		return JAUDIT_EDATA;
	rc = trend_print(&t, &a);
	trend_release(&t);
	return rc;
}

const struct cmd_entry cmd_trend_entry = {
	"trend", "the common findings year over year", usage, run,
};
