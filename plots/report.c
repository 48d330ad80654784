/*
 * jaudit report: the annual common-findings report, one self-contained
 * HTML page with its charts inline and its tables also as CSV
 * (html.h writes the page; figures.h reads the database).
 */
#include "charts.h"
#include "figures.h"
#include "html.h"
#include "chromium.h"
#include "report_session.h"
#include "report_texts.h"
#include "report_years.h"
#include "../core/cli.h"
#include "../core/xlsxout.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static const char usage[] =
	"usage: jaudit report --year <year> --out <dir> [--public] [--as-of <date>] [--lang (zh | en)]\n"
	"                     [--ci (wilson | exact)] [--level <p>] [--p0 <p>] [--alpha <q>] [--strict] [--pdf]\n"
	"       jaudit report --session <id> --out <dir> [--as-of <date>] [--pdf]\n"
	"       jaudit report --all --year <year> --out <dir> [--as-of <date>] [--pdf]\n"
	"\n"
	"Write the annual report of the common findings (共同發現事項分析報告) to\n"
	"<dir>/index.html: one page that needs nothing else (styles and charts are\n"
	"inside it; it fetches nothing), to open in a browser, print (A4, page\n"
	"numbers; the charts and each appendix on a new page) or send.\n"
	"Its sections: the year at a glance; the common findings table; the\n"
	"charts; the 構面 table; findings that occur\n"
	"together; the auditors' agreement; remediation by owner, the overdue list\n"
	"and the time to closure as of --as-of; the trend over the years the\n"
	"database holds; a note on how each figure was computed; and the appendices:\n"
	"附錄一, the same vendor's findings again at its next audit (repeat rate per\n"
	"item, records 已結案 and found again; see 'jaudit trend --repeats'), and\n"
	"附錄二, the findings by 稽核依據 ('jaudit analyze --by-basis') and each\n"
	"vendor against the funnel plot's 95% and 99.8% limits.  Dates are in the ROC\n"
	"calendar; vendors appear in the heat map and the funnel as 廠商A, 廠商B ….\n"
	"\n"
	"After the common findings table, 二之一 gives what the auditors wrote under\n"
	"each common finding: the findings and the recommendations (建議, 改善精進措施),\n"
	"near-identical texts grouped (character bigrams, Jaccard index, average\n"
	"linkage at 0.5), each group with its number of vendors and one\n"
	"representative text; and how the year's findings (vendor × item) relate to\n"
	"its tracking records (one per sampled contract).  二之二 lists the vendors\n"
	"audited with their codes in the heat map (the key).  That is the internal\n"
	"edition (confidential).  --public writes the public edition: no list and no\n"
	"key, and in the texts every vendor's name, name without 股份有限公司 / 有限公司,\n"
	"short name (without trade words such as 資訊, 科技) and 統一編號 replaced by\n"
	"its code; other abbreviations cannot be recognized, so findings are best\n"
	"written without the vendor's name.\n"
	"\n"
	"The same tables are written beside it as CSV (UTF-8 with a BOM, so that\n"
	"Excel shows the Chinese): summary.csv common.csv finding_texts.csv\n"
	"vendors.csv (internal edition only) dimensions.csv pairs.csv agreement.csv\n"
	"remediation.csv overdue.csv closure.csv trend_years.csv trend_items.csv\n"
	"repeats.csv repeats_closed.csv basis.csv funnel.csv (those the data allows);\n"
	"the same tables as report.xlsx, one sheet each named as its CSV file, in\n"
	"the page's order (dates as date cells shown 115/11/20); and the charts as\n"
	"<chart>.svg.  funnel.csv names the vendors in the internal edition only.\n"
	"\n"
	"With --session, the audit report (稽核報告) of one session instead, due one\n"
	"month after the audit (計畫第五點第四項): <dir>/session-<id>.html, one\n"
	"self-contained page to print on A4, with the vendor and its 統一編號, the\n"
	"date, the lead and the committee, the report's due date (and the date it\n"
	"went out, once recorded with 'jaudit schedule set <id> report'), the sampled\n"
	"contracts, a summary of the ratings, every item with its rating, finding and\n"
	"recommendation, and each finding's tracking record: its owner (資安署 for a\n"
	"common item, the contract's agency for a contract-specific one, 計畫第十點),\n"
	"the due dates of the improvement plan and of the measures, and its status\n"
	"as of --as-of.  It names the vendor and is confidential.  --all writes one\n"
	"such page for every session of --year.  --pdf prints each page (and the\n"
	"annual report's index.html) to PDF beside it with headless Chromium, without\n"
	"its page header and footer; Chromium is looked up in PATH (chromium,\n"
	"chromium-browser, google-chrome) or named by $JAUDIT_CHROMIUM.\n"
	"\n"
	"Options:\n"
	"  --year <year>      the ROC year (115, or 2026)\n"
	"  --out <dir>        the directory to write into (made if missing)\n"
	"  --public           the public edition: vendors by code only, names masked in the texts\n"
	"  --as-of <date>     the date of the remediation figures (default today)\n"
	"  --lang <lang>      zh (default) or en\n"
	"  --ci, --level, --p0, --alpha, --strict   as for 'jaudit analyze'\n"
	"  --session <id>     the audit report of one session (115-07)\n"
	"  --all              the audit report of every session of --year\n"
	"  --pdf              print the pages to PDF too (needs Chromium)\n";

#define REPORT_MAX_CHARTS 16

/* Draw every chart the data allows into o->out as SVG; *n of them in charts[]. */
static int draw_charts(const struct figures *f, const struct figures_opts *o,
		       struct report_chart *charts, char (*paths)[4096], size_t *n)
{
	struct chart_opts co;
	size_t i;
	int rc = 0;

