/*
 * trend.c - the common findings across years (SPEC §3 `trend`): per item
 * and year n, k, rate and interval; Fisher's exact test between
 * consecutive years present; Cochran-Armitage over three or more years,
 * BH-adjusted across items; a weighted least-squares slope; and per year
 * the vendors audited, the mean findings per vendor and the share of
 * vendors with any finding.
 */
#include "analysis.h"
#include "../core/checklist.h"
#include "../core/db.h"
#include "../core/err.h"
#include "../core/rating.h"
#include "stats/stats.h"
#include "../core/strbuf.h"
#include "yearpass.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

struct year_ctx {
	size_t m;
	int strict;
	unsigned *n, *k;
	unsigned vendors, with_any;
	double sum, sumsq;	/* findings per vendor */
};

static int year_vendor(void *vctx, const char *taxid, const unsigned char *worst)
{
	struct year_ctx *c = vctx;
	unsigned f = 0;
	size_t i;

	for (i = 0; i < c->m; i++) {
		int fi;

		if (worst[i] == RATING_NA)
			continue;
		fi = rating_is_finding((enum rating)worst[i], c->strict);
		c->n[i]++;
		c->k[i] += fi;
		f += fi;
	}
	c->vendors++;
	c->with_any += f > 0;
	c->sum += f;
	c->sumsq += (double)f * f;
	return 0;
}

/*
 * Mean findings per vendor with Student's t interval on vendors - 1
 * degrees of freedom (the vendors are the sample; NAN bounds for one vendor).
 */
static void mean_interval(const struct year_ctx *c, double level, struct trend_year *y)
{
	double v = c->vendors, var, half;

	y->mean_findings = c->sum / v;
	y->mean_lo = y->mean_hi = NAN;
	if (c->vendors < 2)
		return;
	var = (c->sumsq - c->sum * c->sum / v) / (v - 1);
	if (var < 0)
		var = 0;	/* rounding of an all-equal sample */
	half = gsl_cdf_tdist_Pinv(1 - (1 - level) / 2, v - 1) * sqrt(var / v);
	y->mean_lo = y->mean_findings - half;
	y->mean_hi = y->mean_findings + half;
}

static struct trend_item *find_item(struct trend *t, const char *code, size_t *alloc)
{
	size_t i;

	for (i = 0; i < t->nitems; i++)
		if (strcmp(t->items[i].code, code) == 0)
			return &t->items[i];
	if (t->nitems == *alloc) {
		*alloc = *alloc ? 2 * *alloc : 32;
		t->items = xrealloc(t->items, *alloc * sizeof(*t->items));
	}
	memset(&t->items[t->nitems], 0, sizeof(*t->items));
	t->items[t->nitems].code = xstrdup(code);
	return &t->items[t->nitems++];
}

static int add_point(struct trend_item *ti, int year, unsigned n, unsigned k,
		     const struct analysis_params *p)
{
	struct trend_point *pt;

	ti->points = xrealloc(ti->points, (ti->npoints + 1) * sizeof(*ti->points));
	pt = &ti->points[ti->npoints];
	pt->year = year;
	pt->n = n;
	pt->k = k;
	pt->rate = (double)k / n;
	pt->fisher_p = NAN;
	if (yearpass_interval(k, n, p->level, p->exact, &pt->ci_low, &pt->ci_high) < 0)
		return JAUDIT_EDATA;
	if (ti->npoints > 0) {
		const struct trend_point *prev = &ti->points[ti->npoints - 1];

		if (fisher_exact(prev->k, prev->n - prev->k, k, n - k, &pt->fisher_p, NULL, NULL) < 0)
			return JAUDIT_EDATA;
	}
	ti->npoints++;
	return 0;
}

static int cmp_items(const void *a, const void *b)
{
	return strcmp(((const struct trend_item *)a)->code, ((const struct trend_item *)b)->code);
}

