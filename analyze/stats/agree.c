/*
 * agree.c - agreement between auditors: Fleiss' kappa (a fixed number of
 * raters per subject) and Krippendorff's alpha (any number, missing
 * ratings allowed; nominal, ordinal and interval metrics).
 */
#include "../../core/err.h"
#include "stats.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_sort.h>
#include <math.h>
#include <stdlib.h>

static void set_if(double *out, double v)
{
	if (out)
		*out = v;
}

int fleiss_kappa(const unsigned *counts, size_t nsubjects, size_t ncats,
		 double *kappa, double *z, double *p, double *pbar, double *pbar_e)
{
	double m = 0, sum_pi = 0, pe = 0, spq = 0, spqqp = 0, pb, k, var, zz;
	size_t i, j;

	set_if(kappa, NAN);
	set_if(z, NAN);
	set_if(p, NAN);
	set_if(pbar, NAN);
	set_if(pbar_e, NAN);
	if (nsubjects < 2 || ncats < 1)
		return JAUDIT_EDATA;
	for (j = 0; j < ncats; j++)
		m += counts[j];
	if (m < 2)
		return JAUDIT_EDATA;
	for (i = 0; i < nsubjects; i++) {
		double row = 0, sq = 0;

		for (j = 0; j < ncats; j++) {
			double c = counts[i * ncats + j];

			row += c;
			sq += c * c;
		}
		if (row != m)
			return JAUDIT_EDATA;	/* Fleiss needs the same raters per subject */
		sum_pi += (sq - m) / (m * (m - 1));
	}
	pb = sum_pi / (double)nsubjects;
	for (j = 0; j < ncats; j++) {
		double s = 0, pj, qj;

		for (i = 0; i < nsubjects; i++)
			s += counts[i * ncats + j];
		pj = s / ((double)nsubjects * m);
		qj = 1 - pj;
		pe += pj * pj;
		spq += pj * qj;
		spqqp += pj * qj * (qj - pj);
	}
	set_if(pbar, pb);
	set_if(pbar_e, pe);
	if (!(spq > 0))
		return 0;	/* every rating in one category: kappa is 0/0 */
	k = (pb - pe) / (1 - pe);
	/* Fleiss (1971) variance of kappa when agreement is by chance only */
	var = 2.0 / (spq * spq * (double)nsubjects * m * (m - 1)) *
	      (spq * spq - spqqp);
	set_if(kappa, k);
	if (var > 0) {
		zz = k / sqrt(var);
		set_if(z, zz);
		set_if(p, gsl_cdf_ugaussian_Q(zz));
	}
	return 0;
}

/* The index of v in the sorted distinct values vals[0..q). */
static size_t value_index(const double *vals, size_t q, double v)
{
	size_t lo = 0, hi = q;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (vals[mid] <= v)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* Squared distance between the values of index a and b. */
static double delta2(enum kripp_metric metric, const double *vals,
		     const double *nc, size_t a, size_t b)
{
	size_t lo = a < b ? a : b, hi = a < b ? b : a, g;
	double s = 0;

	switch (metric) {
	case KRIPP_NOMINAL:
		return a == b ? 0.0 : 1.0;
	case KRIPP_INTERVAL:
		return (vals[a] - vals[b]) * (vals[a] - vals[b]);
	case KRIPP_ORDINAL:
		/* the ranks between the two, each end counting half */
		for (g = lo; g <= hi; g++)
			s += nc[g];
		s -= (nc[a] + nc[b]) / 2.0;
		return s * s;
	}
	return NAN;
}

/* The distinct values of the len cells (total of them not NAN) into vals, sorted: how many. */
static size_t distinct_values(const double *values, size_t len, size_t total, double *vals)
{
	size_t q = 0, i;

	for (i = 0; i < len; i++)
		if (!isnan(values[i]))
			vals[q++] = values[i];
	gsl_sort(vals, 1, q);
	for (i = 1, total = q, q = 1; i < total; i++)
		if (vals[i] != vals[q - 1])
			vals[q++] = vals[i];
	return q;
}

/*
 * The coincidence matrix o (q x q, zeroed): each ordered pair of values
 * in a unit weighs 1/(m_u - 1).  unit: room for ncoders values.
 */
static void coincidences(const double *values, size_t ncoders, size_t nunits, const double *vals,
			 size_t q, double *unit, gsl_matrix *o)
{
	size_t u, i, a, b;

	for (u = 0; u < nunits; u++) {
		size_t mu = 0;

		for (i = 0; i < ncoders; i++) {
			double v = values[i * nunits + u];

			if (!isnan(v))
				unit[mu++] = v;
		}
		if (mu < 2)
			continue;	/* not pairable */
		for (a = 0; a < mu; a++)
			for (b = 0; b < mu; b++) {
				size_t ia, ib;

				if (a == b)
					continue;
				ia = value_index(vals, q, unit[a]);
				ib = value_index(vals, q, unit[b]);
				*gsl_matrix_ptr(o, ia, ib) += 1.0 / (double)(mu - 1);
			}
	}
}

int kripp_alpha(const double *values, size_t ncoders, size_t nunits,
		enum kripp_metric metric, double *alpha)
{
	double *vals = NULL, *nc = NULL, *unit = NULL, n = 0, dobs = 0, dexp = 0;
	size_t total = 0, q, i, a, b;
	gsl_matrix *o = NULL;
	int rc = JAUDIT_EDATA;

	*alpha = NAN;
	if (metric != KRIPP_NOMINAL && metric != KRIPP_ORDINAL &&
	    metric != KRIPP_INTERVAL)
		return JAUDIT_EDATA;
	for (i = 0; i < ncoders * nunits; i++) {
		if (isinf(values[i]))
			return JAUDIT_EDATA;
		total += !isnan(values[i]);
	}
	if (total < 2)
		return JAUDIT_EDATA;
	vals = malloc(total * sizeof *vals);
	unit = malloc(ncoders * sizeof *unit);
	if (!vals || !unit)
		goto end;
	q = distinct_values(values, ncoders * nunits, total, vals);
	o = gsl_matrix_calloc(q, q);
	nc = calloc(q, sizeof *nc);
	if (!o || !nc)
		goto end;
	coincidences(values, ncoders, nunits, vals, q, unit, o);
	for (a = 0; a < q; a++) {
		for (b = 0; b < q; b++)
			nc[a] += gsl_matrix_get(o, a, b);
		n += nc[a];
	}
	if (!(n > 0))
		goto end;	/* no unit with two ratings */
	for (a = 0; a < q; a++)
		for (b = 0; b < q; b++) {
			double d = delta2(metric, vals, nc, a, b);

			dobs += gsl_matrix_get(o, a, b) * d;
			dexp += nc[a] * nc[b] * d;
		}
	rc = 0;
	/* one value only: no disagreement is even possible, alpha is 0/0 */
	if (dexp > 0)
		*alpha = 1.0 - (n - 1.0) * dobs / dexp;
end:
	gsl_matrix_free(o);
	free(vals);
	free(nc);
	free(unit);
	return rc;
}
