/*
 * assert_close.h - cmocka assertion for floating-point reference figures:
 * |x - want| <= tol * max(|want|, 1e-300), and NAN only where NAN is wanted.
 * Include after <cmocka.h>.
 */
#ifndef JAUDIT_TESTS_ASSERT_CLOSE_H
#define JAUDIT_TESTS_ASSERT_CLOSE_H

#include <math.h>
#include <stdio.h>

/* Relative tolerance for figures R prints to 15 digits. */
#define REL_TOL 1e-9

static inline int close_enough(double x, double want, double tol)
{
	double scale = fabs(want) > 1e-300 ? fabs(want) : 1e-300;

	if (isnan(want))
		return isnan(x);
	if (want == 0.0)
		return fabs(x) <= tol;
	return fabs(x - want) <= tol * scale;
}

#define assert_close(x, want, tol) do { \
	double x_ = (x), w_ = (want); \
	if (!close_enough(x_, w_, (tol))) { \
		print_error("%s = %.17g, expected %.17g (tolerance %g)\n", \
			    #x, x_, w_, (double)(tol)); \
		fail(); \
	} \
} while (0)

#define assert_rel(x, want) assert_close(x, want, REL_TOL)

#endif
