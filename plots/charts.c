/*
 * charts.c - every chart as a gnuplot script over data files (charts.h).
 *
 * A chart opens a private directory (gp_open), writes its data with
 * gp_put_string / gp_put_number, builds its script on style_preamble(), and
 * runs gnuplot.  Strings from the data reach gnuplot only through the data
 * files, read back with dq(strcol(N)); the script holds jaudit's own text
 * (titles, axis labels) and numbers only.
 */
#include "charts.h"
#include "gnuplot.h"
#include "../analyze/funnel.h"
#include "../core/checklist.h"
#include "../core/rating.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct chart {
	const struct chart_opts *o;
	struct gp_run run;
	struct strbuf gp;
	char name[32];
	char image[48];
	char script[48];
};

void chart_date(struct jdate d, int en, char *buf)
{
	if (en)
		date_roc_slash(d, buf);
	else
		date_roc(d, buf);
}

void chart_file_name(const struct chart_opts *o, const char *name, char *buf, size_t size)
{
	snprintf(buf, size, "%s.%s", name, style_ext(o->format));
}

static int chart_begin(struct chart *c, const struct chart_opts *o, const char *name,
		       int width, int height)
{
	memset(c, 0, sizeof(*c));
	c->o = o;
	strbuf_init(&c->gp);
	snprintf(c->name, sizeof(c->name), "%s", name);
	chart_file_name(o, name, c->image, sizeof(c->image));
	snprintf(c->script, sizeof(c->script), "%s.gp", name);
	if (gp_open(&c->run) < 0)
		return JAUDIT_EDATA;
	gp_expect_output(&c->run, c->image);
	style_preamble(&c->gp, o->format, width, height, c->image);
	return 0;
}

/* NAME.dat, or NAME_suffix.dat */
static FILE *chart_data(struct chart *c, const char *suffix, char *fname, size_t size)
{
	if (suffix)
		snprintf(fname, size, "%s_%s.dat", c->name, suffix);
	else
		snprintf(fname, size, "%s.dat", c->name);
	return gp_create(&c->run, fname);
}

/* Write the script, run it, collect the image; always releases. */
static int chart_end(struct chart *c, int ok)
{
	int rc = ok;

	if (rc == 0)
		rc = gp_write_script(&c->run, c->script, c->gp.buf);
	if (rc == 0)
		rc = gp_exec(&c->run, c->script);
	if (rc == 0)
		rc = gp_collect(&c->run, c->o->outdir, c->o->keep_scripts);
	gp_release(&c->run);
	strbuf_release(&c->gp);
	return rc;
}

static void put_tab(FILE *fp)
{
	fputc('\t', fp);
}

/* "title" set from jaudit's own text */
static void set_text(struct strbuf *gp, const char *what, const char *text, const char *extra)
{
	strbuf_addf(gp, "set %s ", what);
	style_literal(gp, text);
	if (extra)
		strbuf_addf(gp, " %s", extra);
	strbuf_addch(gp, '\n');
}

static void set_title(struct strbuf *gp, const char *text)
{
	char font[32];

	snprintf(font, sizeof(font), "font ',%d'", STYLE_TITLE_SIZE);
	set_text(gp, "title", text, font);
}

/* "#c8553d" as the gnuplot integer 0xc8553d (for lc rgb variable) */
static void add_rgb_int(struct strbuf *gp, const char *colour)
{
	strbuf_addf(gp, "0x%s", colour + 1);
}

/* --- horizontal bars with intervals: common, dimensions -------------------- */

struct hbar_row {
	char label[256];
	double rate, lo, hi;	/* 0..1 */
	int cls;		/* 0 or 1: the colour */
	char note[32];		/* "k/n" beside the bar */
};

struct hbar_spec {
	const char *name, *title, *xlabel;
	double ref;			/* a vertical reference line (0..1), or NAN */
	const char *ref_label;
	const char *colour[2], *cls_title[2];	/* cls_title NULL: no key entry */
};

static int hbar_chart(const struct chart_opts *o, const struct hbar_spec *sp,
		      const struct hbar_row *rows, size_t n)
{
	struct chart c;
	char fname[64];
	FILE *fp;
	size_t i;
	int rc;

	if (n == 0)
		return jerror("%s chart: no item has applicable vendors; nothing to draw", sp->name);
	if (chart_begin(&c, o, sp->name, STYLE_WIDTH, style_height_for_rows((unsigned)n, STYLE_ROW + 4, 190)) < 0)
		return chart_end(&c, JAUDIT_EDATA);
	fp = chart_data(&c, NULL, fname, sizeof(fname));
	if (!fp)
		return chart_end(&c, JAUDIT_EDATA);
	fputs("# y\trate%\tlow%\thigh%\tclass\tlabel\tk/n\n", fp);
	for (i = 0; i < n; i++) {
		fprintf(fp, "%zu\t", n - i);
		gp_put_number(fp, 100 * rows[i].rate);
		put_tab(fp);
		gp_put_number(fp, 100 * rows[i].lo);
		put_tab(fp);
		gp_put_number(fp, 100 * rows[i].hi);
		fprintf(fp, "\t%d\t", rows[i].cls);
		gp_put_string(fp, rows[i].label);
		put_tab(fp);
		gp_put_string(fp, rows[i].note);
		fputc('\n', fp);
	}
	if ((rc = gp_close_file(&c.run, fp, fname)) < 0)
		return chart_end(&c, rc);

	set_title(&c.gp, sp->title);
	set_text(&c.gp, "xlabel", sp->xlabel, NULL);
	strbuf_addf(&c.gp, "set xrange [0:112]\nset xtics 0,10,100 format '%%g%%%%'\n"
		    "set yrange [0.4:%zu.6]\nset ytics scale 0 font ',%d'\n"
		    "unset grid\nset grid xtics back lc rgb '%s'\n"
		    "set key inside bottom right vertical opaque box lc rgb '#bbbbbb' samplen 2\n"
		    "set style fill solid 0.9 noborder\n",
		    n, STYLE_FONT_SIZE, STYLE_GRID);
	if (!isnan(sp->ref)) {
		strbuf_addf(&c.gp, "set arrow from %.6g, graph 0 to %.6g, graph 1 nohead dt 2 lw 2 lc rgb '%s' front\n",
			    100 * sp->ref, 100 * sp->ref, STYLE_REFLINE);
		strbuf_addf(&c.gp, "set label ");
		style_literal(&c.gp, sp->ref_label);
		strbuf_addf(&c.gp, " at %.6g, graph 1 offset 0.5,0.6 left textcolor rgb '%s'\n",
			    100 * sp->ref, STYLE_REFLINE);
	}
	strbuf_addf(&c.gp, "plot '%s' using 2:1:(0):2:($1-0.36):($1+0.36):($5 > 0 ? ", fname);
	add_rgb_int(&c.gp, sp->colour[1]);
	strbuf_adds(&c.gp, " : ");
	add_rgb_int(&c.gp, sp->colour[0]);
	strbuf_addf(&c.gp, "):ytic(dq(strcol(6))) with boxxyerror lc rgb variable, \\\n"
		    "  '' using 2:1:3:4 with xerrorbars pt 7 ps 0.4 lw 1.3 lc rgb '%s', \\\n"
		    "  '' using ($4 + 1.2):1:(dq(strcol(7))) with labels left font ',9' textcolor rgb '#333333'",
		    STYLE_ERRBAR);
	for (i = 0; i < 2; i++) {
		if (!sp->cls_title[i])
			continue;
		strbuf_addf(&c.gp, ", \\\n  NaN with boxes fc rgb '%s' title ", sp->colour[i]);
		style_literal(&c.gp, sp->cls_title[i]);
	}
	strbuf_addch(&c.gp, '\n');
	return chart_end(&c, 0);
}

