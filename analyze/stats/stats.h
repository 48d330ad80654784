/*
 * stats.h - the statistics of jaudit, each a small function over plain
 * numbers with no database access (STATS.md has the methods, the GSL
 * pitfalls and the reference figures the tests check against).
 *
 * GSL's error handler is turned off (stats_init()); every GSL status is
 * checked.  Functions that can fail return 0 or JAUDIT_EDATA; a statistic
 * that is not defined for the input (n = 0, a constant vector) is NAN.
 */
#ifndef JAUDIT_STATS_H
#define JAUDIT_STATS_H

#include <stddef.h>

/* Turn GSL's abort-on-error handler off; idempotent. */
void stats_init(void);

/* --- binomial proportions ------------------------------------------------ */

/*
 * Wilson score interval for k of n at confidence `level` (0.95), as R's
 * prop.test(k, n, correct = FALSE)$conf.int.  n = 0: both NAN.
 */
void binom_wilson(unsigned k, unsigned n, double level, double *lo, double *hi);

/*
 * Clopper-Pearson ("exact") interval, as R's binom.test(k, n)$conf.int:
 * lower = 0 when k = 0, upper = 1 when k = n (never asking GSL for a beta
 * quantile with a = 0: that loops forever).  Returns 0 or JAUDIT_EDATA.
 */
int binom_exact(unsigned k, unsigned n, double level, double *lo, double *hi);

/* One-sided exact p = P(X >= k), X ~ Bin(n, p0); 1 when k = 0. */
double binom_p_greater(unsigned k, unsigned n, double p0);

/*
 * The binomial quantile, as R's qbinom(p, n, p0): the smallest r in 0..n
 * with P(X <= r) >= p, X ~ Bin(n, p0), found by direct search over the CDF
 * (no GSL inverse).  p <= 0 or p0 = 0 gives 0, p >= 1 or p0 = 1 gives n.
 */
unsigned binom_quantile(double p, unsigned n, double p0);

/*
 * A funnel plot's control limit at n for probability p (0.001, 0.025,
 * 0.975, 0.999): binom_quantile(p, n, p0) / n, or with interpolate
 * Spiegelhalter's (2005) smoothing (r - a) / n, a = (F(r) - p) / (F(r) -
 * F(r - 1)), kept within [0, 1] (p0 = 0 or 1: no smoothing).  NAN for n = 0
 * or p outside (0, 1).
 */
double binom_funnel_limit(double p, unsigned n, double p0, int interpolate);

/* --- multiple testing ------------------------------------------------------ */

/*
 * Benjamini-Hochberg adjusted p-values, as R's p.adjust(p, "BH"): q[i] for
 * p[i].  NAN entries are left out of m and get NAN.
 */
void bh_adjust(const double *p, size_t m, double *q);

/* --- 2 x 2 tables ---------------------------------------------------------- */

/*
 * Fisher's exact test of [[a, b], [c, d]], as R's fisher.test: two-sided
 * (tables no more likely than the observed, relative tolerance 1e-7),
 * `less` and `greater` (odds ratio below / above 1).  Any pointer may be
 * NULL.  Returns 0 or JAUDIT_EDATA.
 */
int fisher_exact(unsigned a, unsigned b, unsigned c, unsigned d,
		 double *two_sided, double *less, double *greater);

/*
 * Phi coefficient of the table [[n11, n10], [n01, n00]]; NAN when a margin
 * is zero.
 */
double phi_2x2(unsigned n11, unsigned n10, unsigned n01, unsigned n00);

/* Jaccard index n11 / (n11 + n10 + n01); NAN when that is 0. */
double jaccard_2x2(unsigned n11, unsigned n10, unsigned n01);

/* --- trend ------------------------------------------------------------------ */

/*
 * Chi-squared test for trend in proportions, as R's prop.trend.test(x, n,
 * score): x[i] events of n[i] at score[i], k groups.  Returns 0 and the
 * statistic (1 df) and p, or JAUDIT_EDATA (k < 2, all proportions 0 or 1:
 * then *chisq and *p are NAN).
 */
int catrend_test(const double *x, const double *n, const double *score,
		 size_t k, double *chisq, double *p);

/*
 * Weighted least squares y = c0 + c1 x (gsl_fit_wlinear); *se1 is the
 * standard error of c1 (NAN with fewer than 3 points).
 */
int wls_fit(const double *x, const double *y, const double *w, size_t n,
	    double *c0, double *c1, double *se1);

/* --- agreement --------------------------------------------------------------- */

/*
 * Fleiss' kappa.  counts is nsubjects x ncats (row-major): how many raters
 * put subject i in category j; every row must sum to the same number of
 * raters (>= 2).  Fills kappa, its z and the one-sided p of z (Fleiss 1971,
 * variance under the null), P-bar and P-bar-e; any may be NULL.  Returns 0
 * or JAUDIT_EDATA (unequal rows, fewer than 2 raters or subjects).
 */
int fleiss_kappa(const unsigned *counts, size_t nsubjects, size_t ncats,
		 double *kappa, double *z, double *p, double *pbar, double *pbar_e);

enum kripp_metric {
	KRIPP_NOMINAL,
	KRIPP_ORDINAL,
	KRIPP_INTERVAL,
};

/*
 * Krippendorff's alpha.  values is ncoders x nunits (row-major), NAN for
 * a missing rating; values are the category numbers (ordinal: their
 * order).  Units with fewer than 2 ratings are left out.  Returns 0, or
 * JAUDIT_EDATA when no unit has 2 ratings (then *alpha is NAN).
 */
int kripp_alpha(const double *values, size_t ncoders, size_t nunits,
		enum kripp_metric metric, double *alpha);

/* --- survival ------------------------------------------------------------------ */

struct km_point {
	double time;		/* an event time */
	unsigned n_risk;	/* at risk just before it */
	unsigned n_event;	/* events at it */
	unsigned n_censor;	/* censored at it (counted after the events) */
	double surv;		/* Kaplan-Meier estimate just after it */
	double se;		/* Greenwood standard error of surv */
	double lower, upper;	/* pointwise interval (log transform, as survfit's default) */
};

/*
 * Kaplan-Meier product-limit estimate, as R's survival::survfit(Surv(time,
 * event) ~ 1): one point per distinct time at which an event or a
 * censoring happens, sorted.  event[i] is 1 for an event (closure), 0 for
 * a censored time; n = 0 gives no points.  *median is the first time at
 * which surv <= 0.5 (the midpoint to the next event time when surv is
 * exactly 0.5, or to the last time when no event follows), NAN when the
 * curve does not reach 0.5.  se, lower and upper are NAN where surv is 0.
 * The caller frees *points.  Returns 0 or JAUDIT_EDATA (a negative or
 * non-finite time, an event not 0 or 1, a level outside (0, 1)).
 */
int km_fit(const double *time, const int *event, size_t n, double level,
	   struct km_point **points, size_t *npoints, double *median);

#endif
