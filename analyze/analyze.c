/*
 * jaudit analyze: the common findings of a year (SPEC §3), as a zh-TW
 * (or English) text report, JSON or CSV.  The figures come from
 * analysis_run() (analyze/analysis.c).
 */
#include "analysis.h"
#include "basis.h"
#include "../core/checklist.h"
#include "../core/cli.h"
#include "../core/csv.h"
#include "../core/xlsxout.h"
#include "../core/db.h"
#include "../core/numfmt.h"
#include "../core/strbuf.h"
#include "../core/table.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: jaudit analyze --year <year> [--format (text | json | csv | xlsx | ods)] [--lang (zh | en)]\n"
	"                      [--out <file.xlsx | file.ods>]\n"
	"                      [--ci (wilson | exact)] [--level <p>] [--p0 <p>] [--alpha <q>]\n"
	"                      [--strict] [--category (common | specific)] [--top-pairs <n>]\n"
	"       jaudit analyze --year <year> --by-basis [--format (text | json | csv)] [--lang (zh | en)]\n"
	"                      [--ci (wilson | exact)] [--level <p>] [--strict] [--category <c>]\n"
	"\n"
	"The common findings (共同發現事項) of the year's audited vendors.  The unit is\n"
	"the vendor: a contract-specific item counts the worst rating over the\n"
	"vendor's sampled contracts (不符合 > 部分符合 > 符合), 不適用 only when all\n"
	"are.  A finding is 不符合 or 部分符合 (--strict: 不符合 only).\n"
	"\n"
	"Per item: n vendors to whom it applies, k of them with a finding, the rate\n"
	"k/n with its interval, the one-sided exact binomial p-value of 'rate > p0',\n"
	"the Benjamini-Hochberg q-value over the items, and 'common' when q <= alpha.\n"
	"Items are listed by rate, then the interval's lower end, descending.  Then\n"
	"per 構面 and per category the vendors with at least one finding in it; the\n"
	"vendors ranked by findings (ties share a rank); the item pairs that come\n"
	"together most (phi, Fisher's exact p, BH q); and, where each auditor's own\n"
	"ratings were ingested, their agreement (Krippendorff's alpha, Fleiss' kappa).\n"
	"docs/ANALYSIS.md explains every column and key.\n"
	"\n"
	"Options:\n"
	"  --year <year>        the ROC year (115, or 2026)\n"
	"  --format <fmt>       text (default); json (every figure, see docs/ANALYSIS.md);\n"
	"                       csv (the items table, UTF-8 with a BOM for Excel);\n"
	"                       xlsx (the same rows as a workbook, sheet 檢核項目; --out);\n"
	"                       ods (the same as an OpenDocument spreadsheet)\n"
	"  --out <file>         the workbook of --format xlsx or ods (required with them)\n"
	"  --lang <lang>        zh (default) or en, for the text report and CSV headers\n"
	"  --ci <method>        wilson (default, as R's prop.test without correction) or\n"
	"                       exact (Clopper-Pearson, as R's binom.test)\n"
	"  --level <p>          confidence level of the intervals, default 0.95\n"
	"  --p0 <p>             the rate an item is tested against, default 0.3\n"
	"  --alpha <q>          the false discovery rate for 'common', default 0.05\n"
	"  --strict             only 不符合 counts as a finding\n"
	"  --category <c>       only common (共通性) or specific (特定契約) items\n"
	"  --top-pairs <n>      co-occurring pairs listed, default 10\n"
	"  --by-basis           instead, per 稽核依據 (the legal basis column of 附件3):\n"
	"                       its items, n vendors with an applicable item under it,\n"
	"                       k of them with a finding in any of its items (a vendor\n"
	"                       counts once per basis), the rate k/n with its interval,\n"
	"                       and the findings (vendor-item pairs) behind it\n";

/* --- formatting ----------------------------------------------------------------- */

static void fmt_pct(char *buf, size_t n, double v)
{
	numfmt_pct(buf, n, v, 1);
}

static void fmt_ci(char *buf, size_t n, double lo, double hi)
{
	numfmt_interval(buf, n, lo, hi, " - ");
}

static void fmt_p(char *buf, size_t n, double v)
{
	numfmt_p(buf, n, v);
}

static void fmt_num(char *buf, size_t n, double v, int digits)
{
	numfmt_fixed(buf, n, v, digits);
}

