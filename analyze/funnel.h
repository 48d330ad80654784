/*
 * funnel.h - the funnel plot of a year's vendors (Spiegelhalter 2005,
 * "Funnel plots for comparing institutional performance"): each vendor's
 * share of its applicable items with a finding (y = k / n) against its
 * number of applicable items n, with exact binomial control limits around
 * the year's overall rate p0 = (all findings) / (all applicable items).
 *
 * For each n the limits are qbinom(a/2, n, p0) / n and qbinom(1 - a/2, n,
 * p0) / n at 95% (a = 0.05) and 99.8% (a = 0.002), smoothed between the
 * quantiles by Spiegelhalter's interpolation (binom_funnel_limit).  A
 * vendor is above a limit when its point lies above the line drawn: k / n
 * greater than the interpolated limit at its n.  The figures come from the
 * analysis (vendors_ranked): no database access.
 */
#ifndef JAUDIT_FUNNEL_H
#define JAUDIT_FUNNEL_H

#include <cjson/cJSON.h>
#include <stddef.h>
#include "analysis.h"

/* The four limits, in this order, and their probabilities. */
enum { FUNNEL_LO998, FUNNEL_LO95, FUNNEL_HI95, FUNNEL_HI998, FUNNEL_NLIM };
extern const double funnel_prob[FUNNEL_NLIM];	/* 0.001, 0.025, 0.975, 0.999 */

struct funnel_limits {
	unsigned n;
	unsigned q[FUNNEL_NLIM];	/* qbinom(prob, n, p0) */
	double lim[FUNNEL_NLIM];	/* the plotted limit (interpolated unless asked not to) */
};

struct funnel_point {
	size_t index;		/* position in vendors_ranked: 廠商A is 0 */
	const char *taxid, *name;	/* the analysis's strings */
	unsigned n, k;
	double y;		/* k / n */
	double p_high;		/* P(X >= k), X ~ Bin(n, p0): how unusual a high k is */
	int above95, above998;	/* y above the upper 95% / 99.8% limit */
	int below95, below998;	/* y below the lower limits */
};

struct funnel {
	int year;
	int interpolate;
	unsigned total_n, total_k;	/* applicable vendor-items, of them findings */
	double p0;			/* total_k / total_n; NAN when total_n = 0 */
	struct funnel_point *points;	/* vendors with n > 0, in vendors_ranked order */
	size_t npoints;
	struct funnel_limits *limits;	/* n = 1 .. nmax, limits[i].n = i + 1 */
	size_t nlimits;
	size_t above998, above95, below998, below95;	/* counts of points */
};

/* The limits at n (1 .. nmax), or NULL. */
const struct funnel_limits *funnel_at(const struct funnel *f, unsigned n);

/*
 * The funnel of a's vendors; interpolate 1 for Spiegelhalter's smoothing,
 * 0 for the plain quantile steps.  Valid while a is.  Returns 0 (no
 * vendors: npoints 0, p0 NAN); release with funnel_release().
 */
int funnel_compute(const struct analysis *a, int interpolate, struct funnel *f);
void funnel_release(struct funnel *f);

/*
 * {p0, total_n, total_k, interpolation, limits[] {n, q..., lim...},
 * vendors[] {...}}; with names each vendor's taxid and name, else only its
 * index (廠商A = 0).
 */
cJSON *funnel_json(const struct funnel *f, int names);

#endif