static void item_label(const struct item_stat *it, int en, char *buf, size_t size)
{
	snprintf(buf, size, "%s %s", it->code, checklist_dimension_short(it->dimension, en));
}

int chart_common(const struct chart_opts *o, const struct analysis *a)
{
	struct hbar_row *rows = xcalloc(a->nitems ? a->nitems : 1, sizeof(*rows));
	char title[256], ref[64], common_t[96];
	struct hbar_spec sp;
	size_t i, n = 0;
	int rc, en = o->en;

	for (i = 0; i < a->nitems; i++) {
		const struct item_stat *it = &a->items[i];

		if (it->n == 0)
			continue;
		item_label(it, en, rows[n].label, sizeof(rows[n].label));
		rows[n].rate = it->rate;
		rows[n].lo = it->ci_low;
		rows[n].hi = it->ci_high;
		rows[n].cls = it->common != 0;
		snprintf(rows[n].note, sizeof(rows[n].note), "%u/%u", it->k, it->n);
		n++;
	}
	if (en)
		snprintf(title, sizeof(title), "Year %d: vendors with a finding, by item (%g%% %s intervals)",
			 a->params.year, 100 * a->params.level, a->params.exact ? "exact" : "Wilson");
	else
		snprintf(title, sizeof(title), "%d年度 各檢核項目之發現事項比率（%g%% %s信賴區間）",
			 a->params.year, 100 * a->params.level, a->params.exact ? "精確" : "Wilson ");
	snprintf(ref, sizeof(ref), "p0 = %g%%", 100 * a->params.p0);
	if (en)
		snprintf(common_t, sizeof(common_t), "common finding (q ≤ %g)", a->params.alpha);
	else
		snprintf(common_t, sizeof(common_t), "共同發現事項（q ≤ %g）", a->params.alpha);
	sp.name = "common";
	sp.title = title;
	sp.xlabel = en ? "vendors with a finding (%), k/n beside each bar" : "有發現事項之廠商比率（%），長條旁為 k/n";
	sp.ref = a->params.p0;
	sp.ref_label = ref;
	sp.colour[0] = STYLE_BAR;
	sp.colour[1] = STYLE_COMMON;
	sp.cls_title[0] = en ? "other items" : "其他項目";
	sp.cls_title[1] = common_t;
	rc = hbar_chart(o, &sp, rows, n);
	free(rows);
	return rc;
}

static int cmp_rate_desc(const void *pa, const void *pb)
{
	const struct hbar_row *a = pa, *b = pb;
	double ra = isnan(a->rate) ? -1 : a->rate, rb = isnan(b->rate) ? -1 : b->rate;

	if (ra != rb)
		return ra < rb ? 1 : -1;
	return strcmp(a->label, b->label);
}

int chart_dimensions(const struct chart_opts *o, const struct analysis *a)
{
	size_t cap = a->ndimensions ? a->ndimensions : 1;
	struct hbar_row *rows = xcalloc(cap, sizeof(*rows));
	char title[256];
	struct hbar_spec sp;
	size_t i, j, n = 0;
	int rc, en = o->en;

	for (i = 0; i < a->ndimensions; i++) {
		const struct group_stat *g = &a->dimensions[i];

		if (g->n == 0)
			continue;
		snprintf(rows[n].label, sizeof(rows[n].label), "%s", checklist_dimension_short(g->name, en));
		/* a 構面 with items of both categories has a bar for each: say which */
		for (j = 0; j < a->ndimensions; j++)
			if (j != i && strcmp(a->dimensions[j].name, g->name) == 0) {
				size_t len = strlen(rows[n].label);

				snprintf(rows[n].label + len, sizeof(rows[n].label) - len, en ? " (%s)" : "（%s）",
					 checklist_category_label(g->category ? g->category : "", en));
				break;
			}
		rows[n].rate = g->rate;
		rows[n].lo = g->ci_low;
		rows[n].hi = g->ci_high;
		rows[n].cls = g->category && strcmp(g->category, "specific") == 0;
		snprintf(rows[n].note, sizeof(rows[n].note), "%u/%u", g->k, g->n);
		n++;
	}
	qsort(rows, n, sizeof(*rows), cmp_rate_desc);
	if (en)
		snprintf(title, sizeof(title), "Year %d: vendors with a finding, by dimension (%g%% intervals)",
			 a->params.year, 100 * a->params.level);
	else
		snprintf(title, sizeof(title), "%d年度 各構面之發現事項比率（%g%% 信賴區間）",
			 a->params.year, 100 * a->params.level);
	sp.name = "dimensions";
	sp.title = title;
	sp.xlabel = en ? "vendors with a finding in the dimension (%), k/n beside each bar"
		       : "該構面有任一發現事項之廠商比率（%），長條旁為 k/n";
	sp.ref = NAN;
	sp.ref_label = NULL;
	sp.colour[0] = STYLE_BAR;
	sp.colour[1] = style_series_colour(2);
	sp.cls_title[0] = checklist_category_label("common", en);
	sp.cls_title[1] = checklist_category_label("specific", en);
	rc = hbar_chart(o, &sp, rows, n);
	free(rows);
	return rc;
}