static void fmt_u(char *buf, size_t n, unsigned v)
{
	snprintf(buf, n, "%u", v);
}

/* --- text ------------------------------------------------------------------------- */

static void print_items(const struct analysis *a, int en)
{
	struct table t;
	size_t i;
	char lvl[32];

	snprintf(lvl, sizeof(lvl), en ? "%g%% interval" : "%g%% 信賴區間", 100 * a->params.level);
	table_init(&t, 10);
	if (en)
		table_header(&t, "item", "category", "dimension", "n", "k", "rate", lvl,
			     "p", "q", "common");
	else
		table_header(&t, "項目", "類別", "構面", "n", "k", "比率", lvl,
			     "p 值", "q 值", "共同");
	for (i = 3; i < 9; i++)
		table_align(&t, i, TABLE_RIGHT);
	for (i = 0; i < a->nitems; i++) {
		const struct item_stat *s = &a->items[i];
		char n[16], k[16], rate[16], ci[40], p[16], q[16];

		fmt_u(n, sizeof(n), s->n);
		fmt_u(k, sizeof(k), s->k);
		fmt_pct(rate, sizeof(rate), s->rate);
		fmt_ci(ci, sizeof(ci), s->ci_low, s->ci_high);
		fmt_p(p, sizeof(p), s->p_value);
		fmt_p(q, sizeof(q), s->q_value);
		table_row(&t, s->code, checklist_category_label(s->category, en),
			  checklist_dimension_short(s->dimension, en), n, k, rate, ci, p, q,
			  s->common ? (en ? "yes" : "是") : "");
	}
	table_print(&t, stdout);
	table_release(&t);
}

static void print_groups(const struct group_stat *g, size_t ng, int dimension, int en)
{
	struct table t;
	size_t i;

	table_init(&t, dimension ? 7 : 6);
	if (dimension) {
		if (en)
			table_header(&t, "dimension", "category", "items", "n", "k", "rate", "interval");
		else
			table_header(&t, "構面", "類別", "項目數", "n", "k", "比率", "信賴區間");
	} else {
		if (en)
			table_header(&t, "category", "items", "n", "k", "rate", "interval");
		else
			table_header(&t, "類別", "項目數", "n", "k", "比率", "信賴區間");
	}
	for (i = dimension ? 2 : 1; i < t.ncols; i++)
		table_align(&t, i, TABLE_RIGHT);
	for (i = 0; i < ng; i++) {
		char items[16], n[16], k[16], rate[16], ci[40];

		fmt_u(items, sizeof(items), g[i].nitems);
		fmt_u(n, sizeof(n), g[i].n);
		fmt_u(k, sizeof(k), g[i].k);
		fmt_pct(rate, sizeof(rate), g[i].rate);
		fmt_ci(ci, sizeof(ci), g[i].ci_low, g[i].ci_high);
		if (dimension)
			table_row(&t, checklist_dimension_short(g[i].name, en),
				  checklist_category_label(g[i].category, en), items, n, k, rate, ci);
		else
			table_row(&t, checklist_category_label(g[i].name, en), items, n, k, rate, ci);
	}
	table_print(&t, stdout);
	table_release(&t);
}

#define TEXT_VENDORS 10

static void print_vendors(const struct analysis *a, int en)
{
	struct table t;
	size_t i, shown = a->nvendors < TEXT_VENDORS ? a->nvendors : TEXT_VENDORS;

	table_init(&t, 7);
	if (en)
		table_header(&t, "rank", "tax id", "vendor", "findings", "noncompliant",
			     "partial", "applicable");
	else
		table_header(&t, "名次", "統一編號", "廠商", "發現事項", "不符合", "部分符合", "適用項目");
	table_align(&t, 0, TABLE_RIGHT);
	for (i = 3; i < 7; i++)
		table_align(&t, i, TABLE_RIGHT);
	for (i = 0; i < shown; i++) {
		const struct vendor_stat *v = &a->vendors_ranked[i];
		char r[16], f[16], nc[16], pa[16], ap[16];

		snprintf(r, sizeof(r), "%d", v->rank);
		fmt_u(f, sizeof(f), v->findings);
		fmt_u(nc, sizeof(nc), v->noncompliant);
		fmt_u(pa, sizeof(pa), v->partial);
		fmt_u(ap, sizeof(ap), v->applicable);
		table_row(&t, r, v->taxid, v->name, f, nc, pa, ap);
	}
	table_print(&t, stdout);
	table_release(&t);
	if (shown < a->nvendors)
		printf(en ? "(%zu more vendors in --format json)\n" : "（其餘 %zu 家見 --format json）\n",
		       a->nvendors - shown);
}

