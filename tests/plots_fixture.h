/*
 * plots_fixture.h - figures filled by hand (a struct figures, as
 * figures_load() would fill it) for the chart and report tests:
 * a year-115 analysis over the built-in checklist (12 vendors), a trend
 * 113-115, remediation as of 115/11/20, and the rating matrix.  The
 * numbers are inputs to draw, not statistics under test (those are tested
 * where they are computed).  Free with fixture_release(), never with
 * figures_release().
 */
#ifndef JAUDIT_PLOTS_FIXTURE_H
#define JAUDIT_PLOTS_FIXTURE_H

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../analyze/analysis.h"
#include "../core/checklist.h"
#include "../core/rating.h"
#include "../track/remediation.h"
#include "../core/strbuf.h"
#include "../plots/figures.h"

#define FX_VENDORS 12


/* Wilson 95% interval in closed form (z = 1.959963984540054) */
static void fx_wilson(unsigned k, unsigned n, double *lo, double *hi)
{
	double z = 1.959963984540054, p = (double)k / n, d = 1 + z * z / n;
	double c = p + z * z / (2.0 * n), h = z * sqrt(p * (1 - p) / n + z * z / (4.0 * n * n));

	*lo = (c - h) / d;
	*hi = (c + h) / d;
}

/* k per item (C01..C10, S01..S17), of FX_VENDORS; S16 applies to 8 only */
static const unsigned fx_k[27] = { 9, 3, 5, 2, 8, 1, 4, 7, 2, 6,
				   10, 4, 3, 5, 1, 6, 2, 3, 7, 4, 8, 2, 5, 3, 1, 3, 0 };

static int fx_cmp_rate(const void *pa, const void *pb)
{
	const struct item_stat *a = pa, *b = pb;

	if (a->rate != b->rate)
		return a->rate < b->rate ? 1 : -1;
	return a->ci_low < b->ci_low ? 1 : a->ci_low > b->ci_low ? -1 : 0;
}

