/*
 * figures.c - the figures behind `plot` and `report` (figures.h).
 */
#include "figures.h"
#include "../core/cli.h"
#include "../core/db.h"
#include "../core/err.h"
#include "../core/strbuf.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

const char *const figures_chart_names[] = {
	"common", "dimensions", "heatmap", "funnel", "trend", "status", "burndown", "closure",
};
const size_t figures_nchart_names = sizeof(figures_chart_names) / sizeof(figures_chart_names[0]);

unsigned figures_needs(const char *chart)
{
	if (!strcmp(chart, "common") || !strcmp(chart, "dimensions") || !strcmp(chart, "funnel"))
		return FIG_ANALYSIS;
	if (!strcmp(chart, "heatmap"))
		return FIG_MATRIX;
	if (!strcmp(chart, "trend"))
		return FIG_TREND;
	if (!strcmp(chart, "status") || !strcmp(chart, "burndown") || !strcmp(chart, "closure"))
		return FIG_REMED;
	return 0;
}

int figures_years(sqlite3 *db, int upto, int *from, int *to)
{
	sqlite3_stmt *st;
	int rc;

	*from = *to = 0;
	if (db_prepare(db, &st, "SELECT min(year), max(year) FROM sessions s"
		       " WHERE (:upto = 0 OR year <= :upto)"
		       " AND EXISTS (SELECT 1 FROM results r WHERE r.session = s.id)") < 0)
		return JAUDIT_EDATA;
	db_bind_int(st, ":upto", upto);
	rc = db_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
		*from = sqlite3_column_int(st, 0);
		*to = sqlite3_column_int(st, 1);
	}
	db_finalize(st);
	return rc == SQLITE_ROW ? 0 : JAUDIT_EDATA;
}

static int cmp_overdue(const void *pa, const void *pb)
{
	const struct report_overdue *a = pa, *b = pb;

	if (a->days != b->days)
		return a->days < b->days ? 1 : -1;
	return strcmp(a->finding, b->finding);
}

/* The records of f->records past due and not ended at as_of. */
static void find_overdue(struct figures *f)
{
	size_t i;

	f->overdue = xcalloc(f->records.n ? f->records.n : 1, sizeof(*f->overdue));
	for (i = 0; i < f->records.n; i++) {
		const struct remed_record *r = &f->records.recs[i];
		enum remed_status st;
		struct jdate due;
		long late;

		if (!remed_state_at(r, f->as_of, &st, &due, NULL))
			continue;
		late = remed_days_overdue(st, due, f->as_of);
		if (late <= 0)
			continue;
		f->overdue[f->noverdue].finding = r->id;
		f->overdue[f->noverdue].item = r->item;
		f->overdue[f->noverdue].owner = r->owner;
		f->overdue[f->noverdue].due = due;
		f->overdue[f->noverdue].days = late;
		f->overdue[f->noverdue].status = st;
		f->noverdue++;
	}
	qsort(f->overdue, f->noverdue, sizeof(*f->overdue), cmp_overdue);
}

int figures_load(sqlite3 *db, const struct analysis_params *p, int from, int to,
		 const char *item, struct jdate as_of, unsigned what, struct figures *f)
{
	memset(f, 0, sizeof(*f));
	f->year = p->year;
	f->from = from;
	f->to = to;
	f->as_of = as_of;
	if (what & FIG_ANALYSIS) {
		if (analysis_run(db, p, &f->a) < 0)
			return JAUDIT_EDATA;
		f->loaded |= FIG_ANALYSIS;
	}
	if ((what & FIG_TREND) && from && to) {
		if (trend_run(db, from, to, item, p, &f->t) < 0)
			return JAUDIT_EDATA;
		f->loaded |= FIG_TREND;
	}
	if (what & FIG_MATRIX) {
		if (analysis_matrix(db, p->year, &f->m) < 0)
			return JAUDIT_EDATA;
		f->loaded |= FIG_MATRIX;
	}
	if (what & FIG_REMED) {	/* the records loaded once, for the three */
		if (remed_load(db, p->year, &f->records) < 0 ||
		    remed_summary_of(&f->records, p->year, as_of, &f->s) < 0)
			return JAUDIT_EDATA;
		f->loaded |= FIG_REMED;
		remed_burndown_of(&f->records, as_of, &f->burn, &f->nburn);
		find_overdue(f);
	}
	return 0;
}

void figures_release(struct figures *f)
{
	if (f->loaded & FIG_ANALYSIS)
		analysis_release(&f->a);
	if (f->loaded & FIG_TREND)
		trend_release(&f->t);
	if (f->loaded & FIG_MATRIX)
		rating_matrix_release(&f->m);
	if (f->loaded & FIG_REMED)
		remed_summary_release(&f->s);
	free(f->burn);
	free(f->overdue);
	remed_set_release(&f->records);
	memset(f, 0, sizeof(*f));
}