static void print_pairs(const struct analysis *a, int en)
{
	struct table t;
	size_t i;

	if (a->npairs == 0) {
		puts(en ? "no pair of items has a vendor with both findings"
			: "沒有同一廠商同時有兩項發現事項的項目組合");
		return;
	}
	table_init(&t, 8);
	if (en)
		table_header(&t, "item", "item", "both", "one only", "phi", "Jaccard", "p", "q");
	else
		table_header(&t, "項目", "項目", "兩項皆有", "僅一項", "phi", "Jaccard", "p 值", "q 值");
	for (i = 2; i < 8; i++)
		table_align(&t, i, TABLE_RIGHT);
	for (i = 0; i < a->npairs; i++) {
		const struct pair_stat *ps = &a->pairs[i];
		char both[16], one[16], phi[16], jac[16], p[16], q[16];

		fmt_u(both, sizeof(both), ps->n11);
		fmt_u(one, sizeof(one), ps->n10 + ps->n01);
		fmt_num(phi, sizeof(phi), ps->phi, 3);
		fmt_num(jac, sizeof(jac), ps->jaccard, 3);
		fmt_p(p, sizeof(p), ps->p_value);
		fmt_p(q, sizeof(q), ps->q_value);
		table_row(&t, ps->a, ps->b, both, one, phi, jac, p, q);
	}
	table_print(&t, stdout);
	table_release(&t);
}

static void print_agreement(const struct agreement *ag, int en)
{
	char v[16], z[16], p[16];
	struct table t;
	size_t i;

	if (!ag->available) {
		puts(en ? "no auditor's own ratings were ingested for this year"
			: "本年度未匯入個別稽核委員之評等");
		return;
	}
	fmt_num(v, sizeof(v), ag->kripp_alpha, 3);
	printf(en ? "Krippendorff's alpha (ordinal): %s  (%u units rated by 2 or more, %u auditors)\n"
		  : "Krippendorff's alpha（順序尺度）：%s（%u 個受評單位有 2 位以上委員評等，委員 %u 位）\n",
	       v, ag->kripp_units, ag->kripp_coders);
	fmt_num(v, sizeof(v), ag->fleiss_kappa, 3);
	fmt_num(z, sizeof(z), ag->fleiss_z, 2);
	fmt_p(p, sizeof(p), ag->fleiss_p);
	printf(en ? "Fleiss' kappa: %s  (%u subjects, %u raters each; z = %s, p %s %s)\n"
		  : "Fleiss' kappa：%s（%u 個受評單位，每單位 %u 位委員；z = %s，p %s %s）\n",
	       v, ag->fleiss_subjects, ag->fleiss_raters, z, p[0] == '<' ? "<" : "=",
	       p[0] == '<' ? p + 1 : p);
	if (ag->nitems == 0)
		return;
	table_init(&t, 4);
	if (en)
		table_header(&t, "item", "subjects", "raters", "kappa");
	else
		table_header(&t, "項目", "受評單位", "委員數", "kappa");
	for (i = 1; i < 4; i++)
		table_align(&t, i, TABLE_RIGHT);
	for (i = 0; i < ag->nitems; i++) {
		char s[16], r[16];

		fmt_u(s, sizeof(s), ag->items[i].subjects);
		fmt_u(r, sizeof(r), ag->items[i].raters);
		fmt_num(v, sizeof(v), ag->items[i].kappa, 3);
		table_row(&t, ag->items[i].code, s, r, v);
	}
	table_print(&t, stdout);
	table_release(&t);
}

