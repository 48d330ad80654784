/*
 * jaudit plot: one chart, or every chart the data allows, as PNG or SVG
 * (charts.h draws them; figures.h reads the database).
 */
#include "charts.h"
#include "figures.h"
#include "../core/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static const char usage[] =
	"usage: jaudit plot <chart> --year <year> --out <dir> [--format (png | svg)] [--lang (zh | en)]\n"
	"                   [--as-of <date>] [--from <year>] [--to <year>] [--item <code>] [--top <n>]\n"
	"                   [--names] [--keep-scripts] [--ci (wilson | exact)] [--level <p>]\n"
	"                   [--p0 <p>] [--alpha <q>] [--strict]\n"
	"\n"
	"Draw a chart of the year with gnuplot into <dir>/<chart>.png (or .svg),\n"
	"labelled in Traditional Chinese (--lang en: English) in the Noto Sans CJK TC\n"
	"font.  <chart> is one of:\n"
	"  common       each item's finding rate as a bar, with its interval, the p0\n"
	"               line, common findings in red; sorted by rate\n"
	"  dimensions   the share of vendors with a finding in each 構面\n"
	"  heatmap      vendors x items coloured by rating; vendors shown as 廠商A,\n"
	"               廠商B … (by findings, most first) unless --names\n"
	"  funnel       each vendor's share of its applicable items with a finding\n"
	"               against their number, with the year's rate and the exact\n"
	"               binomial 95% and 99.8% limits (a funnel plot); vendors\n"
	"               outside 95% labelled 廠商A … (names with --names)\n"
	"  trend        the rate of the top items over the years (--from, --to;\n"
	"               default every year the database holds up to --year), with\n"
	"               interval bands, and the mean findings per vendor\n"
	"  status       remediation records by owner and status, as of --as-of\n"
	"  burndown     records not yet ended, day by day, and those due each day\n"
	"  closure      the Kaplan-Meier curve of the time from the audit to 已結案\n"
	"  all          every chart the data allows (the others are listed as skipped)\n"
	"\n"
	"gnuplot (Debian package gnuplot-nox) runs as a separate program on a script\n"
	"and data files that jaudit writes into a private temporary directory;\n"
	"--keep-scripts leaves <chart>.gp and its .dat files beside the image, so that\n"
	"'cd <dir> && gnuplot <chart>.gp' redraws it after an edit.\n"
	"\n"
	"Options:\n"
	"  --year <year>      the ROC year (115, or 2026)\n"
	"  --out <dir>        the directory to write into (made if missing)\n"
	"  --format <fmt>     png (default) or svg\n"
	"  --lang <lang>      zh (default) or en\n"
	"  --as-of <date>     the date of the remediation charts (default today)\n"
	"  --from, --to <year>  the years of the trend chart\n"
	"  --item <code>      the trend of this item only\n"
	"  --top <n>          the trend of the n items with the highest rate in the\n"
	"                     latest year, default 5\n"
	"  --names            the heat map and the funnel show the vendors' names (confidential)\n"
	"  --keep-scripts     keep the gnuplot script and data beside the image\n"
	"  --ci, --level, --p0, --alpha, --strict   as for 'jaudit analyze'\n";

static int valid_chart(const char *name)
{
	size_t i;

	if (strcmp(name, "all") == 0)
		return 1;
	for (i = 0; i < figures_nchart_names; i++)
		if (strcmp(name, figures_chart_names[i]) == 0)
			return 1;
	return 0;
}

static int draw(const struct figures *f, const char *name, const struct chart_opts *co,
		const struct figures_opts *o, int all)
{
	const char *why = figures_why_not(f, name, 1);
	char file[64];

	if (why) {
		if (all) {
			printf("skipped %s: %s\n", name, why);
			return 0;
		}
		return jerror("cannot draw the %s chart of year %d: %s", name, o->p.year, why);
	}
	if (figures_draw(f, name, co, o->top) < 0)
		return JAUDIT_EDATA;
	chart_file_name(co, name, file, sizeof(file));
	printf("wrote %s/%s\n", o->out, file);
	return 0;
}