/* --- trend ------------------------------------------------------------------ */

/* the trend's grid: pixels above the panels (title), below (the note), per row */
#define TREND_TOP 92
#define TREND_BOTTOM 92
#define TREND_PANEL 250
#define TREND_VSPACE 110

static double last_rate(const struct trend_item *it)
{
	return it->npoints ? it->points[it->npoints - 1].rate : -1;
}

/* The top items by their latest rate (a selection, stable on ties): *n of them; the caller frees. */
static size_t *trend_pick(const struct trend *t, size_t top, size_t *n)
{
	size_t *pick = xcalloc(t->nitems, sizeof(*pick)), npick = 0, i, j;

	for (i = 0; i < t->nitems; i++)
		if (t->items[i].npoints > 0)
			pick[npick++] = i;
	for (i = 0; i < npick; i++)
		for (j = i + 1; j < npick; j++)
			if (last_rate(&t->items[pick[j]]) > last_rate(&t->items[pick[i]])) {
				size_t tmp = pick[i];

				pick[i] = pick[j];
				pick[j] = tmp;
			}
	if (top && npick > top)
		npick = top;
	*n = npick;
	return pick;
}

/* The picked items' points, block by block (one index each), into fname. */
static int trend_points(struct chart *c, const struct trend *t, const size_t *pick, size_t npick,
			char *fname, size_t size)
{
	FILE *fp = chart_data(c, NULL, fname, size);
	size_t i, j;

	if (!fp)
		return JAUDIT_EDATA;
	for (i = 0; i < npick; i++) {
		const struct trend_item *it = &t->items[pick[i]];

		fprintf(fp, "# %s: year\trate%%\tlow%%\thigh%%\tk\tn\n", it->code);
		for (j = 0; j < it->npoints; j++) {
			fprintf(fp, "%d\t", it->points[j].year);
			gp_put_number(fp, 100 * it->points[j].rate);
			put_tab(fp);
			gp_put_number(fp, 100 * it->points[j].ci_low);
			put_tab(fp);
			gp_put_number(fp, 100 * it->points[j].ci_high);
			fprintf(fp, "\t%u\t%u\n", it->points[j].k, it->points[j].n);
		}
		fputs("\n\n", fp);
	}
	return gp_close_file(&c->run, fp, fname);
}

/* The panels' titles, one a line, into tname. */
static int trend_titles(struct chart *c, const struct trend *t, const size_t *pick, size_t npick,
			int en, char *tname, size_t size)
{
	FILE *fp = chart_data(c, "titles", tname, size);
	char buf[256];
	size_t i;

	if (!fp)
		return JAUDIT_EDATA;
	for (i = 0; i < npick; i++) {
		const struct trend_item *it = &t->items[pick[i]];

		snprintf(buf, sizeof(buf), "%s %s", it->code, checklist_dimension_short(it->dimension, en));
		gp_put_string(fp, buf);
		fputc('\n', fp);
	}
	return gp_close_file(&c->run, fp, tname);
}

/* The mean findings per vendor, year by year, into yname. */
static int trend_means(struct chart *c, const struct trend *t, char *yname, size_t size)
{
	FILE *fp = chart_data(c, "years", yname, size);
	size_t i;

	if (!fp)
		return JAUDIT_EDATA;
	fputs("# year\tmean findings per vendor\tlow\thigh\n", fp);
	for (i = 0; i < t->nyears; i++) {
		fprintf(fp, "%d\t", t->years[i].year);
		gp_put_number(fp, t->years[i].mean_findings);
		put_tab(fp);
		gp_put_number(fp, t->years[i].mean_lo);
		put_tab(fp);
		gp_put_number(fp, t->years[i].mean_hi);
		fputc('\n', fp);
	}
	return gp_close_file(&c->run, fp, yname);
}

/* The grid of panels over the three data files: rows x cols, height pixels. */
struct trend_grid {
	size_t npick, rows, cols;
	int height;
	const char *fname, *tname, *yname;
};