static void print_text(const struct analysis *a, int en)
{
	const struct analysis_params *p = &a->params;
	size_t ncommon = 0, i;

	for (i = 0; i < a->nitems; i++)
		ncommon += a->items[i].common;
	if (en) {
		printf("Common findings of year %d: %u vendors audited\n", p->year, a->vendors);
		printf("finding = %s; %s %g%% intervals; p: one-sided exact binomial test of rate > %g;\n"
		       "q: Benjamini-Hochberg over the items; common = q <= %g%s\n",
		       p->strict ? "noncompliant only" : "noncompliant or partial",
		       p->exact ? "Clopper-Pearson" : "Wilson", 100 * p->level, p->p0, p->alpha,
		       p->category ? (strcmp(p->category, "common") == 0 ? "; common items only"
								       : "; contract-specific items only") : "");
		printf("\nItems (%zu common finding%s)\n", ncommon, ncommon == 1 ? "" : "s");
	} else {
		printf("%d年度 共同發現事項分析：受稽核廠商 %u 家\n", p->year, a->vendors);
		printf("發現事項＝%s；%s %g%% 信賴區間；p 值：單尾精確二項檢定（比率 > %g）；\n"
		       "q 值：Benjamini-Hochberg 校正；q ≤ %g 者為共同發現事項%s\n",
		       p->strict ? "不符合" : "不符合或部分符合",
		       p->exact ? "Clopper-Pearson" : "Wilson", 100 * p->level, p->p0, p->alpha,
		       p->category ? (strcmp(p->category, "common") == 0 ? "；僅共通性檢核項目"
								       : "；僅特定契約檢核項目") : "");
		printf("\n檢核項目（共同發現事項 %zu 項）\n", ncommon);
	}
	print_items(a, en);
	puts(en ? "\nBy dimension: vendors with at least one finding in it" : "\n各構面：至少一項發現事項之廠商");
	print_groups(a->dimensions, a->ndimensions, 1, en);
	puts(en ? "\nBy category" : "\n各類別");
	print_groups(a->categories, a->ncategories, 0, en);
	puts(en ? "\nVendors by findings" : "\n廠商發現事項排名");
	if (a->nvendors == 0)
		puts(en ? "no results in this year" : "本年度尚無稽核結果");
	else
		print_vendors(a, en);
	puts(en ? "\nFindings that come together (by phi)" : "\n常同時出現之發現事項（依 phi 排序）");
	print_pairs(a, en);
	puts(en ? "\nAuditors' agreement" : "\n稽核委員評等一致性");
	print_agreement(&a->agreement, en);
}

/* --- CSV and JSON ----------------------------------------------------------------------- */

static void csv_num(char *buf, size_t n, double v)
{
	if (isnan(v))
		buf[0] = '\0';
	else
		snprintf(buf, n, "%.15g", v);
}

/* CSV on stdout, or the sheet of a workbook: the same rows */
static void print_csv(struct rowout *o, const struct analysis *a, int en)
{
	static const char *const zh_head[] = {
		"項目代碼", "類別", "構面", "檢核項目", "適用廠商數", "發現廠商數", "比率",
		"信賴下限", "信賴上限", "p值", "q值", "共同發現事項",
	};
	static const char *const en_head[] = {
		"code", "category", "dimension", "question", "n", "k", "rate",
		"ci_low", "ci_high", "p_value", "q_value", "common",
	};
	size_t i;

	rowout_begin(o, en ? "items" : "檢核項目", en ? en_head : zh_head, 12, "ttttnnnnnnnt");
	for (i = 0; i < a->nitems; i++) {
		const struct item_stat *s = &a->items[i];
		char n[16], k[16], rate[32], lo[32], hi[32], p[32], q[32];
		const char *row[12];

		fmt_u(n, sizeof(n), s->n);
		fmt_u(k, sizeof(k), s->k);
		csv_num(rate, sizeof(rate), s->rate);
		csv_num(lo, sizeof(lo), s->ci_low);
		csv_num(hi, sizeof(hi), s->ci_high);
		csv_num(p, sizeof(p), s->p_value);
		csv_num(q, sizeof(q), s->q_value);
		row[0] = s->code;
		row[1] = en ? s->category : checklist_category_label(s->category, 0);
		row[2] = s->dimension;
		row[3] = s->question;
		row[4] = n;
		row[5] = k;
		row[6] = rate;
		row[7] = lo;
		row[8] = hi;
		row[9] = p;
		row[10] = q;
		row[11] = s->common ? (en ? "yes" : "是") : (en ? "no" : "否");
		rowout_row(o, row);
	}
}

/* --- options ---------------------------------------------------------------------------- */

/* What `analyze` was asked. */
struct analyze_args {
	struct analysis_params p;
	enum cli_format fmt;
	int year, en, by_basis;
	const char *out;
};