const char *figures_why_not(const struct figures *f, const char *name, int en)
{
	unsigned need = figures_needs(name);

	if (need & (FIG_ANALYSIS | FIG_MATRIX)) {
		if ((need & FIG_ANALYSIS) && f->a.vendors == 0)
			return en ? "the year has no results" : "本年度尚無稽核結果";
		if ((need & FIG_MATRIX) && f->m.nvendors == 0)
			return en ? "the year has no results" : "本年度尚無稽核結果";
	}
	if (need & FIG_TREND) {
		if (!(f->loaded & FIG_TREND) || f->t.nyears < 2)
			return en ? "the database holds the results of one year only" : "資料庫僅有一個年度之結果";
	}
	if (need & FIG_REMED) {
		if (f->s.total == 0)
			return en ? "the year has no remediation records (run 'jaudit track sync')"
				  : "本年度尚無改善追蹤紀錄（請先執行 jaudit track sync）";
		if (!strcmp(name, "burndown") && f->nburn == 0)
			return en ? "no remediation history up to the date" : "至該日尚無改善追蹤歷程";
	}
	return NULL;
}

int figures_draw(const struct figures *f, const char *name, const struct chart_opts *o, size_t top)
{
	if (!strcmp(name, "common"))
		return chart_common(o, &f->a);
	if (!strcmp(name, "dimensions"))
		return chart_dimensions(o, &f->a);
	if (!strcmp(name, "heatmap"))
		return chart_heatmap(o, f->year, &f->m);
	if (!strcmp(name, "funnel"))
		return chart_funnel(o, &f->a);
	if (!strcmp(name, "trend"))
		return chart_trend(o, &f->t, top);
	if (!strcmp(name, "status"))
		return chart_status(o, &f->s);
	if (!strcmp(name, "burndown"))
		return chart_burndown(o, f->year, f->as_of, f->burn, f->nburn);
	if (!strcmp(name, "closure"))
		return chart_closure(o, &f->s);
	return jerror("internal: no chart '%s'", name);
}

const char *figures_caption(const char *name, int en)
{
	static const struct {
		const char *name, *zh, *en;
	} captions[] = {
		{ "common", "各檢核項目之發現事項比率與信賴區間；虛線為檢定門檻 p0，紅色為共同發現事項",
		  "Each item's finding rate with its interval; the dashed line is p0, common findings in red" },
		{ "dimensions", "各構面有任一發現事項之廠商比率", "Vendors with any finding in each dimension" },
		{ "heatmap", "各廠商（匿名）各檢核項目之評等", "Each vendor's (anonymised) rating of each item" },
		{ "funnel", "各廠商（匿名）有發現事項之項目比率與其適用項目數（漏斗圖）；實線為 95%、虛線為 99.8% 管制界限，超出 95% 界限者標示代號",
		  "Each vendor's (anonymised) share of items with a finding against its applicable items (funnel plot); solid: 95% limits, dashed: 99.8%, vendors outside 95% labelled" },
		{ "trend", "主要檢核項目歷年發現事項比率與平均每家廠商發現數",
		  "The top items' rates over the years, and the findings per vendor" },
		{ "status", "各追蹤單位之改善追蹤狀態", "Remediation records by owner and status" },
		{ "burndown", "未結案追蹤件數之變化與每日到期件數", "Records not yet ended, and those due, day by day" },
		{ "closure", "自稽核日至結案之時間（Kaplan–Meier 曲線）", "Time from the audit to closure (Kaplan–Meier)" },
	};
	size_t i;

	for (i = 0; i < sizeof(captions) / sizeof(captions[0]); i++)
		if (!strcmp(captions[i].name, name))
			return en ? captions[i].en : captions[i].zh;
	return name;
}

/* --- options ---------------------------------------------------------------- */

void figures_opts_init(struct figures_opts *o)
{
	memset(o, 0, sizeof(*o));
	analysis_params_default(&o->p, 0);
	o->top = 5;
	o->format = CHART_PNG;
}

int figures_option(const char *cmd, int c, const char *arg, struct figures_opts *o)
{
	switch (c) {
	case 'y':
		return cli_parse_year(cmd, arg, &o->p.year) < 0 ? JAUDIT_EUSAGE : 1;
	case 'o':
		if (!*arg)
			return jusage(cmd, "--out needs a directory");
		o->out = arg;
		return 1;
	case 'l':
		return cli_parse_lang(cmd, arg, &o->en) < 0 ? JAUDIT_EUSAGE : 1;
	case 'd':
		if (cli_parse_date(cmd, "--as-of", arg, &o->as_of) < 0)
			return JAUDIT_EUSAGE;
		o->have_as_of = 1;
		return 1;
	}
	/* --ci, --level, --strict, --p0, --alpha: as analyze parses them */
	return analysis_parse_option(cmd, c, arg, &o->p);
}

int figures_opts_finish(const char *cmd, struct figures_opts *o)
{
	struct stat st;

	if (!o->p.year)
		return jusage(cmd, "--year is required");
	if (!o->out)
		return jusage(cmd, "--out is required: the directory to write into");
	if (!o->have_as_of && date_today(&o->as_of) < 0)
		return JAUDIT_EDATA;
	if (stat(o->out, &st) == 0) {
		if (!S_ISDIR(st.st_mode))
			return jerror("--out '%s' is not a directory", o->out);
	} else if (mkdir(o->out, 0755) < 0) {
		return jerror("cannot make the directory '%s': %s", o->out, strerror(errno));
	}
	return 0;
}
