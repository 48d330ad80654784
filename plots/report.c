/*
 * jaudit report: the annual common-findings report, one self-contained
 * HTML page with its charts inline and its tables also as CSV
 * (html.h writes the page; figures.h reads the database).
 */
#include "charts.h"
#include "figures.h"
#include "html.h"
#include "report_years.h"
#include "../core/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static const char usage[] =
	"usage: jaudit report --year <year> --out <dir> [--as-of <date>] [--lang (zh | en)]\n"
	"                     [--ci (wilson | exact)] [--level <p>] [--p0 <p>] [--alpha <q>] [--strict]\n"
	"\n"
	"Write the annual report of the common findings (共同發現事項分析報告) to\n"
	"<dir>/index.html: one page that needs nothing else (styles and charts are\n"
	"inside it; it fetches nothing), to open in a browser, print (A4, page\n"
	"numbers; the charts and each appendix on a new page) or send.\n"
	"Its sections: the year at a glance; the common findings table; the\n"
	"charts; the 構面 table; findings that occur\n"
	"together; the auditors' agreement; remediation by owner, the overdue list\n"
	"and the time to closure as of --as-of; the trend over the years the\n"
	"database holds; a note on how each figure was computed; and the appendix\n"
	"附錄一, the same vendor's findings again at its next audit (repeat rate per\n"
	"item, records 已結案 and found again; see 'jaudit trend --repeats').  Dates are in\n"
	"the ROC calendar; vendors appear in the heat map as 廠商A, 廠商B ….\n"
	"\n"
	"The same tables are written beside it as CSV (UTF-8 with a BOM, so that\n"
	"Excel shows the Chinese): " REPORT_CSV_FILES ",\n"
	"and the charts as <chart>.svg.\n"
	"\n"
	"Options:\n"
	"  --year <year>      the ROC year (115, or 2026)\n"
	"  --out <dir>        the directory to write into (made if missing)\n"
	"  --as-of <date>     the date of the remediation figures (default today)\n"
	"  --lang <lang>      zh (default) or en\n"
	"  --ci, --level, --p0, --alpha, --strict   as for 'jaudit analyze'\n";

static int run(struct jaudit_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		FIGURES_LONG_OPTIONS,
		{ NULL, 0, NULL, 0 },
	};
	struct report_chart charts[16];
	char paths[16][4096];
	struct figures_opts o;
	struct report_input in;
	struct chart_opts co;
	struct figures f;
	struct strbuf appendices = STRBUF_INIT;
	size_t i, ncharts = 0;
	int c, rc, ymin, ymax;
	sqlite3 *db;

	figures_opts_init(&o);
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		rc = figures_option("report", c, optarg, &o);
		if (rc < 0)
			return rc;
		if (rc == 0)
			return cli_bad_option("report", argc, argv);
	}
	if (optind < argc)
		return jusage("report", "unexpected argument '%s'", argv[optind]);
	if ((rc = figures_opts_finish("report", &o)) < 0)
		return rc;
	if (ctx_db_year(ctx, o.p.year, &db) < 0 || figures_years(db, o.p.year, &ymin, &ymax) < 0)
		return JAUDIT_EDATA;
	if (figures_load(db, &o.p, ymin, ymin ? o.p.year : 0, NULL, o.as_of, FIG_ALL, &f) < 0) {
		figures_release(&f);
		return JAUDIT_EDATA;
	}
	co.outdir = o.out;
	co.format = CHART_SVG;
	co.en = o.en;
	co.keep_scripts = 0;
	co.names = 0;
	rc = 0;
	for (i = 0; i < figures_nchart_names && rc == 0; i++) {
		const char *name = figures_chart_names[i];
		char file[64];

		if (figures_why_not(&f, name, o.en))
			continue;
		rc = figures_draw(&f, name, &co, 5);
		chart_file_name(&co, name, file, sizeof(file));
		snprintf(paths[ncharts], sizeof(paths[ncharts]), "%s/%s", o.out, file);
		charts[ncharts].name = name;
		charts[ncharts].caption = figures_caption(name, o.en);
		charts[ncharts].path = paths[ncharts];
		ncharts++;
	}
	if (rc == 0) {
		memset(&in, 0, sizeof(in));
		in.en = o.en;
		in.as_of = o.as_of;
		in.a = &f.a;
		in.t = (f.loaded & FIG_TREND) && f.t.nyears >= 2 ? &f.t : NULL;
		in.s = f.s.total ? &f.s : NULL;
		in.overdue = f.overdue;
		in.noverdue = f.noverdue;
		in.charts = charts;
		in.ncharts = ncharts;
		rc = report_vendor_years(db, &o, ymin, &f.a, &appendices);
		in.appendices = appendices.buf;
		if (rc == 0)
			rc = report_page_write(o.out, &in);
	}
	if (rc == 0)
		printf("wrote %s/index.html\n", o.out);
	figures_release(&f);
	strbuf_release(&appendices);
	return rc;
}

const struct cmd_entry cmd_report_entry = {
	"report", "the annual common-findings report (HTML, with CSV tables)", usage, run,
};