/* One option into a: 0, or the exit code. */
static int analyze_option(int c, const char *arg, struct analyze_args *a, int argc, char **argv)
{
	long top;
	int rc;

	switch (c) {
	case 'y':
		return cli_parse_year("analyze", arg, &a->year) < 0 ? JAUDIT_EUSAGE : 0;
	case 'f':
		return cli_parse_format("analyze", arg, FORMAT_TEXT | FORMAT_CSV | FORMAT_JSON | FORMAT_BOOK,
					&a->fmt) < 0 ? JAUDIT_EUSAGE : 0;
	case 'o':
		a->out = arg;
		return 0;
	case 'l':
		return cli_parse_lang("analyze", arg, &a->en) < 0 ? JAUDIT_EUSAGE : 0;
	case 'B':
		a->by_basis = 1;
		return 0;
	case 't':
		if (cli_parse_int("analyze", "--top-pairs", arg, 0, &top) < 0)
			return JAUDIT_EUSAGE;
		a->p.top_pairs = (size_t)top;
		return 0;
	}
	rc = analysis_parse_option("analyze", c, arg, &a->p);
	if (rc < 0)
		return rc;
	return rc == 0 ? cli_bad_option("analyze", argc, argv) : 0;
}

static int analyze_args_parse(int argc, char **argv, struct analyze_args *a)
{
	static const struct option opts[] = {
		{ "year", required_argument, NULL, 'y' },
		{ "format", required_argument, NULL, 'f' },
		{ "lang", required_argument, NULL, 'l' },
		{ "out", required_argument, NULL, 'o' },
		ANALYSIS_OPTIONS,
		ANALYSIS_TEST_OPTIONS,
		{ "top-pairs", required_argument, NULL, 't' },
		{ "by-basis", no_argument, NULL, 'B' },
		{ NULL, 0, NULL, 0 },
	};
	int c, rc;

	memset(a, 0, sizeof(*a));
	a->fmt = FORMAT_TEXT;
	analysis_params_default(&a->p, 0);
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1)
		if ((rc = analyze_option(c, optarg, a, argc, argv)) < 0)
			return rc;
	if (optind < argc)
		return jusage("analyze", "unexpected argument '%s'", argv[optind]);
	if (!a->year)
		return jusage("analyze", "--year is required");
	if (xlsx_out_check("analyze", (a->fmt & FORMAT_BOOK) != 0, a->out) < 0)
		return JAUDIT_EUSAGE;
	if (a->by_basis && (a->fmt & FORMAT_BOOK))
		return jusage("analyze", "--by-basis writes text, JSON or CSV, not a workbook");
	a->p.year = a->year;
	return 0;
}

/* The analysis as the format asks, to stdout or (a workbook) to out. */
static int analyze_print(const struct analysis *an, const struct analyze_args *a)
{
	struct rowout ro;
	int rc = 0;

	if (a->fmt == FORMAT_JSON)
		rc = analysis_json_write(an, stdout);
	else if (a->fmt == FORMAT_CSV) {
		rowout_csv(&ro, stdout);
		print_csv(&ro, an, a->en);
	} else if (a->fmt & FORMAT_BOOK) {
		struct xlsxbook *b = xlsxbook_open_as("analyze", a->out, 0, a->fmt == FORMAT_ODS);

		rc = JAUDIT_EDATA;
		if (b) {
			rowout_xlsx(&ro, b);
			print_csv(&ro, an, a->en);
			rc = xlsxbook_close(b);
		}
	} else
		print_text(an, a->en);
	return rc;
}

static int run(struct jaudit_ctx *ctx, int argc, char **argv)
{
	struct analyze_args a;
	struct analysis an;
	int rc;
	sqlite3 *db;

	if ((rc = analyze_args_parse(argc, argv, &a)) < 0)
		return rc;
	if (a.by_basis) {
		struct basis_rollup br;

		if (ctx_db_year(ctx, a.year, &db) < 0 || basis_run(db, &a.p, &br) < 0)
			return JAUDIT_EDATA;
		rc = basis_print(&br, (int)a.fmt, a.en, stdout);
		basis_release(&br);
		return rc;
	}
	if (ctx_db_year(ctx, a.year, &db) < 0 || analysis_run(db, &a.p, &an) < 0)
		return JAUDIT_EDATA;
	rc = analyze_print(&an, &a);
	analysis_release(&an);
	return rc;
}

const struct cmd_entry cmd_analyze_entry = {
	"analyze", "the common findings of a year (共同發現事項)", usage, run,
};