static void fixture_fill(struct figures *f, const char *vendor0_name)
{
	static const char *const owners[] = { "資安署", "數位發展部", "財政部", "衛生福利部", "教育部" };
	static const unsigned counts[5][5] = {
		{ 4, 6, 3, 12, 1 }, { 2, 3, 1, 5, 0 }, { 1, 2, 2, 3, 1 }, { 3, 1, 0, 2, 0 }, { 0, 1, 1, 4, 0 },
	};
	size_t i, j, nd = 0;
	unsigned total = 0;

	memset(f, 0, sizeof(*f));
	f->loaded = FIG_ALL;
	f->year = 115;
	f->from = 113;
	f->to = 115;
	f->as_of = (struct jdate){ 2026, 11, 20 };
	f->a.params.year = 115;
	f->a.params.level = 0.95;
	f->a.params.p0 = 0.3;
	f->a.params.alpha = 0.05;
	f->a.params.top_pairs = 10;
	f->a.vendors = FX_VENDORS;
	f->a.nitems = checklist_builtin_count;
	f->a.items = xcalloc(f->a.nitems, sizeof(*f->a.items));
	f->a.dimensions = xcalloc(f->a.nitems, sizeof(*f->a.dimensions));
	for (i = 0; i < f->a.nitems; i++) {
		const struct checklist_item *c = &checklist_builtin[i];
		struct item_stat *it = &f->a.items[i];

		it->code = xstrdup(c->code);
		it->category = xstrdup(checklist_category_code(c->category));
		it->dimension = xstrdup(c->dimension);
		it->question = xstrdup(c->question);
		it->basis = xstrdup(c->basis);
		it->n = strcmp(c->code, "S16") == 0 ? 8 : strcmp(c->code, "S17") == 0 ? 0 : FX_VENDORS;
		it->k = it->n ? fx_k[i] : 0;
		if (it->n) {
			it->rate = (double)it->k / it->n;
			fx_wilson(it->k, it->n, &it->ci_low, &it->ci_high);
			it->p_value = it->rate > 0.5 ? 0.0005 : it->rate > 0.3 ? 0.2 : 0.8;
			it->q_value = it->rate > 0.5 ? 0.004 : it->rate > 0.3 ? 0.45 : 0.9;
			it->common = it->q_value <= 0.05;
		} else {
			it->rate = it->ci_low = it->ci_high = it->p_value = it->q_value = NAN;
		}
		for (j = 0; j < nd; j++)
			if (strcmp(f->a.dimensions[j].name, c->dimension) == 0)
				break;
		if (j == nd) {
			f->a.dimensions[nd].name = xstrdup(c->dimension);
			f->a.dimensions[nd].category = xstrdup(checklist_category_code(c->category));
			f->a.dimensions[nd].n = FX_VENDORS;
			nd++;
		}
		f->a.dimensions[j].nitems++;
		if (it->k > f->a.dimensions[j].k)
			f->a.dimensions[j].k = it->k + (f->a.dimensions[j].nitems > 1 && it->k < FX_VENDORS);
	}
	qsort(f->a.items, f->a.nitems, sizeof(*f->a.items), fx_cmp_rate);
	f->a.ndimensions = nd;
	for (j = 0; j < nd; j++) {
		struct group_stat *g = &f->a.dimensions[j];

		g->rate = (double)g->k / g->n;
		fx_wilson(g->k, g->n, &g->ci_low, &g->ci_high);
	}
	f->a.ncategories = 2;
	f->a.categories = xcalloc(2, sizeof(*f->a.categories));
	f->a.categories[0].name = xstrdup("common");
	f->a.categories[0].nitems = 10;
	f->a.categories[0].n = 12;
	f->a.categories[0].k = 11;
	f->a.categories[1].name = xstrdup("specific");
	f->a.categories[1].nitems = 17;
	f->a.categories[1].n = 12;
	f->a.categories[1].k = 12;
	for (j = 0; j < 2; j++) {
		struct group_stat *g = &f->a.categories[j];

		g->rate = (double)g->k / g->n;
		fx_wilson(g->k, g->n, &g->ci_low, &g->ci_high);
	}
	f->a.nvendors = FX_VENDORS;
	f->a.vendors_ranked = xcalloc(FX_VENDORS, sizeof(*f->a.vendors_ranked));
	for (i = 0; i < FX_VENDORS; i++) {
		struct vendor_stat *v = &f->a.vendors_ranked[i];
		char buf[128];

		snprintf(buf, sizeof(buf), "%08zu", 22099131 + i);
		v->taxid = xstrdup(buf);
		if (i == 0 && vendor0_name)
			snprintf(buf, sizeof(buf), "%s", vendor0_name);
		else
			snprintf(buf, sizeof(buf), "第%zu資訊股份有限公司", i + 1);
		v->name = xstrdup(buf);
		v->applicable = 26;
		v->findings = (unsigned)(14 - i);
		v->noncompliant = v->findings / 2;
		v->partial = v->findings - v->noncompliant;
		v->rank = (int)i + 1;
	}
	f->a.npairs = 3;
	f->a.pairs = xcalloc(3, sizeof(*f->a.pairs));
	{
		static const char *const pa[] = { "C01", "C05", "S01" }, *const pb[] = { "C05", "S01", "S08" };
		static const unsigned cells[3][4] = { { 7, 2, 1, 2 }, { 6, 2, 4, 0 }, { 6, 4, 1, 1 } };

		for (i = 0; i < 3; i++) {
			struct pair_stat *p = &f->a.pairs[i];

			p->a = xstrdup(pa[i]);
			p->b = xstrdup(pb[i]);
			p->n11 = cells[i][0];
			p->n10 = cells[i][1];
			p->n01 = cells[i][2];
			p->n00 = cells[i][3];
			p->phi = 0.478 - 0.2 * i;
			p->jaccard = 0.7 - 0.1 * i;
			p->p_value = 0.22 + 0.2 * i;
			p->q_value = 0.6 + 0.1 * i;
		}
	}
	f->a.agreement.available = 1;
	f->a.agreement.kripp_alpha = 0.712;
	f->a.agreement.kripp_units = 310;
	f->a.agreement.kripp_coders = 14;
	f->a.agreement.fleiss_kappa = 0.654;
	f->a.agreement.fleiss_z = 9.87;
	f->a.agreement.fleiss_p = 2.8e-23;
	f->a.agreement.fleiss_subjects = 270;
	f->a.agreement.fleiss_raters = 3;

	/* trend 113..115: every item, rates drifting */
	f->t.params = f->a.params;
	f->t.from = 113;
	f->t.to = 115;
	f->t.nyears = 3;
	f->t.years = xcalloc(3, sizeof(*f->t.years));
	for (i = 0; i < 3; i++) {
		struct trend_year *y = &f->t.years[i];

		y->year = 113 + (int)i;
		y->vendors = 8 + 2 * (unsigned)i;
		y->mean_findings = 9.5 - 1.2 * i;
		y->mean_lo = y->mean_findings - 1.4;
		y->mean_hi = y->mean_findings + 1.4;
		y->with_any = y->vendors;
		y->share_any = 1;
		y->share_lo = 0.7;
		y->share_hi = 1;
	}
	f->t.nitems = 27;
	f->t.items = xcalloc(27, sizeof(*f->t.items));
	for (i = 0; i < 27; i++) {
		const struct checklist_item *c = &checklist_builtin[i];
		struct trend_item *ti = &f->t.items[i];

		ti->code = xstrdup(c->code);
		ti->dimension = xstrdup(c->dimension);
		ti->npoints = i == 26 ? 0 : 3;
		ti->points = xcalloc(3, sizeof(*ti->points));
		for (j = 0; j < ti->npoints; j++) {
			struct trend_point *p = &ti->points[j];
			unsigned n = 8 + 2 * (unsigned)j, k = (fx_k[i] + 3 - (unsigned)j) * n / 15;

			p->year = 113 + (int)j;
			p->n = n;
			p->k = k > n ? n : k;
			p->rate = (double)p->k / n;
			fx_wilson(p->k, n, &p->ci_low, &p->ci_high);
			p->fisher_p = j ? 0.5 : NAN;
		}
		ti->ca_chisq = 1.2;
		ti->ca_p = 0.27;
		ti->ca_q = 0.8;
		ti->slope = -0.03;
		ti->slope_se = 0.02;
	}

	/* remediation as of 115/11/20 */
	f->s.year = 115;
	f->s.as_of = (struct jdate){ 2026, 11, 20 };
	f->s.nowners = 5;
	f->s.owners = xcalloc(5, sizeof(*f->s.owners));
	for (i = 0; i < 5; i++) {
		f->s.owners[i].owner = xstrdup(owners[i]);
		for (j = 0; j < REMED_NSTATUS; j++) {
			f->s.owners[i].count[j] = counts[i][j];
			total += counts[i][j];
		}
		f->s.owners[i].overdue = counts[i][0] / 2 + (i == 0);
		f->s.overdue += f->s.owners[i].overdue;
	}
	f->s.total = total;
	f->s.aging[0] = 9;
	f->s.aging[1] = 3;
	f->s.aging[2] = 2;
	f->s.aging[3] = 2;
	{
		static const double times[] = { 21, 35, 40, 52, 60, 61, 75, 90, 104, 120, 133, 150, 171, 190 };
		static const unsigned events[] = { 2, 3, 1, 4, 2, 1, 3, 2, 3, 1, 2, 1, 0, 0 };
		static const unsigned censor[] = { 0, 0, 0, 1, 0, 0, 1, 0, 2, 1, 0, 3, 4, 9 };
		unsigned risk = 0, nk = sizeof(times) / sizeof(times[0]);
		double surv = 1;

		for (i = 0; i < nk; i++)
			risk += events[i] + censor[i];
		f->s.km_n = risk;
		f->s.nkm = nk;
		f->s.km = xcalloc(nk, sizeof(*f->s.km));
		f->s.km_median = NAN;
		for (i = 0; i < nk; i++) {
			struct km_point *k = &f->s.km[i];

			k->time = times[i];
			k->n_risk = risk;
			k->n_event = events[i];
			k->n_censor = censor[i];
			surv *= 1.0 - (double)events[i] / risk;
			k->surv = surv;
			k->se = 0.07;
			k->lower = surv * 0.8;
			k->upper = fmin(1, surv * 1.2);
			f->s.km_events += events[i];
			risk -= events[i] + censor[i];
			if (isnan(f->s.km_median) && surv <= 0.5)
				f->s.km_median = times[i];
		}
	}
	/* open records day by day, 115/05/11 .. 115/11/20 */
	{
		struct jdate d = { 2026, 5, 11 }, end = { 2026, 11, 20 };
		size_t n = (size_t)date_diff(d, end) + 1;

		f->burn = xcalloc(n, sizeof(*f->burn));
		f->nburn = n;
		for (i = 0; i < n; i++) {
			f->burn[i].date = date_add_days(d, (long)i);
			f->burn[i].open = (unsigned)(i < 120 ? 4 + i / 3 : 44 - (i - 120) / 4);
			f->burn[i].due = (i % 29 == 28) ? 1 + (unsigned)(i % 3) : 0;
		}
	}
	/* the vendor x item matrix */
	f->m.nvendors = FX_VENDORS;
	f->m.nitems = 27;
	f->m.taxid = xcalloc(FX_VENDORS, sizeof(char *));
	f->m.vendor = xcalloc(FX_VENDORS, sizeof(char *));
	f->m.code = xcalloc(27, sizeof(char *));
	f->m.cell = xcalloc(FX_VENDORS * 27, 1);
	for (i = 0; i < FX_VENDORS; i++) {
		f->m.taxid[i] = xstrdup(f->a.vendors_ranked[i].taxid);
		f->m.vendor[i] = xstrdup(f->a.vendors_ranked[i].name);
	}
	for (j = 0; j < 27; j++) {
		f->m.code[j] = xstrdup(checklist_builtin[j].code);
		for (i = 0; i < FX_VENDORS; i++)
			f->m.cell[i * 27 + j] = j == 26 ? RATING_NA
				: i < fx_k[j] ? (i % 2 ? RATING_PARTIAL : RATING_NONCOMPLIANT) : RATING_COMPLIANT;
	}
}

