/*
 * trendtest.c - the chi-squared test for trend in proportions (Cochran-
 * Armitage, as R's prop.trend.test) and weighted least squares.
 */
#include "../../core/err.h"
#include "stats.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_fit.h>
#include <math.h>
#include <stdlib.h>

/* Sum of w (x - weighted mean of x)^2 over the points with w > 0. */
static double weighted_sxx(const double *x, const double *w, size_t n)
{
	double sw = 0, swx = 0, mean, s = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		sw += w[i];
		swx += w[i] * x[i];
	}
	if (!(sw > 0))
		return 0;
	mean = swx / sw;
	for (i = 0; i < n; i++)
		s += w[i] * (x[i] - mean) * (x[i] - mean);
	return s;
}

int wls_fit(const double *x, const double *y, const double *w, size_t n,
	    double *c0, double *c1, double *se1)
{
	double cov00, cov01, cov11, sumsq;
	size_t i, used = 0;

	*c0 = *c1 = *se1 = NAN;
	for (i = 0; i < n; i++) {
		if (!isfinite(x[i]) || !isfinite(y[i]) || !isfinite(w[i]) || w[i] < 0)
			return JAUDIT_EDATA;
		used += w[i] > 0;
	}
	/* a line needs two distinct x with weight; GSL would divide by zero */
	if (used < 2 || !(weighted_sxx(x, w, n) > 0))
		return JAUDIT_EDATA;
	if (gsl_fit_wlinear(x, 1, w, 1, y, 1, n, c0, c1, &cov00, &cov01,
			    &cov11, &sumsq) != GSL_SUCCESS) {
		*c0 = *c1 = NAN;
		return JAUDIT_EDATA;
	}
	/*
	 * GSL's cov11 treats w as 1/sigma^2; the standard error of lm(y ~ x,
	 * weights = w) scales it by the residual variance on n - 2 degrees of
	 * freedom, which needs a third point.
	 */
	if (used >= 3)
		*se1 = sqrt(cov11 * sumsq / (double)(used - 2));
	return 0;
}

int catrend_test(const double *x, const double *n, const double *score,
		 size_t k, double *chisq, double *p)
{
	double sx = 0, sn = 0, pbar, c0, c1, cov00, cov01, cov11, sumsq;
	double *y = NULL, *w = NULL;
	size_t i;
	int rc = JAUDIT_EDATA;

	*chisq = *p = NAN;
	if (k < 2)
		return JAUDIT_EDATA;
	for (i = 0; i < k; i++) {
		if (!(x[i] >= 0 && n[i] >= x[i]) || !isfinite(n[i]) || !isfinite(score[i]))
			return JAUDIT_EDATA;
		sx += x[i];
		sn += n[i];
	}
	if (!(sn > 0))
		return JAUDIT_EDATA;
	pbar = sx / sn;
	if (pbar <= 0 || pbar >= 1)
		return JAUDIT_EDATA;	/* no variation: the statistic is 0/0 */
	y = malloc(k * sizeof *y);
	w = malloc(k * sizeof *w);
	if (!y || !w)
		goto end;
	/*
	 * R: lm(x/n ~ score, weights = n / (p(1 - p))), the statistic is the
	 * regression sum of squares c1^2 / cov11 (pitfall 5).  A group with
	 * n = 0 carries no weight.
	 */
	for (i = 0; i < k; i++) {
		y[i] = n[i] > 0 ? x[i] / n[i] : 0.0;
		w[i] = n[i] / (pbar * (1.0 - pbar));
	}
	if (!(weighted_sxx(score, w, k) > 0))
		goto end;	/* every group with data has the same score */
	if (gsl_fit_wlinear(score, 1, w, 1, y, 1, k, &c0, &c1, &cov00, &cov01,
			    &cov11, &sumsq) != GSL_SUCCESS || !(cov11 > 0))
		goto end;
	*chisq = c1 * c1 / cov11;
	*p = gsl_cdf_chisq_Q(*chisq, 1.0);
	if (!isfinite(*chisq) || !isfinite(*p)) {
		*chisq = *p = NAN;
		goto end;
	}
	rc = 0;
end:
	free(y);
	free(w);
	return rc;
}
