/*
 * funnel.c - the funnel plot's figures (funnel.h).
 */
#include "funnel.h"
#include "../core/err.h"
#include "../core/strbuf.h"
#include "stats/stats.h"
#include "yearpass.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const double funnel_prob[FUNNEL_NLIM] = { 0.001, 0.025, 0.975, 0.999 };

/* k / n above lim (below with sign -1), not by rounding: a relative 1e-12 */
static int beyond(unsigned k, unsigned n, double lim, int sign)
{
	double y = (double)k / n, tol = 1e-12 * (lim > 0 ? lim : 1.0);

	return sign > 0 ? y > lim + tol : y < lim - tol;
}

const struct funnel_limits *funnel_at(const struct funnel *f, unsigned n)
{
	if (n == 0 || n > f->nlimits)
		return NULL;
	return &f->limits[n - 1];
}

int funnel_compute(const struct analysis *a, int interpolate, struct funnel *f)
{
	unsigned nmax = 0;
	size_t i;
	int j;

	memset(f, 0, sizeof(*f));
	stats_init();
	f->year = a->params.year;
	f->interpolate = interpolate;
	for (i = 0; i < a->nvendors; i++) {
		f->total_n += a->vendors_ranked[i].applicable;
		f->total_k += a->vendors_ranked[i].findings;
		if (a->vendors_ranked[i].applicable > nmax)
			nmax = a->vendors_ranked[i].applicable;
	}
	f->p0 = f->total_n ? (double)f->total_k / f->total_n : NAN;
	f->points = xcalloc(a->nvendors ? a->nvendors : 1, sizeof(*f->points));
	if (f->total_n == 0)
		return 0;
	f->nlimits = nmax;
	f->limits = xcalloc(nmax, sizeof(*f->limits));
	for (i = 0; i < nmax; i++) {
		struct funnel_limits *l = &f->limits[i];

		l->n = (unsigned)i + 1;
		for (j = 0; j < FUNNEL_NLIM; j++) {
			l->q[j] = binom_quantile(funnel_prob[j], l->n, f->p0);
			l->lim[j] = binom_funnel_limit(funnel_prob[j], l->n, f->p0, interpolate);
		}
	}
	for (i = 0; i < a->nvendors; i++) {
		const struct vendor_stat *v = &a->vendors_ranked[i];
		struct funnel_point *pt;
		const struct funnel_limits *l;

		if (v->applicable == 0)
			continue;
		l = funnel_at(f, v->applicable);
		pt = &f->points[f->npoints++];
		pt->index = i;
		pt->taxid = v->taxid;
		pt->name = v->name;
		pt->n = v->applicable;
		pt->k = v->findings;
		pt->y = (double)pt->k / pt->n;
		pt->p_high = binom_p_greater(pt->k, pt->n, f->p0);
		pt->above998 = beyond(pt->k, pt->n, l->lim[FUNNEL_HI998], 1);
		pt->above95 = beyond(pt->k, pt->n, l->lim[FUNNEL_HI95], 1);
		pt->below998 = beyond(pt->k, pt->n, l->lim[FUNNEL_LO998], -1);
		pt->below95 = beyond(pt->k, pt->n, l->lim[FUNNEL_LO95], -1);
		f->above998 += pt->above998;
		f->above95 += pt->above95;
		f->below998 += pt->below998;
		f->below95 += pt->below95;
	}
	return 0;
}

void funnel_release(struct funnel *f)
{
	free(f->points);
	free(f->limits);
	memset(f, 0, sizeof(*f));
}

cJSON *funnel_json(const struct funnel *f, int names)
{
	static const char *const qkey[FUNNEL_NLIM] = { "q_lo998", "q_lo95", "q_hi95", "q_hi998" };
	static const char *const lkey[FUNNEL_NLIM] = { "lo998", "lo95", "hi95", "hi998" };
	cJSON *root = cJSON_CreateObject(), *arr;
	size_t i;
	int j;

	cJSON_AddNumberToObject(root, "year", f->year);
	yearpass_json_num(root, "p0", f->p0);
	cJSON_AddNumberToObject(root, "total_n", f->total_n);
	cJSON_AddNumberToObject(root, "total_k", f->total_k);
	cJSON_AddStringToObject(root, "limits_method", f->interpolate ? "spiegelhalter" : "quantile");
	cJSON_AddNumberToObject(root, "above998", (double)f->above998);
	cJSON_AddNumberToObject(root, "above95", (double)f->above95);
	cJSON_AddNumberToObject(root, "below998", (double)f->below998);
	cJSON_AddNumberToObject(root, "below95", (double)f->below95);
	arr = cJSON_AddArrayToObject(root, "limits");
	for (i = 0; i < f->nlimits; i++) {
		cJSON *o = cJSON_CreateObject();

		cJSON_AddNumberToObject(o, "n", f->limits[i].n);
		for (j = 0; j < FUNNEL_NLIM; j++)
			cJSON_AddNumberToObject(o, qkey[j], f->limits[i].q[j]);
		for (j = 0; j < FUNNEL_NLIM; j++)
			yearpass_json_num(o, lkey[j], f->limits[i].lim[j]);
		cJSON_AddItemToArray(arr, o);
	}
	arr = cJSON_AddArrayToObject(root, "vendors");
	for (i = 0; i < f->npoints; i++) {
		const struct funnel_point *p = &f->points[i];
		cJSON *o = cJSON_CreateObject();

		cJSON_AddNumberToObject(o, "index", (double)p->index);
		if (names) {
			cJSON_AddStringToObject(o, "taxid", p->taxid);
			cJSON_AddStringToObject(o, "name", p->name ? p->name : "");
		}
		cJSON_AddNumberToObject(o, "n", p->n);
		cJSON_AddNumberToObject(o, "k", p->k);
		yearpass_json_num(o, "share", p->y);
		yearpass_json_num(o, "p_high", p->p_high);
		cJSON_AddBoolToObject(o, "above95", p->above95);
		cJSON_AddBoolToObject(o, "above998", p->above998);
		cJSON_AddBoolToObject(o, "below95", p->below95);
		cJSON_AddBoolToObject(o, "below998", p->below998);
		cJSON_AddItemToArray(arr, o);
	}
	return root;
}
