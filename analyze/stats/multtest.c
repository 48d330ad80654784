/*
 * multtest.c - Benjamini-Hochberg false discovery rate adjustment, as R's
 * p.adjust(p, "BH").
 */
#include "stats.h"

#include <gsl/gsl_sort.h>
#include <math.h>
#include <stdlib.h>

void bh_adjust(const double *p, size_t m, double *q)
{
	size_t i, nvalid = 0, *order = NULL;
	double *valid = NULL, run = 1.0;

	for (i = 0; i < m; i++) {
		q[i] = NAN;
		if (!isnan(p[i]))
			nvalid++;
	}
	if (nvalid == 0)
		return;
	valid = malloc(nvalid * sizeof *valid);
	order = malloc(nvalid * sizeof *order);
	if (!valid || !order)
		goto end;	/* every q stays NAN: no figure rather than a wrong one */
	nvalid = 0;
	for (i = 0; i < m; i++)
		if (!isnan(p[i]))
			valid[nvalid++] = p[i];
	gsl_sort_index(order, valid, 1, nvalid);
	/*
	 * Step up from the largest p: q(i) = min over j >= i of m p(j) / j,
	 * capped at 1.  Tied p-values get the same q (the cumulative minimum
	 * carries the value of the larger rank down).  m counts valid p only.
	 */
	for (i = nvalid; i-- > 0;) {
		double v = valid[order[i]] * (double)nvalid / (double)(i + 1);

		if (v < run)
			run = v;
		valid[order[i]] = run;	/* order[] already holds the ranks */
	}
	nvalid = 0;
	for (i = 0; i < m; i++)
		if (!isnan(p[i]))
			q[i] = valid[nvalid++];
end:
	free(valid);
	free(order);
}
