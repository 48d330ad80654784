/*
 * fisher.c - 2 x 2 tables: Fisher's exact test (as R's fisher.test), the
 * phi coefficient and the Jaccard index.
 */
#include "../../core/err.h"
#include "stats.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_sf_gamma.h>
#include <math.h>

/* log C(m, i) + log C(n, k - i): the hypergeometric log density up to a constant. */
static int log_weight(unsigned m, unsigned n, unsigned k, unsigned i, double *out)
{
	gsl_sf_result r1, r2;

	if (gsl_sf_lnchoose_e(m, i, &r1) != GSL_SUCCESS ||
	    gsl_sf_lnchoose_e(n, k - i, &r2) != GSL_SUCCESS)
		return JAUDIT_EDATA;
	*out = r1.val + r2.val;
	return 0;
}

/*
 * Two-sided: the sum of the probabilities of every table with these
 * margins (m, n, k; x in lo..hi) no more likely than the observed one
 * (x = a), with R's relative tolerance 1 + 1e-7 so that ties in floating
 * point count (pitfall 4).  The hypergeometric density is unimodal: walk
 * out from the mode with the ratio of neighbouring densities (no
 * logarithm per table), and stop where the terms can no longer change the
 * sum in the 18th digit of the observed table's own probability.
 */
static int two_sided_p(unsigned m, unsigned n, unsigned k, unsigned a, unsigned lo, unsigned hi,
		       double *p)
{
	unsigned i, mode;
	double lx, lmode, dobs, thresh, cut, sum, tail, w;

	mode = (unsigned)(((double)k + 1.0) * ((double)m + 1.0) / ((double)m + n + 2.0));
	if (mode < lo)
		mode = lo;
	if (mode > hi)
		mode = hi;
	if (log_weight(m, n, k, a, &lx) < 0 || log_weight(m, n, k, mode, &lmode) < 0)
		return JAUDIT_EDATA;
	dobs = exp(lx - lmode);
	thresh = dobs * (1.0 + 1e-7);
	cut = dobs * 1e-18 / ((double)(hi - lo) + 1.0);
	sum = 1.0;
	tail = 1.0 <= thresh ? 1.0 : 0.0;
	for (i = mode, w = 1.0; i < hi; i++) {
		w *= ((double)(m - i) * (double)(k - i)) /
		     (((double)i + 1.0) * ((double)n - (double)k + i + 1.0));
		sum += w;
		if (w <= thresh) {
			tail += w;
			if (w < cut || w == 0.0)
				break;
		}
	}
	for (i = mode, w = 1.0; i > lo; i--) {
		w *= ((double)i * ((double)n - (double)k + i)) /
		     (((double)(m - i) + 1.0) * ((double)(k - i) + 1.0));
		sum += w;
		if (w <= thresh) {
			tail += w;
			if (w < cut || w == 0.0)
				break;
		}
	}
	*p = tail / sum;
	if (*p > 1.0)
		*p = 1.0;
	return 0;
}

int fisher_exact(unsigned a, unsigned b, unsigned c, unsigned d,
		 double *two_sided, double *less, double *greater)
{
	/* R's names: m, n the column sums, k the first row's sum, x = a */
	unsigned m = a + c, n = b + d, k = a + b, lo, hi;

	if (two_sided)
		*two_sided = NAN;
	if (less)
		*less = NAN;
	if (greater)
		*greater = NAN;
	if (m < a || n < b || k < a || m + n < m)
		return JAUDIT_EDATA;	/* unsigned overflow */
	lo = k > n ? k - n : 0;
	hi = k < m ? k : m;

	if (less)
		*less = gsl_cdf_hypergeometric_P(a, m, n, k);
	if (greater)	/* P(X >= a): Q is strict, and a = 0 must not wrap */
		*greater = a == 0 ? 1.0 : gsl_cdf_hypergeometric_Q(a - 1, m, n, k);
	if ((less && !isfinite(*less)) || (greater && !isfinite(*greater)))
		goto fail;
	if (less && *less > 1.0)
		*less = 1.0;
	if (greater && *greater > 1.0)
		*greater = 1.0;
	if (!two_sided)
		return 0;
	if (two_sided_p(m, n, k, a, lo, hi, two_sided) < 0)
		goto fail;
	return 0;
fail:
	if (two_sided)
		*two_sided = NAN;
	if (less)
		*less = NAN;
	if (greater)
		*greater = NAN;
	return JAUDIT_EDATA;
}

double phi_2x2(unsigned n11, unsigned n10, unsigned n01, unsigned n00)
{
	double r1 = (double)n11 + n10, r0 = (double)n01 + n00;
	double c1 = (double)n11 + n01, c0 = (double)n10 + n00;

	if (r1 == 0 || r0 == 0 || c1 == 0 || c0 == 0)
		return NAN;
	/* the Pearson correlation of the two 0/1 vectors, in closed form */
	return ((double)n11 * n00 - (double)n10 * n01) / sqrt(r1 * r0 * c1 * c0);
}

double jaccard_2x2(unsigned n11, unsigned n10, unsigned n01)
{
	double den = (double)n11 + n10 + n01;

	return den == 0 ? NAN : n11 / den;
}