static void trend_script(struct chart *c, const struct trend *t, const struct trend_grid *g, int en)
{
	char title[256];
	size_t i;

	if (en)
		snprintf(title, sizeof(title), "Years %d–%d: finding rate of the top items, and findings per vendor",
			 t->from, t->to);
	else
		snprintf(title, sizeof(title), "%d–%d年度 主要檢核項目之發現事項比率趨勢與平均每家廠商發現數",
			 t->from, t->to);
	strbuf_addf(&c->gp, "array T[%zu]\n"
		    "stats '%s' using (T[int(column(0)) + 1] = dq(strcol(1)), 0) nooutput\n", g->npick, g->tname);
	strbuf_adds(&c->gp, "colours = '");
	for (i = 0; i < g->npick; i++)
		strbuf_addf(&c->gp, "%s%s", i ? " " : "", style_series_colour((unsigned)i));
	strbuf_adds(&c->gp, "'\n");
	/* the reading of every panel, once, under the grid */
	strbuf_adds(&c->gp, "set label 1 ");
	style_literal(&c->gp, en ? "x: year (ROC), and k/n of the year; y: vendors with a finding (%); "
				   "vertical bars: 95% intervals; last panel: mean findings per vendor"
				 : "橫軸：年度（民國）及該年度之 k/n；縱軸：有發現事項之廠商比率（%）；"
				   "直線：95% 信賴區間；最後一格：平均每家廠商發現數");
	strbuf_addf(&c->gp, " at screen 0.5, screen %.4f center font ',10' textcolor rgb '#444444'\n",
		    18.0 / g->height);
	strbuf_addf(&c->gp, "set xrange [%g:%g]\nset xtics 1 format '%%g' nomirror\n"
		    "set ytics nomirror\nset border 3 lc rgb '#444444'\nset offsets 0, 0, 0, 0\n",
		    t->years[0].year - 0.45, t->years[t->nyears - 1].year + 0.45);
	strbuf_adds(&c->gp, "set multiplot layout ");
	strbuf_addf(&c->gp, "%zu,%zu rowsfirst margins %.4f,%.4f,%.4f,%.4f spacing %.4f,%.4f title ",
		    g->rows, g->cols, 62.0 / STYLE_WIDTH, 1 - 24.0 / STYLE_WIDTH,
		    (double)TREND_BOTTOM / g->height, 1 - (double)TREND_TOP / g->height,
		    80.0 / STYLE_WIDTH, (double)TREND_VSPACE / g->height);
	style_literal(&c->gp, title);
	strbuf_addf(&c->gp, " font ',%d'\n", STYLE_TITLE_SIZE);
	strbuf_addf(&c->gp, "set yrange [0:100]\nset ytics 0,25,100 format '%%g%%%%'\n"
		    "do for [i=0:%zu] {\n"
		    "  set title T[i + 1] font ',%d'\n"
		    "  plot '%s' index i using 1:2:3:4:xtic(sprintf(\"%%d\\n%%d/%%d\", $1, $5, $6)) with yerrorbars lw 1.2 pt 7 ps 0.9 lc rgb word(colours, i + 1), \\\n"
		    "    '' index i using 1:2 with lines lw 2.2 lc rgb word(colours, i + 1)\n"
		    "  unset label 1\n"
		    "}\n", g->npick - 1, STYLE_FONT_SIZE + 1, g->fname);
	strbuf_adds(&c->gp, "set title ");
	style_literal(&c->gp, en ? "mean findings per vendor" : "平均每家廠商發現數");
	strbuf_addf(&c->gp, " font ',%d'\nset yrange [0:*]\nset ytics autofreq format '%%g'\n", STYLE_FONT_SIZE + 1);
	strbuf_addf(&c->gp, "plot '%s' using 1:2:3:4:xtic(sprintf(\"%%d\\n%%.1f\", $1, $2)) with yerrorbars lw 1.2 pt 5 ps 0.8 lc rgb '%s', \\\n"
		    "  '' using 1:2 with lines dt 2 lw 2 lc rgb '%s'\n"
		    "unset multiplot\n",
		    g->yname, STYLE_ERRBAR, STYLE_ERRBAR);
}

int chart_trend(const struct chart_opts *o, const struct trend *t, size_t top)
{
	size_t *pick, npick;
	char fname[64], tname[64], yname[64];
	struct trend_grid g;
	struct chart c;
	int rc;

	if (t->nyears == 0 || t->nitems == 0)
		return jerror("trend chart: no results in years %d to %d; nothing to draw", t->from, t->to);
	pick = trend_pick(t, top, &npick);
	if (npick == 0) {
		free(pick);
		return jerror("trend chart: no item has applicable vendors in years %d to %d", t->from, t->to);
	}
	/*
	 * One panel per item and a last one for the findings per vendor, in a
	 * grid of `cols` columns: each line alone on the same 0-100% scale, so
	 * that equal lines cannot hide one another and no interval covers
	 * another item's.
	 */
	g.npick = npick;
	g.cols = npick + 1 <= 4 ? 2 : 3;
	g.rows = (npick + 1 + g.cols - 1) / g.cols;
	g.height = TREND_TOP + TREND_BOTTOM + (int)g.rows * TREND_PANEL + (int)(g.rows - 1) * TREND_VSPACE;
	g.fname = fname;
	g.tname = tname;
	g.yname = yname;
	if (chart_begin(&c, o, "trend", STYLE_WIDTH, g.height) < 0) {
		free(pick);
		return chart_end(&c, JAUDIT_EDATA);
	}
	rc = trend_points(&c, t, pick, npick, fname, sizeof(fname));
	if (rc == 0)
		rc = trend_titles(&c, t, pick, npick, o->en, tname, sizeof(tname));
	if (rc == 0)
		rc = trend_means(&c, t, yname, sizeof(yname));
	free(pick);
	if (rc < 0)
		return chart_end(&c, rc);
	trend_script(&c, t, &g, o->en);
	return chart_end(&c, 0);
}

/* --- remediation ------------------------------------------------------------ */