static void fixture_release(struct figures *f)
{
	size_t i;

	for (i = 0; i < f->a.nitems; i++) {
		struct item_stat *it = &f->a.items[i];

		free(it->code);
		free(it->category);
		free(it->dimension);
		free(it->question);
		free(it->basis);
	}
	free(f->a.items);
	for (i = 0; i < f->a.ndimensions; i++) {
		free(f->a.dimensions[i].name);
		free(f->a.dimensions[i].category);
	}
	free(f->a.dimensions);
	for (i = 0; i < f->a.ncategories; i++)
		free(f->a.categories[i].name);
	free(f->a.categories);
	for (i = 0; i < f->a.nvendors; i++) {
		free(f->a.vendors_ranked[i].taxid);
		free(f->a.vendors_ranked[i].name);
	}
	free(f->a.vendors_ranked);
	for (i = 0; i < f->a.npairs; i++) {
		free(f->a.pairs[i].a);
		free(f->a.pairs[i].b);
	}
	free(f->a.pairs);
	free(f->t.years);
	for (i = 0; i < f->t.nitems; i++) {
		free(f->t.items[i].code);
		free(f->t.items[i].dimension);
		free(f->t.items[i].points);
	}
	free(f->t.items);
	for (i = 0; i < f->s.nowners; i++)
		free(f->s.owners[i].owner);
	free(f->s.owners);
	free(f->s.km);
	free(f->burn);
	for (i = 0; i < f->m.nvendors; i++) {
		free(f->m.taxid[i]);
		free(f->m.vendor[i]);
	}
	for (i = 0; i < f->m.nitems; i++)
		free(f->m.code[i]);
	free(f->m.taxid);
	free(f->m.vendor);
	free(f->m.code);
	free(f->m.cell);
}

#endif