/* An option of plot's own (not one figures_option parses): 0, or the exit code. */
static int plot_option(int c, const char *arg, struct figures_opts *o, int argc, char **argv)
{
	long top;

	switch (c) {
	case 'f':
		if (strcasecmp(arg, "png") == 0)
			o->format = CHART_PNG;
		else if (strcasecmp(arg, "svg") == 0)
			o->format = CHART_SVG;
		else
			return jusage("plot", "--format: '%s' is not png or svg", arg);
		return 0;
	case 'F':
		return cli_parse_year("plot", arg, &o->from) < 0 ? JAUDIT_EUSAGE : 0;
	case 'T':
		return cli_parse_year("plot", arg, &o->to) < 0 ? JAUDIT_EUSAGE : 0;
	case 'i':
		o->item = arg;
		return 0;
	case 't':
		if (cli_parse_int("plot", "--top", arg, 1, &top) < 0)
			return JAUDIT_EUSAGE;
		o->top = (size_t)top;
		return 0;
	case 'n':
		o->names = 1;
		return 0;
	case 'k':
		o->keep = 1;
		return 0;
	}
	return cli_bad_option("plot", argc, argv);
}

/* The options and the chart's name into o and *chart: 0, or the exit code. */
static int parse_args(int argc, char **argv, struct figures_opts *o, const char **chart)
{
	static const struct option opts[] = {
		FIGURES_LONG_OPTIONS,
		{ "format", required_argument, NULL, 'f' },
		{ "from", required_argument, NULL, 'F' },
		{ "to", required_argument, NULL, 'T' },
		{ "item", required_argument, NULL, 'i' },
		{ "top", required_argument, NULL, 't' },
		{ "names", no_argument, NULL, 'n' },
		{ "keep-scripts", no_argument, NULL, 'k' },
		{ NULL, 0, NULL, 0 },
	};
	int c, rc;

	figures_opts_init(o);
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		rc = figures_option("plot", c, optarg, o);
		if (rc == 0)
			rc = plot_option(c, optarg, o, argc, argv);
		if (rc < 0)
			return rc;
	}
	if (optind >= argc)
		return jusage("plot", "which chart? one of common, dimensions, heatmap, funnel, trend, status, burndown, closure, all");
	*chart = argv[optind++];
	if (!valid_chart(*chart))
		return jusage("plot", "'%s' is not a chart; give one of common, dimensions, heatmap, funnel,"
			      " trend, status, burndown, closure, all", *chart);
	if (optind < argc)
		return jusage("plot", "unexpected argument '%s'", argv[optind]);
	if (!o->p.year && o->to && strcmp(*chart, "trend") == 0)
		o->p.year = o->to;
	if (o->from && o->to && o->from > o->to)
		return jusage("plot", "--from %d is after --to %d", o->from, o->to);
	return 0;
}

/* The trend's years, --from and --to filled in from the years with results. */
static int trend_years(sqlite3 *db, struct figures_opts *o)
{
	int ymin, ymax;

	if (figures_years(db, o->to ? o->to : o->p.year, &ymin, &ymax) < 0)
		return JAUDIT_EDATA;
	if (!o->from)
		o->from = ymin;
	if (!o->to)
		o->to = o->p.year > ymax ? ymax : o->p.year;
	if (!ymin)
		o->from = o->to = 0;
	return 0;
}

static int run(struct jaudit_ctx *ctx, int argc, char **argv)
{
	struct figures_opts o;
	struct chart_opts co;
	struct figures f;
	const char *chart = NULL;
	unsigned need;
	size_t i;
	int rc;
	sqlite3 *db;

	if ((rc = parse_args(argc, argv, &o, &chart)) < 0)
		return rc;
	if ((rc = figures_opts_finish("plot", &o)) < 0)
		return rc;
	if (ctx_db_year(ctx, o.p.year, &db) < 0)
		return JAUDIT_EDATA;
	need = strcmp(chart, "all") == 0 ? FIG_ALL : figures_needs(chart);
	if ((need & FIG_TREND) && trend_years(db, &o) < 0)
		return JAUDIT_EDATA;
	if (figures_load(db, &o.p, o.from, o.to, o.item, o.as_of, need, &f) < 0) {
		figures_release(&f);
		return JAUDIT_EDATA;
	}
	co.outdir = o.out;
	co.format = o.format;
	co.en = o.en;
	co.keep_scripts = o.keep;
	co.names = o.names;
	rc = 0;
	if (strcmp(chart, "all") == 0) {
		/* the first failure ends the run: a missing gnuplot is said once */
		for (i = 0; i < figures_nchart_names && rc == 0; i++)
			rc = draw(&f, figures_chart_names[i], &co, &o, 1);
	} else {
		rc = draw(&f, chart, &co, &o, 0);
	}
	figures_release(&f);
	return rc;
}

const struct cmd_entry cmd_plot_entry = {
	"plot", "draw a chart (gnuplot, PNG or SVG, zh-TW or en)", usage, run,
};