int chart_status(const struct chart_opts *o, const struct remed_summary *s)
{
	char fname[64], title[256], date[DATE_ROC_LEN];
	struct chart c;
	FILE *fp;
	size_t i;
	unsigned j, max = 0;
	int rc, en = o->en;

	if (s->nowners == 0)
		return jerror("status chart: year %d has no remediation records; run 'jaudit track sync --year %d' first",
			      s->year, s->year);
	if (chart_begin(&c, o, "status", STYLE_WIDTH, style_height_for_rows((unsigned)s->nowners, 34, 200)) < 0)
		return chart_end(&c, JAUDIT_EDATA);
	fp = chart_data(&c, NULL, fname, sizeof(fname));
	if (!fp)
		return chart_end(&c, JAUDIT_EDATA);
	fputs("# y\towner\t(start, end) for each status\ttotal\toverdue note\n", fp);
	for (i = 0; i < s->nowners; i++) {
		const struct remed_owner_count *w = &s->owners[i];
		unsigned cum = 0;
		char note[64];

		fprintf(fp, "%zu\t", s->nowners - i);
		gp_put_string(fp, w->owner);
		for (j = 0; j < REMED_NSTATUS; j++) {
			fprintf(fp, "\t%u\t%u", cum, cum + w->count[j]);
			cum += w->count[j];
		}
		if (cum > max)
			max = cum;
		if (w->overdue)
			snprintf(note, sizeof(note), en ? "%u (%u overdue)" : "%u（逾期 %u）", cum, w->overdue);
		else
			snprintf(note, sizeof(note), "%u", cum);
		fprintf(fp, "\t%u\t", cum);
		gp_put_string(fp, note);
		fputc('\n', fp);
	}
	if ((rc = gp_close_file(&c.run, fp, fname)) < 0)
		return chart_end(&c, rc);
	chart_date(s->as_of, en, date);
	if (en)
		snprintf(title, sizeof(title), "Year %d: remediation records by owner and status, as of %s",
			 s->year, date);
	else
		snprintf(title, sizeof(title), "%d年度 各追蹤單位之改善追蹤狀態（截至%s）", s->year, date);
	set_title(&c.gp, title);
	set_text(&c.gp, "xlabel", en ? "records" : "追蹤件數", NULL);
	strbuf_addf(&c.gp, "set xrange [0:%g]\nset yrange [0.4:%zu.6]\nset ytics scale 0\n"
		    "unset grid\nset grid xtics back lc rgb '%s'\n"
		    "set tmargin 5\nset title offset 0,1.4\nset key at graph 0.5, graph 1.02 center bottom horizontal samplen 2 width 1\nset style fill solid 0.9 border lc rgb '#ffffff'\n",
		    ceil(max * 1.18) + 1, s->nowners, STYLE_GRID);
	strbuf_adds(&c.gp, "plot ");
	for (j = 0; j < REMED_NSTATUS; j++) {
		strbuf_addf(&c.gp, "'%s' using %u:1:%u:%u:($1-0.36):($1+0.36)%s with boxxyerror fc rgb '%s' title ",
			    fname, 3 + 2 * j, 3 + 2 * j, 4 + 2 * j, j == 0 ? ":ytic(dq(strcol(2)))" : "",
			    style_status_colour(j));
		style_literal(&c.gp, remed_status_label((enum remed_status)j, en));
		strbuf_adds(&c.gp, ", \\\n  ");
	}
	strbuf_addf(&c.gp, "'%s' using ($13 + %g):1:(dq(strcol(14))) with labels left font ',9' textcolor rgb '#333333'\n",
		    fname, max * 0.01 + 0.1);
	return chart_end(&c, 0);
}

/*
 * xtics at the first of each month: ("115/07" d, ...) from day 0 = first;
 * without labels ('' d, ...) for a panel above another on the same axis.
 */
static void month_tics(struct strbuf *gp, struct jdate first, long ndays, int labels)
{
	struct jdate m = { first.y, first.m, 1 };
	long d;
	int k = 0;

	strbuf_adds(gp, "set xtics (");
	if (first.d != 1)
		m = date_add_months(m, 1);
	for (; (d = date_diff(first, m)) <= ndays; m = date_add_months(m, 1)) {
		if (labels)
			strbuf_addf(gp, "%s'%d/%02d' %ld", k++ ? ", " : "", date_roc_year(m), m.m, d);
		else
			strbuf_addf(gp, "%s'' %ld", k++ ? ", " : "", d);
	}
	if (k == 0)
		strbuf_addf(gp, "'%d/%02d/%02d' 0", date_roc_year(first), first.m, first.d);
	strbuf_adds(gp, ")\n");
}

int chart_burndown(const struct chart_opts *o, int year, struct jdate as_of,
		   const struct remed_burn_point *p, size_t n)
{
	char fname[64], title[256], date[DATE_ROC_LEN];
	struct chart c;
	FILE *fp;
	size_t i;
	unsigned max = 0, maxdue = 0;
	long span;
	int rc, en = o->en;

	if (n == 0)
		return jerror("burndown chart: year %d has no remediation history up to the date", year);
	if (chart_begin(&c, o, "burndown", STYLE_WIDTH, 580) < 0)
		return chart_end(&c, JAUDIT_EDATA);
	fp = chart_data(&c, NULL, fname, sizeof(fname));
	if (!fp)
		return chart_end(&c, JAUDIT_EDATA);
	fputs("# day\topen\tdue that day\tdate\n", fp);
	for (i = 0; i < n; i++) {
		char iso[DATE_ISO_LEN];

		date_iso(p[i].date, iso);
		fprintf(fp, "%ld\t%u\t%u\t%s\n", date_diff(p[0].date, p[i].date), p[i].open, p[i].due, iso);
		if (p[i].open > max)
			max = p[i].open;
		if (p[i].due > maxdue)
			maxdue = p[i].due;
	}
	if ((rc = gp_close_file(&c.run, fp, fname)) < 0)
		return chart_end(&c, rc);
	span = date_diff(p[0].date, p[n - 1].date);
	chart_date(as_of, en, date);
	if (en)
		snprintf(title, sizeof(title), "Year %d: records not yet ended, day by day, to %s", year, date);
	else
		snprintf(title, sizeof(title), "%d年度 未結案追蹤件數變化（至%s）", year, date);
	/*
	 * Two panels on one time axis: the records not yet ended above, the
	 * records due each day in a strip below, each with its own left axis
	 * (no right axis to match by eye).
	 */
	strbuf_addf(&c.gp, "set xrange [0:%ld]\nset border 3 lc rgb '#444444'\nunset key\n",
		    span > 0 ? span : 1);
	month_tics(&c.gp, p[0].date, span, 0);
	strbuf_addf(&c.gp, "set multiplot title ");
	style_literal(&c.gp, title);
	strbuf_addf(&c.gp, " font ',%d'\nset lmargin 10\nset rmargin 4\n", STYLE_TITLE_SIZE);
	strbuf_addf(&c.gp, "set origin 0, 0.38\nset size 1, 0.53\nset tmargin 0.5\nset bmargin 0.5\n"
		    "set yrange [0:%g]\nset ytics autofreq\n",
		    ceil(max * 1.1) + 1);
	set_text(&c.gp, "ylabel", en ? "records not yet ended" : "未結案件數", NULL);
	strbuf_addf(&c.gp, "plot '%s' using 1:2 with steps lw 2.5 lc rgb '%s'\n", fname, STYLE_COMMON);
	strbuf_addf(&c.gp, "set origin 0, 0\nset size 1, 0.38\nset tmargin 0.5\nset bmargin 4\n"
		    "set yrange [0:%u]\nset ytics 0,%u,%u\n",
		    maxdue ? maxdue + (maxdue + 3) / 4 : 1, maxdue > 4 ? (maxdue + 3) / 4 : 1, maxdue ? maxdue : 1);
	month_tics(&c.gp, p[0].date, span, 1);
	set_text(&c.gp, "ylabel", en ? "due that day" : "當日到期件數", NULL);
	set_text(&c.gp, "xlabel", en ? "date (ROC year/month)" : "日期（民國年/月）", NULL);
	strbuf_addf(&c.gp, "plot '%s' using 1:3 with impulses lw 3 lc rgb '%s'\nunset multiplot\n",
		    fname, STYLE_REFLINE);
	return chart_end(&c, 0);
}

