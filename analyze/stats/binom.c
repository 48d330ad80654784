/*
 * binom.c - intervals and the one-sided exact test for a binomial
 * proportion k of n (STATS.md, "Binomial intervals").
 */
#include "../../core/err.h"
#include "stats.h"

#include <gsl/gsl_cdf.h>
#include <math.h>

/* z = qnorm((1 + level) / 2); NAN for a level outside (0, 1). */
static double two_sided_z(double level)
{
	if (!(level > 0.0 && level < 1.0))
		return NAN;
	return gsl_cdf_ugaussian_Pinv(0.5 + level / 2.0);
}

void binom_wilson(unsigned k, unsigned n, double level, double *lo, double *hi)
{
	double z = two_sided_z(level), p, z22n, half, centre, denom;

	*lo = *hi = NAN;
	if (n == 0 || k > n || isnan(z))
		return;
	/* R's prop.test(correct = FALSE): the ends 0 and 1 are exact */
	p = (double)k / n;
	z22n = z * z / (2.0 * n);
	denom = 1.0 + 2.0 * z22n;
	centre = p + z22n;
	half = z * sqrt(p * (1.0 - p) / n + z22n / (2.0 * n));
	*lo = k == 0 ? 0.0 : (centre - half) / denom;
	*hi = k == n ? 1.0 : (centre + half) / denom;
}

int binom_exact(unsigned k, unsigned n, double level, double *lo, double *hi)
{
	double a;

	*lo = *hi = NAN;
	if (n == 0 || k > n || !(level > 0.0 && level < 1.0))
		return JAUDIT_EDATA;
	a = (1.0 - level) / 2.0;
	/*
	 * Never call the beta quantile with a shape of 0: with GSL's handler
	 * off, gsl_cdf_beta_Pinv(P, 0, b) loops forever (STATS.md pitfall 1).
	 */
	*lo = k == 0 ? 0.0 : gsl_cdf_beta_Pinv(a, k, (double)(n - k) + 1.0);
	*hi = k == n ? 1.0 : gsl_cdf_beta_Qinv(a, (double)k + 1.0, n - k);
	if (!isfinite(*lo) || !isfinite(*hi) || *lo < 0.0 || *hi > 1.0) {
		*lo = *hi = NAN;
		return JAUDIT_EDATA;
	}
	return 0;
}

double binom_p_greater(unsigned k, unsigned n, double p0)
{
	if (!(p0 >= 0.0 && p0 <= 1.0))
		return NAN;
	if (k == 0)
		return 1.0;	/* P(X >= 0); also keeps k - 1 from wrapping */
	if (k > n)
		return 0.0;
	/* gsl_cdf_binomial_Q(k, ...) is P(X > k): strict (pitfall 2) */
	return gsl_cdf_binomial_Q(k - 1, p0, n);
}