	memset(&co, 0, sizeof(co));
	co.outdir = o->out;
	co.format = CHART_SVG;
	co.en = o->en;
	*n = 0;
	for (i = 0; i < figures_nchart_names && rc == 0 && *n < REPORT_MAX_CHARTS; i++) {
		const char *name = figures_chart_names[i];
		char file[64];

		if (figures_why_not(f, name, o->en))
			continue;
		rc = figures_draw(f, name, &co, 5);
		chart_file_name(&co, name, file, sizeof(file));
		snprintf(paths[*n], sizeof(paths[*n]), "%s/%s", o->out, file);
		charts[*n].name = name;
		charts[*n].caption = figures_caption(name, o->en);
		charts[*n].path = paths[*n];
		(*n)++;
	}
	return rc;
}

/* index.html with its appendices and texts, the CSV files and report.xlsx */
static int write_page(sqlite3 *db, const struct figures_opts *o, const struct figures *f, int ymin,
		      int public_edition, const struct report_chart *charts, size_t ncharts)
{
	struct strbuf appendices = STRBUF_INIT;
	struct report_texts_out texts = { STRBUF_INIT, STRBUF_INIT, STRBUF_INIT };
	struct report_input in;
	int rc;

	memset(&in, 0, sizeof(in));
	in.en = o->en;
	in.as_of = o->as_of;
	in.a = &f->a;
	in.t = (f->loaded & FIG_TREND) && f->t.nyears >= 2 ? &f->t : NULL;
	in.s = f->s.total ? &f->s : NULL;
	in.overdue = f->overdue;
	in.noverdue = f->noverdue;
	in.charts = charts;
	in.ncharts = ncharts;
	rc = report_vendor_years(db, o, ymin, &f->a, !public_edition, &appendices);
	in.appendices = appendices.buf;
	if (rc == 0)
		rc = report_texts(db, o->out, &f->a, &f->m, o->en, public_edition, &texts);
	in.texts = texts.sections.buf;
	in.texts_methods = texts.methods.buf;
	in.texts_css = texts.css.buf;
	in.edition = public_edition ? (o->en ? "public edition" : "公開版")
				    : (o->en ? "internal edition" : "內部版");
	if (rc == 0)
		rc = report_page_write(o->out, &in);
	if (rc == 0)	/* the same tables, a sheet each */
		rc = xlsx_from_csv_files("report", o->out, public_edition
			? REPORT_CSV_HEAD " finding_texts.csv " REPORT_CSV_TAIL
			: REPORT_CSV_HEAD " finding_texts.csv vendors.csv " REPORT_CSV_TAIL,
			"report.xlsx");
	strbuf_release(&appendices);
	strbuf_release(&texts.sections);
	strbuf_release(&texts.methods);
	strbuf_release(&texts.css);
	return rc;
}

static int print_pdf(const char *dir)
{
	struct strbuf src = STRBUF_INIT, dst = STRBUF_INIT;
	int rc;

	strbuf_addf(&src, "%s/index.html", dir);
	strbuf_addf(&dst, "%s/index.pdf", dir);
	rc = chromium_print_pdf(src.buf, dst.buf);
	if (rc == 0)
		printf("wrote %s\n", dst.buf);
	strbuf_release(&src);
	strbuf_release(&dst);
	return rc;
}

static int run(struct jaudit_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		FIGURES_LONG_OPTIONS,
		{ "public", no_argument, NULL, 'u' },
		{ "session", required_argument, NULL, 'S' },
		{ "all", no_argument, NULL, 'A' },
		{ "pdf", no_argument, NULL, 'P' },
		{ NULL, 0, NULL, 0 },
	};
	struct report_chart charts[REPORT_MAX_CHARTS];
	char paths[REPORT_MAX_CHARTS][4096];
	struct figures_opts o;
	struct figures f;
	size_t ncharts = 0;
	int c, rc, ymin, ymax, public_edition = 0, all = 0, pdf = 0;
	const char *session = NULL;
	sqlite3 *db;

	figures_opts_init(&o);
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'u' || c == 'S' || c == 'A' || c == 'P') {
			public_edition |= c == 'u';
			all |= c == 'A';
			pdf |= c == 'P';
			if (c == 'S')
				session = optarg;
			continue;
		}
		rc = figures_option("report", c, optarg, &o);
		if (rc < 0)
			return rc;
		if (rc == 0)
			return cli_bad_option("report", argc, argv);
	}
	if (optind < argc)
		return jusage("report", "unexpected argument '%s'", argv[optind]);
	if ((session || all) && public_edition)
		return jusage("report", "--public is for the annual report; the audit report of a session names its vendor");
	if (session || all)
		return report_session_cmd(ctx, &o, session, all, pdf);
	if ((rc = figures_opts_finish("report", &o)) < 0)
		return rc;
	if (ctx_db_year(ctx, o.p.year, &db) < 0 || figures_years(db, o.p.year, &ymin, &ymax) < 0)
		return JAUDIT_EDATA;
	if (figures_load(db, &o.p, ymin, ymin ? o.p.year : 0, NULL, o.as_of, FIG_ALL, &f) < 0) {
		figures_release(&f);
		return JAUDIT_EDATA;
	}
	rc = draw_charts(&f, &o, charts, paths, &ncharts);
	if (rc == 0)
		rc = write_page(db, &o, &f, ymin, public_edition, charts, ncharts);
	if (rc == 0)
		printf("wrote %s/index.html\n", o.out);
	if (rc == 0 && pdf)
		rc = print_pdf(o.out);
	figures_release(&f);
	return rc;
}

const struct cmd_entry cmd_report_entry = {
	"report", "the annual common-findings report (HTML, with CSV tables)", usage, run,
};