int chart_closure(const struct chart_opts *o, const struct remed_summary *s)
{
	char fname[64], title[256], date[DATE_ROC_LEN], buf[128];
	struct chart c;
	FILE *fp;
	size_t i;
	double tmax = 1;
	int rc, en = o->en;

	if (s->km_n == 0 || s->nkm == 0)
		return jerror("closure chart: year %d has no remediation records to time", s->year);
	if (chart_begin(&c, o, "closure", STYLE_WIDTH, 520) < 0)
		return chart_end(&c, JAUDIT_EDATA);
	fp = chart_data(&c, NULL, fname, sizeof(fname));
	if (!fp)
		return chart_end(&c, JAUDIT_EDATA);
	fputs("# days\tstill open %\tlow %\thigh %\tcensored here\n0\t100\t100\t100\t0\n", fp);
	for (i = 0; i < s->nkm; i++) {
		const struct km_point *k = &s->km[i];

		gp_put_number(fp, k->time);
		put_tab(fp);
		gp_put_number(fp, 100 * k->surv);
		put_tab(fp);
		gp_put_number(fp, 100 * k->lower);
		put_tab(fp);
		gp_put_number(fp, 100 * k->upper);
		fprintf(fp, "\t%u\n", k->n_censor);
		if (k->time > tmax)
			tmax = k->time;
	}
	if ((rc = gp_close_file(&c.run, fp, fname)) < 0)
		return chart_end(&c, rc);
	chart_date(s->as_of, en, date);
	if (en)
		snprintf(title, sizeof(title), "Year %d: time from the audit to closure (Kaplan–Meier, %u records, %u closed, as of %s)",
			 s->year, s->km_n, s->km_events, date);
	else
		snprintf(title, sizeof(title), "%d年度 自稽核日至結案之時間（Kaplan–Meier，%u 件，已結案 %u 件，截至%s）",
			 s->year, s->km_n, s->km_events, date);
	set_title(&c.gp, title);
	set_text(&c.gp, "xlabel", en ? "days since the audit" : "自稽核日起天數", NULL);
	set_text(&c.gp, "ylabel", en ? "records not yet closed (%)" : "尚未結案比率（%）", NULL);
	strbuf_addf(&c.gp, "set xrange [0:%g]\nset yrange [0:105]\nset ytics 0,20,100 format '%%g%%%%'\n"
		    "set tmargin 5\nset title offset 0,1.4\nset key at graph 0.5, graph 1.02 center bottom horizontal samplen 3 width 2\n", ceil(tmax * 1.05));
	if (!isnan(s->km_median)) {
		strbuf_addf(&c.gp, "set arrow from 0,50 to %.6g,50 nohead dt 2 lc rgb '%s'\n"
			    "set arrow from %.6g,0 to %.6g,50 nohead dt 2 lc rgb '%s'\n",
			    s->km_median, STYLE_REFLINE, s->km_median, s->km_median, STYLE_REFLINE);
		snprintf(buf, sizeof(buf), en ? "median %g days" : "中位數 %g 天", s->km_median);
		strbuf_adds(&c.gp, "set label ");
		style_literal(&c.gp, buf);
		strbuf_addf(&c.gp, " at %.6g,0 left offset 0.5,0.8\n", s->km_median);
	}
	strbuf_addf(&c.gp, "plot '%s' using 1:3 with steps dt 2 lw 1 lc rgb '%s' title ", fname, STYLE_BAR);
	style_literal(&c.gp, en ? "95% interval" : "95% 信賴區間");
	strbuf_addf(&c.gp, ", \\\n  '' using 1:4 with steps dt 2 lw 1 lc rgb '%s' notitle, \\\n"
		    "  '' using 1:2 with steps lw 2.5 lc rgb '%s' title ", STYLE_BAR, STYLE_BAR);
	style_literal(&c.gp, en ? "Kaplan–Meier estimate" : "Kaplan–Meier 估計");
	strbuf_addf(&c.gp, ", \\\n  '' using 1:($5 > 0 ? $2 : NaN) with points pt 2 ps 1.2 lc rgb '%s' title ", STYLE_ERRBAR);
	style_literal(&c.gp, en ? "censored (still open, or risk accepted)" : "設限（仍未結案或風險接受）");
	strbuf_addch(&c.gp, '\n');
	return chart_end(&c, 0);
}

/* --- heat map ------------------------------------------------------------ */

void chart_vendor_alias(size_t i, int en, char *buf, size_t size)
{
	char letters[16];
	size_t n = 0, k = i + 1;
	size_t a, b;

	/* bijective base 26: A..Z, AA..AZ, BA.. */
	while (k > 0 && n < sizeof(letters) - 1) {
		k--;
		letters[n++] = (char)('A' + k % 26);
		k /= 26;
	}
	for (a = 0, b = n ? n - 1 : 0; a < b; a++, b--) {
		char t = letters[a];

		letters[a] = letters[b];
		letters[b] = t;
	}
	letters[n] = '\0';
	snprintf(buf, size, en ? "Vendor %s" : "廠商%s", letters);
}

static const char *rating_colour(unsigned r)
{
	switch (r) {
	case RATING_COMPLIANT:
		return "#2e9e6a";
	case RATING_PARTIAL:
		return "#e0a030";
	case RATING_NONCOMPLIANT:
		return "#c8553d";
	default:
		return "#e6e6e6";
	}
}