/* Cochran-Armitage, BH across items, and the weighted slope. */
static void finish_items(struct trend *t)
{
	double *pv = xcalloc(t->nitems ? t->nitems : 1, sizeof(double));
	double *qv = xcalloc(t->nitems ? t->nitems : 1, sizeof(double));
	size_t i, j;

	for (i = 0; i < t->nitems; i++) {
		struct trend_item *ti = &t->items[i];
		size_t np = ti->npoints;
		double *x = xcalloc(np ? np : 1, sizeof(double));
		double *n = xcalloc(np ? np : 1, sizeof(double));
		double *s = xcalloc(np ? np : 1, sizeof(double));
		double *r = xcalloc(np ? np : 1, sizeof(double));
		double c0;

		for (j = 0; j < np; j++) {
			x[j] = ti->points[j].k;
			n[j] = ti->points[j].n;
			s[j] = ti->points[j].year;
			r[j] = ti->points[j].rate;
		}
		ti->ca_chisq = ti->ca_p = ti->ca_q = NAN;
		if (np >= 3 && catrend_test(x, n, s, np, &ti->ca_chisq, &ti->ca_p) < 0)
			ti->ca_chisq = ti->ca_p = NAN;
		/* rate on year, weighted by the vendors of each year */
		if (wls_fit(s, r, n, np, &c0, &ti->slope, &ti->slope_se) < 0)
			ti->slope = ti->slope_se = NAN;
		pv[i] = ti->ca_p;
		free(x);
		free(n);
		free(s);
		free(r);
	}
	bh_adjust(pv, t->nitems, qv);
	for (i = 0; i < t->nitems; i++)
		t->items[i].ca_q = qv[i];
	free(pv);
	free(qv);
}

/* What trend_run carries from year to year. */
struct trend_walk {
	const char *item;	/* the one item asked for (upper case), or NULL */
	size_t ialloc;		/* t->items allocated */
	int any_checklist, item_seen;
};

/* The year's summary (findings per vendor, vendors with any) appended to t->years. */
static int add_year(struct trend *t, int year, const struct year_ctx *c, const struct analysis_params *p)
{
	struct trend_year *ty;

	t->years = xrealloc(t->years, (t->nyears + 1) * sizeof(*t->years));
	ty = &t->years[t->nyears++];
	memset(ty, 0, sizeof(*ty));
	ty->year = year;
	ty->vendors = c->vendors;
	ty->with_any = c->with_any;
	ty->share_any = (double)c->with_any / c->vendors;
	mean_interval(c, p->level, ty);
	return yearpass_interval(c->with_any, c->vendors, p->level, p->exact,
				 &ty->share_lo, &ty->share_hi) < 0 ? JAUDIT_EDATA : 0;
}

/* One year: its summary, and a point for each item (the one asked for) it applied to. */
static int trend_year(sqlite3 *db, int year, const struct analysis_params *p, struct trend *t,
		      struct trend_walk *w)
{
	struct yearpass_items all;
	struct year_ctx c;
	size_t i;
	int exists, rc = JAUDIT_EDATA;

	if (checklist_year_exists(db, year, &exists) < 0)
		return JAUDIT_EDATA;
	if (!exists)
		return 0;
	w->any_checklist = 1;
	/* the year-level summary counts every item of the category */
	if (yearpass_items_load(db, year, p->category, NULL, &all) < 0)
		return JAUDIT_EDATA;
	memset(&c, 0, sizeof(c));
	c.m = all.n;
	c.strict = p->strict;
	c.n = xcalloc(all.n ? all.n : 1, sizeof(unsigned));
	c.k = xcalloc(all.n ? all.n : 1, sizeof(unsigned));
	if (yearpass_run(db, year, &all, year_vendor, &c) < 0)
		goto out;
	if (c.vendors > 0 && add_year(t, year, &c, p) < 0)
		goto out;
	for (i = 0; i < all.n; i++) {
		struct trend_item *ti;

		if (w->item && strcmp(w->item, all.items[i].code) != 0)
			continue;
		w->item_seen = 1;
		ti = find_item(t, all.items[i].code, &w->ialloc);
		free(ti->dimension);	/* the newest year's 構面 */
		ti->dimension = xstrdup(all.items[i].dimension);
		if (c.n[i] > 0 && add_point(ti, year, c.n[i], c.k[i], p) < 0)
			goto out;
	}
	rc = 0;
out:
	free(c.n);
	free(c.k);
	yearpass_items_release(&all);
	return rc;
}

