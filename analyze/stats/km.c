/*
 * km.c - the Kaplan-Meier product-limit estimate of time to closure, its
 * Greenwood standard error, the log-transformed pointwise interval and
 * the median, all as R's survival::survfit (STATS.md pitfall 3).
 */
#include "../../core/err.h"
#include "stats.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sort.h>
#include <math.h>
#include <stdlib.h>

/*
 * The median by survival's quantile rule (findq): with y = 1 - surv and
 * tol = sqrt(DBL_EPSILON), the time at which y first reaches 0.5; where
 * y equals 0.5 within tol, the midpoint between that time and the next
 * time y changes (an event), or the last time of all when it never does.
 */
static double km_median(const struct km_point *pt, size_t np)
{
	const double tol = 1.4901161193847656e-08, p = 0.5;
	double x1 = NAN, x2 = NAN, prev_y = 0.0, y_last = 0.0;
	size_t i;
	int have1 = 0, have2 = 0;

	for (i = 0; i < np; i++) {
		double y = 1.0 - pt[i].surv;

		y_last = y;
		if (y == prev_y)
			continue;	/* a censored time: the curve did not move */
		prev_y = y;
		if (!have1 && y + tol >= p) {
			x1 = pt[i].time;
			have1 = 1;
		}
		if (!have2 && y - tol >= p) {
			x2 = pt[i].time;
			have2 = 1;
		}
	}
	if (np == 0 || y_last < p)
		return NAN;	/* the curve never reaches 0.5 */
	if (fabs(p - y_last) < tol)
		return (x1 + pt[np - 1].time) / 2.0;
	return (x1 + x2) / 2.0;
}

int km_fit(const double *time, const int *event, size_t n, double level,
	   struct km_point **points, size_t *npoints, double *median)
{
	struct km_point *pt = NULL;
	size_t *order = NULL, i, j, np = 0;
	double z, surv = 1.0, gw = 0.0;
	unsigned at_risk = (unsigned)n;

	*points = NULL;
	*npoints = 0;
	*median = NAN;
	if (!(level > 0.0 && level < 1.0) || n > 0xffffffffu)
		return JAUDIT_EDATA;
	for (i = 0; i < n; i++)
		if (!(time[i] >= 0.0) || !isfinite(time[i]) ||
		    (event[i] != 0 && event[i] != 1))
			return JAUDIT_EDATA;
	if (n == 0)
		return 0;	/* nothing to estimate: no points, median NAN */
	z = gsl_cdf_ugaussian_Pinv(0.5 + level / 2.0);
	order = malloc(n * sizeof *order);
	pt = malloc(n * sizeof *pt);
	if (!order || !pt) {
		free(order);
		free(pt);
		return JAUDIT_EDATA;
	}
	gsl_sort_index(order, time, 1, n);

	for (i = 0; i < n; i = j) {
		struct km_point *q = &pt[np++];
		double t = time[order[i]], d, r;

		q->time = t;
		q->n_risk = at_risk;
		q->n_event = q->n_censor = 0;
		for (j = i; j < n && time[order[j]] == t; j++) {
			if (event[order[j]])
				q->n_event++;
			else
				q->n_censor++;
		}
		d = q->n_event;
		r = q->n_risk;
		if (d > 0) {
			surv *= 1.0 - d / r;
			/* Greenwood: the sum of d / (r (r - d)); infinite once surv is 0 */
			gw = d < r ? gw + d / (r * (r - d)) : INFINITY;
		}
		q->surv = surv;
		if (surv > 0.0) {
			double sigma = sqrt(gw);

			q->se = surv * sigma;
			q->lower = surv * exp(-z * sigma);
			q->upper = fmin(1.0, surv * exp(z * sigma));
		} else {
			q->se = q->lower = q->upper = NAN;	/* survfit: NaN, NA, NA */
		}
		at_risk -= q->n_event + q->n_censor;
	}
	free(order);
	*median = km_median(pt, np);
	*points = pt;
	*npoints = np;
	return 0;
}