int chart_heatmap(const struct chart_opts *o, int year, const struct rating_matrix *m)
{
	char fname[64], xname[64], yname[64], title[256], buf[256];
	struct chart c;
	FILE *fp;
	size_t i, j;
	int rc = 0, en = o->en, width, height;
	unsigned r;

	if (m->nvendors == 0 || m->nitems == 0)
		return jerror("heatmap chart: year %d has no results; nothing to draw", year);
	width = (int)m->nitems * 34 + 300;
	if (width < 700)
		width = 700;
	height = style_height_for_rows((unsigned)m->nvendors, 26, 220);
	if (chart_begin(&c, o, "heatmap", width, height) < 0)
		return chart_end(&c, JAUDIT_EDATA);
	fp = chart_data(&c, NULL, fname, sizeof(fname));
	if (!fp)
		return chart_end(&c, JAUDIT_EDATA);
	fputs("# item column\tvendor row\trating (0 na, 1 compliant, 2 partial, 3 noncompliant)\tcolour\n", fp);
	for (i = 0; i < m->nvendors; i++)
		for (j = 0; j < m->nitems; j++) {
			r = m->cell[i * m->nitems + j];
			fprintf(fp, "%zu\t%zu\t%u\t%ld\n", j + 1, m->nvendors - i, r,
				strtol(rating_colour(r) + 1, NULL, 16));
		}
	if ((rc = gp_close_file(&c.run, fp, fname)) < 0)
		return chart_end(&c, rc);
	if (!(fp = chart_data(&c, "items", xname, sizeof(xname))))
		return chart_end(&c, JAUDIT_EDATA);
	for (j = 0; j < m->nitems; j++) {
		fprintf(fp, "%zu\t", j + 1);
		gp_put_string(fp, m->code[j]);
		fputc('\n', fp);
	}
	if ((rc = gp_close_file(&c.run, fp, xname)) < 0)
		return chart_end(&c, rc);
	if (!(fp = chart_data(&c, "vendors", yname, sizeof(yname))))
		return chart_end(&c, JAUDIT_EDATA);
	for (i = 0; i < m->nvendors; i++) {
		fprintf(fp, "%zu\t", m->nvendors - i);
		if (o->names) {
			gp_put_string(fp, m->vendor[i]);
		} else {
			chart_vendor_alias(i, en, buf, sizeof(buf));
			gp_put_string(fp, buf);
		}
		fputc('\n', fp);
	}
	if ((rc = gp_close_file(&c.run, fp, yname)) < 0)
		return chart_end(&c, rc);
	if (en)
		snprintf(title, sizeof(title), "Year %d: each vendor's rating of each item (worst over its contracts)", year);
	else
		snprintf(title, sizeof(title), "%d年度 各廠商各檢核項目之評等（多契約取最差者）", year);
	set_title(&c.gp, title);
	strbuf_addf(&c.gp, "unset grid\nset border 0\nset xrange [0.5:%zu.5]\nset yrange [0.5:%zu.5]\n"
		    "set xtics scale 0 font ',9'\nset ytics scale 0\n"
		    "set key outside bottom center horizontal\n"
		    "set style fill solid 1 border lc rgb '#ffffff'\n",
		    m->nitems, m->nvendors);
	strbuf_addf(&c.gp, "plot '%s' using 1:2:($1-0.5):($1+0.5):($2-0.5):($2+0.5):4 with boxxyerror lc rgb variable, \\\n"
		    "  '%s' using 1:(0.5):xtic(dq(strcol(2))) with points ps 0 lc rgb '#ffffff', \\\n"
		    "  '%s' using (0.5):1:ytic(dq(strcol(2))) with points ps 0 lc rgb '#ffffff'",
		    fname, xname, yname);
	for (r = RATING_NONCOMPLIANT + 1; r-- > 0;) {
		strbuf_addf(&c.gp, ", \\\n  NaN with boxes fc rgb '%s' title ", rating_colour(r));
		style_literal(&c.gp, rating_label((enum rating)r, en));
	}
	strbuf_addch(&c.gp, '\n');
	return chart_end(&c, 0);
}

/* --- funnel ---------------------------------------------------------------- */

/* 0 inside the 95% limits, 1 outside them only, 2 outside the 99.8% limits */
static int funnel_class(const struct funnel_point *pt)
{
	if (pt->above998 || pt->below998)
		return 2;
	return pt->above95 || pt->below95;
}

/* The label of the vendors at one (n, k): 廠商A、廠商C, or 廠商A、廠商B 等 5 家. */
static void funnel_label(const struct chart_opts *o, const struct funnel *f, size_t first,
			 size_t count, char *buf, size_t size)
{
	size_t i, len = 0, shown = 0;
	char one[128];

	buf[0] = '\0';
	for (i = first; i < f->npoints && shown < count; i++) {
		const struct funnel_point *pt = &f->points[i];

		if (pt->n != f->points[first].n || pt->k != f->points[first].k)
			continue;
		if (shown == 3 && count > 4) {
			snprintf(buf + len, size - len, o->en ? " and %zu more" : " 等 %zu 家", count);
			return;
		}
		if (o->names)
			snprintf(one, sizeof(one), "%s", pt->name ? pt->name : pt->taxid);
		else
			chart_vendor_alias(pt->index, o->en, one, sizeof(one));
		snprintf(buf + len, size - len, "%s%s", shown ? (o->en ? ", " : "、") : "", one);
		len = strlen(buf);
		shown++;
	}
}

/* funnel_limits.dat: n and the four limits in % */
static int funnel_limits_file(struct chart *c, const struct funnel *f, char *fname, size_t size)
{
	FILE *fp = chart_data(c, "limits", fname, size);
	size_t i, j;

	if (!fp)
		return JAUDIT_EDATA;
	fputs("# n\tlower 99.8% (%)\tlower 95%\tupper 95%\tupper 99.8%\n", fp);
	for (i = 0; i < f->nlimits; i++) {
		fprintf(fp, "%u", f->limits[i].n);
		for (j = 0; j < FUNNEL_NLIM; j++) {
			put_tab(fp);
			gp_put_number(fp, 100 * f->limits[i].lim[j]);
		}
		fputc('\n', fp);
	}
	return gp_close_file(&c->run, fp, fname);
}

