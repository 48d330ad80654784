/*
 * binom.c - intervals and the one-sided exact test for a binomial
 * proportion k of n (STATS.md, "Binomial intervals").
 */
#include "../../core/err.h"
#include "stats.h"

#include <gsl/gsl_cdf.h>
#include <float.h>
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

/*
 * The binomial quantile by direct search over gsl_cdf_binomial_P (never a
 * GSL inverse: STATS.md pitfall 1).  R's qbinom asks for F(r) >= p with a
 * relative fuzz of 64 DBL_EPSILON so that a CDF equal to p in exact
 * arithmetic but rounded just below still counts (left continuity).
 */
static double binom_cdf(long r, unsigned n, double p0)
{
	if (r < 0)
		return 0.0;
	if ((unsigned long)r >= n)
		return 1.0;
	return gsl_cdf_binomial_P((unsigned)r, p0, n);
}

unsigned binom_quantile(double p, unsigned n, double p0)
{
	double target;
	unsigned r;

	if (n == 0 || !(p > 0.0) || p0 <= 0.0)
		return 0;
	if (p >= 1.0 || p0 >= 1.0)
		return n;
	target = p * (1.0 - 64.0 * DBL_EPSILON);
	for (r = 0; r < n; r++)
		if (binom_cdf(r, n, p0) >= target)
			return r;
	return n;
}

double binom_funnel_limit(double p, unsigned n, double p0, int interpolate)
{
	unsigned r;
	double fr, fr1, a, lim;

	if (n == 0 || !(p > 0.0 && p < 1.0) || !(p0 >= 0.0 && p0 <= 1.0))
		return NAN;
	r = binom_quantile(p, n, p0);
	if (!interpolate || p0 == 0.0 || p0 == 1.0)
		return (double)r / n;	/* a point mass has no step to smooth */
	/*
	 * Spiegelhalter (2005), appendix A.1.1: the limit (r - a) / n with
	 * a = (F(r) - p) / (F(r) - F(r - 1)), the linear interpolation of the
	 * CDF between r - 1 and r; kept within [0, 1].
	 */
	fr = binom_cdf(r, n, p0);
	fr1 = binom_cdf((long)r - 1, n, p0);
	a = fr > fr1 ? (fr - p) / (fr - fr1) : 0.0;
	if (a < 0.0)
		a = 0.0;	/* F(r) a hair below p, accepted by the fuzz */
	lim = ((double)r - a) / n;
	return lim < 0.0 ? 0.0 : lim > 1.0 ? 1.0 : lim;
}