int trend_run(sqlite3 *db, int from, int to, const char *item,
	      const struct analysis_params *p, struct trend *t)
{
	struct trend_walk w = { NULL, 0, 0, 0 };
	int year;

	memset(t, 0, sizeof(*t));
	t->params = *p;
	t->from = from;
	t->to = to;
	if (item) {
		char *c;

		t->item = xstrdup(item);	/* c01 is C01 */
		for (c = t->item; *c; c++)
			if (*c >= 'a' && *c <= 'z')
				*c = (char)(*c - 'a' + 'A');
		w.item = t->item;
	}
	stats_init();
	for (year = from; year <= to; year++)
		if (trend_year(db, year, p, t, &w) < 0) {
			trend_release(t);
			return JAUDIT_EDATA;
		}
	if (!w.any_checklist) {
		trend_release(t);
		return jerror("no year from %d to %d has a checklist; load one with 'jaudit init --year %d'",
			      from, to, to);
	}
	if (w.item && !w.item_seen) {
		jerror("item '%s' is in no checklist of the years %d to %d%s", w.item, from, to,
		       p->category ? " (with --category)" : "");
		trend_release(t);
		return JAUDIT_EDATA;
	}
	if (t->nitems > 1)
		qsort(t->items, t->nitems, sizeof(*t->items), cmp_items);
	finish_items(t);
	return 0;
}

void trend_release(struct trend *t)
{
	size_t i;

	for (i = 0; i < t->nitems; i++) {
		free(t->items[i].code);
		free(t->items[i].dimension);
		free(t->items[i].points);
	}
	free(t->items);
	free(t->years);
	free(t->item);
	memset(t, 0, sizeof(*t));
}

cJSON *trend_json(const struct trend *t)
{
	cJSON *root = cJSON_CreateObject(), *arr, *o, *par;
	size_t i, j;

	cJSON_AddNumberToObject(root, "from", t->from);
	cJSON_AddNumberToObject(root, "to", t->to);
	arr = cJSON_AddArrayToObject(root, "years");
	for (i = 0; i < t->nyears; i++) {
		const struct trend_year *y = &t->years[i];

		o = cJSON_CreateObject();
		cJSON_AddNumberToObject(o, "year", y->year);
		cJSON_AddNumberToObject(o, "vendors", y->vendors);
		yearpass_json_num(o, "mean_findings", y->mean_findings);
		yearpass_json_num(o, "mean_low", y->mean_lo);
		yearpass_json_num(o, "mean_high", y->mean_hi);
		cJSON_AddNumberToObject(o, "with_any", y->with_any);
		yearpass_json_num(o, "share_any", y->share_any);
		yearpass_json_num(o, "share_low", y->share_lo);
		yearpass_json_num(o, "share_high", y->share_hi);
		cJSON_AddItemToArray(arr, o);
	}
	arr = cJSON_AddArrayToObject(root, "items");
	for (i = 0; i < t->nitems; i++) {
		const struct trend_item *ti = &t->items[i];
		cJSON *pts;

		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "code", ti->code);
		cJSON_AddStringToObject(o, "dimension", ti->dimension ? ti->dimension : "");
		pts = cJSON_AddArrayToObject(o, "points");
		for (j = 0; j < ti->npoints; j++) {
			const struct trend_point *pt = &ti->points[j];
			cJSON *po = cJSON_CreateObject();

			cJSON_AddNumberToObject(po, "year", pt->year);
			cJSON_AddNumberToObject(po, "n", pt->n);
			cJSON_AddNumberToObject(po, "k", pt->k);
			yearpass_json_num(po, "rate", pt->rate);
			yearpass_json_num(po, "ci_low", pt->ci_low);
			yearpass_json_num(po, "ci_high", pt->ci_high);
			yearpass_json_num(po, "fisher_p", pt->fisher_p);
			cJSON_AddItemToArray(pts, po);
		}
		yearpass_json_num(o, "trend_chisq", ti->ca_chisq);
		yearpass_json_num(o, "trend_p", ti->ca_p);
		yearpass_json_num(o, "trend_q", ti->ca_q);
		yearpass_json_num(o, "slope", ti->slope);
		yearpass_json_num(o, "slope_se", ti->slope_se);
		cJSON_AddItemToArray(arr, o);
	}
	par = cJSON_AddObjectToObject(root, "parameters");
	cJSON_AddNumberToObject(par, "from", t->from);
	cJSON_AddNumberToObject(par, "to", t->to);
	if (t->item)
		cJSON_AddStringToObject(par, "item", t->item);
	else
		cJSON_AddNullToObject(par, "item");
	cJSON_AddStringToObject(par, "ci", t->params.exact ? "exact" : "wilson");
	cJSON_AddNumberToObject(par, "level", t->params.level);
	cJSON_AddNumberToObject(par, "alpha", t->params.alpha);
	cJSON_AddBoolToObject(par, "strict", t->params.strict);
	if (t->params.category)
		cJSON_AddStringToObject(par, "category", t->params.category);
	else
		cJSON_AddNullToObject(par, "category");
	return root;
}