/* funnel.dat: one row per distinct (n, k); the vendors there share one marker */
static int funnel_points_file(struct chart *c, const struct funnel *f, char *fname, size_t size)
{
	FILE *fp = chart_data(c, NULL, fname, size);
	char label[512];
	size_t i, j;

	if (!fp)
		return JAUDIT_EDATA;
	fputs("# n\ty (%)\tclass (0 inside, 1 outside 95%, 2 outside 99.8%)\tvendors here\tlabel\n", fp);
	for (i = 0; i < f->npoints; i++) {
		const struct funnel_point *pt = &f->points[i];
		size_t count = 0;

		for (j = 0; j < i; j++)
			if (f->points[j].n == pt->n && f->points[j].k == pt->k)
				break;
		if (j < i)
			continue;	/* drawn with the first vendor there */
		for (j = i; j < f->npoints; j++)
			count += f->points[j].n == pt->n && f->points[j].k == pt->k;
		label[0] = '\0';
		if (funnel_class(pt) > 0)
			funnel_label(c->o, f, i, count, label, sizeof(label));
		fprintf(fp, "%u\t", pt->n);
		gp_put_number(fp, 100 * pt->y);
		fprintf(fp, "\t%d\t%zu\t", funnel_class(pt), count);
		gp_put_string(fp, label);
		fputc('\n', fp);
	}
	return gp_close_file(&c->run, fp, fname);
}

/* one class of points, sized by the vendors at each */
static void funnel_plot_points(struct strbuf *gp, const char *file, int cls, const char *colour,
			       const char *title)
{
	strbuf_addf(gp, ", \\\n  '%s' using 1:($3 == %d ? $2 : NaN):(0.9 + 0.35 * sqrt($4)) with points pt 7 ps variable lc rgb '%s' title ",
		    file, cls, colour);
	style_literal(gp, title);
}

static void funnel_script(struct chart *c, const struct funnel *f, int year, unsigned nmax,
			  const char *lname, const char *pname)
{
	struct strbuf *gp = &c->gp;
	int en = c->o->en;
	char buf[256];

	if (en)
		snprintf(buf, sizeof(buf), "Year %d: each vendor's share of items with a finding (funnel plot, p0 = %.1f%%)",
			 year, 100 * f->p0);
	else
		snprintf(buf, sizeof(buf), "%d年度 各廠商有發現事項之項目比率（漏斗圖，全體比率 %.1f%%）", year, 100 * f->p0);
	set_title(gp, buf);
	set_text(gp, "xlabel", en ? "applicable items of the vendor (n)" : "該廠商適用之檢核項目數（n）", NULL);
	set_text(gp, "ylabel", en ? "items with a finding (%)" : "有發現事項之項目比率（%）", NULL);
	strbuf_addf(gp, "set xrange [0:%u]\nset yrange [0:100]\nset ytics 0,20,100 format '%%g%%%%'\n"
		    "set tmargin 5\nset title offset 0,1.4\n"
		    "set key at graph 0.5, graph 1.02 center bottom horizontal samplen 3 width 1\n"
		    "set arrow from 0,%.6g to %u,%.6g nohead dt 2 lw 1.5 lc rgb '%s' back\n",
		    nmax + 2, 100 * f->p0, nmax + 2, 100 * f->p0, STYLE_REFLINE);
	strbuf_addf(gp, "plot '%s' using 1:4 with lines lw 1.5 lc rgb '%s' title ", lname, STYLE_BAR);
	style_literal(gp, en ? "95% limits" : "95% 管制界限");
	strbuf_addf(gp, ", \\\n  '' using 1:3 with lines lw 1.5 lc rgb '%s' notitle", STYLE_BAR);
	strbuf_addf(gp, ", \\\n  '' using 1:5 with lines lw 1.5 dt 2 lc rgb '%s' title ", STYLE_COMMON);
	style_literal(gp, en ? "99.8% limits" : "99.8% 管制界限");
	strbuf_addf(gp, ", \\\n  '' using 1:2 with lines lw 1.5 dt 2 lc rgb '%s' notitle", STYLE_COMMON);
	strbuf_addf(gp, ", \\\n  NaN with lines dt 2 lw 1.5 lc rgb '%s' title ", STYLE_REFLINE);
	snprintf(buf, sizeof(buf), en ? "all vendors %.1f%%" : "全體比率 %.1f%%", 100 * f->p0);
	style_literal(gp, buf);
	funnel_plot_points(gp, pname, 0, STYLE_BAR, en ? "vendor (larger: several)" : "廠商（點大：多家重疊）");
	funnel_plot_points(gp, "", 1, "#e0a030", en ? "outside 95%" : "超出 95% 界限");
	funnel_plot_points(gp, "", 2, STYLE_COMMON, en ? "outside 99.8%" : "超出 99.8% 界限");
	/* labels only when there are some: gnuplot 5.4 crashes on a labels plot with no valid point */
	if (f->above95 + f->below95 > 0)
		strbuf_adds(gp, ", \\\n  '' using 1:($3 > 0 ? $2 : NaN):(dq(strcol(5))) with labels right offset -1.2,0 font ',10' textcolor rgb '#333333' notitle");
	strbuf_addch(gp, '\n');
}

int chart_funnel(const struct chart_opts *o, const struct analysis *a)
{
	struct funnel f;
	struct chart c;
	char lname[64], pname[64];
	unsigned nmax = 0;
	size_t i;
	int rc;

	funnel_compute(a, 1, &f);
	if (f.npoints == 0 || isnan(f.p0)) {
		funnel_release(&f);
		return jerror("funnel chart: year %d has no vendor with an applicable item; nothing to draw",
			      a->params.year);
	}
	for (i = 0; i < f.npoints; i++)
		if (f.points[i].n > nmax)
			nmax = f.points[i].n;
	rc = chart_begin(&c, o, "funnel", STYLE_WIDTH, 600);
	if (rc == 0)
		rc = funnel_limits_file(&c, &f, lname, sizeof(lname));
	if (rc == 0)
		rc = funnel_points_file(&c, &f, pname, sizeof(pname));
	if (rc == 0)
		funnel_script(&c, &f, a->params.year, nmax, lname, pname);
	funnel_release(&f);
	return chart_end(&c, rc);
}
